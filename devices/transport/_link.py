"""What every byte link shares: the protocol callbacks, the state, the reader.

A link moves bytes and nothing else. A reader thread does only blocking
reads and hands each chunk to the asyncio loop with
``loop.call_soon_threadsafe(protocol.data_received, chunk)``; writes go
through one writer thread per link so that a full kernel buffer never blocks
the loop and bytes leave in the order they were written.

This module knows nothing of any device protocol, and does not reconnect:
see ``reconnect.py`` for that.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from devices.errors import LinkClosed

log = logging.getLogger(__name__)
wire_log = logging.getLogger("devices.wire")

# How long a blocking read waits before looking at the stop flag again.
READ_POLL_S = 0.05


class TransportState(enum.Enum):
    """Where a link stands; a small lifecycle, not a protocol's health."""

    CLOSED = "closed"  # never opened, or closed on purpose
    OPENING = "opening"
    OPEN = "open"
    LOST = "lost"  # the port or the peer went away under us
    RECONNECTING = "reconnecting"  # only a ReconnectingLink: waiting to retry


class LinkProtocol(Protocol):
    """What a link calls, always on the asyncio loop's thread."""

    def connection_made(self, link: Link) -> None: ...

    def data_received(self, data: bytes) -> None: ...

    def connection_lost(self, exc: Exception | None) -> None: ...


class Link(Protocol):
    """The face every transport shows: open, write, close, state."""

    @property
    def name(self) -> str: ...

    @property
    def state(self) -> TransportState: ...

    async def open(self, protocol: LinkProtocol) -> None: ...

    async def write(self, data: bytes) -> None: ...

    async def close(self) -> None: ...


class ThreadedLink:
    """Base of SerialLink and TcpLink: the reader thread and the writer.

    Subclasses provide ``_connect`` (blocking, returns nothing, raises
    PortUnavailable), ``_read_some`` (blocking up to READ_POLL_S, returns
    b"" on a quiet line, raises OSError-like errors when the port is gone),
    ``_write_all`` and ``_disconnect``.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._state = TransportState.CLOSED
        self._protocol: LinkProtocol | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reader: threading.Thread | None = None
        self._stop = threading.Event()
        self._writer: ThreadPoolExecutor | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def state(self) -> TransportState:
        return self._state

    async def open(self, protocol: LinkProtocol) -> None:
        """Open the port; PortUnavailable if it cannot be opened."""
        if self._state is TransportState.OPEN:
            raise RuntimeError(f"{self._name}: link is already open")
        self._loop = asyncio.get_running_loop()
        self._protocol = protocol
        self._state = TransportState.OPENING
        self._writer = ThreadPoolExecutor(1, thread_name_prefix=f"{self._name}-w")
        try:
            await self._loop.run_in_executor(self._writer, self._connect)
        except BaseException:
            self._state = TransportState.CLOSED
            self._writer.shutdown(wait=False)
            raise
        self._stop.clear()
        self._state = TransportState.OPEN
        log.info("%s: open", self._name)
        self._reader = threading.Thread(
            target=self._read_forever, name=f"{self._name}-r", daemon=True
        )
        protocol.connection_made(self)
        self._reader.start()

    async def write(self, data: bytes) -> None:
        """Hand ``data`` to the port; LinkClosed if the link is not open."""
        if self._state is not TransportState.OPEN or self._writer is None:
            raise LinkClosed(f"{self._name}: the link is {self._state.value}")
        wire_log.debug("%s >> %r", self._name, data)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._writer, self._write_all, data)
        except Exception as exc:  # the port closed or failed under the write
            raise LinkClosed(f"{self._name}: write failed: {exc!r}") from exc

    async def close(self) -> None:
        """Stop the reader, release the port. Safe to call twice."""
        was_open = self._state in (TransportState.OPEN, TransportState.OPENING)
        self._stop.set()
        reader, self._reader = self._reader, None
        if reader is not None and reader is not threading.current_thread():
            await asyncio.get_running_loop().run_in_executor(None, reader.join, 2.0)
        self._disconnect()
        if self._writer is not None:
            self._writer.shutdown(wait=False)
            self._writer = None
        self._state = TransportState.CLOSED
        if was_open:
            log.info("%s: closed", self._name)
            protocol, self._protocol = self._protocol, None
            if protocol is not None:
                protocol.connection_lost(None)

    # -- the reader thread ---------------------------------------------------

    def _read_forever(self) -> None:
        failure: Exception | None = None
        while not self._stop.is_set():
            try:
                chunk = self._read_some()
            except Exception as exc:  # the port went away: report, never raise
                failure = exc
                break
            if chunk:
                wire_log.debug("%s << %r", self._name, chunk)
                self._hand_to_loop(chunk)
        if failure is not None and not self._stop.is_set():
            self._call_in_loop(self._lost, failure)

    def _hand_to_loop(self, chunk: bytes) -> None:
        protocol = self._protocol
        if protocol is not None:
            self._call_in_loop(protocol.data_received, chunk)

    def _call_in_loop(self, callback: Callable[..., object], *args: object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        # The loop may close between the check and the call.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(callback, *args)

    def _lost(self, exc: Exception) -> None:
        """On the loop: the port failed under us."""
        if self._state is not TransportState.OPEN:
            return
        log.warning("%s: link lost: %s", self._name, exc)
        self._stop.set()
        self._disconnect()
        if self._writer is not None:
            self._writer.shutdown(wait=False)
            self._writer = None
        self._state = TransportState.LOST
        protocol, self._protocol = self._protocol, None
        if protocol is not None:
            protocol.connection_lost(exc)

    # -- what subclasses provide ---------------------------------------------

    def _connect(self) -> None:
        raise NotImplementedError

    def _read_some(self) -> bytes:
        raise NotImplementedError

    def _write_all(self, data: bytes) -> None:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError
