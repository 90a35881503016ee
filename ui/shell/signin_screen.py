"""The sign-in screen: staff number and PIN, with room for face and badge.

The screen only collects what the person typed and shows results; checking
the PIN is the sign-in service's work (app.identity.signin), done off the
GUI thread. The face panel on the left holds the camera check-in when the
station has a camera; a badge scan arrives as keystrokes into the staff
number field, so it works wherever the focus is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.keypad import Keypad
from ui.widgets.scanner import ScanFilter


class SignInScreen(QWidget):
    submitted = Signal(str, str)  # staff number, PIN
    badge_scanned = Signal(str)  # a badge read by the scanner, wherever the focus was

    def __init__(
        self, station_name: str, role_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")

        title = QLabel(self.tr("Sign in"))
        title.setObjectName("Title")
        where = QLabel(f"{station_name} · {role_text}")
        where.setObjectName("Subtitle")

        self.face_slot = QFrame()
        self.face_slot.setObjectName("Card")
        self.face_slot.setMinimumSize(360, 360)
        face_layout = QVBoxLayout(self.face_slot)
        self.face_hint = QLabel(
            self.tr(
                "Face check-in is not set up at this station.\nUse your staff number and PIN, or scan your badge."
            )
        )
        self.face_hint.setWordWrap(True)
        # Through the style sheet, not Qt.AlignmentFlag: the first use of the Qt
        # namespace builds all its enums (~15 ms), which the first paint can skip.
        self.face_hint.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.face_hint.setObjectName("Subtitle")
        face_layout.addWidget(self.face_hint)

        self.staff_number = QLineEdit()
        self.staff_number.setObjectName("staff_number")
        self.staff_number.setPlaceholderText(self.tr("Staff number or badge"))
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setProperty("class", "primary")
        self.keypad = Keypad()
        self.keypad.target = self.staff_number

        self.staff_number.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)
        self.sign_in_button.clicked.connect(self._submit)
        self.keypad.enter_pressed.connect(self._submit)
        self.staff_number.installEventFilter(self)
        self.pin.installEventFilter(self)
        self.scans = ScanFilter(self)
        self.scans.scanned.connect(self._badge)

        form = QVBoxLayout()
        form.addWidget(QLabel(self.tr("Staff number")))
        form.addWidget(self.staff_number)
        form.addWidget(QLabel(self.tr("PIN")))
        form.addWidget(self.pin)
        form.addWidget(self.keypad)
        form.addWidget(self.sign_in_button)
        form.addWidget(self.error)
        form.addStretch(1)

        columns = QHBoxLayout()
        columns.addWidget(self.face_slot, 3)
        columns.addSpacing(32)
        columns.addLayout(form, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addSpacing(16)
        layout.addLayout(columns, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Point the keypad at whichever field has the focus."""
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.FocusIn:
            self.keypad.target = watched
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scans.watch(self)  # widgets added since (the face panel) too

    def _badge(self, code: str) -> None:
        self.set_busy(True)
        self.badge_scanned.emit(code)

    def set_face_widget(self, widget: QWidget) -> None:
        """Put the camera check-in in the face panel (replacing the hint)."""
        self.face_hint.hide()
        layout = self.face_slot.layout()
        assert layout is not None
        layout.addWidget(widget)

    def _submit(self) -> None:
        number = self.staff_number.text().strip()
        pin = self.pin.text()
        if not number:
            self.show_error(self.tr("Please enter your staff number."))
            self.staff_number.setFocus()
            return
        if not pin:
            self.show_error(self.tr("Please enter your PIN."))
            self.pin.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(number, pin)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.set_busy(False)
        self.pin.clear()

    def set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Checking…"))

    def reset(self) -> None:
        self.staff_number.clear()
        self.pin.clear()
        self.error.clear()
        self.set_busy(False)
        self.staff_number.setFocus()
