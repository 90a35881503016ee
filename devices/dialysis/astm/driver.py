"""The ASTM dialysis driver: the DialysisDriver interface over an ASTM line.

Glues a transport Link (``devices.transport``), the E1381 state machine
(``lowlevel``) and the E1394 profile (``profile``) on one asyncio loop:

- requests (identify, write and read settings, read mode, start and stop
  monitoring) go one at a time, each waiting for the machine's one reply,
  matched by message control id; a late reply to an abandoned request is
  dropped, never taken as the answer to the next one;
- settings outside the shared vocabulary's range are refused before a byte
  is sent, naming the bad value;
- readings, alarms and mode changes flow into ``events()`` with link state
  changes (with reasons) and SequenceGap when the machine's running numbers
  jump; a repeated running number is dropped. Nothing is ever invented;
- a machine message that breaks the profile (a reading in another unit than
  the vocabulary's, say) is refused whole, logged with its reason and shown
  as a MessageRejected event; a request waiting for it fails at once;
- a settings write that fails after its last frame may have reached the
  machine raises WriteOutcomeUnknown, never LinkTimeout or LinkClosed;
  ``write_and_verify`` then reads back what the machine holds.

What it does not do: clinical rules (the app floor), retrying a failed
write by itself (the caller decides), or any Qt.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from decimal import Decimal

from devices.dialysis.astm.lowlevel import (
    LINE_LOST,
    AstmLinkLayer,
    AstmTimers,
    LinkNotice,
    MessageFailed,
    MessageReceived,
    MessageSent,
    Output,
    Role,
    Transmit,
)
from devices.dialysis.astm.profile import (
    REFUSED,
    MachineMessage,
    RequestKind,
    build_request,
    parse_machine_message,
)
from devices.dialysis.model import (
    LinkEvent,
    LinkState,
    MachineAlarm,
    MachineEvent,
    MachineIdentity,
    MachineMode,
    MachineSettings,
    MessageRejected,
    Reading,
    SequenceGap,
    SettingDifference,
    SettingsCheck,
)
from devices.dialysis.vocabulary import SETTINGS
from devices.errors import (
    DeviceError,
    DeviceRejected,
    LinkClosed,
    LinkTimeout,
    ProtocolError,
    WriteOutcomeUnknown,
)
from devices.transport import Link

log = logging.getLogger(__name__)

MODALITIES = frozenset({"HD", "HDF", "HF", "SLED", "IUF", "HP"})

# Defaults, all overridable at construction.
REQUEST_TIMEOUT_S = 60.0  # covers a 20 s contention wait plus a 15 s timer
SLOW_REPLY_S = 5.0  # a reply slower than this marks the link degraded
SILENCE_DEGRADED_S = 10.0  # while monitoring, no message for this long
SILENCE_DISCONNECTED_S = 60.0
CLEAN_MESSAGES_TO_RECOVER = 3


class SettingOutOfRange(ValueError):
    """A setting the vocabulary does not allow; nothing was sent."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def check_settings(settings: MachineSettings) -> None:
    """SettingOutOfRange naming the first code and value the shared
    vocabulary does not allow (unknown code, outside the machine range,
    more decimals than the machine works with, unknown modality)."""
    if settings.modality not in MODALITIES:
        raise SettingOutOfRange(f"modality {settings.modality!r} is not one of HD, "
                                "HDF, HF, SLED, IUF, HP")  # fmt: skip
    for code, value in settings.values.items():
        parameter = SETTINGS.get(code)
        if parameter is None:
            raise SettingOutOfRange(f"{code}: unknown setting (value {value})")
        if not isinstance(value, Decimal) or not value.is_finite():
            raise SettingOutOfRange(f"{code}: {value!r} is not a finite Decimal")
        if not parameter.low <= value <= parameter.high:
            raise SettingOutOfRange(
                f"{code}: {value} {parameter.unit} is outside "
                f"{parameter.low}-{parameter.high} {parameter.unit}"
            )
        quantum = Decimal(1).scaleb(-parameter.decimals)
        if value != value.quantize(quantum):
            raise SettingOutOfRange(
                f"{code}: {value} has more than {parameter.decimals} decimals"
            )


class _Sequence:
    """Running numbers of one kind: flags gaps, repeats and restarts.

    A number at or below the last one is a repeat only if it comes with the
    very item already seen under it (a message sent again after a lost ACK);
    otherwise the machine has started counting afresh (it was restarted),
    and the item is delivered, never dropped.
    """

    REMEMBERED = 2000

    def __init__(self) -> None:
        self.last: int | None = None
        self._recent: OrderedDict[int, object] = OrderedDict()

    def restart(self) -> None:
        self.last = None
        self._recent.clear()

    def check(self, number: int, item: object) -> tuple[str, tuple[int, int] | None]:
        """("new" | "repeat" | "restarted", missing range or None)."""
        last = self.last
        if last is not None and number <= last:
            if self._recent.get(number) == item:
                return "repeat", None
            self.restart()
            self._remember(number, item)
            return "restarted", None
        self._remember(number, item)
        if last is not None and number > last + 1:
            return "new", (last + 1, number - 1)
        return "new", None

    def _remember(self, number: int, item: object) -> None:
        self.last = number
        self._recent[number] = item
        while len(self._recent) > self.REMEMBERED:
            self._recent.popitem(last=False)


class AstmDialysisDriver:
    """A dialysis machine speaking the Careloop ASTM profile over ``link``."""

    def __init__(
        self,
        link: Link,
        *,
        timers: AstmTimers | None = None,
        request_timeout_s: float = REQUEST_TIMEOUT_S,
        slow_reply_s: float = SLOW_REPLY_S,
        silence_degraded_s: float = SILENCE_DEGRADED_S,
        silence_disconnected_s: float = SILENCE_DISCONNECTED_S,
        clock: Callable[[], datetime] = _utc_now,
        name: str = "",
    ) -> None:
        self._link = link
        self._astm = AstmLinkLayer(Role.COMPUTER, timers)
        self._request_timeout_s = request_timeout_s
        self._slow_reply_s = slow_reply_s
        self._silence_degraded_s = silence_degraded_s
        self._silence_disconnected_s = silence_disconnected_s
        self._clock = clock
        self.name = name or link.name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._outgoing: asyncio.Queue[bytes] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._sent: dict[int, asyncio.Future[None]] = {}
        self._maybe_delivered: set[int] = set()  # failed tickets
        self._replies: dict[str, asyncio.Future[MachineMessage]] = {}
        self._request_lock = asyncio.Lock()
        self._control_ids = itertools.count(1)
        self._events: asyncio.Queue[MachineEvent] = asyncio.Queue()
        self._state = LinkState.DISCONNECTED
        self._transport_up = False
        self._clean_messages = 0
        self._last_heard = 0.0
        self._monitoring = False
        self._readings = _Sequence()
        self._alarms = _Sequence()
        self.identity: MachineIdentity | None = None

    # -- DialysisDriver ----------------------------------------------------------

    @property
    def link_state(self) -> LinkState:
        return self._state

    async def open(self) -> None:
        """Open the link (PortUnavailable from a plain link that cannot)."""
        self._loop = asyncio.get_running_loop()
        self._tasks = [
            self._loop.create_task(self._write_forever(), name=f"{self.name}-write"),
            self._loop.create_task(self._watch_silence(), name=f"{self.name}-watch"),
        ]
        try:
            await self._link.open(self)
        except BaseException:
            await self._stop_tasks()
            raise

    async def close(self) -> None:
        self._monitoring = False
        await self._link.close()
        await self._stop_tasks()
        if self._timer is not None:
            self._timer.cancel()
        self._fail_waiters(LinkClosed(f"{self.name}: driver closed"))

    async def identify(self) -> MachineIdentity:
        reply = await self._request(RequestKind.IDENTIFY)
        if reply.identity is None:
            raise ProtocolError(f"{self.name}: identity reply without H.5 identity")
        return reply.identity

    async def write_settings(self, settings: MachineSettings) -> None:
        """Refuse out-of-range values locally, then send; DeviceRejected if
        the machine refuses them."""
        check_settings(settings)
        await self._request(RequestKind.WRITE_SETTINGS, settings)

    async def read_settings(self) -> MachineSettings:
        reply = await self._request(RequestKind.READ_SETTINGS)
        if reply.settings is None:
            raise ProtocolError(f"{self.name}: settings reply carried no settings")
        return reply.settings

    async def read_mode(self) -> MachineMode:
        reply = await self._request(RequestKind.READ_MODE)
        if reply.mode is None:
            raise ProtocolError(f"{self.name}: mode reply carried no mode")
        return reply.mode

    async def start_monitoring(self) -> None:
        """Ask for readings; the first running number after this is not
        compared with any before it."""
        await self._request(RequestKind.START_MONITORING)
        self._readings.restart()
        self._alarms.restart()
        self._monitoring = True
        self._last_heard = self._now()

    async def stop_monitoring(self) -> None:
        self._monitoring = False
        await self._request(RequestKind.STOP_MONITORING)

    async def events(self) -> AsyncIterator[MachineEvent]:
        """Readings, alarms, mode changes, link changes and gaps, in order.

        One consumer: two loops over ``events()`` would share the items."""
        while True:
            yield await self._events.get()

    # -- beyond the interface -----------------------------------------------------

    async def write_and_verify(self, settings: MachineSettings) -> SettingsCheck:
        """Write, read every written setting back, compare field by field.

        If the write's outcome is unknown (WriteOutcomeUnknown), the settings
        are read back all the same and the check says so in
        ``write_outcome_unknown``: the caller learns what the machine
        actually holds. If that read-back fails too, WriteOutcomeUnknown."""
        unknown = ""
        try:
            await self.write_settings(settings)
        except WriteOutcomeUnknown as exc:
            unknown = str(exc)
            log.warning("%s: reading back after a write of unknown outcome", self.name)
        try:
            read_back = await self.read_settings()
        except DeviceError as exc:
            if unknown:
                raise WriteOutcomeUnknown(
                    f"{unknown}; reading back failed too: {exc}"
                ) from exc
            raise
        return SettingsCheck(
            written=settings,
            read_back=read_back,
            differences=_differences(settings, read_back),
            write_outcome_unknown=unknown,
        )

    # -- LinkProtocol (called on the loop by the transport) -------------------------

    def connection_made(self, link: Link) -> None:
        self._transport_up = True
        self._clean_messages = 0
        self._last_heard = self._now()
        self._set_state(LinkState.CONNECTED, f"{link.name} open")
        if self._monitoring and self._loop is not None:
            task = self._loop.create_task(self._resume_monitoring(self._now()))
            self._tasks.append(task)

    def data_received(self, data: bytes) -> None:
        try:
            self._handle(self._astm.receive(data, self._now()))
        except Exception:
            log.exception("%s: internal error handling %d bytes", self.name, len(data))
            self._trouble("internal error handling received bytes")

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport_up = False
        reason = "link closed" if exc is None else f"link lost: {exc}"
        self._set_state(LinkState.DISCONNECTED, reason)
        self._handle(self._astm.reset())
        self._drain_outgoing()

    # -- requests -------------------------------------------------------------------

    async def _request(
        self, kind: RequestKind, settings: MachineSettings | None = None
    ) -> MachineMessage:
        async with self._request_lock:
            if not self._transport_up:
                raise LinkClosed(f"{self.name}: not connected ({self._state.value})")
            loop = asyncio.get_running_loop()
            control_id = str(next(self._control_ids))
            message = build_request(kind, control_id, self._clock(), settings)
            reply: asyncio.Future[MachineMessage] = loop.create_future()
            self._replies[control_id] = reply
            ticket, outputs = self._astm.send(message, self._now())
            sent: asyncio.Future[None] = loop.create_future()
            self._sent[ticket] = sent
            started = loop.time()
            self._handle(outputs)
            try:
                answer = await self._await_reply(kind, ticket, sent, reply)
            finally:
                self._replies.pop(control_id, None)
                self._sent.pop(ticket, None)
                self._maybe_delivered.discard(ticket)
            self._note_reply_time(kind, loop.time() - started)
            if answer.outcome == REFUSED:
                reason = "; ".join(answer.comments) or "no reason given"
                raise DeviceRejected(f"{self.name}: {kind.value} refused: {reason}")
            return answer

    async def _await_reply(
        self,
        kind: RequestKind,
        ticket: int,
        sent: asyncio.Future[None],
        reply: asyncio.Future[MachineMessage],
    ) -> MachineMessage:
        """The reply, or the error; WriteOutcomeUnknown for a write that
        failed after its last frame may have reached the machine."""
        may_have_arrived = False
        try:
            async with asyncio.timeout(self._request_timeout_s):
                await sent
                may_have_arrived = True  # its last frame was ACKed
                return await reply
        except TimeoutError:
            if not self._astm.cancel(ticket):  # under way or gone: not withdrawn
                may_have_arrived = True
            self._trouble(f"no reply to {kind.value} in {self._request_timeout_s} s")
            error: DeviceError = LinkTimeout(
                f"{self.name}: no reply to {kind.value} within "
                f"{self._request_timeout_s} s"
            )
        except DeviceError as exc:
            may_have_arrived = may_have_arrived or ticket in self._maybe_delivered
            error = exc
        if kind is RequestKind.WRITE_SETTINGS and may_have_arrived:
            log.warning("%s: write settings, outcome unknown: %s", self.name, error)
            raise WriteOutcomeUnknown(
                f"{self.name}: the settings may or may not have been applied "
                f"({error}); read them back"
            ) from error
        raise error

    def _note_reply_time(self, kind: RequestKind, elapsed_s: float) -> None:
        log.debug("%s: %s answered in %.3f s", self.name, kind.value, elapsed_s)
        if elapsed_s > self._slow_reply_s:
            self._trouble(f"{kind.value} took {elapsed_s:.1f} s")

    async def _resume_monitoring(self, reconnected_at: float) -> None:
        """Ask again for readings if none come after a reconnection.

        A machine that lost power forgets it was asked. One that did not is
        bidding to send its backlog, often still waiting out the 15 s reply
        timer of an ENQ lost with the cable; a request then would meet its
        next ENQ head-on (contention costs the computer 20 s more). So wait
        out that timer first, and ask only if the machine stays quiet.
        """
        timers = self._astm.timers
        await asyncio.sleep(1.2 * (timers.reply_s + timers.retry_after_abort_s))
        if self._last_heard > reconnected_at or not self._transport_up:
            return
        with contextlib.suppress(DeviceError):
            await self._request(RequestKind.START_MONITORING)

    # -- the state machine's outputs --------------------------------------------------

    def _handle(self, outputs: list[Output]) -> None:
        for output in outputs:
            if isinstance(output, Transmit):
                self._outgoing.put_nowait(output.data)
            elif isinstance(output, MessageReceived):
                self._on_message(output.message)
            elif isinstance(output, MessageSent):
                self._settle(output.ticket, None)
            elif isinstance(output, MessageFailed):
                self._trouble(output.reason)
                if output.maybe_delivered:
                    self._maybe_delivered.add(output.ticket)
                error = LinkClosed if output.reason == LINE_LOST else LinkTimeout
                self._settle(output.ticket, error(f"{self.name}: {output.reason}"))
            elif isinstance(output, LinkNotice):
                self._trouble(output.reason)
        self._reschedule()

    def _settle(self, ticket: int, error: Exception | None) -> None:
        future = self._sent.get(ticket)
        if future is None or future.done():
            return
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)

    def _on_message(self, message: bytes) -> None:
        try:
            parsed = parse_machine_message(message)
        except ProtocolError as exc:
            self._reject(message, exc)
            return
        self._last_heard = self._now()
        self._heard_clean()
        if parsed.identity is not None:
            self.identity = parsed.identity
        if parsed.is_reply:
            waiter = self._replies.get(parsed.control_id)
            if waiter is not None and not waiter.done():
                waiter.set_result(parsed)
            else:
                log.info("%s: late reply %s dropped", self.name, parsed.control_id)
            return
        for event in parsed.events:
            self._deliver(event)

    def _reject(self, message: bytes, error: ProtocolError) -> None:
        """A message that breaks the profile: refused whole, never guessed
        at; said in the log, in the link state and as a typed event. A
        request waiting for it as its reply fails now, not at its time-out."""
        log.warning("%s: machine message refused: %s", self.name, error)
        self._trouble(f"message refused: {error}")
        self._events.put_nowait(MessageRejected(str(error), self._clock()))
        waiter = self._replies.get(_control_id_of(message))
        if waiter is not None and not waiter.done():
            waiter.set_exception(
                ProtocolError(f"{self.name}: unreadable reply: {error}")
            )

    def _deliver(self, event: Reading | MachineAlarm | MachineMode) -> None:
        if isinstance(event, MachineMode):
            self._events.put_nowait(event)
            return
        kind = "readings" if isinstance(event, Reading) else "alarms"
        numbers = self._readings if isinstance(event, Reading) else self._alarms
        verdict, missing = numbers.check(event.sequence, event)
        if verdict == "repeat":
            log.info(
                "%s: repeated %s number %d dropped", self.name, kind, event.sequence
            )
            return
        if verdict == "restarted":
            log.warning("%s: machine restarted its %s numbering", self.name, kind)
            self._trouble(
                f"the machine restarted its {kind} numbering at {event.sequence}"
            )
        if missing is not None:
            log.warning("%s: %s %d-%d never arrived", self.name, kind, *missing)
            if isinstance(event, Reading):
                self._events.put_nowait(SequenceGap(*missing, at=self._clock()))
            else:
                self._trouble(f"alarm changes {missing[0]}-{missing[1]} never arrived")
        self._events.put_nowait(event)

    # -- link state ---------------------------------------------------------------------

    def _set_state(self, state: LinkState, reason: str) -> None:
        if state is self._state:
            return
        self._state = state
        log.info("%s: link %s (%s)", self.name, state.value, reason)
        self._events.put_nowait(LinkEvent(state, reason, self._clock()))

    def _trouble(self, reason: str) -> None:
        self._clean_messages = 0
        if self._state is LinkState.CONNECTED:
            self._set_state(LinkState.DEGRADED, reason)

    def _heard_clean(self) -> None:
        self._clean_messages += 1
        if self._state is LinkState.DISCONNECTED and self._transport_up:
            self._set_state(LinkState.CONNECTED, "the machine is answering again")
        elif (
            self._state is LinkState.DEGRADED
            and self._clean_messages >= CLEAN_MESSAGES_TO_RECOVER
        ):
            self._set_state(LinkState.CONNECTED, "the machine is answering normally")

    async def _watch_silence(self) -> None:
        period_s = min(self._silence_degraded_s, self._silence_disconnected_s) / 4
        while True:
            await asyncio.sleep(period_s)
            if not (self._monitoring and self._transport_up):
                continue
            quiet_s = self._now() - self._last_heard
            if quiet_s >= self._silence_disconnected_s:
                self._set_state(
                    LinkState.DISCONNECTED,
                    f"nothing from the machine for {quiet_s:.1f} s",
                )
            elif quiet_s >= self._silence_degraded_s:
                self._clean_messages = 0
                if self._state is LinkState.CONNECTED:
                    self._set_state(
                        LinkState.DEGRADED, f"no readings for {quiet_s:.1f} s"
                    )

    # -- plumbing ---------------------------------------------------------------------

    def _now(self) -> float:
        loop = self._loop or asyncio.get_running_loop()
        return loop.time()

    def _reschedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        deadline = self._astm.next_deadline()
        if deadline is not None and self._loop is not None:
            self._timer = self._loop.call_at(max(deadline, self._now()), self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._handle(self._astm.tick(self._now()))

    async def _write_forever(self) -> None:
        while True:
            data = await self._outgoing.get()
            try:
                await self._link.write(data)
            except LinkClosed as exc:
                log.info("%s: %d bytes not sent: %s", self.name, len(data), exc)
            except Exception:  # a bug; the writer must outlive it
                log.exception("%s: %d bytes not sent", self.name, len(data))

    def _drain_outgoing(self) -> None:
        while not self._outgoing.empty():
            self._outgoing.get_nowait()

    def _fail_waiters(self, error: Exception) -> None:
        for sent in self._sent.values():
            if not sent.done():
                sent.set_exception(error)
        for reply in self._replies.values():
            if not reply.done():
                reply.set_exception(error)

    async def _stop_tasks(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _control_id_of(message: bytes) -> str:
    """H.3 of a message that may break the profile elsewhere; "" if none."""
    header = message.split(b"\r", 1)[0].decode("utf-8", "replace")
    fields = header.split(header[1:2] or "|") if header.startswith("H") else []
    return fields[2] if len(fields) > 2 else ""


def _differences(
    written: MachineSettings, read_back: MachineSettings
) -> list[SettingDifference]:
    """Differences on every written field; settings not written are not
    compared (the machine keeps its own values for them)."""
    relevant = MachineSettings(
        values={c: v for c, v in read_back.values.items() if c in written.values},
        modality=read_back.modality,
    )
    return written.differences(relevant)
