"""Stability for formats that carry no flag: a run of equal readings in time.

A weight is judged stable once the same value has been seen at least
``min_readings`` times in a row AND has stayed for at least ``min_seconds``
on the injected clock. Both conditions matter: a scale that streams at 20 Hz
would otherwise pass a count in a quarter of a second, and a slow one would
pass a time with a single reading.

No I/O, no threads; the clock comes in through the constructor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

DEFAULT_MIN_READINGS = 5
DEFAULT_MIN_SECONDS = 0.8


class StabilityJudge:
    """Feed it each value as it arrives; it answers whether the weight is stable.

    ``tolerance`` is how far two readings may differ and still count as
    equal, in the scale's unit (0: exactly equal, the right choice when the
    indicator already rounds to its display increment).
    """

    def __init__(
        self,
        *,
        min_readings: int = DEFAULT_MIN_READINGS,
        min_seconds: float = DEFAULT_MIN_SECONDS,
        tolerance: Decimal = Decimal(0),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if min_readings < 2:
            raise ValueError(f"min_readings must be at least 2, got {min_readings}")
        if min_seconds < 0:
            raise ValueError(f"min_seconds must not be negative, got {min_seconds}")
        if tolerance < 0:
            raise ValueError(f"tolerance must not be negative, got {tolerance}")
        self.min_readings = min_readings
        self.min_seconds = min_seconds
        self.tolerance = tolerance
        self._clock = clock
        self._anchor: Decimal | None = None
        self._run = 0
        self._since = 0.0

    def judge(self, value: Decimal | None) -> bool:
        """Record ``value`` (None: out of range) and say if the run is stable."""
        now = self._clock()
        if value is None:
            self.reset()
            return False
        if self._anchor is None or abs(value - self._anchor) > self.tolerance:
            self._anchor, self._run, self._since = value, 1, now
            return False
        self._run += 1
        return self._run >= self.min_readings and now - self._since >= self.min_seconds

    def reset(self) -> None:
        """Forget the run (after silence, an error, a zero or a tare)."""
        self._anchor, self._run = None, 0
