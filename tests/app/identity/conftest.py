"""Fixtures for the face tests: the public photos, one loaded pipeline, a key."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.identity.face import FacePipeline, load_default_pipeline
from app.identity.templates import TemplateCipher

FACES = Path(__file__).resolve().parents[3] / ".." / "shared" / "faces"


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    if not (FACES / "knn_examples").is_dir():
        pytest.skip(f"public face photos absent (expected at {FACES.resolve()})")
    return FACES


@pytest.fixture(scope="session")
def pipeline() -> FacePipeline:
    return load_default_pipeline()


@cache
def _read(path: str) -> np.ndarray:
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    assert image is not None, path
    return image


@pytest.fixture(scope="session")
def photo(faces_dir: Path) -> Callable[[str], np.ndarray]:
    """A public photo by its path under the faces folder (cached, read-only)."""

    def read(relative: str) -> np.ndarray:
        image = _read(str(faces_dir / relative))
        image.flags.writeable = False
        return image

    return read


@pytest.fixture
def cipher() -> TemplateCipher:
    return TemplateCipher(secrets.token_bytes(32))


class AuditLog:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str, dict[str, object]]] = []

    def __call__(self, action: str, subject: str, detail: dict[str, object]) -> None:
        self.entries.append((action, subject, detail))

    def actions(self) -> list[str]:
        return [action for action, _, _ in self.entries]


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()
