"""Cycles holding Qt objects are collected on the GUI thread, never on a
worker thread that happens to allocate (which left timers firing on freed
memory and crashed the station)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from ui.widgets.gui_gc import GuiThreadCollector


class _Screen(QObject):
    """A Qt object in a reference cycle, with a running timer."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # the cycle
        self.timer = QTimer(self)
        self.timer.start(10_000)


def test_automatic_collection_is_off_while_the_collector_runs(
    gui_thread_collector: GuiThreadCollector,
) -> None:
    assert not gc.isenabled()


def test_a_cycle_dropped_while_workers_allocate_dies_on_the_gui_thread(
    qtbot: QtBot, gui_thread_collector: GuiThreadCollector
) -> None:
    collected_on_main: list[bool] = []
    screen = _Screen()
    gone = weakref.ref(screen)
    weakref.finalize(
        screen,
        lambda: collected_on_main.append(
            threading.current_thread() is threading.main_thread()
        ),
    )
    del screen

    held: list[list[int]] = []

    def allocate() -> None:  # what a scale or printer thread does all day
        held.extend([n] for n in range(50_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join(timeout=30)
    assert gone() is not None  # no worker collected it

    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    assert collected_on_main == [True]
