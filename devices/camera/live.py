"""A real camera (``cv2.VideoCapture`` on a device index) behind a reader thread.

The reader thread only reads: it keeps the newest frame and drops older
ones, so a slow consumer (face detection takes tens of milliseconds) always
gets what the camera sees now, never a queue of the past. ``read`` waits
for a frame newer than the last one it gave out, up to a time-out.

``close`` stops and joins the reader; the capture is released only once the
reader has stopped using it. If a read is stuck in the driver beyond the
time-out, ``close`` returns and the reader releases the capture itself when
that read returns, so the capture is never released under a running read.

The capture is made by an injected factory so that the thread logic can be
tested without a camera.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, cast

import cv2
import numpy as np

from devices.camera.errors import SourceClosed, SourceUnavailable
from devices.camera.source import BgrImage, Frame, FrameSourceBase
from devices.errors import LinkTimeout

logger = logging.getLogger(__name__)

DEFAULT_READ_TIMEOUT_S = 2.0
FAILED_READS_BEFORE_LOST = 30
DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 480


class Capture(Protocol):
    """The part of ``cv2.VideoCapture`` this module uses."""

    def isOpened(self) -> bool: ...  # OpenCV spells it so

    def read(self) -> tuple[bool, BgrImage | None]: ...

    def set(self, prop_id: int, value: float) -> bool: ...

    def release(self) -> None: ...


def open_opencv_capture(device_index: int) -> Capture:
    return cast(Capture, cv2.VideoCapture(device_index))


class CameraSource(FrameSourceBase):
    """Newest frames of a camera, read by a background thread."""

    def __init__(
        self,
        device_index: int,
        *,
        width: int = DEFAULT_WIDTH,
        height: int = DEFAULT_HEIGHT,
        read_timeout_s: float = DEFAULT_READ_TIMEOUT_S,
        capture_factory: Callable[[int], Capture] = open_opencv_capture,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._device_index = device_index
        self._size = (width, height)
        self._read_timeout_s = read_timeout_s
        self._capture_factory = capture_factory
        self._clock = clock
        self._capture: Capture | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._newest: Frame | None = None
        self._newest_serial = 0
        self._given_serial = 0
        self._lost = False
        self._reader_done = True
        self._release_by_reader = False

    def open(self) -> None:
        capture = self._capture_factory(self._device_index)
        if not capture.isOpened():
            capture.release()
            raise SourceUnavailable(f"camera {self._device_index} cannot be opened")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._size[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._size[1])
        self._capture = capture
        self._stop.clear()
        self._lost = False
        self._reader_done = False
        self._release_by_reader = False
        self._thread = threading.Thread(
            target=self._read_forever,
            name=f"camera-{self._device_index}-reader",
            daemon=True,
        )
        self._thread.start()
        logger.info("camera %d opened", self._device_index)

    def read(self) -> Frame | None:
        if self._capture is None:
            raise SourceClosed(f"camera {self._device_index} is not open")
        with self._changed:
            fresh = self._changed.wait_for(
                lambda: (
                    self._newest_serial > self._given_serial
                    or self._lost
                    or self._stop.is_set()
                ),
                timeout=self._read_timeout_s,
            )
            if self._stop.is_set():
                raise SourceClosed(f"camera {self._device_index} was closed")
            if self._lost:
                raise SourceUnavailable(f"camera {self._device_index} stopped sending")
            if not fresh or self._newest is None:
                raise LinkTimeout(
                    f"camera {self._device_index}: no frame in {self._read_timeout_s} s"
                )
            self._given_serial = self._newest_serial
            return self._newest

    def close(self) -> None:
        self._stop.set()
        with self._changed:
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=self._read_timeout_s)
            self._thread = None
        capture, self._capture = self._capture, None
        if capture is None:
            return
        with self._changed:  # decided under the lock the reader ends under
            if not self._reader_done:
                self._release_by_reader = True
                capture = None
        if capture is None:
            logger.warning(
                "camera %d: a read is still running; released when it returns",
                self._device_index,
            )
            return
        capture.release()
        logger.info("camera %d closed", self._device_index)

    def _read_forever(self) -> None:
        capture = self._capture
        assert capture is not None
        try:
            self._read_until_stopped(capture)
        finally:
            with self._changed:
                self._reader_done = True
                release = self._release_by_reader
            if release:
                capture.release()
                logger.info("camera %d closed by its reader", self._device_index)

    def _read_until_stopped(self, capture: Capture) -> None:
        failures = 0
        while not self._stop.is_set():
            ok, image = capture.read()
            if not ok or image is None:
                failures += 1
                if failures >= FAILED_READS_BEFORE_LOST:
                    self._mark_lost()
                    return
                continue
            failures = 0
            self._publish(Frame(self._clock(), np.ascontiguousarray(image)))

    def _publish(self, frame: Frame) -> None:
        with self._changed:
            self._newest = frame
            self._newest_serial += 1
            self._changed.notify_all()

    def _mark_lost(self) -> None:
        logger.warning("camera %d: reads keep failing", self._device_index)
        with self._changed:
            self._lost = True
            self._changed.notify_all()
