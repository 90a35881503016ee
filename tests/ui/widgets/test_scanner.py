"""A scan is fast keys ending in Enter, wherever the focus is; typing is not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.scanner import ScanFilter


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Window(QWidget):
    """A window with one text field and a scan filter watching it."""


def make(
    qtbot: QtBot, clock: ManualClock
) -> tuple[Window, ScanFilter, QLineEdit, list[str]]:
    window = Window()
    qtbot.addWidget(window)
    field = QLineEdit()
    QVBoxLayout(window).addWidget(field)
    scans = ScanFilter(window, clock=clock)
    scans.watch(window)
    seen: list[str] = []
    scans.scanned.connect(seen.append)
    window.show()
    field.setFocus()
    return window, scans, field, seen


def keys(
    qtbot: QtBot, widget: QWidget, text: str, clock: ManualClock, gap_s: float
) -> None:
    for char in text:
        qtbot.keyClick(widget, char)
        clock.now += gap_s


def test_fast_keys_and_enter_are_a_scan_not_typing(qtbot: QtBot) -> None:
    clock = ManualClock()
    _window, _, field, seen = make(qtbot, clock)

    keys(qtbot, field, "W7K3M9Q2X", clock, gap_s=0.005)
    qtbot.keyClick(field, Qt.Key.Key_Return)

    assert seen == ["W7K3M9Q2X"]
    assert field.text() == ""  # the focused field never saw the scan


def test_slow_typing_reaches_the_focused_field(qtbot: QtBot) -> None:
    clock = ManualClock()
    _window, scans, field, seen = make(qtbot, clock)

    keys(qtbot, field, "ab12", clock, gap_s=0.3)
    qtbot.waitUntil(lambda: field.text() == "ab12", timeout=2000)
    qtbot.keyClick(field, Qt.Key.Key_Return)

    assert seen == []
    assert scans.gap_ms == 50


def test_too_short_a_burst_is_handed_on(qtbot: QtBot) -> None:
    clock = ManualClock()
    _window, _, field, seen = make(qtbot, clock)

    keys(qtbot, field, "ok", clock, gap_s=0.005)
    qtbot.keyClick(field, Qt.Key.Key_Return)

    assert seen == []
    assert field.text() == "ok"


def test_a_touch_right_after_fast_keys_hands_them_to_their_field(
    qtbot: QtBot,
) -> None:
    clock = ManualClock()
    window, _, field, seen = make(qtbot, clock)

    keys(qtbot, field, "N001", clock, gap_s=0.005)
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton)

    assert field.text() == "N001"  # at once, not after the release timer
    assert seen == []
