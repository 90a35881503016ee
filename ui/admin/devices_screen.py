"""Admin: the devices this station is configured for, and the serial ports seen.

It reads the configuration and the system's port list through the app floor;
it changes nothing (the configuration file is the installer's). When face
check-in could not start, it says why; for a model file, its path and the
SHA-256 it must have (and the one found), for IT to restore the install.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config import StationSettings
from app.dialysis.links import BedView, DialysisLinks


class DevicesScreen(QWidget):
    def __init__(
        self,
        settings: StationSettings,
        ports: list[tuple[str, str]],
        face_error: BaseException | None = None,
        parent: QWidget | None = None,
        links: DialysisLinks | None = None,
    ) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Devices"))
        title.setObjectName("Title")
        seen = {device for device, _ in ports}
        configured: list[tuple[str, str, str, str]] = []
        for bed in settings.beds:
            if bed.machine_port:
                configured.append(
                    (
                        self.tr("Bed %1 dialysis machine").replace("%1", bed.name),
                        bed.machine_port,
                        f"{bed.machine_protocol.upper()} {bed.baudrate}",
                        self._state(bed.machine_port, seen),
                    )
                )
        if settings.scale is not None:
            configured.append(
                (
                    self.tr("Scale"),
                    settings.scale.port,
                    f"{settings.scale.protocol} {settings.scale.baudrate}",
                    self._state(settings.scale.port, seen),
                )
            )
        if settings.printer is not None:
            configured.append(
                (
                    self.tr("Label printer"),
                    settings.printer.port,
                    settings.printer.language.upper(),
                    self._state(settings.printer.port, seen),
                )
            )
        if settings.camera:
            configured.append((self.tr("Camera"), settings.camera, "", ""))

        self.configured = self._table(
            [
                self.tr("Device"),
                self.tr("Port"),
                self.tr("Protocol"),
                self.tr("Port present"),
            ],
            configured,
        )
        self.ports = self._table(
            [self.tr("Serial port"), self.tr("Description")], ports
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Configured for this station")))
        layout.addWidget(self.configured, 1)
        self.machines = self._table(
            [
                self.tr("Bed"),
                self.tr("Machine link"),
                self.tr("Machine"),
                self.tr("Reason"),
            ],
            [],
        )
        header = self.machines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._bed_rows: dict[str, int] = {}
        if links is not None and links.beds:
            self.machines.setRowCount(len(links.beds))
            unsubscribers = []
            for row, link in enumerate(links.beds):
                self._bed_rows[link.view.bed] = row
                self.show_bed(link.view)
                unsubscribers.append(link.subscribe(self.show_bed))

            def unsubscribe() -> None:  # no self: the widget is going
                for stop in unsubscribers:
                    stop()

            self.destroyed.connect(unsubscribe)
            layout.addWidget(QLabel(self.tr("Dialysis machine links")))
            layout.addWidget(self.machines, 1)
        else:
            self.machines.setVisible(False)
        layout.addWidget(QLabel(self.tr("Serial ports on this PC")))
        layout.addWidget(self.ports, 1)
        self.face_problem = QLabel(self._face_problem(face_error))
        self.face_problem.setObjectName("FaceProblem")
        self.face_problem.setWordWrap(True)
        self.face_problem.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.face_problem.setStyleSheet("color: #b3261e;")
        self.face_problem.setVisible(face_error is not None)
        layout.addWidget(self.face_problem)

    def show_bed(self, view: BedView) -> None:
        """One bed's row: the live link state, the machine, why it is down."""
        row = self._bed_rows.get(view.bed)
        if row is None:
            return
        state = {
            "connected": self.tr("connected"),
            "degraded": self.tr("degraded"),
            "disconnected": self.tr("disconnected"),
        }[view.state.value]
        colour = {"connected": "#1b5e20", "degraded": "#8a5a00"}.get(
            view.state.value, "#b3261e"
        )
        machine = self.tr("not yet identified")
        if view.identity is not None:
            ident = view.identity
            machine = f"{ident.manufacturer} {ident.model} · {ident.serial_number}"
        cells = [
            self.tr("Bed %1").replace("%1", view.bed),
            state,
            machine,
            "" if view.state.value == "connected" else view.reason,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 1:
                item.setForeground(QColor(colour))
            if column == 3:
                item.setToolTip(text)  # the whole reason, for IT
            self.machines.setItem(row, column, item)

    def _face_problem(self, error: BaseException | None) -> str:
        if error is None:
            return ""
        # Imported only here: the face package loads OpenCV.
        from app.identity.face import ModelAltered, ModelError, ModelMissing

        if not isinstance(error, ModelError):
            return self.tr("Face check-in could not start: %1").replace(
                "%1", f"{type(error).__name__}: {error}"
            )
        if isinstance(error, ModelMissing):
            what = self.tr("Face check-in could not start: a model file is missing.")
        elif isinstance(error, ModelAltered):
            what = self.tr(
                "Face check-in could not start: a model file has been changed."
            )
        else:
            what = self.tr(
                "Face check-in could not start: a model file cannot be read."
            )
        lines = [what, self.tr("File: %1").replace("%1", str(error.path))]
        if error.expected:
            lines.append(self.tr("Expected SHA-256: %1").replace("%1", error.expected))
        if isinstance(error, ModelAltered):
            lines.append(self.tr("Found SHA-256: %1").replace("%1", error.actual))
        return "\n".join(lines)

    def _state(self, port: str, seen: set[str]) -> str:
        if "://" in port:
            return self.tr("network")
        return self.tr("yes") if port in seen else self.tr("not found")

    @staticmethod
    def _table(headers: list[str], rows: Sequence[Sequence[str]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        return table
