"""Mapping to FHIR and back preserves every field (Hypothesis), through JSON text."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import jsonio
from app.sync import mapping

EXAMPLES = settings(max_examples=60, deadline=None)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
)
codes = st.from_regex(r"[A-Za-z0-9_\-]{1,24}", fullmatch=True)
fhir_ids = st.from_regex(r"[A-Za-z0-9\-]{1,40}", fullmatch=True)
identifiers = st.uuids().map(lambda value: f"urn:uuid:{value}")
decimals = st.decimals(
    min_value=Decimal("-100000"), max_value=Decimal("100000"), places=3, allow_nan=False
)
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]
)
moments = st.builds(
    lambda when, zone: when.replace(tzinfo=UTC).astimezone(zone),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    zones,
)
units = st.sampled_from(
    ["mL/min", "mm[Hg]", "mmol/L", "Cel", "kg", "%", "mS/cm", "[iU]"]
)
staff = st.builds(mapping.StaffRef, codes, text | st.just(""), st.none() | fhir_ids)


def _round_trip(
    to_fhir: Callable[[Any], Any], from_fhir: Callable[[Any], Any], record: Any
) -> Any:
    return from_fhir(jsonio.loads(jsonio.dumps(to_fhir(record))))


@EXAMPLES
@given(
    st.builds(
        mapping.ReadingRecord,
        identifier=identifiers,
        code=codes,
        code_system=st.sampled_from([mapping.MDC, mapping.LOINC]),
        value=decimals,
        unit=units,
        measured_at=moments,
        category=st.sampled_from(["procedure", "vital-signs"]),
        patient_fhir_id=st.none() | fhir_ids,
        session_identifier=st.none() | identifiers,
        device_serial=st.none() | codes,
    )
)
def test_readings(record: mapping.ReadingRecord) -> None:
    back = _round_trip(mapping.reading_to_fhir, mapping.reading_from_fhir, record)
    assert back == record
    assert str(back.value) == str(record.value), "digit for digit"


@EXAMPLES
@given(
    st.builds(
        mapping.BloodPressureRecord,
        identifiers,
        decimals,
        decimals,
        moments,
        st.none() | fhir_ids,
        st.none() | identifiers,
    )
)
def test_blood_pressure(record: mapping.BloodPressureRecord) -> None:
    assert (
        _round_trip(
            mapping.blood_pressure_to_fhir, mapping.blood_pressure_from_fhir, record
        )
        == record
    )


@EXAMPLES
@given(
    st.builds(
        mapping.TreatmentRecord,
        identifier=identifiers,
        patient_fhir_id=fhir_ids,
        status=st.sampled_from(["planned", "in-progress", "finished", "cancelled"]),
        started_at=st.none() | moments,
        ended_at=st.none() | moments,
        prescription_fhir_id=st.none() | fhir_ids,
        bed=st.none() | text,
    )
)
def test_treatments(record: mapping.TreatmentRecord) -> None:
    encounter, procedure = (
        jsonio.loads(jsonio.dumps(r)) for r in mapping.treatment_to_fhir(record)
    )
    assert mapping.treatment_from_fhir(encounter, procedure) == record
    assert procedure["code"]["coding"][0] == {
        "system": mapping.SNOMED,
        "code": "302497006",
        "display": "Haemodialysis",
    }


@EXAMPLES
@given(
    st.builds(
        mapping.ConfirmationRecord,
        identifiers,
        fhir_ids,
        fhir_ids,
        staff,
        staff,
        moments,
        st.sampled_from(["completed", "rejected"]),
        st.just("") | text,
    )
)
def test_confirmations(record: mapping.ConfirmationRecord) -> None:
    task, provenance = mapping.confirmation_to_fhir(record)
    assert mapping.confirmation_from_fhir(jsonio.loads(jsonio.dumps(task))) == record
    assert provenance["id"] == mapping.provenance_id(record.identifier)
    back = mapping.confirmation_provenance_from_fhir(
        jsonio.loads(jsonio.dumps(provenance))
    )
    assert back == mapping.ProvenanceRecord(
        record.identifier, record.confirmed_at, record.first_nurse, record.second_nurse
    )


alarm_priorities = st.sampled_from(["high", "medium", "low"])


@EXAMPLES
@given(
    st.builds(
        mapping.AlarmRecord,
        identifier=identifiers,
        code=codes,
        priority=alarm_priorities,
        text=text,
        raised_at=moments,
        cleared_at=st.none() | moments,
        patient_fhir_id=st.none() | fhir_ids,
        session_identifier=st.none() | identifiers,
        device_serial=codes,
    )
    | st.builds(
        mapping.AlarmRecord,
        identifier=identifiers,
        code=codes,
        priority=alarm_priorities,
        text=text,
        raised_at=moments,
        cleared_at=st.none() | moments,
        patient_fhir_id=fhir_ids,
        session_identifier=st.none() | identifiers,
        device_serial=st.none(),
    )
)
def test_alarms(record: mapping.AlarmRecord) -> None:
    back = _round_trip(mapping.alarm_to_fhir, mapping.alarm_from_fhir, record)
    assert back == record


@EXAMPLES
@given(
    st.builds(
        mapping.WasteHandoverRecord,
        identifier=identifiers,
        kind=st.sampled_from(["handover", "intake", "outbound"]),
        bag_code=codes,
        category=st.sampled_from(
            ["infectious", "pathological", "sharps", "pharmaceutical", "chemical"]
        ),
        weight_g=st.none() | st.integers(0, 200_000),
        giver=staff,
        receiver=staff,
        location=text,
        at=moments,
        status=st.sampled_from(["in-progress", "completed", "failed"]),
        inputs=st.dictionaries(
            codes.filter(lambda c: c not in ("category", "weight")), text, max_size=3
        ),
    )
)
def test_waste_steps(record: mapping.WasteHandoverRecord) -> None:
    assert (
        _round_trip(mapping.waste_task_to_fhir, mapping.waste_task_from_fhir, record)
        == record
    )


@EXAMPLES
@given(
    st.builds(
        mapping.PatientRecord,
        codes,
        text,
        st.none() | st.dates().map(str),
        st.none() | st.sampled_from(["male", "female", "other", "unknown"]),
    ),
    st.builds(mapping.StaffRecord, codes, text, st.booleans()),
    st.builds(mapping.StaffRoleRecord, fhir_ids, codes, st.none() | codes),
    st.builds(
        mapping.DeviceRecord,
        st.sampled_from(["dialysis", "scale"]),
        codes,
        st.just("") | codes,
        st.just("") | text,
    ),
)
def test_directory_records(
    patient: mapping.PatientRecord,
    staff_member: mapping.StaffRecord,
    role: mapping.StaffRoleRecord,
    device: mapping.DeviceRecord,
) -> None:
    assert (
        _round_trip(mapping.patient_to_fhir, mapping.patient_from_fhir, patient)
        == patient
    )
    assert (
        _round_trip(
            mapping.practitioner_to_fhir, mapping.practitioner_from_fhir, staff_member
        )
        == staff_member
    )
    assert (
        _round_trip(
            mapping.practitioner_role_to_fhir, mapping.practitioner_role_from_fhir, role
        )
        == role
    )
    assert (
        _round_trip(mapping.device_to_fhir, mapping.device_from_fhir, device) == device
    )


settings_codes = st.sampled_from(
    [
        "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING",
        "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING",
        "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE",
        "MDC_HDIALY_DIALYSATE_TEMP_SETTING",
    ]
)


@EXAMPLES
@given(
    st.dictionaries(settings_codes, st.tuples(decimals, units), min_size=1),
    fhir_ids,
    st.sampled_from(["HD", "HDF", "HF"]),
    st.none() | moments,
    st.none() | codes,
    st.none() | decimals,
    st.none() | decimals,
)
def test_prescriptions(
    chosen: dict[str, tuple[Decimal, str]],
    patient: str,
    modality: str,
    authored: datetime | None,
    group: str | None,
    bolus: Decimal | None,
    rate: Decimal | None,
) -> None:
    order = mapping.PrescriptionRecord(
        patient,
        {code: value for code, (value, _unit) in chosen.items()},
        {code: unit for code, (_value, unit) in chosen.items()},
        modality,
        authored_at=authored,
        group=group,
    )
    assert (
        _round_trip(
            mapping.device_request_to_fhir, mapping.device_request_from_fhir, order
        )
        == order
    )
    heparin = mapping.AnticoagulationRecord(
        patient, "dr-1", bolus_iu=bolus, rate_iu_h=rate, group=group
    )
    assert (
        _round_trip(
            mapping.medication_request_to_fhir,
            mapping.medication_request_from_fhir,
            heparin,
        )
        == heparin
    )


@EXAMPLES
@given(
    st.builds(
        mapping.LabRecord,
        fhir_ids,
        codes,
        st.sampled_from([mapping.LOINC, "urn:oid:1.2.3"]),
        st.none() | decimals,
        st.none() | units,
        st.none() | moments,
    )
)
def test_lab_results(record: mapping.LabRecord) -> None:
    back = _round_trip(mapping.lab_to_fhir, mapping.lab_from_fhir, record)
    expected = (
        record
        if record.value is not None
        else mapping.LabRecord(
            record.patient_fhir_id,
            record.code,
            record.code_system,
            None,
            None,
            record.effective_at,
        )
    )
    assert back == expected


def test_a_resource_without_what_the_record_needs_names_the_field() -> None:
    with pytest.raises(mapping.MappingError, match="hospital number"):
        mapping.patient_from_fhir({"resourceType": "Patient", "name": [{"text": "x"}]})
    with pytest.raises(mapping.MappingError, match="time zone"):
        mapping.instant(datetime(2026, 1, 1))


def test_every_resource_we_create_carries_our_identifier() -> None:
    identifier = f"urn:uuid:{uuid.uuid4()}"
    at = datetime(2026, 12, 3, tzinfo=UTC)
    person = mapping.StaffRef("N-1")
    made = [
        mapping.reading_to_fhir(
            mapping.ReadingRecord(identifier, "c", mapping.MDC, Decimal(1), "mL", at)
        ),
        mapping.blood_pressure_to_fhir(
            mapping.BloodPressureRecord(identifier, Decimal(1), Decimal(1), at)
        ),
        *mapping.treatment_to_fhir(mapping.TreatmentRecord(identifier, "p", "planned")),
        mapping.confirmation_task_to_fhir(
            mapping.ConfirmationRecord(identifier, "dr", "p", person, person, at)
        ),
        mapping.waste_task_to_fhir(
            mapping.WasteHandoverRecord(
                identifier, "handover", "B1", "sharps", 1, person, person, "ward", at
            )
        ),
    ]
    for resource in made:
        ours = [i for i in resource["identifier"] if i["system"] == mapping.URN]
        assert len(ours) == 1 and ours[0]["value"].startswith("urn:uuid:"), resource[
            "resourceType"
        ]
