"""Push: send the outbox in order, lose nothing, send nothing twice.

A row is marked sent only after a 2xx names it. A time-out, a cut
connection or a 5xx leaves the rows pending, unchanged, to be resent the
same way; the conditional create on our identifier makes the resend find
the first copy. A 4xx for the content of one entry sets that row aside as
poisoned, with the server's OperationOutcome, and the rows behind it go on;
when the server does not say which entry it was, the run is bisected. A 412
on an ``If-Match`` update marks the row as a conflict for a person to
resolve; nothing is overwritten.

The outbox itself is behind `OutboxPort`, so this module knows no SQL;
retry timing belongs to the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from app import jsonio
from app.errors import SyncError
from app.sync.bundle import (
    Delivered,
    OutgoingRow,
    bundle_run,
    delivered,
    transaction_bundle,
)
from app.sync.client import FhirClient
from app.sync.errors import NotFhir, RequestRejected, VersionConflict
from app.sync.mapping import DEFAULT_SYSTEMS, Systems

log = logging.getLogger(__name__)

DEFAULT_BUNDLE_SIZE = 100

# Answers that judge the content of what we sent: an entry is set aside.
# 413 (too large) is bisected like the others, and only a single record too
# large to send is set aside.
CONTENT_STATUSES = frozenset({400, 409, 412, 413, 422})


class OutboxPort(Protocol):
    """What the push loop needs from the local outbox."""

    async def due(self, limit: int) -> list[OutgoingRow]:
        """Pending rows in send order (oldest first)."""
        ...

    async def mark_sent(self, done: Sequence[Delivered]) -> None: ...

    async def mark_failed(self, row_ids: Sequence[int], error: str) -> None: ...

    async def mark_poisoned(self, row_id: int, outcome: str) -> None: ...

    async def mark_conflict(
        self, row_id: int, server_version: str | None, detail: str
    ) -> None: ...

    async def server_id_for(self, identifier: str) -> str | None:
        """The platform id an earlier sent row of ours got for this identifier."""
        ...


@dataclass
class PushResult:
    sent: int = 0
    poisoned: list[int] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    bundles: int = 0


class Pusher:
    def __init__(
        self,
        client: FhirClient,
        outbox: OutboxPort,
        bundle_size: int = DEFAULT_BUNDLE_SIZE,
        systems: Systems = DEFAULT_SYSTEMS,
    ) -> None:
        if bundle_size < 1:
            raise ValueError(f"bundle_size must be at least 1, got {bundle_size}")
        self._client = client
        self._outbox = outbox
        self.bundle_size = bundle_size
        self._systems = systems

    async def push(self, max_rows: int | None = None) -> PushResult:
        """Send pending rows until none are left (or ``max_rows`` were handled).

        Transport, token and server failures propagate (typed) after the rows
        were marked with the error; the caller backs off and calls again.
        """
        result = PushResult()
        handled = 0
        while max_rows is None or handled < max_rows:
            rows = await self._outbox.due(self.bundle_size)
            if not rows:
                break
            if rows[0].needs_if_match:
                await self._send_update(rows[0], result)
                handled += 1
                continue
            run = bundle_run(rows, self.bundle_size)
            await self._send_run(run, result)
            handled += len(run)
        return result

    async def _send_run(
        self, run: list[OutgoingRow], result: PushResult, trust_named: bool = True
    ) -> None:
        try:
            answer = await self._client.transaction(
                transaction_bundle(run, self._systems)
            )
        except RequestRejected as rejected:
            if rejected.status not in CONTENT_STATUSES:
                # 404, 405, 415…: the request never reached a FHIR endpoint
                # that judged our records (a wrong address, a proxy). Setting
                # rows aside would empty the outbox for a configuration error.
                await self._outbox.mark_failed(
                    [row.row_id for row in run], str(rejected)
                )
                raise
            await self._set_aside(run, rejected, result, trust_named)
            return
        except SyncError as error:
            await self._outbox.mark_failed([row.row_id for row in run], str(error))
            raise
        result.bundles += 1
        done = delivered(run, answer)
        await self._outbox.mark_sent(done)
        result.sent += len(done)
        if len(done) < len(run):
            confirmed = {item.row_id for item in done}
            missing = [row.row_id for row in run if row.row_id not in confirmed]
            await self._outbox.mark_failed(missing, "no 2xx for this entry")
            raise NotFhir("the transaction answer did not confirm every entry")

    async def _set_aside(
        self,
        run: list[OutgoingRow],
        rejected: RequestRejected,
        result: PushResult,
        trust_named: bool = True,
    ) -> None:
        """Find the entry the server refused; the others go again.

        A row is set aside only when it is refused on its own. The entry a
        server names is tried alone first, not trusted: servers count from 0
        or 1, and free text such as "entry 2" may mean either. When nobody is
        named, or the named one goes through alone, the run is halved until
        each refused row stands alone, so one bad record never takes its
        neighbours with it.
        """
        if len(run) == 1:
            await self._poison(run[0], rejected.outcome, result)
            return
        index = rejected.entry_index
        if trust_named and index is not None and 0 <= index < len(run):
            suspect = run[index]
            refused_before = len(result.poisoned)
            await self._send_run([suspect], result)
            # A named entry that went through alone was miscounted: from
            # here on, halve rather than believe the server's numbers.
            believed = len(result.poisoned) > refused_before
            await self._send_run(
                [row for row in run if row is not suspect], result, believed
            )
            return
        half = len(run) // 2
        await self._send_run(run[:half], result, trust_named)
        await self._send_run(run[half:], result, trust_named)

    async def _poison(self, row: OutgoingRow, outcome: str, result: PushResult) -> None:
        log.warning("outbox row %d set aside: the platform refused it", row.row_id)
        await self._outbox.mark_poisoned(row.row_id, outcome)
        result.poisoned.append(row.row_id)

    async def _send_update(self, row: OutgoingRow, result: PushResult) -> None:
        """A shared record: ``PUT`` with ``If-Match``, alone."""
        fhir_id = row.fhir_id or await self._outbox.server_id_for(row.identifier)
        if fhir_id is None:
            await self._poison(row, "no platform id is known for this record", result)
            return
        resource = self._systems.localise(jsonio.loads(row.payload))
        resource["id"] = fhir_id
        try:
            answer = await self._client.update(
                row.resource_type, fhir_id, resource, row.if_match
            )
        except VersionConflict:
            await self._conflict(row, fhir_id, resource, result)
            return
        except RequestRejected as rejected:
            if rejected.status not in CONTENT_STATUSES:
                # 404/405: a wrong address or a server that does not allow
                # updates here; the record is not at fault and waits.
                await self._outbox.mark_failed([row.row_id], str(rejected))
                raise
            await self._poison(row, rejected.outcome, result)
            return
        except SyncError as error:
            await self._outbox.mark_failed([row.row_id], str(error))
            raise
        version = answer.etag_version or _meta_version(answer.body)
        await self._outbox.mark_sent([Delivered(row.row_id, fhir_id, version)])
        result.sent += 1

    async def _conflict(
        self,
        row: OutgoingRow,
        fhir_id: str,
        ours: dict[str, Any],
        result: PushResult,
    ) -> None:
        """Re-read the platform's copy and keep what differs for the person.

        When nothing differs, the platform already holds our version: the
        answer to our own earlier PUT was lost and this resend met it. That
        is done, not a conflict.
        """
        current = await self._client.read(row.resource_type, fhir_id)
        theirs = current.body if isinstance(current.body, dict) else {}
        version = current.etag_version or _meta_version(theirs)
        if theirs and not differences(ours, theirs):
            log.info("outbox row %d was already on the platform", row.row_id)
            await self._outbox.mark_sent([Delivered(row.row_id, fhir_id, version)])
            result.sent += 1
            return
        detail = conflict_detail(ours, theirs, version)
        log.warning("outbox row %d is in conflict with the platform", row.row_id)
        await self._outbox.mark_conflict(row.row_id, version, detail)
        result.conflicts.append(row.row_id)


def differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The top-level elements that differ (bookkeeping elements aside)."""
    ignored = {"id", "meta", "text"}
    return [
        key
        for key in sorted((set(ours) | set(theirs)) - ignored)
        if ours.get(key) != theirs.get(key)
    ]


def conflict_detail(
    ours: dict[str, Any], theirs: dict[str, Any], version: str | None
) -> str:
    """One line per top-level element that differs, ours then theirs."""
    lines = [f"changed on the platform (now version {version})"]
    for key in differences(ours, theirs):
        lines.append(
            f"{key}: ours {jsonio.dumps(ours.get(key))} / "
            f"platform {jsonio.dumps(theirs.get(key))}"
        )
    return "\n".join(lines)


def _meta_version(body: Any) -> str | None:
    if isinstance(body, dict):
        version = (body.get("meta") or {}).get("versionId")
        return str(version) if version is not None else None
    return None
