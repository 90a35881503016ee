"""Outbound handover to the licensed disposal company, and its manifest.

The keeper taps the company's vehicle and driver (known ones come from the
station's configuration as big buttons; a scan of the vehicle's card or the
driver's badge picks them too), leaves ticked the stored bags that go (all of
them by default; a scan toggles one), and taps "Hand over". The manifest number
is the company's when its manifest barcode is scanned, otherwise the station
numbers it. Typing any field stays possible, never needed. The transfer
manifest is shown, saved as a PDF in the station's manifest folder, and can be
saved again on demand.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.waste import Manifest, OutboundHandover, StockItem
from ui.waste.common import (
    TARGET_PX,
    WasteScreen,
    big_button,
    category_name,
    kilograms,
)
from ui.waste.manifest_doc import manifest_html, write_pdf
from ui.waste.services import WasteScreenServices

log = logging.getLogger(__name__)

CHOICE_COLUMNS = 3


class ChoiceRow(QWidget):
    """Big buttons for known values, then the field; the button equal to the
    field is checked.

    The line edit stays the truth (so typing works as a fallback): a tap
    writes the button's text into it, and any change of its text checks the
    button with that text, or none.
    """

    picked = Signal(str)

    def __init__(self, field: QLineEdit, choices: Sequence[str], name: str) -> None:
        super().__init__()
        self.field = field
        self.buttons: list[QPushButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, choice in enumerate(choices):
            button = big_button(choice, f"{name}Choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=choice: self._tap(c))
            grid.addWidget(button, index // CHOICE_COLUMNS, index % CHOICE_COLUMNS)
            self.buttons.append(button)
        at = len(choices)
        grid.addWidget(field, at // CHOICE_COLUMNS, at % CHOICE_COLUMNS)
        for column in range(CHOICE_COLUMNS):
            grid.setColumnStretch(column, 1)
        field.textChanged.connect(self.sync)

    def _tap(self, choice: str) -> None:
        self.field.setText(choice)
        self.sync()  # tapping the checked one again leaves it checked
        self.picked.emit(choice)

    def sync(self) -> None:
        text = self.field.text().strip()
        for button in self.buttons:
            button.setChecked(button.text() == text)


class OutboundScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.manifest: Manifest | None = None
        self.pdf_path: Path | None = None
        title = QLabel(self.tr("Outbound handover"))
        title.setObjectName("Title")
        self.number_field = QLineEdit()
        self.number_field.setObjectName("ManifestNumber")
        self.new_number_button = big_button(self.tr("New number"), "new_number")
        self.new_number_button.clicked.connect(lambda: self._renumber(replace=True))
        number_row = QHBoxLayout()
        number_row.addWidget(self.number_field, 1)
        number_row.addWidget(self.new_number_button)
        self.company_field = QLineEdit(services.disposal_company)
        self.company_field.setObjectName("Company")
        self.vehicle_field = QLineEdit()
        self.vehicle_field.setObjectName("Vehicle")
        self.vehicle_field.setPlaceholderText(self.tr("Other: type"))
        self.vehicle_choices = ChoiceRow(
            self.vehicle_field, [v.plate for v in services.vehicles], "Vehicle"
        )
        self.driver_field = QLineEdit()
        self.driver_field.setObjectName("Driver")
        self.driver_field.setPlaceholderText(self.tr("Other: type"))
        self.driver_choices = ChoiceRow(
            self.driver_field, [d.name for d in services.drivers], "Driver"
        )
        for field in (
            self.number_field,
            self.company_field,
            self.vehicle_field,
            self.driver_field,
        ):
            field.setMinimumHeight(TARGET_PX)
        form = QFormLayout()
        form.addRow(self.tr("Manifest number"), number_row)
        form.addRow(self.tr("Disposal company"), self.company_field)
        form.addRow(self.tr("Vehicle"), self.vehicle_choices)
        form.addRow(self.tr("Driver"), self.driver_choices)

        self.bag_list = QListWidget()
        self.bag_list.setObjectName("OutboundBags")
        self.bag_list.setStyleSheet(
            "QListWidget { font-size: 18px; } "
            "QListWidget::item { min-height: 64px; } "
            "QListWidget::indicator { width: 40px; height: 40px; }"
        )
        self.bag_list.itemClicked.connect(self._toggle)
        self.hand_out_button = big_button(
            self.tr("Hand over"), "hand_out", primary=True
        )
        self.hand_out_button.clicked.connect(self._hand_out)
        self.save_button = big_button(self.tr("Save manifest PDF"), "save_pdf")
        self.save_button.clicked.connect(self._save_pdf)
        self.save_button.setEnabled(False)
        self.manifest_view = QTextBrowser()
        self.manifest_view.setObjectName("ManifestView")

        left = QVBoxLayout()
        left.addWidget(title)
        left.addLayout(form)
        left.addWidget(QLabel(self.tr("Bags going out")))
        left.addWidget(self.bag_list, 1)
        left.addWidget(self.hand_out_button)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(self.manifest_view, 1)
        right.addWidget(self.save_button)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addLayout(right, 1)

    def showEvent(self, event: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        if not self.number_field.text().strip():
            self._renumber(replace=False)
        self.jobs.read(self.services.waste.stock, self._stock_loaded, self.show_error)

    def _renumber(self, *, replace: bool) -> None:
        """The station's next manifest number (the company brought none).

        On opening, only an empty field is filled: a company number scanned
        while the query ran is kept. The button replaces whatever is there.
        """
        waste, zone = self.services.waste, self.services.zone

        def numbered(number: str) -> None:
            if replace or not self.number_field.text().strip():
                self.number_field.setText(number)

        self.jobs.read(
            lambda: waste.next_manifest_number(zone), numbered, self.show_error
        )

    def _stock_loaded(self, items: list[StockItem]) -> None:
        self.bag_list.clear()
        for item in items:
            bag = item.bag
            typed = self.tr(" (has a typed weight)") if bag.weight_typed else ""
            entry = QListWidgetItem(
                f"{bag.code}   {category_name(bag.category)}   {bag.department}   "
                f"{kilograms(bag.intake_weight_g)}{typed}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, bag.code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.bag_list.addItem(entry)

    def selected_codes(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for row in range(self.bag_list.count())
            if (item := self.bag_list.item(row)).checkState() == Qt.CheckState.Checked
        ]

    def _toggle(self, item: QListWidgetItem) -> None:
        """A tap anywhere on the row ticks or unticks it (gloved fingers)."""
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        )

    def handle_scan(self, code: str) -> None:
        """The company's manifest barcode, a vehicle's card, a driver's badge,
        or a bag in storage (ticked or unticked)."""
        scanned = code.strip()
        wanted = scanned.upper()
        for row in range(self.bag_list.count()):  # a bag first: never eaten
            item = self.bag_list.item(row)  # by a prefix that matches it too
            if item.data(Qt.ItemDataRole.UserRole) == wanted:
                self._toggle(item)
                return
        prefix = self.services.manifest_barcode_prefix.strip().upper()
        if prefix and wanted.startswith(prefix):
            self.number_field.setText(scanned)
            self.say_done(self.tr("Manifest number %1 scanned").replace("%1", scanned))
            return
        for vehicle in self.services.vehicles:
            if vehicle.code and vehicle.code.strip().upper() == wanted:
                self.vehicle_field.setText(vehicle.plate)
                self.say_done(self.tr("Vehicle %1").replace("%1", vehicle.plate))
                return
        for driver in self.services.drivers:
            if driver.badge and driver.badge.strip().upper() == wanted:
                self.driver_field.setText(driver.name)
                self.say_done(self.tr("Driver %1").replace("%1", driver.name))
                return
        self.say(self.tr("No bag in storage has code %1").replace("%1", wanted))

    def _hand_out(self) -> None:
        keeper = self.services.signed_in()
        if keeper is None:
            self.say(self.tr("Sign in first"))
            return
        handover = OutboundHandover(
            manifest_number=self.number_field.text().strip(),
            company=self.company_field.text().strip(),
            vehicle=self.vehicle_field.text().strip(),
            driver=self.driver_field.text().strip(),
            keeper=keeper,
            bag_codes=tuple(self.selected_codes()),
        )
        self.hand_out_button.setEnabled(False)
        self.jobs.command(
            lambda: self.services.waste.hand_out(handover),
            self._handed_out,
            self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        self.hand_out_button.setEnabled(True)
        self.show_error(error)

    def _handed_out(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.manifest_view.setHtml(manifest_html(manifest, self.services.zone))
        self.save_button.setEnabled(True)
        self.hand_out_button.setEnabled(True)
        self.number_field.clear()  # the next handover gets its own number
        self.vehicle_field.clear()  # and picks its truck and driver again
        self.driver_field.clear()
        self.say_done(
            self.tr(
                "%n bag(s) handed over; manifest %1", "", len(manifest.lines)
            ).replace("%1", manifest.number)
        )
        self._save_pdf()
        self.refresh()

    def _save_pdf(self) -> None:
        """Write the manifest's PDF off the GUI thread (hundreds of lines take
        a few hundred milliseconds to lay out)."""
        if self.manifest is None:
            return
        folder = self.services.manifest_folder
        path = folder / f"manifest-{self.manifest.number}.pdf"
        html = manifest_html(self.manifest, self.services.zone)
        title = self.manifest.number

        def write() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            write_pdf(html, title, path)
            return path

        self.jobs.read(write, self._pdf_saved, self.show_error)

    def _pdf_saved(self, path: Path) -> None:
        self.pdf_path = path
        log.info("manifest PDF saved")
