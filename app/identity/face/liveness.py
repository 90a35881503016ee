"""Liveness by active challenge: turn left, turn right, come closer.

A random plan of steps is asked of the person; each step is judged from the
detector's five landmarks over the following frames, within a time limit
measured on the frames' own timestamps. Every frame must continue the same
track: a jump of the face's box, a sudden change of its size or a jump of
its landmarks between two frames ends the challenge as ``FACE_CHANGED``.
The check-in (``app.identity.checkin``) also embeds every challenge frame
and requires it to still match the person recognised before the challenge,
so the movement is bound to that person.

What this stops and what it does not (say so wherever it is presented):

- A still picture, on paper or a screen, held in front of the camera: its
  landmarks do not move, so every step times out.
- A flat picture turned on its vertical axis: both the nose's offset and the
  distance between the eyes shrink by the same factor, so the ratio judged
  for a turn does not change. A real head turning moves the nose relative
  to the eyes. This is why every plan contains at least one turn.
- A photo of an enrolled person held up to be recognised, then taken away so
  that someone else's real head does the movement: the other head no longer
  matches the recognised person (and usually breaks the track), so the
  attempt fails.
- It does NOT stop a replayed video of the person doing the right movement
  (on a screen held to the camera), a 3-D mask, a printed photo simply moved
  towards the camera (that passes a "come closer" step, which is why that
  step is never asked alone), or two prints of the same person, one frontal
  and one turned, swapped so neatly that the track does not break.

Face check-in is a convenience; the PIN or badge stays the lock.
"""

from __future__ import annotations

import enum
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
    FACE_CHANGED = "face_changed"  # the track broke: another face, not a move
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
    # Between two frames of one track (measured on the public clip at 30 and
    # 15 frames per second: centre moves up to 0.3 widths, size changes up
    # to 10 %, landmarks shift up to 0.25 widths), more than any of these
    # means a different face, not a movement.
    max_jump_widths: float = 0.5
    max_size_change: float = 1.35
    max_landmark_shift_widths: float = 0.35


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
    def steps_done(self) -> int:
        """How many steps of the plan have passed so far."""
        return len(self._plan) if self.state is LivenessState.PASSED else self._step

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
        if self._track_broken(face):
            return self._finish(LivenessState.FACE_CHANGED)
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

    def _track_broken(self, face: DetectedFace) -> bool:
        """Whether ``face`` cannot be the face of the previous frame."""
        last = self._last_face
        if last is None:
            return False
        (x0, y0), (x1, y1) = last.centre, face.centre
        if math.hypot(x1 - x0, y1 - y0) > self._limits.max_jump_widths * last.width:
            return True
        ratio = face.width / last.width if last.width > 0 else math.inf
        if (
            not 1 / self._limits.max_size_change
            <= ratio
            <= self._limits.max_size_change
        ):
            return True
        # Landmarks relative to their box centre, in box widths: a face of
        # another shape swapped in place moves them even if the box stays.
        before = (last.landmarks - np.asarray(last.centre)) / last.width
        after = (face.landmarks - np.asarray(face.centre)) / face.width
        shift = float(np.max(np.linalg.norm(after - before, axis=1)))
        return shift > self._limits.max_landmark_shift_widths

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
