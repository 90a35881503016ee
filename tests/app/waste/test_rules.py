from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.waste import AgeLevel, IntakeTolerance, StoragePolicy


def test_tolerance_is_the_larger_of_percent_and_grams() -> None:
    tolerance = IntakeTolerance(percent=Decimal(2), grams=50)

    assert tolerance.allowed_g(1000) == 50  # 2 % is 20 g, the floor wins
    assert tolerance.allowed_g(10_000) == 200  # 2 % wins
    assert not tolerance.exceeded(10_000, 10_200)
    assert tolerance.exceeded(10_000, 10_201)
    assert tolerance.exceeded(10_000, 9_799)
    assert not tolerance.exceeded(1000, 950)
    assert tolerance.exceeded(1000, 949)


def test_negative_tolerance_is_refused_naming_the_value() -> None:
    with pytest.raises(ValueError, match="-1"):
        IntakeTolerance(percent=Decimal(-1))


@settings(max_examples=50)
@given(
    collection=st.integers(1, 200_000),
    intake=st.integers(1, 200_000),
    percent=st.decimals(0, 20, places=1),
    grams=st.integers(0, 500),
)
def test_tolerance_agrees_with_its_definition(
    collection: int, intake: int, percent: Decimal, grams: int
) -> None:
    tolerance = IntakeTolerance(percent=percent, grams=grams)
    allowed = max(Decimal(collection) * percent / 100, Decimal(grams))
    assert tolerance.exceeded(collection, intake) == (
        abs(intake - collection) > int(allowed)
    )


def test_storage_levels_before_and_at_the_limit() -> None:
    policy = StoragePolicy(limit=timedelta(hours=48), warn_before=timedelta(hours=6))
    stored = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    assert policy.level(stored, stored + timedelta(hours=41, minutes=59)) is (
        AgeLevel.OK
    )
    assert policy.level(stored, stored + timedelta(hours=42)) is AgeLevel.WARNING
    assert policy.level(stored, stored + timedelta(hours=47, minutes=59)) is (
        AgeLevel.WARNING
    )
    assert policy.level(stored, stored + timedelta(hours=48)) is AgeLevel.OVERDUE
    assert policy.fraction_used(stored, stored + timedelta(hours=24)) == 0.5


def test_storage_limit_is_configurable_and_checked() -> None:
    policy = StoragePolicy(limit=timedelta(hours=24), warn_before=timedelta(hours=2))
    stored = datetime(2026, 12, 1, tzinfo=UTC)
    assert policy.level(stored, stored + timedelta(hours=23)) is AgeLevel.WARNING

    with pytest.raises(ValueError, match="warning"):
        StoragePolicy(limit=timedelta(hours=1), warn_before=timedelta(hours=2))
