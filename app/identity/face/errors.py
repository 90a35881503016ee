"""Errors of the face pipeline, under the app floor's tree.

    CareloopError
    └── FaceError                    the face pipeline cannot work
        └── ModelError               a model file cannot be used
            ├── ModelMissing         the file is not where it should be
            ├── ModelAltered         its SHA-256 is not the pinned one
            └── ModelUnreadable      OpenCV refused to load it

The message names the file and the digest expected (and, for
``ModelAltered``, the one found), so that IT can tell a damaged install from
a swapped file; ``path`` and ``expected`` are there for a screen to show.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import CareloopError


class FaceError(CareloopError):
    """The face pipeline cannot be used."""


class ModelError(FaceError):
    """A model file cannot be used; ``path`` names it, ``expected`` is the
    pinned SHA-256 ("" when not known)."""

    def __init__(self, path: Path, problem: str, expected: str = "") -> None:
        self.path = path
        self.expected = expected
        super().__init__(f"face model {path}: {problem}")


class ModelMissing(ModelError):
    """The model file does not exist (the install is incomplete)."""


class ModelAltered(ModelError):
    """The model file's SHA-256 differs from the digest pinned in our code."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        self.actual = actual
        super().__init__(path, f"SHA-256 is {actual}, expected {expected}", expected)


class ModelUnreadable(ModelError):
    """The file has the right digest but OpenCV could not load it."""
