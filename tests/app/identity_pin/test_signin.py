"""PIN sign-in: right and wrong PIN, lockout, lock and unlock rules, audit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import LockedOut, NotAllowed, ValidationError, WrongCredentials
from app.identity.roles import Role
from app.identity.signin import SignInService, hash_pin
from app.store import Store
from app.store.models import AuditEntry, Staff


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def service(tmp_path: Path):
    store = Store(tmp_path / "station.db")

    def add_staff(session):
        session.add_all(
            [
                Staff(
                    staff_number="N001",
                    name="王护士",
                    role="nurse",
                    pin_hash=hash_pin("1234"),
                ),
                Staff(
                    staff_number="N002",
                    name="李护士",
                    role="nurse",
                    pin_hash=hash_pin("5678"),
                ),
                Staff(
                    staff_number="C001",
                    name="张护士长",
                    role="charge-nurse",
                    pin_hash=hash_pin("9999"),
                ),
                Staff(
                    staff_number="N009",
                    name="离职",
                    role="nurse",
                    pin_hash=hash_pin("1111"),
                    active=False,
                ),
            ]
        )

    store.writer.submit(add_staff).result(timeout=10)
    yield SignInService(store=store, station_id="HD-03", clock=Clock())
    store.close()


def test_right_pin_signs_in(service: SignInService) -> None:
    person = asyncio.run(service.sign_in("N001", "1234"))

    assert person.name == "王护士"
    assert person.role is Role.NURSE
    assert service.person == person


@pytest.mark.parametrize(
    ("number", "pin"), [("N001", "0000"), ("X404", "1234"), ("N009", "1111")]
)
def test_wrong_pin_unknown_number_or_inactive_person_are_refused_alike(
    service: SignInService, number: str, pin: str
) -> None:
    with pytest.raises(WrongCredentials):
        asyncio.run(service.sign_in(number, pin))

    assert service.person is None


def test_five_failures_lock_the_staff_number_out_for_a_while(
    service: SignInService,
) -> None:
    for _ in range(5):
        with pytest.raises(WrongCredentials):
            asyncio.run(service.sign_in("N001", "0000"))

    with pytest.raises(LockedOut):
        asyncio.run(service.sign_in("N001", "1234"))

    service.clock.now += timedelta(minutes=6)  # type: ignore[attr-defined]
    assert asyncio.run(service.sign_in("N001", "1234")).staff_number == "N001"


def test_the_lock_opens_for_the_holder_and_a_supervisor_not_a_colleague(
    service: SignInService,
) -> None:
    async def scenario() -> None:
        await service.sign_in("N001", "1234")
        await service.lock("idle")
        assert service.locked

        with pytest.raises(NotAllowed):
            await service.unlock("N002", "5678")
        assert service.locked

        await service.unlock("N001", "1234")
        assert not service.locked

        await service.lock("on demand")
        holder = await service.unlock("C001", "9999")
        assert holder.staff_number == "N001"  # the supervisor unlocks, the holder stays
        assert not service.locked

    asyncio.run(scenario())


def test_every_attempt_is_audited_without_the_pin(service: SignInService) -> None:
    with pytest.raises(WrongCredentials):
        asyncio.run(service.sign_in("N001", "0000"))
    asyncio.run(service.sign_in("N001", "1234"))

    with service.store.read_session() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(r.actor, r.action, '"ok": false' in r.detail_json) for r in rows] == [
        ("N001", "sign-in", True),
        ("N001", "sign-in", False),
    ]
    assert all(
        "1234" not in r.detail_json and "0000" not in r.detail_json for r in rows
    )


def test_pins_are_stored_only_as_argon2_hashes(service: SignInService) -> None:
    asyncio.run(service.set_pin("N002", "246810", actor="A001"))

    with service.store.read_session() as session:
        staff = session.scalar(select(Staff).where(Staff.staff_number == "N002"))
    assert staff is not None and staff.pin_hash is not None
    assert staff.pin_hash.startswith("$argon2id$")
    assert "246810" not in staff.pin_hash
    assert asyncio.run(service.sign_in("N002", "246810")).staff_number == "N002"


def test_a_pin_must_be_4_to_12_digits() -> None:
    for bad in ("123", "abcd", "1234567890123"):
        with pytest.raises(ValidationError):
            hash_pin(bad)


def test_a_badge_signs_in_its_active_holder_and_nobody_else(
    service: SignInService,
) -> None:
    def give_badges(session) -> None:
        for staff in session.scalars(select(Staff)):
            staff.badge_id = f"BADGE-{staff.staff_number}"

    service.store.writer.submit(give_badges).result(timeout=10)

    assert asyncio.run(service.sign_in_badge("BADGE-N002")).name == "李护士"
    for unknown_or_left in ("BADGE-X404", "BADGE-N009"):
        with pytest.raises(WrongCredentials):
            asyncio.run(service.sign_in_badge(unknown_or_left))

    with service.store.read_session() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(r.actor, '"method": "badge"' in r.detail_json) for r in rows] == [
        ("N002", True),
        ("unknown-badge", True),
        ("unknown-badge", True),
    ]


def test_a_face_of_someone_who_left_is_refused_and_audited(
    service: SignInService,
) -> None:
    from app.errors import StaffNotActive

    with service.store.read_session() as session:
        departed = session.scalar(select(Staff).where(Staff.staff_number == "N009"))
        assert departed is not None
        departed_id = departed.id

    with pytest.raises(StaffNotActive):
        asyncio.run(service.sign_in_verified(departed_id, "face"))

    assert service.person is None
    with service.store.read_session() as session:
        last = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc())
        ).first()
        assert last is not None and last.action == "sign-in"
        assert '"ok": false' in last.detail_json and "not_active" in last.detail_json


def _add_staff_without_role(service: SignInService) -> None:
    def add(session) -> None:
        session.add(
            Staff(
                staff_number="N010",
                name="新同事",
                role="",  # pulled without a PractitionerRole
                pin_hash=hash_pin("2468"),
                badge_id="BADGE-N010",
            )
        )

    service.store.writer.submit(add).result(timeout=10)


def _last_audit(service: SignInService) -> AuditEntry:
    with service.store.read_session() as session:
        last = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc())
        ).first()
        assert last is not None
        return last


@pytest.mark.parametrize("how", ["pin", "badge"])
def test_staff_without_a_role_are_refused_clearly_and_audited(
    service: SignInService, how: str
) -> None:
    from app.errors import NoRole

    _add_staff_without_role(service)

    with pytest.raises(NoRole):
        if how == "pin":
            asyncio.run(service.sign_in("N010", "2468"))
        else:
            asyncio.run(service.sign_in_badge("BADGE-N010"))

    assert service.person is None
    last = _last_audit(service)
    assert (last.actor, last.action) == ("N010", "sign-in")
    assert '"ok": false' in last.detail_json and "no_role" in last.detail_json


def test_a_supervisor_unlock_keeps_the_holder_and_says_who_unlocked(
    service: SignInService,
) -> None:
    async def scenario() -> None:
        await service.sign_in("N001", "1234")
        await service.lock("idle")
        holder = await service.unlock("C001", "9999")

        assert holder.staff_number == "N001"
        assert service.person is not None and service.person.staff_number == "N001"
        assert service.unlocked_by is not None
        assert service.unlocked_by.staff_number == "C001"
        last = _last_audit(service)
        assert (last.actor, last.action) == ("C001", "unlock-for-holder")
        assert '"holder": "N001"' in last.detail_json

        await service.lock("idle")
        await service.unlock("N001", "1234")  # the holder is back
        assert service.unlocked_by is None

    asyncio.run(scenario())


def test_an_unknown_staff_number_costs_the_same_argon2_work_as_a_wrong_pin(
    service: SignInService,
) -> None:
    # A fast "unknown" answer would tell an onlooker which numbers exist.
    import statistics
    import time

    def seconds(number: str) -> float:
        started = time.perf_counter()
        with pytest.raises(WrongCredentials):
            asyncio.run(service.sign_in(number, "0000"))
        return time.perf_counter() - started

    seconds("X404")  # the stand-in hash is made once, here
    unknown, wrong = [], []
    for n in range(4):
        unknown.append(seconds(f"X40{n}"))
        wrong.append(seconds("N002"))

    # Argon2 is ~50 ms a check here, a lookup alone well under 5 ms.
    assert statistics.median(unknown) > 0.5 * statistics.median(wrong)


def test_a_lockout_outlasts_a_restart_of_the_station(service: SignInService) -> None:
    for _ in range(5):
        with pytest.raises(WrongCredentials):
            asyncio.run(service.sign_in("N001", "0000"))

    restarted = SignInService(
        store=service.store, station_id="HD-03", clock=service.clock
    )
    with pytest.raises(LockedOut):
        asyncio.run(restarted.sign_in("N001", "1234"))
    assert asyncio.run(restarted.sign_in("N002", "5678")).staff_number == "N002"

    service.clock.now += timedelta(minutes=6)  # type: ignore[attr-defined]
    again = SignInService(store=service.store, station_id="HD-03", clock=service.clock)
    assert asyncio.run(again.sign_in("N001", "1234")).staff_number == "N001"


def test_failures_before_a_restart_still_count_towards_the_lockout(
    service: SignInService,
) -> None:
    for _ in range(3):
        with pytest.raises(WrongCredentials):
            asyncio.run(service.sign_in("N001", "0000"))

    restarted = SignInService(
        store=service.store, station_id="HD-03", clock=service.clock
    )
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            asyncio.run(restarted.sign_in("N001", "0000"))
    with pytest.raises(LockedOut):
        asyncio.run(restarted.sign_in("N001", "1234"))
