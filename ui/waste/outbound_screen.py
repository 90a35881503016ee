"""Outbound handover to the licensed disposal company, and its manifest.

The keeper checks the company's vehicle and driver, leaves ticked the stored
bags that go (all of them by default; a scan toggles one), and taps "Hand
over". The transfer manifest is shown, saved as a PDF in the station's
manifest folder, and can be saved again on demand.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.waste import Manifest, OutboundHandover, StockItem
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.manifest_doc import manifest_html, write_pdf
from ui.waste.services import WasteScreenServices

log = logging.getLogger(__name__)


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
        self.company_field = QLineEdit(services.disposal_company)
        self.company_field.setObjectName("Company")
        self.vehicle_field = QLineEdit()
        self.vehicle_field.setObjectName("Vehicle")
        self.driver_field = QLineEdit()
        self.driver_field.setObjectName("Driver")
        form = QFormLayout()
        form.addRow(self.tr("Manifest number"), self.number_field)
        form.addRow(self.tr("Disposal company"), self.company_field)
        form.addRow(self.tr("Vehicle"), self.vehicle_field)
        form.addRow(self.tr("Driver"), self.driver_field)

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
        if not self.number_field.text():
            now = self.services.waste.clock().astimezone(self.services.zone)
            self.number_field.setText(f"MF{now:%Y%m%d%H%M}")
        self.jobs.read(self.services.waste.stock, self._stock_loaded, self.show_error)

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
        wanted = code.strip().upper()
        for row in range(self.bag_list.count()):
            item = self.bag_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == wanted:
                self._toggle(item)
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
        self.number_field.clear()
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
