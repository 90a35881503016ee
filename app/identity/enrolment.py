"""Face enrolment, Qt-free: consent, several good samples, one template.

An admin chooses a staff member, the consent text is shown and recorded
(who, by whom, when, the exact text), then frames are offered one by one.
Each frame must pass the quality gates; accepted samples are spaced in time
so that they are not the same instant, and must agree with each other (one
person, not two). Their mean embedding becomes the template, which is
encrypted and stored; the samples and frames are dropped. Re-enrolment
replaces a person's template; deletion removes it, also when a person leaves
the staff directory. Each of these is audited, never with an image.

This module opens no camera and draws nothing; rights (admin only) are
checked by the caller that holds the signed-in person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from app.errors import NotAllowed, ValidationError
from app.identity.checkin import AuditHook, Frame
from app.identity.face import BgrImage, Embedding, FacePipeline, QualityReason
from app.identity.face.opencv_pair import unit_length
from app.identity.templates import (
    ConsentRecord,
    FaceTemplate,
    StoredTemplate,
    TemplateCipher,
    TemplateRepository,
)

logger = logging.getLogger(__name__)

ACTION_ENROL = "face.enrol"
ACTION_DELETE = "face.delete"


class EnrolmentIncomplete(ValidationError):
    """Save was asked before enough good samples were taken."""


class SampleReason:
    """Rejections that are not quality gates (message keys, like QualityReason)."""

    TOO_SOON = "enrol.too_soon"
    DIFFERENT_PERSON = "enrol.different_person"


@dataclass(frozen=True)
class EnrolmentSettings:
    samples_needed: int = 5
    min_interval_s: float = 0.3
    # Every sample must be at least this similar to the first one.
    min_agreement: float = 0.5

    def __post_init__(self) -> None:
        if self.samples_needed < 1:
            raise ValueError(f"samples_needed must be >= 1, got {self.samples_needed}")


@dataclass(frozen=True)
class SampleVerdict:
    accepted: bool
    reason: str | None  # a QualityReason value or a SampleReason key
    samples_taken: int
    samples_needed: int
    face_box: tuple[int, int, int, int] | None

    @property
    def complete(self) -> bool:
        return self.samples_taken >= self.samples_needed


class EnrolmentService:
    """Enrols, re-enrols and deletes face templates."""

    def __init__(
        self,
        pipeline: FacePipeline,
        repository: TemplateRepository,
        cipher: TemplateCipher,
        audit: AuditHook,
        settings: EnrolmentSettings | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        may_enrol: Callable[[int], bool] | None = None,
    ) -> None:
        """``may_enrol(staff_id)`` says whether that person may enrol or
        delete faces (the station checks the role's right); without it,
        the caller is trusted (tests, imports)."""
        self.pipeline = pipeline
        self.settings = settings if settings is not None else EnrolmentSettings()
        self._repository = repository
        self._cipher = cipher
        self._audit = audit
        self._clock = clock
        self._may_enrol = may_enrol

    def _check_right(self, staff_id: int, action: str) -> None:
        if self._may_enrol is not None and not self._may_enrol(staff_id):
            self._audit(action, "", {"by": staff_id, "refused": "no_right"})
            raise NotAllowed(f"staff id {staff_id} may not enrol or delete faces")

    def start(
        self, staff_id: int, recorded_by_staff_id: int, consent_text: str
    ) -> EnrolmentSession:
        """Begin an enrolment once the person has read ``consent_text``."""
        if not consent_text.strip():
            raise ValidationError("consent text must not be empty")
        self._check_right(recorded_by_staff_id, ACTION_ENROL)
        consent = ConsentRecord(
            staff_id, recorded_by_staff_id, consent_text, recorded_at=self._clock()
        )
        return EnrolmentSession(self, consent)

    def enrol_from_images(
        self,
        staff_id: int,
        recorded_by_staff_id: int,
        consent_text: str,
        images: list[BgrImage],
    ) -> SampleVerdict:
        """Enrol from still images (one sample each); for imports and tests."""
        session = self.start(staff_id, recorded_by_staff_id, consent_text)
        verdict = None
        for index, image in enumerate(images):
            spacing_s = index * (self.settings.min_interval_s + 1.0)
            verdict = session.offer(Frame(spacing_s, image))
        if verdict is not None and verdict.complete:
            session.save()
        assert verdict is not None
        return verdict

    def delete(self, staff_id: int, by_staff_id: int | None, why: str) -> int:
        """Remove a person's templates (on request, or they left); audited."""
        if by_staff_id is not None:
            self._check_right(by_staff_id, ACTION_DELETE)
        removed = self._repository.delete_for_staff(staff_id)
        detail: dict[str, object] = {"removed": removed, "why": why}
        if by_staff_id is not None:
            detail["by"] = by_staff_id
        self._audit(ACTION_DELETE, str(staff_id), detail)
        logger.info("face templates deleted: %d (%s)", removed, why)
        return removed

    def staff_left(self, staff_id: int) -> int:
        """The person left the directory: their template goes with them."""
        return self.delete(staff_id, None, "left_directory")

    def save(self, consent: ConsentRecord, embedding: Embedding, samples: int) -> None:
        template = FaceTemplate(
            embedding, self.pipeline.model_id, self.pipeline.model_sha256
        )
        stored = StoredTemplate(
            staff_id=consent.staff_id,
            ciphertext=self._cipher.encrypt(consent.staff_id, template),
            model_id=template.model_id,
            model_sha256=template.model_sha256,
            created_at=self._clock(),
        )
        self._repository.add(consent, stored, template)
        self._audit(
            ACTION_ENROL,
            str(consent.staff_id),
            {
                "by": consent.recorded_by_staff_id,
                "samples": samples,
                "model_id": template.model_id,
            },
        )
        logger.info("face template stored from %d samples", samples)


class EnrolmentSession:
    """Samples of one person, taken until enough have passed the gates."""

    def __init__(self, service: EnrolmentService, consent: ConsentRecord) -> None:
        self._service = service
        self._settings = service.settings
        self.consent = consent
        self._samples: list[Embedding] = []
        self._last_sample_s: float | None = None
        self.saved = False

    @property
    def samples_taken(self) -> int:
        return len(self._samples)

    def offer(self, frame: Frame) -> SampleVerdict:
        """Judge one frame; keep its embedding (never the image) if good."""
        if self._done():
            return self._verdict(False, None, None)
        analysis = self._service.pipeline.analyse(frame.image)
        face = analysis.verdict.face
        box = analysis.box_in_frame(face) if face is not None else None
        if analysis.embedding is None:
            reason = analysis.verdict.reason or QualityReason.NO_FACE
            return self._verdict(False, reason.value, box)
        if self._too_soon(frame.timestamp_s):
            return self._verdict(False, SampleReason.TOO_SOON, box)
        if self._samples and self._disagrees(analysis.embedding):
            return self._verdict(False, SampleReason.DIFFERENT_PERSON, box)
        self._samples.append(analysis.embedding)
        self._last_sample_s = frame.timestamp_s
        return self._verdict(True, None, box)

    def save(self) -> None:
        if not self._done():
            raise EnrolmentIncomplete(
                f"{len(self._samples)} of {self._settings.samples_needed} samples"
            )
        mean = unit_length(np.mean(np.stack(self._samples), axis=0))
        self._service.save(self.consent, mean, len(self._samples))
        self._samples.clear()
        self.saved = True

    def _done(self) -> bool:
        return len(self._samples) >= self._settings.samples_needed

    def _too_soon(self, timestamp_s: float) -> bool:
        if self._last_sample_s is None:
            return False
        return timestamp_s - self._last_sample_s < self._settings.min_interval_s

    def _disagrees(self, embedding: Embedding) -> bool:
        return float(self._samples[0] @ embedding) < self._settings.min_agreement

    def _verdict(
        self, accepted: bool, reason: str | None, box: tuple[int, int, int, int] | None
    ) -> SampleVerdict:
        return SampleVerdict(
            accepted, reason, len(self._samples), self._settings.samples_needed, box
        )
