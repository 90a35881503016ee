"""Our records <-> FHIR R4 resources, both ways, as DESIGN.md's table says.

Records here are plain frozen dataclasses, one per thing the ward talks
about; `app.sync.local` fills them from and writes them to the store's
tables. Every resource the station creates carries its ``urn:uuid``
identifier (system ``urn:ietf:rfc:3986``). Numbers are `Decimal` end to end.
References between records the station made are logical (by identifier), so
a record never waits on another record's server id.

This module does no I/O and knows no SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

URN = "urn:ietf:rfc:3986"
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
MDC = "urn:iso:std:iso:11073:10101"
ATC = "http://www.whocc.no/atc"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ENCOUNTER_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PROVENANCE_ROLE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"

# The hospital's own identifier systems. A station takes those in `Systems`
# from its configuration ([platform]); these are the defaults, which keep
# the demo and the tests self-contained.
HOSPITAL_NUMBER = "urn:careloop:sid:hospital-number"
STAFF_NUMBER = "urn:careloop:sid:staff-number"
DEVICE_SERIAL = "urn:careloop:sid:device-serial"
BAG_CODE = "urn:careloop:sid:waste-bag"
PRESCRIPTION_GROUP = "urn:careloop:sid:prescription"
ROLE_CODES = "urn:careloop:cs:staff-role"
DEVICE_KINDS = "urn:careloop:cs:device-kind"
TASK_CODES = "urn:careloop:cs:task"
WASTE_CATEGORIES = "urn:careloop:cs:waste-category"
WASTE_INPUTS = "urn:careloop:cs:waste-input"
LOCATIONS = "urn:careloop:sid:location"


@dataclass(frozen=True)
class Systems:
    """The hospital's systems for what the station pulls (station configuration)."""

    hospital_number: str = HOSPITAL_NUMBER
    staff_number: str = STAFF_NUMBER
    device_kind: str = DEVICE_KINDS
    role: str = ROLE_CODES

    def localise(self, resource: Any) -> Any:
        """An outgoing resource with our default systems replaced by these.

        Features build records with the default systems when they write them,
        long before a push; the hospital's own systems are put in at the one
        place every record leaves the station, so what goes out names people,
        patients and devices the way the platform knows them.
        """
        renames = {
            default: configured
            for default, configured in (
                (HOSPITAL_NUMBER, self.hospital_number),
                (STAFF_NUMBER, self.staff_number),
                (DEVICE_KINDS, self.device_kind),
                (ROLE_CODES, self.role),
            )
            if default != configured
        }
        return _renamed_systems(resource, renames) if renames else resource


def _renamed_systems(value: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {
            key: renames.get(item, item)
            if key == "system" and isinstance(item, str)
            else _renamed_systems(item, renames)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_renamed_systems(item, renames) for item in value]
    return value


DEFAULT_SYSTEMS = Systems()

HAEMODIALYSIS = "302497006"  # SNOMED CT: haemodialysis (procedure)
BP_PANEL, SYSTOLIC, DIASTOLIC = "85354-9", "8480-6", "8462-4"
HEART_RATE, BODY_WEIGHT = "8867-4", "29463-7"
MODALITY = "MDC_HDIALY_MACH_TX_MODALITY"
HEPARIN_ATC = "B01AB01"
UF_MAX = "MDC_HDIALY_UF_RATE_SETTING"

Resource = dict[str, Any]


class MappingError(ValueError):
    """A resource lacks what its record needs; the message names the field."""


# ---- small shared pieces ----


def urn_identifier(identifier: str) -> dict[str, str]:
    return {"system": URN, "value": identifier}


def derived_identifier(identifier: str, part: str) -> str:
    """A stable second identifier for a record that becomes two resources."""
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(identifier[9:]), part)}"


def if_none_exist(identifier: str) -> str:
    return f"identifier={URN}|{identifier}"


def instant(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise MappingError(f"time without a time zone: {moment.isoformat()}")
    return moment.isoformat()


def parse_instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise MappingError(f"time without a time zone: {text}")
    return moment


def coding(system: str, code: str, display: str | None = None) -> Resource:
    found: Resource = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(system: str, code: str, display: str | None = None) -> Resource:
    return {"coding": [coding(system, code, display)]}


def quantity(value: Decimal, unit: str) -> Resource:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def by_identifier(system: str, value: str, display: str | None = None) -> Resource:
    ref: Resource = {"identifier": {"system": system, "value": value}}
    if display:
        ref["display"] = display
    return ref


def literal(resource_type: str, fhir_id: str) -> Resource:
    return {"reference": f"{resource_type}/{fhir_id}"}


def reference_id(ref: Mapping[str, Any] | None, resource_type: str) -> str | None:
    """``Patient/abc`` (relative or absolute, with or without history) -> ``abc``."""
    if not ref or "reference" not in ref:
        return None
    parts = str(ref["reference"]).split("/")
    if "_history" in parts:
        parts = parts[: parts.index("_history")]
    if len(parts) < 2 or parts[-2] != resource_type:
        return None
    return parts[-1]


def identifier_value(resource: Mapping[str, Any], system: str) -> str | None:
    for found in resource.get("identifier") or []:
        if found.get("system") == system:
            return str(found.get("value"))
    return None


def first_code(value: Mapping[str, Any] | None, system: str) -> str | None:
    for found in (value or {}).get("coding") or []:
        if found.get("system") == system:
            return str(found.get("code"))
    return None


def _version(resource: Mapping[str, Any]) -> str | None:
    meta = resource.get("meta") or {}
    return str(meta["versionId"]) if meta.get("versionId") is not None else None


version_of = _version


def _require(value: Any, what: str) -> Any:
    if value is None or value == "":
        raise MappingError(f"missing {what}")
    return value


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value)
    if isinstance(value, float):
        # A float here came through a parser that was not ours; its shortest
        # repr is the number the sender wrote.
        return Decimal(repr(value))
    raise MappingError(f"{what} is not a number: {value!r}")


def _name_text(resource: Mapping[str, Any]) -> str:
    names = resource.get("name") or []
    if not names:
        raise MappingError("missing name")
    name = names[0]
    if name.get("text"):
        return str(name["text"])
    return str(name.get("family", "")) + "".join(name.get("given") or [])


# ---- pulled from the platform ----


@dataclass(frozen=True)
class PatientRecord:
    hospital_number: str
    name: str
    birth_date: str | None = None
    sex: str | None = None  # FHIR administrative gender
    fhir_id: str | None = None
    fhir_version: str | None = None


def patient_to_fhir(
    patient: PatientRecord, systems: Systems = DEFAULT_SYSTEMS
) -> Resource:
    resource: Resource = {
        "resourceType": "Patient",
        "identifier": [
            {"system": systems.hospital_number, "value": patient.hospital_number}
        ],
        "name": [{"text": patient.name}],
    }
    if patient.birth_date:
        resource["birthDate"] = patient.birth_date
    if patient.sex:
        resource["gender"] = patient.sex
    return resource


def patient_from_fhir(
    resource: Mapping[str, Any], systems: Systems = DEFAULT_SYSTEMS
) -> PatientRecord:
    return PatientRecord(
        hospital_number=_require(
            identifier_value(resource, systems.hospital_number), "hospital number"
        ),
        name=_name_text(resource),
        birth_date=resource.get("birthDate"),
        sex=resource.get("gender"),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
    )


@dataclass(frozen=True)
class StaffRecord:
    staff_number: str
    name: str
    active: bool = True
    fhir_id: str | None = None
    fhir_version: str | None = None


def practitioner_to_fhir(
    staff: StaffRecord, systems: Systems = DEFAULT_SYSTEMS
) -> Resource:
    return {
        "resourceType": "Practitioner",
        "identifier": [{"system": systems.staff_number, "value": staff.staff_number}],
        "active": staff.active,
        "name": [{"text": staff.name}],
    }


def practitioner_from_fhir(
    resource: Mapping[str, Any], systems: Systems = DEFAULT_SYSTEMS
) -> StaffRecord:
    return StaffRecord(
        staff_number=_require(
            identifier_value(resource, systems.staff_number), "staff number"
        ),
        name=_name_text(resource),
        active=bool(resource.get("active", True)),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
    )


@dataclass(frozen=True)
class StaffRoleRecord:
    practitioner_fhir_id: str
    role: str  # an app.identity.roles.Role value: nurse, charge-nurse, porter, …
    staff_number: str | None = None
    fhir_id: str | None = None
    fhir_version: str | None = None


def practitioner_role_to_fhir(
    role: StaffRoleRecord, systems: Systems = DEFAULT_SYSTEMS
) -> Resource:
    resource: Resource = {
        "resourceType": "PractitionerRole",
        "active": True,
        "practitioner": literal("Practitioner", role.practitioner_fhir_id),
        "code": [concept(systems.role, role.role)],
    }
    if role.staff_number:
        resource["identifier"] = [
            {"system": systems.staff_number, "value": role.staff_number}
        ]
    return resource


def practitioner_role_from_fhir(
    resource: Mapping[str, Any], systems: Systems = DEFAULT_SYSTEMS
) -> StaffRoleRecord:
    codes = resource.get("code") or [{}]
    return StaffRoleRecord(
        practitioner_fhir_id=_require(
            reference_id(resource.get("practitioner"), "Practitioner"), "practitioner"
        ),
        role=_require(first_code(codes[0], systems.role), "role code"),
        staff_number=identifier_value(resource, systems.staff_number),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
    )


@dataclass(frozen=True)
class DeviceRecord:
    kind: str  # dialysis, scale, printer
    serial_number: str
    model: str = ""
    manufacturer: str = ""
    fhir_id: str | None = None
    fhir_version: str | None = None


def device_to_fhir(
    device: DeviceRecord, systems: Systems = DEFAULT_SYSTEMS
) -> Resource:
    resource: Resource = {
        "resourceType": "Device",
        "identifier": [{"system": DEVICE_SERIAL, "value": device.serial_number}],
        "status": "active",
        "serialNumber": device.serial_number,
        "type": concept(systems.device_kind, device.kind),
    }
    if device.model:
        resource["modelNumber"] = device.model
    if device.manufacturer:
        resource["manufacturer"] = device.manufacturer
    return resource


def device_from_fhir(
    resource: Mapping[str, Any], systems: Systems = DEFAULT_SYSTEMS
) -> DeviceRecord:
    serial = resource.get("serialNumber") or identifier_value(resource, DEVICE_SERIAL)
    return DeviceRecord(
        kind=_require(
            first_code(resource.get("type"), systems.device_kind), "device kind"
        ),
        serial_number=_require(serial, "serial number"),
        model=resource.get("modelNumber", ""),
        manufacturer=resource.get("manufacturer", ""),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
    )


@dataclass(frozen=True)
class PrescriptionRecord:
    """A dialysis order: machine settings as DeviceRequest parameters."""

    patient_fhir_id: str
    settings: Mapping[str, Decimal]  # vocabulary code -> value
    units: Mapping[str, str]  # vocabulary code -> UCUM unit
    modality: str = "HD"  # "" when the platform sent a modality we cannot read
    status: str = "active"
    authored_at: datetime | None = None
    group: str | None = None  # shared with its anticoagulant order
    fhir_id: str | None = None
    fhir_version: str | None = None
    # Parameters that are not an 11073 quantity: (name, value type), e.g.
    # ("MDC_HDIALY_UF_RATE_SETTING", "valueRange") or ("http://x|y", "valueBoolean").
    # Kept so the station can refuse or report them, never drop them unseen.
    unread: tuple[tuple[str, str], ...] = ()


def device_request_to_fhir(order: PrescriptionRecord) -> Resource:
    parameters: list[Resource] = [
        {
            "code": concept(MDC, MODALITY),
            "valueCodeableConcept": {"text": order.modality},
        }
    ]
    for code in sorted(order.settings):
        parameters.append(
            {
                "code": concept(MDC, code),
                "valueQuantity": quantity(order.settings[code], order.units[code]),
            }
        )
    resource: Resource = {
        "resourceType": "DeviceRequest",
        "status": order.status,
        "intent": "order",
        "codeCodeableConcept": concept(SNOMED, HAEMODIALYSIS, "Haemodialysis"),
        "subject": literal("Patient", order.patient_fhir_id),
        "parameter": parameters,
    }
    if order.authored_at is not None:
        resource["authoredOn"] = instant(order.authored_at)
    if order.group:
        resource["groupIdentifier"] = {
            "system": PRESCRIPTION_GROUP,
            "value": order.group,
        }
    return resource


def device_request_from_fhir(resource: Mapping[str, Any]) -> PrescriptionRecord:
    settings: dict[str, Decimal] = {}
    units: dict[str, str] = {}
    unread: list[tuple[str, str]] = []
    modality = "HD"
    for parameter in resource.get("parameter") or []:
        code = first_code(parameter.get("code"), MDC)
        if code == MODALITY:
            modality = _modality_text(parameter.get("valueCodeableConcept"))
        elif code is not None and _exact_quantity(parameter.get("valueQuantity")):
            value = parameter["valueQuantity"]
            settings[code] = _decimal(value.get("value"), code)
            units[code] = str(value.get("code") or value.get("unit") or "")
        else:
            unread.append((code or _parameter_name(parameter), _value_type(parameter)))
    authored = resource.get("authoredOn")
    group = resource.get("groupIdentifier") or {}
    return PrescriptionRecord(
        patient_fhir_id=_require(
            reference_id(resource.get("subject"), "Patient"), "subject"
        ),
        settings=settings,
        units=units,
        modality=modality,
        status=resource.get("status", "active"),
        authored_at=parse_instant(authored) if authored else None,
        group=group.get("value"),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
        unread=tuple(unread),
    )


def _modality_text(value: Mapping[str, Any] | None) -> str:
    """The modality's text, else its first coding's display or code, else ""."""
    value = value or {}
    if value.get("text"):
        return str(value["text"])
    for found in value.get("coding") or []:
        if found.get("display") or found.get("code"):
            return str(found.get("display") or found.get("code"))
    return ""


def _parameter_name(parameter: Mapping[str, Any]) -> str:
    codings = (parameter.get("code") or {}).get("coding") or []
    if codings:
        return f"{codings[0].get('system', '')}|{codings[0].get('code', '')}"
    return str((parameter.get("code") or {}).get("text") or "(no code)")


def _exact_quantity(value: Mapping[str, Any] | None) -> bool:
    """A quantity that is one value: a comparator (< 300) makes it a bound."""
    return isinstance(value, Mapping) and not value.get("comparator")


def _value_type(parameter: Mapping[str, Any]) -> str:
    kinds = [key for key in parameter if key.startswith("value")]
    if not kinds:
        return "no value"
    comparator = (parameter.get("valueQuantity") or {}).get("comparator")
    return f"{kinds[0]} {comparator}" if comparator else kinds[0]


@dataclass(frozen=True)
class AnticoagulationRecord:
    """The heparin order that goes with a dialysis prescription."""

    patient_fhir_id: str
    device_request_fhir_id: str
    drug: str = "heparin"
    # As ordered, in bolus_unit / rate_unit (ours: [iU] and [iU]/h); the
    # station converts or refuses them (`app.sync.units`).
    bolus_iu: Decimal | None = None
    rate_iu_h: Decimal | None = None
    status: str = "active"
    group: str | None = None
    fhir_id: str | None = None
    fhir_version: str | None = None
    bolus_unit: str = "[iU]"
    rate_unit: str = "[iU]/h"
    # Dose forms we do not read (rateRatio, rateRange, doseRange), by name.
    unread: tuple[str, ...] = ()


def medication_request_to_fhir(order: AnticoagulationRecord) -> Resource:
    dose: Resource = {}
    if order.bolus_iu is not None:
        dose["doseQuantity"] = quantity(order.bolus_iu, order.bolus_unit)
    if order.rate_iu_h is not None:
        dose["rateQuantity"] = quantity(order.rate_iu_h, order.rate_unit)
    resource: Resource = {
        "resourceType": "MedicationRequest",
        "status": order.status,
        "intent": "order",
        "medicationCodeableConcept": {
            "coding": [coding(ATC, HEPARIN_ATC, "heparin")],
            "text": order.drug,
        },
        "subject": literal("Patient", order.patient_fhir_id),
        # The DeviceRequest this anticoagulation belongs to.
        "supportingInformation": [
            literal("DeviceRequest", order.device_request_fhir_id)
        ],
        "dosageInstruction": [{"text": order.drug, "doseAndRate": [dose]}]
        if dose
        else [],
    }
    if not resource["dosageInstruction"]:
        del resource["dosageInstruction"]
    if order.group:
        resource["groupIdentifier"] = {
            "system": PRESCRIPTION_GROUP,
            "value": order.group,
        }
    return resource


def medication_request_from_fhir(resource: Mapping[str, Any]) -> AnticoagulationRecord:
    device_request = None
    for ref in resource.get("supportingInformation") or []:
        device_request = device_request or reference_id(ref, "DeviceRequest")
    doses = ((resource.get("dosageInstruction") or [{}])[0].get("doseAndRate")) or [{}]
    bolus = doses[0].get("doseQuantity")
    rate = doses[0].get("rateQuantity")
    unread = tuple(
        sorted(
            key
            for dose in doses
            for key in dose
            if key.startswith(("dose", "rate"))
            and key not in ("doseQuantity", "rateQuantity")
        )
    ) + tuple(
        f"{key} {quantity['comparator']}"
        for key, quantity in (("doseQuantity", bolus), ("rateQuantity", rate))
        if quantity and quantity.get("comparator")
    )
    group = resource.get("groupIdentifier") or {}
    return AnticoagulationRecord(
        patient_fhir_id=_require(
            reference_id(resource.get("subject"), "Patient"), "subject"
        ),
        device_request_fhir_id=_require(
            device_request, "the DeviceRequest it supports"
        ),
        drug=str(
            (resource.get("medicationCodeableConcept") or {}).get("text", "heparin")
        ),
        bolus_iu=_decimal(bolus["value"], "bolus") if bolus else None,
        rate_iu_h=_decimal(rate["value"], "rate") if rate else None,
        status=resource.get("status", "active"),
        group=group.get("value"),
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
        bolus_unit=_unit(bolus, "[iU]"),
        rate_unit=_unit(rate, "[iU]/h"),
        unread=unread,
    )


def _unit(value: Mapping[str, Any] | None, absent: str) -> str:
    """The quantity's UCUM code or unit text; "" when a quantity has none."""
    if not value:
        return absent
    return str(value.get("code") or value.get("unit") or "")


@dataclass(frozen=True)
class LabRecord:
    patient_fhir_id: str
    code: str
    code_system: str
    value: Decimal | None
    unit: str | None
    effective_at: datetime | None
    fhir_id: str | None = None
    fhir_version: str | None = None


def lab_to_fhir(lab: LabRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [concept(OBS_CATEGORY, "laboratory")],
        "code": concept(lab.code_system, lab.code),
        "subject": literal("Patient", lab.patient_fhir_id),
    }
    if lab.value is not None:
        resource["valueQuantity"] = (
            quantity(lab.value, lab.unit) if lab.unit else {"value": lab.value}
        )
    if lab.effective_at is not None:
        resource["effectiveDateTime"] = instant(lab.effective_at)
    return resource


def lab_from_fhir(resource: Mapping[str, Any]) -> LabRecord:
    codings = (resource.get("code") or {}).get("coding") or [{}]
    value = resource.get("valueQuantity")
    effective = resource.get("effectiveDateTime")
    return LabRecord(
        patient_fhir_id=_require(
            reference_id(resource.get("subject"), "Patient"), "subject"
        ),
        code=_require(codings[0].get("code"), "code"),
        code_system=str(codings[0].get("system", "")),
        value=_decimal(value["value"], "value") if value else None,
        unit=(value.get("code") or value.get("unit") or None) if value else None,
        effective_at=parse_instant(effective) if effective else None,
        fhir_id=resource.get("id"),
        fhir_version=_version(resource),
    )


# ---- made at the station ----


@dataclass(frozen=True)
class ReadingRecord:
    """A machine reading (IEEE 11073), a vital sign or a weight (LOINC)."""

    identifier: str
    code: str
    code_system: str  # MDC or LOINC
    value: Decimal
    unit: str  # UCUM
    measured_at: datetime
    category: str = "procedure"  # procedure (machine) or vital-signs
    patient_fhir_id: str | None = None
    session_identifier: str | None = None
    device_serial: str | None = None


def reading_to_fhir(reading: ReadingRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Observation",
        "identifier": [urn_identifier(reading.identifier)],
        "status": "final",
        "category": [concept(OBS_CATEGORY, reading.category)],
        "code": concept(reading.code_system, reading.code),
        "effectiveDateTime": instant(reading.measured_at),
        "valueQuantity": quantity(reading.value, reading.unit),
    }
    _add_context(resource, reading.patient_fhir_id, reading.session_identifier)
    if reading.device_serial:
        resource["device"] = by_identifier(DEVICE_SERIAL, reading.device_serial)
    return resource


def _add_context(
    resource: Resource, patient_fhir_id: str | None, session_identifier: str | None
) -> None:
    if patient_fhir_id:
        resource["subject"] = literal("Patient", patient_fhir_id)
    if session_identifier:
        resource["encounter"] = by_identifier(URN, session_identifier)


def _context(resource: Mapping[str, Any]) -> tuple[str | None, str | None]:
    encounter = (resource.get("encounter") or {}).get("identifier") or {}
    return reference_id(resource.get("subject"), "Patient"), encounter.get("value")


def reading_from_fhir(resource: Mapping[str, Any]) -> ReadingRecord:
    codings = (resource.get("code") or {}).get("coding") or [{}]
    value = _require(resource.get("valueQuantity"), "valueQuantity")
    patient, session = _context(resource)
    device = (resource.get("device") or {}).get("identifier") or {}
    categories = resource.get("category") or [{}]
    return ReadingRecord(
        identifier=_require(identifier_value(resource, URN), "our identifier"),
        code=_require(codings[0].get("code"), "code"),
        code_system=str(codings[0].get("system", "")),
        value=_decimal(value.get("value"), "value"),
        unit=str(value.get("code") or value.get("unit")),
        measured_at=parse_instant(_require(resource.get("effectiveDateTime"), "time")),
        category=first_code(categories[0], OBS_CATEGORY) or "procedure",
        patient_fhir_id=patient,
        session_identifier=session,
        device_serial=device.get("value"),
    )


@dataclass(frozen=True)
class BloodPressureRecord:
    identifier: str
    systolic: Decimal
    diastolic: Decimal
    measured_at: datetime
    patient_fhir_id: str | None = None
    session_identifier: str | None = None


def blood_pressure_to_fhir(reading: BloodPressureRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Observation",
        "identifier": [urn_identifier(reading.identifier)],
        "status": "final",
        "category": [concept(OBS_CATEGORY, "vital-signs")],
        "code": concept(LOINC, BP_PANEL, "Blood pressure panel"),
        "effectiveDateTime": instant(reading.measured_at),
        "component": [
            {
                "code": concept(LOINC, SYSTOLIC, "Systolic blood pressure"),
                "valueQuantity": quantity(reading.systolic, "mm[Hg]"),
            },
            {
                "code": concept(LOINC, DIASTOLIC, "Diastolic blood pressure"),
                "valueQuantity": quantity(reading.diastolic, "mm[Hg]"),
            },
        ],
    }
    _add_context(resource, reading.patient_fhir_id, reading.session_identifier)
    return resource


def blood_pressure_from_fhir(resource: Mapping[str, Any]) -> BloodPressureRecord:
    values: dict[str, Decimal] = {}
    for component in resource.get("component") or []:
        code = first_code(component.get("code"), LOINC)
        if code in (SYSTOLIC, DIASTOLIC):
            values[code] = _decimal(component["valueQuantity"]["value"], code)
    patient, session = _context(resource)
    return BloodPressureRecord(
        identifier=_require(identifier_value(resource, URN), "our identifier"),
        systolic=_require(values.get(SYSTOLIC), "systolic"),
        diastolic=_require(values.get(DIASTOLIC), "diastolic"),
        measured_at=parse_instant(_require(resource.get("effectiveDateTime"), "time")),
        patient_fhir_id=patient,
        session_identifier=session,
    )


@dataclass(frozen=True)
class TreatmentRecord:
    """A dialysis session: an Encounter, and a Procedure for the dialysis."""

    identifier: str
    patient_fhir_id: str
    status: str  # planned, in-progress, finished, cancelled
    started_at: datetime | None = None
    ended_at: datetime | None = None
    prescription_fhir_id: str | None = None
    bed: str | None = None


_PROCEDURE_STATUS = {
    "planned": "preparation",
    "in-progress": "in-progress",
    "finished": "completed",
    "cancelled": "stopped",
}


def _period(started_at: datetime | None, ended_at: datetime | None) -> Resource:
    period: Resource = {}
    if started_at is not None:
        period["start"] = instant(started_at)
    if ended_at is not None:
        period["end"] = instant(ended_at)
    return period


def encounter_to_fhir(treatment: TreatmentRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Encounter",
        "identifier": [urn_identifier(treatment.identifier)],
        "status": treatment.status,
        "class": coding(ENCOUNTER_CLASS, "AMB", "ambulatory"),
        "type": [concept(SNOMED, HAEMODIALYSIS, "Haemodialysis")],
        "subject": literal("Patient", treatment.patient_fhir_id),
    }
    period = _period(treatment.started_at, treatment.ended_at)
    if period:
        resource["period"] = period
    if treatment.bed:
        resource["location"] = [
            {"location": by_identifier(LOCATIONS, treatment.bed, treatment.bed)}
        ]
    return resource


def procedure_to_fhir(treatment: TreatmentRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Procedure",
        "identifier": [
            urn_identifier(derived_identifier(treatment.identifier, "procedure"))
        ],
        "status": _PROCEDURE_STATUS[treatment.status],
        "code": concept(SNOMED, HAEMODIALYSIS, "Haemodialysis"),
        "subject": literal("Patient", treatment.patient_fhir_id),
        "encounter": by_identifier(URN, treatment.identifier),
    }
    period = _period(treatment.started_at, treatment.ended_at)
    if period:
        resource["performedPeriod"] = period
    if treatment.prescription_fhir_id:
        resource["basedOn"] = [literal("DeviceRequest", treatment.prescription_fhir_id)]
    return resource


def treatment_to_fhir(treatment: TreatmentRecord) -> list[Resource]:
    return [encounter_to_fhir(treatment), procedure_to_fhir(treatment)]


def treatment_from_fhir(
    encounter: Mapping[str, Any], procedure: Mapping[str, Any]
) -> TreatmentRecord:
    period = encounter.get("period") or {}
    locations = encounter.get("location") or []
    bed = None
    if locations:
        bed = ((locations[0].get("location") or {}).get("identifier") or {}).get(
            "value"
        )
    prescription = None
    for ref in procedure.get("basedOn") or []:
        prescription = prescription or reference_id(ref, "DeviceRequest")
    return TreatmentRecord(
        identifier=_require(identifier_value(encounter, URN), "our identifier"),
        patient_fhir_id=_require(
            reference_id(encounter.get("subject"), "Patient"), "subject"
        ),
        status=encounter["status"],
        started_at=parse_instant(period["start"]) if "start" in period else None,
        ended_at=parse_instant(period["end"]) if "end" in period else None,
        prescription_fhir_id=prescription,
        bed=bed,
    )


@dataclass(frozen=True)
class StaffRef:
    """A person named in a record: staff number always, platform id if known."""

    staff_number: str
    name: str = ""
    fhir_id: str | None = None


def staff_reference(person: StaffRef) -> Resource:
    ref: Resource = by_identifier(
        STAFF_NUMBER, person.staff_number, person.name or None
    )
    if person.fhir_id:
        ref["reference"] = f"Practitioner/{person.fhir_id}"
    return ref


def staff_from_reference(ref: Mapping[str, Any]) -> StaffRef:
    identifier = ref.get("identifier") or {}
    return StaffRef(
        staff_number=_require(identifier.get("value"), "staff number"),
        name=ref.get("display", ""),
        fhir_id=reference_id(ref, "Practitioner"),
    )


@dataclass(frozen=True)
class ConfirmationRecord:
    """Two nurses checked a prescription: a Task and a Provenance."""

    identifier: str
    prescription_fhir_id: str
    patient_fhir_id: str
    first_nurse: StaffRef
    second_nurse: StaffRef
    confirmed_at: datetime
    status: str = "completed"  # completed (confirmed) or rejected
    note: str = ""


def provenance_id(identifier: str) -> str:
    return derived_identifier(identifier, "provenance")[9:]


def confirmation_task_to_fhir(confirmation: ConfirmationRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Task",
        "identifier": [urn_identifier(confirmation.identifier)],
        "status": confirmation.status,
        "intent": "order",
        "code": concept(TASK_CODES, "prescription-check"),
        "focus": literal("DeviceRequest", confirmation.prescription_fhir_id),
        "for": literal("Patient", confirmation.patient_fhir_id),
        "authoredOn": instant(confirmation.confirmed_at),
        "lastModified": instant(confirmation.confirmed_at),
        "requester": staff_reference(confirmation.first_nurse),
        "owner": staff_reference(confirmation.second_nurse),
    }
    if confirmation.note:
        resource["note"] = [{"text": confirmation.note}]
    return resource


def confirmation_provenance_to_fhir(confirmation: ConfirmationRecord) -> Resource:
    def agent(role: str, person: StaffRef) -> Resource:
        return {"type": concept(PROVENANCE_ROLE, role), "who": staff_reference(person)}

    return {
        "resourceType": "Provenance",
        # Provenance has no identifier element: it is sent with a client id
        # made from ours (create-or-replace by PUT), so a resend makes no twin.
        "id": provenance_id(confirmation.identifier),
        "target": [by_identifier(URN, confirmation.identifier)],
        "recorded": instant(confirmation.confirmed_at),
        "agent": [
            agent("author", confirmation.first_nurse),
            agent("verifier", confirmation.second_nurse),
        ],
    }


@dataclass(frozen=True)
class ProvenanceRecord:
    """What a confirmation's Provenance says: which record, when, by whom."""

    target_identifier: str  # the confirmation's urn:uuid
    recorded_at: datetime
    author: StaffRef  # the first nurse
    verifier: StaffRef  # the second nurse


def confirmation_provenance_from_fhir(resource: Mapping[str, Any]) -> ProvenanceRecord:
    agents: dict[str, StaffRef] = {}
    for agent in resource.get("agent") or []:
        role = first_code(agent.get("type"), PROVENANCE_ROLE)
        if role is not None:
            agents[role] = staff_from_reference(agent.get("who") or {})
    targets = resource.get("target") or [{}]
    target = (targets[0].get("identifier") or {}).get("value")
    return ProvenanceRecord(
        target_identifier=_require(target, "target identifier"),
        recorded_at=parse_instant(_require(resource.get("recorded"), "recorded")),
        author=_require(agents.get("author"), "author"),
        verifier=_require(agents.get("verifier"), "verifier"),
    )


def confirmation_to_fhir(confirmation: ConfirmationRecord) -> list[Resource]:
    return [
        confirmation_task_to_fhir(confirmation),
        confirmation_provenance_to_fhir(confirmation),
    ]


def confirmation_from_fhir(task: Mapping[str, Any]) -> ConfirmationRecord:
    notes = task.get("note") or []
    return ConfirmationRecord(
        identifier=_require(identifier_value(task, URN), "our identifier"),
        prescription_fhir_id=_require(
            reference_id(task.get("focus"), "DeviceRequest"), "focus"
        ),
        patient_fhir_id=_require(reference_id(task.get("for"), "Patient"), "for"),
        first_nurse=staff_from_reference(task["requester"]),
        second_nurse=staff_from_reference(task["owner"]),
        confirmed_at=parse_instant(task["authoredOn"]),
        status=task["status"],
        note=notes[0]["text"] if notes else "",
    )


@dataclass(frozen=True)
class WasteHandoverRecord:
    """One step of a bag's chain: handover (ward), intake (storage), outbound."""

    identifier: str
    kind: str  # handover, intake, outbound
    bag_code: str
    category: str  # one of the five national categories
    weight_g: int | None
    giver: StaffRef  # requester: the person handing the bag over
    receiver: StaffRef  # owner: the person taking it
    location: str
    at: datetime
    status: str = "completed"
    inputs: Mapping[str, str] = field(default_factory=dict)  # extra notes, by name


def waste_task_to_fhir(step: WasteHandoverRecord) -> Resource:
    inputs: list[Resource] = [
        {
            "type": concept(WASTE_INPUTS, "category"),
            "valueCodeableConcept": concept(WASTE_CATEGORIES, step.category),
        }
    ]
    if step.weight_g is not None:
        inputs.append(
            {
                "type": concept(WASTE_INPUTS, "weight"),
                "valueQuantity": quantity(Decimal(step.weight_g), "g"),
            }
        )
    for name in sorted(step.inputs):
        inputs.append(
            {"type": concept(WASTE_INPUTS, name), "valueString": step.inputs[name]}
        )
    return {
        "resourceType": "Task",
        "identifier": [
            urn_identifier(step.identifier),
            {"system": BAG_CODE, "value": step.bag_code},
        ],
        "status": step.status,
        "intent": "order",
        "code": concept(TASK_CODES, f"waste-{step.kind}"),
        "authoredOn": instant(step.at),
        "executionPeriod": {"start": instant(step.at)},
        "requester": staff_reference(step.giver),
        "owner": staff_reference(step.receiver),
        "location": by_identifier(LOCATIONS, step.location, step.location),
        "input": inputs,
    }


def waste_task_from_fhir(task: Mapping[str, Any]) -> WasteHandoverRecord:
    category: str | None = None
    weight_g: int | None = None
    extra: dict[str, str] = {}
    for given in task.get("input") or []:
        name = first_code(given.get("type"), WASTE_INPUTS)
        if name == "category":
            category = first_code(given.get("valueCodeableConcept"), WASTE_CATEGORIES)
        elif name == "weight":
            weight_g = int(_decimal(given["valueQuantity"]["value"], "weight"))
        elif name is not None and "valueString" in given:
            extra[name] = given["valueString"]
    code = _require(first_code(task.get("code"), TASK_CODES), "task code")
    location = (task.get("location") or {}).get("identifier") or {}
    return WasteHandoverRecord(
        identifier=_require(identifier_value(task, URN), "our identifier"),
        kind=code.removeprefix("waste-"),
        bag_code=_require(identifier_value(task, BAG_CODE), "bag code"),
        category=_require(category, "category"),
        weight_g=weight_g,
        giver=staff_from_reference(task["requester"]),
        receiver=staff_from_reference(task["owner"]),
        location=str(location.get("value", "")),
        at=parse_instant(task["authoredOn"]),
        status=task["status"],
        inputs=extra,
    )


ALARM_PRIORITIES = "urn:careloop:cs:alarm-priority"


@dataclass(frozen=True)
class AlarmRecord:
    """A machine alarm as a Flag: active while raised, inactive once cleared."""

    identifier: str
    code: str  # the machine's alarm code (IEEE 11073 where it has one)
    priority: str  # high, medium, low
    text: str
    raised_at: datetime
    cleared_at: datetime | None = None
    patient_fhir_id: str | None = None
    session_identifier: str | None = None
    device_serial: str | None = None


def alarm_to_fhir(alarm: AlarmRecord) -> Resource:
    resource: Resource = {
        "resourceType": "Flag",
        "identifier": [urn_identifier(alarm.identifier)],
        "status": "inactive" if alarm.cleared_at is not None else "active",
        "category": [concept(ALARM_PRIORITIES, alarm.priority)],
        "code": {"coding": [coding(MDC, alarm.code)], "text": alarm.text},
        "period": _period(alarm.raised_at, alarm.cleared_at),
    }
    # A Flag must be about someone or something: the patient when known,
    # the machine otherwise.
    if alarm.patient_fhir_id:
        resource["subject"] = literal("Patient", alarm.patient_fhir_id)
    elif alarm.device_serial:
        resource["subject"] = by_identifier(DEVICE_SERIAL, alarm.device_serial)
    else:
        raise MappingError("an alarm needs a patient or a machine")
    if alarm.session_identifier:
        resource["encounter"] = by_identifier(URN, alarm.session_identifier)
    if alarm.patient_fhir_id and alarm.device_serial:
        resource["author"] = by_identifier(DEVICE_SERIAL, alarm.device_serial)
    return resource


def alarm_from_fhir(resource: Mapping[str, Any]) -> AlarmRecord:
    period = resource.get("period") or {}
    subject = resource.get("subject") or {}
    patient = reference_id(subject, "Patient")
    machine = resource.get("author") if patient else subject
    encounter = (resource.get("encounter") or {}).get("identifier") or {}
    categories = resource.get("category") or [{}]
    return AlarmRecord(
        identifier=_require(identifier_value(resource, URN), "our identifier"),
        code=_require(first_code(resource.get("code"), MDC), "alarm code"),
        priority=_require(first_code(categories[0], ALARM_PRIORITIES), "priority"),
        text=str((resource.get("code") or {}).get("text", "")),
        raised_at=parse_instant(_require(period.get("start"), "raised at")),
        cleared_at=parse_instant(period["end"]) if "end" in period else None,
        patient_fhir_id=patient,
        session_identifier=encounter.get("value"),
        device_serial=((machine or {}).get("identifier") or {}).get("value"),
    )
