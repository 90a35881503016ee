"""Barcode scans recognised wherever the focus is.

A scanner is a keyboard that types fast and ends with Enter. ``ScanFilter``
watches key presses on the widgets it is told to watch (a screen, all its
descendants and its window, so the focus may be anywhere in the window):
printable keys are held back
while they arrive faster than a person types; Enter after at least
``min_length`` of them is a scan, emitted as ``scanned`` and never seen by the
focused widget. Keys that turn out to be a person typing (a pause, or Enter
too soon) are handed on to the widget they were meant for, in order.

It knows nothing about bags or badges: screens decide what a scan means.

It is deliberately not an application-wide event filter: from Python such a
filter sees every event of every Qt-internal object, and wrapping those
objects while Qt is sending them events can crash PySide.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

DEFAULT_GAP_MS = 50  # scanners send a key every few ms; people take 100+ ms
DEFAULT_MIN_LENGTH = 3


class ScanFilter(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        gap_ms: int = DEFAULT_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.gap_ms = gap_ms
        self.min_length = min_length
        self._clock = clock
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last_key_s = 0.0
        self._replaying = False
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.timeout.connect(self._hand_on)

    def watch(self, widget: QWidget) -> None:
        """Watch ``widget`` and every widget inside it for scans."""
        for each in (widget, *widget.findChildren(QWidget)):
            each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._held and event.type() == QEvent.Type.MouseButtonPress:
            self._hand_on()  # a touch ends a burst: the keys reach their field first
            return False
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not watched.isWidgetType():
            return False  # the same key also passes through the window
        assert isinstance(event, QKeyEvent)
        return self._key(watched, event)

    def _key(self, target: QObject, event: QKeyEvent) -> bool:
        now = self._clock()
        fast = (now - self._last_key_s) * 1000 <= self.gap_ms
        self._last_key_s = now
        from PySide6.QtCore import Qt  # not at import: the first paint skips its enums

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._enter(fast)
        text = event.text()
        if not text or not text.isprintable():
            self._hand_on()
            return False
        if self._held and not fast:
            self._hand_on()
        self._held.append((target, _copy(event)))
        self._release.start(self.gap_ms * 2)
        return True

    def _enter(self, fast: bool) -> bool:
        code = "".join(event.text() for _, event in self._held)
        if fast and len(code) >= self.min_length:
            self._held.clear()
            self._release.stop()
            self.scanned.emit(code)
            return True
        self._hand_on()
        return False

    def _hand_on(self) -> None:
        """Deliver held keys to their widgets: they were typed by a person."""
        self._release.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(), event.key(), event.modifiers(), event.text(),
        event.isAutoRepeat(), event.count(),
    )  # fmt: skip
