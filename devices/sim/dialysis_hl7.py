"""A dialysis machine that reports over HL7 v2 / MLLP, as a gateway would.

``serve_hl7`` connects to a receiver (the usual MLLP direction: the machine
side opens the TCP connection) and sends one ORU^R01 per ``interval_s`` with
what ``SimulatedMachine.advance`` produced over ``interval_s * time_scale``
simulated seconds. Each message waits for its ACK; a message not answered
in ``ack_timeout_s`` or cut off by a lost connection is sent again, whole
and with the same control id, after reconnecting. Messages made while the
receiver is away are kept (up to ``max_backlog``) and sent in order.

Faults on demand go through ``Hl7SenderFaults``: a malformed message (an
extra one, so no reading is lost by it), a pulled cable (half a frame,
then the connection closes) and silence (nothing sent for a while, the
connection left open).

It does not listen for connections, and it does not pace bytes at a baud
rate: it speaks TCP. Settings are not written over HL7; the machine's
settings are only reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime

from devices.dialysis.hl7 import ack, mllp, pcd01
from devices.dialysis.model import MachineAlarm, MachineMode, Reading
from devices.errors import ProtocolError
from devices.sim.dialysis_machine import SimulatedMachine

log = logging.getLogger(__name__)

DEFAULT_ACK_TIMEOUT_S = 5.0
DEFAULT_RECONNECT_S = 0.5
DEFAULT_MAX_BACKLOG = 10_000
# A receiver that connects late still learns the settings within this many
# messages; they are also sent whenever they change.
SETTINGS_EVERY = 60


class Hl7SenderFaults:
    """Misbehaviour requested by a trainer or a test, done on the next send."""

    def __init__(self) -> None:
        self.malformed_pending = 0
        self.disconnect_pending = 0
        self.silence_pending_s = 0.0
        self.malformed_answers: list[ack.AckReply] = []

    def send_malformed(self, count: int = 1) -> None:
        """Send ``count`` extra messages that break the profile."""
        self.malformed_pending += count

    def disconnect(self) -> None:
        """Pull the cable once: send half a frame, then close the connection."""
        self.disconnect_pending += 1

    def go_silent(self, for_s: float) -> None:
        """Send nothing for ``for_s`` seconds, connection kept open; reports
        made meanwhile wait and go out afterwards, in order."""
        self.silence_pending_s = for_s


class _Cut(Exception):
    """The connection is gone or useless; reconnect and resend."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def serve_hl7(
    machine: SimulatedMachine,
    host: str,
    port: int,
    *,
    time_scale: float = 1.0,
    interval_s: float = 1.0,
    stop: asyncio.Event,
    faults: Hl7SenderFaults | None = None,
    clock: Callable[[], datetime] = _utc_now,
    ack_timeout_s: float = DEFAULT_ACK_TIMEOUT_S,
    reconnect_s: float = DEFAULT_RECONNECT_S,
    max_backlog: int = DEFAULT_MAX_BACKLOG,
) -> None:
    """Report ``machine`` to the receiver at ``host:port`` until ``stop``."""
    if interval_s <= 0 or time_scale <= 0:
        raise ValueError(
            f"interval and time scale must be positive, got {interval_s} s "
            f"and x{time_scale}"
        )
    sender = _Sender(
        machine,
        clock=clock,
        faults=faults or Hl7SenderFaults(),
        ack_timeout_s=ack_timeout_s,
        max_backlog=max_backlog,
    )
    producer = asyncio.create_task(
        sender.produce(interval_s, interval_s * time_scale, stop)
    )
    try:
        await sender.deliver(host, port, reconnect_s, stop)
    finally:
        producer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await producer


class _Sender:
    def __init__(
        self,
        machine: SimulatedMachine,
        *,
        clock: Callable[[], datetime],
        faults: Hl7SenderFaults,
        ack_timeout_s: float,
        max_backlog: int,
    ) -> None:
        self._machine = machine
        self._clock = clock
        self._faults = faults
        self._ack_timeout_s = ack_timeout_s
        self._backlog: deque[tuple[str, str]] = deque()  # (control id, text)
        self._max_backlog = max_backlog
        self._queued = asyncio.Event()
        self._messages_made = 0
        self._settings_sent: object = None
        self._name = f"hl7-sim {machine.identity.serial_number}"
        self._boot = clock().astimezone(UTC).strftime("%Y%m%d%H%M%S")

    # -- making messages ----------------------------------------------------

    async def produce(
        self, interval_s: float, sim_seconds: float, stop: asyncio.Event
    ) -> None:
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        while not stop.is_set():
            self._queue(self._report(self._machine.advance(sim_seconds)))
            next_at += interval_s
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, next_at - loop.time()))

    def _report(self, outputs: list[Reading | MachineAlarm | MachineMode]) -> str:
        self._messages_made += 1
        settings = self._machine.current_settings()
        send_settings = (
            settings != self._settings_sent or self._messages_made % SETTINGS_EVERY == 1
        )
        if send_settings:
            self._settings_sent = settings
        report = pcd01.MachineReport(
            control_id=self._control_id(self._messages_made),
            sent_at=self._clock(),
            identity=self._machine.identity,
            mode=self._machine.mode,
            modality=settings.modality if send_settings else None,
            readings=[o for o in outputs if isinstance(o, Reading)],
            alarms=[o for o in outputs if isinstance(o, MachineAlarm)],
            settings=settings.values if send_settings else None,
        )
        return pcd01.build_report(report)

    def _control_id(self, number: int) -> str:
        # The start time keeps ids unique across restarts of the simulator.
        return f"{self._machine.identity.serial_number}-{self._boot}-{number}"

    def _queue(self, text: str) -> None:
        control_id = self._control_id(self._messages_made)
        if len(self._backlog) >= self._max_backlog:
            dropped, _ = self._backlog.popleft()
            log.warning("%s: backlog full, message %s dropped", self._name, dropped)
        self._backlog.append((control_id, text))
        self._queued.set()

    # -- sending them -------------------------------------------------------

    async def deliver(
        self, host: str, port: int, reconnect_s: float, stop: asyncio.Event
    ) -> None:
        while not stop.is_set():
            connection = await self._connect(host, port, reconnect_s, stop)
            if connection is None:
                return
            reader, writer = connection
            try:
                await self._send_while_connected(reader, writer, stop)
            except (_Cut, ConnectionError, OSError) as error:
                log.info("%s: connection ended (%s); reconnecting", self._name, error)
            finally:
                writer.close()
                with contextlib.suppress(ConnectionError, OSError):
                    await writer.wait_closed()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), reconnect_s)

    async def _connect(
        self, host: str, port: int, retry_s: float, stop: asyncio.Event
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        told = False
        while not stop.is_set():
            try:
                return await asyncio.wait_for(
                    asyncio.open_connection(host, port), self._ack_timeout_s
                )
            except OSError as error:
                if not told:
                    log.info(
                        "%s: receiver %s:%d not there (%s); retrying",
                        self._name,
                        host,
                        port,
                        error,
                    )
                    told = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), retry_s)
        return None

    async def _send_while_connected(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        stop: asyncio.Event,
    ) -> None:
        framer = mllp.MllpFramer()
        while not stop.is_set():
            if self._faults.silence_pending_s > 0:
                await self._keep_silent(stop)
                continue
            if self._faults.malformed_pending:
                await self._send_malformed(reader, writer, framer)
                continue
            if not self._backlog:
                self._queued.clear()
                await self._wait_for_work(stop)
                continue
            control_id, text = self._backlog[0]
            frame = mllp.wrap(text.encode("utf-8"))
            if self._faults.disconnect_pending:
                self._faults.disconnect_pending -= 1
                writer.write(frame[: len(frame) // 2])
                await writer.drain()
                raise _Cut("cable pulled on request")
            writer.write(frame)
            await writer.drain()
            reply = await self._await_ack(reader, framer, control_id)
            self._backlog.popleft()
            if not reply.accepted:
                log.warning(
                    "%s: message %s answered %s: %s",
                    self._name,
                    control_id,
                    reply.code,
                    reply.reason,
                )

    async def _keep_silent(self, stop: asyncio.Event) -> None:
        silence_s, self._faults.silence_pending_s = self._faults.silence_pending_s, 0.0
        log.info("%s: silent for %g s on request", self._name, silence_s)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), silence_s)

    async def _wait_for_work(self, stop: asyncio.Event) -> None:
        waiters = {
            asyncio.create_task(self._queued.wait()),
            asyncio.create_task(stop.wait()),
        }
        _done, pending = await asyncio.wait(
            waiters, timeout=0.2, return_when=asyncio.FIRST_COMPLETED
        )
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _send_malformed(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        framer: mllp.MllpFramer,
    ) -> None:
        self._faults.malformed_pending -= 1
        control_id = f"{self._machine.identity.serial_number}-BAD{self._messages_made}"
        writer.write(mllp.wrap(_malformed_report(control_id, self._clock())))
        await writer.drain()
        reply = await self._await_ack(reader, framer, control_id)
        self._faults.malformed_answers.append(reply)
        log.info(
            "%s: malformed message %s answered %s (%s)",
            self._name,
            control_id,
            reply.code,
            reply.reason,
        )

    async def _await_ack(
        self,
        reader: asyncio.StreamReader,
        framer: mllp.MllpFramer,
        control_id: str,
    ) -> ack.AckReply:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._ack_timeout_s
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise _Cut(f"no ACK for {control_id} in {self._ack_timeout_s:g} s")
            try:
                data = await asyncio.wait_for(reader.read(4096), left)
            except TimeoutError:
                continue
            if not data:
                raise _Cut("receiver closed the connection")
            for payload in framer.feed(data):
                reply = _read_reply(payload)
                if reply is not None and reply.control_id == control_id:
                    return reply


def _read_reply(payload: bytes) -> ack.AckReply | None:
    try:
        return ack.read_ack(payload.decode("utf-8", errors="replace"))
    except ProtocolError as error:
        log.warning("unreadable reply from the receiver: %s", error)
        return None


def _malformed_report(control_id: str, at: datetime) -> bytes:
    """An ORU^R01 whose blood flow is not a number (a decimal comma)."""
    stamp = at.astimezone(UTC).strftime("%Y%m%d%H%M%S+0000")
    segments = [
        f"MSH|^~\\&|{pcd01.SENDING_APPLICATION}|DIALYSIS|CARELOOP|CARELOOP|{stamp}"
        f"||ORU^R01^ORU_R01|{control_id}|P|2.6",
        "PID|||SIM-0001^^^CARELOOP^PI",
        f"OBR|1|{control_id}|{control_id}|182777000^monitoring of patient^SCT|||{stamp}",
        "OBX|1|NM|MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE^Blood flow^MDC|1.1.1.1|250,5"
        f"|mL/min^mL/min^UCUM|||||R|||{stamp}",
    ]
    return ("\r".join(segments) + "\r").encode("utf-8")
