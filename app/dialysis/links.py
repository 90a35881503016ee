"""The dialysis machine links of a station's beds, and what each one shows.

For every ``[[beds]]`` entry with a machine port, ``BedLink`` builds the
driver the configuration names (``astm``: the ASTM driver over a serial
port or pyserial URL such as ``socket://host:port``; ``hl7``: the HL7/MLLP
driver, listening on ``tcp://host:port`` or reading a serial port), opens
it with reconnection, asks the machine who it is, its mode, and for
readings, and keeps a small read model (``BedView``) that the UI
subscribes to: link state and reason, machine identity, mode, the latest
reading of each parameter with its time, and the active machine alarms.

A bed whose port cannot open never stops the station or the other beds:
its view shows "disconnected" with the reason, and the link keeps trying
with back-off until the station stops. ``DialysisLinks.stop`` closes every
driver and cancels every task it started; the drivers join their threads.

TODO(treatment workflow issue): readings and alarms are NOT stored or
uploaded here. They are shown (latest value per parameter) and counted in
``BedView.readings_received``; recording them as observations against a
treatment session belongs to the treatment workflow. Until then the log
says so once per bed, and nothing here claims a reading was recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from app.config import BedSettings
from devices.dialysis.model import (
    DialysisDriver,
    LinkEvent,
    LinkState,
    MachineAlarm,
    MachineIdentity,
    MachineMode,
    MessageRejected,
    Reading,
    SequenceGap,
)
from devices.errors import DeviceError

log = logging.getLogger(__name__)

FIRST_RETRY_S = 0.5
MAX_RETRY_S = 30.0


@dataclass(frozen=True)
class BedView:
    """What one bed's machine link shows now; immutable, replaced on change."""

    bed: str
    port: str
    protocol: str
    state: LinkState = LinkState.DISCONNECTED
    reason: str = "not started"
    identity: MachineIdentity | None = None
    mode: MachineMode | None = None
    readings: dict[str, Reading] = field(default_factory=dict)  # latest per code
    alarms: dict[str, MachineAlarm] = field(default_factory=dict)  # active, by code
    readings_received: int = 0  # shown only, not stored (see module TODO)
    last_problem: str = ""  # a gap in the running numbers, a refused message
    updated_at: datetime | None = None


Listener = Callable[[BedView], None]
DriverFactory = Callable[[BedSettings], DialysisDriver]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_driver(
    bed: BedSettings,
    *,
    first_retry_s: float = FIRST_RETRY_S,
    max_retry_s: float = MAX_RETRY_S,
    astm_options: dict[str, Any] | None = None,
    on_port: Callable[[str, str], None] | None = None,
) -> DialysisDriver:
    """The driver ``bed`` is configured for; ValueError for a bad protocol."""
    from devices.transport import ReconnectingLink, SerialLink

    name = f"bed {bed.name}"

    def serial_link() -> ReconnectingLink:
        return ReconnectingLink(
            lambda: SerialLink(bed.machine_port, baudrate=bed.baudrate, name=name),
            name=name,
            first_retry_s=first_retry_s,
            max_retry_s=max_retry_s,
            on_state=(lambda state, reason: on_port(state.value, reason))
            if on_port is not None
            else None,
        )

    if bed.machine_protocol == "astm":
        from devices.dialysis.astm import AstmDialysisDriver

        return AstmDialysisDriver(serial_link(), name=name, **(astm_options or {}))
    if bed.machine_protocol == "hl7":
        from devices.dialysis.hl7 import Hl7DialysisDriver

        url = urlsplit(bed.machine_port)
        if url.scheme in ("tcp", "mllp"):  # the gateway connects to us
            return Hl7DialysisDriver(
                host=url.hostname or "127.0.0.1", port=url.port or 0, name=name
            )
        return Hl7DialysisDriver(link=serial_link(), name=name)
    raise ValueError(
        f"bed {bed.name}: unknown machine protocol {bed.machine_protocol!r}"
    )


class BedLink:
    """One bed's machine: its driver, kept open, and its ``BedView``."""

    def __init__(
        self,
        bed: BedSettings,
        *,
        driver_factory: DriverFactory | None = None,
        first_retry_s: float = FIRST_RETRY_S,
        max_retry_s: float = MAX_RETRY_S,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.bed = bed
        self._factory = driver_factory or (
            lambda b: build_driver(
                b,
                first_retry_s=first_retry_s,
                max_retry_s=max_retry_s,
                on_port=self._on_port,
            )
        )
        self._first_retry_s = first_retry_s
        self._max_retry_s = max_retry_s
        self._clock = clock
        self._view = BedView(bed.name, bed.machine_port, bed.machine_protocol)
        self._listeners: list[Listener] = []
        self._driver: DialysisDriver | None = None
        self._run_task: asyncio.Task[None] | None = None
        self._greet_task: asyncio.Task[None] | None = None
        self._port_reason = ""

    @property
    def view(self) -> BedView:
        return self._view

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(view)`` on the loop's thread at every change; the
        returned function unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def start(self) -> None:
        """Start in the background: never raises for a port that will not open."""
        if self._run_task is None:
            self._run_task = asyncio.get_running_loop().create_task(
                self._run(), name=f"bed-{self.bed.name}-link"
            )

    async def stop(self) -> None:
        for task in (self._greet_task, self._run_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._greet_task = self._run_task = None
        await self._close_driver()
        self._update(state=LinkState.DISCONNECTED, reason="station stopped")

    # -- the link's life -----------------------------------------------------

    async def _run(self) -> None:
        log.info(
            "bed %s: readings are shown but not yet recorded (treatment workflow "
            "pending)",
            self.bed.name,
        )
        attempt = 0
        while True:
            try:
                driver = self._factory(self.bed)
                self._driver = driver
                await driver.open()
            except Exception as error:  # this bed only; the others go on
                reason = f"cannot open {self.bed.machine_port}: {error}"
                log.warning("bed %s: %s", self.bed.name, reason)
                await self._close_driver()
                self._update(state=LinkState.DISCONNECTED, reason=reason)
                delay = min(self._max_retry_s, self._first_retry_s * 2**attempt)
                attempt += 1
                await asyncio.sleep(delay)
                continue
            if driver.link_state is LinkState.DISCONNECTED and not self._port_reason:
                self._update(
                    reason=f"waiting for the machine on {self.bed.machine_port}"
                )
            async for event in driver.events():
                self._apply(event)
            return  # the driver ended its events: it was closed

    def _on_port(self, state: str, reason: str) -> None:
        """The transport's own word on the port (why it will not open)."""
        self._port_reason = reason
        if state == "reconnecting" and self._view.state is LinkState.DISCONNECTED:
            self._update(reason=f"{reason}; retrying")
        elif state == "reconnecting":
            self._update(state=LinkState.DISCONNECTED, reason=f"{reason}; retrying")

    def _apply(self, event: object) -> None:
        if isinstance(event, LinkEvent):
            was_down = self._view.state is LinkState.DISCONNECTED
            self._update(state=event.state, reason=event.reason)
            if was_down and event.state is not LinkState.DISCONNECTED:
                self._greet()
        elif isinstance(event, Reading):
            readings = dict(self._view.readings)
            readings[event.code] = event
            self._update(
                readings=readings, readings_received=self._view.readings_received + 1
            )
        elif isinstance(event, MachineAlarm):
            alarms = dict(self._view.alarms)
            if event.raised:
                alarms[event.code] = event
            else:
                alarms.pop(event.code, None)
            self._update(alarms=alarms)
        elif isinstance(event, MachineMode):
            self._update(mode=event)
        elif isinstance(event, SequenceGap):
            self._update(
                last_problem=f"readings {event.first_missing}-{event.last_missing} "
                f"never arrived ({event.at:%H:%M:%S})"
            )
        elif isinstance(event, MessageRejected):
            self._update(last_problem=f"message refused: {event.reason}")
        else:
            log.warning("bed %s: unexpected event %s", self.bed.name, type(event))

    def _greet(self) -> None:
        """Who is on the line (it may be another machine after a reconnect),
        its mode, and readings from now on."""
        if self._greet_task is not None and not self._greet_task.done():
            return
        self._greet_task = asyncio.get_running_loop().create_task(
            self._ask_machine(), name=f"bed-{self.bed.name}-greet"
        )

    async def _ask_machine(self) -> None:
        driver = self._driver
        if driver is None:
            return
        try:
            identity = await driver.identify()
            self._update(identity=identity)
            self._update(mode=await driver.read_mode())
            await driver.start_monitoring()
        except DeviceError as error:  # shown; asked again at the next connect
            log.warning("bed %s: machine not answering: %s", self.bed.name, error)
            self._update(last_problem=f"{type(error).__name__}: {error}")

    async def _close_driver(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            try:
                await driver.close()
            except Exception:
                log.exception("bed %s: driver did not close cleanly", self.bed.name)

    def _update(self, **changes: Any) -> None:
        self._view = replace(self._view, updated_at=self._clock(), **changes)
        for listener in list(self._listeners):
            try:
                listener(self._view)
            except Exception:  # one bad listener must not stop the link
                log.exception("bed %s: a view listener failed", self.bed.name)


class DialysisLinks:
    """Every configured bed's link, started and stopped together."""

    def __init__(self, beds: list[BedLink]) -> None:
        self.beds = beds

    @classmethod
    def from_settings(
        cls, beds: tuple[BedSettings, ...], **options: Any
    ) -> DialysisLinks:
        return cls([BedLink(bed, **options) for bed in beds if bed.machine_port])

    def by_name(self, name: str) -> BedLink:
        for bed in self.beds:
            if bed.bed.name == name:
                return bed
        raise KeyError(name)

    def start(self) -> None:
        for bed in self.beds:
            bed.start()

    async def stop(self) -> None:
        await asyncio.gather(*(bed.stop() for bed in self.beds))
