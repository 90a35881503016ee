"""The cart's load: bags collected on this round and not yet received."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.waste import CartLoad
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.services import WasteScreenServices
from ui.waste.tables import BigTable


class CartScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.load: CartLoad | None = None
        title = QLabel(self.tr("Cart load"))
        title.setObjectName("Title")
        self.table = BigTable(
            [self.tr("Bag"), self.tr("Category"), self.tr("Ward"), self.tr("Weight")]
        )
        self.totals = QLabel()
        self.totals.setObjectName("CartTotals")
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-size: 22px; font-weight: 600;")
        refresh = big_button(self.tr("Refresh"), "refresh")
        refresh.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(refresh)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.totals)
        column.addWidget(self.message)

    def showEvent(self, event: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        porter = self.services.signed_in()
        if porter is None:
            self.say(self.tr("Sign in first"))
            return
        self.jobs.read(
            lambda: self.services.waste.cart_load(porter), self._loaded, self.show_error
        )

    def _loaded(self, load: CartLoad) -> None:
        self.load = load
        self.table.set_rows(
            [
                [
                    bag.code,
                    category_name(bag.category),
                    bag.department,
                    kilograms(bag.collection_weight_g)
                    + (self.tr(" (typed)") if bag.weight_typed else ""),
                ]
                for bag in load.bags
            ]
        )
        parts = [
            self.tr("%1: %2 bag(s), %3")
            .replace("%1", category_name(total.category))
            .replace("%2", str(total.bags))
            .replace("%3", kilograms(total.grams))
            for total in load.by_category
        ]
        parts.append(self.tr("Total: %1").replace("%1", kilograms(load.total_g)))
        self.totals.setText("   ".join(parts))
