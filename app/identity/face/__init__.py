"""Offline face detection, quality gates, embedding, matching and liveness.

Qt-free. Models are OpenCV's YuNet and SFace, loaded from disk with their
digests checked; nothing is ever downloaded. Another detector/embedder pair
can stand behind the :class:`Detector` and :class:`Embedder` protocols.

This package stores nothing and knows no staff directory: enrolment and
check-in services (``app.identity.enrolment``, ``app.identity.checkin``)
put it together with storage, encryption and audit.
"""

from app.identity.face.errors import (
    FaceError,
    ModelAltered,
    ModelError,
    ModelMissing,
    ModelUnreadable,
)
from app.identity.face.liveness import (
    ChallengeStep,
    LivenessJudge,
    LivenessLimits,
    LivenessState,
    random_plan,
)
from app.identity.face.matching import (
    DEFAULT_MARGIN,
    DEFAULT_THRESHOLD,
    FrameAgreement,
    Gallery,
    Match,
    MatchOutcome,
    MatchRule,
)
from app.identity.face.models import bundled_models_folder
from app.identity.face.opencv_pair import load_opencv_pair
from app.identity.face.pipeline import (
    FacePipeline,
    FrameAnalysis,
    load_default_pipeline,
)
from app.identity.face.quality import QualityLimits, QualityReason, QualityVerdict
from app.identity.face.seam import BgrImage, DetectedFace, Detector, Embedder, Embedding

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "BgrImage",
    "ChallengeStep",
    "DetectedFace",
    "Detector",
    "Embedder",
    "Embedding",
    "FaceError",
    "FacePipeline",
    "FrameAgreement",
    "FrameAnalysis",
    "Gallery",
    "LivenessJudge",
    "LivenessLimits",
    "LivenessState",
    "Match",
    "MatchOutcome",
    "MatchRule",
    "ModelAltered",
    "ModelError",
    "ModelMissing",
    "ModelUnreadable",
    "QualityLimits",
    "QualityReason",
    "QualityVerdict",
    "bundled_models_folder",
    "load_default_pipeline",
    "load_opencv_pair",
    "random_plan",
]
