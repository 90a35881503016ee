"""The station's configuration: one machine-wide TOML file, typed.

Where it is looked for, first found wins: ``--config PATH``, then the
``CARELOOP_CONFIG`` environment variable, then ``/etc/careloop/station.toml``
on Linux or ``%ProgramData%\\Careloop\\station.toml`` on Windows.

A wrong file raises ``ConfigError`` naming the file, the line, the key and
what was expected, so the configuration-error screen can tell an IT engineer
exactly what to fix. This module reads only; the installer writes the file.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from app.errors import ConfigError, ConfigMissing

SCHEMA_VERSION = 1
ROLES = ("dialysis-bedside", "dialysis-centre", "waste-cart", "waste-storage")
LANGUAGES = ("zh_CN", "en")
MACHINE_PROTOCOLS = ("astm", "hl7")
SCALE_PROTOCOLS = (
    "auto",
    "mtsics",
    "toledo",
    "xk3190-a9",
    "xk3190-eq",
    "xk3190-eq2",
    "xk3190-a12e",
)
SCALE_UNITS = ("kg", "g", "lb")  # for the formats that send no unit
PRINTER_LANGUAGES = ("zpl", "tspl", "system")

T = TypeVar("T")


@dataclass(frozen=True)
class PlatformSettings:
    base_url: str = ""  # empty: no platform, the station works alone
    token: str = ""
    token_url: str = ""  # OAuth2 client credentials, when set
    client_id: str = ""
    client_secret: str = ""
    ca_bundle: str = ""  # the hospital's CA bundle; empty: system store
    sync_interval_s: int = 30
    bundle_size: int = 100  # outbox rows per transaction Bundle
    # The hospital's identifier and code systems for what the station pulls.
    hospital_number_system: str = "urn:careloop:sid:hospital-number"
    staff_number_system: str = "urn:careloop:sid:staff-number"
    device_kind_system: str = "urn:careloop:cs:device-kind"
    role_system: str = "urn:careloop:cs:staff-role"


_SYSTEM_DEFAULTS = {
    "hospital_number_system": PlatformSettings.hospital_number_system,
    "staff_number_system": PlatformSettings.staff_number_system,
    "device_kind_system": PlatformSettings.device_kind_system,
    "role_system": PlatformSettings.role_system,
}


@dataclass(frozen=True)
class BedSettings:
    name: str
    machine_port: str = ""  # pyserial port name or URL; empty: no machine
    machine_protocol: str = "astm"
    baudrate: int = 9600


@dataclass(frozen=True)
class ScaleSettings:
    port: str
    protocol: str = "auto"
    baudrate: int = 9600
    # Formats without a stability flag (XK3190 A9 and "="): stable after this
    # many equal readings over at least this long; and the unit they are in.
    stable_readings: int = 5
    stable_time_s: float = 0.8
    unit: str = "kg"


@dataclass(frozen=True)
class WasteLimits:
    """The waste station's limits (医疗废物管理条例 art. 17: 48 h storage)."""

    intake_tolerance_percent: float = 2.0  # of the collection weight
    intake_tolerance_g: int = 50  # the floor for light bags
    storage_limit_hours: float = 48.0
    storage_warning_hours: float = 6.0  # warn this long before the limit
    storage_check_s: int = 60  # how often the storage room checks ages


@dataclass(frozen=True)
class PrinterSettings:
    port: str  # serial port, or tcp://host:9100, or a system printer name
    language: str = "zpl"


@dataclass(frozen=True)
class FaceMatching:
    """Face matching, for a hospital to calibrate on its own staff; the
    defaults are app.identity.face's (from ../shared/reference/face.md)."""

    threshold: float = 0.45  # cosine similarity a match must reach
    margin: float = 0.05  # by which the best must beat the next person
    frames_to_agree: int = 3  # consecutive frames naming the same person


@dataclass(frozen=True)
class DisposalVehicle:
    """A vehicle of the disposal company: its plate and what its card scans as."""

    plate: str
    code: str = ""


@dataclass(frozen=True)
class DisposalDriver:
    """A driver of the disposal company: name and what the badge scans as."""

    name: str
    badge: str = ""


@dataclass(frozen=True)
class StationSettings:
    path: Path
    station_id: str
    name: str
    role: str
    language: str = "zh_CN"
    idle_lock_minutes: int = 5
    timezone: str = "Asia/Shanghai"
    hospital: str = ""
    data_dir: str = ""  # empty: the platform's user data folder
    platform: PlatformSettings = field(default_factory=PlatformSettings)
    beds: tuple[BedSettings, ...] = ()
    scale: ScaleSettings | None = None
    printer: PrinterSettings | None = None
    camera: str = ""  # camera:0, video:/path.mp4, folder:/path; empty: none
    # Waste stations: the wards of the round, in order, and the disposal company.
    wards: tuple[str, ...] = ()
    disposal_company: str = ""
    # On every manifest (医疗废物管理条例 art. 12): how the company disposes
    # of the waste and where it ends up.
    disposal_method: str = ""
    disposal_destination: str = ""
    # The company's known vehicles and drivers (touch targets and scans at the
    # outbound handover), and how its own manifest barcodes begin.
    disposal_vehicles: tuple[DisposalVehicle, ...] = ()
    disposal_drivers: tuple[DisposalDriver, ...] = ()
    manifest_barcode_prefix: str = ""
    waste_limits: WasteLimits = field(default_factory=WasteLimits)
    # Key for face templates, kept outside the database; empty: data folder.
    face_key_file: str = ""
    # The hospital-wide key shared by every station (placed by IT); empty:
    # face templates are not shared and stay at the station that enrolled them.
    face_shared_key_file: str = ""
    face_matching: FaceMatching = field(default_factory=FaceMatching)
    demo: bool = False


def default_path() -> Path:
    if sys.platform.startswith("win"):
        root = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(root) / "Careloop" / "station.toml"
    return Path("/etc/careloop/station.toml")


def find_config(cli_path: str | None) -> Path:
    """The configuration file to use, or ConfigMissing naming where we looked."""
    if cli_path:
        candidates = [Path(cli_path)]
    elif os.environ.get("CARELOOP_CONFIG"):
        candidates = [Path(os.environ["CARELOOP_CONFIG"])]
    else:
        candidates = [default_path()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ConfigMissing(str(candidates[0]), "(file)", "a station configuration file")


def load(path: Path) -> StationSettings:
    """Read and check ``path``; ConfigError on anything wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigMissing(
            str(path), "(file)", "a station configuration file"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            str(path), "(file)", f"a readable UTF-8 file ({error})"
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _line_of_decode_error(str(error))
        raise ConfigError(str(path), "(syntax)", f"valid TOML: {error}", line) from None
    tracked = _track(raw)
    reader = _Reader(path, text)
    try:
        settings = reader.station(tracked)
    except (TypeError, AttributeError, ValueError, KeyError) as error:
        # A value of the wrong shape where a table or list was expected; the
        # checks above should name it, this is the last line of defence.
        raise ConfigError(
            str(path), "(structure)", f"tables and values as documented ({error})"
        ) from None
    _reject_unknown_keys(reader, tracked, "")
    _check_unique_beds_and_ports(reader, settings)
    return settings


def _line_of_decode_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


class _Reader:
    """Turns the parsed TOML into settings, naming file, line and key on error."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, key: str, expected: str) -> ConfigError:
        return ConfigError(str(self.path), key, expected, self.line_of(key))

    def line_of(self, dotted: str) -> int | None:
        """The line where ``dotted`` (e.g. ``beds[1].baudrate``) is written."""
        parts = re.sub(r"\[\d+\]", "", dotted).split(".")
        leaf, table = parts[-1], ".".join(parts[:-1])
        wanted = int(m.group(1)) if (m := re.search(r"\[(\d+)\]", dotted)) else -1
        current, occurrence = "", -1
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = re.fullmatch(r"\[\[?\s*([\w.-]+)\s*\]\]?", stripped)
            if header:
                current = header.group(1)
                if current == table and stripped.startswith("[["):
                    occurrence += 1
                continue
            here = current == table and occurrence == wanted
            if here and re.match(rf"{re.escape(leaf)}\s*=", stripped):
                return number
        return None

    def get(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        kind: type[T],
        default: T | None = None,
        check: Callable[[T], bool] | None = None,
        expected: str = "",
    ) -> T:
        dotted = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if default is None:
                raise ConfigError(
                    str(self.path), dotted, f"a value ({expected or kind.__name__})"
                )
            return default
        value = table[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise self.fail(dotted, f"{expected or kind.__name__}, got {value!r}")
        if check is not None and not check(value):
            raise self.fail(dotted, f"{expected}, got {value!r}")
        return value

    def table(self, raw: Mapping[str, Any], key: str, required: bool) -> dict[str, Any]:
        value = raw.get(key)
        if value is None:
            if required:
                raise ConfigError(str(self.path), f"[{key}]", "a table")
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "a table")
        return value

    def station(self, raw: dict[str, Any]) -> StationSettings:
        version = self.get(raw, "", "schema_version", int, expected="a whole number")
        if version > SCHEMA_VERSION:
            raise self.fail(
                "schema_version",
                f"{SCHEMA_VERSION} or lower (this file is for a newer Careloop)",
            )
        if version < 1:
            raise self.fail("schema_version", "1 or higher")
        s = self.table(raw, "station", required=True)
        waste = self.table(raw, "waste", False)
        camera = self.table(raw, "camera", False)
        return StationSettings(
            path=self.path,
            station_id=self.get(
                s,
                "station",
                "id",
                str,
                check=_is_file_name,
                expected="a non-empty text usable as a file name (no / \\ : * ?)",
            ),
            name=self.get(
                s, "station", "name", str, check=bool, expected="a non-empty text"
            ),
            role=self.get(
                s,
                "station",
                "role",
                str,
                check=ROLES.__contains__,
                expected=f"one of {', '.join(ROLES)}",
            ),
            language=self.get(
                s,
                "station",
                "language",
                str,
                "zh_CN",
                LANGUAGES.__contains__,
                f"one of {', '.join(LANGUAGES)}",
            ),
            idle_lock_minutes=self.get(
                s,
                "station",
                "idle_lock_minutes",
                int,
                5,
                lambda v: 1 <= v <= 240,
                "minutes from 1 to 240",
            ),
            timezone=self.get(
                s,
                "station",
                "timezone",
                str,
                "Asia/Shanghai",
                _is_timezone,
                "an IANA time zone such as Asia/Shanghai",
            ),
            hospital=self.get(s, "station", "hospital", str, ""),
            data_dir=self.get(s, "station", "data_dir", str, ""),
            demo=self.get(s, "station", "demo", bool, False),
            platform=self.platform(self.table(raw, "platform", required=False)),
            beds=self.beds(raw.get("beds", [])),
            scale=self.scale(self.table(raw, "scale", required=False)),
            printer=self.printer(self.table(raw, "printer", required=False)),
            wards=self.wards(waste),
            disposal_company=self.get(waste, "waste", "disposal_company", str, ""),
            disposal_method=self.get(waste, "waste", "disposal_method", str, ""),
            disposal_destination=self.get(
                waste,
                "waste",
                "disposal_destination",
                str,
                "",
            ),
            disposal_vehicles=self.vehicles(waste),
            disposal_drivers=self.drivers(waste),
            manifest_barcode_prefix=self.get(
                waste,
                "waste",
                "manifest_barcode_prefix",
                str,
                "",
            ),
            waste_limits=self.waste_limits(waste),
            face_key_file=self.get(camera, "camera", "key_file", str, ""),
            face_shared_key_file=self.get(camera, "camera", "shared_key_file", str, ""),
            face_matching=self.face_matching(camera),
            camera=self.get(
                camera,
                "camera",
                "source",
                str,
                "",
                _is_camera,
                "camera:N, video:PATH or folder:PATH",
            ),
        )

    def platform(self, p: dict[str, Any]) -> PlatformSettings:
        url = self.get(
            p,
            "platform",
            "base_url",
            str,
            "",
            _is_http_url,
            "an http:// or https:// address",
        )
        ca = self.get(p, "platform", "ca_bundle", str, "")
        if ca and not Path(ca).is_file():
            raise self.fail(
                "platform.ca_bundle", f"an existing CA bundle file, {ca} not found"
            )
        return PlatformSettings(
            base_url=url.rstrip("/"),
            token=self.get(p, "platform", "token", str, ""),
            token_url=self.get(
                p,
                "platform",
                "token_url",
                str,
                "",
                _is_http_url,
                "an http:// or https:// address",
            ),
            client_id=self.get(p, "platform", "client_id", str, ""),
            client_secret=self.get(p, "platform", "client_secret", str, ""),
            ca_bundle=ca,
            sync_interval_s=self.get(
                p,
                "platform",
                "sync_interval_s",
                int,
                30,
                lambda v: 5 <= v <= 3600,
                "seconds from 5 to 3600",
            ),
            bundle_size=self.get(
                p,
                "platform",
                "bundle_size",
                int,
                100,
                lambda v: 1 <= v <= 1000,
                "a number of records from 1 to 1000",
            ),
            **{
                key: self.get(p, "platform", key, str, default, bool, "a system URI")
                for key, default in _SYSTEM_DEFAULTS.items()
            },
        )

    def wards(self, waste: dict[str, Any]) -> tuple[str, ...]:
        wards = waste.get("wards", [])
        if not isinstance(wards, list) or not all(
            isinstance(w, str) and w for w in wards
        ):
            raise self.fail("waste.wards", "a list of ward names")
        return tuple(wards)

    def _entries(
        self, waste: dict[str, Any], key: str, fields: tuple[str, str]
    ) -> list[tuple[str, str]]:
        """[[waste.<key>]] tables of a text (required) and a scan code."""
        raw = waste.get(key, [])
        if not isinstance(raw, list):
            raise self.fail(f"waste.{key}", f"a list of [[waste.{key}]] tables")
        entries = []
        for i, entry in enumerate(raw):
            prefix = f"waste.{key}[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(prefix, f"a [[waste.{key}]] table, got {entry!r}")
            text = self.get(
                entry, prefix, fields[0], str, check=bool, expected="a non-empty text"
            )
            entries.append((text, self.get(entry, prefix, fields[1], str, "")))
        return entries

    def vehicles(self, waste: dict[str, Any]) -> tuple[DisposalVehicle, ...]:
        return tuple(
            DisposalVehicle(plate, code)
            for plate, code in self._entries(waste, "vehicles", ("plate", "code"))
        )

    def drivers(self, waste: dict[str, Any]) -> tuple[DisposalDriver, ...]:
        return tuple(
            DisposalDriver(name, badge)
            for name, badge in self._entries(waste, "drivers", ("name", "badge"))
        )

    def number(
        self,
        table: Mapping[str, Any],
        dotted: str,
        default: float,
        low: float,
        high: float,
    ) -> float:
        """A whole or decimal number from ``low`` to ``high``."""
        key = dotted.rsplit(".", 1)[-1]
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(dotted, f"a number from {low:g} to {high:g}, got {value!r}")
        if not low <= value <= high:
            raise self.fail(dotted, f"a number from {low:g} to {high:g}, got {value!r}")
        return float(value)

    def face_matching(self, c: dict[str, Any]) -> FaceMatching:
        return FaceMatching(
            threshold=self.number(c, "camera.match_threshold", 0.45, 0.2, 0.95),
            margin=self.number(c, "camera.match_margin", 0.05, 0.0, 0.5),
            frames_to_agree=self.get(
                c,
                "camera",
                "frames_to_agree",
                int,
                3,
                lambda v: 1 <= v <= 30,
                "a whole number of frames from 1 to 30",
            ),
        )

    def waste_limits(self, w: dict[str, Any]) -> WasteLimits:
        limit_h = self.number(w, "waste.storage_limit_hours", 48.0, 1.0, 240.0)
        warning_h = self.number(w, "waste.storage_warning_hours", 6.0, 0.0, 239.0)
        if warning_h >= limit_h:
            raise self.fail(
                "waste.storage_warning_hours",
                f"fewer hours than storage_limit_hours ({limit_h:g}), got {warning_h:g}",
            )
        return WasteLimits(
            intake_tolerance_percent=self.number(
                w, "waste.intake_tolerance_percent", 2.0, 0.0, 50.0
            ),
            intake_tolerance_g=self.get(
                w,
                "waste",
                "intake_tolerance_g",
                int,
                50,
                lambda v: 0 <= v <= 5000,
                "grams from 0 to 5000",
            ),
            storage_limit_hours=limit_h,
            storage_warning_hours=warning_h,
            storage_check_s=self.get(
                w,
                "waste",
                "storage_check_s",
                int,
                60,
                lambda v: 5 <= v <= 3600,
                "seconds from 5 to 3600",
            ),
        )

    def beds(self, raw: Any) -> tuple[BedSettings, ...]:
        if not isinstance(raw, list):
            raise self.fail("beds", "a list of [[beds]] tables")
        beds = []
        for i, bed in enumerate(raw):
            prefix = f"beds[{i}]"
            if not isinstance(bed, dict):
                raise self.fail(prefix, f"a [[beds]] table, got {bed!r}")
            beds.append(
                BedSettings(
                    name=self.get(
                        bed,
                        prefix,
                        "name",
                        str,
                        check=bool,
                        expected="a non-empty text",
                    ),
                    machine_port=self.get(bed, prefix, "machine_port", str, ""),
                    machine_protocol=self.get(
                        bed,
                        prefix,
                        "machine_protocol",
                        str,
                        "astm",
                        MACHINE_PROTOCOLS.__contains__,
                        f"one of {', '.join(MACHINE_PROTOCOLS)}",
                    ),
                    baudrate=self.get(
                        bed,
                        prefix,
                        "baudrate",
                        int,
                        9600,
                        _is_baud,
                        "a baud rate such as 9600",
                    ),
                )
            )
        return tuple(beds)

    def scale(self, s: dict[str, Any]) -> ScaleSettings | None:
        if not s:
            return None
        return ScaleSettings(
            port=self.get(
                s, "scale", "port", str, check=bool, expected="a port name or URL"
            ),
            protocol=self.get(
                s,
                "scale",
                "protocol",
                str,
                "auto",
                SCALE_PROTOCOLS.__contains__,
                f"one of {', '.join(SCALE_PROTOCOLS)}",
            ),
            baudrate=self.get(
                s, "scale", "baudrate", int, 9600, _is_baud, "a baud rate such as 9600"
            ),
            stable_readings=self.get(
                s,
                "scale",
                "stable_readings",
                int,
                5,
                lambda v: 2 <= v <= 100,
                "a count from 2 to 100",
            ),
            stable_time_s=self.number(s, "scale.stable_time_s", 0.8, 0.0, 30.0),
            unit=self.get(
                s,
                "scale",
                "unit",
                str,
                "kg",
                SCALE_UNITS.__contains__,
                f"one of {', '.join(SCALE_UNITS)}",
            ),
        )

    def printer(self, p: dict[str, Any]) -> PrinterSettings | None:
        if not p:
            return None
        return PrinterSettings(
            port=self.get(
                p,
                "printer",
                "port",
                str,
                check=bool,
                expected="a port, tcp://host:9100 or a printer name",
            ),
            language=self.get(
                p,
                "printer",
                "language",
                str,
                "zpl",
                PRINTER_LANGUAGES.__contains__,
                f"one of {', '.join(PRINTER_LANGUAGES)}",
            ),
        )


def _is_http_url(value: str) -> bool:
    return value == "" or value.startswith(("http://", "https://"))


def _is_baud(value: int) -> bool:
    return value in (600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


def _is_camera(value: str) -> bool:
    return value == "" or value.split(":", 1)[0] in ("camera", "video", "folder")


def _is_timezone(value: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _is_file_name(value: str) -> bool:
    """The station id names its database file: no folders, no odd characters."""
    forbidden = set('/\\:*?"<>|') | {chr(n) for n in range(32)}
    return value not in ("", ".", "..") and not forbidden & set(value)


class _Tracked(dict[str, Any]):
    """A TOML table that remembers which keys the reader asked for.

    The reader is the definition of the file: every key it asks about, read or
    defaulted, is a known key. Whatever is left over was misspelled or does not
    exist, so a key added to ``_Reader`` is allowed without a second list.
    """

    def __init__(self, items: dict[str, Any]) -> None:
        super().__init__(items)
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.asked.add(key)
        return super().__contains__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)

    # A reader that walks a whole table (a free-form map) knows all its keys.
    def __iter__(self) -> Iterator[str]:
        self.asked.update(dict.keys(self))
        return super().__iter__()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self.asked.update(dict.keys(self))
        return super().keys()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        self.asked.update(dict.keys(self))
        return super().items()

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        self.asked.update(dict.keys(self))
        return super().values()


def _track(value: Any) -> Any:
    if isinstance(value, dict):
        return _Tracked({key: _track(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_track(item) for item in value]
    return value


def _reject_unknown_keys(reader: _Reader, table: _Tracked, prefix: str) -> None:
    """ConfigError for the first key the reader never asked about."""
    import difflib

    for key, value in dict.items(table):
        dotted = f"{prefix}.{key}" if prefix else key
        if key not in table.asked:
            known = sorted(table.asked)
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            where = prefix or "the top level"
            raise ConfigError(
                str(reader.path),
                dotted,
                f"a known key of {where}: {', '.join(known)}{hint}",
                reader.line_of(dotted) or _line_of_table(reader, dotted),
            )
        if isinstance(value, _Tracked):
            _reject_unknown_keys(reader, value, dotted)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, _Tracked):
                    _reject_unknown_keys(reader, item, f"{dotted}[{index}]")


def _line_of_table(reader: _Reader, dotted: str) -> int | None:
    """The line of a ``[table]`` or ``[[table]]`` header, for unknown tables."""
    name = re.sub(r"\[\d+\]$", "", dotted)
    for number, line in enumerate(reader.lines, start=1):
        if re.fullmatch(
            rf"\[\[?\s*{re.escape(name)}\s*\]\]?", line.split("#")[0].strip()
        ):
            return number
    return None


def _check_unique_beds_and_ports(reader: _Reader, settings: StationSettings) -> None:
    """Two beds with one name, or one port for two devices, is a mistake."""
    names: dict[str, int] = {}
    for index, bed in enumerate(settings.beds):
        if bed.name in names:
            raise reader.fail(
                f"beds[{index}].name",
                f"a bed name used once, {bed.name!r} is also beds[{names[bed.name]}]",
            )
        names[bed.name] = index
    ports: dict[str, str] = {}
    devices = [
        (f"beds[{index}].machine_port", bed.machine_port)
        for index, bed in enumerate(settings.beds)
    ]
    if settings.scale is not None:
        devices.append(("scale.port", settings.scale.port))
    if settings.printer is not None:
        devices.append(("printer.port", settings.printer.port))
    for key, port in devices:
        if not port:
            continue
        if port in ports:
            raise reader.fail(
                key, f"a port used by one device only, {port!r} is also {ports[port]}"
            )
        ports[port] = key
