"""The station builds face check-in from its configuration: the key's place,
the calibrated matching, and a refusal that leaves PIN sign-in working."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from app.config import FaceMatching, StationSettings
from app.identity.station_face import FaceServices
from app.identity.templates import TemplateKeyUnavailable, load_key_file
from app.station import Station


def _started(settings: StationSettings) -> Station:
    station = Station(settings)
    station.open_store()
    asyncio.run(station.start())
    return station


def _settings(tmp_path: Path, faces_dir: Path) -> StationSettings:
    return StationSettings(
        path=tmp_path / "etc" / "station.toml",
        station_id="HD-03",
        name="bed 3",
        role="dialysis-bedside",
        data_dir=str(tmp_path / "data"),
        camera=f"video:{faces_dir / 'short_hamilton_clip.mp4'}",
        face_matching=FaceMatching(threshold=0.55, margin=0.07, frames_to_agree=4),
    )


def test_key_beside_the_configuration_and_matching_from_it(
    tmp_path: Path, faces_dir: Path
) -> None:
    station = _started(_settings(tmp_path, faces_dir))
    try:
        face = station.services["face"]
        assert isinstance(face, FaceServices)
        assert (tmp_path / "etc" / "face-templates.key").is_file()
        assert not list((tmp_path / "data").glob("*.key"))
        settings = face.checkin.settings
        assert (settings.rule.threshold, settings.rule.margin) == (0.55, 0.07)
        assert settings.frames_to_agree == 4
    finally:
        assert station.store is not None
        station.store.close()


def test_a_key_that_would_sit_in_the_data_folder_is_refused(
    tmp_path: Path, faces_dir: Path
) -> None:
    settings = replace(
        _settings(tmp_path, faces_dir),
        face_key_file=str(tmp_path / "data" / "face.key"),
    )
    station = _started(settings)
    try:
        assert "face" not in station.services
        assert isinstance(station.services["face_error"], TemplateKeyUnavailable)
        assert station.signin is not None  # the PIN still works
    finally:
        assert station.store is not None
        station.store.close()


def test_a_key_an_earlier_version_left_in_the_data_folder_is_moved_out(
    tmp_path: Path, faces_dir: Path
) -> None:
    old = tmp_path / "data" / "face-templates.key"
    old.parent.mkdir(parents=True)
    key = load_key_file(old)  # as the earlier version made it
    station = _started(_settings(tmp_path, faces_dir))
    try:
        assert "face" in station.services
        moved = tmp_path / "etc" / "face-templates.key"
        assert moved.read_bytes() == key  # its templates still open
        assert not old.exists()
    finally:
        assert station.store is not None
        station.store.close()
