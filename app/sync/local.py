"""The sync's side of the local store: outbox rows, watermarks, pulled records.

`SqlOutbox` is the push loop's `OutboxPort` over the store's ``outbox``
table; marks go through the one writer thread. `apply_page` writes one page
of pulled resources into the cache tables and moves that type's watermark in
the same commit, skipping any resource whose (id, version) is already there.

It does not talk to the network and does not decide when to sync.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, object_session

from app import jsonio
from app.store.models import (
    Device,
    LabResult,
    OutboxEntry,
    Patient,
    Prescription,
    PullRejected,
    Staff,
    SyncWatermark,
)
from app.store.outbox import enqueue
from app.sync import mapping, units
from app.sync.bundle import Delivered, OutgoingRow

log = logging.getLogger(__name__)

# A resource whose dependency has not arrived yet is retried on the next
# cycle, but only while it is this young; an older orphan is skipped with a
# warning so that it cannot hold back its whole resource type for ever.
DEFER_WINDOW = timedelta(minutes=10)


class Writer(Protocol):
    async def run(self, work: Callable[[Session], Any]) -> Any: ...


class StorePort(Protocol):
    """What the sync needs of `app.store.Store`."""

    @property
    def writer(self) -> Writer: ...

    def read_session(self) -> AbstractContextManager[Session]: ...


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; they are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


# ---- the outbox ----


def queue_resource(
    session: Session,
    *,
    resource_type: str,
    identifier: str,
    resource: dict[str, Any],
    if_match: str | None = None,
    fhir_id: str | None = None,
) -> OutboxEntry:
    """`app.store.enqueue` with decimals kept digit for digit in the payload."""
    entry = enqueue(
        session,
        resource_type=resource_type,
        identifier=identifier,
        resource=json.loads(jsonio.dumps(resource)),  # the store's own text
        if_match=if_match,
        fhir_id=fhir_id,
    )
    entry.payload = jsonio.dumps(resource)
    return entry


@dataclass(frozen=True)
class OutboxRowView:
    """One outbox row as the admin screen shows it."""

    row_id: int
    identifier: str
    resource_type: str
    status: str
    attempts: int
    created_at: datetime
    last_error: str | None
    server_id: str | None
    server_version: str | None


@dataclass(frozen=True)
class OutboxSummary:
    pending: int
    oldest_pending_at: datetime | None
    poisoned: int
    conflicts: int


class SqlOutbox:
    """`OutboxPort` over the store's ``outbox`` table."""

    def __init__(
        self, store: StorePort, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._store = store
        self._now = clock or (lambda: datetime.now(UTC))

    async def due(self, limit: int) -> list[OutgoingRow]:
        rows: list[OutgoingRow] = await self._store.writer.run(
            lambda session: _due(session, limit)
        )
        return rows

    async def mark_sent(self, done: Sequence[Delivered]) -> None:
        now = self._now()
        await self._store.writer.run(lambda session: _mark_sent(session, done, now))

    async def mark_failed(self, row_ids: Sequence[int], error: str) -> None:
        def work(session: Session) -> None:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id.in_(list(row_ids)))
                .values(attempts=OutboxEntry.attempts + 1, last_error=error[:2000])
            )

        await self._store.writer.run(work)

    async def mark_poisoned(self, row_id: int, outcome: str) -> None:
        await self._set(row_id, status="poisoned", last_error=outcome[:4000])

    async def mark_conflict(
        self, row_id: int, server_version: str | None, detail: str
    ) -> None:
        await self._set(
            row_id,
            status="conflict",
            server_version=server_version,
            last_error=detail[:4000],
        )

    async def requeue(self, row_id: int, if_match: str | None = None) -> None:
        """A person chose to send a set-aside row again (after fixing or deciding)."""
        values: dict[str, Any] = {"status": "pending"}
        if if_match is not None:
            values["if_match"] = if_match
        await self._set(row_id, **values)

    async def keep_platform_version(self, row_id: int) -> None:
        """A person chose the platform's version over ours for a conflict.

        The row is kept (status ``superseded``, never deleted) so the record
        of what this station had wanted to send survives; it is no longer
        sent, and the platform's version reaches the station on the next pull.
        Only a row in conflict can be settled this way.
        """

        def work(session: Session) -> None:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id == row_id, OutboxEntry.status == "conflict")
                .values(status="superseded")
            )

        await self._store.writer.run(work)

    async def server_id_for(self, identifier: str) -> str | None:
        def work(session: Session) -> str | None:
            return session.scalar(
                select(OutboxEntry.server_id)
                .where(
                    OutboxEntry.identifier == identifier,
                    OutboxEntry.status == "sent",
                    OutboxEntry.server_id.is_not(None),
                )
                .order_by(OutboxEntry.id.desc())
                .limit(1)
            )

        found: str | None = await self._store.writer.run(work)
        return found

    async def _set(self, row_id: int, **values: Any) -> None:
        def work(session: Session) -> None:
            session.execute(
                update(OutboxEntry).where(OutboxEntry.id == row_id).values(**values)
            )

        await self._store.writer.run(work)

    def summary(self) -> OutboxSummary:
        with self._store.read_session() as session:
            counts: dict[str, int] = {
                status: count
                for status, count in session.execute(
                    select(OutboxEntry.status, func.count()).group_by(
                        OutboxEntry.status
                    )
                ).tuples()
            }
            oldest = session.scalar(
                select(func.min(OutboxEntry.created_at)).where(
                    OutboxEntry.status == "pending"
                )
            )
        return OutboxSummary(
            pending=int(counts.get("pending", 0)),
            oldest_pending_at=as_utc(oldest),
            poisoned=int(counts.get("poisoned", 0)),
            conflicts=int(counts.get("conflict", 0)),
        )

    def unsent(self, limit: int = 200) -> list[OutboxRowView]:
        """Pending, poisoned and conflict rows, oldest first, for the admin screen."""
        with self._store.read_session() as session:
            rows = session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.status.not_in(("sent", "superseded")))
                .order_by(OutboxEntry.id)
                .limit(limit)
            ).all()
            return [_view(row) for row in rows]


def _view(row: OutboxEntry) -> OutboxRowView:
    return OutboxRowView(
        row_id=row.id,
        identifier=row.identifier,
        resource_type=row.resource_type,
        status=row.status,
        attempts=row.attempts,
        created_at=as_utc(row.created_at) or datetime.now(UTC),
        last_error=row.last_error,
        server_id=row.server_id,
        server_version=row.server_version,
    )


def _due(session: Session, limit: int) -> list[OutgoingRow]:
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.status == "pending")
        .order_by(OutboxEntry.id)
        .limit(limit)
    ).all()
    if not rows:
        return []
    identifiers = {row.identifier for row in rows}
    first_ids: dict[str, int] = {
        identifier: first_id
        for identifier, first_id in session.execute(
            select(OutboxEntry.identifier, func.min(OutboxEntry.id))
            .where(OutboxEntry.identifier.in_(identifiers))
            .group_by(OutboxEntry.identifier)
        ).tuples()
    }
    return [
        OutgoingRow(
            row_id=row.id,
            identifier=row.identifier,
            resource_type=row.resource_type,
            payload=row.payload,
            if_match=row.if_match,
            fhir_id=row.fhir_id,
            first_for_identifier=first_ids.get(row.identifier) == row.id,
            created_at=as_utc(row.created_at) or datetime.now(UTC),
            attempts=row.attempts,
        )
        for row in rows
    ]


def _mark_sent(session: Session, done: Sequence[Delivered], now: datetime) -> None:
    """Mark rows sent in one statement; rebase only rows that have followers."""
    ids = [item.row_id for item in done]
    rows = {
        row.id: (row.identifier, row.if_match)
        for row in session.execute(
            select(OutboxEntry.id, OutboxEntry.identifier, OutboxEntry.if_match).where(
                OutboxEntry.id.in_(ids), OutboxEntry.status != "sent"
            )
        )
    }
    live = [item for item in done if item.row_id in rows]
    if not live:
        return
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id.in_([item.row_id for item in live]))
        .values(
            status="sent",
            sent_at=now,
            attempts=OutboxEntry.attempts + 1,
            last_error=None,
        )
    )
    session.execute(
        update(OutboxEntry),
        [
            {
                "id": item.row_id,
                "server_id": item.server_id,
                "server_version": item.server_version,
            }
            for item in live
        ],
    )
    identifiers = {identifier for identifier, _ in rows.values()}
    with_followers = set(
        session.scalars(
            select(OutboxEntry.identifier).where(
                OutboxEntry.identifier.in_(identifiers), OutboxEntry.status == "pending"
            )
        )
    )
    for item in done:
        if item.row_id in rows and rows[item.row_id][0] in with_followers:
            identifier, based_on = rows[item.row_id]
            _rebase_followers(session, item, identifier, based_on)


def _rebase_followers(
    session: Session, sent: Delivered, identifier: str, based_on: str | None
) -> None:
    """Later updates of the same record build on the version we just made."""
    if sent.server_version is None:
        return
    followers = select(OutboxEntry.id).where(
        OutboxEntry.identifier == identifier,
        OutboxEntry.id > sent.row_id,
        OutboxEntry.status == "pending",
    )
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id.in_(followers), OutboxEntry.fhir_id.is_(None))
        .values(fhir_id=sent.server_id)
    )
    if based_on is not None:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_(followers), OutboxEntry.if_match == based_on)
            .values(if_match=sent.server_version)
        )


# ---- hearing about new outbox rows ----

OutboxListener = Callable[[], None]
_outbox_listeners: dict[int, list[OutboxListener]] = {}
_ADDED = "careloop_outbox_added"


def on_outbox_added(store: StorePort, listener: OutboxListener) -> Callable[[], None]:
    """Call `listener` after each commit that added outbox rows to `store`.

    It is called on the committing thread (the store's writer); returns the
    way to stop listening. Whoever queues a record needs to know nothing
    of the sync: the commit itself is heard.
    """
    key = id(getattr(store, "engine", store))
    _outbox_listeners.setdefault(key, []).append(listener)

    def stop() -> None:
        listeners = _outbox_listeners.get(key, [])
        if listener in listeners:
            listeners.remove(listener)
        if not listeners:
            _outbox_listeners.pop(key, None)

    return stop


@event.listens_for(OutboxEntry, "after_insert")
def _outbox_row_inserted(_mapper: Any, _connection: Any, row: OutboxEntry) -> None:
    session = object_session(row)
    if session is not None:
        session.info[_ADDED] = True


@event.listens_for(Session, "after_commit")
def _outbox_rows_committed(session: Session) -> None:
    if not session.info.pop(_ADDED, False) or not _outbox_listeners:
        return
    for listener in list(_outbox_listeners.get(id(session.get_bind()), [])):
        try:
            listener()
        except Exception:  # a listener's failure must not undo a write
            log.exception("outbox listener failed")


@event.listens_for(Session, "after_rollback")
def _outbox_rows_rolled_back(session: Session) -> None:
    session.info.pop(_ADDED, None)


# ---- watermarks ----


def read_watermarks(session: Session) -> dict[str, str]:
    return {
        resource_type: watermark
        for resource_type, watermark in session.execute(
            select(SyncWatermark.resource_type, SyncWatermark.watermark)
        ).tuples()
    }


def _move_watermark(session: Session, resource_type: str, watermark: str) -> None:
    row = session.get(SyncWatermark, resource_type)
    if row is None:
        session.add(SyncWatermark(resource_type=resource_type, watermark=watermark))
        return
    if mapping.parse_instant(watermark) > mapping.parse_instant(row.watermark):
        row.watermark = watermark
        row.updated_at = datetime.now(UTC)


# ---- pulled pages ----


@dataclass
class PageOutcome:
    applied: int = 0
    unchanged: int = 0
    rejected: int = 0  # kept in pull_rejected, not applied
    deferred: bool = False  # stopped at a resource whose dependency is missing
    watermark: str | None = None


class NotYet(Exception):
    """A pulled resource needs another one that has not arrived yet."""


Applier = Callable[[Session, dict[str, Any]], bool]


def apply_page(
    session: Session,
    resource_type: str,
    resources: Sequence[dict[str, Any]],
    now: datetime,
    applier: Applier | None = None,
) -> PageOutcome:
    """Apply one page in order; move the watermark to the last one applied.

    `applier` is a feature's own (see `Puller.add_type`); by default the
    sync's appliers for the types it knows.
    """
    applier = applier or APPLIERS[resource_type]
    outcome = PageOutcome()
    set_aside = _rejected_ids(session, resource_type)
    for resource in resources:
        last_updated = str((resource.get("meta") or {}).get("lastUpdated", ""))
        try:
            changed = applier(session, resource)
        except NotYet as missing:
            if (
                last_updated
                and now - mapping.parse_instant(last_updated) < DEFER_WINDOW
            ):
                outcome.deferred = True
                break
            keep_rejected(
                session,
                resource_type,
                resource,
                f"refers to {missing}, which has not arrived",
                now,
            )
            outcome.rejected += 1
            changed = False
        except APPLY_ERRORS as error:
            keep_rejected(session, resource_type, resource, str(error), now)
            outcome.rejected += 1
            changed = False
        else:
            if str(resource.get("id")) in set_aside:
                _forget_rejected(session, resource_type, str(resource.get("id")))
        if changed:
            outcome.applied += 1
        else:
            outcome.unchanged += 1
        if last_updated:
            outcome.watermark = last_updated
    if outcome.watermark:
        _move_watermark(session, resource_type, outcome.watermark)
    return outcome


# What an applier raises for a resource it cannot map (a bug is not one).
APPLY_ERRORS = (mapping.MappingError, KeyError, ValueError, TypeError)


def _rejected_ids(session: Session, resource_type: str) -> set[str]:
    return set(
        session.scalars(
            select(PullRejected.fhir_id).where(
                PullRejected.resource_type == resource_type
            )
        )
    )


def keep_rejected(
    session: Session,
    resource_type: str,
    resource: dict[str, Any],
    reason: str,
    now: datetime,
) -> None:
    """Keep a resource we could not apply, whole, to show and to try again.

    Written in the page's own commit, so the watermark never moves past a
    resource that is neither applied nor kept.
    """
    fhir_id = str(resource.get("id") or "(no id)")
    log.warning("%s %s kept aside, not applied: %s", resource_type, fhir_id, reason)
    row = session.get(PullRejected, (resource_type, fhir_id))
    if row is None:
        row = PullRejected(
            resource_type=resource_type,
            fhir_id=fhir_id,
            first_seen_at=now,
            attempts=0,
        )
        session.add(row)
    row.fhir_version = mapping.version_of(resource)
    row.reason = reason[:2000]
    row.resource_json = jsonio.dumps(resource)
    row.last_tried_at = now
    row.attempts = (row.attempts or 0) + 1


def _forget_rejected(session: Session, resource_type: str, fhir_id: str) -> None:
    row = session.get(PullRejected, (resource_type, fhir_id))
    if row is not None:
        log.info("%s %s applied after being kept aside", resource_type, fhir_id)
        session.delete(row)


def retry_rejected(
    session: Session,
    appliers: Mapping[str, Applier],
    now: datetime,
    limit: int = 500,
) -> tuple[int, int]:
    """Try kept resources again (the mapping or configuration may have changed).

    Returns (applied now, still kept among those tried). A type nobody
    pulls any more is left as it is.
    """
    rows = session.scalars(
        select(PullRejected)
        .where(PullRejected.resource_type.in_(list(appliers)))
        .order_by(PullRejected.first_seen_at)
        .limit(limit)
    ).all()
    applied = 0
    for row in rows:
        resource = jsonio.loads(row.resource_json)
        try:
            appliers[row.resource_type](session, resource)
        except NotYet as missing:
            row.reason = f"refers to {missing}, which has not arrived"
            row.last_tried_at = now
            continue
        except APPLY_ERRORS as error:
            row.reason = str(error)[:2000]
            row.last_tried_at = now
            row.attempts += 1
            continue
        log.info("%s %s applied on a new try", row.resource_type, row.fhir_id)
        session.delete(row)
        applied += 1
    return applied, len(rows) - applied


@dataclass(frozen=True)
class RejectedView:
    """One kept resource as the admin screen shows it."""

    resource_type: str
    fhir_id: str
    fhir_version: str | None
    reason: str
    first_seen_at: datetime
    attempts: int


def rejected(session: Session, limit: int = 200) -> list[RejectedView]:
    rows = session.scalars(
        select(PullRejected)
        .order_by(PullRejected.resource_type, PullRejected.first_seen_at)
        .limit(limit)
    ).all()
    return [
        RejectedView(
            row.resource_type,
            row.fhir_id,
            row.fhir_version,
            row.reason,
            as_utc(row.first_seen_at) or datetime.now(UTC),
            row.attempts,
        )
        for row in rows
    ]


def rejected_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(PullRejected)) or 0)


def _by_fhir_id(session: Session, model: Any, fhir_id: str | None) -> Any:
    if fhir_id is None:
        return None
    return session.scalar(select(model).where(model.fhir_id == fhir_id))


def _apply_patient(
    session: Session,
    resource: dict[str, Any],
    systems: mapping.Systems = mapping.DEFAULT_SYSTEMS,
) -> bool:
    record = mapping.patient_from_fhir(resource, systems)
    row = _by_fhir_id(session, Patient, record.fhir_id) or session.scalar(
        select(Patient).where(Patient.hospital_number == record.hospital_number)
    )
    if (
        row is not None
        and row.fhir_id == record.fhir_id
        and row.fhir_version == record.fhir_version
    ):
        return False
    if row is None:
        row = Patient(hospital_number=record.hospital_number, name=record.name)
        session.add(row)
    row.hospital_number = record.hospital_number
    row.name = record.name
    row.birth_date = record.birth_date
    row.sex = record.sex
    row.fhir_id = record.fhir_id
    row.fhir_version = record.fhir_version
    row.updated_at = datetime.now(UTC)
    return True


def _apply_practitioner(
    session: Session,
    resource: dict[str, Any],
    systems: mapping.Systems = mapping.DEFAULT_SYSTEMS,
) -> bool:
    record = mapping.practitioner_from_fhir(resource, systems)
    row = _by_fhir_id(session, Staff, record.fhir_id) or session.scalar(
        select(Staff).where(Staff.staff_number == record.staff_number)
    )
    if (
        row is not None
        and row.fhir_id == record.fhir_id
        and row.fhir_version == record.fhir_version
    ):
        return False
    if row is None:
        # The role arrives with the PractitionerRole; until then, none.
        row = Staff(staff_number=record.staff_number, name=record.name, role="")
        session.add(row)
    row.staff_number = record.staff_number
    row.name = record.name
    row.active = record.active
    row.fhir_id = record.fhir_id
    row.fhir_version = record.fhir_version
    row.updated_at = datetime.now(UTC)
    return True


def _apply_practitioner_role(
    session: Session,
    resource: dict[str, Any],
    systems: mapping.Systems = mapping.DEFAULT_SYSTEMS,
) -> bool:
    record = mapping.practitioner_role_from_fhir(resource, systems)
    row = _by_fhir_id(session, Staff, record.practitioner_fhir_id)
    if row is None:
        raise NotYet(record.practitioner_fhir_id)
    if row.role == record.role:
        return False
    row.role = record.role
    row.updated_at = datetime.now(UTC)
    return True


def _apply_device(
    session: Session,
    resource: dict[str, Any],
    systems: mapping.Systems = mapping.DEFAULT_SYSTEMS,
) -> bool:
    record = mapping.device_from_fhir(resource, systems)
    row = _by_fhir_id(session, Device, record.fhir_id) or session.scalar(
        select(Device).where(
            Device.kind == record.kind, Device.serial_number == record.serial_number
        )
    )
    if (
        row is not None
        and row.fhir_id == record.fhir_id
        and row.fhir_version == record.fhir_version
    ):
        return False
    if row is None:
        row = Device(kind=record.kind, serial_number=record.serial_number)
        session.add(row)
    row.kind = record.kind
    row.serial_number = record.serial_number
    row.model = record.model
    row.fhir_id = record.fhir_id
    row.fhir_version = record.fhir_version
    return True


@dataclass(frozen=True)
class CheckedPrescription:
    """A pulled prescription in our units, or the problems that forbid its use."""

    settings: dict[str, Decimal]  # vocabulary code -> value in our unit
    problems: tuple[units.Problem, ...]
    not_understood: tuple[str, ...]  # parameters we keep but do not use


def check_prescription(record: mapping.PrescriptionRecord) -> CheckedPrescription:
    """Convert every setting to the vocabulary's unit exactly, or say why not."""
    settings: dict[str, Decimal] = {}
    problems: list[units.Problem] = []
    not_understood: list[str] = []
    if not record.modality:
        problems.append(units.Problem(units.NO_MODALITY, "modality"))
    for code in sorted(record.settings):
        if not units.is_known_setting(code):
            not_understood.append(code)
            continue
        value, problem = units.canonical_setting(
            code, record.settings[code], record.units.get(code, "")
        )
        if problem is not None:
            problems.append(problem)
        elif value is not None:
            settings[code] = value
    for name, value_type in record.unread:
        if units.is_known_setting(name):
            problems.append(units.Problem(units.NOT_A_QUANTITY, name, value_type))
        else:
            not_understood.append(name)
    return CheckedPrescription(settings, tuple(problems), tuple(not_understood))


def settings_json(
    record: mapping.PrescriptionRecord, checked: CheckedPrescription | None = None
) -> str:
    """Our-unit values and the modality; no numbers at all when unusable."""
    checked = checked or check_prescription(record)
    values: dict[str, str] = {}
    if not checked.problems:
        values = {code: str(value) for code, value in checked.settings.items()}
    values["modality"] = record.modality
    return json.dumps(values, sort_keys=True)


def parameters_json(record: mapping.PrescriptionRecord) -> str:
    """Every parameter as the platform sent it, value text and unit kept."""
    sent: list[dict[str, str]] = [{"code": "modality", "value": record.modality}]
    sent += [
        {
            "code": code,
            "value": str(record.settings[code]),
            "unit": record.units.get(code, ""),
        }
        for code in sorted(record.settings)
    ]
    sent += [{"code": name, "type": value_type} for name, value_type in record.unread]
    return json.dumps(sent, ensure_ascii=False)


def _problems_json(problems: Sequence[units.Problem]) -> str | None:
    if not problems:
        return None
    return json.dumps([problem.as_json() for problem in problems], ensure_ascii=False)


def _apply_device_request(session: Session, resource: dict[str, Any]) -> bool:
    record = mapping.device_request_from_fhir(resource)
    row = _by_fhir_id(session, Prescription, record.fhir_id)
    if row is not None and row.fhir_version == record.fhir_version:
        return False
    if row is None:
        row = Prescription(
            fhir_id=record.fhir_id, status=record.status, settings_json="{}"
        )
        session.add(row)
    checked = check_prescription(record)
    _log_checked("DeviceRequest", record.fhir_id, checked)
    patient = _by_fhir_id(session, Patient, record.patient_fhir_id)
    row.patient_id = patient.id if patient is not None else None
    row.patient_fhir_id = record.patient_fhir_id
    row.status = record.status
    row.settings_json = settings_json(record, checked)
    row.parameters_json = parameters_json(record)
    row.unusable_json = _problems_json(checked.problems)
    row.authored_at = record.authored_at
    row.fhir_version = record.fhir_version
    return True


def _log_checked(
    resource_type: str, fhir_id: str | None, checked: CheckedPrescription
) -> None:
    for name in checked.not_understood:
        log.warning(
            "%s %s: parameter %s not understood; kept, not used",
            resource_type,
            fhir_id,
            name,
        )
    for problem in checked.problems:
        log.warning(
            "%s %s unusable: %s %s %s",
            resource_type,
            fhir_id,
            problem.kind,
            problem.parameter,
            problem.detail,
        )


def check_anticoagulation(
    record: mapping.AnticoagulationRecord,
) -> tuple[Decimal | None, Decimal | None, tuple[units.Problem, ...]]:
    """The heparin bolus in [iU] and rate in [iU]/h, or why they cannot be used."""
    problems = [
        units.Problem(units.NOT_A_QUANTITY, "heparin", form) for form in record.unread
    ]
    bolus = _heparin_dose(record.bolus_iu, record.bolus_unit, "[iU]", problems)
    rate = _heparin_dose(record.rate_iu_h, record.rate_unit, "[iU]/h", problems)
    return bolus, rate, tuple(problems)


def _heparin_dose(
    value: Decimal | None, unit: str, ours: str, problems: list[units.Problem]
) -> Decimal | None:
    what = "heparin bolus" if ours == "[iU]" else "heparin rate"
    if value is None:
        return None
    if not unit:
        problems.append(units.Problem(units.MISSING_UNIT, what))
        return None
    converted = units.to_unit(value, unit, ours)
    if converted is None:
        problems.append(units.Problem(units.UNKNOWN_UNIT, what, unit))
    return converted


def anticoagulation_json(record: mapping.AnticoagulationRecord) -> str:
    """Doses in [iU] and [iU]/h; none at all, and the problems, when unusable."""

    def text(value: Decimal | None) -> str | None:
        return str(value) if value is not None and not problems else None

    bolus, rate, problems = check_anticoagulation(record)
    return json.dumps(
        {
            "drug": record.drug,
            "bolus_iu": text(bolus),
            "rate_iu_h": text(rate),
            "status": record.status,
            "fhir_id": record.fhir_id,
            "fhir_version": record.fhir_version,
            "ordered": {
                "bolus": [_text(record.bolus_iu), record.bolus_unit],
                "rate": [_text(record.rate_iu_h), record.rate_unit],
            },
            "unusable": [problem.as_json() for problem in problems] or None,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def _text(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _apply_medication_request(session: Session, resource: dict[str, Any]) -> bool:
    record = mapping.medication_request_from_fhir(resource)
    row = _by_fhir_id(session, Prescription, record.device_request_fhir_id)
    if row is None:
        raise NotYet(record.device_request_fhir_id)
    wanted = anticoagulation_json(record)
    if row.anticoagulation_json == wanted:
        return False
    for problem in check_anticoagulation(record)[2]:
        log.warning(
            "MedicationRequest %s unusable: %s %s %s",
            record.fhir_id,
            problem.kind,
            problem.parameter,
            problem.detail,
        )
    row.anticoagulation_json = wanted
    return True


def _apply_lab(session: Session, resource: dict[str, Any]) -> bool:
    record = mapping.lab_from_fhir(resource)
    row = _by_fhir_id(session, LabResult, record.fhir_id)
    if row is not None and row.fhir_version == record.fhir_version:
        return False
    if row is None:
        row = LabResult(
            fhir_id=record.fhir_id, code=record.code, code_system=record.code_system
        )
        session.add(row)
    row.patient_fhir_id = record.patient_fhir_id
    row.code = record.code
    row.code_system = record.code_system
    row.value = str(record.value) if record.value is not None else None
    row.unit = record.unit
    row.effective_at = record.effective_at
    row.fhir_version = record.fhir_version
    return True


APPLIERS: dict[str, Applier] = {
    "Patient": _apply_patient,
    "Practitioner": _apply_practitioner,
    "PractitionerRole": _apply_practitioner_role,
    "Device": _apply_device,
    "DeviceRequest": _apply_device_request,
    "MedicationRequest": _apply_medication_request,
    "Observation": _apply_lab,
}


def appliers_for(systems: mapping.Systems) -> dict[str, Applier]:
    """The sync's appliers reading identifiers and codes in `systems`."""
    with_systems = {
        "Patient": _apply_patient,
        "Practitioner": _apply_practitioner,
        "PractitionerRole": _apply_practitioner_role,
        "Device": _apply_device,
    }
    found = dict(APPLIERS)
    for resource_type, applier in with_systems.items():
        found[resource_type] = functools.partial(applier, systems=systems)
    return found


def iter_resources(bundle: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The matches of a searchset page (not included or outcome entries)."""
    for entry in bundle.get("entry") or []:
        mode = (entry.get("search") or {}).get("mode", "match")
        resource = entry.get("resource")
        if mode == "match" and isinstance(resource, dict):
            yield resource
