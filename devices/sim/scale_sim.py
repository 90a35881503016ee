"""Scale simulators: each protocol on a pseudo-terminal (or TCP), like a real one.

A `Platform` gives the load on the platform over time: a ramp when a bag is
put down, an overshoot that rings out, noise that dies away, then a settled
weight. An indicator on top of it keeps zero and tare, rounds to its display
increment, and speaks one protocol: it streams frames (Toledo, XK3190 A9,
``=``, A12E) or answers MT-SICS commands.

Over a pseudo-terminal the simulator reads the baud rate the driver set on
its side (the slave's termios speed) and, when it differs from the
simulated line's rate, sends what a UART at the wrong rate delivers:
garbage. So auto-detection is tested for real. Faults on demand: garbage,
bad checksum, silence, and a pulled cable (silence both ways until
restored).

For tests, demos and training only; it never touches a real port.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import logging
import math
import os
import random
import select
import socket
import struct
import termios
import threading
import time
from collections.abc import Callable
from decimal import Decimal

from devices.scale import mtsics, toledo, xk3190
from devices.scale.framing import LineFramer, Skipped
from devices.sim.pty import PacedWriter, open_pty_pair

log = logging.getLogger(__name__)

PROTOCOLS = (
    toledo.PROTOCOL,
    mtsics.PROTOCOL,
    xk3190.A9,
    xk3190.EQUALS,
    xk3190.EQUALS_FORWARD,
    xk3190.A12E,
)
DEFAULT_DECIMALS = {
    toledo.PROTOCOL: 2,
    mtsics.PROTOCOL: 3,
    xk3190.A9: 2,
    xk3190.EQUALS: 3,
    xk3190.EQUALS_FORWARD: 3,
    xk3190.A12E: 3,
}
STANDARD_BAUDS = (300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_SPEED_OF = {getattr(termios, f"B{baud}"): baud for baud in STANDARD_BAUDS}
BACKLOG_LIMIT = 256  # unread bytes on the driver's side before frames are dropped


class Fault(enum.Enum):
    GARBAGE = "garbage"  # random bytes instead of frames
    BAD_CHECKSUM = "bad-checksum"  # frames with a wrong check (or malformed)
    SILENT = "silent"  # sends nothing, still reads
    DISCONNECT = "disconnect"  # cable pulled: nothing either way


def garble(data: bytes) -> bytes:
    """What a receiver at the wrong baud rate makes of ``data``: high-bit junk."""
    return bytes((((byte * 7) & 0xFF) ^ 0xA5) | 0x80 for byte in data)


class Platform:
    """The load on the platform over time; thread-safe ``place``/``remove``."""

    def __init__(
        self,
        *,
        settle_s: float = 1.5,
        overshoot: float = 0.1,
        noise_kg: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        seed: int = 1,
    ) -> None:
        self.settle_s = settle_s
        self.overshoot = overshoot
        self.noise_kg = noise_kg
        self._clock = clock
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._from_kg = self._to_kg = 0.0
        self._since = -math.inf

    def place(self, kg: float) -> None:
        """The platform now carries ``kg`` (put down, or swapped for another)."""
        with self._lock:
            self._from_kg = self._load_at(self._clock())
            self._to_kg = float(kg)
            self._since = self._clock()

    def remove(self) -> None:
        self.place(0.0)

    def settled(self) -> bool:
        with self._lock:
            return self._clock() - self._since >= self.settle_s

    def load_kg(self) -> float:
        """The load now, noise included."""
        with self._lock:
            now = self._clock()
            load = self._load_at(now)
            progress = (now - self._since) / self.settle_s if self.settle_s else 1.0
            if progress < 1.0:
                load += self._random.gauss(0.0, self.noise_kg * (1.0 - progress))
            return load

    def _load_at(self, now: float) -> float:
        elapsed, step = now - self._since, self._to_kg - self._from_kg
        if elapsed >= self.settle_s:
            return self._to_kg
        ramp_s = 0.2 * self.settle_s
        if elapsed < ramp_s:
            return self._from_kg + step * elapsed / ramp_s
        ringing = (elapsed - ramp_s) / (self.settle_s - ramp_s)
        swing = math.cos(3 * math.pi * ringing) * (1.0 - ringing) ** 2
        return self._to_kg + step * self.overshoot * swing


class Indicator:
    """Zero, tare, display rounding and range: what the scale's head adds."""

    def __init__(self, platform: Platform, decimals: int, capacity_kg: float) -> None:
        self.platform = platform
        self.decimals = decimals
        self.capacity_kg = capacity_kg
        self.zero_kg = 0.0
        self.tare_kg = 0.0

    def _round(self, kg: float) -> Decimal:
        return Decimal(repr(kg)).quantize(Decimal(1).scaleb(-self.decimals))

    def gross(self) -> Decimal:
        return self._round(self.platform.load_kg() - self.zero_kg)

    def shown(self) -> Decimal:
        """Net when a tare is set, else gross."""
        return self._round(float(self.gross()) - self.tare_kg)

    def over(self) -> bool:
        return self.gross() > Decimal(repr(self.capacity_kg * 1.01))

    def under(self) -> bool:
        return self.gross() < Decimal(repr(-0.02 * self.capacity_kg))

    def motion(self) -> bool:
        return not self.platform.settled()

    def try_zero(self) -> str:
        if self.motion():
            return "I"
        gross = float(self.gross())
        if abs(gross) > 0.02 * self.capacity_kg:
            return "+" if gross > 0 else "-"
        self.zero_kg += gross
        self.tare_kg = 0.0
        return "A"

    def try_tare(self) -> str:
        if self.motion():
            return "I"
        gross = float(self.gross())
        if gross <= 0:
            return "-"
        if gross > self.capacity_kg:
            return "+"
        self.tare_kg = gross
        return "S"


class PtyLine:
    """The simulator's end of a pseudo-terminal, at a simulated baud rate."""

    def __init__(self, line_baud: int) -> None:
        self.line_baud = line_baud
        self._pair = open_pty_pair()
        os.set_blocking(self._pair.controller_fd, False)
        # Our own handle on the driver's side, only to read its termios speed
        # and how many bytes it has not read yet; never read from.
        self._probe_fd = os.open(
            self._pair.device_path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK
        )
        self._writer = PacedWriter(self._pair.controller_fd, line_baud)

    @property
    def where(self) -> str:
        return self._pair.device_path

    def rates_match(self) -> bool:
        speed = termios.tcgetattr(self._probe_fd)[5]
        return _SPEED_OF.get(speed) == self.line_baud

    def write(self, data: bytes) -> None:
        """Send paced, or drop it when nobody reads (as a real line would)."""
        unread = struct.unpack(
            "i", fcntl.ioctl(self._probe_fd, termios.FIONREAD, b"\0\0\0\0")
        )[0]
        if unread > BACKLOG_LIMIT:
            return
        with contextlib.suppress(BlockingIOError):
            self._writer.write(data)

    def read(self, timeout_s: float) -> bytes:
        fd = self._pair.controller_fd
        readable, _, _ = select.select([fd], [], [], timeout_s)
        if not readable:
            return b""
        try:
            return os.read(fd, 1024)
        except (BlockingIOError, OSError):
            return b""

    def close(self) -> None:
        os.close(self._probe_fd)
        self._pair.close()


class TcpLine:
    """One TCP client at a time on 127.0.0.1 (or a given host), unpaced."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.line_baud = 0
        self._server = socket.create_server((host, port))
        self._server.setblocking(False)
        self._client: socket.socket | None = None
        self.accepting = True  # False while the "cable" is pulled

    @property
    def where(self) -> str:
        host, port = self._server.getsockname()[:2]
        return f"socket://{host}:{port}"

    def rates_match(self) -> bool:
        return True

    def write(self, data: bytes) -> None:
        self._accept()
        if self._client is None:
            return
        try:
            self._client.sendall(data)
        except OSError:
            self._drop_client()

    def read(self, timeout_s: float) -> bytes:
        self._accept()
        if self._client is None:
            select.select([], [], [], timeout_s)  # wait out the frame time
            return b""
        readable, _, _ = select.select([self._client], [], [], timeout_s)
        if not readable:
            return b""
        try:
            data = self._client.recv(1024)
        except OSError:
            data = b""
        if not data:
            self._drop_client()
        return data

    def hang_up(self) -> None:
        """Drop the client (on the simulator's thread) and take no new one."""
        self.accepting = False

    def _accept(self) -> None:
        """On the simulator's thread: follow ``accepting``, take a client."""
        if not self.accepting:
            self._drop_client()
            return
        if self._client is not None:
            return
        try:
            self._client, peer = self._server.accept()
        except BlockingIOError:
            return
        self._client.setblocking(True)
        self._client.settimeout(2.0)
        log.info("scale simulator: client %s connected", peer)

    def _drop_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def close(self) -> None:
        self._drop_client()
        self._server.close()


Line = PtyLine | TcpLine


SERIAL_NUMBER = "SIM0000001"


class ScaleSimulator:
    """One simulated scale on its own thread; ``start()`` says where it is.

    Scenario API for tests and demos: ``place(kg)``, ``remove()``,
    ``set_fault(fault)`` / ``set_fault(None)``. Thread-safe.
    """

    def __init__(
        self,
        protocol: str,
        *,
        line_baud: int = 9600,
        tcp_port: int | None = None,
        interval_s: float = 0.1,
        decimals: int | None = None,
        settle_s: float = 1.5,
        overshoot: float = 0.1,
        noise_kg: float = 0.02,
        capacity_kg: float = 60.0,
        stability_timeout_s: float = 3.0,
        fault: Fault | None = None,
        seed: int = 1,
    ) -> None:
        if protocol not in PROTOCOLS:
            raise ValueError(f"unknown scale protocol {protocol!r}; one of {PROTOCOLS}")
        self.protocol = protocol
        self.line_baud = line_baud
        self.interval_s = interval_s
        self.stability_timeout_s = stability_timeout_s
        self.platform = Platform(
            settle_s=settle_s, overshoot=overshoot, noise_kg=noise_kg, seed=seed
        )
        decimals = DEFAULT_DECIMALS[protocol] if decimals is None else decimals
        self.indicator = Indicator(self.platform, decimals, capacity_kg)
        self.frames_sent = 0
        self.commands: list[str] = []  # MT-SICS commands understood, in order
        self._tcp_port = tcp_port
        self._random = random.Random(seed + 1)
        self._fault = fault  # set here to be faulty from the first byte on
        self._line: Line | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()  # indicator state: zero and tare

    # -- scenario -------------------------------------------------------------

    def place(self, kg: float) -> None:
        self.platform.place(kg)

    def remove(self) -> None:
        self.platform.remove()

    def set_fault(self, fault: Fault | None) -> None:
        """Start a fault now (None: back to normal).

        DISCONNECT on a pseudo-terminal is silence both ways, as a pulled
        RS-232 cable is; over TCP the connection is also dropped and no new
        one is taken until the fault is cleared.
        """
        log.info("scale simulator: fault %s", fault.value if fault else "cleared")
        self._fault = fault
        if isinstance(self._line, TcpLine):
            if fault is Fault.DISCONNECT:
                self._line.hang_up()
            else:
                self._line.accepting = True

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> str:
        """Open the line, start sending; returns the port path or URL."""
        if self._tcp_port is None:
            self._line = PtyLine(self.line_baud)
        else:
            self._line = TcpLine(self._tcp_port)
        self._stop.clear()
        target = (
            self._serve_commands if self.protocol == mtsics.PROTOCOL else self._stream
        )
        self._thread = threading.Thread(
            target=self._guarded, args=(target,), name="scale-sim", daemon=True
        )
        self._thread.start()
        log.info(
            "scale simulator: %s at %s baud on %s",
            self.protocol,
            self.line_baud,
            self._line.where,
        )
        return self._line.where

    @property
    def where(self) -> str:
        if self._line is None:
            raise RuntimeError("the simulator is not started")
        return self._line.where

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
        if self._line is not None:
            self._line.close()
            self._line = None

    def __enter__(self) -> ScaleSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _guarded(self, serve: Callable[[], None]) -> None:
        try:
            serve()
        except Exception:
            log.exception("scale simulator: stopped by an error")

    # -- streaming formats ------------------------------------------------------

    def _stream(self) -> None:
        assert self._line is not None
        next_at = time.monotonic()
        while not self._stop.is_set():
            frame = self._frame()
            if frame:
                self._send(frame)
            next_at += self.interval_s
            self._line.read(max(0.0, next_at - time.monotonic()))  # and ignore

    def _frame(self) -> bytes:
        indicator = self.indicator
        with self._lock:
            shown, motion = indicator.shown(), indicator.motion()
            over, under, net = (
                indicator.over(),
                indicator.under(),
                indicator.tare_kg > 0,
            )
            tare = Decimal(repr(indicator.tare_kg))
        decimals = indicator.decimals
        if self.protocol == toledo.PROTOCOL:
            if over or under:
                shown = Decimal(0)
            return toledo.encode_frame(
                shown,
                decimals=decimals,
                net=net,
                motion=motion,
                out_of_range=over or under,
                tare=tare,
            )
        if self.protocol == xk3190.A12E:
            return xk3190.encode_a12e(
                shown, decimals, net=net, overload=over, underload=under
            )
        if over or under:
            return b""  # A9 and "=" have no overload sign; the head shows OFL only
        if self.protocol == xk3190.A9:
            return xk3190.encode_a9(shown, decimals)
        reversed_ = self.protocol == xk3190.EQUALS
        return xk3190.encode_equals(shown, decimals, reversed_=reversed_)

    def _send(self, data: bytes) -> None:
        fault, line = self._fault, self._line
        if line is None or fault in (Fault.SILENT, Fault.DISCONNECT):
            return
        if fault is Fault.GARBAGE:
            data = self._random.randbytes(len(data))
        elif fault is Fault.BAD_CHECKSUM:
            data = self._corrupt(data)
        if not line.rates_match():
            data = garble(data)
        line.write(data)
        self.frames_sent += 1

    def _corrupt(self, frame: bytes) -> bytes:
        """The frame with its check made wrong (a digit made bad where none)."""
        if self.protocol == toledo.PROTOCOL:
            return frame[:-1] + bytes([frame[-1] ^ 0x01])
        if self.protocol == xk3190.A9:
            return frame[:10] + (b"0" if frame[10:11] != b"0" else b"1") + frame[11:]
        if self.protocol == xk3190.A12E:
            at = len(frame) - 3
            return (
                frame[:at]
                + (b"0" if frame[at : at + 1] != b"0" else b"1")
                + frame[at + 1 :]
            )
        if self.protocol == mtsics.PROTOCOL:
            return frame[:2] + b"\xb1" + frame[3:]  # a parity error mid-line
        return frame[:3] + b"x" + frame[4:]  # "=": no check, so a malformed digit

    # -- MT-SICS ----------------------------------------------------------------

    def _serve_commands(self) -> None:
        assert self._line is not None
        framer = LineFramer(max_length=64)
        waiting: tuple[str, float] | None = None  # S, Z or T waiting for stability
        while not self._stop.is_set():
            data = self._line.read(0.02)
            if self._fault is Fault.DISCONNECT:
                continue
            if data and not self._line.rates_match():
                self._send(b"ES\r\n")  # it heard noise; we answer at our rate
                continue
            for item in framer.feed(data):
                if isinstance(item, Skipped):
                    self._send(b"ET\r\n")
                    continue
                waiting = self._command(item, waiting)
            waiting = self._try_waiting(waiting)

    def _command(
        self, raw: bytes, waiting: tuple[str, float] | None
    ) -> tuple[str, float] | None:
        try:
            command = raw.decode("ascii").strip()
        except UnicodeDecodeError:
            self._send(b"ET\r\n")
            return waiting
        if not command:
            return waiting
        self.commands.append(command)
        if self._fault is Fault.SILENT:
            return waiting
        if command in ("S", "Z", "T"):
            return self._try_waiting(
                (command, time.monotonic() + self.stability_timeout_s)
            )
        self._send(self._answer(command))
        return waiting

    def _try_waiting(
        self, waiting: tuple[str, float] | None
    ) -> tuple[str, float] | None:
        if waiting is None:
            return None
        command, deadline = waiting
        with self._lock:
            motion = self.indicator.motion()
        if motion and command == "S" and self._out_of_range():
            motion = False  # overload is answered at once
        if motion and time.monotonic() < deadline:
            return waiting
        if self._fault is not Fault.SILENT:
            self._send(
                self._answer(command) if not motion else f"{command} I\r\n".encode()
            )
        return None

    def _out_of_range(self) -> bool:
        with self._lock:
            return self.indicator.over() or self.indicator.under()

    def _answer(self, command: str) -> bytes:
        """The reply to one command (S, Z and T once stable); ES if unknown."""
        replies: dict[str, Callable[[str], bytes]] = {
            "S": self._weight_reply,
            "SI": self._weight_reply,
            "Z": self._zero_reply,
            "T": self._tare_reply,
            "TAC": self._clear_tare_reply,
            "@": self._reset_reply,
            "I2": self._identity_reply,
            "I3": self._identity_reply,
            "I4": self._identity_reply,
        }
        reply = replies.get(command)
        if reply is None:
            return mtsics.encode_status_reply("ES")
        with self._lock:
            return reply(command)

    def _weight_reply(self, command: str) -> bytes:
        indicator = self.indicator
        if indicator.over() or indicator.under():
            return mtsics.encode_status_reply(command, "+" if indicator.over() else "-")
        status = "D" if indicator.motion() else "S"
        if status == "D" and command == "S":
            return mtsics.encode_status_reply(command, "I")  # S never says D
        return mtsics.encode_weight_reply(
            command, status, indicator.shown(), "kg", indicator.decimals
        )

    def _zero_reply(self, command: str) -> bytes:
        return mtsics.encode_status_reply(command, self.indicator.try_zero())

    def _tare_reply(self, command: str) -> bytes:
        status = self.indicator.try_tare()
        if status != "S":
            return mtsics.encode_status_reply(command, status)
        tare = Decimal(repr(self.indicator.tare_kg))
        return mtsics.encode_weight_reply(
            command, "S", tare, "kg", self.indicator.decimals
        )

    def _clear_tare_reply(self, command: str) -> bytes:
        self.indicator.tare_kg = 0.0
        return mtsics.encode_status_reply(command, "A")

    def _reset_reply(self, command: str) -> bytes:
        self.indicator.tare_kg = 0.0
        return mtsics.encode_text_reply("I4", SERIAL_NUMBER)

    def _identity_reply(self, command: str) -> bytes:
        capacity = f"{self.indicator.capacity_kg:.{self.indicator.decimals}f}"
        texts = {
            "I2": f"CareloopSim-{capacity} {capacity} kg",
            "I3": "1.0.0",
            "I4": SERIAL_NUMBER,
        }
        return mtsics.encode_text_reply(command, texts[command])
