"""One frame through the pipeline: scale, detect, gate, and embed if asked.

Large photos are scaled so that their longer side is at most ``max_side_px``
before anything else, so that quality limits in pixels mean the same for a
640×480 camera frame and a 12-megapixel enrolment photo. Every face in the
result is in the coordinates of that working image; ``frame_scale`` maps
them back onto the frame.

Detector and embedder are not thread-safe; a lock serialises the calls, so
one pipeline may serve check-in and enrolment workers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from app.identity.face.opencv_pair import load_opencv_pair
from app.identity.face.quality import (
    QualityLimits,
    QualityReason,
    QualityVerdict,
    check_quality,
)
from app.identity.face.seam import (
    BgrImage,
    DetectedFace,
    Detector,
    Embedder,
    Embedding,
)

DEFAULT_MAX_SIDE_PX = 1024


@dataclass(frozen=True)
class FrameAnalysis:
    faces: list[DetectedFace]
    verdict: QualityVerdict
    embedding: Embedding | None
    working_image: BgrImage
    frame_scale: float  # working-image pixels per frame pixel (<= 1)

    def box_in_frame(self, face: DetectedFace) -> tuple[int, int, int, int]:
        inverse = 1.0 / self.frame_scale
        return (
            round(face.x * inverse),
            round(face.y * inverse),
            round(face.width * inverse),
            round(face.height * inverse),
        )


class FacePipeline:
    """Detector + quality gates + embedder behind the model-agnostic seam."""

    def __init__(
        self,
        detector: Detector,
        embedder: Embedder,
        limits: QualityLimits | None = None,
        max_side_px: int = DEFAULT_MAX_SIDE_PX,
    ) -> None:
        self.detector = detector
        self.embedder = embedder
        self.limits = limits if limits is not None else QualityLimits()
        self._max_side_px = max_side_px
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    @property
    def model_sha256(self) -> str:
        return self.embedder.model_sha256

    def analyse(
        self, image: BgrImage, *, embed: bool = True, gated: bool = True
    ) -> FrameAnalysis:
        """Detect and gate; embed the face only if it passed and ``embed``.

        With ``gated=False`` the face is embedded whenever exactly one person
        is in the frame, even turned, dark or blurred (a liveness frame is
        turned on purpose, and must still be checked for who it is).
        """
        working, scale = self._working_image(image)
        with self._lock:
            faces = self.detector.detect(working)
            verdict = check_quality(working, faces, self.limits)
            embedding = None
            single = verdict.face is not None and verdict.reason not in (
                QualityReason.NO_FACE,
                QualityReason.MORE_THAN_ONE,
            )
            if (
                embed
                and verdict.face is not None
                and (verdict.passed or (not gated and single))
            ):
                embedding = self.embedder.embed(working, verdict.face)
        return FrameAnalysis(faces, verdict, embedding, working, scale)

    def detect(self, image: BgrImage) -> FrameAnalysis:
        """Detection and gates only (liveness frames need no embedding)."""
        return self.analyse(image, embed=False)

    def _working_image(self, image: BgrImage) -> tuple[BgrImage, float]:
        longer = max(image.shape[:2])
        if longer <= self._max_side_px:
            return image, 1.0
        scale = self._max_side_px / longer
        resized = cv2.resize(
            image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA
        )
        return np.asarray(resized, dtype=np.uint8), scale


def load_default_pipeline(
    models_folder: Path | None = None, limits: QualityLimits | None = None
) -> FacePipeline:
    """YuNet + SFace from the bundled (or given) folder, digests checked."""
    pair = load_opencv_pair(models_folder)
    return FacePipeline(pair.detector, pair.embedder, limits)
