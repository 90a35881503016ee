"""A numeric keypad with large keys, for gloved fingers and touch screens.

It types into whichever line edit it was last pointed at; it holds no
digits of its own, so nothing typed lingers in the keypad.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

KEY_SIZE = 72


class Keypad(QWidget):
    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setSpacing(8)
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓"]
        for index, label in enumerate(labels):
            key = QPushButton(label)
            key.setObjectName(f"key_{label}")
            key.setMinimumSize(KEY_SIZE, KEY_SIZE)
            key.setProperty("class", "keypad")
            key.clicked.connect(lambda _=False, text=label: self._press(text))
            grid.addWidget(key, index // 3, index % 3)

    def _press(self, label: str) -> None:
        if label == "✓":
            self.enter_pressed.emit()
            return
        if self.target is None:
            return
        if label == "⌫":
            self.target.backspace()
        else:
            self.target.insert(label)
        self.target.setFocus()
