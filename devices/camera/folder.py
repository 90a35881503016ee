"""A folder of still images played as a camera, for tests and demos.

Images are read in name order; each one is shown for ``frame_interval_s``
of source time and may be repeated (``repeat_each``) to stand for a person
holding still. Timestamps are source time, not wall time: nothing here
sleeps. Files that cannot be decoded are skipped with a warning.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2

from devices.camera.errors import SourceClosed, SourceUnavailable
from devices.camera.source import BgrImage, Frame, FrameSourceBase, as_bgr

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp"})
DEFAULT_FRAME_INTERVAL_S = 1 / 15


class ImageFolderSource(FrameSourceBase):
    """Frames from the image files of one folder (not its sub-folders)."""

    def __init__(
        self,
        folder: Path,
        *,
        frame_interval_s: float = DEFAULT_FRAME_INTERVAL_S,
        repeat_each: int = 1,
        loop: bool = False,
    ) -> None:
        if frame_interval_s <= 0:
            raise ValueError(f"frame interval must be positive, got {frame_interval_s}")
        if repeat_each < 1:
            raise ValueError(f"repeat_each must be at least 1, got {repeat_each}")
        self._folder = folder
        self._interval_s = frame_interval_s
        self._repeat_each = repeat_each
        self._loop = loop
        self._paths: list[Path] | None = None
        self._position = 0
        self._current: BgrImage | None = None

    def open(self) -> None:
        if not self._folder.is_dir():
            raise SourceUnavailable(f"image folder not found: {self._folder}")
        self._paths = sorted(
            p for p in self._folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
        )
        if not self._paths:
            raise SourceUnavailable(f"no images in folder: {self._folder}")
        self._position = 0
        logger.info("image folder opened: %d images", len(self._paths))

    def read(self) -> Frame | None:
        if self._paths is None:
            raise SourceClosed("image folder source is not open")
        total = len(self._paths) * self._repeat_each
        while True:
            if self._position >= total and not self._loop:
                return None
            index = self._position
            self._position += 1
            image = self._image_at(index % total)
            if image is not None:
                return Frame(index * self._interval_s, image)

    def close(self) -> None:
        self._paths = None
        self._current = None

    def _image_at(self, index: int) -> BgrImage | None:
        assert self._paths is not None
        if index % self._repeat_each and self._current is not None:
            return self._current
        path = self._paths[index // self._repeat_each]
        decoded = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if decoded is None:
            logger.warning("skipping an image that cannot be decoded: %s", path.name)
            self._current = None
        else:
            self._current = as_bgr(decoded)
        return self._current
