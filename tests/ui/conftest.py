"""UI test harness: a qasync event loop that runs while pytest-qt waits.

Widgets start coroutines on the asyncio loop (sign-in, store writes, sync).
With the `qt_async_loop` fixture, that loop is qasync's loop over the test's
QApplication and counts as running, so the coroutines progress whenever
`qtbot.waitUntil` / `qtbot.waitSignal` process Qt events. Tests then wait on
a condition or a signal, never on a sleep.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from ui.widgets.gui_gc import GuiThreadCollector


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    """As in the app: cycles holding Qt objects are collected on this thread."""
    collector = GuiThreadCollector()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_after_each_test(
    gui_thread_collector: GuiThreadCollector,
) -> Iterator[None]:
    yield
    gui_thread_collector.collect_due()


@pytest.fixture
def qt_async_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    # qasync marks its loop running only inside run_forever; pytest-qt drives
    # the Qt event loop itself, so mark it running for the test's duration.
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
        loop.close()
