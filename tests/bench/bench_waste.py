"""Waste station benchmarks: per-bag time at the ward, and tracing one bag.

1. Scan to label sent: a pre-printed code is scanned (fast keystrokes into the
   round screen), the scale's reading is already stable (its settling is not
   counted), the porter taps the category; the clock stops when the printer
   simulator on TCP 127.0.0.1 has received the whole TSPL job. The bag is
   recorded in the real store (bag, event, audit row, outbox Task in one
   transaction) on the way.
2. Trace among 100,000 bags: a store holding 100,000 bags, each with four
   steps, is searched by bag code through ``WasteService.trace``.

Percentiles are printed; nothing is asserted about time.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from app.store.db import Store
from app.store.models import Staff, WasteBag, WasteEvent
from app.waste import Category, LockState, WasteService
from app.waste.labels import RenderingLabelPrinter, blocking_send
from app.waste.scale_feed import ScaleFeed
from devices.printer.sender import tcp_printer
from devices.sim.printer_sim import PrinterSimulator
from tests.ui.waste.conftest import PORTER, WARDS, FeedReading, SignedIn
from ui.waste import WasteScreenServices
from ui.waste.round_screen import RoundScreen
from ui.widgets.scanner import ScanFilter

BAGS = 60
TRACED_AMONG = 100_000
TRACES = 500


def percentiles(samples_s: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples_s)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return (
        f"n={len(ms)} p50={q[49]:.1f} ms p95={q[94]:.1f} ms "
        f"p99={q[98]:.1f} ms max={ms[-1]:.1f} ms"
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "bench.db")
    try:
        yield store
    finally:
        store.close()


def test_bench_scan_to_label_sent(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    printer = PrinterSimulator(tmp_path / "printed", idle_flush_s=0.2)
    host, port = printer.start_tcp()
    feed = ScaleFeed()
    services = WasteScreenServices(
        waste=WasteService(store, "cart-bench"),
        scale=feed,
        printer=RenderingLabelPrinter(
            "tspl", blocking_send(tcp_printer(host, port).send)
        ),
        signed_in=SignedIn(PORTER),
        wards=WARDS,
        hospital="市第一人民医院",
        zone=ZoneInfo("Asia/Shanghai"),
        manifest_folder=tmp_path,
    )
    store.writer.submit(
        lambda s: s.add(Staff(staff_number=PORTER.staff_number, name=PORTER.name,
                              role=PORTER.role))
    ).result(5)  # fmt: skip
    screen = RoundScreen(services)
    qtbot.addWidget(screen)
    scans = ScanFilter(screen)
    scans.watch(screen)
    scans.scanned.connect(screen.handle_scan)
    screen.resize(1280, 800)
    screen.show()

    samples: list[float] = []
    try:
        for number in range(BAGS):
            feed.publish(FeedReading(Decimal("0.000")))
            code = f"PRE{number:06d}"
            started = time.perf_counter()
            qtbot.keyClicks(screen, code)
            qtbot.keyClick(screen, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda c=code: screen.pending_code == c, timeout=5000)
            feed.publish(FeedReading(Decimal("1.234")))  # already settled
            assert screen.lock.state is LockState.LOCKED
            button = screen.category_buttons[Category.INFECTIOUS]
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda n=number: len(printer.jobs) == n + 1, timeout=5000)
            samples.append(time.perf_counter() - started)
            qtbot.waitUntil(lambda: not screen.printing, timeout=5000)
    finally:
        printer.stop()
    print(f"\nwaste: scan to label sent over TCP ({BAGS} bags): {percentiles(samples)}")


def fill(store: Store, count: int) -> list[str]:
    """``count`` handed-out bags with their four steps, inserted in bulk."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    codes = [f"B{n:09d}" for n in range(count)]
    categories = [c.value for c in Category]

    def work(session: object) -> None:
        bags = [
            {
                "identifier": f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
                "bag_code": code,
                "category": categories[n % 5],
                "department": WARDS[n % 3],
                "produced_at": at,
                "state": "handed_out",
                "collection_weight_g": 1000 + n % 900,
                "intake_weight_g": 1000 + n % 900,
                "weight_typed": False,
                "notes": "",
            }
            for n, code in enumerate(codes)
        ]
        session.execute(insert(WasteBag), bags)  # type: ignore[attr-defined]
        detail = json.dumps({"weight_source": "scale"})
        events = [
            {
                "identifier": f"urn:uuid:00000000-0000-4000-9{step}00-{n:012d}",
                "bag_id": n + 1,
                "kind": kind,
                "at": at + timedelta(hours=step),
                "from_person": "李护士 (N001)",
                "to_person": "王师傅 (P001)",
                "location": WARDS[n % 3],
                "weight_g": 1000 + n % 900,
                "detail_json": detail,
            }
            for n in range(count)
            for step, kind in enumerate(
                ("registered", "collected", "intake", "outbound")
            )
        ]
        session.execute(insert(WasteEvent), events)  # type: ignore[attr-defined]

    store.writer.submit(work).result(600)
    return codes


def test_bench_trace_among_100000_bags(store: Store) -> None:
    started = time.perf_counter()
    codes = fill(store, TRACED_AMONG)
    filled_s = time.perf_counter() - started
    service = WasteService(store, "storage-bench")
    picks = random.Random(5).sample(codes, TRACES)

    samples: list[float] = []
    for code in picks:
        begun = time.perf_counter()
        trace = service.trace(code)
        samples.append(time.perf_counter() - begun)
        assert len(trace.steps) == 4
    print(
        f"\nwaste: trace one bag among {TRACED_AMONG:,} bags "
        f"({4 * TRACED_AMONG:,} steps, filled in {filled_s:.1f} s): "
        f"{percentiles(samples)}"
    )
