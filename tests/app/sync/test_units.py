"""A pulled prescription's units: converted exactly, or the order refused."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import pytest

from app.sync import local, mapping, units

UF_RATE = "MDC_HDIALY_UF_RATE_SETTING"
UF_GOAL = "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"
BLOOD_FLOW = "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING"
SODIUM = "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING"


def _order(parameters: list[dict[str, Any]]) -> mapping.PrescriptionRecord:
    return mapping.device_request_from_fhir(
        {
            "resourceType": "DeviceRequest",
            "id": "rx-1",
            "subject": {"reference": "Patient/p-1"},
            "parameter": parameters,
        }
    )


def _quantity(code: str, value: str, unit: str | None) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": Decimal(value)}
    if unit is not None:
        quantity.update(system=mapping.UCUM, code=unit)
    return {"code": mapping.concept(mapping.MDC, code), "valueQuantity": quantity}


def test_litres_become_millilitres_exactly_and_mmol_stays() -> None:
    checked = local.check_prescription(
        _order(
            [
                _quantity(UF_RATE, "1", "L/h"),
                _quantity(UF_GOAL, "2.5", "L"),
                _quantity(BLOOD_FLOW, "0.25", "L/min"),
                _quantity(SODIUM, "138.5", "mmol/L"),
            ]
        )
    )
    assert checked.problems == ()
    assert checked.settings == {
        UF_RATE: Decimal("1000"),
        UF_GOAL: Decimal("2500"),
        BLOOD_FLOW: Decimal("250"),
        SODIUM: Decimal("138.5"),
    }


@pytest.mark.parametrize(
    ("parameter", "problem"),
    [
        (
            _quantity(UF_RATE, "1", "L/hr"),
            units.Problem(units.UNKNOWN_UNIT, UF_RATE, "L/hr"),
        ),
        (
            _quantity(UF_RATE, "1000", None),
            units.Problem(units.MISSING_UNIT, UF_RATE),
        ),
        (
            # mEq/L is not mmol/L for calcium; refused rather than guessed.
            _quantity("MDC_HDIALY_DIALYSATE_CONC_CA_SETTING", "3", "meq/L"),
            units.Problem(
                units.UNKNOWN_UNIT, "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING", "meq/L"
            ),
        ),
        (
            {
                "code": mapping.concept(mapping.MDC, BLOOD_FLOW),
                "valueRange": {"low": {"value": 200}, "high": {"value": 300}},
            },
            units.Problem(units.NOT_A_QUANTITY, BLOOD_FLOW, "valueRange"),
        ),
        (
            {
                "code": mapping.concept(mapping.MDC, BLOOD_FLOW),
                "valueQuantity": {"value": 300, "comparator": "<", "code": "mL/min"},
            },
            units.Problem(units.NOT_A_QUANTITY, BLOOD_FLOW, "valueQuantity <"),
        ),
    ],
)
def test_an_order_we_cannot_read_safely_keeps_no_numbers(
    parameter: dict[str, Any], problem: units.Problem
) -> None:
    order = _order([_quantity(UF_GOAL, "2000", "mL"), parameter])

    checked = local.check_prescription(order)

    assert checked.problems == (problem,)
    stored = local.settings_json(order, checked)
    assert stored == '{"modality": "HD"}', "no number of an unusable order is kept"
    assert parameter["code"]["coding"][0]["code"] in local.parameters_json(order)


def test_an_unknown_parameter_is_kept_and_named_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    order = _order(
        [
            _quantity(UF_GOAL, "2000", "mL"),
            {
                "code": mapping.concept("urn:hospital:codes", "needle-gauge"),
                "valueBoolean": True,
            },
        ]
    )
    checked = local.check_prescription(order)

    assert checked.problems == ()
    assert checked.not_understood == ("urn:hospital:codes|needle-gauge",)
    assert "needle-gauge" in local.parameters_json(order)
    with caplog.at_level(logging.WARNING, logger="app.sync.local"):
        local._log_checked("DeviceRequest", "rx-1", checked)
    assert "needle-gauge" in caplog.text


def test_a_modality_sent_as_a_code_only_is_not_the_word_none() -> None:
    coded = {
        "code": mapping.concept(mapping.MDC, mapping.MODALITY),
        "valueCodeableConcept": {"coding": [{"system": "urn:x", "code": "HDF"}]},
    }
    assert _order([coded]).modality == "HDF"

    empty = {**coded, "valueCodeableConcept": {}}
    order = _order([empty])
    assert order.modality == ""
    assert local.check_prescription(order).problems == (
        units.Problem(units.NO_MODALITY, "modality"),
    )


def _heparin(dose: dict[str, Any]) -> mapping.AnticoagulationRecord:
    return mapping.medication_request_from_fhir(
        {
            "resourceType": "MedicationRequest",
            "id": "hep-1",
            "subject": {"reference": "Patient/p-1"},
            "supportingInformation": [{"reference": "DeviceRequest/rx-1"}],
            "dosageInstruction": [{"doseAndRate": [dose]}],
        }
    )


def test_heparin_in_international_units_is_used_and_in_mg_is_refused() -> None:
    good = _heparin(
        {
            "doseQuantity": {"value": 2, "code": "k[IU]"},
            "rateQuantity": {"value": 500, "code": "[IU]/h"},
        }
    )
    assert local.check_anticoagulation(good) == (Decimal(2000), Decimal(500), ())

    in_mg = _heparin({"doseQuantity": {"value": 20, "code": "mg"}})
    bolus, _rate, problems = local.check_anticoagulation(in_mg)
    assert bolus is None
    assert problems == (units.Problem(units.UNKNOWN_UNIT, "heparin bolus", "mg"),)
    assert '"bolus_iu": null' in local.anticoagulation_json(in_mg)

    at_most = _heparin(
        {"doseQuantity": {"value": 2000, "comparator": "<=", "code": "[iU]"}}
    )
    assert local.check_anticoagulation(at_most)[2] == (
        units.Problem(units.NOT_A_QUANTITY, "heparin", "doseQuantity <="),
    )

    as_ratio = _heparin({"rateRatio": {"numerator": {"value": 500}}})
    assert local.check_anticoagulation(as_ratio)[2] == (
        units.Problem(units.NOT_A_QUANTITY, "heparin", "rateRatio"),
    )


def test_conversion_is_exact_or_refused() -> None:
    assert units.to_unit(Decimal("0.0015"), "L", "mL") == Decimal("1.5")
    assert units.to_unit(Decimal("4"), "h", "min") == Decimal("240")
    assert units.to_unit(Decimal("30"), "s", "min") is None
    too_long = Decimal("1." + "3" * 30)
    assert units.to_unit(too_long, "L", "mL") is None
