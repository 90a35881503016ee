"""The OpenCV pair: YuNet (``cv2.FaceDetectorYN``) and SFace (``cv2.FaceRecognizerSF``).

Model files are verified by digest before they are loaded (see ``models``).
Neither object is safe to share between threads; the pipeline serialises
calls. This module does no quality judgement and no matching.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from app.identity.face.errors import ModelUnreadable
from app.identity.face.models import (
    SFACE_2021DEC_INT8BQ,
    YUNET_2023MAR_INT8BQ,
    bundled_models_folder,
    verified_model_path,
)
from app.identity.face.seam import BgrImage, DetectedFace, Embedding

logger = logging.getLogger(__name__)

DETECTION_SCORE_MIN = 0.7
DETECTION_NMS = 0.3
DETECTION_TOP_K = 50
SFACE_DIMENSION = 128


class YuNetDetector:
    """YuNet face detector; re-sizes its input to each image it is given."""

    model_id = YUNET_2023MAR_INT8BQ.model_id

    def __init__(self, model_path: Path, score_min: float = DETECTION_SCORE_MIN):
        try:
            self._net = cv2.FaceDetectorYN.create(
                str(model_path), "", (320, 320), score_min, DETECTION_NMS
            )
        except cv2.error as exc:
            raise ModelUnreadable(
                model_path, f"OpenCV refused it: {exc}", YUNET_2023MAR_INT8BQ.sha256
            ) from None
        self._input_size = (320, 320)

    def detect(self, image: BgrImage) -> list[DetectedFace]:
        size = (image.shape[1], image.shape[0])
        if size != self._input_size:
            self._net.setInputSize(size)
            self._input_size = size
        _, rows = self._net.detect(image)
        if rows is None:
            return []
        return [_face_from_row(row) for row in rows[:DETECTION_TOP_K]]


class SFaceEmbedder:
    """SFace: aligns the face on its five landmarks and gives 128 floats."""

    model_id = SFACE_2021DEC_INT8BQ.model_id
    model_sha256 = SFACE_2021DEC_INT8BQ.sha256
    dimension = SFACE_DIMENSION

    def __init__(self, model_path: Path) -> None:
        try:
            self._net = cv2.FaceRecognizerSF.create(str(model_path), "")
        except cv2.error as exc:
            raise ModelUnreadable(
                model_path, f"OpenCV refused it: {exc}", SFACE_2021DEC_INT8BQ.sha256
            ) from None

    def embed(self, image: BgrImage, face: DetectedFace) -> Embedding:
        aligned = self._net.alignCrop(image, _row_from_face(face))
        feature = np.asarray(self._net.feature(aligned), dtype=np.float32).ravel()
        return unit_length(feature)


@dataclass(frozen=True)
class OpenCvPair:
    detector: YuNetDetector
    embedder: SFaceEmbedder


def load_opencv_pair(models_folder: Path | None = None) -> OpenCvPair:
    """Verify and load YuNet and SFace from ``models_folder`` (default: bundled)."""
    folder = models_folder if models_folder is not None else bundled_models_folder()
    detector_path = verified_model_path(folder, YUNET_2023MAR_INT8BQ)
    embedder_path = verified_model_path(folder, SFACE_2021DEC_INT8BQ)
    return OpenCvPair(YuNetDetector(detector_path), SFaceEmbedder(embedder_path))


def unit_length(vector: npt.NDArray[np.float32]) -> Embedding:
    norm = float(np.linalg.norm(vector))
    if norm == 0.0:
        return vector.astype(np.float32)
    return (vector / norm).astype(np.float32)


def _face_from_row(row: npt.NDArray[np.float32]) -> DetectedFace:
    x, y, width, height = (float(v) for v in row[:4])
    landmarks = np.asarray(row[4:14], dtype=np.float32).reshape(5, 2)
    return DetectedFace(x, y, width, height, landmarks, float(row[14]))


def _row_from_face(face: DetectedFace) -> npt.NDArray[np.float32]:
    """YuNet's 15-float row, which SFace's alignCrop expects."""
    box = [face.x, face.y, face.width, face.height]
    return np.array(
        [*box, *face.landmarks.ravel().tolist(), face.score], dtype=np.float32
    )
