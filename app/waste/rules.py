"""The waste station's configurable limits: intake tolerance and storage age.

Pure functions over numbers and times; no store, no clock of their own (the
caller passes ``now``), so every rule is tested with plain values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

DEFAULT_STORAGE_LIMIT = timedelta(hours=48)  # 医疗废物管理条例 art. 17
DEFAULT_WARN_BEFORE = timedelta(hours=6)


@dataclass(frozen=True)
class IntakeTolerance:
    """How far the intake weight may differ from the collection weight.

    The allowed difference is the larger of ``percent`` of the collection
    weight and ``grams``: the percentage governs heavy bags, the gram floor
    keeps a light bag from being blocked by the scale's own resolution.
    """

    percent: Decimal = Decimal(2)
    grams: int = 50

    def __post_init__(self) -> None:
        if self.percent < 0 or self.grams < 0:
            raise ValueError(
                f"tolerance must not be negative: {self.percent} %, {self.grams} g"
            )

    def allowed_g(self, collection_g: int) -> int:
        by_percent = (Decimal(collection_g) * self.percent / 100).to_integral_value(
            rounding=ROUND_FLOOR
        )
        return max(int(by_percent), self.grams)

    def exceeded(self, collection_g: int, intake_g: int) -> bool:
        return abs(intake_g - collection_g) > self.allowed_g(collection_g)


class AgeLevel(enum.IntEnum):
    OK = 0
    WARNING = 1  # within ``warn_before`` of the limit
    OVERDUE = 2  # at or past the limit


@dataclass(frozen=True)
class StoragePolicy:
    limit: timedelta = DEFAULT_STORAGE_LIMIT
    warn_before: timedelta = DEFAULT_WARN_BEFORE

    def __post_init__(self) -> None:
        if self.limit <= timedelta(0) or not (
            timedelta(0) <= self.warn_before < self.limit
        ):
            raise ValueError(
                f"storage limit {self.limit} and warning {self.warn_before} "
                "must satisfy 0 <= warning < limit"
            )

    def level(self, stored_at: datetime, now: datetime) -> AgeLevel:
        age = now - stored_at
        if age >= self.limit:
            return AgeLevel.OVERDUE
        if age >= self.limit - self.warn_before:
            return AgeLevel.WARNING
        return AgeLevel.OK

    def fraction_used(self, stored_at: datetime, now: datetime) -> float:
        """Age as a share of the limit (0.0 fresh, 1.0 at the limit)."""
        return max(0.0, (now - stored_at) / self.limit)
