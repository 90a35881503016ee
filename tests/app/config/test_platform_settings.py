"""[platform] keys for the sync: bundle size and the hospital's code systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import PlatformSettings, load
from app.errors import ConfigError

HEAD = 'schema_version = 1\n[station]\nid = "HD-1"\nname = "bed"\nrole = "dialysis-bedside"\n'


def _load(tmp_path: Path, platform: str) -> PlatformSettings:
    path = tmp_path / "station.toml"
    path.write_text(HEAD + "[platform]\n" + platform, encoding="utf-8")
    return load(path).platform


def test_todays_systems_are_the_defaults(tmp_path: Path) -> None:
    platform = _load(tmp_path, 'base_url = "http://127.0.0.1:1/fhir"\n')
    assert platform.hospital_number_system == "urn:careloop:sid:hospital-number"
    assert platform.role_system == "urn:careloop:cs:staff-role"
    assert platform.bundle_size == 100


def test_a_hospital_sets_its_own_systems_and_bundle_size(tmp_path: Path) -> None:
    platform = _load(
        tmp_path,
        'hospital_number_system = "urn:oid:1.2.156.112.1"\n'
        'staff_number_system = "urn:oid:1.2.156.112.2"\n'
        'device_kind_system = "urn:oid:1.2.156.112.3"\n'
        'role_system = "urn:oid:1.2.156.112.4"\n'
        "bundle_size = 250\n",
    )
    assert platform.hospital_number_system == "urn:oid:1.2.156.112.1"
    assert platform.staff_number_system == "urn:oid:1.2.156.112.2"
    assert platform.device_kind_system == "urn:oid:1.2.156.112.3"
    assert platform.role_system == "urn:oid:1.2.156.112.4"
    assert platform.bundle_size == 250


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("bundle_size = 0\n", "platform.bundle_size"),
        ('role_system = ""\n', "platform.role_system"),
    ],
)
def test_a_bad_value_is_refused(tmp_path: Path, line: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, line)
    assert caught.value.key == key
