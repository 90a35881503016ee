"""A read-only table with rows tall enough for a gloved finger."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

ROW_PX = 56


class BigTable(QTableWidget):
    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.setStyleSheet("QTableWidget { font-size: 18px; }")

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        colours: Sequence[str | None] | None = None,
    ) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            colour = colours[r] if colours is not None else None
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if colour is not None:
                    item.setBackground(QColor(colour))
                self.setItem(r, c, item)

    def texts(self, column: int) -> list[str]:
        return [
            item.text() if (item := self.item(r, column)) is not None else ""
            for r in range(self.rowCount())
        ]
