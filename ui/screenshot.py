"""`careloop --screenshot PATH --screen NAME`: one screen to a PNG, then exit.

For documentation, tests and support. It renders offscreen with a temporary
store holding the sample records (``app.demo.sample``), so it needs no
platform, no devices and touches no real station data.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.config import StationSettings
from app.errors import ConfigError, StoreNotSqlite
from app.identity.roles import Role
from app.identity.signin import Person
from app.station import Station
from ui.shell import i18n, style
from ui.shell.window import MainWindow

DEFAULT_PERSON = {"dialysis": "N001", "waste": "P001"}


def render(args: argparse.Namespace) -> int:
    from ui.main import read_settings

    settings, config_error = read_settings(args) if args.config else (None, None)
    with tempfile.TemporaryDirectory(prefix="careloop-shot-") as folder:
        settings = _sample_settings(settings, Path(folder))
        language = args.lang or settings.language
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        style.apply(app)
        i18n.install(language)
        window = MainWindow(settings, language)
        station = _prepare(window, settings, args, config_error)
        window.show()
        _settle(app)
        saved = window.grab().save(args.screenshot)
        window.close()
        if station is not None and station.store is not None:
            station.store.close()
    if not saved:
        sys.stderr.write(f"careloop: could not write {args.screenshot}\n")
        return 1
    sys.stdout.write(f"{args.screenshot}\n")
    return 0


def _sample_settings(settings: StationSettings | None, folder: Path) -> StationSettings:
    from dataclasses import replace

    if settings is None:
        settings = StationSettings(
            path=folder / "station.toml",
            station_id="HD-03",
            name="血透中心 3 号机位",
            role="dialysis-bedside",
        )
    return replace(settings, data_dir=str(folder))


def _prepare(
    window: MainWindow,
    settings: StationSettings,
    args: argparse.Namespace,
    config_error: ConfigError | None,
) -> Station | None:
    screen = args.screen
    if screen == "config-error":
        error = config_error or ConfigError(
            str(settings.path),
            "station.role",
            "one of dialysis-bedside, dialysis-centre, waste-cart, waste-storage, got 'nurse'",
            6,
        )
        window.show_config_error(error)
        return None
    if screen == "store-error":
        window.show_store_error(
            StoreNotSqlite("not an SQLite database"),
            str(Station(settings).database_path),
            lambda: None,
        )
        return None

    from app.demo.sample import load_sample

    station = Station(settings)
    store = station.open_store()
    store.writer.submit(load_sample).result(timeout=30)
    station.start_waste()
    window.attach_station(station)
    if screen in ("shell", "lock"):
        kind = "waste" if settings.role.startswith("waste") else "dialysis"
        person = _sample_person(args.as_staff or DEFAULT_PERSON[kind])
        assert station.signin is not None
        station.signin.person = person
        window._show_shell(person)
        if args.page and window.shell is not None:
            window.shell.show_screen(args.page)
        if screen == "lock":
            window.lock_screen.show_for(person.staff_number, person.name)
            window.pages.setCurrentWidget(window.lock_screen)
    return station


def _sample_person(staff_number: str) -> Person:
    from app.demo.sample import STAFF

    for index, (number, name, role) in enumerate(STAFF, start=1):
        if number == staff_number:
            return Person(index, number, name, Role(role))
    known = ", ".join(number for number, _, _ in STAFF)
    raise SystemExit(f"careloop: no sample person {staff_number}; try one of {known}")


def _settle(app: QApplication) -> None:
    """Let layouts and the first paint finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()
    app.processEvents()
