"""Station configuration: good file, each kind of bad file, missing, env override."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import find_config, load
from app.errors import ConfigError, ConfigMissing

GOOD = """\
schema_version = 1

[station]
id = "HD-03"
name = "血透中心 3 号机位"
role = "dialysis-bedside"
language = "en"
idle_lock_minutes = 3

[platform]
base_url = "http://127.0.0.1:8080/fhir/"
token = "secret"

[[beds]]
name = "3"
machine_port = "/dev/ttyUSB0"
machine_protocol = "astm"

[[beds]]
name = "4"
machine_port = "socket://10.0.0.4:4001"
machine_protocol = "hl7"
baudrate = 19200

[scale]
port = "/dev/ttyUSB1"
protocol = "toledo"

[printer]
port = "tcp://10.0.0.9:9100"
language = "tspl"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "station.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_is_read_into_typed_settings(tmp_path: Path) -> None:
    settings = load(write(tmp_path, GOOD))

    assert settings.station_id == "HD-03"
    assert settings.name == "血透中心 3 号机位"
    assert settings.role == "dialysis-bedside"
    assert settings.language == "en"
    assert settings.idle_lock_minutes == 3
    assert settings.platform.base_url == "http://127.0.0.1:8080/fhir"
    assert [b.name for b in settings.beds] == ["3", "4"]
    assert settings.beds[1].machine_protocol == "hl7"
    assert settings.beds[1].baudrate == 19200
    assert settings.beds[0].baudrate == 9600
    assert settings.scale is not None and settings.scale.protocol == "toledo"
    assert settings.printer is not None and settings.printer.language == "tspl"


def test_defaults_for_a_minimal_file(tmp_path: Path) -> None:
    minimal = (
        'schema_version = 1\n[station]\nid = "W1"\nname = "cart"\nrole = "waste-cart"\n'
    )
    settings = load(write(tmp_path, minimal))

    assert settings.language == "zh_CN"
    assert settings.idle_lock_minutes == 5
    assert settings.platform.base_url == ""
    assert settings.beds == ()
    assert settings.scale is None


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "expected"),
    [
        ('role = "dialysis-bedside"', 'role = "nurse"', "station.role", 6, "one of"),
        (
            "idle_lock_minutes = 3",
            'idle_lock_minutes = "3"',
            "station.idle_lock_minutes",
            8,
            "minutes",
        ),
        (
            "idle_lock_minutes = 3",
            "idle_lock_minutes = 0",
            "station.idle_lock_minutes",
            8,
            "from 1 to 240",
        ),
        ("baudrate = 19200", "baudrate = 12345", "beds[1].baudrate", 23, "baud rate"),
        (
            'machine_protocol = "hl7"',
            'machine_protocol = "modbus"',
            "beds[1].machine_protocol",
            22,
            "astm, hl7",
        ),
        (
            'base_url = "http://127.0.0.1:8080/fhir/"',
            'base_url = "ftp://x"',
            "platform.base_url",
            11,
            "http",
        ),
        ('protocol = "toledo"', 'protocol = "acme"', "scale.protocol", 27, "mtsics"),
        (
            "schema_version = 1",
            "schema_version = 7",
            "schema_version",
            1,
            "newer Careloop",
        ),
    ],
)
def test_a_wrong_value_names_file_line_key_and_expectation(
    tmp_path: Path, old: str, new: str, key: str, line: int, expected: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))

    with pytest.raises(ConfigError) as caught:
        load(path)

    error = caught.value
    assert error.path == str(path)
    assert error.key == key
    assert error.line == line
    assert expected in error.expected
    assert str(path) in str(error) and key in str(error)


def test_a_missing_required_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('id = "HD-03"\n', ""))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "station.id"


def test_broken_toml_syntax_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('name = "3"', 'name = "3'))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "(syntax)"
    assert caught.value.line == 15


def test_missing_file_and_missing_ca_bundle(tmp_path: Path) -> None:
    with pytest.raises(ConfigMissing):
        load(tmp_path / "nowhere.toml")

    text = GOOD.replace(
        'token = "secret"', 'token = "secret"\nca_bundle = "/nonexistent/ca.pem"'
    )
    with pytest.raises(ConfigError) as caught:
        load(write(tmp_path, text))
    assert caught.value.key == "platform.ca_bundle"


def test_environment_variable_is_used_when_no_option_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD)
    monkeypatch.setenv("CARELOOP_CONFIG", str(path))

    assert find_config(None) == path


def test_command_line_option_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = write(tmp_path, GOOD)
    monkeypatch.setenv("CARELOOP_CONFIG", str(tmp_path / "other.toml"))

    assert find_config(str(chosen)) == chosen


def test_nothing_found_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARELOOP_CONFIG", str(tmp_path / "absent.toml"))

    with pytest.raises(ConfigMissing) as caught:
        find_config(None)

    assert "absent.toml" in caught.value.path


def test_the_installers_example_file_is_a_valid_configuration() -> None:
    example = Path(__file__).resolve().parents[3] / "installer" / "station.example.toml"

    settings = load(example)

    assert settings.role == "dialysis-bedside"
    assert settings.beds[0].machine_port == "/dev/ttyUSB0"


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "hint"),
    [
        (
            'machine_port = "/dev/ttyUSB0"',
            'machine_prot = "/dev/ttyUSB0"',
            "beds[0].machine_prot",
            16,
            "did you mean machine_port?",
        ),
        (
            "idle_lock_minutes = 3",
            "idle_lock_minute = 3",
            "station.idle_lock_minute",
            8,
            "did you mean idle_lock_minutes?",
        ),
        ("[scale]", "[scales]", "scales", 25, "did you mean scale?"),
        (
            'language = "tspl"',
            'language = "tspl"\ncolour = "red"',
            "printer.colour",
            32,
            "a known key of printer: language, port",
        ),
    ],
)
def test_an_unknown_or_misspelled_key_is_refused_with_what_is_known(
    tmp_path: Path, old: str, new: str, key: str, line: int, hint: str
) -> None:
    # A misspelled machine_port used to give a bed with no machine, silently.
    path = write(tmp_path, GOOD.replace(old, new))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.path == str(path)
    assert caught.value.key == key
    assert caught.value.line == line
    assert hint in caught.value.expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("schema_version = 1\nbeds = [1, 2]\n[station]\n", "beds[0]"),
        ("schema_version = 1\nstation = 5\n", "station"),
        ('schema_version = 1\nbeds = "3"\n[station]\n', "beds"),
        ("schema_version = 1\n[station]\n[waste]\nwards = 3\n", "waste.wards"),
        ("schema_version = 1\nplatform = [1]\n[station]\n", "platform"),
        ('schema_version = "1"\n', "schema_version"),
        ("schema_version = 1\n[station]\n[camera]\nsource = 0\n", "camera.source"),
    ],
)
def test_a_value_of_the_wrong_shape_anywhere_is_a_config_error(
    tmp_path: Path, text: str, key: str
) -> None:
    station = 'id = "HD-03"\nname = "x"\nrole = "waste-cart"\n'
    path = write(tmp_path, text.replace("[station]\n", "[station]\n" + station, 1))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == key
    assert str(path) in str(caught.value)


def test_two_beds_with_one_name_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('name = "4"', 'name = "3"'))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "beds[1].name"
    assert caught.value.line == 20
    assert "beds[0]" in caught.value.expected


def test_one_port_for_two_devices_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD.replace('port = "/dev/ttyUSB1"', 'port = "/dev/ttyUSB0"'),
    )

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "scale.port"
    assert "beds[0].machine_port" in caught.value.expected


@pytest.mark.parametrize("station_id", ["../HD-03", "HD/03", "..", "HD:03"])
def test_a_station_id_that_is_not_a_file_name_is_refused(
    tmp_path: Path, station_id: str
) -> None:
    path = write(tmp_path, GOOD.replace('id = "HD-03"', f'id = "{station_id}"'))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "station.id"
    assert caught.value.line == 4


def test_a_station_id_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('id = "HD-03"', 'id = ["HD-03"]'))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert caught.value.key == "station.id"
    assert caught.value.line == 4


def test_a_wrong_shape_reaches_the_configuration_error_screen(tmp_path: Path) -> None:
    import argparse

    from ui.main import read_settings

    path = write(tmp_path, "schema_version = 1\nbeds = [1, 2]\n")

    _, error = read_settings(argparse.Namespace(config=str(path)))

    assert isinstance(error, ConfigError)
    assert error.path == str(path)


def test_a_key_the_reader_asks_for_is_known_without_a_second_list(
    tmp_path: Path,
) -> None:
    # Known keys are the ones _Reader asks for: none is listed twice.
    from app.config import _Reader, _reject_unknown_keys, _track

    tracked = _track({"scale": {"port": "/dev/ttyUSB1", "max_kg": 60}})
    reader = _Reader(tmp_path / "s.toml", "")
    tracked["scale"].get("port")
    with pytest.raises(ConfigError) as caught:
        _reject_unknown_keys(reader, tracked, "")
    assert caught.value.key == "scale.max_kg"

    tracked["scale"].get("max_kg")  # what a new setting's reader would do
    _reject_unknown_keys(reader, tracked, "")


def test_face_matching_defaults_and_calibrated_values(tmp_path: Path) -> None:
    from app.identity.face import DEFAULT_MARGIN, DEFAULT_THRESHOLD
    from app.identity.face.matching import DEFAULT_FRAMES_TO_AGREE

    defaults = load(write(tmp_path, GOOD)).face_matching
    assert (defaults.threshold, defaults.margin, defaults.frames_to_agree) == (
        DEFAULT_THRESHOLD,
        DEFAULT_MARGIN,
        DEFAULT_FRAMES_TO_AGREE,
    )
    calibrated = load(
        write(
            tmp_path,
            GOOD
            + '[camera]\nsource = "camera:0"\nkey_file = "/etc/careloop/face.key"\n'
            "match_threshold = 0.5\nmatch_margin = 0.08\nframes_to_agree = 5\n",
        )
    )
    assert calibrated.face_key_file == "/etc/careloop/face.key"
    matching = calibrated.face_matching
    assert (matching.threshold, matching.margin, matching.frames_to_agree) == (
        0.5,
        0.08,
        5,
    )


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("match_threshold = 1.5", "camera.match_threshold"),
        ("match_threshold = 0.1", "camera.match_threshold"),
        ("match_margin = -0.1", "camera.match_margin"),
        ("frames_to_agree = 0", "camera.frames_to_agree"),
        ('frames_to_agree = "3"', "camera.frames_to_agree"),
    ],
)
def test_face_matching_out_of_range_is_refused(
    tmp_path: Path, line: str, key: str
) -> None:
    with pytest.raises(ConfigError) as error:
        load(write(tmp_path, GOOD + f"[camera]\n{line}\n"))
    assert error.value.key == key


def test_the_examples_camera_section_uncommented_is_valid(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[3] / "installer" / "station.example.toml"
    lines = example.read_text(encoding="utf-8").splitlines()
    start = lines.index("# [camera]")
    section = []
    for line in lines[start:]:
        if not line.startswith("# ") or line.startswith("#  "):
            if not line.startswith("#  "):
                break
            continue  # a continued comment
        section.append(line[2:])
    settings = load(write(tmp_path, GOOD + "\n".join(section) + "\n"))
    assert settings.camera == "camera:0"
    assert settings.face_key_file == "/etc/careloop/face-templates.key"
    assert settings.face_shared_key_file == "/etc/careloop/face-hospital.key"
    assert settings.face_matching.threshold == 0.45
    assert settings.face_matching.frames_to_agree == 3
