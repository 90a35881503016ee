"""Enrolment: consent, quality-gated samples, encrypted storage, deletion."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import pytest

from app.errors import ValidationError
from app.identity.enrolment import (
    EnrolmentIncomplete,
    EnrolmentService,
    EnrolmentSettings,
    SampleReason,
)
from app.identity.face import FacePipeline, QualityReason
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from devices.camera import Frame
from tests.app.identity.conftest import AuditLog

Photo = Callable[[str], np.ndarray]
CONSENT = "我同意保存我的人脸模板用于签到。"


@pytest.fixture
def repository() -> InMemoryTemplateRepository:
    return InMemoryTemplateRepository()


def _service(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    samples: int = 3,
) -> EnrolmentService:
    settings = EnrolmentSettings(samples_needed=samples, min_interval_s=0.3)
    return EnrolmentService(pipeline, repository, cipher, audit, settings)


def test_two_people_are_refused_for_enrolment(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    service = _service(pipeline, repository, cipher, audit, samples=1)
    verdict = service.enrol_from_images(5, 1, CONSENT, [photo("two_people.jpg")])
    assert not verdict.accepted
    assert verdict.reason == QualityReason.MORE_THAN_ONE.value
    assert repository.list_all() == [] and audit.entries == []


def test_samples_are_gated_spaced_and_from_one_person(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    service = _service(pipeline, repository, cipher, audit)
    session = service.start(staff_id=4, recorded_by_staff_id=1, consent_text=CONSENT)
    obama, obama2 = photo("obama.jpg"), photo("obama2.jpg")
    verdicts = [
        session.offer(Frame(0.0, photo("obama_partial_face.jpg"))),
        session.offer(Frame(0.1, obama)),
        session.offer(Frame(0.2, obama2)),  # too soon after the last sample
        session.offer(Frame(0.6, photo("biden.jpg"))),  # somebody else
        session.offer(Frame(1.0, obama2)),
    ]
    assert [v.reason for v in verdicts] == [
        QualityReason.CUT_OFF.value,
        None,
        SampleReason.TOO_SOON,
        SampleReason.DIFFERENT_PERSON,
        None,
    ]
    with pytest.raises(EnrolmentIncomplete):
        session.save()
    last = session.offer(Frame(1.5, photo("obama3.jpg")))
    assert last.accepted and last.complete and last.samples_taken == 3
    session.save()

    [stored] = repository.list_all()
    assert stored.staff_id == 4 and stored.model_id == pipeline.model_id
    template = cipher.decrypt(4, stored.ciphertext)
    assert template.embedding.shape == (128,)
    [consent] = repository.consents
    assert (consent.staff_id, consent.recorded_by_staff_id) == (4, 1)
    assert consent.consent_text == CONSENT and consent.recorded_at.tzinfo is not None
    assert audit.entries == [
        ("face.enrol", "4", {"by": 1, "samples": 3, "model_id": pipeline.model_id})
    ]


def test_re_enrolment_replaces_and_deletion_removes(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    service = _service(pipeline, repository, cipher, audit, samples=1)
    service.enrol_from_images(4, 1, CONSENT, [photo("obama.jpg")])
    first = repository.list_all()[0].ciphertext
    service.enrol_from_images(4, 1, CONSENT, [photo("obama2.jpg")])
    service.enrol_from_images(2, 1, CONSENT, [photo("biden.jpg")])
    assert len(repository.list_all()) == 2
    assert repository.templates[4].ciphertext != first

    assert service.delete(4, by_staff_id=1, why="requested") == 1
    assert [t.staff_id for t in repository.list_all()] == [2]
    assert service.staff_left(2) == 1
    assert repository.list_all() == []
    assert audit.entries[-1] == (
        "face.delete",
        "2",
        {"removed": 1, "why": "left_directory"},
    )


def test_consent_text_is_required(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
) -> None:
    service = _service(pipeline, repository, cipher, audit)
    with pytest.raises(ValidationError):
        service.start(4, 1, "   ")


def test_blurred_sample_says_hold_still(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    session = _service(pipeline, repository, cipher, audit).start(4, 1, CONSENT)
    verdict = session.offer(Frame(0.0, cv2.GaussianBlur(photo("obama.jpg"), (0, 0), 6)))
    assert verdict.reason == "face.hold_still" and verdict.samples_taken == 0
