"""The model-agnostic seam: what a detector and an embedder must provide.

A second detector/embedder pair plugs in by implementing these protocols;
quality gates, matching and liveness only ever see :class:`DetectedFace`
and unit-length embeddings, never a model's own types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

BgrImage = npt.NDArray[np.uint8]
Embedding = npt.NDArray[np.float32]  # shape (dim,), unit length


@dataclass(frozen=True)
class DetectedFace:
    """A face in one image, in that image's pixel coordinates.

    ``landmarks`` is 5×2: the subject's right eye, left eye, nose tip, right
    and left mouth corner (so the subject's right eye is on the image's left
    in an unmirrored camera picture).
    """

    x: float
    y: float
    width: float
    height: float
    landmarks: npt.NDArray[np.float32]
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    def scaled(self, factor: float) -> DetectedFace:
        """The same face in an image resized by ``factor``."""
        return DetectedFace(
            self.x * factor,
            self.y * factor,
            self.width * factor,
            self.height * factor,
            (self.landmarks * factor).astype(np.float32),
            self.score,
        )


class Detector(Protocol):
    """Finds faces and their five landmarks in a BGR image."""

    model_id: str

    def detect(self, image: BgrImage) -> list[DetectedFace]: ...


class Embedder(Protocol):
    """Turns one detected face into a unit-length embedding."""

    model_id: str
    model_sha256: str
    dimension: int

    def embed(self, image: BgrImage, face: DetectedFace) -> Embedding: ...
