"""`careloop --screenshot`, and the screens for a station that cannot start."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.config import StationSettings
from app.errors import ConfigError
from app.station import Station
from ui.runtime import open_station
from ui.shell import i18n
from ui.shell.window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def distinct_colours(path: Path) -> int:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    step = 7
    seen = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return len(seen)


@pytest.mark.parametrize("screen", ["signin", "shell"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshot_writes_a_non_blank_png(
    tmp_path: Path, screen: str, language: str
) -> None:
    target = tmp_path / f"{screen}-{language}.png"

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.main",
            "--screenshot",
            str(target),
            "--screen",
            screen,
            "--lang",
            language,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 10_000
    assert distinct_colours(target) > 20  # text, buttons, fields: not a blank page


def test_a_wrong_configuration_shows_file_line_and_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    i18n.install("en")
    settings = StationSettings(
        path=tmp_path / "s.toml", station_id="x", name="x", role="waste-cart"
    )
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)

    window.show_config_error(
        ConfigError(
            "/etc/careloop/station.toml",
            "beds[0].baudrate",
            "a baud rate such as 9600, got 12345",
            17,
        )
    )

    screen = window.pages.currentWidget()
    details = screen.details.toPlainText()  # type: ignore[attr-defined]
    assert "/etc/careloop/station.toml" in details
    assert "line: 17" in details
    assert "beds[0].baudrate" in details
    assert "Traceback" not in details


def test_a_file_that_is_not_a_database_can_be_moved_aside_and_the_station_starts(
    qtbot: QtBot, qt_async_loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    i18n.install("en")
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="HD-09",
        name="x",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
    )
    station = Station(settings)
    station.database_path.write_bytes(b"PK\x03\x04 a zip file, not a database" * 20)
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)
    window.show()

    task = asyncio.ensure_future(open_station(window, station))
    qtbot.waitUntil(
        lambda: hasattr(window.pages.currentWidget(), "move_button"), timeout=10_000
    )
    assert task.done()
    screen = window.pages.currentWidget()
    screen.move_button.click()  # type: ignore[attr-defined]

    qtbot.waitUntil(
        lambda: (
            window.pages.currentWidget() is window.signin and window.signin.isEnabled()
        ),
        timeout=10_000,
    )
    kept = list(tmp_path.glob("HD-09.db.set-aside-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"PK\x03\x04")
    assert station.store is not None
    station.store.close()


def test_a_database_from_a_newer_careloop_says_so_and_keeps_the_file(
    qtbot: QtBot, qt_async_loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    import sqlite3

    i18n.install("en")
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="HD-10",
        name="x",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
    )
    station = Station(settings)
    with sqlite3.connect(station.database_path) as newer:
        newer.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        newer.execute("INSERT INTO alembic_version VALUES ('0099_from_the_future')")
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)
    window.show()

    task = asyncio.ensure_future(open_station(window, station))
    qtbot.waitUntil(
        lambda: hasattr(window.pages.currentWidget(), "move_button"), timeout=10_000
    )
    assert task.done()
    screen = window.pages.currentWidget()
    assert "newer Careloop" in screen.findChild(QLabel, "Title").text()  # type: ignore[union-attr]
    assert not window.signin.isEnabled()
    screen.move_button.click()  # type: ignore[attr-defined]

    qtbot.waitUntil(lambda: window.signin.isEnabled(), timeout=10_000)
    kept = list(tmp_path.glob("HD-10.db.set-aside-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as moved:
        assert moved.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0099_from_the_future",
        )
    assert station.store is not None
    station.store.close()


def _damaged_database(path: Path) -> bytes:
    from app.store import Store

    Store(path).close()
    data = bytearray(path.read_bytes())
    data[4096 : 6 * 4096] = bytes((n * 7 + 3) % 251 for n in range(5 * 4096))
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_damaged_database_gets_the_screen_and_is_kept_when_moved_aside(
    qtbot: QtBot,
    qt_async_loop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    language: str,
) -> None:
    i18n.install(language)
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="HD-11",
        name="x",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
    )
    station = Station(settings)
    damaged = _damaged_database(station.database_path)
    window = MainWindow(settings, language)
    qtbot.addWidget(window)
    window.show()

    task = asyncio.ensure_future(open_station(window, station))
    qtbot.waitUntil(
        lambda: hasattr(window.pages.currentWidget(), "move_button"), timeout=10_000
    )
    assert task.done()
    screen = window.pages.currentWidget()
    title = screen.findChild(QLabel, "Title").text()  # type: ignore[union-attr]
    expected = {"en": "cannot be read", "zh_CN": "数据库"}[language]
    assert expected in title
    assert "Traceback" not in screen.details.toPlainText()  # type: ignore[attr-defined]
    screen.grab().save(str(tmp_path / f"damaged-{language}.png"))
    screen.move_button.click()  # type: ignore[attr-defined]

    qtbot.waitUntil(lambda: window.signin.isEnabled(), timeout=10_000)
    kept = list(tmp_path.glob("HD-11.db.set-aside-*"))
    assert [path.read_bytes() for path in kept if path.suffix != ".db-wal"] == [damaged]
    assert station.store is not None
    station.store.close()


def test_an_unwritable_data_folder_offers_to_try_again_and_then_starts(
    qtbot: QtBot, qt_async_loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    i18n.install("en")
    folder = tmp_path / "data"
    folder.write_text("a file where the data folder should be")
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="HD-12",
        name="x",
        role="dialysis-bedside",
        data_dir=str(folder),
    )
    station = Station(settings)
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)
    window.show()

    task = asyncio.ensure_future(open_station(window, station))
    qtbot.waitUntil(
        lambda: hasattr(window.pages.currentWidget(), "retry_button"), timeout=10_000
    )
    assert task.done()
    screen = window.pages.currentWidget()
    assert not hasattr(screen, "move_button")  # moving would not help
    assert "cannot be opened or written" in screen.findChild(QLabel, "Title").text()  # type: ignore[union-attr]
    assert not window.signin.isEnabled()

    folder.unlink()  # IT fixes the folder
    screen.retry_button.click()  # type: ignore[attr-defined]

    qtbot.waitUntil(lambda: window.signin.isEnabled(), timeout=10_000)
    assert station.database_path.is_file()
    assert station.store is not None
    station.store.close()
