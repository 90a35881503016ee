"""Each step of a bag's chain as an HL7 FHIR R4 Task.

One Task per step (registered, collected, intake, outbound): the step's own
``urn:uuid`` is the Task's first identifier, which the outbox uses for its
conditional create; the bag's ``urn:uuid`` and its short label code follow,
so the platform can gather a bag's chain. Category and weight are inputs;
the person handing over is the requester, the person receiving the owner;
the place is the location. A typed weight is flagged as an input of its own.

Builds plain dicts only; sending is ``app.sync``'s work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.waste.categories import Category
from app.waste.people import Person
from app.waste.weighing import Weight

SYSTEM_BASE = "https://careloop.example/fhir"
BAG_CODE_SYSTEM = f"{SYSTEM_BASE}/sid/waste-bag-code"
STAFF_SYSTEM = f"{SYSTEM_BASE}/sid/staff-number"
STEP_SYSTEM = f"{SYSTEM_BASE}/CodeSystem/waste-step"
INPUT_SYSTEM = f"{SYSTEM_BASE}/CodeSystem/waste-task-input"
CATEGORY_SYSTEM = f"{SYSTEM_BASE}/CodeSystem/medical-waste-category"
UCUM = "http://unitsofmeasure.org"


@dataclass(frozen=True)
class StepFacts:
    """Everything a Task for one step says."""

    step_identifier: str
    step: str  # registered, collected, intake, outbound
    bag_identifier: str
    bag_code: str
    category: Category
    at: datetime
    requester: Person | str  # str for people outside the staff directory
    owner: Person | str
    location: str
    weight: Weight | None
    extra_inputs: tuple[tuple[str, str], ...] = ()


def _instant(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _reference(person: Person | str) -> dict[str, Any]:
    if isinstance(person, str):
        return {"display": person}
    return {
        "identifier": {"system": STAFF_SYSTEM, "value": person.staff_number},
        "display": person.name,
    }


def _input(code: str, **value: Any) -> dict[str, Any]:
    return {"type": {"coding": [{"system": INPUT_SYSTEM, "code": code}]}, **value}


def _weight_inputs(weight: Weight) -> list[dict[str, Any]]:
    kilograms = Decimal(weight.grams) / 1000
    inputs = [
        _input(
            "weight",
            valueQuantity={
                "value": float(kilograms),
                "unit": "kg",
                "system": UCUM,
                "code": "kg",
            },
        ),
        _input("weight-source", valueString=weight.source.value),
    ]
    if weight.override_by is not None:
        inputs.append(
            _input("override-by", valueReference=_reference(weight.override_by))
        )
        inputs.append(_input("override-reason", valueString=weight.reason))
    return inputs


def waste_task(facts: StepFacts) -> dict[str, Any]:
    """The FHIR R4 Task for one step of a bag's chain."""
    category = facts.category
    inputs = [
        _input(
            "category",
            valueCodeableConcept={
                "coding": [
                    {
                        "system": CATEGORY_SYSTEM,
                        "code": category.value,
                        "display": category.chinese_name,
                    }
                ],
                "text": category.facts.waste_code,
            },
        )
    ]
    if facts.weight is not None:
        inputs.extend(_weight_inputs(facts.weight))
    inputs.extend(_input(code, valueString=text) for code, text in facts.extra_inputs)
    at = _instant(facts.at)
    return {
        "resourceType": "Task",
        "identifier": [
            {"system": "urn:ietf:rfc:3986", "value": facts.step_identifier},
            {"system": "urn:ietf:rfc:3986", "value": facts.bag_identifier},
            {"system": BAG_CODE_SYSTEM, "value": facts.bag_code},
        ],
        "status": "completed",
        "intent": "order",
        "code": {"coding": [{"system": STEP_SYSTEM, "code": facts.step}]},
        "authoredOn": at,
        "lastModified": at,
        "executionPeriod": {"start": at, "end": at},
        "requester": _reference(facts.requester),
        "owner": _reference(facts.owner),
        "location": {"display": facts.location},
        "input": inputs,
    }
