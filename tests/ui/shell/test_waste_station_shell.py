"""A waste station's shell shows the screens of its place in the chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import StationSettings
from app.demo.sample import SAMPLE_PIN, load_sample
from app.identity.signin import hash_pin
from app.station import Station
from ui.shell import i18n
from ui.shell.window import MainWindow

SAMPLE_HASH = hash_pin(SAMPLE_PIN)


@pytest.mark.parametrize(
    ("role", "staff_number", "expected"),
    [
        ("waste-cart", "P001", ["waste.round", "waste.cart", "waste.trace"]),
        (
            "waste-storage",
            "S001",
            ["waste.intake", "waste.stock", "waste.outbound", "waste.trace"],
        ),
    ],
)
def test_waste_screens_by_station_role(
    qtbot: QtBot,
    qt_async_loop,
    tmp_path: Path,
    role: str,
    staff_number: str,
    expected: list[str],
) -> None:
    i18n.install("en")
    settings = StationSettings(
        path=tmp_path / "s.toml",
        station_id="W1",
        name="cart",
        role=role,
        data_dir=str(tmp_path),
        wards=("心内科", "呼吸内科"),
    )
    station = Station(settings)
    store = station.open_store()
    store.writer.submit(lambda s: load_sample(s, SAMPLE_HASH)).result(timeout=30)
    station.start_waste()
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)
    window.attach_station(station)
    window.show()
    try:
        qtbot.keyClicks(window.signin.staff_number, staff_number)
        qtbot.keyClicks(window.signin.pin, SAMPLE_PIN)
        with qtbot.waitSignal(window.signed_in, timeout=10_000):
            qtbot.mouseClick(window.signin.sign_in_button, Qt.MouseButton.LeftButton)

        assert window.shell is not None
        assert list(window.shell.nav_buttons) == expected
        assert (
            "today" not in window.shell.nav_buttons
        )  # no patient data at a waste station
    finally:
        window.idle.stop()
        window.close()
        store.close()
