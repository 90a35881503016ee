"""Helpers for transport tests: a protocol that records what a link hands it."""

from __future__ import annotations

import asyncio
import threading

from devices.transport import Link


class RecordingProtocol:
    """Collects bytes and lifecycle calls; lets a test wait for them."""

    def __init__(self) -> None:
        self.received = bytearray()
        self.made = 0
        self.lost: list[Exception | None] = []
        self._changed = asyncio.Event()
        self.threads: set[int] = set()

    def connection_made(self, link: Link) -> None:
        self.made += 1
        self._changed.set()

    def data_received(self, data: bytes) -> None:
        self.threads.add(threading.get_ident())
        self.received += data
        self._changed.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost.append(exc)
        self._changed.set()

    async def wait_for(self, condition: object, timeout_s: float = 5.0) -> None:
        """Wait until ``condition()`` is true, woken by each callback."""
        assert callable(condition)

        async def _wait() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(_wait(), timeout_s)
