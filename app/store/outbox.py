"""Putting a record on the outbox, in the same transaction as the record.

The sync engine (``app.sync``) sends outbox rows in ``id`` order; this module
only adds them. The FHIR payload is built at enqueue time, so what is sent is
what was true when the record was made.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import jsonio
from app.store.models import OutboxEntry


def enqueue(
    session: Session,
    *,
    resource_type: str,
    identifier: str,
    resource: dict[str, Any],
    if_match: str | None = None,
    fhir_id: str | None = None,
) -> OutboxEntry:
    """Add an outbox row to ``session``; the caller's commit makes it real."""
    if not identifier.startswith("urn:uuid:"):
        raise ValueError(f"outbox identifier must be a urn:uuid, got {identifier!r}")
    entry = OutboxEntry(
        identifier=identifier,
        resource_type=resource_type,
        payload=jsonio.dumps(resource),
        if_match=if_match,
        fhir_id=fhir_id,
        status="pending",
    )
    session.add(entry)
    return entry


def pending_count(session: Session) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(OutboxEntry)
        .where(OutboxEntry.status == "pending")
    )
    return int(count or 0)
