"""Each step of a bag's chain as an HL7 FHIR R4 Task, through the sync mapping.

The Task itself is built by ``app.sync.mapping.waste_task_to_fhir`` (one
builder for the whole station); this module turns a waste step into that
mapping's record and adds what only the waste domain knows: the bag's own
``urn:uuid``, where the weight came from (a typed weight is flagged as an
input with the administrator and the reason), and the disposal company's
driver as the owner of an outbound step, who is not in the staff directory.

Builds plain dicts only; sending is ``app.sync``'s work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.sync import mapping
from app.waste.categories import Category
from app.waste.people import Person
from app.waste.weighing import Weight

BAG_IDENTIFIER_SYSTEM = "urn:careloop:sid:waste-bag-id"
DRIVER_SYSTEM = "urn:careloop:sid:disposal-driver"

# Our step names -> the mapping's Task kinds.
TASK_KINDS = {
    "registered": "registered",
    "collected": "handover",
    "intake": "intake",
    "outbound": "outbound",
}


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


def _staff(person: Person | str) -> mapping.StaffRef:
    if isinstance(person, Person):
        return mapping.StaffRef(person.staff_number, person.name)
    return mapping.StaffRef(person, person)


def _inputs(facts: StepFacts) -> dict[str, str]:
    inputs = dict(facts.extra_inputs)
    weight = facts.weight
    if weight is not None:
        inputs["weight-source"] = weight.source.value
        if weight.override_by is not None:
            inputs["override-by"] = weight.override_by.staff_number
            inputs["override-reason"] = weight.reason
    return inputs


def waste_task(facts: StepFacts) -> dict[str, Any]:
    """The FHIR R4 Task for one step of a bag's chain."""
    record = mapping.WasteHandoverRecord(
        identifier=facts.step_identifier,
        kind=TASK_KINDS[facts.step],
        bag_code=facts.bag_code,
        category=facts.category.value,
        weight_g=None if facts.weight is None else facts.weight.grams,
        giver=_staff(facts.requester),
        receiver=_staff(facts.owner),
        location=facts.location,
        at=facts.at,
        inputs=_inputs(facts),
    )
    task = mapping.waste_task_to_fhir(record)
    task["identifier"].append(
        {"system": BAG_IDENTIFIER_SYSTEM, "value": facts.bag_identifier}
    )
    if isinstance(facts.owner, str):
        # The disposal company's driver has no staff number.
        task["owner"] = {
            "identifier": {"system": DRIVER_SYSTEM, "value": facts.owner},
            "display": facts.owner,
        }
    return task


STORAGE_ALARMS = "urn:careloop:cs:waste-storage-alarm"


def storage_alarm_flag(
    identifier: str,
    alarm_code: str,
    bag_code: str,
    priority: str,
    location: str,
    raised_at: datetime,
) -> dict[str, Any]:
    """A stored bag near or past its storage limit, as an active Flag.

    A Flag must be about something: here, the storage room; the bag is named
    by its code as a second identifier and in the text.
    """
    return {
        "resourceType": "Flag",
        "identifier": [
            mapping.urn_identifier(identifier),
            {"system": mapping.BAG_CODE, "value": bag_code},
        ],
        "status": "active",
        "category": [mapping.concept(mapping.ALARM_PRIORITIES, priority)],
        "code": {
            "coding": [mapping.coding(STORAGE_ALARMS, alarm_code)],
            "text": bag_code,
        },
        "subject": mapping.by_identifier(mapping.LOCATIONS, location, location),
        "period": {"start": mapping.instant(raised_at)},
    }
