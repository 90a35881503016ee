"""The outbound handover without a keyboard: taps and scans only.

The disposal company's vehicles and drivers are big buttons from the station's
configuration; a scan of the vehicle's card, the driver's badge or the
company's manifest barcode fills its field wherever the focus is; the station
numbers the manifest when the company brings none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget
from pytestqt.qtbot import QtBot

from app.waste import BagState, Category, Weight
from tests.ui.waste.conftest import (
    DRIVERS,
    KEEPER,
    NURSES,
    PORTER,
    VEHICLES,
    WARDS,
    SignedIn,
)
from ui.waste import WasteScreenServices, build_waste_screens
from ui.waste.common import TARGET_PX
from ui.waste.outbound_screen import OutboundScreen

WAIT_MS = 5000


def stored_bags(services: WasteScreenServices, count: int) -> list[str]:
    waste = services.waste
    codes = [
        waste.register_bag(
            category=Category.INFECTIOUS,
            department=WARDS[0],
            weight=Weight.from_scale(1000 + 10 * index),
            porter=PORTER,
        )
        .result(5)
        .code
        for index in range(count)
    ]
    waste.confirm_ward_handover(
        department=WARDS[0], bag_codes=codes, ward_nurse=NURSES[WARDS[0]],
        porter=PORTER,
    ).result(5)  # fmt: skip
    for index, code in enumerate(codes):
        waste.receive_bag(
            bag_code=code, weight=Weight.from_scale(1000 + 10 * index), keeper=KEEPER
        ).result(5)
    return codes


def outbound_screen(
    qtbot: QtBot, services: WasteScreenServices
) -> tuple[QStackedWidget, OutboundScreen]:
    """The outbound screen as the shell builds it, scans routed to it (keep
    the window while the screen is used)."""
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    for _key, _title, widget in build_waste_screens(services, ["waste.outbound"]):
        stack.addWidget(widget)
    stack.resize(1280, 800)
    stack.show()
    screen = stack.currentWidget()
    assert isinstance(screen, OutboundScreen)
    return stack, screen


def scan(qtbot: QtBot, screen: OutboundScreen, code: str) -> None:
    """A barcode scanner: fast keys and Enter into whatever has the focus."""
    target = screen.focusWidget() or screen
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_a_handover_made_with_taps_and_scans_only(
    qtbot: QtBot, services: WasteScreenServices, signed_in: SignedIn
) -> None:
    signed_in.person = KEEPER
    codes = stored_bags(services, 3)
    _window, screen = outbound_screen(qtbot, services)
    qtbot.waitUntil(lambda: len(screen.selected_codes()) == 3, timeout=WAIT_MS)
    # Local date in Shanghai: 2026-12-03 01:00 UTC is 09:00 on the 3rd.
    qtbot.waitUntil(
        lambda: screen.number_field.text() == "MF20261203-001", timeout=WAIT_MS
    )
    assert screen.company_field.text() == "绿洁环保有限公司"

    # The company's known vehicles and drivers, as targets a gloved finger hits.
    vehicle_buttons = screen.vehicle_choices.buttons
    driver_buttons = screen.driver_choices.buttons
    assert [b.text() for b in vehicle_buttons] == [v.plate for v in VEHICLES]
    assert [b.text() for b in driver_buttons] == [d.name for d in DRIVERS]
    for button in vehicle_buttons + driver_buttons + [screen.new_number_button]:
        assert button.isVisible()
        assert button.height() >= TARGET_PX and button.width() >= TARGET_PX

    qtbot.mouseClick(vehicle_buttons[1], Qt.MouseButton.LeftButton)
    assert screen.vehicle_field.text() == "沪A·D5187"
    assert [b.isChecked() for b in vehicle_buttons] == [False, True]
    qtbot.mouseClick(vehicle_buttons[1], Qt.MouseButton.LeftButton)  # tapped twice
    assert [b.isChecked() for b in vehicle_buttons] == [False, True]

    # The driver's badge, scanned with the focus in the manifest number field:
    # the badge picks the driver and types nothing into the field.
    screen.number_field.setFocus()
    scan(qtbot, screen, "DRV-0027")
    assert screen.driver_field.text() == "李卫东"
    assert [b.isChecked() for b in driver_buttons] == [False, True]
    assert screen.number_field.text() == "MF20261203-001"

    scan(qtbot, screen, codes[2])  # this bag stays
    assert screen.selected_codes() == codes[:2]

    qtbot.mouseClick(screen.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=WAIT_MS)
    manifest = screen.manifest
    assert manifest is not None
    assert (manifest.number, manifest.vehicle, manifest.driver, manifest.company) == (
        "MF20261203-001", "沪A·D5187", "李卫东", "绿洁环保有限公司",
    )  # fmt: skip
    assert [line.bag_code for line in manifest.lines] == codes[:2]
    assert services.waste.trace(codes[0]).bag.state is BagState.HANDED_OUT
    assert services.waste.trace(codes[2]).bag.state is BagState.IN_STORAGE

    # The next handover: a new number of the station's, vehicle and driver
    # to be picked again; this time all three come from scans.
    qtbot.waitUntil(
        lambda: screen.number_field.text() == "MF20261203-002", timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: screen.selected_codes() == [codes[2]], timeout=WAIT_MS)
    assert screen.vehicle_field.text() == screen.driver_field.text() == ""
    assert not any(b.isChecked() for b in vehicle_buttons + driver_buttons)
    scan(qtbot, screen, "lj-2026-004711")
    scan(qtbot, screen, "VH-D3021")
    scan(qtbot, screen, "DRV-0012")
    assert screen.number_field.text() == "lj-2026-004711"
    assert (screen.vehicle_field.text(), screen.driver_field.text()) == (
        "沪A·D3021", "张建国",
    )  # fmt: skip
    assert [b.isChecked() for b in vehicle_buttons] == [True, False]
    qtbot.mouseClick(screen.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            screen.manifest is not None and screen.manifest.number == "lj-2026-004711"
        ),
        timeout=WAIT_MS,
    )
    assert screen.manifest is not None
    assert (screen.manifest.vehicle, screen.manifest.driver) == ("沪A·D3021", "张建国")


def test_typing_stays_possible_for_an_unknown_truck(
    qtbot: QtBot, services: WasteScreenServices, signed_in: SignedIn
) -> None:
    signed_in.person = KEEPER
    codes = stored_bags(services, 1)
    _window, screen = outbound_screen(qtbot, services)
    qtbot.waitUntil(lambda: screen.selected_codes() == codes, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.number_field.text() != "", timeout=WAIT_MS)

    qtbot.mouseClick(screen.driver_choices.buttons[0], Qt.MouseButton.LeftButton)
    screen.vehicle_field.setText("沪C·99999")  # a replacement truck, typed
    assert not any(b.isChecked() for b in screen.vehicle_choices.buttons)
    screen.driver_field.setText("临时司机")
    assert not any(b.isChecked() for b in screen.driver_choices.buttons)
    qtbot.mouseClick(screen.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.manifest is not None, timeout=WAIT_MS)
    assert screen.manifest is not None
    assert (screen.manifest.vehicle, screen.manifest.driver) == (
        "沪C·99999",
        "临时司机",
    )


def test_a_bag_scan_is_never_taken_for_a_manifest_and_new_number_replaces(
    qtbot: QtBot, services: WasteScreenServices, signed_in: SignedIn
) -> None:
    signed_in.person = KEEPER
    codes = stored_bags(services, 2)
    services.manifest_barcode_prefix = "W"  # as the station's bag codes begin
    _window, screen = outbound_screen(qtbot, services)
    qtbot.waitUntil(lambda: screen.selected_codes() == codes, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: screen.number_field.text() == "MF20261203-001", timeout=WAIT_MS
    )

    scan(qtbot, screen, codes[0])
    assert screen.selected_codes() == codes[1:]
    assert screen.number_field.text() == "MF20261203-001"
    scan(qtbot, screen, "WX-2026-0815")
    assert screen.number_field.text() == "WX-2026-0815"

    qtbot.mouseClick(screen.new_number_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.number_field.text() == "MF20261203-001", timeout=WAIT_MS
    )
