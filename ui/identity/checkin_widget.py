"""The face check-in panel: live preview, guidance, challenge, result.

A thin view over ``app.identity.checkin``: the attempt runs in a
:class:`FrameLoop` thread and every update comes back by signal. The "Use
PIN or badge" button is always visible and always works, whatever the
camera is doing. All text is English in code and translated (zh_CN first).

It does not sign anyone in: it emits ``recognised(staff_id)`` and the
sign-in screen opens the session.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.identity.checkin import (
    NOT_SAME_PERSON,
    CheckInAttempt,
    CheckInOutcome,
    CheckInResult,
    CheckInService,
    CheckInUpdate,
    Frame,
    FrameSourceFactory,
    Phase,
)
from app.identity.face import ChallengeStep, LivenessState, QualityReason
from ui.identity.frames import FrameLoop, retire

logger = logging.getLogger(__name__)

PREVIEW_SIZE = QSize(400, 300)
LOOKING_COLOUR, CHALLENGE_COLOUR = "#f2b200", "#1f6feb"
ACCEPTED_COLOUR, REFUSED_COLOUR = "#1a7f37", "#b3261e"


class _AttemptHandler:
    """Runs in the worker thread: one check-in attempt fed frame by frame."""

    def __init__(self, service: CheckInService) -> None:
        self._attempt: CheckInAttempt = service.start()

    def handle(self, frame: Frame) -> tuple[object, bool]:
        update = self._attempt.feed(frame)
        return update, update.result is not None

    def stopped_early(self) -> None:
        self._attempt.abandon()


class CheckInWidget(QWidget):
    """Face check-in with the PIN/badge way always one touch away."""

    recognised = Signal(str)  # staff id
    fallback_requested = Signal()
    finished = Signal(object)  # CheckInResult, whatever the outcome
    unavailable = Signal()  # the camera could not be used
    update_shown = Signal(object)  # CheckInUpdate, once its words are on screen

    def __init__(
        self,
        source_factory: FrameSourceFactory,
        service: CheckInService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FaceCheckIn")
        self._source_factory = source_factory
        self._service = service
        self._loop: FrameLoop | None = None
        self.last_update: CheckInUpdate | None = None
        self.result: CheckInResult | None = None
        self._build()
        self._show_idle()

    # -- public -----------------------------------------------------------

    def start(self) -> None:
        """Open the camera and begin an attempt (no-op if one is running)."""
        if self.is_running():
            return
        self.result = None
        self.last_update = None
        loop = FrameLoop(self._source_factory, lambda: _AttemptHandler(self._service))
        loop.frame_done.connect(self._on_frame)
        loop.failed.connect(self._on_failed)
        loop.source_ended.connect(self._on_source_ended)
        self._loop = loop
        self.guidance.setText(self.tr("Starting the camera…"))
        self.result_label.clear()
        self.start_button.setVisible(False)
        loop.start()

    def stop(self) -> None:
        """Stop the camera; the worker finishes its frame in the background."""
        loop, self._loop = self._loop, None
        if loop is not None:
            retire(loop)
        self.start_button.setVisible(True)

    def is_running(self) -> bool:
        return self._loop is not None and self._loop.isRunning()

    # -- layout -----------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Face check-in"))
        title.setObjectName("Title")
        self.preview = QLabel()
        self.preview.setObjectName("FacePreview")
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1d2430; color: #c9d1dc;")
        self.guidance = QLabel()
        self.guidance.setObjectName("Guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.challenge = QLabel()
        self.challenge.setObjectName("Challenge")
        self.challenge.setWordWrap(True)
        self.challenge.setStyleSheet(
            "font-size: 26px; font-weight: 700; color: #0b3d91;"
        )
        self.result_label = QLabel()
        self.result_label.setObjectName("Result")
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet("font-size: 20px;")
        note = QLabel(
            self.tr(
                "Face check-in is a convenience. It asks you to move and checks "
                "that the same face stays in front of the camera, so a photo "
                "held up is refused; a video played on a screen or a mask may "
                "not be. Your PIN or badge always works."
            )
        )
        note.setObjectName("Subtitle")
        note.setWordWrap(True)
        note.setStyleSheet("font-size: 14px;")
        self.start_button = QPushButton(self.tr("Check in with my face"))
        self.start_button.setProperty("class", "primary")
        self.start_button.clicked.connect(self.start)
        self.fallback_button = QPushButton(self.tr("Use PIN or badge"))
        self.fallback_button.setObjectName("FaceFallback")
        self.fallback_button.clicked.connect(self._on_fallback)
        for label in (self.guidance, self.challenge, self.result_label, note):
            label.setSizePolicy(
                QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum
            )

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.fallback_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.guidance)
        layout.addWidget(self.challenge)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def _show_idle(self) -> None:
        self.preview.setText(self.tr("Camera off"))
        self.guidance.setText(self.tr("Look at the camera to check in."))
        self.challenge.clear()

    # -- updates from the worker ------------------------------------------

    def _on_frame(self, image: QImage, update: object) -> None:
        if self.sender() is not self._loop:
            return  # a late frame from a run that was already stopped
        assert isinstance(update, CheckInUpdate)
        self.last_update = update
        self._draw_preview(image, update)
        self.guidance.setText(self._guidance_text(update))
        step = update.challenge
        self.challenge.setText(self._challenge_text(step) if step else "")
        self.update_shown.emit(update)
        if update.result is not None:
            self._on_result(update.result)

    def _on_result(self, result: CheckInResult) -> None:
        self.result = result
        self.challenge.clear()
        self.guidance.clear()
        self.result_label.setText(self._result_text(result))
        self.start_button.setText(self.tr("Try again"))
        self.stop()
        self.finished.emit(result)
        if result.recognised and result.staff_id is not None:
            self.recognised.emit(str(result.staff_id))

    def _on_failed(self, error: object) -> None:
        self.stop()
        self.preview.setText(self.tr("Camera off"))
        self.guidance.setText(
            self.tr("The camera cannot be used right now. Use your PIN or badge.")
        )
        self.unavailable.emit()

    def _on_source_ended(self) -> None:
        self.stop()
        self.guidance.setText(
            self.tr("The camera stopped. Try again or use your PIN or badge.")
        )

    def _on_fallback(self) -> None:
        self.stop()
        self.fallback_requested.emit()

    def hideEvent(self, event: object) -> None:
        self.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    # -- drawing and words ------------------------------------------------

    def _draw_preview(self, image: QImage, update: CheckInUpdate) -> None:
        pixmap = QPixmap.fromImage(image)
        if update.face_box is not None:
            painter = QPainter(pixmap)
            pen = QPen(QColor(self._box_colour(update)))
            pen.setWidth(max(3, image.width() // 160))
            painter.setPen(pen)
            painter.drawRect(QRect(*update.face_box))
            painter.end()
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    @staticmethod
    def _box_colour(update: CheckInUpdate) -> str:
        if update.result is not None:
            return ACCEPTED_COLOUR if update.result.recognised else REFUSED_COLOUR
        if update.phase is Phase.CHALLENGE:
            return CHALLENGE_COLOUR
        return LOOKING_COLOUR

    def _guidance_text(self, update: CheckInUpdate) -> str:
        if update.phase is Phase.CHALLENGE:
            return self.tr("Almost done: please do this")
        if update.guidance is None:
            return self.tr("Hold still…")
        texts = {
            QualityReason.NO_FACE: self.tr("Look at the camera"),
            QualityReason.MORE_THAN_ONE: self.tr("Only one person please"),
            QualityReason.CUT_OFF: self.tr("Move into the middle of the picture"),
            QualityReason.TOO_SMALL: self.tr("Come closer"),
            QualityReason.NOT_FRONTAL: self.tr("Face the camera"),
            QualityReason.TOO_DARK: self.tr("Too dark: find more light"),
            QualityReason.TOO_BRIGHT: self.tr("Too bright: step out of the glare"),
            QualityReason.TOO_BLURRY: self.tr("Hold still"),
        }
        return texts[update.guidance]

    def _challenge_text(self, step: ChallengeStep) -> str:
        texts = {
            ChallengeStep.TURN_LEFT: self.tr("Turn your head to your left"),
            ChallengeStep.TURN_RIGHT: self.tr("Turn your head to your right"),
            ChallengeStep.COME_CLOSER: self.tr("Come closer to the camera"),
        }
        return texts[step]

    def _result_text(self, result: CheckInResult) -> str:
        if result.outcome is CheckInOutcome.LIVENESS_FAILED and result.detail in (
            NOT_SAME_PERSON,
            LivenessState.FACE_CHANGED.value,
        ):
            return self.tr(
                "The face changed during the check. Try again or use your PIN or badge."
            )
        texts = {
            CheckInOutcome.RECOGNISED: self.tr("Recognised: signing you in…"),
            CheckInOutcome.NOT_RECOGNISED: self.tr(
                "Not recognised. Try again or use your PIN or badge."
            ),
            CheckInOutcome.LIVENESS_FAILED: self.tr(
                "The movement was not seen. Try again or use your PIN or badge."
            ),
            CheckInOutcome.LOCKED_OUT: self.tr(
                "Face check-in is paused for you after several tries. "
                "Use your PIN or badge."
            ),
            CheckInOutcome.TIMED_OUT: self.tr(
                "No clear face was seen in time. Try again or use your PIN or badge."
            ),
            CheckInOutcome.ABANDONED: self.tr("Stopped."),
        }
        return texts[result.outcome]
