"""Hand a call from any thread to the GUI thread without touching a widget.

A device or worker thread must never emit a widget's own signal: if the
widget is being destroyed at that moment (a screen closed, a test torn
down), Qt can crash the whole station. Calls from other threads go instead
through one relay object that lives as long as the application, and each
call checks on the GUI thread that its widget still exists before it runs.
A call whose widget has gone is dropped there, which is what a closed screen
wants: the domain has already recorded whatever the call reports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal


class _Relay(QObject):
    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, call: Callable[[], None]) -> None:
        call()


_relay: _Relay | None = None
_relay_lock = threading.Lock()


def _the_relay() -> _Relay:
    global _relay
    with _relay_lock:
        if _relay is None:
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("no QApplication: nothing to relay calls to")
            relay = _Relay()
            relay.moveToThread(app.thread())
            _relay = relay
        return _relay


def prepare() -> None:
    """Make the relay now (call on the GUI thread, before workers start)."""
    _the_relay()


def deliver_to(owner: QObject, method: Callable[..., None]) -> Callable[..., None]:
    """A callable, safe from any thread, that runs ``method(*args)`` on the
    GUI thread if ``owner`` still exists by then (at once when called there)."""
    relay = _the_relay()

    def post(*args: Any) -> None:
        def run() -> None:
            if shiboken6.isValid(owner):
                method(*args)

        if QThread.currentThread() is relay.thread():
            run()  # already on the GUI thread: at once, as a direct signal
        else:
            relay.posted.emit(run)

    return post
