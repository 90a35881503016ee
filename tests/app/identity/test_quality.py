"""Quality gates on the public photos and on photos spoiled on purpose."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import pytest

from app.identity.face import DetectedFace, FacePipeline, QualityReason
from app.identity.face.quality import QualityLimits, check_quality, yaw_ratio

Photo = Callable[[str], np.ndarray]


def _reason(pipeline: FacePipeline, image: np.ndarray) -> QualityReason | None:
    return pipeline.analyse(image).verdict.reason


def test_good_photo_passes_and_is_embedded(
    pipeline: FacePipeline, photo: Photo
) -> None:
    analysis = pipeline.analyse(photo("obama.jpg"))
    assert analysis.verdict.passed
    assert analysis.embedding is not None and analysis.embedding.shape == (128,)
    assert float(np.linalg.norm(analysis.embedding)) == pytest.approx(1.0, abs=1e-5)


def test_partial_face_is_cut_off(pipeline: FacePipeline, photo: Photo) -> None:
    analysis = pipeline.analyse(photo("obama_partial_face.jpg"))
    assert analysis.verdict.reason is QualityReason.CUT_OFF
    assert analysis.verdict.reason.value == "face.cut_off"
    assert analysis.embedding is None


def test_two_people_are_refused(pipeline: FacePipeline, photo: Photo) -> None:
    assert _reason(pipeline, photo("two_people.jpg")) is QualityReason.MORE_THAN_ONE


def test_empty_scene_has_no_face(pipeline: FacePipeline) -> None:
    wall = np.full((480, 640, 3), 128, dtype=np.uint8)
    assert _reason(pipeline, wall) is QualityReason.NO_FACE


def test_far_away_face_asks_to_come_closer(
    pipeline: FacePipeline, photo: Photo
) -> None:
    # The face, shrunk into a corner of a 640×480 scene, is about 45 px wide.
    small = cv2.resize(photo("alex-lacamoire.png"), (127, 118))
    scene = np.full((480, 640, 3), 120, dtype=np.uint8)
    scene[200:318, 300:427] = small
    assert _reason(pipeline, scene) is QualityReason.TOO_SMALL


def test_dark_bright_and_blurred_faces(pipeline: FacePipeline, photo: Photo) -> None:
    image = photo("obama.jpg").astype(np.float32)
    dark = np.clip(image * 0.25, 0, 255).astype(np.uint8)
    bright = np.clip(image * 0.4 + 170, 0, 255).astype(np.uint8)
    blurred = cv2.GaussianBlur(photo("obama.jpg"), (0, 0), 6)
    assert _reason(pipeline, dark) is QualityReason.TOO_DARK
    assert _reason(pipeline, bright) is QualityReason.TOO_BRIGHT
    assert _reason(pipeline, blurred) is QualityReason.TOO_BLURRY


def _face(nose_x: float, eye_tilt_px: float = 0.0) -> DetectedFace:
    landmarks = np.array(
        [[280, 200], [360, 200 + eye_tilt_px], [nose_x, 240], [290, 280], [350, 280]],
        dtype=np.float32,
    )
    return DetectedFace(240, 140, 160, 200, landmarks, 0.9)


def test_turned_or_tilted_face_is_asked_to_face_the_camera() -> None:
    scene = np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    limits = QualityLimits()
    assert yaw_ratio(_face(320)) == pytest.approx(0.0)
    assert yaw_ratio(_face(360)) == pytest.approx(0.5)
    frontal = check_quality(scene, [_face(325)], limits)
    turned = check_quality(scene, [_face(370)], limits)
    tilted = check_quality(scene, [_face(320, eye_tilt_px=60)], limits)
    assert frontal.reason is None
    assert turned.reason is QualityReason.NOT_FRONTAL
    assert tilted.reason is QualityReason.NOT_FRONTAL


def test_small_background_face_is_not_a_second_person() -> None:
    scene = np.random.default_rng(2).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    bystander = DetectedFace(
        10, 10, 20, 24, np.zeros((5, 2), dtype=np.float32) + 20, 0.8
    )
    verdict = check_quality(scene, [bystander, _face(320)], QualityLimits())
    assert verdict.reason is None and verdict.face is not None
    assert verdict.face.width == 160
