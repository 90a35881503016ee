"""ORU^R01 (IHE PCD-01) messages read into the shared dialysis types.

``parse_report`` takes the text of one HL7 message, parses it with hl7apy
and returns an ``ObservationReport``: the readings, alarms, settings, mode
and machine identity it carried. A message that breaks the profile raises
``MessageRejected`` with the ACK code (AE or AR) and a reason that names the
segment and field but never echoes patient data.

A report is taken whole or not at all: one bad OBX rejects the message, so a
receiver never records half of what the machine sent.

It does not number readings the machine did not number, track gaps, or
answer: see ``receiver`` and ``ack``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from hl7apy.consts import VALIDATION_LEVEL
from hl7apy.exceptions import UnsupportedVersion
from hl7apy.parser import parse_message

from devices.dialysis.hl7 import profile
from devices.dialysis.hl7.errors import MessageRejected
from devices.dialysis.model import (
    MachineAlarm,
    MachineMode,
    Reading,
)
from devices.dialysis.vocabulary import ALL, SETTINGS

log = logging.getLogger(__name__)

# HL7 table 0357 error codes used in ERR-3.
SEGMENT_SEQUENCE_ERROR = "100"
REQUIRED_FIELD_MISSING = "101"
DATA_TYPE_ERROR = "102"
TABLE_VALUE_NOT_FOUND = "103"
UNSUPPORTED_MESSAGE_TYPE = "200"
UNSUPPORTED_VERSION = "203"
APPLICATION_ERROR = "207"

# Results that carry a value: R(esult), F(inal), C(orrected), P(reliminary).
_USABLE_STATUS = frozenset({"R", "F", "C", "P", ""})


@dataclass
class ObservationReport:
    """What one ORU^R01 said about the machine.

    Readings keep the machine's OBX-21 number in ``sequence``;
    ``machine_numbered`` is False when the message carried none (then every
    sequence is 0 and the receiver numbers them). The same holds for alarms.
    """

    control_id: str
    sending_application: str
    device_id: str | None = None
    identity: dict[str, str] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)
    alarms: list[MachineAlarm] = field(default_factory=list)
    settings: dict[str, Decimal] = field(default_factory=dict)
    modality: str | None = None
    mode: MachineMode | None = None
    machine_numbered: bool = True
    alarms_numbered: bool = True


@dataclass
class _Obx:
    """The fields of one OBX this profile reads, as plain strings."""

    set_id: str
    value_type: str
    code: str
    text: str
    sub_id: str
    value: list[str]
    unit: str
    flags: str
    status: str
    observed_at: str
    equipment: str
    instance: str

    def where(self) -> str:
        return f"OBX {self.set_id or '?'} ({self.code or 'no code'})"


def parse_report(text: str, *, default_zone: timezone = UTC) -> ObservationReport:
    """Read one ORU^R01; MessageRejected (AR or AE) when it breaks the profile."""
    message = _parse_er7(text)
    try:
        control_id = _check_header(message)
    except MessageRejected:
        raise
    except Exception as error:  # hl7apy's lookups raise their own types
        raise MessageRejected(
            "AR", DATA_TYPE_ERROR, f"MSH unreadable ({type(error).__name__})"
        ) from error
    try:
        return _read_report(message, control_id, default_zone)
    except MessageRejected as rejected:
        rejected.control_id = control_id
        raise
    except Exception as error:
        raise MessageRejected(
            "AE",
            APPLICATION_ERROR,
            f"content unreadable ({type(error).__name__})",
            control_id,
        ) from error


def _parse_er7(text: str) -> Any:
    if not text.startswith("MSH"):
        raise MessageRejected(
            "AR", SEGMENT_SEQUENCE_ERROR, "message does not start with MSH"
        )
    try:
        return parse_message(
            text.replace("\n", "\r"),
            validation_level=VALIDATION_LEVEL.TOLERANT,
            find_groups=False,
        )
    except UnsupportedVersion as error:
        raise MessageRejected(
            "AR", UNSUPPORTED_VERSION, "HL7 version in MSH-12 not supported"
        ) from error
    except Exception as error:  # hl7apy raises many types; any is a rejection
        raise MessageRejected(
            "AR", DATA_TYPE_ERROR, f"not parseable as HL7 v2 ({type(error).__name__})"
        ) from error


def _check_header(message: Any) -> str:
    msh = message.msh
    control_id = str(msh.msh_10.to_er7()).strip()
    if not control_id:
        raise MessageRejected(
            "AR", REQUIRED_FIELD_MISSING, "MSH-10 control id is empty"
        )
    kind = (msh.msh_9.msh_9_1.to_er7(), msh.msh_9.msh_9_2.to_er7())
    if kind != ("ORU", "R01"):
        raise MessageRejected(
            "AR",
            UNSUPPORTED_MESSAGE_TYPE,
            f"message type {'^'.join(kind)} is not ORU^R01",
            control_id,
        )
    version = msh.msh_12.to_er7().split("^")[0]
    if not version.startswith("2."):
        raise MessageRejected(
            "AR", UNSUPPORTED_VERSION, f"HL7 version {version!r} is not 2.x", control_id
        )
    return control_id


def _read_report(
    message: Any, control_id: str, default_zone: timezone
) -> ObservationReport:
    segments = list(message.children)
    if not any(segment.name == "OBR" for segment in segments):
        raise MessageRejected("AE", SEGMENT_SEQUENCE_ERROR, "no OBR segment")

    report = ObservationReport(
        control_id=control_id,
        sending_application=message.msh.msh_3.to_er7(),
    )
    fallback_time = _fallback_time(message, segments, default_zone)
    for segment in segments:
        if segment.name == "OBX":
            _read_obx(report, _fields(segment), fallback_time, default_zone)
    _check_numbering(report)
    return report


def _fallback_time(
    message: Any, segments: Sequence[Any], default_zone: timezone
) -> datetime:
    """OBR-7, else MSH-7: the time of OBX rows that give none."""
    for segment in segments:
        if segment.name == "OBR" and segment.obr_7.to_er7():
            return _time(segment.obr_7.to_er7(), "OBR-7", default_zone)
    sent = message.msh.msh_7.to_er7()
    if not sent:
        raise MessageRejected(
            "AE", REQUIRED_FIELD_MISSING, "no OBR-7 and no MSH-7 time"
        )
    return _time(sent, "MSH-7", default_zone)


def _time(text: str, where: str, default_zone: timezone) -> datetime:
    try:
        return profile.parse_dtm(text.split("^")[0], default_zone)
    except ValueError:
        raise MessageRejected(
            "AE", DATA_TYPE_ERROR, f"{where}: {text!r} is not a date/time"
        ) from None


def _fields(segment: Any) -> _Obx:
    code_parts = _components(segment.obx_3)
    code = code_parts.get(1, "")
    text = code_parts.get(2, "")
    if not code.startswith("MDC_") and text.startswith("MDC_"):
        code, text = text, ""  # numeric code^reference id^MDC
    unit_parts = _components(segment.obx_6)
    unit = unit_parts.get(1, "")
    if unit.isdigit():  # numeric MDC_DIM code first; take the text
        unit = unit_parts.get(2, "")
    values = segment.obx_5
    return _Obx(
        set_id=segment.obx_1.to_er7(),
        value_type=segment.obx_2.to_er7(),
        code=code,
        text=profile.unescape(text),
        sub_id=segment.obx_4.to_er7(),
        value=[_first_component(v) for v in values],
        unit=unit,
        flags=segment.obx_8.to_er7(),
        status=segment.obx_11.to_er7(),
        observed_at=segment.obx_14.to_er7(),
        equipment=_components(segment.obx_18).get(1, "") if len(segment.obx_18) else "",
        instance=_components(segment.obx_21).get(1, "") if len(segment.obx_21) else "",
    )


def _components(field_proxy: Any) -> dict[int, str]:
    """Component number -> text of the first repetition of a field."""
    if not len(field_proxy):
        return {}
    first = field_proxy[0]
    if not first.children:
        return {1: first.to_er7()}
    found: dict[int, str] = {}
    for component in first.children:
        number = int(component.name.rsplit("_", 1)[1])
        found[number] = component.to_er7()
    return found


def _first_component(value: Any) -> str:
    return str(value.to_er7()).split("^")[0]


def _read_obx(
    report: ObservationReport,
    obx: _Obx,
    fallback_time: datetime,
    default_zone: timezone,
) -> None:
    if not obx.code:
        raise MessageRejected(
            "AE", REQUIRED_FIELD_MISSING, f"{obx.where()}: OBX-3 has no code"
        )
    if obx.status == "X" or not any(obx.value):
        _read_device_row(report, obx)
        return
    if obx.status not in _USABLE_STATUS:
        log.debug("%s: status %s, not a result; skipped", obx.where(), obx.status)
        return

    observed_at = (
        _time(obx.observed_at, f"{obx.where()} OBX-14", default_zone)
        if obx.observed_at
        else fallback_time
    )
    if obx.code.startswith(profile.ALARM_CODE_PREFIX):
        report.alarms.append(_alarm(obx, observed_at))
    elif obx.code == profile.MODE_CODE:
        _read_mode(report, obx)
    elif obx.code == profile.MODALITY_CODE:
        report.modality = obx.value[0]
    elif obx.code in _IDENTITY_CODES:
        report.identity[_IDENTITY_CODES[obx.code]] = profile.unescape(obx.value[0])
    elif obx.value_type == "NM":
        _read_numeric(report, obx, observed_at)
    else:
        log.debug("%s: type %s not used by this profile", obx.where(), obx.value_type)


_IDENTITY_CODES = {
    profile.MANUFACTURER_CODE: "manufacturer",
    profile.MODEL_CODE: "model",
    profile.SERIAL_CODE: "serial_number",
    profile.SOFTWARE_CODE: "software_version",
}


def _read_device_row(report: ObservationReport, obx: _Obx) -> None:
    """A containment row (MDS, VMD, channel): only the MDS names the machine."""
    if obx.code == profile.MDS_CODE and obx.equipment and report.device_id is None:
        report.device_id = profile.unescape(obx.equipment)


def _read_mode(report: ObservationReport, obx: _Obx) -> None:
    try:
        mode = MachineMode(obx.value[0])
    except ValueError:
        raise MessageRejected(
            "AE", TABLE_VALUE_NOT_FOUND, f"{obx.where()}: unknown mode {obx.value[0]!r}"
        ) from None
    report.mode = mode


def _read_numeric(report: ObservationReport, obx: _Obx, observed_at: datetime) -> None:
    value = _decimal(obx)
    unit = profile.UNIT_ALIASES.get(obx.unit, obx.unit)
    known = ALL.get(obx.code)
    if known is not None and unit != known.unit:
        raise MessageRejected(
            "AE",
            DATA_TYPE_ERROR,
            f"{obx.where()}: unit {obx.unit!r}, the profile expects {known.unit!r}",
        )
    if obx.code in SETTINGS:
        report.settings[obx.code] = value
        return
    report.readings.append(
        Reading(
            code=obx.code,
            value=value,
            unit=unit,
            measured_at=observed_at,
            sequence=_sequence(obx),
        )
    )


def _decimal(obx: _Obx) -> Decimal:
    try:
        value = Decimal(obx.value[0])
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise MessageRejected(
            "AE",
            DATA_TYPE_ERROR,
            f"{obx.where()}: OBX-5 {obx.value[0]!r} is not a number",
        )
    return value


def _sequence(obx: _Obx) -> int:
    """OBX-21 as the machine's running number; 0 when absent."""
    if not obx.instance:
        return 0
    if not obx.instance.isdigit():
        raise MessageRejected(
            "AE",
            DATA_TYPE_ERROR,
            f"{obx.where()}: OBX-21 {obx.instance!r} is not a number",
        )
    return int(obx.instance)


def _alarm(obx: _Obx, observed_at: datetime) -> MachineAlarm:
    phase = obx.value[0].lower()
    if phase not in (profile.ALARM_PHASE_RAISED, profile.ALARM_PHASE_CLEARED):
        raise MessageRejected(
            "AE", TABLE_VALUE_NOT_FOUND, f"{obx.where()}: alarm phase {obx.value[0]!r}"
        )
    priority = profile.FLAG_TO_PRIORITY.get(obx.flags.split("~")[0])
    if priority is None:
        raise MessageRejected(
            "AE", TABLE_VALUE_NOT_FOUND, f"{obx.where()}: alarm priority {obx.flags!r}"
        )
    return MachineAlarm(
        code=obx.code,
        priority=priority,
        text=obx.text,
        raised=phase == profile.ALARM_PHASE_RAISED,
        at=observed_at,
        sequence=_sequence(obx),
    )


def _check_numbering(report: ObservationReport) -> None:
    """Numbered all or none, each number once; then put in machine order.

    OBX rows follow the containment tree, so machine numbers need not rise
    from row to row; the report lists readings and alarms by number.
    """
    for kind, flag in (("readings", "machine_numbered"), ("alarms", "alarms_numbered")):
        items: list[Reading] | list[MachineAlarm] = getattr(report, kind)
        numbers = [item.sequence for item in items]
        if numbers and all(number == 0 for number in numbers):
            setattr(report, flag, False)
            continue
        if 0 in numbers or len(set(numbers)) != len(numbers):
            raise MessageRejected(
                "AE", DATA_TYPE_ERROR, f"{kind}: OBX-21 numbers missing or repeated"
            )
        items.sort(key=lambda item: item.sequence)
