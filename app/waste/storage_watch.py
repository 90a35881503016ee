"""Storage-age alarms raised on a timer, whatever screen the keeper is on.

The storage room's station runs one `StorageWatch`: every ``interval_s`` it
asks the service to raise the alarms that are due (a bag near or past the
storage limit, by the service's own clock), so the alarm row and its
platform Flag exist even when nobody opens the Stock screen. Raising is
idempotent: a bag alarms once per level, however often it is checked.

Only the storage station watches: the cart also learns of stored bags from
the platform, and two stations flagging one bag would double the alarm.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from app.waste.records import StorageAlarm
from app.waste.service import WasteService

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60.0

Listener = Callable[[list[StorageAlarm]], None]


class StorageWatch:
    """Checks the stock every ``interval_s`` on the running event loop."""

    def __init__(
        self, service: WasteService, interval_s: float = DEFAULT_INTERVAL_S
    ) -> None:
        if interval_s <= 0:
            raise ValueError(f"interval must be positive, got {interval_s!r} s")
        self.service = service
        self.interval_s = interval_s
        self.checks = 0
        self._listeners: list[Listener] = []
        self._task: asyncio.Task[None] | None = None
        self._checked = asyncio.Event()

    def subscribe(self, listener: Listener) -> None:
        """Called on the loop's thread with the alarms each check raised."""
        self._listeners.append(listener)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def check(self) -> list[StorageAlarm]:
        """One check now; the alarms it raised."""
        raised = await asyncio.wrap_future(self.service.raise_storage_alarms())
        self.checks += 1
        self._checked.set()
        if raised:
            log.warning("%d storage alarm(s) raised", len(raised))
            for listener in list(self._listeners):
                listener(raised)
        return raised

    async def wait_for_check(self) -> None:
        """Wait for the end of the next check (for tests and diagnostics)."""
        self._checked.clear()
        await self._checked.wait()

    async def _run(self) -> None:
        while True:
            try:
                await self.check()
            except Exception as error:  # a failed check must not stop the watch
                log.warning("storage alarm check failed: %r", error)
            await asyncio.sleep(self.interval_s)
