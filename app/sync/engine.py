"""The sync scheduler on the asyncio loop, and the status the UI reads.

`SyncEngine` runs one cycle (push, then pull) every interval, soon after a
local write (`notify_local_write`, debounced so a burst of readings makes
one cycle), and on demand (`sync_now`). Cycles never overlap and never
block: all I/O is awaited and all writes go through the store's writer
thread. After a failure it waits with exponential back-off and full jitter,
or as long as the platform's ``Retry-After`` asked, whichever is longer.

`SyncStatus` is an immutable snapshot published to subscribers after every
change, so a widget can show "12 waiting since 14:02" or "the platform
refused the token" without asking anything itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from app.errors import PlatformUnreachable, SyncError
from app.sync.backoff import Backoff
from app.sync.client import (
    Exchange,
    FhirClient,
    OAuthClientCredentials,
    PlatformSettings,
)
from app.sync.errors import PlatformBusy, error_kind
from app.sync.local import (
    OutboxRowView,
    OutboxSummary,
    RejectedView,
    SqlOutbox,
    StorePort,
    on_outbox_added,
    rejected,
    rejected_count,
)
from app.sync.mapping import DEFAULT_SYSTEMS, Systems
from app.sync.pull import Puller
from app.sync.push import Pusher

if TYPE_CHECKING:
    from app.station import Station

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 30.0
DEFAULT_DEBOUNCE_S = 2.0
RECOUNT_DELAY_S = 0.25  # a burst of writes makes one re-count


@dataclass(frozen=True)
class SyncStatus:
    """What the header indicator and the admin screen show."""

    reachable: bool | None = None  # None until the first exchange
    pending: int = 0
    oldest_pending_at: datetime | None = None
    poisoned: int = 0
    conflicts: int = 0
    last_error_kind: str | None = None  # network, timeout, certificate, token, …
    last_error_at: datetime | None = None
    last_error_text: str | None = None
    unreachable_since: datetime | None = None
    last_success_at: datetime | None = None
    running: bool = False
    next_attempt_at: datetime | None = None
    watermarks: dict[str, str] = field(default_factory=dict)
    recent: tuple[Exchange, ...] = ()
    # Goes up by one after every pull that applied something, so a screen
    # over pulled records knows when to read them again.
    pull_changes: int = 0
    pull_rejected: int = 0  # pulled resources kept aside, not applied


Subscriber = Callable[[SyncStatus], None]


class SyncEngine:
    def __init__(
        self,
        client: FhirClient,
        store: StorePort,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        debounce_s: float = DEFAULT_DEBOUNCE_S,
        bundle_size: int | None = None,
        backoff: Backoff | None = None,
        clock: Callable[[], datetime] | None = None,
        puller: Puller | None = None,
        systems: Systems = DEFAULT_SYSTEMS,
    ) -> None:
        self.client = client
        self.outbox = SqlOutbox(store)
        self.pusher = Pusher(client, self.outbox, systems=systems, **_size(bundle_size))
        self.puller = puller or Puller(client, store)
        self.interval_s = interval_s
        self.debounce_s = debounce_s
        self._backoff = backoff or Backoff()
        self._now = clock or (lambda: datetime.now(UTC))
        self._status = SyncStatus()
        self._subscribers: list[Subscriber] = []
        self._wake = asyncio.Event()
        self._cycle_done = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._debounce: asyncio.TimerHandle | None = None
        self._retry_wait_s: float | None = None
        self._asked = False  # "sync now" since the current cycle began
        self._store = store
        self._stop_listening: Callable[[], None] | None = None
        self._recount: asyncio.Task[None] | None = None
        self.cycles = 0
        self.writes_held = 0  # local-write wakes held back by back-off

    # ---- status ----

    @property
    def status(self) -> SyncStatus:
        return self._status

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with every new status; returns an unsubscribe."""
        self._subscribers.append(subscriber)
        self._tell(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def _tell(self, subscriber: Subscriber) -> None:
        try:
            subscriber(self._status)
        except Exception:  # a broken view must not stop the sync
            log.exception("sync status subscriber failed")

    def _publish(self, **changes: object) -> None:
        self._status = replace(
            self._status,
            recent=tuple(self.client.recent),
            **changes,  # type: ignore[arg-type]
        )
        for subscriber in list(self._subscribers):
            self._tell(subscriber)

    async def unsent_rows(self, limit: int = 200) -> list[OutboxRowView]:
        """Pending and set-aside outbox rows, read off the event loop's thread."""
        return await asyncio.to_thread(self.outbox.unsent, limit)

    async def refresh_counts(self) -> None:
        """Re-read the outbox counts and watermarks, off the loop's thread."""
        summary: OutboxSummary = await asyncio.to_thread(self.outbox.summary)
        watermarks = await asyncio.to_thread(self.puller.watermarks)
        kept_aside = await asyncio.to_thread(self._rejected_count)
        self._publish(
            pending=summary.pending,
            oldest_pending_at=summary.oldest_pending_at,
            poisoned=summary.poisoned,
            conflicts=summary.conflicts,
            watermarks=watermarks,
            pull_rejected=kept_aside,
        )

    def _rejected_count(self) -> int:
        with self._store.read_session() as session:
            return rejected_count(session)

    async def rejected_rows(self, limit: int = 200) -> list[RejectedView]:
        """Pulled resources kept aside, with their reasons, read off the loop."""

        def read() -> list[RejectedView]:
            with self._store.read_session() as session:
                return rejected(session, limit)

        return await asyncio.to_thread(read)

    # ---- scheduling ----

    async def start(self) -> None:
        """Begin the first cycle now and schedule the next ones."""
        if self._task is None:
            loop = asyncio.get_running_loop()
            self._task = loop.create_task(self._run(), name="sync")
            self._stop_listening = on_outbox_added(
                self._store, lambda: self._written_elsewhere(loop)
            )

    async def stop(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()
            self._stop_listening = None
        if self._debounce is not None:
            self._debounce.cancel()
        if self._recount is not None:
            self._recount.cancel()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.client.aclose()

    def notify_local_write(self) -> None:
        """A record was queued: sync soon, once per burst of writes.

        Called by the engine itself after any commit that queued outbox rows
        (see `start`). During back-off after a failure it changes nothing:
        the records wait for the next try, so a station streaming readings
        through an outage does not retry every `debounce_s`.
        """
        if self._debounce is not None:
            self._debounce.cancel()
        loop = asyncio.get_running_loop()
        self._debounce = loop.call_later(self.debounce_s, self._written_wake)
        self._recount_soon(loop)

    def _recount_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        """The header's counts follow the outbox, not only the cycles."""
        if self._recount is not None and not self._recount.done():
            return  # one re-count at a time covers a burst
        self._recount = loop.create_task(self._recount_later(), name="sync-count")

    async def _recount_later(self) -> None:
        await asyncio.sleep(RECOUNT_DELAY_S)
        await self._refresh_after_cycle()

    def _written_elsewhere(self, loop: asyncio.AbstractEventLoop) -> None:
        """From the store's writer thread: hand the news to the loop."""
        if not loop.is_closed():
            loop.call_soon_threadsafe(self.notify_local_write)

    def _written_wake(self) -> None:
        if self._retry_wait_s is None:
            self._wake_now()
        else:
            self.writes_held += 1

    def sync_now(self) -> None:
        """Run a cycle as soon as the current one (if any) ends; ignores back-off."""
        self._retry_wait_s = None
        self._asked = True
        self._wake_now()

    async def wait_for_cycle(self) -> None:
        """Wait for the end of the next cycle (for tests and the 'sync now' button)."""
        self._cycle_done.clear()
        await self._cycle_done.wait()

    def _wake_now(self) -> None:
        self._wake.set()

    async def _run(self) -> None:
        while True:
            # A wake during the cycle (sync now, a local write) is kept, so
            # one more cycle follows at once; only back-off may drop it.
            self._wake.clear()
            self._asked = False
            await self.cycle()
            wait_s = (
                self._retry_wait_s
                if self._retry_wait_s is not None
                else self.interval_s
            )
            if self._retry_wait_s is not None and not self._asked:
                self._wake.clear()  # local writes wait out the back-off
            self._publish(next_attempt_at=self._now() + _seconds(wait_s))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait_s)

    async def cycle(self) -> bool:
        """Push then pull once; returns True when both went through."""
        self._publish(running=True)
        ok = False
        try:
            await self.pusher.push()
            pulled = await self.puller.pull()
            if pulled.changed:
                self._publish(pull_changes=self._status.pull_changes + 1)
            ok = True
        except SyncError as error:
            self._failed(error)
        except Exception as error:  # a bug or a store failure: keep the loop alive
            log.exception("sync cycle broke")
            self._failed(SyncError(f"internal: {type(error).__name__}: {error}"))
        finally:
            self.cycles += 1
            if ok:
                self._succeeded()
            await self._refresh_after_cycle()
            self._publish(running=False)
            self._cycle_done.set()
        return ok

    async def _refresh_after_cycle(self) -> None:
        try:
            await self.refresh_counts()
        except Exception as error:  # the store may be closing under us
            log.warning("sync status not refreshed: %r", error)

    def _succeeded(self) -> None:
        self._backoff.reset()
        self._retry_wait_s = None
        self._publish(
            reachable=True,
            unreachable_since=None,
            last_success_at=self._now(),
            last_error_kind=None,  # the error is over; its time and text stay
        )

    def _failed(self, error: SyncError) -> None:
        now = self._now()
        kind = error_kind(error)
        retry_after = error.retry_after_s if isinstance(error, PlatformBusy) else None
        self._retry_wait_s = self._backoff.next_wait_s(retry_after)
        unreachable = isinstance(error, PlatformUnreachable)
        log.warning(
            "sync cycle failed (%s); next try in %.1f s", kind, self._retry_wait_s
        )
        self._publish(
            reachable=not unreachable,
            unreachable_since=(self._status.unreachable_since or now)
            if unreachable
            else None,
            last_error_kind=kind,
            last_error_at=now,
            next_attempt_at=now + _seconds(self._retry_wait_s),
            last_error_text=str(error)[:500],
        )


def _size(bundle_size: int | None) -> dict[str, int]:
    return {} if bundle_size is None else {"bundle_size": bundle_size}


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


def build_engine(station: Station) -> SyncEngine:
    """The engine for a station's configuration (called by `app.station`)."""
    configured = station.settings.platform
    if station.store is None:
        raise RuntimeError("the station's store must be open before its sync")
    oauth = None
    if configured.token_url:
        oauth = OAuthClientCredentials(
            token_url=configured.token_url,
            client_id=configured.client_id,
            client_secret=configured.client_secret,
        )
    settings = PlatformSettings(
        base_url=configured.base_url,
        station_name=station.settings.station_id,
        token=configured.token or None,
        oauth=oauth,
        ca_bundle=configured.ca_bundle or None,
    )
    client = FhirClient(settings)
    systems = Systems(
        hospital_number=configured.hospital_number_system,
        staff_number=configured.staff_number_system,
        device_kind=configured.device_kind_system,
        role=configured.role_system,
    )
    return SyncEngine(
        client,
        station.store,
        interval_s=float(configured.sync_interval_s),
        bundle_size=configured.bundle_size,
        puller=Puller(client, station.store, systems=systems),
        systems=systems,
    )
