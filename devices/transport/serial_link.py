"""A byte link over pyserial: port names, ``socket://`` and ``loop://`` URLs.

Opens the port with ``serial.serial_for_url`` so that a test or a network
gateway can stand in for a COM port by URL alone. Does not reconnect on its
own (wrap it in ReconnectingLink) and does no protocol work.
"""

from __future__ import annotations

import contextlib
import time

import serial

from devices.errors import PortUnavailable
from devices.transport._link import READ_POLL_S, ThreadedLink

# A write the port cannot take within this time means the line is stuck.
WRITE_TIMEOUT_S = 5.0
# ``gather_s``: after the first bytes of a burst, wait this long for the
# rest before handing them over. Off by default: it saves CPU (fewer, larger
# hand-overs; see tests/bench/bench_dialysis_link.py) but delays every
# answer by that much, which a chatty protocol like ASTM pays per frame.
GATHER_S = 0.0

_PARITIES = {"N", "E", "O", "M", "S"}


class SerialLink(ThreadedLink):
    """A serial port (or pyserial URL) as a Link."""

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: float = 1,
        name: str = "",
        gather_s: float = GATHER_S,
    ) -> None:
        super().__init__(name or url)
        if baudrate <= 0:
            raise ValueError(f"baud rate must be positive, got {baudrate}")
        if bytesize not in (5, 6, 7, 8):
            raise ValueError(f"byte size must be 5-8, got {bytesize}")
        if parity.upper() not in _PARITIES:
            raise ValueError(f"parity must be one of N E O M S, got {parity!r}")
        if stopbits not in (1, 1.5, 2):
            raise ValueError(f"stop bits must be 1, 1.5 or 2, got {stopbits}")
        self.url = url
        self.baudrate = baudrate
        self.bytesize = bytesize
        self.parity = parity.upper()
        self.stopbits = stopbits
        self._gather_s = gather_s
        self._port: serial.SerialBase | None = None

    def _connect(self) -> None:
        try:
            port = serial.serial_for_url(
                self.url,
                baudrate=self.baudrate,
                bytesize=self.bytesize,
                parity=self.parity,
                stopbits=self.stopbits,
                timeout=READ_POLL_S,
                write_timeout=WRITE_TIMEOUT_S,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PortUnavailable(
                f"{self.name}: cannot open {self.url}: {exc}"
            ) from exc
        self._port = port

    def _read_some(self) -> bytes:
        port = self._port
        if port is None:
            raise OSError("port is closed")
        data: bytes = port.read(port.in_waiting or 1)
        if data and self._gather_s > 0:
            time.sleep(self._gather_s)  # let the burst arrive: fewer hand-overs
            waiting = port.in_waiting
            if waiting:
                data += port.read(waiting)
        return data

    def _write_all(self, data: bytes) -> None:
        port = self._port
        if port is None:
            raise OSError("port is closed")
        try:
            port.write(data)
        except serial.SerialException as exc:
            raise OSError(str(exc)) from exc

    def _disconnect(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
