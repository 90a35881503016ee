"""Errors of the face pipeline, under the app floor's tree.

    CareloopError
    └── FaceError                    the face pipeline cannot work
        └── ModelError               a model file cannot be used
            ├── ModelMissing         the file is not where it should be
            ├── ModelAltered         its SHA-256 is not the pinned one
            └── ModelUnreadable      OpenCV refused to load it

The message names the file and, for ``ModelAltered``, both digests, so that
IT can tell a damaged install from a swapped file.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import CareloopError


class FaceError(CareloopError):
    """The face pipeline cannot be used."""


class ModelError(FaceError):
    """A model file cannot be used; ``path`` names it."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        super().__init__(f"face model {path}: {problem}")


class ModelMissing(ModelError):
    """The model file does not exist (the install is incomplete)."""


class ModelAltered(ModelError):
    """The model file's SHA-256 differs from the digest pinned in our code."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(path, f"SHA-256 is {actual}, expected {expected}")


class ModelUnreadable(ModelError):
    """The file has the right digest but OpenCV could not load it."""
