"""A small set of local sample records: staff with PINs, patients, orders.

Used for screenshots, UI tests and training when no platform is at hand.
Demo mode proper seeds a real FHIR server instead (``app.demo.seed``) and
the station pulls from it like any other.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.identity.signin import hash_pin
from app.store.models import Patient, Prescription, Staff

SAMPLE_PIN = "1234"

STAFF = [
    ("N001", "王芳", "nurse"),
    ("N002", "李娜", "nurse"),
    ("C001", "张丽", "charge-nurse"),
    ("P001", "赵强", "porter"),
    ("S001", "周敏", "storage-keeper"),
    ("A001", "陈伟", "admin"),
]

PATIENTS = [
    ("H0001023", "刘建国", "1958-04-02", "male", "62.5"),
    ("H0001187", "孙秀英", "1964-11-20", "female", "51.0"),
    ("H0002210", "马志强", "1971-07-09", "male", "70.0"),
]


def badge_of(staff_number: str) -> str:
    """The demo badge code printed on a staff member's card."""
    return f"BADGE-{staff_number}"


def _settings(blood_flow: int, uf_goal: int) -> str:
    values = {
        "modality": "HD",
        "MDC_HDIALY_TX_TIME_PRESCRIBED": "240",
        "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": str(blood_flow),
        "MDC_HDIALY_DIALYSATE_FLOW_RATE_SETTING": "500",
        "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE": str(uf_goal),
        "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING": "138",
        "MDC_HDIALY_DIALYSATE_TEMP_SETTING": "36.5",
    }
    return json.dumps(values)


def load_sample(session: Session, pin_hash: str | None = None) -> None:
    """Add the sample records unless they are there already."""
    if session.scalar(select(Staff).where(Staff.staff_number == "N001")) is not None:
        return
    pin_hash = pin_hash or hash_pin(SAMPLE_PIN)
    for number, name, role in STAFF:
        session.add(
            Staff(
                staff_number=number,
                name=name,
                role=role,
                pin_hash=pin_hash,
                badge_id=badge_of(number),
            )
        )
    orders = [(250, 2500), (220, 1800), (280, 3200)]
    for index, (number, name, born, sex, dry) in enumerate(PATIENTS):
        patient = Patient(
            hospital_number=number,
            name=name,
            birth_date=born,
            sex=sex,
            dry_weight_kg=dry,
        )
        session.add(patient)
        session.flush()
        blood_flow, uf_goal = orders[index]
        session.add(
            Prescription(
                patient_id=patient.id,
                status="active",
                settings_json=_settings(blood_flow, uf_goal),
                authored_at=datetime.now(UTC),
                fhir_id=f"sample-rx-{index + 1}",
            )
        )
