"""A video file played as a camera (``cv2.VideoCapture`` on a file).

Two modes. *Unpaced* (the default for tests) hands out every frame as fast
as it is asked for, stamped with its time in the video, so that a test is
deterministic and quick. *Paced* behaves like a camera: frames come at the
video's rate in wall time, and a reader that falls behind gets the frame
that is due now rather than a growing backlog. With ``loop`` the video
starts again at its end and time keeps increasing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import cv2

from devices.camera.errors import SourceClosed, SourceUnavailable
from devices.camera.source import Frame, FrameSourceBase, as_bgr

logger = logging.getLogger(__name__)

FALLBACK_FPS = 25.0


class VideoFileSource(FrameSourceBase):
    """Frames of one video file, optionally looping and paced to wall time."""

    def __init__(
        self,
        path: Path,
        *,
        loop: bool = False,
        paced: bool = False,
        start_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._path = path
        self._loop = loop
        self._paced = paced
        self._start_s = start_s
        self._clock = clock
        self._sleep = sleep
        self._capture: cv2.VideoCapture | None = None
        self._fps = FALLBACK_FPS
        self._index = 0  # frames handed out or skipped since open, across loops
        self._index_in_file = 0
        self._started_at = 0.0

    @property
    def fps(self) -> float:
        return self._fps

    def open(self) -> None:
        if not self._path.is_file():
            raise SourceUnavailable(f"video file not found: {self._path}")
        capture = cv2.VideoCapture(str(self._path))
        if not capture.isOpened():
            raise SourceUnavailable(f"video file cannot be decoded: {self._path}")
        fps = float(capture.get(cv2.CAP_PROP_FPS))
        self._fps = fps if fps > 0 else FALLBACK_FPS
        self._capture = capture
        self._index = 0
        self._index_in_file = 0
        self._skip_to_start()
        self._started_at = self._clock()
        logger.info("video opened at %.2f frames per second", self._fps)

    def read(self) -> Frame | None:
        if self._capture is None:
            raise SourceClosed("video source is not open")
        if self._paced:
            self._wait_or_skip_to_due_frame()
        ok, image = self._capture.read()
        if not ok and self._loop and self._index_in_file > 0:
            self._rewind()
            ok, image = self._capture.read()
        if not ok:
            return None
        timestamp_s = self._start_s + self._index / self._fps
        self._index += 1
        self._index_in_file += 1
        return Frame(timestamp_s, as_bgr(image))

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def _skip_to_start(self) -> None:
        assert self._capture is not None
        for _ in range(round(self._start_s * self._fps)):
            if not self._capture.grab():
                break
            self._index_in_file += 1

    def _rewind(self) -> None:
        assert self._capture is not None
        self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        self._index_in_file = 0

    def _wait_or_skip_to_due_frame(self) -> None:
        """Sleep until the next frame is due, or drop frames that are late."""
        assert self._capture is not None
        elapsed_s = self._clock() - self._started_at
        due_index = int(elapsed_s * self._fps)
        if due_index < self._index:
            self._sleep((self._index - due_index) / self._fps)
            return
        while self._index < due_index:
            if not self._capture.grab():
                if not (self._loop and self._index_in_file > 0):
                    return
                self._rewind()
                continue
            self._index += 1
            self._index_in_file += 1
