"""Each waste screen and the label preview rendered to PNG in zh_CN and en.

The pictures go to the test's folder, or to $CARELOOP_SHOTS when set, so a
person can look at them. The test checks the translation really applied and
that each picture has content; it does not compare against golden images.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStackedWidget
from pytestqt.qtbot import QtBot

from app.waste import Category, OutboundHandover, Weight
from app.waste.labels import bag_label_layout
from tests.ui.waste.conftest import (
    ADMIN_PERSON,
    KEEPER,
    NURSES,
    PORTER,
    WARDS,
    FeedReading,
    SignedIn,
    TurnableClock,
)
from ui.shell import i18n, style
from ui.waste import WasteScreenServices, build_waste_screens
from ui.waste.cart_screen import CartScreen
from ui.waste.intake_screen import IntakeScreen
from ui.waste.label_preview import LabelPreview, save_label_pdf
from ui.waste.outbound_screen import OutboundScreen
from ui.waste.round_screen import RoundScreen
from ui.waste.stock_screen import StockScreen
from ui.waste.trace_screen import TraceScreen

WAIT_MS = 5000


def seed(services: WasteScreenServices, clock: TurnableClock) -> list[str]:
    """Bags in every state, one typed by an administrator, one past the limit."""
    waste = services.waste
    codes = []
    plan = [
        (Category.INFECTIOUS, Weight.from_scale(2350)),
        (Category.SHARPS, Weight.from_scale(840)),
        (Category.PATHOLOGICAL, Weight.typed(3100, ADMIN_PERSON, "秤故障")),
        (Category.CHEMICAL, Weight.from_scale(1270)),
        (Category.PHARMACEUTICAL, Weight.from_scale(660)),
    ]
    for category, weight in plan:
        bag = waste.register_bag(
            category=category, department=WARDS[0], weight=weight, porter=PORTER
        ).result(5)
        codes.append(bag.code)
    waste.confirm_ward_handover(
        department=WARDS[0], bag_codes=codes[:4], ward_nurse=NURSES[WARDS[0]],
        porter=PORTER,
    ).result(5)  # fmt: skip
    waste.receive_bag(bag_code=codes[0], weight=Weight.from_scale(2360),
                      keeper=KEEPER).result(5)  # fmt: skip
    clock.advance(timedelta(hours=44))
    waste.receive_bag(bag_code=codes[1], weight=Weight.from_scale(840),
                      keeper=KEEPER).result(5)  # fmt: skip
    waste.receive_bag(bag_code=codes[2], weight=Weight.from_scale(3500),
                      keeper=KEEPER, discrepancy_reason="袋内液体渗漏").result(5)  # fmt: skip
    clock.advance(timedelta(hours=5))
    return codes


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CARELOOP_SHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screens_render_in_both_languages(
    qtbot: QtBot,
    services: WasteScreenServices,
    clock: TurnableClock,
    signed_in: SignedIn,
    language: str,
    tmp_path: Path,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style.apply(app)
    loaded = i18n.install(language)
    try:
        if language == "zh_CN":
            assert loaded >= 1, "run `make translations` to compile the .qm files"
        codes = seed(services, clock)
        folder = shots_folder(tmp_path)
        stack = QStackedWidget()
        qtbot.addWidget(stack)
        screens = dict(
            (key, widget) for key, _, widget in build_waste_screens(services)
        )
        for widget in screens.values():
            stack.addWidget(widget)
        stack.resize(1280, 800)
        stack.show()

        round_screen = screens["waste.round"]
        assert isinstance(round_screen, RoundScreen)
        services.scale.publish(FeedReading(Decimal("2.35")))
        qtbot.waitUntil(lambda: len(round_screen.ward_bags) == 1, timeout=WAIT_MS)
        bag = services.waste.find_bag(codes[0])
        assert bag is not None
        round_screen.preview.show_layout(
            bag_label_layout(
                bag, hospital=services.hospital, porter=PORTER.name, zone=services.zone
            )
        )
        title = round_screen.porter_button.text()
        assert (title == "收集人确认") == (language == "zh_CN")

        for key, widget in screens.items():
            stack.setCurrentWidget(widget)
            if isinstance(widget, CartScreen):
                qtbot.waitUntil(lambda w=widget: w.load is not None, timeout=WAIT_MS)
                assert widget.load is not None and len(widget.load.bags) == 1
            if isinstance(widget, StockScreen):
                qtbot.waitUntil(lambda w=widget: len(w.items) == 3, timeout=WAIT_MS)
            if isinstance(widget, IntakeScreen):
                signed_in.person = KEEPER
                widget.handle_scan(codes[3])
                qtbot.waitUntil(lambda w=widget: w.bag is not None, timeout=WAIT_MS)
                services.scale.publish(FeedReading(Decimal("1.80")))
                widget.receive_button.click()
                qtbot.waitUntil(lambda w=widget: w.blocked is not None, timeout=WAIT_MS)
            if isinstance(widget, OutboundScreen):
                qtbot.waitUntil(
                    lambda w=widget: (
                        w.bag_list.count() == 3 and w.number_field.text() != ""
                    ),
                    timeout=WAIT_MS,
                )
                widget.vehicle_choices.buttons[1].click()
                widget.handle_scan("DRV-0012")
            if isinstance(widget, TraceScreen):
                widget.handle_scan(codes[2])
                qtbot.waitUntil(lambda w=widget: w.trace is not None, timeout=WAIT_MS)
            app.processEvents()  # pending layout requests, before the grab
            path = folder / f"{key}_{language}.png"
            assert widget.grab().save(str(path))
            assert not QImage(str(path)).isNull()

        manifest = services.waste.hand_out(
            OutboundHandover("MF-SHOT", services.disposal_company, "沪A·12345",
                             "张司机", KEEPER, (codes[0], codes[1], codes[2]))
        ).result(5)  # fmt: skip
        outbound = screens["waste.outbound"]
        outbound._handed_out(manifest)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: outbound.bag_list.count() == 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: outbound.pdf_path is not None, timeout=WAIT_MS)  # type: ignore[attr-defined]
        assert outbound.grab().save(str(folder / f"waste.manifest_{language}.png"))

        round_screen.open_override()
        dialog = round_screen.override_dialog
        assert dialog is not None
        dialog.resize(900, 600)
        app.processEvents()
        assert dialog.grab().save(str(folder / f"waste.override_{language}.png"))
        dialog.reject()

        preview = LabelPreview()
        qtbot.addWidget(preview)
        preview.resize(800, 600)
        preview.show_layout(round_screen.preview.layout_shown)
        assert preview.grab().save(str(folder / f"label_preview_{language}.png"))
        save_label_pdf(round_screen.preview.layout_shown, folder / "label.pdf")  # type: ignore[arg-type]
        assert (folder / "label.pdf").read_bytes().startswith(b"%PDF")
    finally:
        i18n.install("en")
