from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from app.waste import (
    LockState,
    OverrideRefused,
    ScaleWeightLock,
    Weight,
    WeightNotUsable,
    grams_of,
)
from tests.app.waste.conftest import ADMIN, PORTER


@dataclass(frozen=True)
class FakeReading:
    value: Decimal | None
    unit: str = "kg"
    stable: bool = True
    overload: bool = False
    underload: bool = False


def test_grams_from_each_unit() -> None:
    assert grams_of(FakeReading(Decimal("4.139"))) == 4139
    assert grams_of(FakeReading(Decimal("250.0"), unit="g")) == 250
    assert grams_of(FakeReading(Decimal("1.00"), unit="lb")) == 454
    assert grams_of(FakeReading(None, overload=True)) is None


def test_lock_takes_the_first_stable_weight_and_keeps_it() -> None:
    lock = ScaleWeightLock()

    assert lock.offer(FakeReading(Decimal("0.003"))) is LockState.EMPTY
    assert lock.offer(FakeReading(Decimal("2.40"), stable=False)) is (
        LockState.SETTLING
    )
    with pytest.raises(WeightNotUsable):
        lock.weight()
    assert lock.offer(FakeReading(Decimal("2.35"))) is LockState.LOCKED
    assert lock.offer(FakeReading(Decimal("2.37"))) is LockState.LOCKED
    assert lock.offer(FakeReading(Decimal("2.33"), stable=False)) is (LockState.LOCKED)

    assert lock.weight() == Weight.from_scale(2350)
    assert lock.live_g == 2330
    lock.release()
    assert lock.state is LockState.RECORDED


def test_a_recorded_bag_must_leave_the_platform_before_the_next_locks() -> None:
    lock = ScaleWeightLock()
    lock.offer(FakeReading(Decimal("2.35")))
    lock.release()

    assert lock.offer(FakeReading(Decimal("2.35"))) is LockState.RECORDED
    assert lock.offer(FakeReading(Decimal("0.000"))) is LockState.EMPTY
    assert lock.offer(FakeReading(Decimal("1.10"))) is LockState.LOCKED
    lock.release(recorded=False)
    assert lock.offer(FakeReading(Decimal("1.10"))) is LockState.LOCKED


def test_taking_the_bag_off_unlocks_an_unused_weight() -> None:
    lock = ScaleWeightLock()
    lock.offer(FakeReading(Decimal("2.35")))
    assert lock.offer(FakeReading(Decimal("0.000"))) is LockState.EMPTY
    with pytest.raises(WeightNotUsable):
        lock.weight()


def test_a_swapped_bag_never_gets_the_old_weight() -> None:
    lock = ScaleWeightLock()
    lock.offer(FakeReading(Decimal("2.35")))

    # Another bag on the platform without it emptying: stable at once.
    assert lock.offer(FakeReading(Decimal("2.50"))) is LockState.SETTLING
    with pytest.raises(WeightNotUsable):
        lock.weight()
    assert lock.offer(FakeReading(Decimal("2.50"))) is LockState.LOCKED
    assert lock.weight() == Weight.from_scale(2500)


def test_a_bag_moving_on_the_platform_beyond_the_hold_unlocks() -> None:
    lock = ScaleWeightLock(hold_g=50)
    lock.offer(FakeReading(Decimal("2.35")))

    assert lock.offer(FakeReading(Decimal("3.10"), stable=False)) is (
        LockState.SETTLING
    )
    with pytest.raises(WeightNotUsable):
        lock.weight()


@pytest.mark.parametrize(
    "reading",
    [
        FakeReading(None, overload=True),
        FakeReading(None, underload=True),
        FakeReading(Decimal("99.9"), overload=True),
        FakeReading(None),
    ],
    ids=["overload", "underload", "overload-with-value", "no-value"],
)
def test_out_of_range_drops_a_lock(reading: FakeReading) -> None:
    lock = ScaleWeightLock()
    lock.offer(FakeReading(Decimal("2.35")))

    assert lock.offer(reading) is LockState.FAULT
    with pytest.raises(WeightNotUsable):
        lock.weight()
    # Back in range: whatever is there now locks as itself.
    assert lock.offer(FakeReading(Decimal("2.80"))) is LockState.LOCKED
    assert lock.weight() == Weight.from_scale(2800)


def test_a_reading_in_an_unknown_unit_is_a_fault_not_an_exception() -> None:
    lock = ScaleWeightLock()
    lock.offer(FakeReading(Decimal("2.35")))

    assert lock.offer(FakeReading(Decimal("2.35"), unit="pcs")) is LockState.FAULT
    assert "pcs" in lock.fault_reason
    with pytest.raises(WeightNotUsable):
        lock.weight()
    assert lock.offer(FakeReading(Decimal("2.40"))) is LockState.LOCKED
    assert lock.fault_reason == ""


def test_overload_is_a_fault_never_a_weight() -> None:
    lock = ScaleWeightLock()
    assert lock.offer(FakeReading(None, overload=True)) is LockState.FAULT
    with pytest.raises(WeightNotUsable):
        lock.weight()


def test_typed_weight_needs_an_administrator_and_a_reason() -> None:
    with pytest.raises(OverrideRefused, match="P001"):
        Weight.typed(1200, PORTER, "scale broken")
    with pytest.raises(OverrideRefused, match="reason"):
        Weight.typed(1200, ADMIN, "   ")

    weight = Weight.typed(1200, ADMIN, "scale broken")
    assert weight.is_typed
    assert weight.detail() == {
        "weight_g": 1200,
        "weight_source": "typed",
        "override_by": "A001",
        "override_reason": "scale broken",
    }
