"""The instrument side of the Careloop ASTM profile, for demos and tests.

An ``AstmMachineEndpoint`` drives one SimulatedMachine and speaks ASTM
E1381/E1394 to whoever opens its pseudo-terminal (or TCP port), exactly as a
dialysis machine on an RS-232 cable would: it answers requests, and while
monitored it reports readings, alarms and mode changes every
``report_interval_s`` of real time, advancing the machine by that interval
times ``time_scale``. Bytes leave no faster than ``baudrate`` allows.

Each endpoint runs on its own thread. Link-level faults come on demand:

- ``faults.drop_byte_probability``: bytes vanish on the way out;
- ``faults.corrupt_frames``: the next N frames go out with a wrong checksum;
- ``faults.silent``: the machine stops answering (reads nothing, sends
  nothing) until cleared;
- ``faults.reply_delay_s``: replies are late by this much;
- ``faults.contend_next_enq``: the machine bids for the line at the same
  moment as the computer, once;
- ``faults.lose_final_acks``: the ACK to the last frame of the next N
  messages never leaves (the message was received and acted on: the
  computer cannot know);
- ``faults.garble_final_acks``: the same ACKs leave as a noise byte;
- ``faults.lose_terminators``: the next N frames lose their ETX or ETB;
- ``restart_interface()``: the machine forgets it was monitored and loses
  its unsent reports (its running numbers go on);
- ``pull_cable(for_s)``: the port disappears (the driver's reads fail) and a
  new one appears behind the same stable path after ``for_s`` seconds, as a
  USB-serial adapter re-enumerating does. Readings taken meanwhile wait in
  the machine's buffer (``buffer_limit`` messages; beyond it the oldest are
  lost, which the driver must report as a gap).

Machine-level faults (a setting changed behind the nurse's back, a wrong
read-back, forced alarms) belong to SimulatedMachine; reach it through
``call``, which runs on the endpoint's thread.

A settings write never starts treatment: the nurse starts it at the
machine (``press_start``) once the workstation's read-back matched, as the
profile says.

Not for production use, and it does not do HL7 (see dialysis_hl7.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import select
import socket
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from devices.dialysis.astm.framing import ACK, ENQ, STX
from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    AstmTimers,
    MessageReceived,
    Output,
    Phase,
    Role,
    Transmit,
)
from devices.dialysis.astm.profile import (
    Request,
    RequestKind,
    build_reply,
    build_report,
    parse_request,
)
from devices.dialysis.astm.records import parse_message
from devices.errors import ProtocolError
from devices.sim.dialysis_machine import SimulatedMachine
from devices.sim.pty import PacedWriter, PtyPair, open_pty_pair, seconds_on_line

log = logging.getLogger(__name__)

T = TypeVar("T")

# The machine leaves the line this long after its own EOT before bidding
# again, so that a computer waiting to send gets the line first.
REBID_GAP_S = 0.05


class SimClock:
    """Simulated wall time: real time since creation times ``time_scale``."""

    def __init__(self, time_scale: float = 1.0) -> None:
        if time_scale <= 0:
            raise ValueError(f"time scale must be positive, got {time_scale}")
        self.time_scale = time_scale
        self._sim_epoch = datetime.now(UTC)
        self._real_epoch = time.monotonic()

    def __call__(self) -> datetime:
        elapsed_s = (time.monotonic() - self._real_epoch) * self.time_scale
        return self._sim_epoch + timedelta(seconds=elapsed_s)


@dataclass
class LinkFaults:
    """Link-level misbehaviour, set from any thread."""

    drop_byte_probability: float = 0.0
    corrupt_frames: int = 0
    silent: bool = False
    reply_delay_s: float = 0.0
    contend_next_enq: bool = False
    lose_final_acks: int = 0
    garble_final_acks: int = 0
    lose_terminators: int = 0


@dataclass
class EndpointCounters:
    bytes_out: int = 0
    bytes_in: int = 0
    reports_sent: int = 0
    reports_lost: int = 0  # dropped from a full buffer: a real gap
    requests: int = 0


class AstmMachineEndpoint:
    """One simulated machine on one pseudo-terminal or TCP port."""

    def __init__(
        self,
        machine: SimulatedMachine,
        clock: SimClock,
        *,
        baudrate: int = 9600,
        report_interval_s: float = 2.0,
        timers: AstmTimers | None = None,
        buffer_limit: int = 1000,
        tcp_port: int | None = None,
        link_dir: Path | None = None,
        seed: int = 0,
        rebid_gap_s: float = REBID_GAP_S,
        name: str = "",
    ) -> None:
        if report_interval_s <= 0:
            raise ValueError(
                f"report interval must be positive, got {report_interval_s} s"
            )
        self.machine = machine
        self.sim_now = clock
        self.baudrate = baudrate
        self.time_scale = clock.time_scale
        self.report_interval_s = report_interval_s
        base = timers or AstmTimers()
        self.timers = AstmTimers(**{**base.__dict__, "rebid_gap_s": rebid_gap_s})
        self.buffer_limit = buffer_limit
        self.tcp_port = tcp_port
        self.name = name or machine.identity.serial_number
        self.faults = LinkFaults()
        self.counters = EndpointCounters()
        self.monitoring = False
        self._random = random.Random(seed)
        self._astm = self._new_link_layer()
        self._reports: deque[bytes] = deque()
        self._replies: deque[tuple[float, bytes]] = deque()  # (due, message)
        self._incoming: deque[tuple[float, bytes]] = deque()  # (arrives, bytes)
        self._rx_line_free_at = 0.0
        self._seconds_per_byte = seconds_on_line(1, baudrate)
        self._commands: deque[Callable[[], None]] = deque()
        self._wake_r, self._wake_w = os.pipe()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._own_link_dir = link_dir is None
        self._link_dir = link_dir or Path(tempfile.mkdtemp(prefix="careloop-sim-"))
        self._pty: PtyPair | None = None
        self._listener: socket.socket | None = None
        self._client: socket.socket | None = None
        self._writer: PacedWriter | None = None
        self._replug_at: float | None = None
        self._was_silent = False

    @classmethod
    def for_new_machine(
        cls,
        serial_number: str,
        *,
        time_scale: float = 1.0,
        seed: int = 0,
        **options: object,
    ) -> AstmMachineEndpoint:
        """A fresh SimulatedMachine on its own simulated clock, and its endpoint."""
        clock = SimClock(time_scale)
        machine = SimulatedMachine(serial_number=serial_number, clock=clock, seed=seed)
        return cls(machine, clock, seed=seed, **options)  # type: ignore[arg-type]

    # -- lifecycle --------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The stable path a driver opens (a symlink to the current pty)."""
        return self._link_dir / f"{self.name}.tty"

    @property
    def where(self) -> str:
        """Where to connect, for people: the stable path or the TCP port."""
        if self.tcp_port is not None:
            return f"tcp://127.0.0.1:{self.tcp_port}"
        device = self._pty.device_path if self._pty else "(unplugged)"
        return f"{self.path} -> {device}"

    def start(self) -> None:
        self._plug_in()
        self._thread = threading.Thread(
            target=self._run, name=f"sim-astm-{self.name}", daemon=True
        )
        self._thread.start()
        log.info("machine %s on %s", self.name, self.where)

    def stop(self) -> None:
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(5.0)
        self._unplug()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self._own_link_dir:
            with contextlib.suppress(OSError):
                self._link_dir.rmdir()

    def call(
        self, action: Callable[[SimulatedMachine], T], timeout_s: float = 5.0
    ) -> T:
        """Run ``action(machine)`` on the endpoint's thread; its result."""
        done: Future[T] = Future()

        def run() -> None:
            try:
                done.set_result(action(self.machine))
            except Exception as exc:
                done.set_exception(exc)

        self._commands.append(run)
        self._wake()
        return done.result(timeout_s)

    def press_start(self) -> None:
        """The nurse presses Start at the machine: PRETX -> TX.
        ValueError in a mode that cannot start."""
        self.call(lambda machine: machine.start_treatment())

    def pull_cable(self, for_s: float = 0.0) -> None:
        """Make the port disappear; it comes back after ``for_s`` seconds."""

        def pull() -> None:
            log.info("machine %s: cable pulled for %.1f s", self.name, for_s)
            self._unplug()
            self._astm.reset()
            self._incoming.clear()
            self._replug_at = time.monotonic() + for_s

        self._commands.append(pull)
        self._wake()

    def restart_interface(self) -> None:
        """The machine's communication board restarts: it forgets that it
        was monitored and loses the reports it had not sent yet. The
        machine itself (and its running numbers) carries on."""

        def restart() -> None:
            log.info("machine %s: interface restarted", self.name)
            self.monitoring = False
            self.counters.reports_lost += len(self._reports)
            self._reports.clear()
            self._replies.clear()
            self._astm = self._new_link_layer()

        self._commands.append(restart)
        self._wake()

    def _new_link_layer(self) -> AstmLinkLayer:
        return AstmLinkLayer(
            Role.INSTRUMENT, self.timers, requeue_failed=True, messages_per_transfer=1
        )

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")

    # -- ports ----------------------------------------------------------------------

    def _plug_in(self) -> None:
        self._replug_at = None
        if self.tcp_port is not None:
            self._open_listener()
            return
        self._pty = open_pty_pair()
        self._writer = PacedWriter(self._pty.controller_fd, self.baudrate)
        tmp = self.path.with_suffix(".new")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(self._pty.device_path)
        tmp.replace(self.path)

    def _open_listener(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.tcp_port or 0))
        listener.listen(1)
        self.tcp_port = listener.getsockname()[1]
        self._listener = listener

    def _unplug(self) -> None:
        self._writer = None
        if self._pty is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self._pty.close()
            self._pty = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self.tcp_port is not None and self._listener is not None:
            self._listener.close()
            self._listener = None

    def _line_fd(self) -> int | None:
        if self._pty is not None:
            return self._pty.controller_fd
        if self._client is not None:
            return self._client.fileno()
        return None

    # -- the thread -----------------------------------------------------------------

    def _run(self) -> None:
        next_report = time.monotonic() + self.report_interval_s
        while not self._stop.is_set():
            try:
                next_report = self._run_once(next_report)
            except Exception:  # a simulator bug must not end the machine
                log.exception("machine %s: simulator step failed", self.name)
                self._stop.wait(0.1)

    def _run_once(self, next_report: float) -> float:
        """One turn of the endpoint's loop; the next report's due time."""
        now = time.monotonic()
        if now >= next_report:
            self._report()
            next_report += self.report_interval_s
            if next_report < now:  # we fell behind: do not burst
                next_report = now + self.report_interval_s
        self._run_commands()
        self._replug_if_due(now)
        self._take_arrived(now)
        self._feed_line(now)
        self._apply(self._astm.tick(time.monotonic()))
        self._wait(next_report)
        return next_report

    def _wait(self, next_report: float) -> None:
        now = time.monotonic()
        due = [next_report]
        deadline = self._astm.next_deadline()
        if deadline is not None:
            due.append(deadline)
        if self._replies:
            due.append(self._replies[0][0])
        if self._incoming:
            due.append(self._incoming[0][0])
        if self._replug_at is not None:
            due.append(self._replug_at)
        timeout = max(0.0, min(due) - now)
        watched = [self._wake_r]
        line = self._line_fd()
        if line is not None:
            watched.append(line)
        elif self._listener is not None:
            watched.append(self._listener.fileno())
        readable, _, _ = select.select(watched, [], [], timeout)
        if self._wake_r in readable:
            os.read(self._wake_r, 4096)
        if self._listener is not None and self._listener.fileno() in readable:
            self._accept()
        if line is not None and line in readable:
            self._read_line(line)

    def _accept(self) -> None:
        assert self._listener is not None
        client, _ = self._listener.accept()
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._client = client
        self._writer = PacedWriter(client.fileno(), self.baudrate)
        self._astm.reset()

    def _read_line(self, fd: int) -> None:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            if self._client is not None:  # the computer hung up
                self._client.close()
                self._client = None
                self._writer = None
                self._astm.reset()
            return
        self.counters.bytes_in += len(data)
        if self.faults.silent:
            return
        # A pseudo-terminal delivers at once; a serial line would take its
        # bit times. Hold what came in until it would have arrived.
        now = time.monotonic()
        arrives = max(now, self._rx_line_free_at) + len(data) * self._seconds_per_byte
        self._rx_line_free_at = arrives
        self._incoming.append((arrives, data))

    def _take_arrived(self, now: float) -> None:
        while self._incoming and self._incoming[0][0] <= now:
            _, data = self._incoming.popleft()
            if not self.faults.silent:
                self._receive(data)

    def _receive(self, data: bytes) -> None:
        if (
            self.faults.contend_next_enq
            and ENQ in data
            and self._astm.phase is Phase.NEUTRAL
        ):
            self.faults.contend_next_enq = False
            self._contend()
        was_receiving = self._astm.phase is Phase.RECEIVING
        outputs = self._astm.receive(data, time.monotonic())
        if was_receiving and any(isinstance(o, MessageReceived) for o in outputs):
            outputs = self._spoil_final_ack(outputs)
        self._apply(outputs)

    def _spoil_final_ack(self, outputs: list[Output]) -> list[Output]:
        """The ACK to a message's last frame, lost or garbled on demand."""
        ack = Transmit(bytes((ACK,)))
        if self.faults.lose_final_acks > 0:
            self.faults.lose_final_acks -= 1
            log.info("machine %s: the ACK to a last frame is lost", self.name)
            return [o for o in outputs if o != ack]
        if self.faults.garble_final_acks > 0:
            self.faults.garble_final_acks -= 1
            log.info("machine %s: the ACK to a last frame is garbled", self.name)
            return [Transmit(b"\x7f") if o == ack else o for o in outputs]
        return outputs

    def _contend(self) -> None:
        """Bid with the computer's ENQ already on its way: contention."""
        log.info("machine %s: bidding for the line at the same moment", self.name)
        with_snapshot = build_report(
            self.machine.identity, self.machine.advance(0), self.sim_now()
        )
        self._astm.reset()  # neutral already; this only lifts the re-bid pause
        _, outputs = self._astm.send(with_snapshot, time.monotonic())
        self._apply(outputs)

    def _run_commands(self) -> None:
        while self._commands:
            self._commands.popleft()()

    def _replug_if_due(self, now: float) -> None:
        if self._replug_at is not None and now >= self._replug_at:
            self._plug_in()
            log.info("machine %s: cable back, %s", self.name, self.where)

    def _feed_line(self, now: float) -> None:
        """Hand the next message to the link layer when it has none."""
        if self.faults.silent:
            self._was_silent = True
            return
        if self._was_silent:
            self._was_silent = False
            self._astm.reset()
        if self._astm.pending:
            return
        if self._replies and self._replies[0][0] <= now:
            _, message = self._replies.popleft()
        elif self._reports and not self._replies:
            message = self._reports.popleft()
        else:
            return
        _, outputs = self._astm.send(message, now)
        self._apply(outputs)

    def _apply(self, outputs: list[Output]) -> None:
        for output in outputs:
            if isinstance(output, Transmit):
                self._transmit(output.data)
            elif isinstance(output, MessageReceived):
                self._answer(output.message)

    def _transmit(self, data: bytes) -> None:
        if self.faults.silent or self._writer is None:
            return
        if data[:1] == bytes((STX,)) and self.faults.corrupt_frames > 0:
            self.faults.corrupt_frames -= 1
            data = data[:-4] + (b"00" if data[-4:-2] != b"00" else b"FF") + data[-2:]
        if data[:1] == bytes((STX,)) and self.faults.lose_terminators > 0:
            self.faults.lose_terminators -= 1
            data = data[:-5] + data[-4:]
        if self.faults.drop_byte_probability > 0:
            keep = self.faults.drop_byte_probability
            data = bytes(b for b in data if self._random.random() >= keep)
        try:
            self._writer.write(data)
        except OSError as exc:
            log.info("machine %s: write failed: %s", self.name, exc)
            return
        self.counters.bytes_out += len(data)

    # -- the machine's answers ---------------------------------------------------------

    def _report(self) -> None:
        events = self.machine.advance(self.report_interval_s * self.time_scale)
        if not self.monitoring or not events:
            return
        self._reports.append(
            build_report(self.machine.identity, events, self.sim_now())
        )
        self.counters.reports_sent += 1
        while len(self._reports) > self.buffer_limit:
            self._reports.popleft()
            self.counters.reports_lost += 1

    def _answer(self, message: bytes) -> None:
        self.counters.requests += 1
        try:
            request = parse_request(message)
        except ProtocolError as exc:
            log.info("machine %s: request refused: %s", self.name, exc)
            control_id = _control_id(message)
            if control_id:
                self._queue_reply(
                    build_reply(control_id, self.machine.identity, self.sim_now(),
                                refusal=str(exc))
                )  # fmt: skip
            return
        self._queue_reply(self._reply_to(request))

    def _queue_reply(self, message: bytes) -> None:
        due = time.monotonic() + self.faults.reply_delay_s
        self._replies.append((due, message))

    def _reply_to(self, request: Request) -> bytes:
        machine, at, control_id = self.machine, self.sim_now(), request.control_id
        kind = request.kind
        if kind is RequestKind.WRITE_SETTINGS:
            assert request.settings is not None
            try:
                machine.apply_settings(request.settings)
            except ValueError as exc:
                return build_reply(control_id, machine.identity, at, refusal=str(exc))
            return build_reply(control_id, machine.identity, at)  # mode unchanged
        if kind is RequestKind.READ_SETTINGS:
            settings = machine.current_settings()
            return build_reply(control_id, machine.identity, at, settings=settings)
        if kind is RequestKind.READ_MODE:
            return build_reply(control_id, machine.identity, at, mode=machine.mode)
        if kind is RequestKind.START_MONITORING:
            self.monitoring = True
        elif kind is RequestKind.STOP_MONITORING:
            self.monitoring = False
        return build_reply(control_id, machine.identity, at)


def _control_id(message: bytes) -> str:
    try:
        return parse_message(message)[0].component(3)
    except ProtocolError:
        return ""
