"""Pseudo-terminal pairs for simulators, and byte pacing at a baud rate.

A simulator holds the controller side of a pseudo-terminal; a driver opens
the other side by its path (``/dev/pts/N``) with pyserial exactly as it would
open ``/dev/ttyUSB0``. A pseudo-terminal has no baud rate of its own, so the
simulator paces what it writes: 10 bit times per byte for 8N1.

POSIX only. This module does no protocol work.
"""

from __future__ import annotations

import contextlib
import os
import termios
import time
import tty
from dataclasses import dataclass


@dataclass
class PtyPair:
    """The simulator's end (``controller_fd``) and the path a driver opens."""

    controller_fd: int
    device_path: str
    _device_fd: int

    def close(self) -> None:
        for fd in (self.controller_fd, self._device_fd):
            with contextlib.suppress(OSError):  # already closed
                os.close(fd)


def open_pty_pair() -> PtyPair:
    """A raw pseudo-terminal pair: no echo, no line editing, no CR/LF mangling.

    The device side stays open here too, so that a driver closing and
    reopening its port (as after a cable pull) does not make the controller
    side see a hang-up.
    """
    controller_fd, device_fd = os.openpty()
    tty.setraw(controller_fd)
    tty.setraw(device_fd)
    attrs = termios.tcgetattr(device_fd)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(device_fd, termios.TCSANOW, attrs)
    return PtyPair(controller_fd, os.ttyname(device_fd), device_fd)


def bits_per_byte(bytesize: int = 8, parity: str = "N", stopbits: float = 1) -> float:
    """Bit times one character takes on the line, start bit included."""
    return 1 + bytesize + (0 if parity.upper() == "N" else 1) + stopbits


def seconds_on_line(n_bytes: int, baudrate: int, frame_bits: float = 10.0) -> float:
    """The physical minimum time ``n_bytes`` take at ``baudrate``."""
    if baudrate <= 0:
        raise ValueError(f"baud rate must be positive, got {baudrate}")
    return n_bytes * frame_bits / baudrate


class PacedWriter:
    """Writes to a file descriptor no faster than a serial line would carry.

    Pacing is by deadline, not by sleeping a fixed time per byte, so the
    long-run rate matches the baud rate even when the scheduler is late.
    """

    def __init__(self, fd: int, baudrate: int, frame_bits: float = 10.0) -> None:
        self._fd = fd
        self._seconds_per_byte = seconds_on_line(1, baudrate, frame_bits)
        self._line_free_at = 0.0

    def write(self, data: bytes, chunk: int = 16) -> None:
        for start in range(0, len(data), chunk):
            piece = data[start : start + chunk]
            now = time.monotonic()
            if self._line_free_at > now:
                time.sleep(self._line_free_at - now)
            os.write(self._fd, piece)
            begin = max(now, self._line_free_at)
            self._line_free_at = begin + len(piece) * self._seconds_per_byte
