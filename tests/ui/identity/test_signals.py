"""The emit helper keeps ``True`` alive however many signals are emitted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.identity.signals import emit


class _Sender(QObject):
    ping = Signal(object)


def test_many_emits_leave_the_count_of_true_unchanged() -> None:
    sender = _Sender()
    received: list[object] = []
    sender.ping.connect(received.append)
    before = sys.getrefcount(True)
    for index in range(5000):
        emit(sender.ping, index)
    assert len(received) == 5000
    assert abs(sys.getrefcount(True) - before) < 50
