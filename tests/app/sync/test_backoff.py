"""Back-off waits and Retry-After parsing, with an injected random source."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.sync.backoff import Backoff, parse_retry_after


def _upper(low: float, high: float) -> float:
    return high


def test_the_ceiling_doubles_until_the_cap() -> None:
    backoff = Backoff(base_s=1.0, cap_s=10.0, uniform=_upper)
    assert [backoff.next_wait_s() for _ in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    backoff.reset()
    assert backoff.next_wait_s() == 1.0


def test_full_jitter_draws_between_zero_and_the_ceiling() -> None:
    asked: list[tuple[float, float]] = []

    def record(low: float, high: float) -> float:
        asked.append((low, high))
        return low

    backoff = Backoff(base_s=0.5, cap_s=100.0, uniform=record)
    assert backoff.next_wait_s() == 0.0
    backoff.next_wait_s()
    assert asked == [(0.0, 0.5), (0.0, 1.0)]


def test_retry_after_is_a_floor_with_jitter_above_it() -> None:
    backoff = Backoff(base_s=1.0, cap_s=4.0, uniform=_upper)
    assert backoff.next_wait_s(retry_after_s=30.0) == 31.0


def test_bad_settings_name_the_values() -> None:
    with pytest.raises(ValueError, match=r"0\.0"):
        Backoff(base_s=0.0)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2026, 12, 3, 14, 2, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Thu, 03 Dec 2026 14:02:30 GMT", now) == 30.0
    assert parse_retry_after("Thu, 03 Dec 2026 14:01:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
