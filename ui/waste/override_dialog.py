"""A weight typed by hand: only an administrator, only with a reason.

Used when the cart's scale cannot weigh a bag (out of order, out of reach).
The administrator scans her badge, types the weight in grams on the big
keypad and taps a reason; the dialog refuses anyone who is not an
administrator (the domain checks again). The weight it returns is a typed
``Weight`` and stays flagged everywhere it appears.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.waste import Person, Weight
from ui.waste.common import big_button
from ui.waste.jobs import Jobs
from ui.waste.messages import message_for
from ui.waste.services import WasteScreenServices
from ui.widgets.keypad import Keypad
from ui.widgets.scanner import ScanFilter


class WeightOverrideDialog(QDialog):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.admin: Person | None = None
        self.weight: Weight | None = None
        self.jobs = Jobs(self)
        self.setWindowTitle(self.tr("Type a weight (administrator)"))
        self._build()
        self.scans = ScanFilter(self)
        self.scans.watch(self)
        self.scans.scanned.connect(self.handle_scan)
        self._update()

    def _build(self) -> None:
        self.admin_label = QLabel()
        self.admin_label.setObjectName("OverrideAdmin")
        self.admin_label.setWordWrap(True)
        self.admin_label.setStyleSheet("font-size: 20px;")
        self.grams_field = QLineEdit()
        self.grams_field.setObjectName("OverrideGrams")
        self.grams_field.setPlaceholderText(self.tr("Weight in grams"))
        self.grams_field.textChanged.connect(self._update)
        self.keypad = Keypad()
        self.keypad.target = self.grams_field

        self.reason_group = QButtonGroup(self)
        self.reason_group.setExclusive(True)
        reasons = QGridLayout()
        for index, reason in enumerate(self._reason_texts()):
            button = big_button(reason, f"override_reason_{index}")
            button.setCheckable(True)
            self.reason_group.addButton(button, index)
            reasons.addWidget(button, index, 0)
        self.reason_group.buttonClicked.connect(self._update)

        self.message = QLabel()
        self.message.setObjectName("OverrideMessage")
        self.message.setStyleSheet("color: #b3261e; font-size: 18px;")
        self.ok_button = big_button(
            self.tr("Use this weight"), "override_ok", primary=True
        )
        self.ok_button.clicked.connect(self._accept)
        cancel = big_button(self.tr("Cancel"), "override_cancel")
        cancel.clicked.connect(self.reject)

        entry = QVBoxLayout()
        entry.addWidget(self.grams_field)
        entry.addWidget(self.keypad)
        row = QHBoxLayout()
        row.addLayout(entry, 1)
        row.addLayout(reasons, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.admin_label)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addLayout(buttons)

    def _reason_texts(self) -> list[str]:
        return [
            self.tr("The scale is out of order"),
            self.tr("The scale does not answer"),
            self.tr("The bag does not fit on the scale"),
        ]

    def handle_scan(self, code: str) -> None:
        self.jobs.read(
            lambda: self.services.waste.person_by_badge(code),
            self._badge_resolved,
            lambda error: self.message.setText(message_for(error)),
        )

    def _badge_resolved(self, person: Person | None) -> None:
        if person is None or not person.is_admin:
            self.admin = None
            self.message.setText(self.tr("Only an administrator's badge can do this."))
        else:
            self.admin = person
            self.message.clear()
        self._update()

    def _grams(self) -> int:
        text = self.grams_field.text().strip()
        return int(text) if text.isdigit() else 0

    def _update(self) -> None:
        if self.admin is None:
            self.admin_label.setText(self.tr("Administrator: scan your badge"))
        else:
            self.admin_label.setText(
                self.tr("Administrator: %1").replace("%1", self.admin.name)
            )
        self.ok_button.setEnabled(
            self.admin is not None
            and self._grams() > 0
            and self.reason_group.checkedButton() is not None
        )

    def _accept(self) -> None:
        reason = self.reason_group.checkedButton()
        if self.admin is None or reason is None:
            return
        try:
            self.weight = Weight.typed(self._grams(), self.admin, reason.text())
        except Exception as error:
            self.message.setText(message_for(error))
            return
        self.accept()
