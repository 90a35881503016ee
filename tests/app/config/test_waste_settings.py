"""The waste station's limits and the scale's stability and unit, from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import (
    DisposalDriver,
    DisposalVehicle,
    ScaleSettings,
    WasteLimits,
    load,
)
from app.errors import ConfigError

HEAD = """\
schema_version = 1

[station]
id = "STORE-1"
name = "医疗废物暂存间"
role = "waste-storage"
"""


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "station.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_defaults_when_the_keys_are_absent(tmp_path: Path) -> None:
    settings = load(_write(tmp_path, '[scale]\nport = "/dev/ttyUSB1"\n'))

    assert settings.waste_limits == WasteLimits()
    assert settings.waste_limits.storage_limit_hours == 48.0
    assert settings.scale == ScaleSettings(port="/dev/ttyUSB1")


def test_every_limit_is_read(tmp_path: Path) -> None:
    settings = load(
        _write(
            tmp_path,
            """
[waste]
intake_tolerance_percent = 2.5
intake_tolerance_g = 100
storage_limit_hours = 24
storage_warning_hours = 3.5
storage_check_s = 30

[scale]
port = "/dev/ttyUSB1"
protocol = "xk3190-eq2"
stable_readings = 8
stable_time_s = 1.5
unit = "g"
""",
        )
    )

    assert settings.waste_limits == WasteLimits(2.5, 100, 24.0, 3.5, 30)
    assert settings.scale is not None
    assert (
        settings.scale.protocol,
        settings.scale.stable_readings,
        settings.scale.stable_time_s,
        settings.scale.unit,
    ) == ("xk3190-eq2", 8, 1.5, "g")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("[waste]\nstorage_warning_hours = 48\n", "waste.storage_warning_hours"),
        ("[waste]\nstorage_limit_hours = 0\n", "waste.storage_limit_hours"),
        ('[waste]\nintake_tolerance_percent = "2"\n', "waste.intake_tolerance_percent"),
        ("[waste]\nintake_tolerance_g = -1\n", "waste.intake_tolerance_g"),
        ("[waste]\nstorage_check_s = true\n", "waste.storage_check_s"),
        ('[scale]\nport = "p"\nunit = "oz"\n', "scale.unit"),
        ('[scale]\nport = "p"\nstable_readings = 1\n', "scale.stable_readings"),
        ('[scale]\nport = "p"\nstable_time_s = -0.5\n', "scale.stable_time_s"),
    ],
)
def test_a_bad_limit_names_its_key(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load(_write(tmp_path, body))

    assert key in str(raised.value)


def test_the_companys_vehicles_drivers_and_manifest_prefix(tmp_path: Path) -> None:
    settings = load(
        _write(
            tmp_path,
            """
[waste]
manifest_barcode_prefix = "ZY"

[[waste.vehicles]]
plate = "沪A·12345"
code = "VH-12345"

[[waste.vehicles]]
plate = "沪B·67890"

[[waste.drivers]]
name = "张师傅"
badge = "DRV-0001"
""",
        )
    )

    assert settings.disposal_vehicles == (
        DisposalVehicle("沪A·12345", "VH-12345"),
        DisposalVehicle("沪B·67890", ""),
    )
    assert settings.disposal_drivers == (DisposalDriver("张师傅", "DRV-0001"),)
    assert settings.manifest_barcode_prefix == "ZY"


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('[[waste.vehicles]]\ncode = "VH-1"\n', "waste.vehicles[0].plate"),
        ('[[waste.drivers]]\nname = ""\n', "waste.drivers[0].name"),
        ('[[waste.drivers]]\nname = "张"\nbadg = "X"\n', "waste.drivers[0].badg"),
        ('[waste]\nvehicles = "沪A·12345"\n', "waste.vehicles"),
    ],
)
def test_a_bad_vehicle_or_driver_names_its_key(
    tmp_path: Path, body: str, key: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load(_write(tmp_path, body))
    assert caught.value.key == key
