"""A typed weight at the ward: only an administrator's badge, with a reason,
and the bag stays flagged on the label, in the trace and in the outbox."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.models import OutboxEntry, Staff
from app.waste import Category
from tests.ui.waste.conftest import ADMIN_PERSON, BADGES, PORTER, CapturedPrinterLink
from ui.waste import WasteScreenServices
from ui.waste.round_screen import RoundScreen

WAIT_MS = 5000
ADMIN_BADGE = "BADGE-A001"


def scan(qtbot: QtBot, widget: object, code: str) -> None:
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_only_an_administrator_may_type_a_weight(
    qtbot: QtBot, services: WasteScreenServices, printer_link: CapturedPrinterLink
) -> None:
    services.waste.store.writer.submit(
        lambda session: session.add(
            Staff(staff_number=ADMIN_PERSON.staff_number, name=ADMIN_PERSON.name,
                  role="admin", badge_id=ADMIN_BADGE)
        )
    ).result(5)  # fmt: skip
    screen = RoundScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.override_button, Qt.MouseButton.LeftButton)
    dialog = screen.override_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)

    for digit in "1250":
        key = dialog.keypad.findChild(QPushButton, f"key_{digit}")
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    reason = dialog.findChild(QPushButton, "override_reason_0")
    qtbot.mouseClick(reason, Qt.MouseButton.LeftButton)

    scan(qtbot, dialog.grams_field, BADGES["N001"])  # a nurse is refused
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=WAIT_MS)
    assert not dialog.ok_button.isEnabled()
    assert dialog.grams_field.text() == "1250"  # the scan never typed into it

    scan(qtbot, dialog.grams_field, ADMIN_BADGE)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert screen.typed_weight is not None and screen.typed_weight.is_typed

    button = screen.category_buttons[Category.SHARPS]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer_link.jobs) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.printing, timeout=WAIT_MS)

    bag = screen.ward_bags[-1]
    assert (bag.collection_weight_g, bag.weight_typed) == (1250, True)
    assert b"typed" in printer_link.jobs[0]  # the label says so
    assert screen.typed_weight is None  # the next bag needs the scale again
    trace = services.waste.trace(bag.code)
    assert trace.steps[0].weight_typed
    assert trace.steps[0].detail["override_by"] == ADMIN_PERSON.staff_number
    with services.waste.store.read_session() as session:
        payload = json.loads(session.scalars(select(OutboxEntry.payload)).one())
    inputs = {i["type"]["coding"][0]["code"]: i for i in payload["input"]}
    assert inputs["weight-source"]["valueString"] == "typed"
    assert PORTER.staff_number in json.dumps(payload)
