"""The lock screen: covers everything until the holder or a supervisor unlocks.

Nothing of the screen underneath shows through, so no patient data is on
display while the station is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.widgets.keypad import Keypad


class LockScreen(QWidget):
    unlock_requested = Signal(str, str)  # staff number, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        title = QLabel(self.tr("Screen locked"))
        title.setObjectName("Title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holder = QLabel("")
        self.holder.setObjectName("Subtitle")
        self.holder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            self.tr(
                "Enter your PIN to go on. A supervisor may unlock with their own staff number and PIN."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_number = QLineEdit()
        self.staff_number.setObjectName("unlock_staff_number")
        self.pin = QLineEdit()
        self.pin.setObjectName("unlock_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.keypad = Keypad()
        self.keypad.target = self.pin
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setProperty("class", "primary")
        self.error = QLabel("")
        self.error.setObjectName("Error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pin.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.keypad.enter_pressed.connect(self._submit)
        self.staff_number.installEventFilter(self)
        self.pin.installEventFilter(self)

        column = QVBoxLayout()
        for widget in (
            title,
            self.holder,
            hint,
            self.staff_number,
            self.pin,
            self.keypad,
            self.unlock_button,
            self.error,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 48, 0, 24)
        holder_box = QWidget()
        holder_box.setMaximumWidth(460)
        holder_box.setLayout(column)
        outer.addWidget(holder_box, 0, Qt.AlignmentFlag.AlignHCenter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.FocusIn:
            self.keypad.target = watched
        return False

    def show_for(self, staff_number: str, name: str) -> None:
        self.holder.setText(
            self.tr("Signed in: %1 (%2)")
            .replace("%1", name)
            .replace("%2", staff_number)
        )
        self.staff_number.setText(staff_number)
        self.pin.clear()
        self.error.clear()
        self.unlock_button.setEnabled(True)
        self.pin.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.pin.clear()
        self.unlock_button.setEnabled(True)

    def _submit(self) -> None:
        if not self.pin.text():
            self.show_error(self.tr("Please enter your PIN."))
            return
        self.unlock_button.setEnabled(False)
        self.unlock_requested.emit(self.staff_number.text().strip(), self.pin.text())
