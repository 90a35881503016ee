"""The demo seed on a real server: idempotent, and what a station pulls."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.demo.fhir_server import FhirServerProcess
from app.demo.seed import seed_demo
from app.store.models import Device, LabResult, Patient, Prescription, Staff
from app.sync.pull import Puller
from tests.app.sync.helpers import client_for, open_store, run

pytestmark = pytest.mark.integration

DAY = date(2026, 12, 3)
TYPES = (
    "Practitioner",
    "PractitionerRole",
    "Patient",
    "Device",
    "DeviceRequest",
    "MedicationRequest",
    "Observation",
)


def _totals(base_url: str) -> dict[str, int]:
    return {
        kind: httpx.get(f"{base_url}/{kind}", params={"_summary": "count"}).json()[
            "total"
        ]
        for kind in TYPES
    }


def test_seeding_twice_changes_nothing_and_a_station_pulls_it_all(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fresh_fhir_server.base_url
    first = seed_demo(url, day=DAY)
    totals = _totals(url)
    second = seed_demo(url, day=DAY)
    assert (
        _totals(url)
        == totals
        == {
            "Practitioner": 8,
            "PractitionerRole": 8,
            "Patient": 6,
            "Device": 5,
            "DeviceRequest": 6,
            "MedicationRequest": 6,
            "Observation": 18,
        }
    )
    assert first.patients == second.patients

    store = open_store(tmp_path)
    try:

        async def pull() -> None:
            async with client_for(url) as client:
                await Puller(client, store).pull()

        run(pull())
        with store.read_session() as session:

            def count(model: type) -> int:
                return int(session.scalar(select(func.count()).select_from(model)) or 0)

            assert (
                count(Staff),
                count(Patient),
                count(Device),
                count(Prescription),
                count(LabResult),
            ) == (8, 6, 5, 6, 18)
            roles = sorted(session.scalars(select(Staff.role)))
            assert roles.count("nurse") == 3 and roles.count("porter") == 2
            order = session.scalar(
                select(Prescription).where(Prescription.fhir_id == "rx-20261203-h0001")
            )
            settings = json.loads(order.settings_json)
            # The test server keeps numbers as floats: 1.50 comes back as 1.5.
            assert Decimal(settings["MDC_HDIALY_DIALYSATE_CONC_CA_SETTING"]) == Decimal(
                "1.50"
            )
            assert json.loads(order.anticoagulation_json)["bolus_iu"] == "2000"
            assert order.patient_id is not None
    finally:
        store.close()
