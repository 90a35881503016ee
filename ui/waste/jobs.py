"""Background work for the waste screens: off the GUI thread, results back on it.

Each job has one shape: the work runs in the store's writer thread (a
command's future) or in a small read pool (a query), and its result or its
error comes back to the GUI thread through a queued signal. No widget and no
session is touched off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from app.errors import CareloopError
from ui.widgets.gui_thread import deliver_to

log = logging.getLogger(__name__)

T = TypeVar("T")
OnError = Callable[[BaseException], None]


class Jobs(QObject):
    """Runs reads in a pool, watches futures, delivers on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="careloop-waste-read")
        # Outcomes come back through the application's relay, never through
        # a signal of this object, which a closing screen may be deleting.
        self._finished = deliver_to(self, self._deliver)
        self.running = 0
        reads = self._reads
        self.destroyed.connect(lambda: reads.shutdown(wait=False))

    def read(
        self, query: Callable[[], T], on_done: Callable[[T], None], on_error: OnError
    ) -> None:
        """Run ``query`` off the GUI thread; ``on_done`` gets its result."""
        self.watch(self._reads.submit(query), on_done, on_error)

    def command(
        self,
        start: Callable[[], Future[T]],
        on_done: Callable[[T], None],
        on_error: OnError,
    ) -> None:
        """Start a domain command; a refusal before it is queued (a missing
        right, a bad value) goes to ``on_error`` like one from the writer."""
        try:
            future = start()
        except CareloopError as refused:
            log.info("waste command refused: %s", type(refused).__name__)
            on_error(refused)
            return
        self.watch(future, on_done, on_error)

    def watch(
        self, future: Future[T], on_done: Callable[[T], None], on_error: OnError
    ) -> None:
        """Deliver ``future``'s outcome to the GUI thread when it completes."""
        self.running += 1

        def completed(done: Future[T]) -> None:
            error = done.exception()
            result = None if error is not None else done.result()
            self._finished((on_done, on_error), result, error)

        future.add_done_callback(completed)

    def close(self) -> None:
        self._reads.shutdown(wait=True)

    def _deliver(self, callbacks: Any, result: Any, error: Any) -> None:
        self.running -= 1
        on_done, on_error = callbacks
        if error is not None:
            log.info("waste job failed: %s", type(error).__name__)
            on_error(error)
        else:
            on_done(result)
