"""The cart's scale feed over the real driver and the simulator on a pty.

A weight arrives and settles; a pulled cable is told to the screens as a
fault, never as a weight; when the cable is back the feed recovers by itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest

from app.waste import LockState, Reading, ScaleWeightLock
from app.waste.scale_feed import ScaleFeed, ScaleFeedThread, driver_readings
from devices.scale import make_driver
from devices.sim.scale_sim import Fault, ScaleSimulator
from devices.transport import SerialLink

pytestmark = pytest.mark.integration

WAIT_S = 10.0


class Watcher:
    """Collects what the feed says, on the feed's thread, and signals events."""

    def __init__(self) -> None:
        self.lock = ScaleWeightLock()
        self.faults: list[Exception] = []
        self.readings_after_fault = 0
        self.locked = threading.Event()
        self.failed = threading.Event()
        self.recovered = threading.Event()

    def reading(self, reading: Reading) -> None:
        if self.faults:
            self.readings_after_fault += 1
            if self.readings_after_fault >= 3:
                self.recovered.set()
        if self.lock.offer(reading) is LockState.LOCKED:
            self.locked.set()

    def fault(self, error: Exception) -> None:
        self.faults.append(error)
        self.lock.lose()
        self.failed.set()


@pytest.fixture
def scale() -> Iterator[ScaleSimulator]:
    sim = ScaleSimulator("toledo", interval_s=0.05, settle_s=0.4)  # type: ignore[arg-type]
    sim.start()
    try:
        yield sim
    finally:
        sim.stop()


def test_weight_fault_and_recovery(scale: ScaleSimulator) -> None:
    feed, watcher = ScaleFeed(), Watcher()
    feed.subscribe(watcher.reading, watcher.fault)
    thread = ScaleFeedThread(
        feed,
        lambda: driver_readings(
            make_driver(
                scale.protocol,
                SerialLink(scale.where, baudrate=scale.line_baud),
                silence_s=0.5,
            )
        ),
        retry_s=0.2,
    )
    thread.start()
    try:
        scale.place(1.75)
        assert watcher.locked.wait(WAIT_S)
        assert watcher.lock.weight().grams == 1750

        scale.set_fault(Fault.DISCONNECT)
        assert watcher.failed.wait(WAIT_S)
        assert watcher.lock.state is LockState.FAULT
        assert watcher.lock.live_g is None  # a fault is never a weight

        scale.set_fault(None)
        assert watcher.recovered.wait(WAIT_S)
        assert watcher.lock.live_g == 1750
        assert Decimal(watcher.lock.live_g) / 1000 == Decimal("1.75")
    finally:
        thread.stop()
