"""Prescriptions pulled from the real server: our units, or refused with why."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from app import jsonio
from app.demo.fhir_server import FhirServerProcess
from app.dialysis.today import todays_prescriptions
from app.sync import mapping
from app.sync.pull import Puller
from tests.app.sync.helpers import client_for, open_store, run

pytestmark = pytest.mark.integration

ZONE = ZoneInfo("Asia/Shanghai")
UF_RATE = "MDC_HDIALY_UF_RATE_SETTING"
UF_GOAL = "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"
BLOOD_FLOW = "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING"


def _post(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(
        f"{base_url}/{resource['resourceType']}",
        content=jsonio.dumps(resource),
        headers={"Content-Type": "application/fhir+json"},
    )
    assert answer.status_code < 300, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _order(
    base_url: str, number: str, parameters: list[dict[str, Any]]
) -> dict[str, Any]:
    patient = _post(
        base_url,
        mapping.patient_to_fhir(mapping.PatientRecord(number, f"病人{number}")),
    )
    order = mapping.device_request_to_fhir(
        mapping.PrescriptionRecord(patient["id"], {}, {}, authored_at=datetime.now(UTC))
    )
    order["parameter"] = [order["parameter"][0], *parameters]
    return _post(base_url, order)


def _quantity(code: str, value: str, unit: str) -> dict[str, Any]:
    return {
        "code": mapping.concept(mapping.MDC, code),
        "valueQuantity": {
            "value": Decimal(value),
            "system": mapping.UCUM,
            "code": unit,
        },
    }


def test_litres_arrive_as_millilitres_and_unreadable_orders_show_why(
    fresh_fhir_server: FhirServerProcess,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = fresh_fhir_server.base_url
    _order(
        url,
        "P1",
        [
            _quantity(UF_RATE, "1", "L/h"),
            _quantity(UF_GOAL, "2.5", "L"),
            _quantity(BLOOD_FLOW, "250", "mL/min"),
            {
                "code": mapping.concept("urn:hospital:codes", "needle-gauge"),
                "valueBoolean": True,
            },
        ],
    )
    _order(url, "P2", [_quantity(UF_RATE, "1", "L/hr"), _quantity(UF_GOAL, "2", "L")])
    _order(
        url,
        "P3",
        [
            {
                "code": mapping.concept(mapping.MDC, BLOOD_FLOW),
                "valueRange": {"low": {"value": 200}, "high": {"value": 300}},
            }
        ],
    )
    heparin_for = _order(url, "P4", [_quantity(UF_GOAL, "2000", "mL")])
    heparin = mapping.medication_request_to_fhir(
        mapping.AnticoagulationRecord(
            heparin_for["subject"]["reference"].split("/")[1],
            heparin_for["id"],
            bolus_iu=Decimal("20"),
            bolus_unit="mg",
        )
    )
    _post(url, heparin)

    store = open_store(tmp_path)
    try:

        async def pull() -> None:
            async with client_for(url) as client:
                await Puller(client, store).pull()

        with caplog.at_level(logging.WARNING, logger="app.sync.local"):
            run(pull())
        with store.read_session() as session:
            rows = {
                row.hospital_number: row for row in todays_prescriptions(session, ZONE)
            }
    finally:
        store.close()

    assert rows["P1"].usable
    assert rows["P1"].settings[UF_GOAL] == Decimal("2500")
    assert "needle-gauge" in caplog.text, "an unknown parameter is named, not dropped"

    for number in ("P2", "P3", "P4"):
        assert not rows[number].usable, number
        assert rows[number].settings == {}, "an unusable order shows no numbers"
    assert [(p.kind, p.parameter_en, p.detail) for p in rows["P2"].problems] == [
        ("unknown-unit", "Max UF rate", "L/hr")
    ]
    assert [(p.kind, p.parameter_en) for p in rows["P3"].problems] == [
        ("not-a-quantity", "Blood flow")
    ]
    assert [(p.kind, p.parameter_zh, p.detail) for p in rows["P4"].problems] == [
        ("unknown-unit", "肝素首剂", "mg")
    ]
