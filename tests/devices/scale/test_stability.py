"""The stability judge: a run of equal readings that lasts long enough."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devices.scale.stability import StabilityJudge


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _feed(
    judge: StabilityJudge, clock: Clock, values: list[str], step_s: float
) -> list[bool]:
    verdicts = []
    for value in values:
        verdicts.append(judge.judge(Decimal(value)))
        clock.now += step_s
    return verdicts


def test_stable_after_enough_equal_readings_over_enough_time() -> None:
    clock = Clock()
    judge = StabilityJudge(min_readings=3, min_seconds=0.5, clock=clock)

    verdicts = _feed(judge, clock, ["1.00"] * 4, step_s=0.25)

    # 3 readings come at 0.5 s after the first: both conditions met then.
    assert verdicts == [False, False, True, True]


def test_count_alone_is_not_enough_when_readings_come_fast() -> None:
    clock = Clock()
    judge = StabilityJudge(min_readings=3, min_seconds=1.0, clock=clock)

    verdicts = _feed(judge, clock, ["1.00"] * 10, step_s=0.05)

    assert not any(verdicts)


def test_time_alone_is_not_enough_when_readings_are_few() -> None:
    clock = Clock()
    judge = StabilityJudge(min_readings=5, min_seconds=0.1, clock=clock)

    assert _feed(judge, clock, ["1.00"] * 4, step_s=1.0) == [False] * 4


def test_a_changed_value_restarts_the_run() -> None:
    clock = Clock()
    judge = StabilityJudge(min_readings=2, min_seconds=0.0, clock=clock)

    verdicts = _feed(judge, clock, ["1.00", "1.00", "1.01", "1.01"], step_s=0.1)

    assert verdicts == [False, True, False, True]


def test_tolerance_counts_near_values_as_equal() -> None:
    clock = Clock()
    judge = StabilityJudge(
        min_readings=3, min_seconds=0.0, tolerance=Decimal("0.01"), clock=clock
    )

    assert _feed(judge, clock, ["1.00", "1.01", "0.99"], step_s=0.1)[-1] is True


def test_out_of_range_and_reset_break_the_run() -> None:
    clock = Clock()
    judge = StabilityJudge(min_readings=2, min_seconds=0.0, clock=clock)
    judge.judge(Decimal(1))

    assert judge.judge(None) is False
    assert judge.judge(Decimal(1)) is False
    judge.reset()
    assert judge.judge(Decimal(1)) is False
    assert judge.judge(Decimal(1)) is True


@pytest.mark.parametrize(
    "kwargs",
    [{"min_readings": 1}, {"min_seconds": -1.0}, {"tolerance": Decimal("-0.1")}],
)
def test_bad_settings_are_refused_with_the_value(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"-1|1"):
        StabilityJudge(**kwargs)  # type: ignore[arg-type]
