"""The scale and printer a station configuration names, over real endpoints."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.config import PrinterSettings, ScaleSettings
from app.waste import Category, LockState, Reading, ScaleWeightLock
from app.waste.labels import bag_label_layout
from app.waste.records import BagRecord, BagState
from app.waste.station_devices import label_printer_for, scale_feed_for
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scale_sim import ScaleSimulator

pytestmark = pytest.mark.integration


def test_an_auto_scale_is_identified_and_weighs() -> None:
    sim = ScaleSimulator("xk3190-a9", interval_s=0.05, settle_s=0.3, line_baud=4800)  # type: ignore[arg-type]
    sim.start()
    lock, locked = ScaleWeightLock(), threading.Event()

    def offer(reading: Reading) -> None:
        if lock.offer(reading) is LockState.LOCKED:
            locked.set()

    feed, thread = scale_feed_for(ScaleSettings(port=sim.where, protocol="auto"))
    feed.subscribe(offer)
    try:
        sim.place(3.2)
        thread.start()
        assert locked.wait(30.0)
        assert lock.weight().grams == 3200
    finally:
        thread.stop()
        sim.stop()


def test_a_tcp_printer_gets_the_label(tmp_path: Path) -> None:
    sim = PrinterSimulator(tmp_path / "printed", idle_flush_s=0.2)
    host, port = sim.start_tcp()
    try:
        printer = label_printer_for(PrinterSettings(f"tcp://{host}:{port}", "zpl"))
        assert printer is not None
        bag = BagRecord("W123", "urn:uuid:x", Category.SHARPS, "外科",
                        datetime(2026, 12, 3, 1, tzinfo=UTC), BagState.REGISTERED,
                        840, None, False, "")  # fmt: skip
        printer.print_label(
            bag_label_layout(
                bag, hospital="医院", porter="王师傅", zone=ZoneInfo("Asia/Shanghai")
            )
        )
        (job,) = sim.wait_for_jobs(1, timeout_s=5.0)
        assert b"^XA" in job.read_bytes() and b"W123" in job.read_bytes()
        assert label_printer_for(PrinterSettings("Office printer", "system")) is None
    finally:
        sim.stop()
