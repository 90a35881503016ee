"""Demo data on a FHIR server: staff, patients, machines, today's orders, labs.

What a hospital platform would already hold when a station is installed:
eight staff (three dialysis nurses, a charge nurse, two porters, a storage
keeper and an admin) as Practitioner + PractitionerRole, six patients with
hospital numbers, four dialysis machines and a scale, today's dialysis
prescription for each patient (DeviceRequest with the vocabulary's setting
codes) with its heparin order (MedicationRequest), and a few lab results.

Seeding twice changes nothing: people, patients, machines and labs are
conditional creates on their business identifiers; orders carry ids made
from the patient and the day, written with ``PUT`` (create-or-replace),
because not every server can search DeviceRequest by identifier.

It deliberately writes nothing to the local store: the station pulls it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from app.identity.roles import Role
from app.sync import mapping
from app.sync.client import FhirClient, PlatformSettings
from devices.dialysis.vocabulary import SETTINGS

log = logging.getLogger(__name__)

WARD_TIME = timezone(timedelta(hours=8))
LAB_IDS = "urn:careloop:sid:lab-result"

# Role codes are `app.identity.roles.Role` values.
STAFF: tuple[tuple[str, str, Role], ...] = (
    ("N001", "张丽华", Role.NURSE),
    ("N002", "王秀英", Role.NURSE),
    ("N003", "李晓燕", Role.NURSE),
    ("C001", "陈美玲", Role.CHARGE_NURSE),
    ("P001", "赵建国", Role.PORTER),
    ("P002", "孙志强", Role.PORTER),
    ("S001", "周国平", Role.STORAGE_KEEPER),
    ("A001", "吴俊杰", Role.ADMIN),
)

PATIENTS: tuple[tuple[str, str, str, str], ...] = (
    ("H0001", "刘德明", "1956-03-12", "male"),
    ("H0002", "杨桂兰", "1962-07-25", "female"),
    ("H0003", "黄志刚", "1971-11-02", "male"),
    ("H0004", "何淑珍", "1949-01-30", "female"),
    ("H0005", "林海涛", "1983-05-18", "male"),
    ("H0006", "郭玉梅", "1968-09-09", "female"),
)

DEVICES: tuple[tuple[str, str, str, str], ...] = (
    ("dialysis", "DM-0001", "4008S", "Fresenius"),
    ("dialysis", "DM-0002", "4008S", "Fresenius"),
    ("dialysis", "DM-0003", "DBB-27", "Nikkiso"),
    ("dialysis", "DM-0004", "Dialog+", "B. Braun"),
    ("scale", "SC-0001", "XK3190-A9", "Yaohua"),
)

# One typical haemodialysis order; the UF goal varies by patient below.
BASE_SETTINGS: dict[str, str] = {
    "MDC_HDIALY_TX_TIME_PRESCRIBED": "240",
    "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": "250",
    "MDC_HDIALY_DIALYSATE_FLOW_RATE_SETTING": "500",
    "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE": "2500",
    "MDC_HDIALY_UF_RATE_SETTING": "800",
    "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING": "138",
    "MDC_HDIALY_DIALYSATE_CONC_K_SETTING": "2.0",
    "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": "1.50",
    "MDC_HDIALY_DIALYSATE_CONC_HCO3_SETTING": "35",
    "MDC_HDIALY_DIALYSATE_TEMP_SETTING": "36.5",
    "MDC_HDIALY_DIALYSATE_COND_SETTING": "14.0",
    "MDC_HDIALY_ANTICOAG_BOLUS_VOL": "1.0",
    "MDC_HDIALY_ANTICOAG_RATE_SETTING": "0.5",
    "MDC_HDIALY_ANTICOAG_STOP_BEFORE_END": "30",
}

# (LOINC, unit, value per patient index) for a few pre-dialysis labs.
LABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("718-7", "g/dL", ("10.8", "11.2", "9.6", "10.1", "12.0", "10.5")),
    ("2823-3", "mmol/L", ("5.1", "4.6", "5.8", "4.9", "5.3", "4.4")),
    ("2160-0", "umol/L", ("812", "745", "966", "688", "903", "721")),
)


@dataclass
class SeedSummary:
    """Platform ids of what was seeded, by business key."""

    staff: dict[str, str] = field(default_factory=dict)
    patients: dict[str, str] = field(default_factory=dict)
    devices: dict[str, str] = field(default_factory=dict)
    prescriptions: dict[str, str] = field(default_factory=dict)
    labs: int = 0


def prescription_id(hospital_number: str, day: date) -> str:
    return f"rx-{day:%Y%m%d}-{hospital_number.lower()}"


async def _create_if_absent(
    client: FhirClient, resource: dict[str, Any], system: str, value: str
) -> str:
    answer = await client.create(resource, if_none_exist=f"identifier={system}|{value}")
    return str(answer.body["id"]) if answer.body else ""


async def _seed_staff(client: FhirClient, summary: SeedSummary) -> None:
    for number, name, role in STAFF:
        person = mapping.StaffRecord(number, name)
        practitioner_id = await _create_if_absent(
            client, mapping.practitioner_to_fhir(person), mapping.STAFF_NUMBER, number
        )
        summary.staff[number] = practitioner_id
        role_record = mapping.StaffRoleRecord(practitioner_id, role.value, number)
        await _create_if_absent(
            client,
            mapping.practitioner_role_to_fhir(role_record),
            mapping.STAFF_NUMBER,
            number,
        )


async def _seed_patients(client: FhirClient, summary: SeedSummary) -> None:
    for number, name, born, sex in PATIENTS:
        patient = mapping.PatientRecord(number, name, born, sex)
        summary.patients[number] = await _create_if_absent(
            client, mapping.patient_to_fhir(patient), mapping.HOSPITAL_NUMBER, number
        )


async def _seed_devices(client: FhirClient, summary: SeedSummary) -> None:
    for kind, serial, model, maker in DEVICES:
        device = mapping.DeviceRecord(kind, serial, model, maker)
        summary.devices[serial] = await _create_if_absent(
            client, mapping.device_to_fhir(device), mapping.DEVICE_SERIAL, serial
        )


def today_order(
    patient_fhir_id: str, index: int, day: date
) -> mapping.PrescriptionRecord:
    values = {code: Decimal(text) for code, text in BASE_SETTINGS.items()}
    values["MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"] = Decimal(2000 + 300 * index)
    return mapping.PrescriptionRecord(
        patient_fhir_id=patient_fhir_id,
        settings=values,
        units={code: SETTINGS[code].unit for code in values},
        modality="HDF" if index % 3 == 2 else "HD",
        authored_at=datetime.combine(day, time(7, 30), WARD_TIME),
    )


async def _seed_orders(client: FhirClient, summary: SeedSummary, day: date) -> None:
    for index, (number, *_rest) in enumerate(PATIENTS):
        patient_id = summary.patients[number]
        order_id = prescription_id(number, day)
        order = today_order(patient_id, index, day)
        await client.update(
            "DeviceRequest",
            order_id,
            {**mapping.device_request_to_fhir(order), "id": order_id},
            if_match=None,
        )
        heparin = mapping.AnticoagulationRecord(
            patient_id, order_id, bolus_iu=Decimal(2000), rate_iu_h=Decimal(500)
        )
        heparin_id = f"{order_id}-heparin"
        await client.update(
            "MedicationRequest",
            heparin_id,
            {**mapping.medication_request_to_fhir(heparin), "id": heparin_id},
            if_match=None,
        )
        summary.prescriptions[number] = order_id


async def _seed_labs(client: FhirClient, summary: SeedSummary, day: date) -> None:
    taken = datetime.combine(day - timedelta(days=1), time(9, 0), WARD_TIME)
    for index, (number, *_rest) in enumerate(PATIENTS):
        for code, unit, values in LABS:
            lab = mapping.LabRecord(
                summary.patients[number],
                code,
                mapping.LOINC,
                Decimal(values[index]),
                unit,
                taken,
            )
            key = f"{number}-{code}-{taken:%Y%m%d}"
            resource = {
                **mapping.lab_to_fhir(lab),
                "identifier": [{"system": LAB_IDS, "value": key}],
            }
            await _create_if_absent(client, resource, LAB_IDS, key)
            summary.labs += 1


async def seed_platform(client: FhirClient, day: date | None = None) -> SeedSummary:
    """Seed through an open client (for callers already on an event loop)."""
    day = day or datetime.now(WARD_TIME).date()
    summary = SeedSummary()
    await _seed_staff(client, summary)
    await _seed_patients(client, summary)
    await _seed_devices(client, summary)
    await _seed_orders(client, summary, day)
    await _seed_labs(client, summary, day)
    log.info(
        "demo platform seeded: %d staff, %d patients, %d devices, %d orders, %d labs",
        len(summary.staff),
        len(summary.patients),
        len(summary.devices),
        len(summary.prescriptions),
        summary.labs,
    )
    return summary


def seed_demo(
    base_url: str, token: str | None = None, day: date | None = None
) -> SeedSummary:
    """Seed a demo platform; call it from a thread with no running event loop."""

    async def seed() -> SeedSummary:
        settings = PlatformSettings(
            base_url=base_url, station_name="demo-seed", token=token
        )
        async with FhirClient(settings) as client:
            return await seed_platform(client, day)

    return asyncio.run(seed())


__all__ = [
    "SeedSummary",
    "prescription_id",
    "seed_demo",
    "seed_platform",
    "today_order",
]
