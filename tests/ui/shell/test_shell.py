"""The shell as a person meets it: sign in, idle lock, unlock, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.config import StationSettings
from app.demo.sample import SAMPLE_PIN, load_sample
from app.identity.signin import hash_pin
from app.station import Station
from ui.shell import i18n
from ui.shell.window import MainWindow

SAMPLE_HASH = hash_pin(SAMPLE_PIN)  # one Argon2 hash for the whole module


@pytest.fixture
def window(qtbot: QtBot, qt_async_loop, tmp_path: Path):
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="HD-03",
        name="血透中心 3 号机位",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
    )
    i18n.install("en")
    station = Station(settings)
    station.open_store()
    assert station.store is not None
    station.store.writer.submit(lambda s: load_sample(s, SAMPLE_HASH)).result(
        timeout=30
    )
    main = MainWindow(settings, "en")
    qtbot.addWidget(main)
    main.attach_station(station)
    main.show()
    yield main
    main.idle.stop()
    station.store.close()
    i18n.install("en")


def type_and_submit(qtbot: QtBot, window: MainWindow, number: str, pin: str) -> None:
    qtbot.keyClicks(window.signin.staff_number, number)
    qtbot.keyClicks(window.signin.pin, pin)
    qtbot.mouseClick(window.signin.sign_in_button, Qt.MouseButton.LeftButton)


def test_right_pin_opens_the_shell_with_name_role_and_screens(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)

    assert window.pages.currentWidget() is window.shell
    assert window.shell is not None
    assert "王芳" in window.shell.header.person.text()
    assert "Nurse" in window.shell.header.person.text()
    assert "血透中心 3 号机位" in window.shell.header.station.text()
    assert "today" in window.shell.nav_buttons
    assert window.shell.header.clock.text() != ""


def test_wrong_pin_stays_on_sign_in_with_a_plain_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_and_submit(qtbot, window, "N001", "0000")

    qtbot.waitUntil(lambda: "not right" in window.signin.error.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.signin
    assert window.signin.pin.text() == ""  # the wrong PIN does not linger
    assert window.signin.sign_in_button.isEnabled()


def test_a_porter_sees_no_patient_screen(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "P001", SAMPLE_PIN)

    assert window.shell is not None
    assert "today" not in window.shell.nav_buttons


def test_a_badge_scanned_into_the_staff_number_field_signs_in(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.signin.staff_number.setFocus()

    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        qtbot.keyClicks(window.signin.staff_number, "BADGE-N002")  # scanner speed
        qtbot.keyClick(window.signin.staff_number, Qt.Key.Key_Return)

    assert window.shell is not None
    assert "N002" not in window.signin.staff_number.text()  # never typed as text
    assert "Nurse" in window.shell.header.person.text()


def test_an_unknown_badge_stays_on_sign_in_with_a_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.signin.staff_number, "BADGE-X999")
    qtbot.keyClick(window.signin.staff_number, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "badge" in window.signin.error.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.signin
    assert window.signin.sign_in_button.isEnabled()


def test_idle_time_locks_and_only_the_holders_pin_unlocks(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.idle._timer.setInterval(200)  # minutes in the field, 0.2 s here
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)

    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass  # nobody touches anything
    assert window.pages.currentWidget() is window.lock_screen

    window.lock_screen.staff_number.setText("N002")  # a colleague tries
    qtbot.keyClicks(window.lock_screen.pin, SAMPLE_PIN)
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_screen.error.text() != "", timeout=10_000)
    assert window.pages.currentWidget() is window.lock_screen

    window.lock_screen.staff_number.setText("N001")
    qtbot.keyClicks(window.lock_screen.pin, SAMPLE_PIN)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.shell


def test_lock_on_demand_and_a_supervisor_unlocks(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)
    assert window.shell is not None

    with qtbot.waitSignal(window.locked, timeout=5_000):
        qtbot.mouseClick(window.shell.header.lock, Qt.MouseButton.LeftButton)

    window.lock_screen.staff_number.setText("C001")
    qtbot.keyClicks(window.lock_screen.pin, SAMPLE_PIN)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert "王芳" in window.shell.header.person.text()  # still the holder's shell
    note = window.shell.header.unlocked_note
    assert note.isVisible()
    assert "C001" in note.text() and "work continues as 王芳 (N001)" in note.text()


def test_an_open_dialog_does_not_stay_above_the_lock_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    from ui.shell.errors import ErrorDialog

    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)
    assert window.shell is not None
    dialog = ErrorDialog("A value is not allowed here.", "details", window)
    dialog.open()
    assert dialog.isVisible()

    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.lock("on demand")
    assert not dialog.isVisible()
    assert window.pages.currentWidget() is window.lock_screen

    window.lock_screen.staff_number.setText("N001")
    qtbot.keyClicks(window.lock_screen.pin, SAMPLE_PIN)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # the work waiting in it is back
    assert not window.shell.header.unlocked_note.isVisible()  # the holder unlocked
    dialog.close()


def test_staff_without_a_role_are_told_why_they_cannot_sign_in(qapp) -> None:
    from app.errors import NoRole, NotAllowed
    from ui.shell.errors import message_for

    i18n.install("en")

    assert message_for(NoRole("N010")) != message_for(NotAllowed("x"))
    assert "role" in message_for(NoRole("N010"))


def test_language_switch_turns_the_screens_chinese_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)
    assert window.shell is not None
    assert window.shell.header.sign_out.text() == "Sign out"

    with qtbot.waitSignal(window.language_changed, timeout=5_000):
        qtbot.mouseClick(window.shell.header.language, Qt.MouseButton.LeftButton)

    assert window.shell.header.sign_out.text() == "退出登录"
    assert "护士" in window.shell.header.person.text()
    titles = [label.text() for label in window.shell.findChildren(QLabel)]
    assert "今日治疗" in titles

    with qtbot.waitSignal(window.language_changed, timeout=5_000):
        qtbot.mouseClick(window.shell.header.language, Qt.MouseButton.LeftButton)
    assert window.shell.header.sign_out.text() == "Sign out"


def test_sign_out_returns_to_an_empty_sign_in(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)
    assert window.shell is not None

    qtbot.mouseClick(window.shell.header.sign_out, Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is window.signin
    assert window.signin.staff_number.text() == ""
    assert window.shell is None
    qtbot.waitUntil(lambda: _last_audit_action(window) == "sign-out", timeout=10_000)


def _last_audit_action(window: MainWindow) -> str | None:
    from sqlalchemy import select

    from app.store.models import AuditEntry

    assert window.station is not None and window.station.store is not None
    with window.station.store.read_session() as session:
        return session.scalar(
            select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)
        )


def test_audit_screen_reports_a_whole_chain(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "C001", SAMPLE_PIN)
    assert window.shell is not None
    window.shell.show_screen("audit")

    button = window.shell.findChild(QPushButton, "verify_audit")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    result = window.shell.findChild(QLabel, "audit_result")
    qtbot.waitUntil(lambda: "whole" in result.text(), timeout=10_000)


def test_a_touch_anywhere_in_the_window_postpones_the_lock(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        type_and_submit(qtbot, window, "N001", SAMPLE_PIN)
    assert window.shell is not None
    timer = window.idle._timer
    timer.setInterval(10_000)
    timer.start()
    qtbot.waitUntil(lambda: timer.remainingTime() < 9_000, timeout=5_000)

    deep_inside = window.shell.pages.currentWidget().table  # type: ignore[attr-defined]
    qtbot.keyClick(deep_inside, Qt.Key.Key_Down)

    assert (
        timer.remainingTime() > 9_400
    )  # restarted (a coarse timer may read 5 % short)
