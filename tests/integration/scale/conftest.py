"""Simulators on real pseudo-terminals, started per test and always stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest

from devices.sim.scale_sim import ScaleSimulator

T = TypeVar("T")
# Fast settling keeps the suite short; the shape (ramp, overshoot, noise,
# settle) is the same as in a demo.
FAST = {"interval_s": 0.05, "settle_s": 0.4}


def run(coroutine: Coroutine[Any, Any, T], timeout_s: float = 20.0) -> T:
    """Run one test coroutine on a fresh loop, with an overall time-out."""

    async def bounded() -> T:
        return await asyncio.wait_for(coroutine, timeout_s)

    return asyncio.run(bounded())


@pytest.fixture
def simulator() -> Iterator[Callable[..., ScaleSimulator]]:
    started: list[ScaleSimulator] = []

    def start(protocol: str, **options: Any) -> ScaleSimulator:
        sim = ScaleSimulator(protocol, **{**FAST, **options})
        sim.start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()
