"""Stock in the storage room, oldest first, coloured by closeness to the limit.

Every refresh also asks the domain to raise storage-age alarms, so a bag that
reaches the warning time or the limit is recorded as an alarm once and shown
in the banner here.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.waste import AgeLevel, StockItem, StorageAlarm
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.services import WasteScreenServices
from ui.waste.tables import BigTable

REFRESH_MS = 60_000


def age_colour(item: StockItem) -> str:
    if item.level is AgeLevel.OVERDUE:
        return "#f8b4b4"
    if item.level is AgeLevel.WARNING:
        return "#ffd8a8"
    if item.age_fraction >= 0.5:
        return "#fff4c2"
    return "#e3f4e1"


class StockScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.items: list[StockItem] = []
        self.alarms_raised: list[StorageAlarm] = []
        title = QLabel(self.tr("Stock by age"))
        title.setObjectName("Title")
        self.banner = QLabel()
        self.banner.setObjectName("AgeBanner")
        self.banner.setWordWrap(True)
        self.table = BigTable(
            [
                self.tr("Bag"),
                self.tr("Category"),
                self.tr("Ward"),
                self.tr("Received"),
                self.tr("Age (h)"),
                self.tr("Weight"),
            ]
        )
        refresh = big_button(self.tr("Refresh"), "refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(refresh)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.banner)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def showEvent(self, event: object) -> None:
        self.timer.start()
        self.refresh()

    def hideEvent(self, event: object) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.jobs.watch(
            self.services.waste.raise_storage_alarms(),
            self._alarms_raised,
            self.show_error,
        )

    def _alarms_raised(self, alarms: list[StorageAlarm]) -> None:
        self.alarms_raised.extend(alarms)
        self.jobs.read(self.services.waste.stock, self._loaded, self.show_error)

    def _loaded(self, items: list[StockItem]) -> None:
        self.items = items
        now = self.services.waste.clock()
        self.table.set_rows(
            [
                [
                    item.bag.code,
                    category_name(item.bag.category),
                    item.bag.department,
                    self.local_time(item.stored_at),
                    f"{(now - item.stored_at).total_seconds() / 3600:.1f}",
                    kilograms(item.bag.intake_weight_g)
                    + (
                        self.tr(" (has a typed weight)")
                        if item.bag.weight_typed
                        else ""
                    ),
                ]
                for item in items
            ],
            [age_colour(item) for item in items],
        )
        self._show_banner()

    def _show_banner(self) -> None:
        overdue = sum(i.level is AgeLevel.OVERDUE for i in self.items)
        warning = sum(i.level is AgeLevel.WARNING for i in self.items)
        if overdue:
            text = self.tr("%n bag(s) past the storage limit: dispose now", "", overdue)
            style = "background: #b3261e; color: white;"
        elif warning:
            text = self.tr("%n bag(s) near the storage limit", "", warning)
            style = "background: #ffd8a8; color: #5c2b00;"
        else:
            text = self.tr(
                "%n bag(s) in storage, none near the limit", "", len(self.items)
            )
            style = "background: #e3f4e1; color: #0f5f1f;"
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"{style} font-size: 22px; font-weight: 600; padding: 12px; "
            "border-radius: 10px;"
        )
