"""The admin's view of the platform link: watermarks, outbox, exchanges.

A thin view over `app.sync.engine.SyncEngine`: it subscribes to the
engine's status (watermarks, counts, recent exchanges) and asks the engine
for the unsent outbox rows off the GUI thread. Set-aside rows show the
platform's OperationOutcome or the conflict's difference, and can be sent
again once someone has decided. It holds no sync rule of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.shell.sync_indicator import describe
from ui.shell.tasks import spawn


def _local(moment: datetime | None, zone: ZoneInfo, with_date: bool = True) -> str:
    if moment is None:
        return "—"
    shape = "%m-%d %H:%M:%S" if with_date else "%H:%M:%S"
    return moment.astimezone(zone).strftime(shape)


def _instant(text: str, zone: ZoneInfo) -> str:
    try:
        return _local(datetime.fromisoformat(text.replace("Z", "+00:00")), zone)
    except ValueError:
        return text


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents
    )
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            table.setItem(row_index, column, QTableWidgetItem(text))


class SyncPanel(QWidget):
    """Watermarks per type, the outbox, recent exchanges; "sync now"."""

    def __init__(
        self, engine: Any, timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPanel")
        self._engine = engine
        self._zone = ZoneInfo(timezone)
        self._rows: list[Any] = []

        self.summary = QLabel("")
        self.summary.setObjectName("sync_summary")
        self.summary.setWordWrap(True)
        self.sync_now = QPushButton(self.tr("Sync now"))
        self.sync_now.clicked.connect(self._sync_now)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)

        self.watermarks = _table(
            [self.tr("Record type"), self.tr("Changes pulled up to")]
        )
        self.outbox = _table(
            [
                self.tr("No."),
                self.tr("Record type"),
                self.tr("State"),
                self.tr("Tries"),
                self.tr("Made at"),
                self.tr("Platform's answer"),
            ]
        )
        self.outbox.itemSelectionChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(110)
        self.detail.setPlaceholderText(
            self.tr("Choose a row to see what the platform said about it.")
        )
        self.send_again = QPushButton(self.tr("Send again"))
        self.send_again.setEnabled(False)
        self.send_again.clicked.connect(self._send_again)
        self.keep_theirs = QPushButton(self.tr("Keep the platform's version"))
        self.keep_theirs.setToolTip(
            self.tr(
                "Stop sending this station's change; the platform's version "
                "stays and reaches this station at the next sync. The row is "
                "kept in the record."
            )
        )
        self.keep_theirs.setEnabled(False)
        self.keep_theirs.clicked.connect(self._keep_theirs)
        self.exchanges = _table(
            [
                self.tr("Time"),
                self.tr("Request"),
                self.tr("Result"),
                self.tr("Records"),
                self.tr("ms"),
            ]
        )
        self.rejected = _table(
            [
                self.tr("Record type"),
                self.tr("Platform id"),
                self.tr("Version"),
                self.tr("First seen"),
                self.tr("Tries"),
                self.tr("Why it was not applied"),
            ]
        )
        self.rejected.setToolTip(
            self.tr(
                "These records came from the platform but could not be used. "
                "They are kept and tried again at every sync, for example "
                "after the station's configuration is corrected."
            )
        )
        self._lay_out()
        self._unsubscribe = engine.subscribe(self.show_status)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.sync_now)

        marks = QGroupBox(self.tr("Pulled from the platform"))
        QVBoxLayout(marks).addWidget(self.watermarks)
        queue = QGroupBox(self.tr("Waiting to be sent or set aside"))
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.outbox)
        below = QHBoxLayout()
        below.addWidget(self.detail, 1)
        choices = QVBoxLayout()
        choices.addWidget(self.send_again)
        choices.addWidget(self.keep_theirs)
        choices.addStretch(1)
        below.addLayout(choices)
        queue_layout.addLayout(below)
        recent = QGroupBox(self.tr("Recent exchanges"))
        QVBoxLayout(recent).addWidget(self.exchanges)
        self.rejected_box = QGroupBox(self.tr("Pulled but not applied"))
        QVBoxLayout(self.rejected_box).addWidget(self.rejected)

        middle = QHBoxLayout()
        middle.addWidget(marks, 2)
        middle.addWidget(recent, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 2)
        layout.addWidget(queue, 3)
        layout.addWidget(self.rejected_box, 2)

    # ---- what the engine tells ----

    def show_status(self, status: Any) -> None:
        _level, text = describe(status, self._zone)
        self.summary.setText(text)
        _fill(
            self.watermarks,
            [
                (kind, _instant(mark, self._zone))
                for kind, mark in sorted(status.watermarks.items())
            ],
        )
        recent = list(status.recent)[::-1]
        _fill(
            self.exchanges,
            [
                (
                    _local(exchange.at, self._zone, with_date=False),
                    f"{exchange.method} {exchange.path}",
                    str(exchange.status)
                    if exchange.status
                    else self._kind(exchange.error_kind),
                    str(exchange.entries) if exchange.entries else "",
                    str(exchange.elapsed_ms),
                )
                for exchange in recent
            ],
        )

    def show_rows(self, rows: Sequence[Any]) -> None:
        """The unsent outbox rows (pending, poisoned, conflict), oldest first."""
        self._rows = list(rows)
        _fill(
            self.outbox,
            [
                (
                    str(row.row_id),
                    row.resource_type,
                    self._state(row.status),
                    str(row.attempts),
                    _local(row.created_at, self._zone),
                    (row.last_error or "").split("\n", 1)[0],
                )
                for row in self._rows
            ],
        )
        self._show_detail()

    def show_rejected(self, rows: Sequence[Any]) -> None:
        """Pulled resources kept aside, each with why it was not applied."""
        _fill(
            self.rejected,
            [
                (
                    row.resource_type,
                    row.fhir_id,
                    row.fhir_version or "",
                    _local(row.first_seen_at, self._zone),
                    str(row.attempts),
                    row.reason,
                )
                for row in rows
            ],
        )

    def _state(self, status: str) -> str:
        names = {
            "pending": self.tr("waiting"),
            "poisoned": self.tr("refused by the platform"),
            "conflict": self.tr("changed by someone else"),
        }
        return names.get(status, status)

    def _kind(self, kind: str | None) -> str:
        names = {
            "network": self.tr("no network"),
            "timeout": self.tr("no answer in time"),
            "certificate": self.tr("certificate not trusted"),
            "token": self.tr("token refused"),
            "busy": self.tr("platform busy"),
            "server": self.tr("platform fault"),
            "not-fhir": self.tr("not a FHIR answer"),
            "rejected": self.tr("request refused"),
        }
        return names.get(kind or "", kind or "")

    def _selected(self) -> Any | None:
        selected = self.outbox.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(self._rows):
            return None
        return self._rows[selected[0].row()]

    def _show_detail(self) -> None:
        row = self._selected()
        self.detail.setPlainText("" if row is None else (row.last_error or ""))
        self.send_again.setEnabled(
            row is not None and row.status in ("poisoned", "conflict")
        )
        self.keep_theirs.setEnabled(row is not None and row.status == "conflict")

    # ---- what the admin asks ----

    def refresh(self) -> None:
        spawn(self._engine.unsent_rows(), on_done=self.show_rows)
        spawn(self._engine.rejected_rows(), on_done=self.show_rejected)

    def _sync_now(self) -> None:
        self._engine.sync_now()

    def _send_again(self) -> None:
        row = self._selected()
        if row is None:
            return
        # A conflict goes again on top of the platform's current version:
        # the person has looked at the difference and chosen ours.
        if_match = row.server_version if row.status == "conflict" else None
        spawn(
            self._engine.outbox.requeue(row.row_id, if_match),
            on_done=lambda _: self.refresh(),
        )

    def _keep_theirs(self) -> None:
        row = self._selected()
        if row is None or row.status != "conflict":
            return
        # The person has looked at the difference and chosen the platform's.
        spawn(
            self._engine.outbox.keep_platform_version(row.row_id),
            on_done=lambda _: self.refresh(),
        )
