"""The audit trail: who did what to which record, when, from which station.

Append-only and hash-chained: each row's hash covers its own fields and the
previous row's hash, so a changed row breaks its own hash and a removed row
breaks the next row's link. Rows removed from the end leave a chain that
still links, so one row outside the chain, ``audit_head``, records how many
rows were written and the last hash; database triggers move it with every
insert in the same transaction (migration 0004). ``verify`` names the first
broken row, or the rows missing at the end.

The same triggers refuse UPDATE and DELETE on ``audit``, so a slip in our own
code or an ordinary SQL client cannot rewrite history.

What this does NOT protect against: someone with the database file and an
SQLite client can drop the triggers, rewrite or remove rows, recompute every
following hash and set the head to match. The chain then verifies. It proves
only that the file is consistent with itself; catching a determined forger
needs the head to leave the machine (e.g. sent to the platform, or signed
with a key the station does not hold).
TODO: send the audit head (count and last hash) to the platform with each
sync, so a rewritten trail disagrees with a copy the station cannot change.

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

from sqlalchemy import column, select, table
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
    reason: str


# The head row kept by triggers (migration 0004_audit_head); Core, not ORM.
_HEAD = table("audit_head", column("row_count"), column("last_id"), column("last_hash"))


@dataclass(frozen=True)
class Head:
    """What ``audit_head`` says the end of the chain is."""

    row_count: int
    last_id: int
    last_hash: str


@dataclass
class _Walked:
    """What the walk saw: the last row, and the chain as it stood at the head."""

    anchor_id: int = 0
    count: int = 0
    last_id: int = 0
    count_at_anchor: int = 0
    last_id_at_anchor: int = 0
    hash_at_anchor: str = GENESIS


def _walk(entries: Iterable[AuditEntry], walked: _Walked) -> Break | None:
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
        walked.count += 1
        walked.last_id = entry.id
        if entry.id <= walked.anchor_id:
            walked.count_at_anchor = walked.count
            walked.last_id_at_anchor = entry.id
            walked.hash_at_anchor = entry.row_hash
    return None


def _compare_with_head(walked: _Walked, head: Head) -> Break | None:
    if walked.last_id_at_anchor < head.last_id:
        first = walked.last_id_at_anchor + 1
        missing = head.row_count - walked.count_at_anchor
        return Break(
            first,
            f"rows {first} to {head.last_id} ({missing} rows) were removed "
            f"from the end; the head records {head.row_count} rows",
        )
    if (
        walked.count_at_anchor != head.row_count
        or walked.hash_at_anchor != head.last_hash
    ):
        return Break(
            head.last_id,
            f"the chain has {walked.count_at_anchor} rows up to row {head.last_id}, "
            f"the head records {head.row_count}: rows were added around the head, "
            "or the head was changed",
        )
    return None


def find_break(entries: Iterable[AuditEntry], head: Head | None = None) -> Break | None:
    """Walk the chain in id order; the first row that does not verify.

    With ``head``, also check that the chain reaches the head's last row with
    the head's count and hash: rows removed from the end are named by id.
    Rows after the head (appended while reading) are checked for their links
    only.
    """
    walked = _Walked(anchor_id=head.last_id if head is not None else 0)
    found = _walk(entries, walked)
    if found is not None or head is None:
        return found
    return _compare_with_head(walked, head)


def read_head(session: Session) -> Head | None:
    row = session.execute(
        select(_HEAD.c.row_count, _HEAD.c.last_id, _HEAD.c.last_hash)
    ).one_or_none()
    return None if row is None else Head(int(row[0]), int(row[1]), str(row[2]))


def verify(session: Session) -> Break | None:
    """Check the whole trail against its head; None when every link holds.

    The head is read before the rows, so rows the writer appends meanwhile
    come after it; the head is read again afterwards and must cover them
    (the trigger moves it in the row's own transaction).
    """
    head = read_head(session)
    if head is None:
        return Break(0, "the audit head row is missing")
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000)
    walked = _Walked(anchor_id=head.last_id)
    found = _walk(rows, walked) or _compare_with_head(walked, head)
    if found is not None or walked.last_id <= head.last_id:
        return found
    later = read_head(session)
    if later is None or later.last_id < walked.last_id:
        return Break(
            head.last_id + 1,
            f"rows {head.last_id + 1} to {walked.last_id} are not recorded in "
            "the audit head: they were added around it",
        )
    return None
