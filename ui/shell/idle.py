"""Noticing that nobody has touched the station for a while.

Any key, click, touch or wheel on the watched window restarts the count;
when it runs out, ``idle`` is emitted once and the shell locks the screen.

It watches one window's widgets (and widgets added to it later), not the
whole application: a Python filter on the QApplication would see every
event of every Qt-internal object, and wrapping those objects while Qt is
delivering their events can crash PySide.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if timeout_ms <= 0:
            raise ValueError(f"idle time-out must be positive, got {timeout_ms} ms")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)

    def watch(self, root: QWidget) -> None:
        """Count activity on ``root``, everything in it, and what joins it later."""
        for widget in (root, *root.findChildren(QWidget)):
            widget.installEventFilter(self)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QWidget):
                self.watch(child)
        elif kind in ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
