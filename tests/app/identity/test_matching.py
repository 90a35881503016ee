"""The matcher's rules on synthetic embeddings: threshold, margin, agreement."""

from __future__ import annotations

import numpy as np
import pytest

from app.identity.face import FrameAgreement, Gallery, Match, MatchOutcome, MatchRule


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_best_match_above_threshold_with_a_clear_margin() -> None:
    gallery = Gallery([10, 20], np.stack([_unit(1, 0, 0), _unit(0, 1, 0)]))
    match = gallery.match(_unit(1, 0.2, 0), MatchRule(threshold=0.45, margin=0.05))
    assert match.outcome is MatchOutcome.MATCHED and match.staff_id == 10
    assert match.similarity == pytest.approx(0.98, abs=0.01)


def test_two_close_candidates_are_ambiguous_not_a_guess() -> None:
    gallery = Gallery([10, 20], np.stack([_unit(1, 0.05, 0), _unit(0.05, 1, 0)]))
    match = gallery.match(_unit(1, 1, 0), MatchRule(threshold=0.45, margin=0.05))
    assert match.outcome is MatchOutcome.AMBIGUOUS


def test_two_templates_of_one_person_are_not_a_rival() -> None:
    gallery = Gallery(
        [10, 10, 20], np.stack([_unit(1, 0, 0), _unit(1, 0.1, 0), _unit(0, 1, 0)])
    )
    match = gallery.match(_unit(1, 0.05, 0), MatchRule())
    assert match.outcome is MatchOutcome.MATCHED and match.staff_id == 10


def test_below_threshold_and_empty_gallery_are_unknown() -> None:
    gallery = Gallery([10], _unit(1, 0, 0)[None, :])
    assert gallery.match(_unit(0, 1, 0), MatchRule()).outcome is MatchOutcome.UNKNOWN
    empty = Gallery.empty(3)
    assert empty.match(_unit(1, 0, 0), MatchRule()).outcome is MatchOutcome.UNKNOWN


def test_two_thousand_templates_match_in_one_product() -> None:
    rng = np.random.default_rng(7)
    templates = rng.normal(size=(2000, 128)).astype(np.float32)
    gallery = Gallery(list(range(1, 2001)), templates)
    probe = templates[1234] + rng.normal(scale=0.3, size=128).astype(np.float32)
    match = gallery.match(probe / np.linalg.norm(probe), MatchRule())
    assert match.outcome is MatchOutcome.MATCHED and match.staff_id == 1235


def test_agreement_needs_consecutive_equal_verdicts() -> None:
    agreement = FrameAgreement(3)
    seen = Match(MatchOutcome.MATCHED, 7, 0.7, 0.1)
    other = Match(MatchOutcome.MATCHED, 8, 0.7, 0.1)
    nobody = Match(MatchOutcome.UNKNOWN, 8, 0.2, 0.1)
    assert [agreement.add(m) for m in (seen, seen, other, seen, seen)] == [None] * 5
    assert agreement.add(seen) == 7
    refusals = FrameAgreement(2)
    assert refusals.add(nobody) is None
    assert refusals.add(Match(MatchOutcome.AMBIGUOUS, 7, 0.6, 0.58)) == -1


@pytest.mark.parametrize("bad", [{"threshold": 1.5}, {"margin": -0.1}])
def test_rule_rejects_bad_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        MatchRule(**bad)
