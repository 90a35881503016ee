"""Admin dialog: enrol a staff member's face with recorded consent.

The admin picks the person from the directory, the person reads the consent
text and the admin ticks that they agreed; only then does the camera start.
Samples are taken through the quality gates (the dialog says what to fix)
until enough are good; "Save" stores the encrypted template, never an
image. The same dialog deletes a person's template. Sampling, saving and
deleting run off the GUI thread; rights (admin only) are checked by the
caller before the dialog opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.identity.checkin import Frame, FrameSourceFactory
from app.identity.enrolment import (
    EnrolmentService,
    EnrolmentSession,
    SampleReason,
    SampleVerdict,
)
from app.identity.face import QualityReason
from ui.identity.frames import FrameLoop, retire

logger = logging.getLogger(__name__)

PREVIEW_SIZE = QSize(360, 270)


class _SampleHandler:
    """Runs in the worker thread: offers each frame to the enrolment session."""

    def __init__(self, session: EnrolmentSession) -> None:
        self._session = session

    def handle(self, frame: Frame) -> tuple[object, bool]:
        verdict = self._session.offer(frame)
        return verdict, verdict.complete

    def stopped_early(self) -> None:
        """Samples not saved are simply dropped with the session."""


class _Job(QThread):
    """One blocking call (a store write) off the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            self.done.emit(self._work())
        except Exception as exc:  # shown in the dialog
            logger.warning("face enrolment job failed: %s", type(exc).__name__)
            self.failed.emit(exc)


class EnrolmentDialog(QDialog):
    """Consent, quality-gated capture, save; or delete a template."""

    enrolled = Signal(int)  # staff id
    deleted = Signal(int)  # staff id

    def __init__(
        self,
        staff: Sequence[tuple[int, str]],
        recorded_by_staff_id: int,
        consent_text: str,
        source_factory: FrameSourceFactory,
        service: EnrolmentService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enrol a face"))
        self._recorded_by = recorded_by_staff_id
        self._consent_text = consent_text
        self._source_factory = source_factory
        self._service = service
        self._session: EnrolmentSession | None = None
        self._loop: FrameLoop | None = None
        self._job: _Job | None = None
        self._build(staff)

    # -- layout -----------------------------------------------------------

    def _build(self, staff: Sequence[tuple[int, str]]) -> None:
        self.person = QComboBox()
        for staff_id, name in staff:
            self.person.addItem(name, staff_id)
        consent = QTextEdit()
        consent.setPlainText(self._consent_text)
        consent.setReadOnly(True)
        consent.setFixedHeight(130)  # the whole text readable without scrolling
        self.agreed = QCheckBox(self.tr("The person has read this and agrees"))
        self.agreed.toggled.connect(self._refresh_buttons)
        self.preview = QLabel(self.tr("Camera off"))
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1d2430; color: #c9d1dc;")
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, self._service.settings.samples_needed)
        self.progress.setFormat(self.tr("%v of %m good pictures"))
        self.capture_button = QPushButton(self.tr("Start camera"))
        self.capture_button.clicked.connect(self.start_capture)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("class", "primary")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Delete face template"))
        self.delete_button.clicked.connect(self.delete_template)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (
            self.capture_button,
            self.save_button,
            self.delete_button,
            close,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Staff member")))
        layout.addWidget(self.person)
        layout.addWidget(QLabel(self.tr("Consent")))
        layout.addWidget(consent)
        layout.addWidget(self.agreed)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.guidance)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        busy = self._loop is not None or self._job is not None
        complete = self._session is not None and (
            self._session.samples_taken >= self._service.settings.samples_needed
        )
        self.capture_button.setEnabled(self.agreed.isChecked() and not busy)
        self.save_button.setEnabled(complete and not busy and not self._saved())
        self.delete_button.setEnabled(not busy)
        self.person.setEnabled(not busy and self._session is None)

    def _saved(self) -> bool:
        return self._session is not None and self._session.saved

    def _staff_id(self) -> int:
        return int(self.person.currentData())

    # -- capture ----------------------------------------------------------

    def start_capture(self) -> None:
        if not self.agreed.isChecked() or self._loop is not None:
            return
        session = self._service.start(
            self._staff_id(), self._recorded_by, self._consent_text
        )
        self._session = session
        loop = FrameLoop(self._source_factory, lambda: _SampleHandler(session))
        loop.frame_done.connect(self._on_frame)
        loop.failed.connect(self._on_camera_failed)
        loop.source_ended.connect(self._stop_capture)
        loop.finished.connect(self._stop_capture)
        self._loop = loop
        self.progress.setValue(0)
        self._refresh_buttons()
        loop.start()

    def _stop_capture(self) -> None:
        loop, self._loop = self._loop, None
        if loop is not None:
            retire(loop)
        self._refresh_buttons()

    def _on_frame(self, image: QImage, verdict: object) -> None:
        if self.sender() is not self._loop:
            return  # a late frame from a capture that was already stopped
        assert isinstance(verdict, SampleVerdict)
        self._draw_preview(image, verdict)
        self.progress.setValue(verdict.samples_taken)
        if verdict.complete:
            self.guidance.setText(self.tr("Enough good pictures. Press Save."))
        elif verdict.accepted:
            self.guidance.setText(
                self.tr("Good. Move your head a little and hold still.")
            )
        else:
            self.guidance.setText(self._reason_text(verdict.reason))

    def _on_camera_failed(self, error: object) -> None:
        self.guidance.setText(self.tr("The camera cannot be used right now."))
        self._stop_capture()

    # -- save and delete ---------------------------------------------------

    def save(self) -> None:
        session = self._session
        if session is None or self._job is not None:
            return
        staff_id = session.consent.staff_id
        self._run_job(session.save, lambda _: self._on_saved(staff_id))

    def delete_template(self) -> None:
        if self._job is not None:
            return
        staff_id = self._staff_id()
        self._run_job(
            lambda: self._service.delete(staff_id, self._recorded_by, "requested"),
            lambda _: self._on_deleted(staff_id),
        )

    def _run_job(
        self, work: Callable[[], object], on_done: Callable[[object], None]
    ) -> None:
        job = _Job(work)
        job.done.connect(on_done)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._job_finished)
        self._job = job
        self._refresh_buttons()
        job.start()

    def _job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self._refresh_buttons()

    def _on_saved(self, staff_id: int) -> None:
        self.guidance.setText(self.tr("Saved. The pictures were not kept."))
        self.enrolled.emit(staff_id)

    def _on_deleted(self, staff_id: int) -> None:
        self.guidance.setText(self.tr("The face template was deleted."))
        self.deleted.emit(staff_id)

    def _on_job_failed(self, error: object) -> None:
        self.guidance.setText(self.tr("Could not save. Nothing was changed."))

    def done(self, result: int) -> None:
        self._stop_capture()
        if self._job is not None:
            self._job.wait()
        super().done(result)

    # -- drawing and words ------------------------------------------------

    def _draw_preview(self, image: QImage, verdict: SampleVerdict) -> None:
        pixmap = QPixmap.fromImage(image)
        if verdict.face_box is not None:
            painter = QPainter(pixmap)
            pen = QPen(QColor("#1a7f37" if verdict.accepted else "#f2b200"))
            pen.setWidth(max(3, image.width() // 160))
            painter.setPen(pen)
            painter.drawRect(QRect(*verdict.face_box))
            painter.end()
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _reason_text(self, reason: str | None) -> str:
        texts = {
            QualityReason.NO_FACE.value: self.tr("Look at the camera"),
            QualityReason.MORE_THAN_ONE.value: self.tr("Only one person please"),
            QualityReason.CUT_OFF.value: self.tr("Move into the middle of the picture"),
            QualityReason.TOO_SMALL.value: self.tr("Come closer"),
            QualityReason.NOT_FRONTAL.value: self.tr("Face the camera"),
            QualityReason.TOO_DARK.value: self.tr("Too dark: find more light"),
            QualityReason.TOO_BRIGHT.value: self.tr(
                "Too bright: step out of the glare"
            ),
            QualityReason.TOO_BLURRY.value: self.tr("Hold still"),
            SampleReason.TOO_SOON: self.tr("Hold still"),
            SampleReason.DIFFERENT_PERSON: self.tr(
                "This looks like someone else. Only the person being enrolled please."
            ),
        }
        return texts.get(reason or "", self.tr("Look at the camera"))
