"""From the shell's real sign-in screen to a labelled bag, as a porter does it.

No stub person: the porter taps his staff number and PIN on the sign-in
keypad of a cart station built from its configuration (scale simulator on a
pseudo-terminal, printer simulator on TCP), lands on the round screen, and
the bag he weighs is recorded and labelled under his own name. At the storage
station the keeper taps in the same way and the outbound screen offers the
disposal company's vehicles and drivers from the station's configuration.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.config import (
    DisposalDriver,
    DisposalVehicle,
    PrinterSettings,
    ScaleSettings,
    StationSettings,
)
from app.identity.signin import hash_pin
from app.station import Station
from app.store.models import Staff
from app.waste import Category, LockState, Step
from devices.sim.scale_sim import ScaleSimulator
from tests.ui.waste.conftest import WARDS, PrinterEndpoint
from ui.shell import i18n
from ui.shell.window import MainWindow
from ui.waste.outbound_screen import OutboundScreen
from ui.waste.round_screen import RoundScreen

WAIT_MS = 10_000
PORTER_NUMBER = "20417"  # a numeric staff number: the keypad has digits only
PORTER_NAME = "孙师傅"
PORTER_PIN = "2580"


@pytest.fixture
def cart_station(
    tmp_path: Path,
    scale_sim: ScaleSimulator,
    printer_sim: PrinterEndpoint,
    qt_async_loop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
) -> Iterator[Station]:
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="CART-1",
        name="医废收集车 1 号",
        role="waste-cart",
        hospital="市第一人民医院",
        data_dir=str(tmp_path / "data"),
        wards=WARDS,
        scale=ScaleSettings(
            port=scale_sim.where, protocol="toledo", baudrate=scale_sim.line_baud
        ),
        printer=PrinterSettings(
            port=f"tcp://{printer_sim.host}:{printer_sim.port}", language="tspl"
        ),
    )
    station = Station(settings)
    store = station.open_store()
    store.writer.submit(
        lambda session: session.add(
            Staff(staff_number=PORTER_NUMBER, name=PORTER_NAME, role="porter",
                  pin_hash=hash_pin(PORTER_PIN))
        )
    ).result(5)  # fmt: skip
    station.start_waste()
    try:
        yield station
    finally:
        stopping = asyncio.ensure_future(station.stop(), loop=qt_async_loop)
        qtbot.waitUntil(stopping.done, timeout=WAIT_MS)


def tap_keys(qtbot: QtBot, window: MainWindow, digits: str) -> None:
    for digit in digits:
        key = window.signin.keypad.findChild(QPushButton, f"key_{digit}")
        assert key is not None
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


@pytest.mark.integration
def test_a_porter_taps_in_and_weighs_a_bag_under_his_own_name(
    qtbot: QtBot,
    cart_station: Station,
    scale_sim: ScaleSimulator,
    printer_sim: PrinterEndpoint,
) -> None:
    i18n.install("zh_CN")
    window = MainWindow(cart_station.settings, "zh_CN")
    qtbot.addWidget(window)
    window.attach_station(cart_station)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the station's only window, as on the cart
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    try:
        # Staff number, then a tap into the PIN field, then the PIN and ✓:
        # taps only, no keyboard.
        tap_keys(qtbot, window, PORTER_NUMBER)
        assert window.signin.staff_number.text() == PORTER_NUMBER
        qtbot.mouseClick(window.signin.pin, Qt.MouseButton.LeftButton)
        tap_keys(qtbot, window, PORTER_PIN)
        assert window.signin.pin.text() == PORTER_PIN
        with qtbot.waitSignal(window.signed_in, timeout=WAIT_MS) as signed:
            tap_keys(qtbot, window, "✓")
        assert signed.args is not None
        assert signed.args[0].staff_number == PORTER_NUMBER

        assert window.shell is not None
        screen = window.shell.pages.currentWidget()
        assert isinstance(screen, RoundScreen)
        assert screen.ward == WARDS[0]

        scale_sim.place(2.35)
        qtbot.waitUntil(lambda: screen.lock.state is LockState.LOCKED, timeout=WAIT_MS)
        assert screen.lock.locked_g is not None
        assert abs(screen.lock.locked_g - 2350) <= 10
        qtbot.mouseClick(
            screen.category_buttons[Category.INFECTIOUS], Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: len(printer_sim.sim.jobs) == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not screen.printing, timeout=WAIT_MS)
        bag = screen.ward_bags[-1]
        job = printer_sim.sim.jobs[-1].read_bytes()
        assert bag.code.encode() in job
        assert PORTER_NAME.encode("gbk") in job  # his name on the label
        waste = cart_station.services["waste"]
        registered = waste.trace(bag.code).steps[0]
        assert registered.step is Step.REGISTERED
        assert PORTER_NUMBER in registered.from_person
    finally:
        window.idle.stop()
        window.close()


def test_the_keeper_taps_in_and_finds_the_companys_trucks_and_drivers(
    qtbot: QtBot, tmp_path: Path, qt_async_loop: asyncio.AbstractEventLoop
) -> None:
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="STORE-1",
        name="医疗废物暂存间",
        role="waste-storage",
        hospital="市第一人民医院",
        data_dir=str(tmp_path / "data"),
        disposal_company="绿洁医疗废物处置有限公司",
        disposal_vehicles=(DisposalVehicle("沪A·D3021", "VH-D3021"),),
        disposal_drivers=(
            DisposalDriver("张建国", "DRV-0012"),
            DisposalDriver("李卫东", "DRV-0027"),
        ),
        manifest_barcode_prefix="LJ",
    )
    station = Station(settings)
    store = station.open_store()
    store.writer.submit(
        lambda session: session.add(
            Staff(staff_number="30112", name="赵库管", role="storage-keeper",
                  pin_hash=hash_pin("1357"))
        )
    ).result(5)  # fmt: skip
    station.start_waste()
    window = MainWindow(settings, "zh_CN")
    qtbot.addWidget(window)
    window.attach_station(station)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    try:
        tap_keys(qtbot, window, "30112")
        qtbot.mouseClick(window.signin.pin, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.signed_in, timeout=WAIT_MS):
            tap_keys(qtbot, window, "1357✓")
        assert window.shell is not None
        qtbot.mouseClick(
            window.shell.nav_buttons["waste.outbound"], Qt.MouseButton.LeftButton
        )
        screen = window.shell.pages.currentWidget()
        assert isinstance(screen, OutboundScreen)
        assert [b.text() for b in screen.vehicle_choices.buttons] == ["沪A·D3021"]
        assert [b.text() for b in screen.driver_choices.buttons] == ["张建国", "李卫东"]
        assert screen.company_field.text() == "绿洁医疗废物处置有限公司"
        screen.handle_scan("DRV-0027")
        assert screen.driver_field.text() == "李卫东"
        screen.handle_scan("LJ-2026-000042")
        assert screen.number_field.text() == "LJ-2026-000042"
    finally:
        window.idle.stop()
        window.close()
        stopping = asyncio.ensure_future(station.stop(), loop=qt_async_loop)
        qtbot.waitUntil(stopping.done, timeout=WAIT_MS)
