"""A simulated machine on a real pseudo-terminal and the real driver on it.

Timers are the standard's scaled by TIMER_SCALE on both sides so that a
fault shows within seconds: 1.5 s for a reply, 3 s for the receiver, 0.1 s
and 2 s for contention. The line runs at BAUD, paced by the simulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from devices.dialysis.astm import AstmDialysisDriver, AstmTimers
from devices.dialysis.model import LinkEvent, LinkState, MachineEvent, Reading
from devices.sim.dialysis_astm import AstmMachineEndpoint
from devices.transport import Link, ReconnectingLink, SerialLink

TIMER_SCALE = 0.1
TIMERS = AstmTimers().scaled(TIMER_SCALE)
BAUD = 19200
REPORT_INTERVAL_S = 0.5

# What the tests promise about link state (see test_faults.py).
SILENCE_DEGRADED_S = 2.0
SILENCE_DISCONNECTED_S = 5.0
SLOW_REPLY_S = 1.0


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[AstmMachineEndpoint]:
    machine = AstmMachineEndpoint.for_new_machine(
        "SN-IT-1",
        time_scale=60.0,
        seed=4,
        baudrate=BAUD,
        report_interval_s=REPORT_INTERVAL_S,
        timers=TIMERS,
        link_dir=tmp_path,
    )
    machine.start()
    yield machine
    machine.stop()


def reconnecting_serial(endpoint: AstmMachineEndpoint) -> ReconnectingLink:
    return ReconnectingLink(
        lambda: SerialLink(str(endpoint.path), baudrate=BAUD),
        first_retry_s=0.1,
        max_retry_s=0.4,
    )


def make_driver(link: Link, **options: Any) -> AstmDialysisDriver:
    settings: dict[str, Any] = {
        "timers": TIMERS,
        "request_timeout_s": 10.0,
        "slow_reply_s": SLOW_REPLY_S,
        "silence_degraded_s": SILENCE_DEGRADED_S,
        "silence_disconnected_s": SILENCE_DISCONNECTED_S,
    }
    settings.update(options)
    return AstmDialysisDriver(link, **settings)


@dataclass
class EventLog:
    """Everything the driver's events() gave, with its arrival time."""

    driver: AstmDialysisDriver
    events: list[tuple[float, MachineEvent]] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._collect())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _collect(self) -> None:
        async for event in self.driver.events():
            self.events.append((time.monotonic(), event))
            self._changed.set()

    async def wait_for(
        self, condition: Callable[[], bool], timeout_s: float, what: str
    ) -> float:
        """Wait until ``condition()``; the moment it became true."""

        async def wait() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        try:
            await asyncio.wait_for(wait(), timeout_s)
        except TimeoutError:
            raise AssertionError(f"not within {timeout_s} s: {what}") from None
        return time.monotonic()

    def readings(self) -> list[Reading]:
        return [e for _, e in self.events if isinstance(e, Reading)]

    def link_events(self) -> list[tuple[float, LinkEvent]]:
        return [(t, e) for t, e in self.events if isinstance(e, LinkEvent)]

    def state_after(self, since: float) -> list[tuple[float, LinkState, str]]:
        return [(t, e.state, e.reason) for t, e in self.link_events() if t >= since]


def run(coroutine: Any, timeout_s: float = 60.0) -> Any:
    return asyncio.run(asyncio.wait_for(coroutine, timeout_s))
