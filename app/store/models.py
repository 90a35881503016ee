"""The local cache's tables, as SQLAlchemy 2.0 ORM models.

Every record that leaves the station carries ``identifier`` (``urn:uuid:…``)
from the moment it exists; records pulled from the platform keep the
platform's ``fhir_id`` and ``fhir_version``. Times are UTC. Clinical numbers
are stored as decimal text, never floats, so what was measured is what is
sent.

The schema changes only through Alembic migrations in ``migrations/``; a new
column here without a migration is a bug the store tests catch.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_identifier() -> str:
    """A client-made FHIR identifier value: ``urn:uuid:<uuid4>``."""
    return f"urn:uuid:{uuid.uuid4()}"


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store times in UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class Staff(Base):
    """A person from the platform's staff directory, cached locally."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(32))  # see app.identity.roles
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Argon2 hash; never the PIN itself. Null until a PIN is set at the station.
    pin_hash: Mapped[str | None] = mapped_column(String(256))
    badge_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    fhir_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class FaceConsent(Base):
    """Consent recorded at face enrolment: who, when, by whom, the text shown."""

    __tablename__ = "face_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_by_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
    consent_text: Mapped[str] = mapped_column(Text)


class FaceTemplate(Base):
    """An encrypted face embedding; never a photo."""

    __tablename__ = "face_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    template_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    model_id: Mapped[str] = mapped_column(String(64))
    model_sha256: Mapped[str] = mapped_column(String(64))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("face_consent.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # Shared through the platform (app.identity.sharing): its urn:uuid, and
    # the platform's id and version once seen there; empty when not shared.
    identifier: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    fhir_id: Mapped[str | None] = mapped_column(String(64))
    fhir_version: Mapped[str | None] = mapped_column(String(64))


class Patient(Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    hospital_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(16))
    dry_weight_kg: Mapped[str | None] = mapped_column(String(16))
    fhir_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Bed(Base):
    __tablename__ = "bed"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    ward: Mapped[str] = mapped_column(String(64), default="")


class Device(Base):
    """A dialysis machine, scale or printer known to the station."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # dialysis, scale, printer
    serial_number: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(64), default="")
    bed_id: Mapped[int | None] = mapped_column(ForeignKey("bed.id"))
    fhir_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("kind", "serial_number"),)


class Prescription(Base):
    """A physician's dialysis order pulled from the platform; read-only here."""

    __tablename__ = "prescription"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    patient_fhir_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    # JSON object: vocabulary code -> decimal text, plus "modality".
    settings_json: Mapped[str] = mapped_column(Text)
    anticoagulation_json: Mapped[str | None] = mapped_column(Text)
    authored_at: Mapped[datetime | None] = mapped_column()
    fhir_id: Mapped[str] = mapped_column(String(64), unique=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))
    # JSON list: every parameter as the platform sent it (code, value, unit).
    parameters_json: Mapped[str | None] = mapped_column(Text)
    # JSON list of problems (app.sync.units.Problem); NULL when usable. An
    # unusable prescription keeps no numbers in settings_json.
    unusable_json: Mapped[str | None] = mapped_column(Text)


class LabResult(Base):
    """A laboratory Observation pulled from the platform."""

    __tablename__ = "lab_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_fhir_id: Mapped[str | None] = mapped_column(String(64), index=True)
    code: Mapped[str] = mapped_column(String(64))
    code_system: Mapped[str] = mapped_column(String(128))
    value: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str | None] = mapped_column(String(32))
    effective_at: Mapped[datetime | None] = mapped_column()
    fhir_id: Mapped[str] = mapped_column(String(64), unique=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))


class TreatmentSession(Base):
    __tablename__ = "treatment_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_identifier
    )
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    bed_id: Mapped[int | None] = mapped_column(ForeignKey("bed.id"))
    prescription_id: Mapped[int | None] = mapped_column(ForeignKey("prescription.id"))
    status: Mapped[str] = mapped_column(String(16), default="planned")
    started_at: Mapped[datetime | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    confirmed_by_json: Mapped[str | None] = mapped_column(Text)


class Observation(Base):
    """A machine reading, vital sign or weight taken at the station."""

    __tablename__ = "observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_identifier
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    code: Mapped[str] = mapped_column(String(64))
    code_system: Mapped[str] = mapped_column(String(128))
    value: Mapped[str] = mapped_column(String(32))  # decimal text
    unit: Mapped[str] = mapped_column(String(32))  # UCUM
    measured_at: Mapped[datetime] = mapped_column()
    device_sequence: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16), default="machine")
    __table_args__ = (
        Index("ix_observation_session_time", "session_id", "measured_at"),
    )


class Alarm(Base):
    __tablename__ = "alarm"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_identifier
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"))
    code: Mapped[str] = mapped_column(String(64))
    priority: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(256))
    raised_at: Mapped[datetime] = mapped_column()
    cleared_at: Mapped[datetime | None] = mapped_column()
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class WasteBag(Base):
    __tablename__ = "waste_bag"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_identifier
    )
    bag_code: Mapped[str] = mapped_column(String(32), unique=True)  # on the label
    category: Mapped[str] = mapped_column(String(16))
    department: Mapped[str] = mapped_column(String(64))
    produced_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(16), default="registered", index=True)
    collection_weight_g: Mapped[int | None] = mapped_column(Integer)
    intake_weight_g: Mapped[int | None] = mapped_column(Integer)
    weight_typed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    fhir_id: Mapped[str | None] = mapped_column(String(64))
    fhir_version: Mapped[str | None] = mapped_column(String(64))


class WasteEvent(Base):
    """One step in a bag's chain: handover, intake, outbound, override."""

    __tablename__ = "waste_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_identifier
    )
    bag_id: Mapped[int] = mapped_column(ForeignKey("waste_bag.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # collected, intake, outbound, …
    at: Mapped[datetime] = mapped_column()
    from_person: Mapped[str] = mapped_column(String(128), default="")
    to_person: Mapped[str] = mapped_column(String(128), default="")
    location: Mapped[str] = mapped_column(String(64), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer)
    detail_json: Mapped[str] = mapped_column(Text, default="{}")


class OutboxEntry(Base):
    """A record waiting to go to the platform; the id is the send order."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    identifier: Mapped[str] = mapped_column(String(64), index=True)
    resource_type: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)  # FHIR JSON, built at enqueue
    if_match: Mapped[str | None] = mapped_column(String(64))
    fhir_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column()
    server_id: Mapped[str | None] = mapped_column(String(64))
    server_version: Mapped[str | None] = mapped_column(String(64))


class SyncWatermark(Base):
    __tablename__ = "sync_watermark"

    resource_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    watermark: Mapped[str] = mapped_column(String(40))  # FHIR instant
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class PullRejected(Base):
    """A pulled resource that could not be mapped, kept whole to try again."""

    __tablename__ = "pull_rejected"

    resource_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    fhir_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    fhir_version: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    resource_json: Mapped[str] = mapped_column(Text)  # as the platform sent it
    first_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_tried_at: Mapped[datetime] = mapped_column(default=utc_now)
    attempts: Mapped[int] = mapped_column(default=1)


class AuditEntry(Base):
    """Append-only, hash-chained: each row carries the previous row's hash."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column()
    station_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))  # staff number or "system"
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))  # which record
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
