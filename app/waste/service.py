"""The waste station's commands and queries over the local store.

Every command runs as ONE function in the store's writer thread: the bag row,
its event, its audit row and its outbox Task are committed together or not
at all. Commands return the writer's future, so the GUI thread never waits
on a commit. Queries use short read sessions and return plain records.

Nothing here deletes or rewrites a step: a bag moves forward through
registered → collected → in storage → handed out, one step at a time, and
every step is a new event row. Scale I/O and printing live elsewhere; this
module only receives a ``Weight`` that already says where it came from.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import trail
from app.identity.roles import Right
from app.store.db import Store
from app.store.models import Alarm, Staff, WasteBag, WasteEvent, new_identifier
from app.sync.local import queue_resource
from app.waste.categories import Category
from app.waste.errors import (
    BagAlreadyExists,
    HandoverRefused,
    IntakeBlocked,
    OutboundRefused,
    UnknownBag,
    WrongBagState,
)
from app.waste.fhir import StepFacts, storage_alarm_flag, waste_task
from app.waste.people import ADMIN_ROLE, Person, require
from app.waste.records import (
    BagRecord,
    BagState,
    CartLoad,
    Manifest,
    ManifestLine,
    OutboundHandover,
    Step,
    StockItem,
    StorageAlarm,
    Trace,
    TraceStep,
    totals_by_category,
)
from app.waste.rules import AgeLevel, IntakeTolerance, StoragePolicy
from app.waste.weighing import Weight

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

STORAGE_LOCATION = "storage"
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_ALARM_CODES = {
    AgeLevel.WARNING: "waste.storage.warning",
    AgeLevel.OVERDUE: "waste.storage.overdue",
}


def system_clock() -> datetime:
    return datetime.now(UTC)


def new_bag_code() -> str:
    """A short code for a new label: ``W`` and nine base-32 characters."""
    return "W" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(9))


def _person_detail(person: Person) -> dict[str, str]:
    return {"staff_number": person.staff_number, "name": person.name}


class WasteService:
    """Commands and queries of one waste station (cart or storage room)."""

    def __init__(
        self,
        store: Store,
        station_id: str,
        *,
        clock: Clock = system_clock,
        tolerance: IntakeTolerance | None = None,
        storage: StoragePolicy | None = None,
        producing_unit: str = "",
        disposal_method: str = "",
        disposal_destination: str = "",
    ) -> None:
        self.store = store
        self.station_id = station_id
        self.clock = clock
        self.tolerance = tolerance or IntakeTolerance()
        self.storage = storage or StoragePolicy()
        # What every manifest must name (医疗废物管理条例 art. 12): the
        # hospital, and the company's disposal method and final destination.
        self.producing_unit = producing_unit.strip()
        self.disposal_method = disposal_method.strip()
        self.disposal_destination = disposal_destination.strip()

    # ----- commands -------------------------------------------------------

    def register_bag(
        self,
        *,
        category: Category,
        department: str,
        weight: Weight,
        porter: Person,
        bag_code: str | None = None,
        produced_at: datetime | None = None,
        notes: str = "",
    ) -> Future[BagRecord]:
        """A bag weighed and labelled at the ward (a new code when None)."""
        require(porter, Right.HANDLE_WASTE)
        code = (bag_code or new_bag_code()).strip().upper()
        at = self.clock()

        def work(session: Session) -> BagRecord:
            if session.scalar(select(WasteBag.id).where(WasteBag.bag_code == code)):
                raise BagAlreadyExists(code)
            bag = WasteBag(
                bag_code=code,
                category=category.value,
                department=department,
                produced_at=produced_at or at,
                state=BagState.REGISTERED.value,
                collection_weight_g=weight.grams,
                weight_typed=weight.is_typed,
                notes=notes,
            )
            session.add(bag)
            session.flush()
            self._record_step(
                session,
                bag,
                Step.REGISTERED,
                at=at,
                giver=porter,
                receiver=porter,
                location=department,
                weight=weight,
                extra={
                    "produced_at": bag.produced_at.isoformat(),
                    **({"notes": notes} if notes else {}),
                },
            )
            return BagRecord.of(bag)

        return self.store.writer.submit(work)

    def confirm_ward_handover(
        self,
        *,
        department: str,
        bag_codes: Iterable[str],
        ward_nurse: Person,
        porter: Person,
    ) -> Future[list[BagRecord]]:
        """The ward nurse and the porter both confirm: the bags are collected."""
        codes = [code.strip().upper() for code in bag_codes]
        if ward_nurse.staff_number == porter.staff_number:
            raise HandoverRefused(
                "the ward nurse and the porter must be two different people"
            )
        if not ward_nurse.is_ward_nurse:
            raise HandoverRefused(
                f"{ward_nurse.staff_number} is {ward_nurse.role}, not a ward nurse"
            )
        require(porter, Right.HANDLE_WASTE)
        if not codes:
            raise HandoverRefused(f"no bags to hand over at {department}")
        at = self.clock()

        def work(session: Session) -> list[BagRecord]:
            collected = []
            for code in codes:
                bag = self._bag_for_step(session, code, BagState.REGISTERED)
                bag.state = BagState.COLLECTED.value
                self._record_step(
                    session,
                    bag,
                    Step.COLLECTED,
                    at=at,
                    giver=ward_nurse,
                    receiver=porter,
                    location=department,
                    weight=self._recorded_weight(session, bag),
                )
                collected.append(BagRecord.of(bag))
            return collected

        return self.store.writer.submit(work)

    def receive_bag(
        self,
        *,
        bag_code: str,
        weight: Weight,
        keeper: Person,
        discrepancy_reason: str = "",
    ) -> Future[BagRecord]:
        """Intake at the storage room, re-weighed; blocked beyond tolerance.

        Beyond tolerance the intake needs ``discrepancy_reason``; the keeper
        who records it is the named person, and both stay on the record.
        """
        require(keeper, Right.RECEIVE_WASTE)
        code = bag_code.strip().upper()
        reason = discrepancy_reason.strip()
        at = self.clock()

        def work(session: Session) -> BagRecord:
            bag = self._bag_for_step(session, code, BagState.COLLECTED)
            collection_g = bag.collection_weight_g or 0
            extra: dict[str, Any] = {"collection_weight_g": collection_g}
            if self.tolerance.exceeded(collection_g, weight.grams):
                allowed = self.tolerance.allowed_g(collection_g)
                if not reason:
                    raise IntakeBlocked(code, collection_g, weight.grams, allowed)
                extra["discrepancy_g"] = weight.grams - collection_g
                extra["allowed_g"] = allowed
                extra["discrepancy_reason"] = reason
                extra["explained_by"] = _person_detail(keeper)
            bag.state = BagState.IN_STORAGE.value
            bag.intake_weight_g = weight.grams
            bag.weight_typed = bag.weight_typed or weight.is_typed
            self._record_step(
                session,
                bag,
                Step.INTAKE,
                at=at,
                giver=self._porter_of(session, bag),
                receiver=keeper,
                location=STORAGE_LOCATION,
                weight=weight,
                extra=extra,
            )
            return BagRecord.of(bag)

        return self.store.writer.submit(work)

    def hand_out(self, handover: OutboundHandover) -> Future[Manifest]:
        """Hand stored bags to the disposal company; returns the manifest.

        OutboundRefused when the producing unit, the disposal method or the
        final destination is unknown: the manifest would be unlawful.
        """
        _check_handover(handover)
        require(handover.keeper, Right.RECEIVE_WASTE)
        legal = {
            "producing_unit": self.producing_unit,
            "disposal_method": handover.disposal_method.strip() or self.disposal_method,
            "destination": handover.destination.strip() or self.disposal_destination,
        }
        missing = [name for name, value in legal.items() if not value]
        if missing:
            raise OutboundRefused(
                f"the manifest needs {', '.join(missing)} (station configuration)"
            )
        at = self.clock()

        def work(session: Session) -> Manifest:
            if self._manifest_events(session, handover.manifest_number):
                raise OutboundRefused(
                    f"manifest {handover.manifest_number} was already used"
                )
            for code in handover.bag_codes:
                bag = self._bag_for_step(session, code, BagState.IN_STORAGE)
                bag.state = BagState.HANDED_OUT.value
                weight = self._recorded_weight(session, bag, intake=True)
                self._record_step(
                    session,
                    bag,
                    Step.OUTBOUND,
                    at=at,
                    giver=handover.keeper,
                    receiver=f"{handover.driver} ({handover.company})",
                    location=STORAGE_LOCATION,
                    weight=weight,
                    extra={
                        "manifest_number": handover.manifest_number,
                        "company": handover.company,
                        "vehicle": handover.vehicle,
                        "driver": handover.driver,
                        **legal,
                    },
                )
            session.flush()
            return self._manifest(session, handover.manifest_number)

        return self.store.writer.submit(work)

    def raise_storage_alarms(self) -> Future[list[StorageAlarm]]:
        """Record an alarm for each stored bag newly in warning or overdue."""
        now = self.clock()

        def work(session: Session) -> list[StorageAlarm]:
            raised = []
            for item in self._stock(session, now):
                if item.level is AgeLevel.OK:
                    continue
                alarm_code = _ALARM_CODES[item.level]
                if session.scalar(
                    select(Alarm.id).where(
                        Alarm.code == alarm_code, Alarm.text == item.bag.code
                    )
                ):
                    continue
                raised.append(self._record_alarm(session, item, alarm_code, now))
            return raised

        return self.store.writer.submit(work)

    # ----- queries --------------------------------------------------------

    def find_bag(self, bag_code: str) -> BagRecord | None:
        with self.store.read_session() as session:
            bag = _bag_by_code(session, bag_code.strip().upper())
            return None if bag is None else BagRecord.of(bag)

    def person_by_badge(self, badge: str) -> Person | None:
        """The active staff member whose badge was scanned.

        Only the badge's own code counts: a staff number is printed on
        rosters and easily typed, so it must never stand for the person's
        confirmation or an administrator's override.
        """
        code = badge.strip()
        if not code:
            return None
        with self.store.read_session() as session:
            staff = session.scalar(
                select(Staff).where(Staff.active.is_(True), Staff.badge_id == code)
            )
            if staff is None:
                return None
            return Person(staff.staff_number, staff.name, staff.role)

    def trace(self, bag_code: str) -> Trace:
        """The whole chain of one bag; UnknownBag when there is none."""
        code = bag_code.strip().upper()
        with self.store.read_session() as session:
            bag = _bag_by_code(session, code)
            if bag is None:
                raise UnknownBag(code)
            events = session.scalars(
                select(WasteEvent)
                .where(WasteEvent.bag_id == bag.id)
                .order_by(WasteEvent.at, WasteEvent.id)
            )
            return Trace(BagRecord.of(bag), tuple(TraceStep.of(e) for e in events))

    def ward_bags(self, department: str, porter: Person) -> list[BagRecord]:
        """Bags this porter weighed at the ward and not yet handed over."""
        with self.store.read_session() as session:
            rows = session.scalars(
                select(WasteBag)
                .join(WasteEvent, WasteEvent.bag_id == WasteBag.id)
                .where(
                    WasteBag.state == BagState.REGISTERED.value,
                    WasteBag.department == department,
                    WasteEvent.kind == Step.REGISTERED.value,
                    WasteEvent.to_person == porter.label(),
                )
                .order_by(WasteBag.id)
            )
            return [BagRecord.of(row) for row in rows]

    def cart_load(self, porter: Person) -> CartLoad:
        """What is on this porter's cart: collected, not yet received."""
        with self.store.read_session() as session:
            rows = list(
                session.scalars(
                    select(WasteBag)
                    .join(WasteEvent, WasteEvent.bag_id == WasteBag.id)
                    .where(
                        WasteBag.state == BagState.COLLECTED.value,
                        WasteEvent.kind == Step.COLLECTED.value,
                        WasteEvent.to_person == porter.label(),
                    )
                    .order_by(WasteBag.id)
                )
            )
            bags = tuple(BagRecord.of(row) for row in rows)
        totals = totals_by_category([(b.category, b.collection_weight_g) for b in bags])
        return CartLoad(porter.label(), bags, totals)

    def stock(self) -> list[StockItem]:
        """Bags in storage, oldest first, with their age against the limit."""
        with self.store.read_session() as session:
            return self._stock(session, self.clock())

    def manifest(self, manifest_number: str) -> Manifest:
        with self.store.read_session() as session:
            return self._manifest(session, manifest_number)

    def next_manifest_number(self, zone: tzinfo) -> str:
        """A manifest number for a company that brings none: MF<local date>-NNN,
        the next after the day's highest used here (hand_out refuses a reuse)."""
        prefix = f"MF{self.clock().astimezone(zone):%Y%m%d}-"
        number = func.json_extract(WasteEvent.detail_json, "$.manifest_number")
        with self.store.read_session() as session:
            used = session.scalars(
                select(number)
                .where(WasteEvent.kind == Step.OUTBOUND.value)
                .where(number.like(f"{prefix}%"))
                .distinct()
            ).all()
        sequences = [
            int(tail) for value in used if (tail := str(value)[len(prefix) :]).isdigit()
        ]
        return f"{prefix}{max(sequences, default=0) + 1:03d}"

    # ----- inside a session -----------------------------------------------

    def _bag_for_step(self, session: Session, code: str, wanted: BagState) -> WasteBag:
        bag = _bag_by_code(session, code)
        if bag is None:
            raise UnknownBag(code)
        if bag.state != wanted.value:
            raise WrongBagState(code, bag.state, (wanted.value,))
        return bag

    def _record_step(
        self,
        session: Session,
        bag: WasteBag,
        step: Step,
        *,
        at: datetime,
        giver: Person | str,
        receiver: Person | str,
        location: str,
        weight: Weight | None,
        extra: dict[str, Any] | None = None,
    ) -> WasteEvent:
        """The event, its audit row and its outbox Task, in the caller's session."""
        detail: dict[str, Any] = dict(extra or {})
        if weight is not None:
            detail.update(weight.detail())
        for key, person in (("from_staff", giver), ("to_staff", receiver)):
            if isinstance(person, Person):
                detail[key] = _person_detail(person)
        event = WasteEvent(
            identifier=new_identifier(),
            bag_id=bag.id,
            kind=step.value,
            at=at,
            from_person=_label(giver),
            to_person=_label(receiver),
            location=location,
            weight_g=None if weight is None else weight.grams,
            detail_json=json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )
        session.add(event)
        actor = receiver if isinstance(receiver, Person) else giver
        self._audit(session, actor, f"waste.{step.value}", bag.bag_code, detail, at)
        if weight is not None and weight.is_typed and weight.override_by is not None:
            self._audit(
                session, weight.override_by, "waste.weight_override",
                bag.bag_code, weight.detail(), at,
            )  # fmt: skip
        queue_resource(
            session,
            resource_type="Task",
            identifier=event.identifier,
            resource=waste_task(
                StepFacts(
                    step_identifier=event.identifier,
                    step=step.value,
                    bag_identifier=bag.identifier,
                    bag_code=bag.bag_code,
                    category=Category.parse(bag.category),
                    at=at,
                    requester=giver,
                    owner=receiver,
                    location=location,
                    weight=weight,
                    extra_inputs=_text_inputs(detail),
                )
            ),
        )
        log.info("bag step %s recorded at %s", step.value, self.station_id)
        return event

    def _audit(
        self,
        session: Session,
        actor: Person | str,
        action: str,
        subject: str,
        detail: dict[str, Any],
        at: datetime,
    ) -> None:
        trail.append(
            session,
            station_id=self.station_id,
            actor=actor.staff_number if isinstance(actor, Person) else actor,
            action=action,
            subject=f"waste_bag:{subject}",
            detail=detail,
            at=at,
        )

    def _recorded_weight(
        self, session: Session, bag: WasteBag, *, intake: bool = False
    ) -> Weight | None:
        """The weight already on record, with its provenance, for a later step."""
        kind = Step.INTAKE if intake else Step.REGISTERED
        event = session.scalar(
            select(WasteEvent).where(
                WasteEvent.bag_id == bag.id, WasteEvent.kind == kind.value
            )
        )
        if event is None or event.weight_g is None:
            return None
        detail = json.loads(event.detail_json)
        if detail.get("weight_source") == "typed":
            admin = Person(detail.get("override_by", ""), "", ADMIN_ROLE)
            return Weight.typed(event.weight_g, admin, detail["override_reason"])
        return Weight.from_scale(event.weight_g)

    def _porter_of(self, session: Session, bag: WasteBag) -> Person | str:
        event = session.scalar(
            select(WasteEvent).where(
                WasteEvent.bag_id == bag.id,
                WasteEvent.kind == Step.COLLECTED.value,
            )
        )
        assert event is not None  # a collected bag has its collection step
        staff = json.loads(event.detail_json).get("to_staff")
        if staff is None:
            return event.to_person
        return Person(staff["staff_number"], staff["name"], "porter")

    def _stock(self, session: Session, now: datetime) -> list[StockItem]:
        rows = session.execute(
            select(WasteBag, WasteEvent.at)
            .join(WasteEvent, WasteEvent.bag_id == WasteBag.id)
            .where(
                WasteBag.state == BagState.IN_STORAGE.value,
                WasteEvent.kind == Step.INTAKE.value,
            )
            .order_by(WasteEvent.at)
        )
        return [
            StockItem(
                BagRecord.of(bag),
                stored_at,
                self.storage.fraction_used(stored_at, now),
                self.storage.level(stored_at, now),
            )
            for bag, stored_at in rows
        ]

    def _record_alarm(
        self, session: Session, item: StockItem, alarm_code: str, now: datetime
    ) -> StorageAlarm:
        priority = "high" if item.level is AgeLevel.OVERDUE else "medium"
        alarm = Alarm(
            identifier=new_identifier(),
            code=alarm_code,
            priority=priority,
            text=item.bag.code,
            raised_at=now,
        )
        session.add(alarm)
        queue_resource(
            session,
            resource_type="Flag",
            identifier=alarm.identifier,
            resource=storage_alarm_flag(
                alarm.identifier,
                alarm_code,
                item.bag.code,
                priority,
                STORAGE_LOCATION,
                now,
            ),
        )
        self._audit(
            session,
            "system",
            alarm_code,
            item.bag.code,
            {"stored_at": item.stored_at.isoformat()},
            now,
        )
        log.warning("stored bag reached storage level %s", item.level.name)
        return StorageAlarm(item.bag.code, item.level, item.stored_at, now)

    def _manifest_events(self, session: Session, number: str) -> list[WasteEvent]:
        return list(
            session.scalars(
                select(WasteEvent)
                .where(
                    WasteEvent.kind == Step.OUTBOUND.value,
                    func.json_extract(WasteEvent.detail_json, "$.manifest_number")
                    == number,
                )
                .order_by(WasteEvent.id)
            )
        )

    def _manifest(self, session: Session, number: str) -> Manifest:
        events = self._manifest_events(session, number)
        if not events:
            raise OutboundRefused(f"no manifest numbered {number!r}")
        first = json.loads(events[0].detail_json)
        lines = []
        for event in events:
            bag = session.get_one(WasteBag, event.bag_id)
            detail = json.loads(event.detail_json)
            lines.append(
                ManifestLine(
                    bag.bag_code,
                    Category.parse(bag.category),
                    bag.department,
                    event.weight_g or 0,
                    detail.get("weight_source") == "typed" or bag.weight_typed,
                )
            )
        return Manifest(
            number=number,
            company=first["company"],
            vehicle=first["vehicle"],
            driver=first["driver"],
            keeper=events[0].from_person,
            station_id=self.station_id,
            handed_out_at=events[0].at,
            lines=tuple(lines),
            by_category=totals_by_category([(x.category, x.weight_g) for x in lines]),
            producing_unit=first.get("producing_unit", ""),
            disposal_method=first.get("disposal_method", ""),
            destination=first.get("destination", ""),
        )


def _label(person: Person | str) -> str:
    return person.label() if isinstance(person, Person) else person


def _text_inputs(detail: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    keys = (
        "produced_at",
        "notes",
        "collection_weight_g",
        "allowed_g",
        "discrepancy_reason",
        "discrepancy_g",
        "manifest_number",
        "company",
        "vehicle",
        "driver",
        "producing_unit",
        "disposal_method",
        "destination",
    )
    return tuple((key, str(detail[key])) for key in keys if key in detail)


def _bag_by_code(session: Session, code: str) -> WasteBag | None:
    return session.scalar(select(WasteBag).where(WasteBag.bag_code == code))


def _check_handover(handover: OutboundHandover) -> None:
    missing = [
        name
        for name in ("manifest_number", "company", "vehicle", "driver")
        if not str(getattr(handover, name)).strip()
    ]
    if missing:
        raise OutboundRefused(f"the outbound handover lacks {', '.join(missing)}")
    if not handover.bag_codes:
        raise OutboundRefused("the outbound handover has no bags")
    if len(set(handover.bag_codes)) != len(handover.bag_codes):
        raise OutboundRefused("a bag appears twice on the outbound handover")
