"""Every mapped record type through the real FHIR server and back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.demo.fhir_server import FhirServerProcess
from app.store.models import (
    Device,
    LabResult,
    Patient,
    Prescription,
    Staff,
    SyncWatermark,
)
from app.sync import mapping
from app.sync.local import SqlOutbox, queue_resource
from app.sync.pull import Puller
from app.sync.push import Pusher
from tests.app.sync.helpers import client_for, new_identifier, open_store, run

pytestmark = pytest.mark.integration

AT = datetime(2026, 12, 3, 8, 30, 15, tzinfo=UTC)


async def _create(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    async with client_for(base_url) as client:
        answer = await client.create(resource)
        body: dict[str, Any] = answer.body
        return body


def _platform_records(base_url: str) -> dict[str, Any]:
    """Make one of each pulled type on the platform, as its own users would."""

    async def make() -> dict[str, Any]:
        made: dict[str, Any] = {}
        patient = mapping.PatientRecord("H-RT-1", "王小明", "1960-02-29", "male")
        made["patient"] = (
            patient,
            await _create(base_url, mapping.patient_to_fhir(patient)),
        )
        patient_id = made["patient"][1]["id"]
        staff = mapping.StaffRecord("N-RT-1", "李护士")
        made["staff"] = (
            staff,
            await _create(base_url, mapping.practitioner_to_fhir(staff)),
        )
        role = mapping.StaffRoleRecord(made["staff"][1]["id"], "nurse", "N-RT-1")
        made["role"] = (
            role,
            await _create(base_url, mapping.practitioner_role_to_fhir(role)),
        )
        device = mapping.DeviceRecord("dialysis", "SN-RT-1", "DBB-07", "Nikkiso")
        made["device"] = (
            device,
            await _create(base_url, mapping.device_to_fhir(device)),
        )
        order = mapping.PrescriptionRecord(
            patient_id,
            {
                "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": Decimal("250"),
                "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": Decimal("1.25"),
            },
            {
                "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": "mL/min",
                "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": "mmol/L",
            },
            modality="HDF",
            authored_at=AT,
            group="RX-RT-1",
        )
        made["order"] = (
            order,
            await _create(base_url, mapping.device_request_to_fhir(order)),
        )
        heparin = mapping.AnticoagulationRecord(
            patient_id,
            made["order"][1]["id"],
            bolus_iu=Decimal("2000"),
            rate_iu_h=Decimal("500"),
            group="RX-RT-1",
        )
        made["heparin"] = (
            heparin,
            await _create(base_url, mapping.medication_request_to_fhir(heparin)),
        )
        lab = mapping.LabRecord(
            patient_id, "2160-0", mapping.LOINC, Decimal("812.5"), "umol/L", AT
        )
        made["lab"] = (lab, await _create(base_url, mapping.lab_to_fhir(lab)))
        return made

    return run(make())


FROM_FHIR = {
    "patient": mapping.patient_from_fhir,
    "staff": mapping.practitioner_from_fhir,
    "role": mapping.practitioner_role_from_fhir,
    "device": mapping.device_from_fhir,
    "order": mapping.device_request_from_fhir,
    "heparin": mapping.medication_request_from_fhir,
    "lab": mapping.lab_from_fhir,
}


def test_platform_records_come_back_equal_and_land_in_the_cache(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    made = _platform_records(fhir_server.base_url)

    for name, (record, stored) in made.items():
        back = FROM_FHIR[name](stored)
        expected = replace(record, fhir_id=stored["id"], fhir_version="1")
        assert back == expected, name

    store = open_store(tmp_path)
    try:

        async def pull_twice() -> tuple[Any, Any]:
            async with client_for(fhir_server.base_url) as client:
                puller = Puller(client, store, page_size=3)
                return await puller.pull(), await puller.pull()

        first, again = run(pull_twice())
        _assert_cache(store, made)
    finally:
        store.close()
    assert first.applied["Patient"] >= 1
    assert sum(again.applied.values()) == 0, "a second pull must change nothing"


def _assert_cache(store: Any, made: dict[str, Any]) -> None:
    with store.read_session() as session:
        patient = session.scalar(
            select(Patient).where(Patient.fhir_id == made["patient"][1]["id"])
        )
        assert (
            patient.hospital_number,
            patient.name,
            patient.birth_date,
            patient.sex,
        ) == ("H-RT-1", "王小明", "1960-02-29", "male")
        staff = session.scalar(
            select(Staff).where(Staff.fhir_id == made["staff"][1]["id"])
        )
        assert (staff.staff_number, staff.name, staff.role) == (
            "N-RT-1",
            "李护士",
            "nurse",
        )
        device = session.scalar(
            select(Device).where(Device.fhir_id == made["device"][1]["id"])
        )
        assert (device.kind, device.serial_number, device.model) == (
            "dialysis",
            "SN-RT-1",
            "DBB-07",
        )
        order = session.scalar(
            select(Prescription).where(Prescription.fhir_id == made["order"][1]["id"])
        )
        assert order.patient_id == patient.id
        assert json.loads(order.settings_json) == {
            "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": "250",
            "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": "1.25",
            "modality": "HDF",
        }
        heparin = json.loads(order.anticoagulation_json)
        assert (heparin["bolus_iu"], heparin["rate_iu_h"]) == ("2000", "500")
        lab = session.scalar(
            select(LabResult).where(LabResult.fhir_id == made["lab"][1]["id"])
        )
        assert (lab.code, Decimal(lab.value), lab.unit) == (
            "2160-0",
            Decimal("812.5"),
            "umol/L",
        )
        marks = {row.resource_type for row in session.scalars(select(SyncWatermark))}
        assert {"Patient", "Practitioner", "DeviceRequest", "Observation"} <= marks


def _station_records() -> list[tuple[Any, list[tuple[str, str, dict[str, Any]]]]]:
    """Records the station makes, each with the resources it becomes."""
    nurse_a = mapping.StaffRef("N-001", "张护士")
    nurse_b = mapping.StaffRef("N-002", "刘护士", fhir_id="pract-2")
    porter = mapping.StaffRef("P-001", "赵师傅")
    reading = mapping.ReadingRecord(
        new_identifier(),
        "MDC_HDIALY_DIALYSATE_COND",
        mapping.MDC,
        Decimal("14.05"),
        "mS/cm",
        AT,
        "procedure",
        "pat-1",
        new_identifier(),
        "SN-RT-1",
    )
    weight = mapping.ReadingRecord(
        new_identifier(),
        mapping.BODY_WEIGHT,
        mapping.LOINC,
        Decimal("61.40"),
        "kg",
        AT,
        "vital-signs",
        "pat-1",
    )
    pressure = mapping.BloodPressureRecord(
        new_identifier(), Decimal(138), Decimal(82), AT, "pat-1"
    )
    treatment = mapping.TreatmentRecord(
        new_identifier(), "pat-1", "finished", AT, AT.replace(hour=12), "rx-1", "3床"
    )
    confirmation = mapping.ConfirmationRecord(
        new_identifier(), "rx-1", "pat-1", nurse_a, nurse_b, AT, note="核对无误"
    )
    handover = mapping.WasteHandoverRecord(
        new_identifier(),
        "handover",
        "BAG-0001",
        "infectious",
        1250,
        nurse_a,
        porter,
        "血透中心",
        AT,
        inputs={"note": "封口完好"},
    )
    intake = replace(
        handover,
        identifier=new_identifier(),
        kind="intake",
        weight_g=1240,
        giver=porter,
        receiver=mapping.StaffRef("K-001", "孙库管"),
        location="暂存间",
        inputs={"collection_weight_g": "1250", "allowance_g": "50"},
    )
    outbound = replace(
        handover,
        identifier=new_identifier(),
        kind="outbound",
        weight_g=1240,
        giver=mapping.StaffRef("K-001", "孙库管"),
        receiver=mapping.StaffRef("D-9", "处置公司司机"),
        location="暂存间",
        inputs={"manifest": "MF-20261203-01"},
    )
    alarm = mapping.AlarmRecord(
        new_identifier(),
        "MDC_EVT_HDIALY_BLD_PRESS_VEN_HI",
        "high",
        "静脉压高",
        AT,
        AT.replace(minute=AT.minute + 1),
        "pat-1",
        reading.session_identifier,
        "SN-RT-1",
    )
    return [
        (
            reading,
            [("Observation", reading.identifier, mapping.reading_to_fhir(reading))],
        ),
        (weight, [("Observation", weight.identifier, mapping.reading_to_fhir(weight))]),
        (
            pressure,
            [
                (
                    "Observation",
                    pressure.identifier,
                    mapping.blood_pressure_to_fhir(pressure),
                )
            ],
        ),
        (
            treatment,
            [
                (
                    "Encounter",
                    treatment.identifier,
                    mapping.encounter_to_fhir(treatment),
                ),
                (
                    "Procedure",
                    mapping.derived_identifier(treatment.identifier, "procedure"),
                    mapping.procedure_to_fhir(treatment),
                ),
            ],
        ),
        (
            confirmation,
            [
                (
                    "Task",
                    confirmation.identifier,
                    mapping.confirmation_task_to_fhir(confirmation),
                ),
                (
                    "Provenance",
                    mapping.derived_identifier(confirmation.identifier, "provenance"),
                    mapping.confirmation_provenance_to_fhir(confirmation),
                ),
            ],
        ),
        (
            handover,
            [("Task", handover.identifier, mapping.waste_task_to_fhir(handover))],
        ),
        (intake, [("Task", intake.identifier, mapping.waste_task_to_fhir(intake))]),
        (
            outbound,
            [("Task", outbound.identifier, mapping.waste_task_to_fhir(outbound))],
        ),
        (alarm, [("Flag", alarm.identifier, mapping.alarm_to_fhir(alarm))]),
    ]


def _find(base_url: str, resource_type: str, identifier: str) -> list[dict[str, Any]]:
    async def search() -> list[dict[str, Any]]:
        async with client_for(base_url) as client:
            page = await client.search(
                resource_type, {"identifier": f"{mapping.URN}|{identifier}"}
            )
        return [entry["resource"] for entry in page.get("entry") or []]

    return run(search())


def test_station_records_reach_the_platform_and_map_back(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    records = _station_records()
    store = open_store(tmp_path)
    try:

        def work(session: Any) -> None:
            for _record, resources in records:
                for resource_type, identifier, resource in resources:
                    queue_resource(
                        session,
                        resource_type=resource_type,
                        identifier=identifier,
                        resource=resource,
                    )

        store.writer.submit(work).result(timeout=10)

        async def push() -> Any:
            async with client_for(fhir_server.base_url) as client:
                return await Pusher(client, SqlOutbox(store), bundle_size=4).push()

        result = run(push())
    finally:
        store.close()
    assert result.sent == 11 and not result.poisoned

    (
        reading,
        weight,
        pressure,
        treatment,
        confirmation,
        handover,
        intake,
        outbound,
        alarm,
    ) = (r for r, _ in records)
    url = fhir_server.base_url
    assert (
        mapping.reading_from_fhir(_find(url, "Observation", reading.identifier)[0])
        == reading
    )
    assert (
        mapping.reading_from_fhir(_find(url, "Observation", weight.identifier)[0])
        == weight
    )
    bp = _find(url, "Observation", pressure.identifier)[0]
    assert mapping.blood_pressure_from_fhir(bp) == pressure
    encounter = _find(url, "Encounter", treatment.identifier)[0]
    procedure = _find(
        url, "Procedure", mapping.derived_identifier(treatment.identifier, "procedure")
    )[0]
    assert mapping.treatment_from_fhir(encounter, procedure) == treatment
    assert procedure["code"]["coding"][0]["code"] == "302497006"
    task = _find(url, "Task", confirmation.identifier)[0]
    assert mapping.confirmation_from_fhir(task) == confirmation
    waste = _find(url, "Task", handover.identifier)[0]
    assert mapping.waste_task_from_fhir(waste) == handover
    provenance = run(
        _read(url, "Provenance", mapping.provenance_id(confirmation.identifier))
    )
    assert mapping.confirmation_provenance_from_fhir(
        provenance
    ) == mapping.ProvenanceRecord(
        confirmation.identifier,
        confirmation.confirmed_at,
        confirmation.first_nurse,
        confirmation.second_nurse,
    )
    for step in (intake, outbound):
        found = _find(url, "Task", step.identifier)
        assert [mapping.waste_task_from_fhir(task) for task in found] == [step]
    flags = _find(url, "Flag", alarm.identifier)
    assert [mapping.alarm_from_fhir(flag) for flag in flags] == [alarm]


async def _read(base_url: str, resource_type: str, fhir_id: str) -> dict[str, Any]:
    async with client_for(base_url) as client:
        answer = await client.read(resource_type, fhir_id)
    body: dict[str, Any] = answer.body
    return body
