"""The check-in service end to end on real frames: clip, photos, blank walls."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.identity.checkin import (
    CheckInOutcome,
    CheckInResult,
    CheckInService,
    CheckInSettings,
    Phase,
)
from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import ChallengeStep, FacePipeline, LivenessLimits
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from devices.camera import Frame, VideoFileSource
from tests.app.identity.conftest import AuditLog

Photo = Callable[[str], np.ndarray]
LIN, OBAMA = 7, 4


@pytest.fixture
def repository(
    pipeline: FacePipeline, photo: Photo, cipher: TemplateCipher
) -> InMemoryTemplateRepository:
    repository = InMemoryTemplateRepository()
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    for staff_id, name in ((LIN, "lin-manuel-miranda.png"), (OBAMA, "obama2.jpg")):
        enrolment.enrol_from_images(staff_id, 1, "consent", [photo(name)])
    return repository


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _service(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    plan: list[ChallengeStep],
    settings: CheckInSettings | None = None,
    clock: Callable[[], float] | None = None,
) -> CheckInService:
    return CheckInService(
        pipeline,
        repository,
        cipher,
        audit,
        settings,
        clock=clock or Clock(),
        plan_chooser=lambda: list(plan),
    )


def _run(service: CheckInService, frames: Iterable[Frame]) -> CheckInResult | None:
    attempt = service.start()
    for frame in frames:
        update = attempt.feed(frame)
        if update.result is not None:
            assert update.phase is Phase.DONE
            return update.result
    return None


def _clip(faces_dir: Path, start_s: float) -> VideoFileSource:
    return VideoFileSource(faces_dir / "short_hamilton_clip.mp4", start_s=start_s)


def _still(image: np.ndarray, seconds: float, fps: float = 5.0) -> list[Frame]:
    return [Frame(i / fps, image) for i in range(int(seconds * fps))]


def test_the_clip_checks_in_the_enrolled_man_when_he_turns_as_asked(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
) -> None:
    service = _service(pipeline, repository, cipher, audit, [ChallengeStep.TURN_RIGHT])
    with _clip(faces_dir, 3.0) as clip:
        result = _run(service, clip)
    assert result is not None and result.outcome is CheckInOutcome.RECOGNISED
    assert result.staff_id == LIN and result.similarity >= 0.45
    [(action, subject, detail)] = audit.entries
    assert (action, subject) == ("face.checkin", str(LIN))
    assert detail["outcome"] == "recognised"
    assert detail["challenge"] == ["challenge.turn_right"]
    json.dumps(detail)  # plain values only: no image, no embedding


def test_the_clip_fails_liveness_when_asked_the_other_way(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
) -> None:
    settings = CheckInSettings(liveness=LivenessLimits(step_time_limit_s=1.0))
    service = _service(
        pipeline, repository, cipher, audit, [ChallengeStep.TURN_LEFT], settings
    )
    with _clip(faces_dir, 3.0) as clip:
        result = _run(service, clip)
    assert result is not None
    assert result.outcome is CheckInOutcome.LIVENESS_FAILED
    assert result.staff_id == LIN and result.detail == "timed_out"
    assert audit.entries[-1][2]["outcome"] == "liveness_failed"


def test_a_stranger_is_not_recognised(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    service = _service(pipeline, repository, cipher, audit, [ChallengeStep.TURN_LEFT])
    stranger = cv2.resize(photo("biden.jpg"), (440, 1000))
    result = _run(service, _still(stranger, 3.0))
    assert result is not None and result.outcome is CheckInOutcome.NOT_RECOGNISED
    assert result.staff_id is None and result.detail == "unknown"
    assert audit.entries[-1][1] == ""


def test_nobody_in_front_of_the_camera_times_out_with_the_reason(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
) -> None:
    settings = CheckInSettings(look_time_limit_s=1.0)
    service = _service(
        pipeline, repository, cipher, audit, [ChallengeStep.TURN_LEFT], settings
    )
    wall = np.full((480, 640, 3), 90, dtype=np.uint8)
    attempt = service.start()
    updates = [attempt.feed(frame) for frame in _still(wall, 1.6)]
    assert updates[0].guidance is not None
    assert updates[0].guidance.value == "face.no_face"
    assert attempt.result is not None
    assert attempt.result.outcome is CheckInOutcome.TIMED_OUT
    assert attempt.result.detail == "face.no_face"


def test_repeated_liveness_failures_lock_face_check_in_for_that_person(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
) -> None:
    clock = Clock()
    settings = CheckInSettings(
        liveness=LivenessLimits(step_time_limit_s=0.5),
        failures_before_lockout=2,
        lockout_s=300.0,
    )
    service = _service(
        pipeline, repository, cipher, audit, [ChallengeStep.TURN_LEFT], settings, clock
    )
    printed_photo = _still(cv2.resize(photo("obama.jpg"), (384, 480)), 2.0)
    outcomes = [_run(service, printed_photo) for _ in range(3)]
    assert [r.outcome if r else None for r in outcomes] == [
        CheckInOutcome.LIVENESS_FAILED,
        CheckInOutcome.LIVENESS_FAILED,
        CheckInOutcome.LOCKED_OUT,
    ]
    assert service.is_locked(OBAMA) and not service.is_locked(LIN)
    clock.now += 301.0
    assert not service.is_locked(OBAMA)
    again = _run(service, printed_photo)
    assert again is not None and again.outcome is CheckInOutcome.LIVENESS_FAILED
    assert audit.actions() == [
        "face.checkin",
        "face.checkin",
        "face.locked",  # the lock itself is audited, naming the person
        "face.checkin",
        "face.checkin",
    ]
    assert audit.entries[2][1] == str(OBAMA)


def test_abandoned_attempt_is_audited_and_templates_of_another_model_skipped(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    photo: Photo,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from dataclasses import replace

    old = repository.templates[LIN]
    repository.templates[LIN] = replace(old, model_sha256="0" * 64)
    service = _service(pipeline, repository, cipher, audit, [ChallengeStep.TURN_LEFT])
    attempt = service.start()
    assert attempt.gallery_size == 1
    assert "skipped" in caplog.text
    attempt.feed(Frame(0.0, cv2.resize(photo("obama.jpg"), (384, 480))))
    attempt.abandon()
    assert audit.entries[-1][2]["outcome"] == "abandoned"


def _print_over_face(
    frame: np.ndarray, pipeline: FacePipeline, held: np.ndarray
) -> np.ndarray:
    """``frame`` with the face of the photo ``held`` pasted over its face,
    the size of a print held up in front of it."""
    wearer = pipeline.detect(frame).verdict.face
    shown = pipeline.detect(held).verdict.face
    assert wearer is not None and shown is not None
    (cx, cy), (sx, sy) = wearer.centre, shown.centre
    w, h = int(wearer.width * 1.6), int(wearer.height * 1.6)
    half_w, half_h = shown.width * 0.8, shown.height * 0.8
    crop = held[
        int(max(sy - half_h, 0)) : int(sy + half_h),
        int(max(sx - half_w, 0)) : int(sx + half_w),
    ]
    patch = cv2.resize(crop, (w, h))
    out = frame.copy()
    y0, x0 = max(int(cy - h / 2), 0), max(int(cx - w / 2), 0)
    region = out[y0 : y0 + h, x0 : x0 + w]
    region[:] = patch[: region.shape[0], : region.shape[1]]
    return out


def test_a_photo_to_be_recognised_then_another_head_turning_fails(
    pipeline: FacePipeline,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
    photo: Photo,
) -> None:
    # Only Obama is enrolled. The man in the clip holds up a print of Obama
    # for a few frames, lowers it, and turns his own head as asked.
    repository = InMemoryTemplateRepository()
    EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    ).enrol_from_images(OBAMA, 1, "consent", [photo("obama2.jpg")])
    service = _service(pipeline, repository, cipher, audit, [ChallengeStep.TURN_RIGHT])
    with _clip(faces_dir, 3.0) as clip:
        frames = [f for f in clip if f.timestamp_s <= 4.6]
    held = _print_over_face(frames[0].image, pipeline, photo("obama.jpg"))
    attack = [Frame(i / 30, held) for i in range(6)]
    attack += [Frame(0.2 + f.timestamp_s - 3.0, f.image) for f in frames[1:]]
    attempt = service.start()
    updates = []
    for frame in attack:
        updates.append(attempt.feed(frame))
        if updates[-1].result is not None:
            break
    assert any(u.phase is Phase.CHALLENGE for u in updates)  # Obama was matched
    result = attempt.result
    assert result is not None and result.outcome is CheckInOutcome.LIVENESS_FAILED
    assert result.staff_id == OBAMA and result.detail == "not_same_person"
    assert audit.entries[-1][1] == str(OBAMA)
    assert audit.entries[-1][2]["outcome"] == "liveness_failed"
    assert audit.entries[-1][2]["detail"] == "not_same_person"
