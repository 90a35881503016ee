"""No exception is lost: a thread's or the GUI's reaches the person plainly."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import logs
from app.errors import PlatformUnreachable
from ui.shell import i18n
from ui.shell.errors import ErrorDialog, install_hooks


def open_dialogs() -> list[ErrorDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ErrorDialog) and w.isVisible()
    ]


@pytest.fixture
def hooked(qtbot: QtBot):
    i18n.install("en")
    parent = QWidget()
    qtbot.addWidget(parent)
    saved = sys.excepthook, threading.excepthook
    install_hooks(parent)
    yield parent
    sys.excepthook, threading.excepthook = saved
    for dialog in open_dialogs():
        dialog.close()


@pytest.mark.allow_error_logs
def test_an_exception_in_a_worker_thread_is_shown_with_copyable_details(
    qtbot: QtBot, hooked: QWidget
) -> None:
    def worker() -> None:
        raise PlatformUnreachable("connect to 10.1.2.3:443 timed out")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=10)

    qtbot.waitUntil(lambda: len(open_dialogs()) == 1, timeout=5_000)
    dialog = open_dialogs()[0]
    assert "cannot be reached" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert "PlatformUnreachable" in copied and "timed out" in copied


@pytest.mark.allow_error_logs
def test_an_unexpected_error_in_the_gui_thread_says_nothing_was_lost(
    qtbot: QtBot, hooked: QWidget
) -> None:
    try:
        raise KeyError("bed 7")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # what Qt does with an exception from a slot

    qtbot.waitUntil(lambda: len(open_dialogs()) == 1, timeout=5_000)
    assert "Nothing you entered was lost" in open_dialogs()[0].message.text()


def test_log_lines_go_to_a_rotating_file(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    path = logs.configure(folder=tmp_path)
    try:
        logging.getLogger("app.sync.client").info("POST /fhir 200 %d ms", 41)
    finally:
        for handler in root.handlers[len(before) :]:
            handler.close()
            root.removeHandler(handler)
    assert path.parent == tmp_path
    assert "app.sync.client: POST /fhir 200 41 ms" in path.read_text(encoding="utf-8")


def test_configuring_twice_writes_each_line_once(tmp_path: Path) -> None:
    # The demo configures logging, then the station does again.
    logs.configure(folder=tmp_path)
    path = logs.configure(folder=tmp_path)
    try:
        logging.getLogger("app.station").info("station %s opened", "HD-03")
    finally:
        logs.unconfigure()

    lines = path.read_text(encoding="utf-8").splitlines()
    assert sum("station HD-03 opened" in line for line in lines) == 1


@pytest.mark.allow_error_logs
def test_an_error_in_an_asyncio_callback_is_shown_and_a_bare_message_logged(
    qtbot: QtBot, hooked: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    from app.errors import StoreUnavailable
    from ui.runtime import _loop_error

    _loop_error({"message": "Task was destroyed but it is pending!"})
    assert "Task was destroyed but it is pending!" in caplog.text
    assert open_dialogs() == []

    _loop_error({"message": "callback failed", "exception": StoreUnavailable("x")})

    qtbot.waitUntil(lambda: len(open_dialogs()) == 1, timeout=5_000)
    assert "disk may be full" in open_dialogs()[0].message.text()
