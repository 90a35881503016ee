"""Pieces every waste screen shares: big buttons, the message line, jobs, scans.

``WasteScreen`` is the base of each screen: it holds the services it was
given, a ``Jobs`` runner for work off the GUI thread, a message line that
says what happened in the person's language, and ``handle_scan`` which the
scan router calls when this screen is the one showing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.waste import Category, Reading
from ui.waste.jobs import Jobs
from ui.waste.messages import message_for
from ui.waste.services import WasteScreenServices
from ui.widgets.gui_thread import deliver_to

log = logging.getLogger(__name__)

TARGET_PX = 64  # gloved fingers

_CATEGORY_NAMES = {
    Category.INFECTIOUS: "Infectious",
    Category.SHARPS: "Sharps",
    Category.PATHOLOGICAL: "Pathological",
    Category.PHARMACEUTICAL: "Pharmaceutical",
    Category.CHEMICAL: "Chemical",
}


def category_name(category: Category) -> str:
    """The category in the person's language (Chinese: its national name)."""
    return QCoreApplication.translate("WasteCategories", _CATEGORY_NAMES[category])


# Marked for lupdate; translated through category_name().
_FOR_LUPDATE = (
    QCoreApplication.translate("WasteCategories", "Infectious"),
    QCoreApplication.translate("WasteCategories", "Sharps"),
    QCoreApplication.translate("WasteCategories", "Pathological"),
    QCoreApplication.translate("WasteCategories", "Pharmaceutical"),
    QCoreApplication.translate("WasteCategories", "Chemical"),
)


SCREEN_STYLE = """
QPushButton:disabled, QPushButton[class="primary"]:disabled {
    background: #d3d8df; color: #7b8494; border: 1px solid #b5bdc9; }
QPushButton:checked { background: #1b7f3a; color: white; font-weight: 600; }
QLabel#LockState, QLabel#BagCode, QLabel#NurseConfirmation { font-size: 20px; }
"""


def big_button(text: str, name: str, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(TARGET_PX)
    button.setMinimumWidth(TARGET_PX)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scan never "presses" it
    if primary:
        button.setProperty("class", "primary")
    return button


def kilograms(grams: int | None) -> str:
    return "—" if grams is None else f"{grams / 1000:.2f} kg"


class WasteScreen(QWidget):
    """Base of the waste screens."""

    shown = Signal()

    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.jobs = Jobs(self)
        self.message = QLabel()
        self.message.setObjectName("WasteMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        self._unsubscribe_scale: Callable[[], None] | None = None
        self.setStyleSheet(SCREEN_STYLE)

    def follow_scale(self) -> None:
        """Receive the scale's readings in ``on_reading`` on the GUI thread."""
        # The scale's thread never emits this widget's own signals: the
        # relay checks that the screen still exists when the reading lands.
        self._unsubscribe_scale = self.services.scale.subscribe(
            deliver_to(self, self._reading), deliver_to(self, self.on_scale_fault)
        )
        self.destroyed.connect(self._unsubscribe_scale)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def on_reading(self, reading: Reading) -> None:
        """Override in screens that show the scale (called only when shown)."""

    def _reading(self, reading: Reading) -> None:
        # A hidden screen holds no lock: a weight locked while another screen
        # was in front must never be recorded against this screen's bag.
        if self.isVisible():
            self.on_reading(reading)

    def on_scale_fault(self, error: Exception) -> None:
        """Override in screens that show the scale."""

    def handle_scan(self, code: str) -> None:
        """Override in screens that take scans."""

    def local_time(self, at: datetime) -> str:
        return at.astimezone(self.services.zone).strftime("%Y-%m-%d %H:%M")

    def say(self, text: str) -> None:
        self.message.setStyleSheet("color: #1d2430; font-size: 20px;")
        self.message.setText(text)

    def say_done(self, text: str) -> None:
        self.message.setStyleSheet("color: #0f5f1f; font-size: 20px; font-weight: 600;")
        self.message.setText(text)

    def show_error(self, error: BaseException) -> None:
        log.info("waste step refused: %s", type(error).__name__)
        self.message.setStyleSheet("color: #b3261e; font-size: 20px; font-weight: 600;")
        self.message.setText(message_for(error))
