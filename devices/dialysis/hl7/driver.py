"""``Hl7DialysisDriver``: the DialysisDriver for machines that report over HL7.

A machine or its gateway sends ORU^R01 messages (IHE PCD-01) framed by
MLLP; the driver answers each with an ACK and turns what it carried into
the shared dialysis events. Two ways in:

- TCP (the usual MLLP direction): the driver listens on ``host:port``
  (127.0.0.1 unless told otherwise) and the gateway connects to it;
- any ``devices.transport`` link (a serial port, a ``ReconnectingLink``, a
  TCP client link to a terminal server), given as ``link``.

Link state: CONNECTED while a sender is connected and its messages are
taken; DEGRADED when a message was rejected or nothing has arrived for
``silence_timeout_s``; DISCONNECTED when no sender is connected.

HL7 monitoring is read-only: ``write_settings`` raises ``ReadOnlyProtocol``.
``identify``, ``read_settings`` and ``read_mode`` answer from what the
machine has reported, waiting up to ``report_timeout_s`` for a first report.

hl7apy is slow (milliseconds per OBX), so messages are parsed on one worker
thread, one at a time, in arrival order; the event loop only applies them.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timezone

from devices.dialysis.hl7 import mllp, oru
from devices.dialysis.hl7.errors import (
    MessageRejected,
    NotYetReported,
    ReadOnlyProtocol,
)
from devices.dialysis.hl7.receiver import Hl7Receiver, decode_report
from devices.dialysis.model import (
    LinkEvent,
    LinkState,
    MachineEvent,
    MachineIdentity,
    MachineMode,
    MachineSettings,
)
from devices.errors import DeviceError, LinkClosed, LinkTimeout
from devices.transport import Link

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
# PCD-01 senders report every few seconds at most; three silent reports is a
# link to look at.
DEFAULT_SILENCE_TIMEOUT_S = 15.0
DEFAULT_REPORT_TIMEOUT_S = 30.0
_READ_CHUNK = 65536


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Hl7DialysisDriver:
    """Read-only monitoring of one dialysis machine over HL7 v2 / MLLP."""

    def __init__(
        self,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        link: Link | None = None,
        clock: Callable[[], datetime] = _utc_now,
        name: str = "hl7",
        silence_timeout_s: float = DEFAULT_SILENCE_TIMEOUT_S,
        report_timeout_s: float = DEFAULT_REPORT_TIMEOUT_S,
        encoding: str = "utf-8",
        default_zone: timezone = UTC,
    ) -> None:
        if silence_timeout_s <= 0 or report_timeout_s <= 0:
            raise ValueError(
                f"time-outs must be positive, got silence {silence_timeout_s} s "
                f"and report {report_timeout_s} s"
            )
        self._host = host
        self._port = port
        self._link = link
        self._clock = clock
        self._name = name
        self._silence_timeout_s = silence_timeout_s
        self._report_timeout_s = report_timeout_s
        self._decode = functools.partial(
            decode_report, encoding=encoding, default_zone=default_zone
        )
        self._receiver = Hl7Receiver(clock=clock, name=name)
        self._receiver.deliver = False
        self._events: asyncio.Queue[MachineEvent | None] = asyncio.Queue()
        self._state = LinkState.DISCONNECTED
        self._first_report = asyncio.Event()
        self._parser: ThreadPoolExecutor | None = None
        self._server: asyncio.Server | None = None
        self._sessions: set[asyncio.Task[None]] = set()
        self._link_session: _LinkSession | None = None
        self._senders = 0
        self._last_taken = 0.0
        self._closed = False

    # -- DialysisDriver -----------------------------------------------------

    @property
    def link_state(self) -> LinkState:
        return self._state

    @property
    def port(self) -> int:
        """The TCP port listened on (useful after asking for port 0)."""
        if self._server is None or not self._server.sockets:
            raise LinkClosed(f"{self._name}: not listening")
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def open(self) -> None:
        if self._parser is not None:
            raise RuntimeError(f"{self._name}: driver is already open")
        self._parser = ThreadPoolExecutor(1, thread_name_prefix=f"{self._name}-hl7")
        self._closed = False
        try:
            await self._start_listening()
        except BaseException:
            self._parser.shutdown(wait=False)
            self._parser = None
            self._link_session = None
            raise

    async def _start_listening(self) -> None:
        if self._link is not None:
            self._link_session = _LinkSession(self, self._link)
            await self._link.open(self._link_session)
            return
        self._server = await asyncio.start_server(
            self._serve_connection, self._host, self._port
        )
        log.info("%s: listening for HL7 on %s:%d", self._name, self._host, self.port)

    async def close(self) -> None:
        """Stop listening, drop senders, end the events stream. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._server is not None:
            self._server.close()
        for task in list(self._sessions):
            task.cancel()
        await asyncio.gather(*self._sessions, return_exceptions=True)
        if self._link_session is not None:
            await self._link_session.stop()
            self._link_session = None
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None
        if self._parser is not None:
            self._parser.shutdown(wait=True)
            self._parser = None
        self._set_state(LinkState.DISCONNECTED, "driver closed")
        self._events.put_nowait(None)

    async def identify(self) -> MachineIdentity:
        await self._await_first_report()
        identity = self._receiver.identity
        if identity is None:
            raise NotYetReported(
                f"{self._name}: the machine has not reported its serial"
            )
        return identity

    async def write_settings(self, settings: MachineSettings) -> None:
        raise ReadOnlyProtocol(
            f"{self._name}: HL7 ORU^R01 monitoring is read-only; "
            "settings cannot be written over it"
        )

    async def read_settings(self) -> MachineSettings:
        """The settings the machine last reported."""
        await self._await_first_report()
        settings = self._receiver.settings
        if settings is None:
            raise NotYetReported(f"{self._name}: the machine reports no settings")
        return settings

    async def read_mode(self) -> MachineMode:
        await self._await_first_report()
        mode = self._receiver.mode
        if mode is None:
            raise NotYetReported(f"{self._name}: the machine reports no mode")
        return mode

    async def start_monitoring(self) -> None:
        """From now on readings and alarms go to ``events()``.

        Before this (and after ``stop_monitoring``) messages are still
        answered and their numbering tracked, but readings are not handed on.
        """
        self._receiver.deliver = True

    async def stop_monitoring(self) -> None:
        self._receiver.deliver = False

    def events(self) -> AsyncIterator[MachineEvent]:
        """Readings, alarms, mode changes, link changes and gaps, in order;
        the stream ends when the driver is closed. One consumer."""
        return self._iterate_events()

    async def _iterate_events(self) -> AsyncIterator[MachineEvent]:
        while True:
            event = await self._events.get()
            if event is None:
                self._events.put_nowait(None)  # a second reader ends too
                return
            yield event

    # -- what senders do to us ----------------------------------------------

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        if task is None or self._closed:
            writer.close()
            return
        self._sessions.add(task)
        peer = writer.get_extra_info("peername")
        reason = "sender closed the connection"
        self._sender_arrived(f"sender connected from {peer}")
        framer = mllp.MllpFramer()
        try:
            while True:
                data = await self._read_or_notice_silence(reader)
                if not data:
                    break
                for payload in self._frames(framer, data):
                    writer.write(await self.take_payload(payload))
                    await writer.drain()
        except (ConnectionError, OSError) as error:
            reason = f"connection lost: {error}"
        except asyncio.CancelledError:
            # Not re-raised: asyncio's stream server logs a cancelled handler
            # at ERROR. close() cancelled us; ending quietly is the intent.
            reason = "driver closed"
        finally:
            self._sessions.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError, asyncio.CancelledError):
                await writer.wait_closed()
            self._sender_left(reason)

    async def _read_or_notice_silence(self, reader: asyncio.StreamReader) -> bytes:
        while True:
            try:
                return await asyncio.wait_for(
                    reader.read(_READ_CHUNK), self._time_to_silence()
                )
            except TimeoutError:
                self._notice_silence()

    def _time_to_silence(self) -> float:
        loop_time = asyncio.get_running_loop().time()
        left = self._last_taken + self._silence_timeout_s - loop_time
        return left if left > 0 else self._silence_timeout_s

    def _notice_silence(self) -> None:
        loop_time = asyncio.get_running_loop().time()
        if loop_time - self._last_taken >= self._silence_timeout_s:
            self._set_state(
                LinkState.DEGRADED,
                f"no message for {self._silence_timeout_s:g} s",
            )

    def _frames(self, framer: mllp.MllpFramer, data: bytes) -> list[bytes]:
        skipped_before = framer.skipped_bytes
        payloads = framer.feed(data)
        skipped = framer.skipped_bytes - skipped_before
        if skipped:
            log.info("%s: %d bytes outside MLLP frames skipped", self._name, skipped)
        return payloads

    async def take_payload(self, payload: bytes) -> bytes:
        """Decode, apply and answer one MLLP payload; the framed ACK."""
        if self._parser is None:
            raise LinkClosed(f"{self._name}: the driver is closed")
        loop = asyncio.get_running_loop()
        outcome = await loop.run_in_executor(self._parser, self._decode, payload)
        try:
            taken = self._receiver.take(outcome)
        except Exception:  # a bug of ours: answer AE, keep the link, say so
            log.exception("%s: failed to apply a message", self._name)
            outcome = MessageRejected(
                "AE", oru.APPLICATION_ERROR, "receiver failed on this message"
            )
            taken = self._receiver.take(outcome)
        for event in taken.events:
            self._events.put_nowait(event)
        if taken.accepted:
            self._last_taken = loop.time()
            self._first_report.set()
            self._set_state(LinkState.CONNECTED, "reporting")
        else:
            self._set_state(LinkState.DEGRADED, f"message rejected: {taken.reason}")
        frame = mllp.wrap(taken.ack_text.encode("utf-8"))
        mllp.wire_log.debug("mllp out %r", frame)
        return frame

    def _sender_arrived(self, reason: str) -> None:
        self._senders += 1
        self._last_taken = asyncio.get_running_loop().time()
        self._set_state(LinkState.CONNECTED, reason)

    def _sender_left(self, reason: str) -> None:
        self._senders = max(0, self._senders - 1)
        if self._senders == 0 and not self._closed:
            self._set_state(LinkState.DISCONNECTED, reason)

    def _set_state(self, state: LinkState, reason: str) -> None:
        if state is self._state:
            return
        self._state = state
        log.info("%s: link %s: %s", self._name, state.value, reason)
        self._events.put_nowait(LinkEvent(state, reason, self._clock()))

    async def _await_first_report(self) -> None:
        if self._first_report.is_set():
            return
        try:
            await asyncio.wait_for(self._first_report.wait(), self._report_timeout_s)
        except TimeoutError:
            raise LinkTimeout(
                f"{self._name}: no HL7 report within {self._report_timeout_s:g} s"
            ) from None


class _LinkSession:
    """Drives the driver from a ``devices.transport`` link (serial and such).

    Link callbacks arrive on the loop; payloads are taken one at a time by a
    worker task so that ACKs leave in the order the messages came.
    """

    def __init__(self, driver: Hl7DialysisDriver, link: Link) -> None:
        self._driver = driver
        self._link = link
        self._framer = mllp.MllpFramer()
        self._payloads: asyncio.Queue[bytes] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None

    def connection_made(self, link: Link) -> None:
        self._framer.reset()
        self._driver._sender_arrived(f"link {link.name} open")
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._work())

    def data_received(self, data: bytes) -> None:
        for payload in self._driver._frames(self._framer, data):
            self._payloads.put_nowait(payload)

    def connection_lost(self, exc: Exception | None) -> None:
        self._framer.reset()
        reason = f"link lost: {exc}" if exc is not None else "link closed"
        self._driver._sender_left(reason)

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        await self._link.close()

    async def _work(self) -> None:
        while True:
            try:
                payload = await asyncio.wait_for(
                    self._payloads.get(), self._driver._time_to_silence()
                )
            except TimeoutError:
                self._driver._notice_silence()
                continue
            ack_frame = await self._driver.take_payload(payload)
            try:
                await self._link.write(ack_frame)
            except DeviceError as error:
                log.warning("%s: ACK not sent: %s", self._link.name, error)
