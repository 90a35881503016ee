"""Liveness by active challenge: turn left, turn right, come closer.

A random plan of steps is asked of the person; each step is judged from the
detector's five landmarks over the following frames, within a time limit
measured on the frames' own timestamps.

What this stops and what it does not (say so wherever it is presented):

- A still picture, on paper or a screen, held in front of the camera: its
  landmarks do not move, so every step times out.
- A flat picture turned on its vertical axis: both the nose's offset and the
  distance between the eyes shrink by the same factor, so the ratio judged
  for a turn does not change. A real head turning moves the nose relative
  to the eyes. This is why every plan contains at least one turn.
- It does NOT stop a replayed video of the person doing the right movement,
  a 3-D mask, or a picture simply moved towards the camera (that passes a
  "come closer" step, which is why that step is never asked alone).

Face check-in is a convenience; the PIN or badge stays the lock.
"""

from __future__ import annotations

import enum
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from app.identity.face.quality import QualityLimits, people_in, yaw_ratio
from app.identity.face.seam import DetectedFace


class ChallengeStep(enum.Enum):
    """One movement asked of the person; the value is the UI's message key."""

    TURN_LEFT = "challenge.turn_left"
    TURN_RIGHT = "challenge.turn_right"
    COME_CLOSER = "challenge.come_closer"


class LivenessState(enum.Enum):
    PENDING = "pending"
    PASSED = "passed"
    TIMED_OUT = "timed_out"
    FACE_LOST = "face_lost"
    MORE_THAN_ONE = "more_than_one"


@dataclass(frozen=True)
class LivenessLimits:
    step_time_limit_s: float = 6.0
    # How far the nose must move, in inter-eye distances, from where it was
    # when the step was asked; a frontal face sits within about ±0.35.
    turn_yaw_change: float = 0.3
    closer_width_factor: float = 1.25
    # The face may vanish briefly (a strong turn); longer means someone left.
    max_gap_s: float = 1.5
    # A jump of the face's centre by more than this many face widths between
    # two frames means a different face, not a movement.
    max_jump_widths: float = 1.0


def random_plan(rng: random.Random) -> list[ChallengeStep]:
    """One turn, left or right, sometimes with "come closer" before it."""
    turn = rng.choice([ChallengeStep.TURN_LEFT, ChallengeStep.TURN_RIGHT])
    if rng.random() < 0.5:
        return [ChallengeStep.COME_CLOSER, turn]
    return [turn]


class LivenessJudge:
    """Follows one plan of steps over frames and says when it passed or failed."""

    def __init__(
        self,
        plan: Sequence[ChallengeStep],
        limits: LivenessLimits,
        quality: QualityLimits,
    ) -> None:
        if not plan:
            raise ValueError("a liveness plan needs at least one step")
        self._plan = list(plan)
        self._limits = limits
        self._quality = quality
        self._step = 0
        self._step_started_s: float | None = None
        self._baseline: DetectedFace | None = None
        self._last_face: DetectedFace | None = None
        self._last_seen_s: float | None = None
        self.state = LivenessState.PENDING

    @property
    def current_step(self) -> ChallengeStep | None:
        if self.state is not LivenessState.PENDING:
            return None
        return self._plan[self._step]

    @property
    def plan(self) -> list[ChallengeStep]:
        return list(self._plan)

    def observe(self, faces: list[DetectedFace], timestamp_s: float) -> LivenessState:
        """Judge one frame's faces; returns the state after it."""
        if self.state is not LivenessState.PENDING:
            return self.state
        if self._step_started_s is None:
            self._step_started_s = timestamp_s
        present = people_in(faces, self._quality)
        if len(present) > 1:
            return self._finish(LivenessState.MORE_THAN_ONE)
        if not present:
            return self._on_no_face(timestamp_s)
        face = present[0]
        if self._jumped(face):
            return self._finish(LivenessState.FACE_LOST)
        self._last_face, self._last_seen_s = face, timestamp_s
        if self._baseline is None:
            self._baseline = face
        elif self._step_done(face):
            return self._next_step(face, timestamp_s)
        if timestamp_s - self._step_started_s > self._limits.step_time_limit_s:
            return self._finish(LivenessState.TIMED_OUT)
        return self.state

    def _on_no_face(self, timestamp_s: float) -> LivenessState:
        assert self._step_started_s is not None
        since = self._last_seen_s if self._last_seen_s is not None else timestamp_s
        if timestamp_s - since > self._limits.max_gap_s:
            return self._finish(LivenessState.FACE_LOST)
        if timestamp_s - self._step_started_s > self._limits.step_time_limit_s:
            return self._finish(LivenessState.TIMED_OUT)
        return self.state

    def _jumped(self, face: DetectedFace) -> bool:
        if self._last_face is None:
            return False
        (x0, y0), (x1, y1) = self._last_face.centre, face.centre
        distance = math.hypot(x1 - x0, y1 - y0)
        return distance > self._limits.max_jump_widths * self._last_face.width

    def _step_done(self, face: DetectedFace) -> bool:
        assert self._baseline is not None
        step = self._plan[self._step]
        if step is ChallengeStep.COME_CLOSER:
            return bool(
                face.width >= self._baseline.width * self._limits.closer_width_factor
            )
        change = yaw_ratio(face) - yaw_ratio(self._baseline)
        if step is ChallengeStep.TURN_LEFT:
            return change >= self._limits.turn_yaw_change
        return change <= -self._limits.turn_yaw_change

    def _next_step(self, face: DetectedFace, timestamp_s: float) -> LivenessState:
        self._step += 1
        if self._step == len(self._plan):
            return self._finish(LivenessState.PASSED)
        self._step_started_s = timestamp_s
        self._baseline = face
        return self.state

    def _finish(self, state: LivenessState) -> LivenessState:
        self.state = state
        return state
