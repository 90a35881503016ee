"""The waste rules against a real SQLite store, one command at a time."""

from __future__ import annotations

import json
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import jsonio
from app.audit import trail
from app.errors import NotAllowed
from app.store.db import Store
from app.store.models import (
    Alarm,
    AuditEntry,
    OutboxEntry,
    Staff,
    WasteBag,
    WasteEvent,
)
from app.sync import mapping
from app.waste import (
    AgeLevel,
    BagAlreadyExists,
    BagState,
    Category,
    HandoverRefused,
    IntakeBlocked,
    OutboundHandover,
    OutboundRefused,
    Person,
    Step,
    UnknownBag,
    WasteService,
    Weight,
    WrongBagState,
)
from tests.app.waste.conftest import (
    ADMIN,
    DESTINATION,
    DISPOSAL_METHOD,
    HOSPITAL,
    KEEPER,
    NURSE,
    PORTER,
    TurnableClock,
)

NURSE_WITHOUT_WASTE = Person("N001", "李护士", "physician")

WARD = "肾内科"


def counts(store: Store) -> tuple[int, int, int, int]:
    with store.read_session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (WasteBag, WasteEvent, AuditEntry, OutboxEntry)
        )


def register(
    service: WasteService, code: str, grams: int = 2000, **kwargs: object
) -> None:
    service.register_bag(
        bag_code=code,
        category=kwargs.pop("category", Category.INFECTIOUS),  # type: ignore[arg-type]
        department=WARD,
        weight=kwargs.pop("weight", Weight.from_scale(grams)),  # type: ignore[arg-type]
        porter=kwargs.pop("porter", PORTER),  # type: ignore[arg-type]
    ).result(5)


def collect(service: WasteService, *codes: str) -> None:
    service.confirm_ward_handover(
        department=WARD, bag_codes=codes, ward_nurse=NURSE, porter=PORTER
    ).result(5)


def receive(service: WasteService, code: str, grams: int, reason: str = "") -> None:
    service.receive_bag(
        bag_code=code,
        weight=Weight.from_scale(grams),
        keeper=KEEPER,
        discrepancy_reason=reason,
    ).result(5)


def outbound(*codes: str, number: str = "M-001") -> OutboundHandover:
    return OutboundHandover(number, "绿洁环保", "京A12345", "张司机", KEEPER, codes)


def test_each_step_writes_event_audit_and_task_together(
    service: WasteService, store: Store
) -> None:
    register(service, "W1")
    assert counts(store) == (1, 1, 1, 1)
    collect(service, "W1")
    receive(service, "W1", 2010)
    service.hand_out(outbound("W1")).result(5)

    assert counts(store) == (1, 4, 4, 4)
    with store.read_session() as session:
        tasks = [
            jsonio.loads(row.payload)
            for row in session.scalars(select(OutboxEntry).order_by(OutboxEntry.id))
        ]
        assert trail.verify(session) is None
    steps = [mapping.waste_task_from_fhir(task) for task in tasks]
    assert [s.kind for s in steps] == ["registered", "handover", "intake", "outbound"]
    handover = steps[1]
    assert (handover.giver.staff_number, handover.giver.name) == ("N001", "李护士")
    assert handover.receiver.staff_number == "P001"
    assert (handover.location, handover.bag_code) == (WARD, "W1")
    assert (handover.category, handover.weight_g) == ("infectious", 2000)
    assert handover.inputs["weight-source"] == "scale"
    assert (steps[2].giver.staff_number, steps[2].receiver.staff_number) == (
        "P001",
        "K001",
    )
    assert steps[2].weight_g == 2010
    assert steps[3].inputs["manifest_number"] == "M-001"
    assert steps[3].receiver.staff_number == "张司机 (绿洁环保)"


def test_no_skipping_and_no_second_collection(service: WasteService) -> None:
    register(service, "W1")
    with pytest.raises(WrongBagState, match="W1 is registered"):
        receive(service, "W1", 2000)
    collect(service, "W1")
    with pytest.raises(WrongBagState) as raised:
        collect(service, "W1")
    assert (raised.value.bag_code, raised.value.state) == ("W1", "collected")
    with pytest.raises(WrongBagState):
        service.hand_out(outbound("W1")).result(5)


def test_a_failed_step_leaves_nothing_behind(
    service: WasteService, store: Store
) -> None:
    register(service, "W1")
    before = counts(store)
    # The second bag is unknown: the first bag's collection must roll back too.
    with pytest.raises(UnknownBag, match="W9"):
        collect(service, "W1", "W9")
    assert counts(store) == before
    assert service.find_bag("W1").state is BagState.REGISTERED  # type: ignore[union-attr]


def test_a_code_is_registered_once(service: WasteService) -> None:
    register(service, "W1")
    with pytest.raises(BagAlreadyExists):
        register(service, "w1")


def test_handover_needs_two_different_people(service: WasteService) -> None:
    register(service, "W1")
    with pytest.raises(HandoverRefused):
        service.confirm_ward_handover(
            department=WARD, bag_codes=["W1"], ward_nurse=PORTER, porter=PORTER
        )
    with pytest.raises(HandoverRefused, match="not a ward nurse"):
        service.confirm_ward_handover(
            department=WARD, bag_codes=["W1"], ward_nurse=KEEPER, porter=PORTER
        )


def test_each_step_needs_its_right(service: WasteService) -> None:
    with pytest.raises(NotAllowed, match="N001"):
        register(service, "W1", porter=NURSE_WITHOUT_WASTE)
    register(service, "W1")
    collect(service, "W1")
    with pytest.raises(NotAllowed, match=r"P001 \(porter\) lacks the right receive"):
        service.receive_bag(
            bag_code="W1", weight=Weight.from_scale(2000), keeper=PORTER
        )
    with pytest.raises(NotAllowed):
        service.hand_out(
            OutboundHandover("M-9", "绿洁环保", "京A1", "张", ADMIN, ("W1",))
        )


def test_intake_beyond_tolerance_is_blocked_until_a_reason(
    service: WasteService, store: Store
) -> None:
    register(service, "W1", grams=5000)
    collect(service, "W1")
    before = counts(store)

    with pytest.raises(IntakeBlocked) as blocked:
        receive(service, "W1", 5400)
    assert (blocked.value.collection_g, blocked.value.intake_g) == (5000, 5400)
    assert blocked.value.allowed_g == 100
    assert counts(store) == before

    receive(service, "W1", 5400, reason="bag was wet from rain")
    trace = service.trace("W1")
    intake = trace.steps[-1]
    assert trace.bag.intake_weight_g == 5400
    assert intake.detail["discrepancy_reason"] == "bag was wet from rain"
    assert intake.detail["explained_by"]["staff_number"] == "K001"
    assert intake.detail["discrepancy_g"] == 400


def test_storage_age_alarms_before_and_at_the_limit(
    service: WasteService, store: Store, clock: TurnableClock
) -> None:
    register(service, "W1")
    collect(service, "W1")
    receive(service, "W1", 2000)

    clock.advance(timedelta(hours=41))
    assert service.raise_storage_alarms().result(5) == []
    clock.advance(timedelta(hours=1))
    (warning,) = service.raise_storage_alarms().result(5)
    assert warning.level is AgeLevel.WARNING
    assert service.raise_storage_alarms().result(5) == []  # raised once
    clock.advance(timedelta(hours=6))
    (overdue,) = service.raise_storage_alarms().result(5)
    assert (overdue.bag_code, overdue.level) == ("W1", AgeLevel.OVERDUE)
    assert service.stock()[0].level is AgeLevel.OVERDUE
    with store.read_session() as session:
        codes = session.scalars(select(Alarm.code).order_by(Alarm.id)).all()
        flags = [
            jsonio.loads(row.payload)
            for row in session.scalars(
                select(OutboxEntry).where(OutboxEntry.resource_type == "Flag")
            )
        ]
    assert codes == ["waste.storage.warning", "waste.storage.overdue"]
    assert [f["code"]["coding"][0]["code"] for f in flags] == codes
    assert {f["subject"]["display"] for f in flags} == {"storage"}


def test_a_typed_weight_is_flagged_everywhere(
    service: WasteService, store: Store
) -> None:
    typed = Weight.typed(3000, ADMIN, "scale out of order")
    register(service, "W1", weight=typed)
    collect(service, "W1")
    receive(service, "W1", 3010)
    manifest = service.hand_out(outbound("W1")).result(5)

    trace = service.trace("W1")
    assert trace.bag.weight_typed
    assert [s.weight_typed for s in trace.steps] == [True, True, False, False]
    assert manifest.lines[0].weight_typed and manifest.any_typed
    with store.read_session() as session:
        overrides = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "waste.weight_override")
        ).all()
        first_task = json.loads(session.scalars(select(OutboxEntry.payload)).first())
    assert [o.actor for o in overrides] == ["A001", "A001"]
    inputs = mapping.waste_task_from_fhir(first_task).inputs
    assert inputs["weight-source"] == "typed"
    assert inputs["override-by"] == "A001"
    assert inputs["override-reason"] == "scale out of order"


def test_outbound_manifest_totals_by_category(service: WasteService) -> None:
    register(service, "W1", 1000)
    register(service, "W2", 2000, category=Category.SHARPS)
    register(service, "W3", 3000)
    collect(service, "W1", "W2", "W3")
    for code, grams in (("W1", 1000), ("W2", 2000), ("W3", 3010)):
        receive(service, code, grams)

    with pytest.raises(OutboundRefused, match="vehicle"):
        service.hand_out(
            OutboundHandover("M-1", "绿洁环保", " ", "张司机", KEEPER, ("W1",))
        )
    manifest = service.hand_out(outbound("W1", "W2", "W3")).result(5)

    assert manifest.total_g == 6010
    totals = {t.category: (t.bags, t.grams) for t in manifest.by_category}
    assert totals == {Category.INFECTIOUS: (2, 4010), Category.SHARPS: (1, 2000)}
    assert service.manifest("M-001") == manifest
    assert service.trace("W2").bag.state is BagState.HANDED_OUT
    with pytest.raises(OutboundRefused, match="already used"):
        service.hand_out(outbound("W1", number="M-001")).result(5)


def test_the_station_numbers_a_manifest_by_local_date_never_twice(
    service: WasteService, clock: TurnableClock
) -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    register(service, "W1", 1000)
    register(service, "W2", 1000)
    register(service, "W3", 1000)
    collect(service, "W1", "W2", "W3")
    for code in ("W1", "W2", "W3"):
        receive(service, code, 1000)
    clock.advance(timedelta(hours=8))  # 16:00 UTC on the 3rd is 00:00 on the 4th

    first = service.next_manifest_number(shanghai)
    assert first == "MF20261204-001"
    service.hand_out(outbound("W1", number=first)).result(5)
    second = service.next_manifest_number(shanghai)
    assert second == "MF20261204-002"
    service.hand_out(outbound("W2", number=second)).result(5)
    assert service.next_manifest_number(shanghai) == "MF20261204-003"
    assert service.next_manifest_number(UTC) == "MF20261203-001"


def test_the_manifest_names_producer_disposal_method_and_destination(
    service: WasteService, store: Store
) -> None:
    register(service, "W1", 1000)
    register(service, "W2", 1000)
    collect(service, "W1", "W2")
    receive(service, "W1", 1000)
    receive(service, "W2", 1000)

    default = service.hand_out(outbound("W1", number="M-A")).result(5)
    chosen = service.hand_out(
        OutboundHandover(
            "M-B", "绿洁环保", "京A12345", "张司机", KEEPER, ("W2",),
            disposal_method="焚烧", destination="某焚烧厂",
        )
    ).result(5)  # fmt: skip

    assert (default.producing_unit, default.disposal_method, default.destination) == (
        HOSPITAL,
        DISPOSAL_METHOD,
        DESTINATION,
    )
    assert (chosen.disposal_method, chosen.destination) == ("焚烧", "某焚烧厂")
    assert service.manifest("M-B") == chosen
    with store.read_session() as session:
        tasks = [
            mapping.waste_task_from_fhir(json.loads(row.payload))
            for row in session.scalars(select(OutboxEntry))
            if '"waste-outbound"' in row.payload
        ]
    assert {t.inputs["destination"] for t in tasks} == {DESTINATION, "某焚烧厂"}
    assert {t.inputs["producing_unit"] for t in tasks} == {HOSPITAL}


def test_no_manifest_without_producer_method_and_destination(
    store: Store, clock: TurnableClock
) -> None:
    bare = WasteService(store, "store-1", clock=clock)
    register(bare, "W1", 1000)
    collect(bare, "W1")
    receive(bare, "W1", 1000)

    with pytest.raises(OutboundRefused, match=r"producing_unit.*disposal_method"):
        bare.hand_out(outbound("W1"))
    assert bare.trace("W1").bag.state is BagState.IN_STORAGE


def test_trace_returns_the_whole_chain_with_people_and_weights(
    service: WasteService, clock: TurnableClock
) -> None:
    register(service, "W1", 1500)
    clock.advance(timedelta(minutes=5))
    collect(service, "W1")
    clock.advance(timedelta(hours=1))
    receive(service, "W1", 1490)

    trace = service.trace("w1")
    assert [s.step for s in trace.steps] == [
        Step.REGISTERED, Step.COLLECTED, Step.INTAKE,
    ]  # fmt: skip
    collected = trace.steps[1]
    assert collected.from_person == NURSE.label()
    assert collected.to_person == PORTER.label()
    assert trace.steps[2].weight_g == 1490
    assert trace.steps[2].at - trace.steps[0].at == timedelta(hours=1, minutes=5)
    with pytest.raises(UnknownBag):
        service.trace("NOPE")


def test_cart_load_and_ward_bags(service: WasteService) -> None:
    register(service, "W1", 1000)
    register(service, "W2", 2500, category=Category.SHARPS)
    assert [b.code for b in service.ward_bags(WARD, PORTER)] == ["W1", "W2"]
    collect(service, "W1", "W2")

    load = service.cart_load(PORTER)
    assert service.ward_bags(WARD, PORTER) == []
    assert load.total_g == 3500
    assert [b.code for b in load.bags] == ["W1", "W2"]


def test_records_are_never_deleted_nor_rewritten(
    service: WasteService, store: Store
) -> None:
    register(service, "W1")

    def delete_bag(session: Session) -> None:
        session.execute(delete(WasteEvent))

    def rewrite_step(session: Session) -> None:
        session.execute(update(WasteEvent).values(weight_g=1))

    for attempt in (delete_bag, rewrite_step):
        with pytest.raises(IntegrityError, match="never"):
            store.writer.submit(attempt).result(5)
    assert counts(store)[:2] == (1, 1)
    assert not hasattr(service, "delete_bag")


def test_only_a_badge_names_a_person_never_a_typed_staff_number(
    service: WasteService, store: Store
) -> None:
    def add(session: Session) -> None:
        session.add(
            Staff(
                staff_number="A900", name="陈管理", role="admin", badge_id="BADGE-7731"
            )
        )
        session.add(Staff(staff_number="A901", name="离职", role="admin",
                          badge_id="BADGE-0001", active=False))  # fmt: skip

    store.writer.submit(add).result(5)

    found = service.person_by_badge(" BADGE-7731 ")
    assert found is not None and found.staff_number == "A900"
    assert service.person_by_badge("A900") is None  # the staff number, typed
    assert service.person_by_badge("BADGE-0001") is None  # no longer active
    assert service.person_by_badge("") is None
