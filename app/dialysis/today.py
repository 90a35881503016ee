"""Read model: today's dialysis prescriptions for the bedside screen.

Only reads; prescriptions are the physician's and never changed here. The
numbers are shown exactly as ordered (decimal text), with units from the
shared vocabulary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Patient, Prescription

SHOWN = (
    "MDC_HDIALY_TX_TIME_PRESCRIBED",
    "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING",
    "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE",
    "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING",
)


@dataclass(frozen=True)
class PrescriptionRow:
    patient_name: str
    hospital_number: str
    modality: str
    settings: dict[str, Decimal]
    status: str


def todays_prescriptions(session: Session) -> list[PrescriptionRow]:
    query = (
        select(Prescription, Patient)
        .outerjoin(Patient, Prescription.patient_id == Patient.id)
        .where(Prescription.status.in_(("active", "draft", "on-hold")))
        .order_by(Patient.hospital_number)
    )
    rows = []
    for prescription, patient in session.execute(query):
        raw = json.loads(prescription.settings_json or "{}")
        settings = {code: Decimal(str(raw[code])) for code in SHOWN if code in raw}
        rows.append(
            PrescriptionRow(
                patient_name=patient.name if patient else "?",
                hospital_number=patient.hospital_number if patient else "?",
                modality=str(raw.get("modality", "HD")),
                settings=settings,
                status=prescription.status,
            )
        )
    return rows
