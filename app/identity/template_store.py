"""Face templates and consents in the station database (SQLAlchemy).

Implements :class:`app.identity.templates.TemplateRepository` over the
store's ``FaceTemplate`` and ``FaceConsent`` tables. Writes go through the
store's one writer thread and this object *waits* for them, so call it from
a worker thread, never from the GUI thread. Reads use a short session of
their own. Rows hold ciphertext only; the key is elsewhere.

``store_audit_hook`` adapts the services' audit callable to the audit trail.

With a hospital key (``sharing``), an enrolment or deletion also queues its
FHIR ``Basic`` in the outbox in the same transaction (``app.identity.sharing``).

Consent rows are kept when a template is deleted: they record what a person
agreed to and when, which stays true after they leave.

People who left the directory (marked inactive by the sync, or gone) are
never in ``list_all``, so they are never matched, even before
``purge_departed`` has deleted their templates; ``purge_departed`` runs when
face check-in starts and after every pull that changed records, and writes
one ``face.delete`` audit row per person in the same transaction.
"""

from __future__ import annotations

import json
import logging
from concurrent.futures import Future
from datetime import UTC, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.audit import trail
from app.identity.checkin import AUDIT_ACTION as CHECKIN_ACTION
from app.identity.checkin import AuditHook, CheckInHistory, PastCheckIn
from app.identity.enrolment import ACTION_DELETE
from app.identity.sharing import TemplateSharing
from app.identity.templates import ConsentRecord, StoredTemplate
from app.identity.templates import FaceTemplate as FaceTemplateData
from app.store import Store
from app.store.models import AuditEntry, FaceConsent, FaceTemplate, Staff

logger = logging.getLogger(__name__)

WRITE_TIMEOUT_S = 30.0


class SqlTemplateRepository:
    """Face templates in the station's SQLite file."""

    def __init__(
        self,
        store: Store,
        write_timeout_s: float = WRITE_TIMEOUT_S,
        sharing: TemplateSharing | None = None,
    ):
        """With ``sharing`` (a hospital key is configured), enrolments and
        deletions also go to the outbox, in the same transaction."""
        self._store = store
        self._write_timeout_s = write_timeout_s
        self.sharing = sharing

    def add(
        self,
        consent: ConsentRecord,
        template: StoredTemplate,
        plain: FaceTemplateData | None = None,
    ) -> None:
        """Consent and template in one transaction, replacing older templates."""

        def write(session: Session) -> None:
            self._delete_rows(session, template.staff_id)
            consent_row = FaceConsent(
                staff_id=consent.staff_id,
                recorded_by_staff_id=consent.recorded_by_staff_id,
                recorded_at=consent.recorded_at,
                consent_text=consent.consent_text,
            )
            session.add(consent_row)
            session.flush()
            row = FaceTemplate(
                staff_id=template.staff_id,
                template_ciphertext=template.ciphertext,
                model_id=template.model_id,
                model_sha256=template.model_sha256,
                consent_id=consent_row.id,
                created_at=template.created_at,
            )
            if self.sharing is not None and plain is not None:
                self.sharing.share_enrolment(session, row, plain, consent_row)
            session.add(row)

        self._store.writer.submit(write).result(timeout=self._write_timeout_s)

    def list_all(self) -> list[StoredTemplate]:
        """Templates of people still active in the staff directory."""
        with self._store.read_session() as session:
            rows = session.scalars(
                select(FaceTemplate)
                .join(Staff, Staff.id == FaceTemplate.staff_id)
                .where(Staff.active.is_(True))
                .order_by(FaceTemplate.id)
            )
            return [
                StoredTemplate(
                    staff_id=row.staff_id,
                    ciphertext=row.template_ciphertext,
                    model_id=row.model_id,
                    model_sha256=row.model_sha256,
                    created_at=row.created_at,
                )
                for row in rows
            ]

    def delete_for_staff(self, staff_id: int) -> int:
        def write(session: Session) -> int:
            return self._delete_rows(session, staff_id)

        removed: int = self._store.writer.submit(write).result(
            timeout=self._write_timeout_s
        )
        return removed

    def _delete_rows(self, session: Session, staff_id: int) -> int:
        """Delete a person's rows; a shared one's deletion goes out too."""
        rows = session.scalars(
            select(FaceTemplate).where(FaceTemplate.staff_id == staff_id)
        ).all()
        for row in rows:
            if self.sharing is not None:
                self.sharing.share_deletion(session, row)
            session.delete(row)
        session.flush()
        return len(rows)

    def purge_departed(self, station_id: str) -> list[int]:
        """Delete the templates of people who left the directory; audited.

        Waits for the write: call it from a worker thread.
        """
        ids: list[int] = self._store.writer.submit(
            lambda session: purge_departed(session, station_id)
        ).result(timeout=self._write_timeout_s)
        return ids

    def consents_for(self, staff_id: int) -> list[ConsentRecord]:
        with self._store.read_session() as session:
            rows = session.scalars(
                select(FaceConsent)
                .where(FaceConsent.staff_id == staff_id)
                .order_by(FaceConsent.id)
            )
            return [
                ConsentRecord(
                    row.staff_id,
                    row.recorded_by_staff_id,
                    row.consent_text,
                    recorded_at=row.recorded_at,
                )
                for row in rows
            ]


def purge_departed(session: Session, station_id: str) -> list[int]:
    """In the writer's transaction: delete templates of inactive or missing
    staff, one ``face.delete`` audit row each; returns their staff ids."""
    departed = session.scalars(
        select(FaceTemplate.staff_id)
        .outerjoin(Staff, Staff.id == FaceTemplate.staff_id)
        .where(or_(Staff.id.is_(None), Staff.active.is_(False)))
        .distinct()
    ).all()
    for staff_id in departed:
        result = session.execute(
            delete(FaceTemplate).where(FaceTemplate.staff_id == staff_id)
        )
        trail.append(
            session,
            station_id=station_id,
            actor="directory",
            action=ACTION_DELETE,
            subject=str(staff_id),
            detail={
                "removed": int(getattr(result, "rowcount", 0) or 0),
                "why": "left_directory",
            },
        )
    if departed:
        logger.info("face templates of %d departed people deleted", len(departed))
    return list(departed)


def checkin_history(store: Store) -> CheckInHistory:
    """Earlier face check-ins from the audit trail, for the rate limit to
    survive a restart: successes, and failures counted against someone."""

    def history(since_s: float) -> list[PastCheckIn]:
        since = datetime.fromtimestamp(since_s, UTC)
        with store.read_session() as session:
            rows = session.execute(
                select(AuditEntry.at, AuditEntry.subject, AuditEntry.detail_json)
                .where(AuditEntry.action == CHECKIN_ACTION, AuditEntry.at >= since)
                .order_by(AuditEntry.id)
            ).all()
        past: list[PastCheckIn] = []
        for at, subject, detail_json in rows:
            detail = json.loads(detail_json)
            at_s = (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()
            if detail.get("outcome") == "recognised" and subject.isdigit():
                past.append(PastCheckIn(int(subject), at_s, recognised=True))
            elif isinstance(detail.get("counted_against"), int):
                past.append(PastCheckIn(detail["counted_against"], at_s, False))
        return past

    return history


def store_audit_hook(store: Store, station_id: str, actor: str) -> AuditHook:
    """An ``audit(action, subject, detail)`` that appends to the audit trail.

    The append is queued on the store's writer and not waited for, so a
    check-in never waits on a commit; a failed append is logged at ERROR
    because a check-in missing from the trail must be noticed.
    """

    def audit(action: str, subject: str, detail: dict[str, object]) -> None:
        def write(session: Session) -> None:
            trail.append(
                session,
                station_id=station_id,
                actor=actor,
                action=action,
                subject=subject,
                detail=dict(detail),
            )

        store.writer.submit(write).add_done_callback(_report_failed_audit)

    return audit


def _report_failed_audit(future: Future[None]) -> None:
    error = future.exception()
    if error is not None:
        logger.error("face audit row not written: %s", type(error).__name__)
