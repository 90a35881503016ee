"""Pull: bring what changed on the platform into the local cache.

Per resource type: search ``_lastUpdated=gt<watermark - overlap>`` sorted by
``_lastUpdated``, follow the Bundle's ``next`` links, and apply each page in
one local commit that also moves the watermark (`app.sync.local.apply_page`).
The overlap re-reads a few seconds that a server may still have been
committing when we last asked; re-read resources are skipped by (id,
version), so the overlap costs a little traffic and nothing else.

It knows no SQL and never decides when to run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.sync import mapping
from app.sync.client import FhirClient
from app.sync.local import (
    Applier,
    PageOutcome,
    StorePort,
    appliers_for,
    apply_page,
    iter_resources,
    read_watermarks,
    retry_rejected,
)

log = logging.getLogger(__name__)

DEFAULT_OVERLAP = timedelta(seconds=5)
DEFAULT_PAGE_SIZE = 200
EPOCH = "1970-01-01T00:00:00Z"

# Pulled in this order so that what a resource points at is usually there.
PULLED_TYPES: tuple[str, ...] = (
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "Device",
    "DeviceRequest",
    "MedicationRequest",
    "Observation",
)

# Extra search parameters per type: of all Observations, only lab results.
EXTRA_PARAMS: Mapping[str, Mapping[str, str]] = {
    "Observation": {"category": f"{mapping.OBS_CATEGORY}|laboratory"},
}


@dataclass
class PullResult:
    applied: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    deferred: list[str] = field(default_factory=list)
    rejected: int = 0  # kept aside in this pass
    retried_applied: int = 0  # kept earlier, applied now

    @property
    def changed(self) -> bool:
        return bool(any(self.applied.values()) or self.retried_applied)


def fhir_instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


class Puller:
    def __init__(
        self,
        client: FhirClient,
        store: StorePort,
        types: Sequence[str] = PULLED_TYPES,
        page_size: int = DEFAULT_PAGE_SIZE,
        overlap: timedelta = DEFAULT_OVERLAP,
        clock: Callable[[], datetime] | None = None,
        systems: mapping.Systems = mapping.DEFAULT_SYSTEMS,
    ) -> None:
        self._client = client
        self._store = store
        self.types = tuple(types)
        self._own_appliers = appliers_for(systems)
        self._appliers: dict[str, Applier] = {}
        self._params: dict[str, Mapping[str, str]] = dict(EXTRA_PARAMS)
        self.page_size = page_size
        self.overlap = overlap
        self._now = clock or (lambda: datetime.now(UTC))

    def add_type(
        self,
        resource_type: str,
        applier: Applier,
        params: Mapping[str, str] | None = None,
    ) -> None:
        """Also pull `resource_type`, applied by a feature's own `applier`.

        A feature above the sync (the waste domain's Tasks) registers here,
        so the sync never imports it. `params` narrows the search.
        """
        self._appliers[resource_type] = applier
        self._params[resource_type] = dict(params or {})
        if resource_type not in self.types:
            self.types = (*self.types, resource_type)

    def watermarks(self) -> dict[str, str]:
        with self._store.read_session() as session:
            return read_watermarks(session)

    async def pull(self) -> PullResult:
        """One pass over every type; typed errors propagate to the engine.

        Resources kept aside earlier are tried again first: the mapping or
        the configuration may have changed, or what they refer to arrived.
        """
        result = PullResult()
        result.retried_applied = await self._retry_rejected()
        watermarks = await asyncio.to_thread(self.watermarks)  # off the GUI loop
        for resource_type in self.types:
            applied = await self._pull_type(
                resource_type, watermarks.get(resource_type), result
            )
            result.applied[resource_type] = applied
        return result

    async def _pull_type(
        self, resource_type: str, watermark: str | None, result: PullResult
    ) -> int:
        query = self._query(resource_type, watermark)
        page = await self._client.search(resource_type, query)
        applied = 0
        while True:
            resources = list(iter_resources(page))
            outcome = await self._apply(resource_type, resources)
            result.pages += 1
            result.rejected += outcome.rejected
            applied += outcome.applied
            if outcome.deferred:
                result.deferred.append(resource_type)
                break
            next_url = _link(page, "next")
            if next_url is None:
                break
            page = await self._next_page(resource_type, query, resources, next_url)
        return applied

    async def _next_page(
        self,
        resource_type: str,
        query: dict[str, str],
        resources: list[dict[str, Any]],
        next_url: str,
    ) -> dict[str, Any]:
        """Ask again from the page's last time rather than by offset.

        Offset paging skips a resource when one before it is updated while
        we page; asking ``ge<last lastUpdated>`` cannot. The few resources
        at exactly that instant come twice and are skipped by version. A
        page whose resources all share one instant cannot move on that
        way, so then the server's own next link is followed.
        """
        if not resources:  # an empty page that still points on
            return await self._client.follow(next_url)
        first, last = _last_updated(resources[0]), _last_updated(resources[-1])
        if first is None or last is None or first == last:
            return await self._client.follow(next_url)
        return await self._client.search(
            resource_type, {**query, "_lastUpdated": f"ge{last}"}
        )

    def _query(self, resource_type: str, watermark: str | None) -> dict[str, str]:
        since = mapping.parse_instant(watermark or EPOCH) - self.overlap
        return {
            "_lastUpdated": f"gt{fhir_instant(since)}",
            "_sort": "_lastUpdated",
            "_count": str(self.page_size),
            **self._params.get(resource_type, {}),
        }

    def _applier(self, resource_type: str) -> Applier:
        return self._appliers.get(resource_type) or self._own_appliers[resource_type]

    async def _retry_rejected(self) -> int:
        now = self._now()
        appliers = {kind: self._applier(kind) for kind in self.types}

        def work(session: Session) -> tuple[int, int]:
            return retry_rejected(session, appliers, now)

        applied, _still = await self._store.writer.run(work)
        return int(applied)

    async def _apply(
        self, resource_type: str, resources: list[dict[str, Any]]
    ) -> PageOutcome:
        now = self._now()
        applier = self._applier(resource_type)

        def work(session: Session) -> PageOutcome:
            return apply_page(session, resource_type, resources, now, applier)

        outcome: PageOutcome = await self._store.writer.run(work)
        return outcome


def _link(bundle: Mapping[str, Any], relation: str) -> str | None:
    for link in bundle.get("link") or []:
        if link.get("relation") == relation and link.get("url"):
            return str(link["url"])
    return None


def _last_updated(resource: Mapping[str, Any]) -> str | None:
    value = (resource.get("meta") or {}).get("lastUpdated")
    return str(value) if value else None
