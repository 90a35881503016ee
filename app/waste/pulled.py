"""Waste steps made at other stations, arriving from the platform as Tasks.

The cart and the storage room are separate PCs, each with its own store; a
station learns of the other's steps only through the platform. This module
is the sync's applier for Task resources (`register_waste_pull` hands it to
the station's puller):

- only waste steps are taken (a Task coded ``waste-…``); others are left;
- the bag is found by its ``urn:uuid`` (then its code) and made the first
  time either is seen, so a bag whose first step here is its intake exists;
- the step becomes an event under the Task's own ``urn:uuid``: a step made
  at this station and pulled back is recognised by it and never doubled;
- the bag's state and weights are then set from all its steps, so steps
  may arrive in any order and a page may be applied twice.

It writes no outbox and no audit row: the step was audited and sent by the
station that made it. A bag code already used here by another bag is a
conflict, refused with a MappingError (logged by the sync, never merged).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import WasteBag, WasteEvent
from app.sync import mapping
from app.sync.local import Applier
from app.waste.categories import Category
from app.waste.fhir import BAG_IDENTIFIER_SYSTEM, TASK_KINDS
from app.waste.records import BagState, Step

_STEP_OF_KIND = {kind: Step(step) for step, kind in TASK_KINDS.items()}
_STATE_OF_STEP = {
    Step.REGISTERED: BagState.REGISTERED,
    Step.COLLECTED: BagState.COLLECTED,
    Step.INTAKE: BagState.IN_STORAGE,
    Step.OUTBOUND: BagState.HANDED_OUT,
}
_ORDER = list(_STATE_OF_STEP)
# Task inputs that are whole numbers in an event's detail.
_INTEGER_INPUTS = frozenset(
    {"discrepancy_g", "allowed_g", "collection_weight_g", "weight_g"}
)
_BAG_INPUTS = frozenset({"produced_at", "notes"})  # facts of the bag, not the step


class Puller(Protocol):
    def add_type(
        self,
        resource_type: str,
        applier: Applier,
        params: Mapping[str, str] | None = None,
    ) -> None: ...


def waste_task_search() -> dict[str, str]:
    """Only waste steps: other Tasks (a nurse's check) are not ours to pull."""
    codes = sorted(f"{mapping.TASK_CODES}|waste-{k}" for k in _STEP_OF_KIND)
    return {"code": ",".join(codes)}


def register_waste_pull(puller: Puller) -> None:
    """Have the station's sync pull waste steps and apply them here."""
    puller.add_type("Task", apply_waste_task, waste_task_search())


def apply_waste_task(session: Session, task: dict[str, Any]) -> bool:
    """Apply one pulled Task; True when it added a step this store lacked."""
    kind = mapping.first_code(task.get("code"), mapping.TASK_CODES) or ""
    step = _STEP_OF_KIND.get(kind.removeprefix("waste-"))
    if not kind.startswith("waste-") or step is None:
        return False
    record = mapping.waste_task_from_fhir(task)
    if session.scalar(
        select(WasteEvent.id).where(WasteEvent.identifier == record.identifier)
    ):
        return False  # made here, or applied before
    bag = _bag_for(session, task, record, step)
    session.add(
        WasteEvent(
            identifier=record.identifier,
            bag_id=bag.id,
            kind=step.value,
            at=record.at,
            from_person=_label(task["requester"], record.giver),
            to_person=_label(task["owner"], record.receiver),
            location=record.location,
            weight_g=record.weight_g,
            detail_json=json.dumps(
                _detail(task, record), ensure_ascii=False, sort_keys=True
            ),
        )
    )
    session.flush()
    _settle_bag(session, bag)
    return True


def _bag_for(
    session: Session,
    task: Mapping[str, Any],
    record: mapping.WasteHandoverRecord,
    step: Step,
) -> WasteBag:
    identifier = mapping.identifier_value(task, BAG_IDENTIFIER_SYSTEM)
    if identifier is None:
        raise mapping.MappingError(f"waste Task {record.identifier} names no bag")
    code = record.bag_code.strip().upper()
    bag = session.scalar(select(WasteBag).where(WasteBag.identifier == identifier))
    by_code = session.scalar(select(WasteBag).where(WasteBag.bag_code == code))
    if bag is None and by_code is not None:
        raise mapping.MappingError(
            f"bag code {code} is already another bag here ({by_code.identifier})"
        )
    inputs = record.inputs
    if bag is None:
        bag = WasteBag(
            identifier=identifier,
            bag_code=code,
            category=Category.parse(record.category).value,
            department="",
            produced_at=_instant(inputs.get("produced_at")) or record.at,
            state=BagState.REGISTERED.value,
            weight_typed=False,
            notes=inputs.get("notes", ""),
        )
        session.add(bag)
    if step in (Step.REGISTERED, Step.COLLECTED) and not bag.department:
        bag.department = record.location  # both happen at the ward
    if step is Step.REGISTERED:
        bag.produced_at = _instant(inputs.get("produced_at")) or bag.produced_at
        bag.notes = inputs.get("notes", bag.notes)
    session.flush()
    return bag


def _settle_bag(session: Session, bag: WasteBag) -> None:
    """State and weights from every step the bag has here."""
    events = list(
        session.scalars(select(WasteEvent).where(WasteEvent.bag_id == bag.id))
    )
    steps = {Step(event.kind): event for event in events if _is_step(event.kind)}
    furthest = max(steps, key=_ORDER.index)
    bag.state = _STATE_OF_STEP[furthest].value
    if Step.REGISTERED in steps:
        bag.collection_weight_g = steps[Step.REGISTERED].weight_g
    if Step.INTAKE in steps:
        bag.intake_weight_g = steps[Step.INTAKE].weight_g
    bag.weight_typed = any(
        json.loads(event.detail_json).get("weight_source") == "typed"
        for event in events
    )


def _is_step(kind: str) -> bool:
    return kind in {step.value for step in Step}


def _detail(
    task: Mapping[str, Any], record: mapping.WasteHandoverRecord
) -> dict[str, Any]:
    """The event detail the station that made the step wrote, from the Task."""
    detail: dict[str, Any] = {}
    for name, value in record.inputs.items():
        if name in _BAG_INPUTS:
            continue
        key = name.replace("-", "_")
        detail[key] = int(value) if key in _INTEGER_INPUTS else value
    if record.weight_g is not None:
        detail["weight_g"] = record.weight_g
        detail.setdefault("weight_source", "scale")
    for key, role in (("from_staff", "requester"), ("to_staff", "owner")):
        person = _staff(task[role])
        if person is not None:
            detail[key] = person
    if "discrepancy_reason" in detail and "to_staff" in detail:
        detail["explained_by"] = detail["to_staff"]
    return detail


def _staff(reference: Mapping[str, Any]) -> dict[str, str] | None:
    identifier = reference.get("identifier") or {}
    if identifier.get("system") != mapping.STAFF_NUMBER:
        return None  # the disposal company's driver is not on the staff
    return {
        "staff_number": str(identifier.get("value", "")),
        "name": str(reference.get("display", "")),
    }


def _label(reference: Mapping[str, Any], person: mapping.StaffRef) -> str:
    """As `Person.label` wrote it at the other station."""
    if _staff(reference) is None:
        return person.name or person.staff_number
    return f"{person.name} ({person.staff_number})"


def _instant(text: str | None) -> datetime | None:
    return mapping.parse_instant(text) if text else None
