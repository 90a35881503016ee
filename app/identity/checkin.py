"""Face check-in, Qt-free: frames in, guidance and one result out.

An attempt runs in two phases. *Looking*: every frame goes through the
quality gates; a good frame is embedded and matched against all enrolled
templates, and several consecutive frames must agree on the same person (or
on nobody) before anything is decided. *Challenge*: the matched person is
asked a random movement (see ``face.liveness``) judged from landmarks. The
challenge is bound to that person: every challenge frame must continue the
same face track, and its face is embedded and must still match the
recognised person at the threshold. A frame below it is not used for the
challenge at all (the judge never sees it); one such frame in a row is
forgiven, since a strongly turned face matches less well, more fail the
attempt, and so does any frame that matches someone else. Otherwise the attempt
fails as ``LIVENESS_FAILED`` with detail ``not_same_person`` (or
``face_changed``), which counts as a failure for that person. This stops a
photo of an enrolled person held up to be recognised followed by another
person's real head doing the movement. It does not stop a video of the
person replayed on a screen, or a mask (see ``face.liveness``).

The attempt ends with one :class:`CheckInResult`, which is written to the
audit trail (success or failure, never an image). Repeated failures for one
person (failed challenges, and refused matches that came close to that
person) lock face check-in for that person for a while; the lock is audited
(``face.locked``) and, given a ``history`` of the audited attempts, rebuilt
after a restart. PIN and badge are untouched by that lock. There is no
station-wide throttle on strangers (matches near nobody).

Time limits are judged on the frames' timestamps; the lock-out on an
injected wall clock. The frame source and the thread that feeds frames belong to
the caller (the check-in widget). This module draws nothing and opens no
camera.
"""

from __future__ import annotations

import enum
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from app.identity.face import (
    ChallengeStep,
    FacePipeline,
    FrameAgreement,
    Gallery,
    LivenessJudge,
    LivenessLimits,
    LivenessState,
    Match,
    MatchOutcome,
    MatchRule,
    QualityReason,
    random_plan,
)
from app.identity.templates import TemplateCipher, TemplateError, TemplateRepository
from devices.camera import Frame, FrameSource, open_frame_source

logger = logging.getLogger(__name__)

# The UI floor may not import devices; it reaches frame sources through here.
__all__ = ["Frame", "FrameSource", "FrameSourceFactory", "open_frame_source"]

FrameSourceFactory = Callable[[], FrameSource]
AuditHook = Callable[[str, str, dict[str, object]], None]
AUDIT_ACTION = "face.checkin"
AUDIT_LOCKED = "face.locked"
# Detail of a challenge failed because the face stopped matching the person.
NOT_SAME_PERSON = "not_same_person"


class Phase(enum.Enum):
    LOOKING = "looking"
    CHALLENGE = "challenge"
    DONE = "done"


class CheckInOutcome(enum.Enum):
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    LIVENESS_FAILED = "liveness_failed"
    LOCKED_OUT = "locked_out"
    TIMED_OUT = "timed_out"
    ABANDONED = "abandoned"


class _Identity(enum.Enum):
    SAME = "same"
    UNSURE = "unsure"  # below the threshold once: skipped, not used
    OTHER = "other"


@dataclass(frozen=True)
class CheckInResult:
    outcome: CheckInOutcome
    staff_id: int | None
    similarity: float
    # Why, as a stable key: a QualityReason or LivenessState value, or
    # "unknown" / "ambiguous" for a refused match.
    detail: str = ""

    @property
    def recognised(self) -> bool:
        return self.outcome is CheckInOutcome.RECOGNISED


@dataclass(frozen=True)
class CheckInUpdate:
    """What the screen shows after one frame."""

    phase: Phase
    face_box: tuple[int, int, int, int] | None  # in frame pixels
    guidance: QualityReason | None
    challenge: ChallengeStep | None
    result: CheckInResult | None


@dataclass(frozen=True)
class CheckInSettings:
    rule: MatchRule = field(default_factory=MatchRule)
    frames_to_agree: int = 3
    frames_to_refuse: int = 5
    look_time_limit_s: float = 15.0
    liveness_required: bool = True
    liveness: LivenessLimits = field(default_factory=LivenessLimits)
    # Consecutive challenge frames that may fall below the threshold for the
    # recognised person (a strong turn lowers similarity: 0.39 once on the
    # public clip); 0 makes every frame count.
    identity_misses_allowed: int = 1
    failures_before_lockout: int = 5
    # A refused match counts as a failure against its nearest candidate when
    # it came within this of the threshold (a poor likeness being tried);
    # farther is a stranger, counted against nobody.
    near_miss: float = 0.1
    failure_window_s: float = 600.0
    lockout_s: float = 300.0


@dataclass(frozen=True)
class PastCheckIn:
    """One earlier attempt that matters to the rate limit, from the trail."""

    staff_id: int
    at_s: float  # seconds since the epoch
    recognised: bool  # True clears the count; False is a failure


# Earlier attempts since a time (epoch seconds), oldest first.
CheckInHistory = Callable[[float], list[PastCheckIn]]


class FailureLimiter:
    """Counts failed face check-ins per person and locks after too many.

    Times are wall-clock seconds, so the state can be rebuilt after a
    restart by replaying the audited attempts (``replay``).
    """

    def __init__(
        self, settings: CheckInSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._failures: dict[int, deque[float]] = {}
        self._locked_until: dict[int, float] = {}

    @property
    def horizon_s(self) -> float:
        """How far back the attempts that can still matter go."""
        return self._settings.failure_window_s + self._settings.lockout_s

    def is_locked(self, staff_id: int) -> bool:
        return self._clock() < self._locked_until.get(staff_id, float("-inf"))

    def record_failure(self, staff_id: int, at_s: float | None = None) -> bool:
        """Count one failure; True when it has just locked the person."""
        now = self._clock() if at_s is None else at_s
        recent = self._failures.setdefault(staff_id, deque())
        recent.append(now)
        while recent and now - recent[0] > self._settings.failure_window_s:
            recent.popleft()
        if len(recent) >= self._settings.failures_before_lockout:
            self._locked_until[staff_id] = now + self._settings.lockout_s
            recent.clear()
            return True
        return False

    def clear(self, staff_id: int) -> None:
        self._failures.pop(staff_id, None)

    def replay(self, history: list[PastCheckIn]) -> None:
        """Rebuild the counts and locks from earlier attempts, oldest first."""
        for past in history:
            if past.recognised:
                self.clear(past.staff_id)
            else:
                self.record_failure(past.staff_id, past.at_s)


class CheckInService:
    """Starts check-in attempts over the enrolled templates."""

    def __init__(
        self,
        pipeline: FacePipeline,
        repository: TemplateRepository,
        cipher: TemplateCipher,
        audit: AuditHook,
        settings: CheckInSettings | None = None,
        clock: Callable[[], float] = time.time,
        plan_chooser: Callable[[], list[ChallengeStep]] | None = None,
        history: CheckInHistory | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.settings = settings if settings is not None else CheckInSettings()
        self._repository = repository
        self._cipher = cipher
        self._audit = audit
        self._clock = clock
        self._limiter = FailureLimiter(self.settings, clock)
        if history is not None:  # survive a restart: replay the audit trail
            self._limiter.replay(history(clock() - self._limiter.horizon_s))
        rng = random.Random()
        self._choose_plan = plan_chooser or (lambda: random_plan(rng))

    def load_gallery(self) -> Gallery:
        """Decrypt every stored template made by our embedding model."""
        staff_ids: list[int] = []
        vectors: list[np.ndarray] = []
        skipped = 0
        for stored in self._repository.list_all():
            if stored.model_sha256 != self.pipeline.model_sha256:
                skipped += 1
                continue
            try:
                template = self._cipher.decrypt(stored.staff_id, stored.ciphertext)
            except TemplateError as exc:
                skipped += 1
                logger.warning("a face template cannot be opened: %s", type(exc))
                continue
            staff_ids.append(stored.staff_id)
            vectors.append(template.embedding)
        if skipped:
            logger.warning("%d face templates skipped (other model or key)", skipped)
        if not vectors:
            return Gallery.empty(self.pipeline.embedder.dimension)
        return Gallery(staff_ids, np.stack(vectors))

    def start(self) -> CheckInAttempt:
        """A new attempt over a freshly loaded gallery."""
        return CheckInAttempt(self, self.load_gallery(), self._choose_plan())

    def is_locked(self, staff_id: int) -> bool:
        """Whether face check-in is locked for this person after failures."""
        return self._limiter.is_locked(staff_id)

    def record_result(self, result: CheckInResult, detail: dict[str, object]) -> None:
        """Audit the attempt and count it for the rate limit.

        ``detail["counted_against"]`` names the person a failure counts
        against: the recognised person whose challenge failed, or the
        nearest candidate of a refused match that came close (see
        ``CheckInSettings.near_miss``).
        """
        subject = str(result.staff_id) if result.staff_id is not None else ""
        logger.info("face check-in: %s (%s)", result.outcome.value, result.detail)
        self._audit(AUDIT_ACTION, subject, detail)
        if result.recognised and result.staff_id is not None:
            self._limiter.clear(result.staff_id)
            return
        counted = detail.get("counted_against")
        if isinstance(counted, int) and self._limiter.record_failure(counted):
            logger.warning("face check-in locked for one person after failures")
            self._audit(
                AUDIT_LOCKED,
                str(counted),
                {"lockout_s": self.settings.lockout_s, "at_s": round(self._clock())},
            )


class CheckInAttempt:
    """One person's attempt: feed frames until ``result`` is set."""

    def __init__(
        self, service: CheckInService, gallery: Gallery, plan: list[ChallengeStep]
    ) -> None:
        self._service = service
        self._settings = service.settings
        self._gallery = gallery
        self._plan = plan
        self._agreement = FrameAgreement(self._settings.frames_to_agree)
        self._refusals = FrameAgreement(self._settings.frames_to_refuse)
        self._judge: LivenessJudge | None = None
        self._first_s: float | None = None
        self._last_s = 0.0
        self._frames = 0
        self._last_match: Match | None = None
        self._candidate: Match | None = None
        self._identity_misses = 0
        self.result: CheckInResult | None = None

    @property
    def gallery_size(self) -> int:
        return len(self._gallery)

    def feed(self, frame: Frame) -> CheckInUpdate:
        if self.result is not None:
            return CheckInUpdate(Phase.DONE, None, None, None, self.result)
        if self._first_s is None:
            self._first_s = frame.timestamp_s
        self._last_s = frame.timestamp_s
        self._frames += 1
        if self._judge is not None:
            return self._feed_challenge(frame)
        return self._feed_looking(frame)

    def abandon(self) -> None:
        """The person walked away or chose PIN/badge; audited if a face was seen."""
        if self.result is None and self._frames:
            self._finish(CheckInOutcome.ABANDONED, self._candidate, "")

    def _feed_looking(self, frame: Frame) -> CheckInUpdate:
        analysis = self._service.pipeline.analyse(frame.image)
        face = analysis.verdict.face
        box = analysis.box_in_frame(face) if face is not None else None
        reason = analysis.verdict.reason
        if analysis.embedding is not None:
            match = self._gallery.match(analysis.embedding, self._settings.rule)
            self._last_match = match
            decided = self._agreement.add(match)
            refused = self._refusals.add(match)
            if decided is not None and decided != FrameAgreement.REFUSED:
                return self._on_agreed(match, box)
            if refused == FrameAgreement.REFUSED:
                detail = match.outcome.value
                result = self._finish(CheckInOutcome.NOT_RECOGNISED, match, detail)
                return CheckInUpdate(Phase.DONE, box, None, None, result)
        else:
            self._agreement.reset()
            self._refusals.reset()
        if self._elapsed_s() > self._settings.look_time_limit_s:
            detail = reason.value if reason is not None else "undecided"
            result = self._finish(CheckInOutcome.TIMED_OUT, self._last_match, detail)
            return CheckInUpdate(Phase.DONE, box, reason, None, result)
        return CheckInUpdate(Phase.LOOKING, box, reason, None, None)

    def _on_agreed(
        self, match: Match, box: tuple[int, int, int, int] | None
    ) -> CheckInUpdate:
        assert match.staff_id is not None
        self._candidate = match
        if self._service.is_locked(match.staff_id):
            result = self._finish(CheckInOutcome.LOCKED_OUT, match, "locked_out")
            return CheckInUpdate(Phase.DONE, box, None, None, result)
        if not self._settings.liveness_required:
            result = self._finish(CheckInOutcome.RECOGNISED, match, "")
            return CheckInUpdate(Phase.DONE, box, None, None, result)
        quality = self._service.pipeline.limits
        self._judge = LivenessJudge(self._plan, self._settings.liveness, quality)
        return CheckInUpdate(Phase.CHALLENGE, box, None, self._judge.current_step, None)

    def _feed_challenge(self, frame: Frame) -> CheckInUpdate:
        assert self._judge is not None and self._candidate is not None
        analysis = self._service.pipeline.analyse(frame.image, gated=False)
        face = analysis.verdict.face
        box = analysis.box_in_frame(face) if face is not None else None
        if analysis.embedding is not None:
            verdict = self._same_person(analysis.embedding)
            if verdict is _Identity.OTHER:
                outcome = CheckInOutcome.LIVENESS_FAILED
                result = self._finish(outcome, self._candidate, NOT_SAME_PERSON)
                return CheckInUpdate(Phase.DONE, box, None, None, result)
            if verdict is _Identity.UNSURE:
                # Not used for the challenge: the judge never sees it.
                step = self._judge.current_step
                return CheckInUpdate(Phase.CHALLENGE, box, None, step, None)
        state = self._judge.observe(analysis.faces, frame.timestamp_s)
        if state is LivenessState.PENDING:
            step = self._judge.current_step
            return CheckInUpdate(Phase.CHALLENGE, box, None, step, None)
        if state is LivenessState.PASSED:
            result = self._finish(CheckInOutcome.RECOGNISED, self._candidate, "")
        else:
            outcome = CheckInOutcome.LIVENESS_FAILED
            result = self._finish(outcome, self._candidate, state.value)
        return CheckInUpdate(Phase.DONE, box, None, None, result)

    def _same_person(self, embedding: np.ndarray) -> _Identity:
        """Whether a challenge frame's face is still the recognised person."""
        assert self._candidate is not None and self._candidate.staff_id is not None
        claimed = self._candidate.staff_id
        rule = self._settings.rule
        match = self._gallery.match(embedding, rule)
        if match.outcome is MatchOutcome.MATCHED and match.staff_id != claimed:
            return _Identity.OTHER
        if self._gallery.similarity_to(claimed, embedding) >= rule.threshold:
            self._identity_misses = 0
            return _Identity.SAME
        self._identity_misses += 1
        if self._identity_misses > self._settings.identity_misses_allowed:
            return _Identity.OTHER
        return _Identity.UNSURE

    def _elapsed_s(self) -> float:
        return self._last_s - (self._first_s if self._first_s is not None else 0.0)

    def _finish(
        self, outcome: CheckInOutcome, match: Match | None, detail: str
    ) -> CheckInResult:
        # Only a person agreed on over several frames is named, never the
        # best guess of a refused or timed-out attempt.
        named = match is not None and match is self._candidate
        staff_id = match.staff_id if match is not None and named else None
        similarity = match.similarity if match is not None else -1.0
        result = CheckInResult(outcome, staff_id, similarity, detail)
        self.result = result
        self._service.record_result(result, self._audit_detail(result))
        return result

    def _audit_detail(self, result: CheckInResult) -> dict[str, object]:
        return {
            "outcome": result.outcome.value,
            "detail": result.detail,
            "similarity": round(result.similarity, 3),
            "model_id": self._service.pipeline.model_id,
            "challenge": [step.value for step in self._plan] if self._judge else [],
            "frames": self._frames,
            "seconds": round(self._elapsed_s(), 2),
            "gallery_size": len(self._gallery),
            "counted_against": self._counted_against(result),
        }

    def _counted_against(self, result: CheckInResult) -> int | None:
        if result.outcome is CheckInOutcome.LIVENESS_FAILED:
            return result.staff_id
        if result.outcome is not CheckInOutcome.NOT_RECOGNISED:
            return None
        match = self._last_match
        near = self._settings.rule.threshold - self._settings.near_miss
        if match is None or match.staff_id is None or match.similarity < near:
            return None
        return match.staff_id
