"""Matching one embedding against every enrolled template, and agreement
over consecutive frames.

The gallery is one matrix (templates × dimension, unit rows), so a match is
one matrix-vector product however many staff are enrolled. A match is
accepted only when the best similarity reaches the threshold *and* beats the
best other person by a margin: two close candidates give "ambiguous", never
a guess. This module knows nothing of images, storage or encryption.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.identity.face.seam import Embedding

# From ../shared/reference/face.md: 0.45 separated same-person (min 0.49)
# from different-person (max 0.42) similarities on 77 public photos.
DEFAULT_THRESHOLD = 0.45
DEFAULT_MARGIN = 0.05
DEFAULT_FRAMES_TO_AGREE = 3


class MatchOutcome(enum.Enum):
    MATCHED = "matched"
    UNKNOWN = "unknown"  # nobody reaches the threshold
    AMBIGUOUS = "ambiguous"  # two people too close to call


@dataclass(frozen=True)
class Match:
    outcome: MatchOutcome
    staff_id: int | None  # the best candidate, even when not accepted
    similarity: float
    runner_up_similarity: float


@dataclass(frozen=True)
class MatchRule:
    threshold: float = DEFAULT_THRESHOLD
    margin: float = DEFAULT_MARGIN

    def __post_init__(self) -> None:
        if not -1.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be in [-1, 1], got {self.threshold}")
        if self.margin < 0:
            raise ValueError(f"margin must be >= 0, got {self.margin}")


class Gallery:
    """All enrolled templates of the hospital, as one matrix."""

    def __init__(
        self, staff_ids: Sequence[int], templates: npt.NDArray[np.float32]
    ) -> None:
        matrix = np.asarray(templates, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[0] != len(staff_ids):
            raise ValueError(
                f"{len(staff_ids)} staff ids for templates of shape {matrix.shape}"
            )
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._matrix = matrix / np.where(norms == 0, 1, norms)
        self._staff_ids = np.asarray(staff_ids, dtype=np.int64)

    @classmethod
    def empty(cls, dimension: int) -> Gallery:
        return cls([], np.zeros((0, dimension), dtype=np.float32))

    def __len__(self) -> int:
        return int(self._staff_ids.shape[0])

    @property
    def staff_ids(self) -> frozenset[int]:
        return frozenset(int(s) for s in self._staff_ids)

    def similarities(self, embedding: Embedding) -> npt.NDArray[np.float32]:
        return np.asarray(self._matrix @ embedding, dtype=np.float32)

    def similarity_to(self, staff_id: int, embedding: Embedding) -> float:
        """The best similarity to one person's templates (-1 if none)."""
        mine = self._staff_ids == staff_id
        if not mine.any():
            return -1.0
        return float(np.max(self._matrix[mine] @ embedding))

    def match(self, embedding: Embedding, rule: MatchRule) -> Match:
        if len(self) == 0:
            return Match(MatchOutcome.UNKNOWN, None, -1.0, -1.0)
        scores = self.similarities(embedding)
        best = int(np.argmax(scores))
        best_staff = int(self._staff_ids[best])
        others = scores[self._staff_ids != best_staff]
        best_score = float(scores[best])
        runner_up = float(others.max()) if others.size else -1.0
        if best_score < rule.threshold:
            outcome = MatchOutcome.UNKNOWN
        elif best_score - runner_up < rule.margin:
            outcome = MatchOutcome.AMBIGUOUS
        else:
            outcome = MatchOutcome.MATCHED
        return Match(outcome, best_staff, best_score, runner_up)


class FrameAgreement:
    """Requires the same verdict over several consecutive frames.

    ``add`` returns the staff id once ``frames_needed`` consecutive frames
    matched that same person, ``-1`` once as many consecutive frames matched
    nobody (or were ambiguous), and ``None`` while undecided. Any change of
    verdict starts the count again.
    """

    REFUSED = -1

    def __init__(self, frames_needed: int = DEFAULT_FRAMES_TO_AGREE) -> None:
        if frames_needed < 1:
            raise ValueError(f"frames_needed must be >= 1, got {frames_needed}")
        self._needed = frames_needed
        self._current: int | None = None
        self._count = 0

    def add(self, match: Match) -> int | None:
        verdict = (
            match.staff_id
            if match.outcome is MatchOutcome.MATCHED and match.staff_id is not None
            else self.REFUSED
        )
        if verdict == self._current:
            self._count += 1
        else:
            self._current, self._count = verdict, 1
        return verdict if self._count >= self._needed else None

    def reset(self) -> None:
        self._current, self._count = None, 0
