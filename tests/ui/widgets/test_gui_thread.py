"""Calls from worker threads reach a live widget on the GUI thread, and a
widget deleted meanwhile is never touched (a closed screen must not crash
the station when the scale speaks)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.widgets.gui_thread import deliver_to


def test_a_call_from_a_worker_runs_on_the_gui_thread(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    seen: list[tuple[str, bool]] = []

    def show(text: str) -> None:
        seen.append((text, QThread.currentThread() is label.thread()))
        label.setText(text)

    post = deliver_to(label, show)
    worker = threading.Thread(target=post, args=("2.35 kg",))
    worker.start()
    worker.join(timeout=5)

    qtbot.waitUntil(lambda: label.text() == "2.35 kg", timeout=5000)
    assert seen == [("2.35 kg", True)]


def test_calls_for_a_deleted_widget_are_dropped_not_crashed(qtbot: QtBot) -> None:
    label = QLabel()
    calls: list[str] = []
    post = deliver_to(label, calls.append)
    marker = QLabel()
    qtbot.addWidget(marker)
    after = deliver_to(marker, marker.setText)

    shiboken6.delete(label)  # the screen closes while the scale still speaks
    worker = threading.Thread(target=lambda: [post(str(n)) for n in range(200)])
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    after("done")  # queued behind the worker's calls

    qtbot.waitUntil(lambda: marker.text() == "done", timeout=5000)
    assert calls == []  # the label was gone: none of them touched it
