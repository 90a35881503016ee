"""Face check-in that cannot start: said plainly, PIN and badge unaffected.

A missing or altered model file is a typed error from the face package;
the sign-in screen says so in the person's language (not "not set up"), and
the admin's Devices screen shows the file and the digest it must have.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import StationSettings
from app.demo.sample import SAMPLE_PIN, load_sample
from app.identity.face import ModelAltered, ModelMissing
from app.identity.signin import hash_pin
from app.station import Station
from ui.admin.devices_screen import DevicesScreen
from ui.shell import i18n, style
from ui.shell.window import MainWindow

MODEL = Path("/opt/careloop/models/face_recognition_sface_2021dec_int8bq.onnx")
PINNED = "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee"
FOUND = "0" * 64


@pytest.fixture
def window(qtbot: QtBot, qt_async_loop, tmp_path: Path):
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="CART-1",
        name="cart 1",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
        camera="camera:0",
    )
    i18n.install("en")
    station = Station(settings)
    station.open_store()
    assert station.store is not None
    station.store.writer.submit(lambda s: load_sample(s, hash_pin(SAMPLE_PIN))).result(
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


def test_a_missing_model_is_named_on_sign_in_and_the_pin_still_works(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.face_unavailable(ModelMissing(MODEL, "file not found", PINNED))

    hint = window.signin.face_hint.text()
    assert "model file is missing or has been changed" in hint
    assert "not set up" not in hint
    assert "PIN" in hint

    qtbot.keyClicks(window.signin.staff_number, "N001")
    qtbot.keyClicks(window.signin.pin, SAMPLE_PIN)
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        qtbot.mouseClick(window.signin.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_message_survives_a_change_of_language(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.face_unavailable(ModelAltered(MODEL, PINNED, FOUND))
    window.set_language("zh_CN")
    hint = window.signin.face_hint.text()
    assert "模型" in hint and "not set up" not in hint


def test_the_admin_sees_the_file_and_the_digest_it_must_have(qtbot: QtBot) -> None:
    settings = StationSettings(
        path=Path("s.toml"),
        station_id="CART-1",
        name="cart 1",
        role="dialysis-bedside",
        camera="camera:0",
    )
    missing = DevicesScreen(settings, [], ModelMissing(MODEL, "file not found", PINNED))
    altered = DevicesScreen(settings, [], ModelAltered(MODEL, PINNED, FOUND))
    fine = DevicesScreen(settings, [])
    for screen in (missing, altered, fine):
        qtbot.addWidget(screen)

    assert "missing" in missing.face_problem.text()
    assert str(MODEL) in missing.face_problem.text()
    assert f"Expected SHA-256: {PINNED}" in missing.face_problem.text()
    assert f"Found SHA-256: {FOUND}" in altered.face_problem.text()
    assert fine.face_problem.isHidden()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_sign_in_with_a_missing_model_renders(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, language: str
) -> None:
    window.set_language(language)
    window.face_unavailable(ModelMissing(MODEL, "file not found", PINNED))
    window.setStyleSheet(style.STYLE)
    window.resize(1280, 800)
    signin = window.signin
    # Laid out at the new size: the PIN field sits below the staff number.
    qtbot.waitUntil(
        lambda: (
            signin.pin.mapTo(signin, signin.pin.rect().topLeft()).y()
            >= signin.staff_number.mapTo(
                signin, signin.staff_number.rect().bottomLeft()
            ).y()
        ),
        timeout=5_000,
    )
    folder = Path(os.environ.get("CARELOOP_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"signin_face_model_missing_{language}.png"
    assert window.grab().save(str(target))
    assert target.stat().st_size > 10_000
