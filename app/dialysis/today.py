"""Read model: today's dialysis prescriptions for the bedside screen.

Only reads; prescriptions are the physician's and never changed here. The
numbers are shown exactly as ordered, converted to our units on pull
(`app.sync.units`); a prescription whose units or values could not be used
safely carries its problems instead of numbers. "Today" is the station's
calendar day in its own time zone, by the order's authored time; an order
with no authored time is not shown, since its day is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Patient, Prescription
from app.sync.units import Problem
from devices.dialysis.vocabulary import SETTINGS

SHOWN = (
    "MDC_HDIALY_TX_TIME_PRESCRIBED",
    "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING",
    "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE",
    "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING",
)


@dataclass(frozen=True)
class ProblemView:
    """One reason a prescription cannot be used, with the setting's names."""

    kind: str  # app.sync.units: unknown-unit, missing-unit, not-a-quantity, …
    parameter_zh: str
    parameter_en: str
    detail: str  # the unit or value type as received


@dataclass(frozen=True)
class PrescriptionRow:
    patient_name: str
    hospital_number: str
    modality: str
    settings: dict[str, Decimal]
    status: str
    problems: tuple[ProblemView, ...] = ()

    @property
    def usable(self) -> bool:
        return not self.problems


def todays_prescriptions(
    session: Session, zone: ZoneInfo, now: datetime | None = None
) -> list[PrescriptionRow]:
    """Active orders authored on the station's current day, by hospital number."""
    start, end = _day_bounds(zone, now or datetime.now(UTC))
    query = (
        select(Prescription, Patient)
        .outerjoin(Patient, Prescription.patient_id == Patient.id)
        .where(
            Prescription.status.in_(("active", "draft", "on-hold")),
            Prescription.authored_at >= start,
            Prescription.authored_at < end,
        )
        .order_by(Patient.hospital_number, Prescription.authored_at)
    )
    return [_row(order, patient) for order, patient in session.execute(query)]


def _day_bounds(zone: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """The local calendar day around `now`, as UTC instants."""
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _row(prescription: Prescription, patient: Patient | None) -> PrescriptionRow:
    raw = json.loads(prescription.settings_json or "{}")
    problems = _problems(prescription)
    settings = {}
    if not problems:
        settings = {code: Decimal(str(raw[code])) for code in SHOWN if code in raw}
    return PrescriptionRow(
        patient_name=patient.name if patient else "?",
        hospital_number=patient.hospital_number if patient else "?",
        modality=str(raw.get("modality") or ""),
        settings=settings,
        status=prescription.status,
        problems=problems,
    )


def _problems(prescription: Prescription) -> tuple[ProblemView, ...]:
    found = [Problem.from_json(raw) for raw in _list(prescription.unusable_json)]
    heparin = json.loads(prescription.anticoagulation_json or "{}")
    found += [Problem.from_json(raw) for raw in heparin.get("unusable") or []]
    return tuple(_view(problem) for problem in found)


def _list(text: str | None) -> list[dict[str, str]]:
    loaded = json.loads(text) if text else []
    return loaded if isinstance(loaded, list) else []


_NAMES = {
    "modality": ("治疗模式", "Modality"),
    "heparin": ("肝素", "Heparin"),
    "heparin bolus": ("肝素首剂", "Heparin bolus"),
    "heparin rate": ("肝素追加速率", "Heparin rate"),
}


def _view(problem: Problem) -> ProblemView:
    known = SETTINGS.get(problem.parameter)
    zh, en = (
        (known.zh, known.en)
        if known is not None
        else _NAMES.get(problem.parameter, (problem.parameter, problem.parameter))
    )
    return ProblemView(problem.kind, zh, en, problem.detail)
