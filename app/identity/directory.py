"""Read model: the staff directory as the admin screens show it.

Names, roles and whether a face template exists; never the template itself.
A template made by another embedding model than the station's (the model
file was changed) cannot be matched: it shows as needing re-enrolment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import FaceTemplate, Staff


@dataclass(frozen=True)
class StaffRow:
    staff_id: int
    staff_number: str
    name: str
    role: str
    has_pin: bool
    face_enrolled: bool
    face_outdated: bool = False  # enrolled with another model: re-enrol


def staff_directory(
    session: Session, model_sha256: str | None = None
) -> list[StaffRow]:
    """Active staff; with ``model_sha256``, only templates of that model
    count as enrolled, the others as outdated."""
    templates = session.execute(
        select(FaceTemplate.staff_id, FaceTemplate.model_sha256)
    ).all()
    enrolled = {
        staff_id
        for staff_id, sha in templates
        if model_sha256 is None or sha == model_sha256
    }
    outdated = {staff_id for staff_id, _ in templates} - enrolled
    rows = session.scalars(
        select(Staff).where(Staff.active.is_(True)).order_by(Staff.staff_number)
    )
    return [
        StaffRow(
            s.id,
            s.staff_number,
            s.name,
            s.role,
            s.pin_hash is not None,
            s.id in enrolled,
            s.id in outdated,
        )
        for s in rows
    ]
