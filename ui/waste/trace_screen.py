"""Trace one bag by its code: scanned anywhere, or typed in the field.

Shows the whole chain, ward to truck: each step's time, the person handing
over and the person receiving, the place and the weight, with a typed weight
marked.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.waste import BagState, Step, Trace, TraceStep
from app.waste.service import STORAGE_LOCATION
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.services import WasteScreenServices
from ui.waste.tables import BigTable


class TraceScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.trace: Trace | None = None
        title = QLabel(self.tr("Trace a bag"))
        title.setObjectName("Title")
        self.code_field = QLineEdit()
        self.code_field.setObjectName("TraceCode")
        self.code_field.setPlaceholderText(self.tr("Scan the bag or type its code"))
        self.code_field.returnPressed.connect(self._typed)
        go = big_button(self.tr("Trace"), "trace", primary=True)
        go.clicked.connect(self._typed)
        self.summary = QLabel()
        self.summary.setObjectName("TraceSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 22px;")
        self.table = BigTable(
            [
                self.tr("Step"),
                self.tr("Time"),
                self.tr("Handed over by"),
                self.tr("Received by"),
                self.tr("Place"),
                self.tr("Weight"),
                self.tr("Note"),
            ]
        )

        search = QHBoxLayout()
        search.addWidget(self.code_field, 1)
        search.addWidget(go)
        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addLayout(search)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)

    def _typed(self) -> None:
        if self.code_field.text().strip():
            self.show_bag(self.code_field.text())

    def handle_scan(self, code: str) -> None:
        self.code_field.setText(code)
        self.show_bag(code)

    def show_bag(self, code: str) -> None:
        self.jobs.read(
            lambda: self.services.waste.trace(code), self._traced, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.trace = None
        self.summary.clear()
        self.table.set_rows([])
        self.show_error(error)

    def _traced(self, trace: Trace) -> None:
        self.trace = trace
        bag = trace.bag
        self.summary.setText(
            self.tr("%1 · %2 · %3 · %4")
            .replace("%1", bag.code)
            .replace("%2", category_name(bag.category))
            .replace("%3", bag.department)
            .replace("%4", self._state_name(bag.state))
        )
        self.table.set_rows(
            [
                [
                    self._step_name(step.step),
                    self.local_time(step.at),
                    step.from_person,
                    step.to_person,
                    self._place(step.location),
                    kilograms(step.weight_g)
                    + (self.tr(" (typed)") if step.weight_typed else ""),
                    self._note(step),
                ]
                for step in trace.steps
            ],
            ["#ffe0e0" if step.weight_typed else None for step in trace.steps],
        )
        self.say_done(self.tr("%n step(s) on record", "", len(trace.steps)))

    def _note(self, step: TraceStep) -> str:
        """Why a weight is unusual, or which manifest took the bag."""
        detail = step.detail
        notes = []
        if "override_reason" in detail:
            notes.append(
                self.tr("typed by %1: %2")
                .replace("%1", str(detail.get("override_by", "")))
                .replace("%2", str(detail["override_reason"]))
            )
        if "discrepancy_reason" in detail:
            notes.append(
                self.tr("%1 g from collection: %2")
                .replace("%1", f"{int(detail.get('discrepancy_g', 0)):+d}")
                .replace("%2", str(detail["discrepancy_reason"]))
            )
        if "manifest_number" in detail:
            notes.append(
                self.tr("manifest %1").replace("%1", str(detail["manifest_number"]))
            )
        return "; ".join(notes)

    def _place(self, location: str) -> str:
        return self.tr("Storage room") if location == STORAGE_LOCATION else location

    def _step_name(self, step: Step) -> str:
        return {
            Step.REGISTERED: self.tr("Weighed at the ward"),
            Step.COLLECTED: self.tr("Handed to the porter"),
            Step.INTAKE: self.tr("Received at storage"),
            Step.OUTBOUND: self.tr("Handed to the disposal company"),
        }[step]

    def _state_name(self, state: BagState) -> str:
        return {
            BagState.REGISTERED: self.tr("registered"),
            BagState.COLLECTED: self.tr("collected"),
            BagState.IN_STORAGE: self.tr("in storage"),
            BagState.HANDED_OUT: self.tr("handed out"),
        }[state]
