"""Exponential back-off with full jitter, and the ``Retry-After`` header.

Full jitter (a uniform wait between zero and the exponential cap) spreads
fifty stations that come back after an outage over the whole window instead
of sending them all at the same instant. This module only computes waits; it
never sleeps.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

DEFAULT_BASE_S = 1.0
DEFAULT_CAP_S = 300.0


class Backoff:
    """Waits for consecutive failures; `reset` after a success."""

    def __init__(
        self,
        base_s: float = DEFAULT_BASE_S,
        cap_s: float = DEFAULT_CAP_S,
        uniform: Callable[[float, float], float] | None = None,
    ) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError(f"need 0 < base_s <= cap_s, got {base_s}, {cap_s}")
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._uniform = uniform or random.uniform

    def next_wait_s(self, retry_after_s: float | None = None) -> float:
        """Count one failure and return how long to wait before the next try.

        A server's ``Retry-After`` is a floor: we never come back sooner than
        asked, and still add jitter above it so stations do not line up.
        """
        ceiling = min(self.cap_s, self.base_s * 2.0**self.failures)
        self.failures += 1
        wait = self._uniform(0.0, ceiling)
        if retry_after_s is not None:
            wait = max(wait, retry_after_s) + self._uniform(0.0, self.base_s)
        return wait

    def reset(self) -> None:
        self.failures = 0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
