"""Admin: the staff directory, PIN and face status, face enrolment.

Enrolment itself happens in the identity package's dialog (consent shown and
recorded, samples through the quality gates); this screen lists who is
enrolled and opens it. Only admins reach this screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.identity.directory import StaffRow
from ui.shell.header import role_text


class StaffScreen(QWidget):
    def __init__(
        self,
        load_rows: Callable[[], list[StaffRow]],
        face: Any,  # app.identity.station_face.FaceServices, or None without a camera
        admin_staff_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_rows = load_rows
        self._face = face
        self._admin = admin_staff_id
        title = QLabel(self.tr("Staff and faces"))
        title.setObjectName("Title")
        self._shared = getattr(face, "sharing", None) is not None
        self.note = QLabel(
            self.tr(
                "Face templates are stored encrypted, never as photos, and shared with "
                "the hospital's other stations through the platform, which keeps only "
                "ciphertext it cannot open (hospital key). Enrolment records the "
                "person's consent."
            )
            if self._shared
            else self.tr(
                "Face templates are stored encrypted, never as photos, at this station only. "
                "Enrolment records the person's consent."
            )
            if face is not None
            else self.tr(
                "This station has no camera configured, so face check-in is not used here. "
                "Faces are enrolled per station, at each station where the person checks in."
            )
        )
        self.note.setWordWrap(True)
        self.note.setObjectName("Subtitle")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Staff no."),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("PIN set"),
                self.tr("Face enrolled"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.enrol_button = QPushButton(self.tr("Enrol or delete a face…"))
        self.enrol_button.setObjectName("enrol_face")
        self.enrol_button.setProperty("class", "primary")
        self.enrol_button.setEnabled(face is not None)
        self.enrol_button.clicked.connect(self.open_enrolment)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(self.note)
        layout.addWidget(self.enrol_button)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self._load_rows()
        self.table.setRowCount(len(self.rows))
        yes, no = self.tr("yes"), self.tr("no")
        for r, row in enumerate(self.rows):
            values = [
                row.staff_number,
                row.name,
                role_text(row.role),
                yes if row.has_pin else no,
                yes
                if row.face_enrolled
                else self.tr("re-enrol: the model changed")
                if row.face_outdated
                else no,
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
            self.table.setRowHeight(r, 44)

    def consent_text(self) -> str:
        """The consent shown and recorded: says where the template goes."""
        return (
            self.tr(
                "I agree that Careloop keeps a mathematical template of my face, not a "
                "photo, to check me in at this hospital's stations. It is encrypted with "
                "the hospital's key and shared between the stations through the "
                "hospital platform, which keeps it encrypted and cannot open it. I can "
                "ask for it to be deleted at any time; it is deleted when I leave the "
                "staff directory. I can always sign in with my staff number and PIN or "
                "my badge instead."
            )
            if self._shared
            else self.tr(
                "I agree that Careloop keeps a mathematical template of my face, not a photo, "
                "to check me in at this station only (other stations keep no copy). I can ask for it "
                "to be deleted at any time; it is deleted when I leave the staff directory. "
                "I can always sign in with my staff number and PIN or my badge instead."
            )
        )

    def open_enrolment(self) -> None:
        from ui.identity.enrolment_dialog import EnrolmentDialog

        consent = self.consent_text()
        staff = [(row.staff_id, f"{row.staff_number} {row.name}") for row in self.rows]
        dialog = EnrolmentDialog(
            staff,
            self._admin,
            consent,
            self._face.open_camera,
            self._face.enrolment,
            self,
        )
        dialog.enrolled.connect(lambda _id: self.refresh())
        dialog.deleted.connect(lambda _id: self.refresh())
        dialog.open()
