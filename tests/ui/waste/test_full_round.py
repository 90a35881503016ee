"""A whole waste round through the screens, as the porter and keeper do it.

Check-in (a signed-in porter), three wards, bags of several categories
weighed on the Toledo scale simulator over a pseudo-terminal through the real
driver, and labelled (TSPL jobs sent over TCP to the printer simulator), both confirmations at each ward, the cart's load, storage intake with
one bag beyond tolerance (blocked, then accepted with a reason), one bag past
the storage limit alarming on a turned clock, the outbound manifest, then the
trace of every bag and the outbox Task rows of every step.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.fhir_server import FhirServerProcess
from app.errors import PlatformUnreachable
from app.store.db import Store
from app.store.models import Alarm, OutboxEntry
from app.sync import mapping
from app.sync.local import SqlOutbox
from app.sync.push import Pusher, PushResult
from app.waste import AgeLevel, BagState, Category, LockState, ScaleWeightLock, Step
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scale_sim import ScaleSimulator
from tests.app.sync.helpers import client_for, outbox_statuses, run
from tests.ui.waste.conftest import (
    BADGES,
    DRIVERS,
    KEEPER,
    NURSES,
    VEHICLES,
    WARDS,
    PrinterEndpoint,
    SignedIn,
    TurnableClock,
)
from ui.waste import WasteScreenServices, build_waste_screens
from ui.waste.cart_screen import CartScreen
from ui.waste.intake_screen import IntakeScreen
from ui.waste.outbound_screen import OutboundScreen
from ui.waste.round_screen import RoundScreen
from ui.waste.stock_screen import StockScreen
from ui.waste.trace_screen import TraceScreen

# ward -> bags as (category, kg, pre-printed code or None)
ROUND = {
    WARDS[0]: [(Category.INFECTIOUS, "2.35", "PRE0001"), (Category.SHARPS, "0.84", None)],
    WARDS[1]: [(Category.PATHOLOGICAL, "3.10", None), (Category.INFECTIOUS, "4.02", None)],
    WARDS[2]: [(Category.CHEMICAL, "1.27", None), (Category.PHARMACEUTICAL, "0.66", None)],
}  # fmt: skip
WAIT_MS = 5000


class Station:
    """The shell's stack of screens, one showing at a time, as in the app."""

    def __init__(self, qtbot: QtBot, services: WasteScreenServices) -> None:
        self.qtbot = qtbot
        self.stack = QStackedWidget()
        qtbot.addWidget(self.stack)
        self.screens: dict[str, QWidget] = {}
        for key, _title, widget in build_waste_screens(services):
            self.stack.addWidget(widget)
            self.screens[key] = widget
        self.stack.resize(1280, 800)
        self.stack.show()

    def open(self, key: str) -> QWidget:
        screen = self.screens[key]
        self.stack.setCurrentWidget(screen)
        return screen

    def scan(self, code: str) -> None:
        """A barcode scanner: fast keystrokes ending in Enter, wherever the focus."""
        target = self.stack.currentWidget()
        self.qtbot.keyClicks(target, code)
        self.qtbot.keyClick(target, Qt.Key.Key_Return)


def weigh(
    qtbot: QtBot, scale: ScaleSimulator, lock: ScaleWeightLock, kg: Decimal
) -> int:
    """Take the last bag off, put this one on; the weight it locks at."""
    scale.remove()
    qtbot.waitUntil(
        lambda: lock.state is LockState.EMPTY and lock.live_g == 0, timeout=WAIT_MS
    )
    scale.place(float(kg))
    qtbot.waitUntil(lambda: lock.state is LockState.LOCKED, timeout=WAIT_MS)
    assert lock.locked_g is not None
    assert abs(lock.locked_g - kg * 1000) <= 10  # the display increment
    return lock.locked_g


def do_round(
    station: Station, scale: ScaleSimulator, printer: PrinterSimulator
) -> list[str]:
    qtbot = station.qtbot
    screen = station.open("waste.round")
    assert isinstance(screen, RoundScreen)
    codes: list[str] = []
    for ward, bags in ROUND.items():
        assert screen.ward == ward
        for category, kg, preprinted in bags:
            if preprinted:
                station.scan(preprinted)
                qtbot.waitUntil(
                    lambda: screen.pending_code is not None, timeout=WAIT_MS
                )
            grams = weigh(qtbot, scale, screen.lock, Decimal(kg))
            printed = len(printer.jobs) + 1
            qtbot.mouseClick(
                screen.category_buttons[category], Qt.MouseButton.LeftButton
            )
            qtbot.waitUntil(lambda n=printed: len(printer.jobs) == n, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: not screen.printing, timeout=WAIT_MS)
            bag = screen.ward_bags[-1]
            assert (bag.collection_weight_g, bag.category) == (grams, category)
            job = printer.jobs[-1].read_bytes()
            assert bag.code.encode() in job and b"PRINT 1" in job
            assert screen.preview.layout_shown is not None
            codes.append(bag.code)
        assert not screen.handover_button.isEnabled()  # nobody confirmed yet
        station.scan(BADGES[NURSES[ward].staff_number])
        qtbot.waitUntil(lambda: screen.nurse is not None, timeout=WAIT_MS)
        qtbot.mouseClick(screen.porter_button, Qt.MouseButton.LeftButton)
        assert screen.handover_button.isEnabled()
        qtbot.mouseClick(screen.handover_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda w=ward: w in screen.wards_done, timeout=WAIT_MS)
    assert codes[0] == "PRE0001"
    return codes


def receive(
    station: Station, scale: ScaleSimulator, code: str, kg: Decimal, reason: bool
) -> None:
    qtbot = station.qtbot
    screen = station.open("waste.intake")
    assert isinstance(screen, IntakeScreen)
    station.scan(code)
    qtbot.waitUntil(lambda: screen.bag is not None, timeout=WAIT_MS)
    weigh(qtbot, scale, screen.lock, kg)
    qtbot.waitUntil(screen.receive_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(screen.receive_button, Qt.MouseButton.LeftButton)
    if reason:
        qtbot.waitUntil(lambda: screen.blocked is not None, timeout=WAIT_MS)
        assert screen.bag is not None  # still waiting: intake blocked
        assert screen.reasons.isVisible()
        reason_button = screen.reasons.findChild(QWidget, "reason_0")
        qtbot.mouseClick(reason_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.bag is None, timeout=WAIT_MS)


@pytest.mark.integration
def test_a_full_round_ward_to_truck(
    fhir_server: FhirServerProcess,
    qtbot: QtBot,
    device_services: WasteScreenServices,
    scale_sim: ScaleSimulator,
    printer_sim: PrinterEndpoint,
    signed_in: SignedIn,
    clock: TurnableClock,
) -> None:
    services = device_services
    station = Station(qtbot, services)
    codes = do_round(station, scale_sim, printer_sim.sim)

    cart = station.open("waste.cart")
    assert isinstance(cart, CartScreen)
    qtbot.waitUntil(lambda: cart.load is not None, timeout=WAIT_MS)
    assert cart.load is not None and len(cart.load.bags) == 6
    assert abs(cart.load.total_g - 12_240) <= 60

    # At the storage room: the keeper signs in. The first bag arrives early and
    # waits past the limit; one bag weighs 20 % more than at the ward.
    signed_in.person = KEEPER
    receive(station, scale_sim, codes[0], Decimal("2.36"), reason=False)
    clock.advance(timedelta(hours=45))
    heavy = codes[3]
    weights = [kg for bags in ROUND.values() for _, kg, _ in bags]
    for code, kg in zip(codes[1:], weights[1:], strict=True):
        grams = Decimal(kg) * Decimal("1.2") if code == heavy else Decimal(kg)
        receive(station, scale_sim, code, grams, reason=code == heavy)
    clock.advance(timedelta(hours=4))

    stock = station.open("waste.stock")
    assert isinstance(stock, StockScreen)
    qtbot.waitUntil(lambda: len(stock.items) == 6, timeout=WAIT_MS)
    levels = {item.bag.code: item.level for item in stock.items}
    assert levels[codes[0]] is AgeLevel.OVERDUE
    assert [a.bag_code for a in stock.alarms_raised] == [codes[0]]
    assert all(level is AgeLevel.OK for c, level in levels.items() if c != codes[0])

    outbound = station.open("waste.outbound")
    assert isinstance(outbound, OutboundScreen)
    qtbot.waitUntil(lambda: len(outbound.selected_codes()) == 6, timeout=WAIT_MS)
    # No keyboard: the station numbers the manifest, a tap picks the vehicle,
    # the driver's badge is scanned.
    qtbot.waitUntil(lambda: outbound.number_field.text() != "", timeout=WAIT_MS)
    qtbot.mouseClick(outbound.vehicle_choices.buttons[0], Qt.MouseButton.LeftButton)
    station.scan(DRIVERS[1].badge)
    qtbot.mouseClick(outbound.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbound.manifest is not None, timeout=WAIT_MS)
    manifest = outbound.manifest
    assert manifest is not None and len(manifest.lines) == 6
    assert (manifest.number, manifest.vehicle, manifest.driver) == (
        "MF20261205-001", VEHICLES[0].plate, DRIVERS[1].name,
    )  # fmt: skip
    totals = {t.category: t.bags for t in manifest.by_category}
    assert totals[Category.INFECTIOUS] == 2 and sum(totals.values()) == 6
    qtbot.waitUntil(lambda: outbound.pdf_path is not None, timeout=WAIT_MS)
    assert outbound.pdf_path is not None
    assert outbound.pdf_path.read_bytes().startswith(b"%PDF")

    trace = station.open("waste.trace")
    assert isinstance(trace, TraceScreen)
    for code in codes:
        station.scan(code)
        qtbot.waitUntil(
            lambda c=code: trace.trace is not None and trace.trace.bag.code == c,
            timeout=WAIT_MS,
        )
        assert trace.trace is not None
        assert [s.step for s in trace.trace.steps] == list(Step)
        assert trace.trace.bag.state is BagState.HANDED_OUT
        assert trace.table.rowCount() == 4
    assert services.waste.trace(heavy).steps[2].detail["discrepancy_reason"]

    with services.waste.store.read_session() as session:
        payloads = session.scalars(select(OutboxEntry.payload)).all()
        tasks = [json.loads(p) for p in payloads if '"Task"' in p]
        flags = [json.loads(p) for p in payloads if '"Flag"' in p]
        alarms = session.scalars(select(Alarm.text)).all()
    assert len(tasks) == 6 * 4
    assert all(task["resourceType"] == "Task" for task in tasks)
    assert codes[0] in alarms
    assert [flag["code"]["text"] for flag in flags] == [codes[0]]

    the_platform_has_every_step(services, fhir_server.base_url, codes)


def the_platform_has_every_step(
    services: WasteScreenServices, base_url: str, codes: list[str]
) -> None:
    """The cart was offline all round; it catches up, and nothing goes twice."""
    store = services.waste.store
    with pytest.raises(PlatformUnreachable):
        push(store, "http://127.0.0.1:9/fhir")  # nothing listens on port 9
    assert outbox_statuses(store) == {"pending": 25}  # 24 Tasks and a Flag

    assert push(store, base_url).sent == 25
    assert push(store, base_url).sent == 0
    assert outbox_statuses(store) == {"sent": 25}

    with httpx.Client(timeout=30) as http:
        for code in codes:
            found = http.get(
                f"{base_url}/Task",
                params={"identifier": f"{mapping.BAG_CODE}|{code}", "_count": "50"},
            ).json()
            steps = sorted(
                (mapping.waste_task_from_fhir(e["resource"]) for e in found["entry"]),
                key=lambda step: step.at,
            )
            assert [s.kind for s in steps] == [
                "registered", "handover", "intake", "outbound",
            ]  # fmt: skip
            trace = services.waste.trace(code)
            assert [s.weight_g for s in steps] == [t.weight_g for t in trace.steps]
            assert steps[1].giver.staff_number.startswith("N00")
            assert steps[2].receiver.staff_number == KEEPER.staff_number


def push(store: Store, base_url: str) -> PushResult:
    """Push the outbox on a loop in a worker thread, as the sync engine does."""

    async def pushing() -> PushResult:
        async with client_for(base_url, connect_timeout_s=2.0) as client:
            return await Pusher(client, SqlOutbox(store)).push()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run, pushing()).result(timeout=60)
