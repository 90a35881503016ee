"""Enrol one public photo per person, identify the rest, accept no stranger.

Runs the real pipeline (YuNet + SFace), real AES-GCM templates and the real
matcher at the default threshold and margin.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.identity.checkin import CheckInService
from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import FacePipeline, Gallery, MatchOutcome, MatchRule
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from tests.app.identity.conftest import AuditLog

Photo = Callable[[str], np.ndarray]

STAFF = {  # staff id → the person's training folder
    1: "alex_lacamoire",
    2: "biden",
    3: "kit_harington",
    4: "obama",
    5: "rose_leslie",
}
CONSENT = "I agree that my face template is stored for check-in."


def _train_photos(faces_dir: Path, person: str) -> list[str]:
    folder = faces_dir / "knn_examples" / "train" / person
    return [str(p.relative_to(faces_dir)) for p in sorted(folder.iterdir())]


def _to_identify(faces_dir: Path) -> dict[str, int]:
    """Every other photo of an enrolled person that shows one face."""
    expected: dict[str, int] = {}
    for staff_id, person in STAFF.items():
        for extra in _train_photos(faces_dir, person)[1:]:
            expected[extra] = staff_id
    expected.update(
        {
            "knn_examples/test/alex_lacamoire1.jpg": 1,
            "knn_examples/test/johnsnow_test1.jpg": 3,
            "knn_examples/test/obama1.jpg": 4,
            "alex-lacamoire.png": 1,
            "obama3.jpg": 4,
        }
    )
    return expected


def _enrolled_gallery(
    faces_dir: Path,
    photo: Photo,
    pipeline: FacePipeline,
    cipher: TemplateCipher,
    staff: dict[int, str],
) -> Gallery:
    repository = InMemoryTemplateRepository()
    audit = AuditLog()
    enrolment = EnrolmentService(
        pipeline, repository, cipher, audit, EnrolmentSettings(samples_needed=1)
    )
    for staff_id, person in staff.items():
        first = _train_photos(faces_dir, person)[0]
        verdict = enrolment.enrol_from_images(staff_id, 99, CONSENT, [photo(first)])
        assert verdict.accepted, (first, verdict.reason)
    checkin = CheckInService(pipeline, repository, cipher, audit)
    return checkin.load_gallery()


def test_every_enrolled_person_is_identified(
    faces_dir: Path, photo: Photo, pipeline: FacePipeline, cipher: TemplateCipher
) -> None:
    gallery = _enrolled_gallery(faces_dir, photo, pipeline, cipher, STAFF)
    assert len(gallery) == 5
    rule = MatchRule()  # the defaults from the reference
    wrong = []
    for relative, staff_id in _to_identify(faces_dir).items():
        embedding = pipeline.analyse(photo(relative)).embedding
        assert embedding is not None, relative
        match = gallery.match(embedding, rule)
        if match.outcome is not MatchOutcome.MATCHED or match.staff_id != staff_id:
            wrong.append((relative, match))
    assert wrong == []


@pytest.mark.parametrize(
    ("left_out", "strangers"),
    [
        (None, ["lin-manuel-miranda.png"]),
        (1, ["alex-lacamoire.png", "knn_examples/test/alex_lacamoire1.jpg"]),
        (4, ["obama.jpg", "obama2.jpg", "obama3.jpg"]),
    ],
)
def test_no_stranger_is_accepted(
    faces_dir: Path,
    photo: Photo,
    pipeline: FacePipeline,
    cipher: TemplateCipher,
    left_out: int | None,
    strangers: list[str],
) -> None:
    staff = {k: v for k, v in STAFF.items() if k != left_out}
    gallery = _enrolled_gallery(faces_dir, photo, pipeline, cipher, staff)
    for relative in strangers:
        embedding = pipeline.analyse(photo(relative)).embedding
        assert embedding is not None, relative
        match = gallery.match(embedding, MatchRule())
        assert match.outcome is MatchOutcome.UNKNOWN, (relative, match)
