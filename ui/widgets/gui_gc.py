"""Python's cyclic garbage collection, run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate
when a threshold is crossed: a scale, printer or database thread as often as
the GUI thread. If such a cycle holds a Qt object (a screen, a timer), Qt
then destroys it on the wrong thread; its timers stay registered with the
GUI thread and fire on freed memory, and the station crashes minutes later
somewhere unrelated (seen: a segfault in QTimer dispatch during a waste
round). So automatic collection is switched off and this object runs it
from a GUI-thread timer, generation by generation, with Python's own
thresholds. Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

DEFAULT_INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Owns cyclic collection while it runs; ``stop`` hands it back to Python."""

    def __init__(
        self, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = [
            generation
            for generation in range(3)
            if thresholds[generation] and counts[generation] > thresholds[generation]
        ]
        return gc.collect(max(due)) if due else 0

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
