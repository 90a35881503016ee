"""A worker thread that reads frames and runs the face work off the GUI thread.

The thread opens the frame source, builds the per-run handler (loading and
decrypting templates happens here too), and for every frame calls the
handler, then hands the preview picture and the handler's update to the GUI
thread by a queued Qt signal. Widgets never touch the source or the models;
the thread never touches a widget.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from app.identity.checkin import Frame, FrameSource, FrameSourceFactory

logger = logging.getLogger(__name__)


class FrameHandler(Protocol):
    def handle(self, frame: Frame) -> tuple[object, bool]:
        """The update for the screen, and whether the run is over."""

    def stopped_early(self) -> None:
        """The run was stopped before it was over (the person left)."""


def bgr_to_qimage(image: np.ndarray) -> QImage:
    """A QImage that owns a copy of the BGR pixels (safe across threads)."""
    height, width = image.shape[:2]
    contiguous = np.ascontiguousarray(image)
    view = QImage(
        contiguous.data,
        width,
        height,
        contiguous.strides[0],
        QImage.Format.Format_BGR888,
    )
    return view.copy()


_RETIRING: set[FrameLoop] = set()


def retire(loop: FrameLoop) -> None:
    """Ask the loop to stop without waiting for it on the GUI thread.

    A camera read may block for up to its time-out; the loop is kept alive
    here until its thread has really finished, then deleted, so a widget
    can go away at once without destroying a running thread.
    """
    loop.stop()
    if not loop.isRunning():
        loop.deleteLater()
        return
    _RETIRING.add(loop)
    loop.finished.connect(lambda: _forget(loop))


def wait_for_retired(timeout_ms: int = 5000) -> bool:
    """At shutdown (and in tests): wait until every retired loop has ended.

    ``timeout_ms`` bounds the whole wait, however many loops are retiring,
    so a shutdown never hangs on a camera that will not let go.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    for loop in list(_RETIRING):
        left_ms = max(0, int((deadline - time.monotonic()) * 1000))
        if not loop.wait(left_ms):
            logger.warning("%d frame loop(s) still running", len(_RETIRING))
            return False
    return True


def _forget(loop: FrameLoop) -> None:
    _RETIRING.discard(loop)
    loop.deleteLater()


class FrameLoop(QThread):
    """Reads frames and feeds a handler until it is done or stopped."""

    frame_done = Signal(QImage, object)  # preview, handler update
    source_ended = Signal()
    failed = Signal(object)  # the exception

    def __init__(
        self,
        source_factory: FrameSourceFactory,
        begin: Callable[[], FrameHandler],
        parent: object = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._source_factory = source_factory
        self._begin = begin
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            source = self._source_factory()
            source.open()
        except Exception as exc:  # shown to the person, who can use PIN/badge
            logger.warning("frame source cannot be opened: %s", type(exc).__name__)
            self.failed.emit(exc)
            return
        try:
            self._serve(source)
        except Exception as exc:
            logger.warning("face check-in stopped: %s", type(exc).__name__)
            self.failed.emit(exc)
        finally:
            source.close()

    def _serve(self, source: FrameSource) -> None:
        handler = self._begin()
        while not self._stop.is_set():
            frame = source.read()
            if frame is None:
                handler.stopped_early()
                self.source_ended.emit()
                return
            update, done = handler.handle(frame)
            self.frame_done.emit(bgr_to_qimage(frame.image), update)
            if done:
                return
        handler.stopped_early()
