"""Fixtures for the face check-in screens: a real pipeline, Lin enrolled."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import FacePipeline, load_default_pipeline
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from ui.identity.frames import wait_for_retired

FACES = Path(__file__).resolve().parents[3] / ".." / "shared" / "faces"
LIN = 7


class AuditLog:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str, dict[str, object]]] = []

    def __call__(self, action: str, subject: str, detail: dict[str, object]) -> None:
        self.entries.append((action, subject, detail))


@pytest.fixture(autouse=True)
def no_frame_thread_left_running() -> Iterator[None]:
    yield
    assert wait_for_retired(10_000), "a frame worker thread did not stop"


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    if not (FACES / "short_hamilton_clip.mp4").is_file():
        pytest.skip(f"public face clip absent (expected at {FACES.resolve()})")
    return FACES


@pytest.fixture(scope="session")
def pipeline() -> FacePipeline:
    return load_default_pipeline()


@pytest.fixture
def cipher() -> TemplateCipher:
    return TemplateCipher(secrets.token_bytes(32))


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()


@pytest.fixture
def repository(
    pipeline: FacePipeline, cipher: TemplateCipher, faces_dir: Path
) -> InMemoryTemplateRepository:
    repository = InMemoryTemplateRepository()
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    image = cv2.imread(str(faces_dir / "lin-manuel-miranda.png"))
    enrolment.enrol_from_images(LIN, 1, "consent", [image])
    return repository
