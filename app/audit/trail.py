"""The audit trail: who did what to which record, when, from which station.

Append-only and hash-chained: each row's hash covers its own fields and the
previous row's hash, so a changed row breaks its own hash and a removed row
breaks the next row's link. ``verify`` names the first broken row.

This module never updates or deletes an audit row, and stores no patient
name or face data in ``detail`` (callers pass record ids, not names).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditEntry

GENESIS = "0" * 64


def _canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(
    prev_hash: str,
    at: datetime,
    station_id: str,
    actor: str,
    action: str,
    subject: str,
    detail_json: str,
) -> str:
    fields = [
        prev_hash,
        _canonical_time(at),
        station_id,
        actor,
        action,
        subject,
        detail_json,
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    station_id: str,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one audit row to ``session``; must run in the store's writer.

    The writer is the only thread that appends, so reading the last hash and
    adding the next row cannot interleave with another append.
    """
    at = at or datetime.now(UTC)
    last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    prev = last.row_hash if last is not None else GENESIS
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    entry = AuditEntry(
        at=at,
        station_id=station_id,
        actor=actor,
        action=action,
        subject=subject,
        detail_json=detail_json,
        prev_hash=prev,
        row_hash=row_hash(prev, at, station_id, actor, action, subject, detail_json),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold."""

    row_id: int
    reason: str  # "changed" or "missing before"


def find_break(entries: Iterable[AuditEntry]) -> Break | None:
    """Walk the chain in id order; the first row that does not verify."""
    prev = GENESIS
    for entry in entries:
        if entry.prev_hash != prev:
            return Break(entry.id, "a row before this one was removed or changed")
        expected = row_hash(
            entry.prev_hash,
            entry.at,
            entry.station_id,
            entry.actor,
            entry.action,
            entry.subject,
            entry.detail_json,
        )
        if entry.row_hash != expected:
            return Break(entry.id, "this row was changed")
        prev = entry.row_hash
    return None


def verify(session: Session) -> Break | None:
    """Check the whole trail; None when every link holds."""
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000)
    return find_break(rows)
