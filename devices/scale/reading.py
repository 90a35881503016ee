"""What a scale tells us, in types: one weight reading and its flags.

Every scale protocol in this package decodes into `ScaleReading`; nothing
above the parsers sees raw frames. A reading whose value is out of range
(overload, underload) carries no value at all, so it can never be mistaken
for a weight.

This module holds no I/O and no protocol detail.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

POUND_IN_KG = Decimal("0.45359237")  # exact, by definition


class WeightKind(enum.Enum):
    GROSS = "gross"
    NET = "net"  # a tare is active on the scale


class Stability(enum.Enum):
    STABLE = "stable"
    MOTION = "motion"
    UNKNOWN = "unknown"  # the format has no flag; drivers judge it (never emit this)


class Range(enum.Enum):
    OK = "ok"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"


@dataclass(frozen=True)
class ScaleReading:
    """One weight as the scale showed it.

    ``value`` is a Decimal with the scale's own number of decimals, in
    ``unit`` ("kg", "g" or "lb"); it is None when the scale is out of range.
    ``tare`` is the tare the scale reported with the weight, when it did.
    """

    value: Decimal | None
    unit: str
    kind: WeightKind = WeightKind.GROSS
    stability: Stability = Stability.UNKNOWN
    range: Range = Range.OK
    tare: Decimal | None = None

    @property
    def stable(self) -> bool:
        return self.stability is Stability.STABLE

    @property
    def overload(self) -> bool:
        return self.range is Range.OVERLOAD

    @property
    def underload(self) -> bool:
        return self.range is Range.UNDERLOAD

    @property
    def usable(self) -> bool:
        """A weight that may be recorded: in range, with a value, stable."""
        return self.range is Range.OK and self.value is not None and self.stable

    def kilograms(self) -> Decimal | None:
        """The value converted to kilograms (exactly), None when out of range."""
        if self.value is None:
            return None
        if self.unit == "kg":
            return self.value
        if self.unit == "g":
            return self.value / 1000
        if self.unit == "lb":
            return self.value * POUND_IN_KG
        raise ValueError(f"no conversion to kg for unit {self.unit!r}")
