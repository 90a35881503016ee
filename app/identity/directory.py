"""Read model: the staff directory as the admin screens show it.

Names, roles and whether a face template exists; never the template itself.
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


def staff_directory(session: Session) -> list[StaffRow]:
    enrolled = set(session.scalars(select(FaceTemplate.staff_id)).all())
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
        )
        for s in rows
    ]
