"""A label printer that keeps what it is sent: one file per job in a folder.

It listens on TCP (as a printer's raw port 9100 does) or on a
pseudo-terminal (as a serial printer), cuts the byte stream into jobs (ZPL
at ``^XZ``, TSPL after its ``PRINT`` line, anything else when the sender
closes or goes quiet) and writes each job, byte for byte, to
``job-0001.zpl``, ``job-0002.tspl`` … in the output folder.

It does not render labels or answer status queries.
"""

from __future__ import annotations

import logging
import os
import re
import select
import socket
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from devices.sim.pty import PtyPair, open_pty_pair

log = logging.getLogger(__name__)

DEFAULT_IDLE_FLUSH_S = 1.0
_ZPL_END = re.compile(rb"\^XZ(\r?\n)?", re.IGNORECASE)
_TSPL_END = re.compile(rb"(?m)^PRINT[ \t]+\d+(?:[ \t]*,[ \t]*\d+)?[ \t]*(\r?\n|$)")


def job_kind(job: bytes) -> str:
    """The file extension for a job: zpl, tspl or bin."""
    if b"^XA" in job.upper():
        return "zpl"
    if re.search(rb"(?m)^(SIZE|CLS|PRINT)\b", job):
        return "tspl"
    return "bin"


class JobSplitter:
    """Cuts a stream of printer bytes into jobs; pure, no I/O."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        jobs: list[bytes] = []
        while True:
            ends = [m.end() for m in (self._zpl_end(), self._tspl_end()) if m]
            if not ends:
                return jobs
            cut = min(ends)
            jobs.append(bytes(self._buffer[:cut]))
            del self._buffer[:cut]

    def _zpl_end(self) -> re.Match[bytes] | None:
        match = _ZPL_END.search(self._buffer)
        # "^XZ" at the very end may still be followed by its line end.
        near_end = match is not None and match.end() >= len(self._buffer) - 1
        if near_end and not self._buffer.endswith(b"\n"):
            return None
        return match

    def _tspl_end(self) -> re.Match[bytes] | None:
        match = _TSPL_END.search(self._buffer)
        # "PRINT 1,1" at the very end may still be followed by its CR LF.
        if match is not None and not match.group(1):
            return None
        return match

    def flush(self) -> bytes | None:
        """What is left, if anything but white space (sender closed, or idle)."""
        rest, self._buffer = bytes(self._buffer), bytearray()
        return rest if rest.strip() else None


class PrinterSimulator:
    """Stores every job it receives in ``out_dir``; thread-safe ``jobs``."""

    def __init__(
        self, out_dir: Path, *, idle_flush_s: float = DEFAULT_IDLE_FLUSH_S
    ) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.idle_flush_s = idle_flush_s
        self._jobs: list[Path] = []
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: socket.socket | None = None
        self._pty: PtyPair | None = None

    @property
    def jobs(self) -> list[Path]:
        with self._changed:
            return list(self._jobs)

    def wait_for_jobs(self, count: int, timeout_s: float) -> list[Path]:
        """The first ``count`` jobs; TimeoutError if they have not all come."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._jobs) >= count, timeout_s):
                raise TimeoutError(
                    f"{len(self._jobs)} of {count} jobs in {timeout_s:g} s"
                )
            return list(self._jobs[:count])

    # -- endpoints --------------------------------------------------------------

    def start_tcp(self, host: str = "127.0.0.1", port: int = 0) -> tuple[str, int]:
        """Listen like a raw print port; returns the address bound."""
        self._server = socket.create_server((host, port))
        self._start(self._serve_tcp, "printer-sim-tcp")
        bound_host, bound_port = self._server.getsockname()[:2]
        log.info("printer simulator: listening on %s:%d", bound_host, bound_port)
        return bound_host, bound_port

    def start_pty(self) -> str:
        """A serial printer on a pseudo-terminal; returns the device path."""
        self._pty = open_pty_pair()
        self._start(self._serve_pty, "printer-sim-pty")
        log.info("printer simulator: serial on %s", self._pty.device_path)
        return self._pty.device_path

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5.0)
        self._threads.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._pty is not None:
            self._pty.close()
            self._pty = None

    def _start(self, target: Callable[[], None], name: str) -> None:
        self._stop.clear()
        thread = threading.Thread(
            target=self._guarded, args=(target,), name=name, daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def _guarded(self, serve: Callable[[], None]) -> None:
        try:
            serve()
        except Exception:
            log.exception("printer simulator: stopped by an error")

    # -- the serving threads ------------------------------------------------------

    def _serve_tcp(self) -> None:
        server = self._server
        assert server is not None
        while not self._stop.is_set():
            readable, _, _ = select.select([server], [], [], 0.05)
            if readable:
                connection, peer = server.accept()
                log.info("printer simulator: job connection from %s", peer)
                with connection:
                    self._drain(partial(_recv, connection))

    def _serve_pty(self) -> None:
        pair = self._pty
        assert pair is not None
        self._drain(partial(_read_fd, pair.controller_fd))

    def _drain(self, read: Callable[[float], bytes | None]) -> None:
        """Read until the sender closes (``read`` gives None) or we stop."""
        splitter = JobSplitter()
        last_data = time.monotonic()
        while not self._stop.is_set():
            data = read(0.05)
            if data is None:  # the sender closed
                break
            if data:
                last_data = time.monotonic()
                for job in splitter.feed(data):
                    self._store(job)
            elif time.monotonic() - last_data > self.idle_flush_s:
                self._store_rest(splitter)
        self._store_rest(splitter)

    def _store_rest(self, splitter: JobSplitter) -> None:
        rest = splitter.flush()
        if rest is not None:
            self._store(rest)

    def _store(self, job: bytes) -> None:
        with self._changed:
            number = len(self._jobs) + 1
            path = self.out_dir / f"job-{number:04d}.{job_kind(job)}"
            partial = path.with_suffix(".part")
            partial.write_bytes(job)
            os.replace(partial, path)
            self._jobs.append(path)
            self._changed.notify_all()
        log.info("printer simulator: stored %s (%d bytes)", path.name, len(job))


def _recv(connection: socket.socket, timeout_s: float) -> bytes | None:
    readable, _, _ = select.select([connection], [], [], timeout_s)
    if not readable:
        return b""
    try:
        data = connection.recv(65536)
    except OSError:
        return None
    return data or None


def _read_fd(fd: int, timeout_s: float) -> bytes:
    readable, _, _ = select.select([fd], [], [], timeout_s)
    if not readable:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
