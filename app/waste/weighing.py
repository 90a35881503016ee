"""Weights that only a scale wrote, and the one exception an administrator may make.

A ``ScaleWeightLock`` watches readings from the scale and locks the first
stable, in-range, positive weight; it stays locked until released (the bag
was recorded) and lets go when the load changes, leaves or goes out of
range. A ``Weight`` is what the domain
records: grams as an int, and where the number came from. A typed weight
exists only through ``Weight.typed``, which demands an administrator and a
reason, and it stays flagged everywhere it is shown or sent.

This module does no I/O: readings are handed in by whoever owns the scale.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Protocol

from app.waste.errors import OverrideRefused, WeightNotUsable
from app.waste.people import Person

_GRAMS_PER_UNIT = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "lb": Decimal("453.59237"),
}


class Reading(Protocol):
    """What the waste domain needs of a scale reading.

    ``devices.scale.reading.ScaleReading`` has this shape; so does any test
    feed. ``value`` is None when the scale is out of range.
    """

    @property
    def value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def stable(self) -> bool: ...
    @property
    def overload(self) -> bool: ...
    @property
    def underload(self) -> bool: ...


def grams_of(reading: Reading) -> int | None:
    """The reading in whole grams (half-even), None when out of range."""
    if reading.value is None or reading.overload or reading.underload:
        return None
    factor = _GRAMS_PER_UNIT.get(reading.unit)
    if factor is None:
        raise ValueError(f"scale unit {reading.unit!r} is not a weight unit")
    grams = (reading.value * factor).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return int(grams)


class WeightSource(enum.Enum):
    SCALE = "scale"
    TYPED = "typed"  # administrator override; flagged wherever it appears


@dataclass(frozen=True)
class Weight:
    grams: int
    source: WeightSource
    override_by: Person | None = None
    reason: str = ""

    @classmethod
    def from_scale(cls, grams: int) -> Weight:
        if grams <= 0:
            raise WeightNotUsable(f"scale weight {grams} g is not a bag")
        return cls(grams, WeightSource.SCALE)

    @classmethod
    def typed(cls, grams: int, admin: Person, reason: str) -> Weight:
        """A weight typed by hand: only an administrator, only with a reason."""
        if not admin.is_admin:
            raise OverrideRefused(
                f"{admin.staff_number} is {admin.role}; only an administrator "
                "may type a weight"
            )
        if not reason.strip():
            raise OverrideRefused("a typed weight needs a reason")
        if grams <= 0:
            raise WeightNotUsable(f"typed weight {grams} g is not a bag")
        return cls(grams, WeightSource.TYPED, admin, reason.strip())

    @property
    def is_typed(self) -> bool:
        return self.source is WeightSource.TYPED

    def detail(self) -> dict[str, object]:
        """The weight's provenance for an event or audit row."""
        detail: dict[str, object] = {
            "weight_g": self.grams,
            "weight_source": self.source.value,
        }
        if self.override_by is not None:
            detail["override_by"] = self.override_by.staff_number
            detail["override_reason"] = self.reason
        return detail


class LockState(enum.Enum):
    EMPTY = "empty"  # nothing (or nothing usable) on the platform
    SETTLING = "settling"  # a weight, not yet stable
    LOCKED = "locked"
    FAULT = "fault"  # overload, underload, or the scale stopped answering
    RECORDED = "recorded"  # the bag was recorded; waiting for it to be taken off


class ScaleWeightLock:
    """Locks the first stable positive weight until ``release``.

    A locked weight always belongs to the load on the platform now: taking
    the bag off, an overload, an underload or a reading without a value
    drops the lock, and so does a weight that moves more than ``hold_g``
    from the locked one (a bag swapped or added without the platform
    emptying); the new load locks once the scale calls it stable again.
    Small movements (vibration, one display step) keep the lock.

    ``minimum_g`` keeps an empty platform's drift from locking as a bag.
    """

    def __init__(self, minimum_g: int = 10, hold_g: int = 50) -> None:
        self.minimum_g = minimum_g
        self.hold_g = hold_g
        self.state = LockState.EMPTY
        self.live_g: int | None = None
        self.locked_g: int | None = None
        self.fault_reason = ""

    def offer(self, reading: Reading) -> LockState:
        """Take one reading; returns the state after it.

        A reading in a unit that is not a weight unit (a scale set to pieces,
        or a unit we do not convert) is a fault, never an exception and never
        a weight.
        """
        try:
            grams = grams_of(reading)
        except ValueError as error:
            self.lose()
            self.fault_reason = str(error)
            return self.state
        self.fault_reason = ""
        self.live_g = grams
        on_platform = grams is not None and grams >= self.minimum_g
        if self.state is LockState.RECORDED and on_platform:
            return self.state  # the recorded bag has not been taken off yet
        if self.state is LockState.LOCKED and on_platform:
            assert grams is not None and self.locked_g is not None
            if abs(grams - self.locked_g) <= self.hold_g:
                return self.state
            self.locked_g = None  # another load: its weight must settle anew
            self.state = LockState.SETTLING
            return self.state
        self.locked_g = None
        if grams is None:
            self.state = LockState.FAULT
        elif grams < self.minimum_g:
            self.state = LockState.EMPTY
        elif reading.stable:
            self.state = LockState.LOCKED
            self.locked_g = grams
        else:
            self.state = LockState.SETTLING
        return self.state

    def lose(self) -> None:
        """The scale stopped answering: nothing it said before counts now."""
        self.state = LockState.FAULT
        self.live_g = None
        self.locked_g = None

    def weight(self) -> Weight:
        """The locked weight; WeightNotUsable when nothing is locked."""
        if self.state is not LockState.LOCKED or self.locked_g is None:
            raise WeightNotUsable("no stable weight is locked on the scale")
        return Weight.from_scale(self.locked_g)

    def release(self, *, recorded: bool = True) -> None:
        """Unlock; after a recorded bag, wait for the platform to empty first."""
        self.state = LockState.RECORDED if recorded else LockState.EMPTY
        self.locked_g = None
