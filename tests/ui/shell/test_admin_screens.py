"""What an administrator sees: staff and faces, devices, the audit check."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.config import BedSettings, ScaleSettings, StationSettings
from app.identity.directory import StaffRow
from ui.admin.devices_screen import DevicesScreen
from ui.admin.staff_screen import StaffScreen
from ui.shell import i18n


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_staff_screen_shows_who_has_a_pin_and_a_face(qtbot: QtBot) -> None:
    i18n.install("en")
    rows = [
        StaffRow(1, "N001", "王芳", "nurse", has_pin=True, face_enrolled=True),
        StaffRow(2, "P001", "赵强", "porter", has_pin=False, face_enrolled=False),
        StaffRow(3, "N002", "李娜", "nurse", True, False, face_outdated=True),
    ]
    screen = StaffScreen(lambda: rows, face=None, admin_staff_id=9)
    qtbot.addWidget(screen)

    assert cells(screen.table) == [
        ["N001", "王芳", "Nurse", "yes", "yes"],
        ["P001", "赵强", "Porter", "no", "no"],
        ["N002", "李娜", "Nurse", "yes", "re-enrol: the model changed"],
    ]
    assert not screen.enrol_button.isEnabled()  # no camera at this station
    assert "no camera" in screen.note.text()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_staff_screen_says_whether_faces_are_shared_between_stations(
    qtbot: QtBot, language: str
) -> None:
    i18n.install(language)
    rows = [StaffRow(1, "N001", "王芳", "nurse", has_pin=True, face_enrolled=True)]
    alone = StaffScreen(lambda: rows, SimpleNamespace(sharing=None), 9)
    shared = StaffScreen(lambda: rows, SimpleNamespace(sharing=object()), 9)
    for screen in (alone, shared):
        qtbot.addWidget(screen)
    only_here = {"zh_CN": "本工作站", "en": "at this station only"}[language]
    between = {"zh_CN": "共享", "en": "shared"}[language]
    assert only_here in alone.note.text() and only_here in alone.consent_text()
    assert between not in alone.note.text() + alone.consent_text()
    assert between in shared.note.text() and between in shared.consent_text()
    assert only_here not in shared.note.text() + shared.consent_text()


def test_devices_screen_tells_which_configured_ports_exist(
    qtbot: QtBot, tmp_path: Path
) -> None:
    i18n.install("en")
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="HD-03",
        name="bed 3",
        role="dialysis-bedside",
        beds=(
            BedSettings("3", "/dev/ttyUSB0"),
            BedSettings("4", "socket://10.0.0.4:4001", "hl7"),
        ),
        scale=ScaleSettings("/dev/ttyUSB9", "toledo"),
    )
    screen = DevicesScreen(
        settings, [("/dev/ttyUSB0", "FTDI USB-serial"), ("/dev/ttyS0", "n/a")]
    )
    qtbot.addWidget(screen)

    assert cells(screen.configured) == [
        ["Bed 3 dialysis machine", "/dev/ttyUSB0", "ASTM 9600", "yes"],
        ["Bed 4 dialysis machine", "socket://10.0.0.4:4001", "HL7 9600", "network"],
        ["Scale", "/dev/ttyUSB9", "toledo 9600", "not found"],
    ]
    assert cells(screen.ports)[0] == ["/dev/ttyUSB0", "FTDI USB-serial"]
