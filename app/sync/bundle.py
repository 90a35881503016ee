"""Outbox rows -> transaction Bundle entries, and the server's answer -> ids.

How a row is sent follows from what it is:

- the first row for an identifier: ``POST`` with ``ifNoneExist`` on our
  identifier, so a resend after a lost answer finds the first copy;
- a payload that carries its own ``id`` (Provenance has no identifier):
  ``PUT Type/id``, create-or-replace, equally safe to resend;
- a later row for an identifier already queued before it: a conditional
  update ``PUT Type?identifier=…``;
- a row with ``if_match`` (a record two stations may change) is not bundled
  at all: it goes alone as ``PUT`` with ``If-Match`` (see `app.sync.push`).

A run never holds two rows for one identifier, because a server resolves
all conditional matches of a transaction before it writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app import jsonio
from app.sync.client import version_from_etag
from app.sync.mapping import DEFAULT_SYSTEMS, URN, Systems, if_none_exist


@dataclass(frozen=True)
class OutgoingRow:
    """What the push loop needs of one outbox row."""

    row_id: int
    identifier: str
    resource_type: str
    payload: str
    if_match: str | None
    fhir_id: str | None
    first_for_identifier: bool
    created_at: datetime
    attempts: int = 0

    @property
    def needs_if_match(self) -> bool:
        return self.if_match is not None


@dataclass(frozen=True)
class Delivered:
    row_id: int
    server_id: str | None
    server_version: str | None


def bundle_run(rows: Sequence[OutgoingRow], limit: int) -> list[OutgoingRow]:
    """The leading rows that can travel together in one transaction."""
    run: list[OutgoingRow] = []
    seen: set[str] = set()
    for row in rows:
        if len(run) >= limit or row.needs_if_match or row.identifier in seen:
            break
        run.append(row)
        seen.add(row.identifier)
    return run


def entry_for(row: OutgoingRow, systems: Systems = DEFAULT_SYSTEMS) -> dict[str, Any]:
    resource = systems.localise(jsonio.loads(row.payload))
    resource_type = row.resource_type
    own_id = resource.get("id") or row.fhir_id
    if own_id:
        resource["id"] = own_id
        request = {"method": "PUT", "url": f"{resource_type}/{own_id}"}
        return {"resource": resource, "request": request}
    if row.first_for_identifier:
        request = {
            "method": "POST",
            "url": resource_type,
            "ifNoneExist": if_none_exist(row.identifier),
        }
        return {"fullUrl": row.identifier, "resource": resource, "request": request}
    request = {
        "method": "PUT",
        "url": f"{resource_type}?identifier={URN}|{row.identifier}",
    }
    return {"resource": resource, "request": request}


def transaction_bundle(
    rows: Sequence[OutgoingRow], systems: Systems = DEFAULT_SYSTEMS
) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [entry_for(row, systems) for row in rows],
    }


def delivered(rows: Sequence[OutgoingRow], answer: dict[str, Any]) -> list[Delivered]:
    """Rows the transaction-response confirms with a 2xx, with id and version.

    A transaction is all or nothing, so a 200 answer confirms every entry; an
    entry whose status is not 2xx is left pending rather than guessed at.
    """
    entries = answer.get("entry") or []
    done: list[Delivered] = []
    for row, entry in zip(rows, entries, strict=False):
        response = entry.get("response") or {}
        if not str(response.get("status", "")).startswith("2"):
            continue
        server_id, version = _where(response, entry.get("resource") or {})
        done.append(Delivered(row.row_id, server_id, version))
    return done


def _where(
    response: dict[str, Any], resource: dict[str, Any]
) -> tuple[str | None, str | None]:
    """Server id and version from the location, else from the resource."""
    location = str(response.get("location") or "")
    parts = [part for part in location.split("/") if part]
    if "_history" in parts:
        at = parts.index("_history")
        if at >= 2 and at + 1 < len(parts):
            return parts[at - 1], parts[at + 1]
    meta = resource.get("meta") or {}
    server_id = resource.get("id") or (parts[-1] if len(parts) >= 2 else None)
    version = meta.get("versionId") or version_from_etag(response.get("etag"))
    return (str(server_id) if server_id else None), (str(version) if version else None)
