"""Refusals reach the person as a plain message, and nothing is recorded."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.errors import NotAllowed
from app.waste import BagState, Category, Weight
from tests.ui.waste.conftest import NURSES, PORTER, WARDS, FeedReading
from ui.waste import WasteScreenServices
from ui.waste.intake_screen import IntakeScreen
from ui.waste.messages import message_for
from ui.waste.round_screen import RoundScreen


def test_a_porter_cannot_receive_at_the_storage_room(
    qtbot: QtBot, services: WasteScreenServices
) -> None:
    waste = services.waste
    bag = waste.register_bag(
        category=Category.INFECTIOUS, department=WARDS[0],
        weight=Weight.from_scale(1500), porter=PORTER,
    ).result(5)  # fmt: skip
    waste.confirm_ward_handover(
        department=WARDS[0], bag_codes=[bag.code], ward_nurse=NURSES[WARDS[0]],
        porter=PORTER,
    ).result(5)  # fmt: skip
    screen = IntakeScreen(services)  # the porter is the one signed in
    qtbot.addWidget(screen)
    screen.show()

    screen.handle_scan(bag.code)
    qtbot.waitUntil(lambda: screen.bag is not None, timeout=5000)
    services.scale.publish(FeedReading(Decimal("1.50")))
    qtbot.mouseClick(screen.receive_button, Qt.MouseButton.LeftButton)

    assert screen.message.text() == message_for(NotAllowed("receive-waste"))
    assert screen.blocked is None
    found = waste.find_bag(bag.code)
    assert found is not None and found.state is BagState.COLLECTED


class BrokenPrinter:
    def print_label(self, layout: object) -> None:
        raise OSError("printer out of paper")


def test_a_label_that_cannot_print_is_kept_as_a_pdf(
    qtbot: QtBot, services: WasteScreenServices
) -> None:
    services.printer = BrokenPrinter()
    screen = RoundScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    services.scale.publish(FeedReading(Decimal("0.95")))
    qtbot.mouseClick(
        screen.category_buttons[Category.SHARPS], Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(lambda: screen.label_pdf is not None, timeout=5000)
    assert screen.label_pdf is not None
    assert screen.label_pdf.read_bytes().startswith(b"%PDF")
    assert screen.ward_bags[-1].code in screen.label_pdf.name  # bag is on record
