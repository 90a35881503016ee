"""A station process that only pushes its outbox, for the SIGKILL test.

    python -m tests.faults.sync.push_worker DB BASE_URL BUNDLE_SIZE

Exits 0 once nothing is pending.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from app.store import Store
from app.sync.client import FhirClient, PlatformSettings
from app.sync.local import SqlOutbox
from app.sync.push import Pusher


async def push_all(store: Store, base_url: str, bundle_size: int) -> None:
    settings = PlatformSettings(base_url=base_url, station_name="worker")
    async with FhirClient(settings) as client:
        await Pusher(client, SqlOutbox(store), bundle_size=bundle_size).push()


def main() -> int:
    database, base_url, bundle_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(Path(database))
    try:
        asyncio.run(push_all(store, base_url, bundle_size))
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
