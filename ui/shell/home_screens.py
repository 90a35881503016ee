"""The shell's own screens: today's treatments, the audit check, devices.

Feature screens (waste, face enrolment, sync) come from their packages; the
screens here are the ones every station has. They read through the app
floor and never talk to a device or to SQL themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dialysis.today import SHOWN, PrescriptionRow, ProblemView
from app.sync.engine import SyncEngine, SyncStatus
from ui.shell.tasks import spawn


class TodayScreen(QWidget):
    """Today's prescriptions, as the physician ordered them (read-only).

    `load` reads the rows; `reload` calls it again, so a pull that brings
    new or changed orders shows them without signing in again. An order
    whose units could not be used safely shows why instead of numbers.
    """

    def __init__(
        self,
        load: Callable[[], list[PrescriptionRow]],
        parent: QWidget | None = None,
        timezone: str = "UTC",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._zone = ZoneInfo(timezone)
        self._day: date | None = None
        self._now = clock or (lambda: datetime.now(UTC))
        title = QLabel(self.tr("Today's treatments"))
        title.setObjectName("Title")
        note = QLabel(
            self.tr(
                "Prescriptions come from the hospital platform and cannot be changed here."
            )
        )
        note.setObjectName("Subtitle")
        headers = [
            self.tr("Hospital no."),
            self.tr("Patient"),
            self.tr("Modality"),
            self.tr("Time\n(min)"),
            self.tr("Blood flow\n(mL/min)"),
            self.tr("UF goal\n(mL)"),
            self.tr("Na\n(mmol/L)"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.empty = QLabel(
            self.tr(
                "No prescriptions for today yet. They appear here when the platform sends them."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.reload()

    def follow(self, engine: SyncEngine) -> None:
        """Reload whenever a pull has brought new or changed records.

        The engine speaks at least once a cycle, so a new day (midnight in
        the station's zone) also shows its own orders within one interval.
        """
        seen = engine.status.pull_changes

        def changed(status: SyncStatus) -> None:
            nonlocal seen
            if status.pull_changes != seen or self._today() != self._day:
                seen = status.pull_changes
                self.reload()

        unsubscribe = engine.subscribe(changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    def reload(self) -> None:
        """Read today's prescriptions again and show them."""
        self._day = self._today()
        self.show_rows(self._load())

    def _today(self) -> date:
        return self._now().astimezone(self._zone).date()

    def show_rows(self, rows: list[PrescriptionRow]) -> None:
        self.table.clearSpans()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [row.hospital_number, row.patient_name, row.modality or "—"]
            values += [str(row.settings.get(code, "—")) for code in SHOWN]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
            if not row.usable:
                self._show_unusable(r, row)
            self.table.setRowHeight(
                r, 48 if row.usable else 40 + 22 * len(row.problems)
            )
        self.empty.setVisible(not rows)

    def _show_unusable(self, r: int, row: PrescriptionRow) -> None:
        """Span the number columns with why the order cannot be used."""
        first = 3
        reason = QTableWidgetItem(
            "\n".join(self.problem_text(problem) for problem in row.problems)
        )
        reason.setForeground(QColor("#b3261e"))
        self.table.setItem(r, first, reason)
        self.table.setSpan(r, first, 1, self.table.columnCount() - first)

    def problem_text(self, problem: ProblemView) -> str:
        chinese = QLocale().language() == QLocale.Language.Chinese
        name = problem.parameter_zh if chinese else problem.parameter_en
        if problem.kind == "unknown-unit":
            text = self.tr(
                "Not usable: %1 is ordered in \u201c%2\u201d, a unit this station "
                "does not know. Ask the physician to check the order."
            )
        elif problem.kind == "missing-unit":
            text = self.tr(
                "Not usable: %1 has no unit. Ask the physician to check the order."
            )
        elif problem.kind == "not-a-quantity":
            text = self.tr(
                "Not usable: %1 is not a single value (%2). "
                "Ask the physician to check the order."
            )
        elif problem.kind == "no-modality":
            text = self.tr(
                "Not usable: the treatment modality is missing. "
                "Ask the physician to check the order."
            )
        else:
            text = self.tr("Not usable: %1 cannot be read (%2).")
        return text.replace("%1", name).replace("%2", problem.detail)


class AuditScreen(QWidget):
    """Check the audit trail's chain and say where it breaks, if it does."""

    def __init__(self, verify: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        title = QLabel(self.tr("Audit trail"))
        title.setObjectName("Title")
        explain = QLabel(
            self.tr(
                "Every action is recorded in a chain; a changed or removed row breaks the chain."
            )
        )
        explain.setWordWrap(True)
        self.result = QLabel("")
        self.result.setObjectName("audit_result")
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.button = QPushButton(self.tr("Check the audit trail"))
        self.button.setObjectName("verify_audit")
        self.button.setProperty("class", "primary")
        self.button.clicked.connect(self.check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def check(self) -> None:
        self.button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))
        loop = asyncio.get_event_loop()
        spawn(loop.run_in_executor(None, self._verify), on_done=self._show)  # type: ignore[arg-type]

    def _show(self, found: object) -> None:
        self.button.setEnabled(True)
        if found is None:
            self.result.setText(
                self.tr("The chain is whole: no row was changed or removed.")
            )
            self.result.setStyleSheet("color: #1a7f37; font-size: 20px;")
        else:
            row_id = getattr(found, "row_id", "?")
            self.result.setText(
                self.tr(
                    "The chain is broken at row %1: a row was changed or removed."
                ).replace("%1", str(row_id))
            )
            self.result.setStyleSheet("color: #b3261e; font-size: 20px;")
