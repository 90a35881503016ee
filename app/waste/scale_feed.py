"""The scale's readings, fanned out to whoever shows or locks them.

A ``ScaleFeed`` receives readings from the station's scale driver (any
async iterator of readings) and calls each subscriber with every reading or
with the error that stopped the stream. Subscribers are called on the thread
that publishes; a screen must hop to its own thread itself.

``ScaleFeedThread`` runs the driver's async iterator on an asyncio loop in a
thread of its own, for stations whose GUI loop is not asyncio. When the
stream fails (a silent scale, a pulled cable) it tells the subscribers, waits
``retry_s`` and opens the scale again, so the cart recovers by itself. It does
no protocol work and never turns an error into a weight.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Protocol

from app.waste.weighing import Reading

log = logging.getLogger(__name__)

DEFAULT_RETRY_S = 1.0

ReadingCallback = Callable[[Reading], None]
FaultCallback = Callable[[Exception], None]


class ScaleFeed:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers: list[tuple[ReadingCallback, FaultCallback | None]] = []

    def subscribe(
        self, on_reading: ReadingCallback, on_fault: FaultCallback | None = None
    ) -> Callable[[], None]:
        """Call ``on_reading`` for each reading; returns the unsubscribe call."""
        entry = (on_reading, on_fault)
        with self._lock:
            self._readers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._readers:
                    self._readers.remove(entry)

        return unsubscribe

    def publish(self, reading: Reading) -> None:
        with self._lock:
            readers = list(self._readers)
        for on_reading, _ in readers:
            on_reading(reading)

    def publish_fault(self, error: Exception) -> None:
        with self._lock:
            readers = list(self._readers)
        for _, on_fault in readers:
            if on_fault is not None:
                on_fault(error)

    async def follow(self, readings: AsyncIterator[Reading]) -> None:
        """Publish every reading until the stream ends or fails."""
        try:
            async for reading in readings:
                self.publish(reading)
        except Exception as error:  # told to the screens, not swallowed
            log.warning("scale stream stopped: %s", type(error).__name__)
            self.publish_fault(error)


class ScaleDriverLike(Protocol):
    """What ``driver_readings`` needs of a scale driver (``devices.scale``)."""

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    def readings(self) -> AsyncIterator[Reading]: ...


async def driver_readings(driver: ScaleDriverLike) -> AsyncIterator[Reading]:
    """Open ``driver``, yield its readings, close it when the stream ends."""
    await driver.open()
    try:
        async for reading in driver.readings():
            yield reading
    finally:
        await driver.close()


class ScaleFeedThread:
    """Follows ``open_readings()`` on an asyncio loop in its own thread."""

    def __init__(
        self,
        feed: ScaleFeed,
        open_readings: Callable[[], AsyncIterator[Reading]],
        *,
        retry_s: float = DEFAULT_RETRY_S,
    ) -> None:
        self._feed = feed
        self._open_readings = open_readings
        self.retry_s = retry_s
        self._loop = asyncio.new_event_loop()
        self._task: asyncio.Task[None] | None = None
        self._thread = threading.Thread(
            target=self._serve, name="careloop-waste-scale", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._cancel)
            self._thread.join(timeout)

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _follow_forever(self) -> None:
        while True:
            await self._feed.follow(self._open_readings())
            await asyncio.sleep(self.retry_s)  # then open the scale again

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._task = self._loop.create_task(self._follow_forever())
        try:
            self._loop.run_until_complete(self._task)
        except asyncio.CancelledError:
            pass
        finally:
            self._loop.close()
