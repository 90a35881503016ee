"""Shared by the sync tests: a real store, records, counting on the server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx

from app.store import Store
from app.store.models import OutboxEntry
from app.sync import mapping
from app.sync.client import FhirClient, PlatformSettings
from app.sync.local import queue_resource

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T], timeout_s: float = 60.0) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout_s)

    return asyncio.run(bounded())


async def until(
    condition: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.01
) -> None:
    """`tests.waiting.wait_until` for a coroutine: the loop runs while it waits."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"waited {timeout_s} s for {what}")
        await asyncio.sleep(poll_s)


def new_identifier() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def open_store(folder: Path) -> Store:
    return Store(folder / "station.sqlite")


def client_for(base_url: str, **settings: Any) -> FhirClient:
    return FhirClient(
        PlatformSettings(base_url=base_url, station_name="test-bed-1", **settings)
    )


def reading(
    number: int = 0, identifier: str | None = None, **changes: Any
) -> mapping.ReadingRecord:
    values: dict[str, Any] = {
        "identifier": identifier or new_identifier(),
        "code": "MDC_HDIALY_BLD_PRESS_VEN",
        "code_system": mapping.MDC,
        "value": Decimal(120 + number % 50),
        "unit": "mm[Hg]",
        "measured_at": datetime(2026, 12, 3, 8, 0, tzinfo=UTC),
        "device_serial": "SIM-1",
    }
    values.update(changes)
    return mapping.ReadingRecord(**values)


def queue_readings(store: Store, readings: list[mapping.ReadingRecord]) -> None:
    def work(session: Any) -> None:
        for item in readings:
            queue_resource(
                session,
                resource_type="Observation",
                identifier=item.identifier,
                resource=mapping.reading_to_fhir(item),
            )

    store.writer.submit(work).result(timeout=60)


def outbox_statuses(store: Store) -> dict[str, int]:
    from sqlalchemy import func, select

    with store.read_session() as session:
        return {
            status: count
            for status, count in session.execute(
                select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)
            ).tuples()
        }


def count_by_identifier(
    base_url: str, resource_type: str, identifiers: list[str]
) -> dict[str, int]:
    """How many copies of each of our identifiers the server holds."""
    counts = {identifier: 0 for identifier in identifiers}
    url: str | None = f"{base_url}/{resource_type}"
    params: dict[str, str] | None = {
        "identifier": f"{mapping.URN}|",
        "_count": "1000",
        "_elements": "identifier",
    }
    with httpx.Client(timeout=60) as http:
        while url:
            page = http.get(url, params=params).json()
            params = None
            for entry in page.get("entry") or []:
                for found in entry["resource"].get("identifier") or []:
                    if found.get("value") in counts:
                        counts[found["value"]] += 1
            url = next(
                (
                    link["url"]
                    for link in page.get("link", [])
                    if link["relation"] == "next"
                ),
                None,
            )
    return counts
