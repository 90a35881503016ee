"""Quality gates a face must pass before it is matched or enrolled.

Each failure is a :class:`QualityReason` whose value is a stable message
key; the UI turns the key into words in the person's language and says what
to do ("come closer", "only one person please"). The gates are checked in a
fixed order so the person is told the most useful thing first.

Geometry comes from the detector's five landmarks only, so these gates work
for any detector behind the seam. Nothing here runs a model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import cv2
import numpy as np

from app.identity.face.seam import BgrImage, DetectedFace

SHARPNESS_PATCH_PX = 112


class QualityReason(enum.Enum):
    """Why a frame cannot be used; the value is the UI's message key."""

    NO_FACE = "face.no_face"
    MORE_THAN_ONE = "face.only_one_person"
    CUT_OFF = "face.cut_off"
    TOO_SMALL = "face.come_closer"
    NOT_FRONTAL = "face.face_the_camera"
    TOO_DARK = "face.too_dark"
    TOO_BRIGHT = "face.too_bright"
    TOO_BLURRY = "face.hold_still"


@dataclass(frozen=True)
class QualityLimits:
    """Thresholds of the gates; defaults measured on the public test photos
    and the test clip (see tests/bench/bench_face.py)."""

    min_face_px: float = 64.0
    # Faces narrower than this fraction of min_face_px are background
    # passers-by and do not count as "a second person".
    bystander_fraction: float = 0.5
    edge_margin_px: float = 2.0
    max_yaw_ratio: float = 0.5
    max_roll_deg: float = 25.0
    min_brightness: float = 50.0
    max_brightness: float = 215.0
    min_sharpness: float = 60.0

    def __post_init__(self) -> None:
        if self.min_face_px <= 0:
            raise ValueError(f"min_face_px must be positive, got {self.min_face_px}")
        if not 0 <= self.min_brightness < self.max_brightness <= 255:
            raise ValueError(
                "brightness limits must satisfy 0 <= min < max <= 255, got "
                f"{self.min_brightness}, {self.max_brightness}"
            )


@dataclass(frozen=True)
class QualityVerdict:
    face: DetectedFace | None
    reason: QualityReason | None

    @property
    def passed(self) -> bool:
        return self.reason is None


def yaw_ratio(face: DetectedFace) -> float:
    """Nose offset from the eyes' midpoint, in inter-eye distances.

    About 0 for a frontal face; positive when the subject turns to their own
    left in an unmirrored camera picture, negative to their right.
    """
    right_eye, left_eye, nose = face.landmarks[0], face.landmarks[1], face.landmarks[2]
    eye_distance = float(np.linalg.norm(left_eye - right_eye))
    if eye_distance < 1e-6:
        return 0.0
    return float(nose[0] - (right_eye[0] + left_eye[0]) / 2) / eye_distance


def roll_deg(face: DetectedFace) -> float:
    """Tilt of the line between the eyes, in degrees."""
    right_eye, left_eye = face.landmarks[0], face.landmarks[1]
    return float(
        np.degrees(np.arctan2(left_eye[1] - right_eye[1], left_eye[0] - right_eye[0]))
    )


def people_in(faces: list[DetectedFace], limits: QualityLimits) -> list[DetectedFace]:
    """Faces large enough to be someone at the station, largest first."""
    floor = limits.min_face_px * limits.bystander_fraction
    present = [f for f in faces if f.width >= floor]
    return sorted(present, key=lambda f: f.width, reverse=True)


def check_quality(
    image: BgrImage, faces: list[DetectedFace], limits: QualityLimits
) -> QualityVerdict:
    """The first gate the frame fails, or a pass with the one face."""
    present = people_in(faces, limits)
    if not present:
        return QualityVerdict(None, QualityReason.NO_FACE)
    if len(present) > 1:
        return QualityVerdict(present[0], QualityReason.MORE_THAN_ONE)
    face = present[0]
    return QualityVerdict(face, _first_failure(image, face, limits))


def _first_failure(
    image: BgrImage, face: DetectedFace, limits: QualityLimits
) -> QualityReason | None:
    if _is_cut_off(image, face, limits.edge_margin_px):
        return QualityReason.CUT_OFF
    if face.width < limits.min_face_px:
        return QualityReason.TOO_SMALL
    if (
        abs(yaw_ratio(face)) > limits.max_yaw_ratio
        or abs(roll_deg(face)) > limits.max_roll_deg
    ):
        return QualityReason.NOT_FRONTAL
    patch = _grey_patch(image, face)
    brightness = float(patch.mean())
    if brightness < limits.min_brightness:
        return QualityReason.TOO_DARK
    if brightness > limits.max_brightness:
        return QualityReason.TOO_BRIGHT
    if sharpness(patch) < limits.min_sharpness:
        return QualityReason.TOO_BLURRY
    return None


def _is_cut_off(image: BgrImage, face: DetectedFace, margin_px: float) -> bool:
    height, width = image.shape[:2]
    return (
        face.x < -margin_px
        or face.y < -margin_px
        or face.x + face.width > width + margin_px
        or face.y + face.height > height + margin_px
    )


def _grey_patch(image: BgrImage, face: DetectedFace) -> BgrImage:
    """The face box in grey, resized to a fixed size so sharpness compares."""
    height, width = image.shape[:2]
    left, top = max(int(face.x), 0), max(int(face.y), 0)
    right = min(int(face.x + face.width), width)
    bottom = min(int(face.y + face.height), height)
    crop = image[top:bottom, left:right]
    grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    size = (SHARPNESS_PATCH_PX, SHARPNESS_PATCH_PX)
    return np.asarray(cv2.resize(grey, size, interpolation=cv2.INTER_AREA), np.uint8)


def sharpness(grey_patch: BgrImage) -> float:
    """Variance of the Laplacian: low for a blurred or moving face."""
    return float(cv2.Laplacian(grey_patch, cv2.CV_64F).var())
