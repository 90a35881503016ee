"""The Careloop dialysis profile of ASTM E1394: which record and field says what.

``docs/protocols/dialysis-astm.md`` is the human-readable statement of this
profile; this module is its executable twin, used by both the driver (the
computer side) and the simulator (the instrument side), so the two cannot
drift apart.

In short:

- every message is ``H ... L``; the computer's H.3 carries a message
  control id that the machine echoes in H.3 of its one reply, whose L.3 is
  ``F`` (done), ``Q`` (refused; a C record says why) or ``I`` (nothing to
  report); unsolicited machine messages have an empty H.3 and L.3 ``N``;
- the machine's H.5 is ``manufacturer^model^software version^serial``;
- requests are Q records whose Q.5 is ``^^^<subject>``;
- settings travel in one O record, O.5 = ``^^^SETTINGS^2`` (layout 2),
  O.19 = the values as repeats in the fixed order of ``SETTINGS_LAYOUT``
  (modality first, then the vocabulary's settings, each in its UCUM unit),
  an empty repeat for a setting not written; both when written and read
  back. Layout 1 (one O record per setting, O.5 =
  ``^^^<MDC code>^<value>^<UCUM unit>``) is still read, never sent: it
  costs about four times the line time;
- readings, alarms and mode changes come up as R records under an O record
  naming the group (O.5 ``^^^READINGS``, ``^^^ALARMS`` or ``^^^<mode code>``):
  R.3 ``^^^<code>``, R.4 value, R.5 unit, R.9 ``F``, R.13 time (UTC,
  YYYYMMDDHHMMSS), R.14 the machine's running number.

No I/O and no link-level concern here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from devices.dialysis.astm.records import (
    Record,
    RecordError,
    encode_message,
    parse_message,
)
from devices.dialysis.model import (
    AlarmPriority,
    MachineAlarm,
    MachineIdentity,
    MachineMode,
    MachineSettings,
    Reading,
)
from devices.dialysis.vocabulary import ALL, SETTINGS

PROCESSING_ID = "P"
VERSION = "LIS2-A2"
COMPUTER_NAME = ("Careloop", "1")

# Q.5 subjects and O.5 groups.
IDENTITY = "MDC_DEV_HDIALY_MACHINE_MDS"
SETTINGS_SUBJECT = "SETTINGS"
MODE = "MDC_HDIALY_MACH_MODE_OF_OPERATION"
MONITOR = "MONITOR"
READINGS_GROUP = "READINGS"
ALARMS_GROUP = "ALARMS"
MODALITY = "MDC_HDIALY_MACH_TX_MODALITY"

# Layout 2 of the settings record: O.19 repeats in this order, each value
# in the unit the vocabulary gives its code. Append only: a code's position
# never changes within a layout number.
SETTINGS_LAYOUT_VERSION = "2"
# Spelled out rather than taken from the vocabulary's order, so that
# reordering that table can never move a value on the wire.
SETTINGS_LAYOUT: tuple[str, ...] = (
    MODALITY,
    "MDC_HDIALY_TX_TIME_PRESCRIBED",
    "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING",
    "MDC_HDIALY_DIALYSATE_FLOW_RATE_SETTING",
    "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE",
    "MDC_HDIALY_UF_RATE_SETTING",
    "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING",
    "MDC_HDIALY_DIALYSATE_CONC_K_SETTING",
    "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING",
    "MDC_HDIALY_DIALYSATE_CONC_HCO3_SETTING",
    "MDC_HDIALY_DIALYSATE_TEMP_SETTING",
    "MDC_HDIALY_DIALYSATE_COND_SETTING",
    "MDC_HDIALY_ANTICOAG_BOLUS_VOL",
    "MDC_HDIALY_ANTICOAG_RATE_SETTING",
    "MDC_HDIALY_ANTICOAG_STOP_BEFORE_END",
)
_SETTINGS_VALUES_FIELD = 19

# L.3 termination codes.
DONE = "F"
REFUSED = "Q"
NOTHING = "I"
UNSOLICITED = "N"

_TIME_FORMAT = "%Y%m%d%H%M%S"
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class RequestKind(enum.Enum):
    IDENTIFY = "identify"
    READ_SETTINGS = "read settings"
    READ_MODE = "read mode"
    START_MONITORING = "start monitoring"
    STOP_MONITORING = "stop monitoring"
    WRITE_SETTINGS = "write settings"


_QUERY: dict[RequestKind, tuple[str, str]] = {
    # kind: (Q.5 subject, Q.13 request information status code)
    RequestKind.IDENTIFY: (IDENTITY, "O"),
    RequestKind.READ_SETTINGS: (SETTINGS_SUBJECT, "O"),
    RequestKind.READ_MODE: (MODE, "O"),
    RequestKind.START_MONITORING: (MONITOR, "F"),
    RequestKind.STOP_MONITORING: (MONITOR, "A"),
}


@dataclass(frozen=True)
class Request:
    """What the computer asked, as the machine reads it."""

    control_id: str
    kind: RequestKind
    settings: MachineSettings | None = None


@dataclass
class MachineMessage:
    """What the machine said, as the computer reads it."""

    control_id: str  # echo of the request's, "" when unsolicited
    outcome: str  # L.3
    identity: MachineIdentity | None = None
    settings: MachineSettings | None = None
    mode: MachineMode | None = None  # the answer to a mode query
    events: list[Reading | MachineAlarm | MachineMode] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def is_reply(self) -> bool:
        return bool(self.control_id)


# -- small pieces ----------------------------------------------------------------


def format_time(at: datetime) -> str:
    """UTC as YYYYMMDDHHMMSS; naive datetimes are refused."""
    if at.tzinfo is None:
        raise ValueError(f"time stamp {at!r} has no time zone")
    return at.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_time(text: str) -> datetime:
    try:
        return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise RecordError(f"time stamp {text!r} is not YYYYMMDDHHMMSS") from None


def format_decimal(value: Decimal) -> str:
    """Plain notation, never an exponent: 1.50, 0, -120."""
    if not value.is_finite():
        raise ValueError(f"value {value} is not finite")
    return format(value, "f")


def parse_decimal(text: str, code: str) -> Decimal:
    if not _DECIMAL.fullmatch(text):
        raise RecordError(f"{code}: value {text!r} is not a plain decimal number")
    return Decimal(text)


def _header(control_id: str, sender: Sequence[str], at: datetime) -> Record:
    return Record.of(
        "H", "", control_id, "", tuple(sender), "", "", "", "", "", "", PROCESSING_ID,
        VERSION, format_time(at),
    )  # fmt: skip


def _terminator(code: str) -> Record:
    return Record.of("L", "1", code)


def _test_id(*parts: str) -> tuple[str, ...]:
    return ("", "", "", *parts)


def _identity_sender(identity: MachineIdentity) -> tuple[str, ...]:
    return (
        identity.manufacturer,
        identity.model,
        identity.software_version,
        identity.serial_number,
    )


def _setting_records(control_id: str, settings: MachineSettings) -> list[Record]:
    """Layout 2: one O record, the values positional in O.19."""
    unknown = sorted(set(settings.values) - set(SETTINGS_LAYOUT[1:]))
    if unknown:
        raise ValueError(f"settings outside the layout: {', '.join(unknown)}")
    values = [settings.modality] + [
        format_decimal(settings.values[code]) if code in settings.values else ""
        for code in SETTINGS_LAYOUT[1:]
    ]
    record = Record.of(
        "O", "1", control_id, "", _test_id(SETTINGS_SUBJECT, SETTINGS_LAYOUT_VERSION),
        "R", *[""] * (_SETTINGS_VALUES_FIELD - 7),
    )  # fmt: skip
    return [Record((*record.fields, tuple((v,) for v in values)))]


def _settings_from(records: Sequence[Record]) -> MachineSettings | None:
    orders = [r for r in records if r.type == "O"]
    if not orders:
        return None
    compact = [r for r in orders if r.component(5, 4) == SETTINGS_SUBJECT]
    if compact:
        if len(orders) != 1:
            raise RecordError("a layout 2 settings record must be the only O record")
        return _settings_from_layout_2(compact[0])
    values: dict[str, Decimal] = {}
    modality = ""
    for record in orders:
        code, value, unit = (record.component(5, n) for n in (4, 5, 6))
        if code == MODALITY:
            modality = value
            continue
        known = SETTINGS.get(code)
        if known is not None and unit != known.unit:
            raise RecordError(f"{code}: unit {unit!r}, the profile says {known.unit!r}")
        if code in values:
            raise RecordError(f"{code}: given twice")
        values[code] = parse_decimal(value, code)
    if not modality:
        raise RecordError(f"settings without {MODALITY}")
    return MachineSettings(values=values, modality=modality)


def _settings_from_layout_2(record: Record) -> MachineSettings:
    version = record.component(5, 5)
    if version != SETTINGS_LAYOUT_VERSION:
        raise RecordError(f"settings layout {version!r}, this profile reads '2'")
    given = [repeat[0] if repeat else "" for repeat in record.repeats(19)]
    if len(given) > len(SETTINGS_LAYOUT):
        raise RecordError(
            f"{len(given)} settings values, layout 2 has {len(SETTINGS_LAYOUT)}"
        )
    modality = given[0] if given else ""
    if not modality:
        raise RecordError(f"settings without {MODALITY} (the first value in O.19)")
    values = {
        code: parse_decimal(text, code)
        for code, text in zip(SETTINGS_LAYOUT[1:], given[1:], strict=False)
        if text
    }
    return MachineSettings(values=values, modality=modality)


# -- the computer's side ------------------------------------------------------------


def build_request(
    kind: RequestKind,
    control_id: str,
    at: datetime,
    settings: MachineSettings | None = None,
) -> bytes:
    """The message for one request from the computer."""
    if not control_id:
        raise ValueError("a request needs a message control id")
    records = [_header(control_id, COMPUTER_NAME, at)]
    if kind is RequestKind.WRITE_SETTINGS:
        if settings is None:
            raise ValueError("write settings needs settings")
        records.append(Record.of("P", "1"))
        records.extend(_setting_records(control_id, settings))
    else:
        subject, status = _QUERY[kind]
        records.append(
            Record.of("Q", "1", "ALL", "", _test_id(subject), *[""] * 7, status)
        )
    records.append(_terminator(UNSOLICITED))
    return encode_message(records)


def parse_machine_message(message: bytes) -> MachineMessage:
    """Read a machine message; RecordError with the reason if it breaks the
    profile. Nothing is guessed: a record that cannot be read fails the
    message rather than being skipped."""
    records = parse_message(message)
    header = records[0]
    if records[-1].type != "L":
        raise RecordError("message does not end with an L record")
    sender = header.components(5)
    identity = None
    if len(sender) >= 4:
        identity = MachineIdentity(
            manufacturer=sender[0],
            model=sender[1],
            software_version=sender[2],
            serial_number=sender[3],
        )
    result = MachineMessage(
        control_id=header.component(3),
        outcome=records[-1].component(3) or UNSOLICITED,
        identity=identity,
    )
    result.comments = [r.component(4) for r in records if r.type == "C"]
    if result.is_reply:
        result.settings = _settings_from(_groupless_orders(records))
    result.events = _events_from(records, identity)
    modes = [e for e in result.events if isinstance(e, MachineMode)]
    if result.is_reply and modes:
        result.mode = modes[-1]
        result.events = []
    return result


def _groupless_orders(records: Sequence[Record]) -> list[Record]:
    """O records that carry a setting (their O.5 has a 4th component that
    is not a group name)."""
    groups = {READINGS_GROUP, ALARMS_GROUP, MODE}
    return [r for r in records if r.type == "O" and r.component(5, 4) not in groups]


def _events_from(
    records: Sequence[Record], identity: MachineIdentity | None
) -> list[Reading | MachineAlarm | MachineMode]:
    events: list[Reading | MachineAlarm | MachineMode] = []
    group = ""
    last_alarm: int | None = None
    for record in records:
        if record.type == "O":
            group = record.component(5, 4)
        elif record.type == "R":
            last_alarm = None
            if group == READINGS_GROUP:
                events.append(_reading_from(record))
            elif group == ALARMS_GROUP:
                events.append(_alarm_from(record))
                last_alarm = len(events) - 1
            elif group == MODE:
                events.append(_mode_from(record))
            else:
                raise RecordError(f"R record under unknown group {group!r}")
        elif record.type == "C" and last_alarm is not None:
            alarm = events[last_alarm]
            assert isinstance(alarm, MachineAlarm)
            events[last_alarm] = MachineAlarm(
                alarm.code, alarm.priority, record.component(4), alarm.raised,
                alarm.at, alarm.sequence,
            )  # fmt: skip
    return events


def _sequence_from(record: Record, code: str) -> int:
    text = record.component(14)
    if not text.isdigit():
        raise RecordError(f"{code}: running number {text!r} is not a whole number")
    return int(text)


def _reading_from(record: Record) -> Reading:
    code = record.component(3, 4)
    if not code:
        raise RecordError("R record without a parameter code in R.3")
    unit = record.component(5)
    known = ALL.get(code)
    if known is not None and unit != known.unit:
        # Never converted or guessed: a number in the wrong unit on a
        # nurse's screen is worse than no number.
        raise RecordError(
            f"{code}: reading {record.component(4)!r} in unit {unit!r}, "
            f"the profile says {known.unit!r}"
        )
    return Reading(
        code=code,
        value=parse_decimal(record.component(4), code),
        unit=unit,
        measured_at=parse_time(record.component(13)),
        sequence=_sequence_from(record, code),
    )


def _alarm_from(record: Record) -> MachineAlarm:
    code = record.component(3, 4)
    state, priority = record.component(4, 1), record.component(4, 2)
    if state not in ("RAISED", "CLEARED"):
        raise RecordError(f"{code}: alarm state {state!r} is not RAISED or CLEARED")
    try:
        alarm_priority = AlarmPriority(priority.lower())
    except ValueError:
        raise RecordError(f"{code}: alarm priority {priority!r} is unknown") from None
    return MachineAlarm(
        code=code,
        priority=alarm_priority,
        text="",
        raised=state == "RAISED",
        at=parse_time(record.component(13)),
        sequence=_sequence_from(record, code),
    )


def _mode_from(record: Record) -> MachineMode:
    value = record.component(4)
    try:
        return MachineMode(value)
    except ValueError:
        raise RecordError(f"machine mode {value!r} is unknown") from None


# -- the machine's side ---------------------------------------------------------------


def parse_request(message: bytes) -> Request:
    """Read a computer's request; RecordError with the reason if it breaks
    the profile."""
    records = parse_message(message)
    control_id = records[0].component(3)
    if not control_id:
        raise RecordError("request without a message control id in H.3")
    queries = [r for r in records if r.type == "Q"]
    if queries:
        subject = queries[0].component(5, 4)
        status = queries[0].component(13)
        for kind, (known_subject, known_status) in _QUERY.items():
            if subject == known_subject and status == known_status:
                return Request(control_id, kind)
        raise RecordError(f"unknown request {subject!r} with status {status!r}")
    settings = _settings_from(records)
    if settings is None:
        raise RecordError("message holds neither a Q nor O records")
    return Request(control_id, RequestKind.WRITE_SETTINGS, settings)


def build_reply(
    control_id: str,
    identity: MachineIdentity,
    at: datetime,
    *,
    settings: MachineSettings | None = None,
    mode: MachineMode | None = None,
    refusal: str | None = None,
) -> bytes:
    """The machine's one reply to a request."""
    records = [_header(control_id, _identity_sender(identity), at)]
    if refusal is not None:
        records.append(Record.of("C", "1", "I", refusal, "G"))
        records.append(_terminator(REFUSED))
        return encode_message(records)
    if settings is not None:
        records.append(Record.of("P", "1"))
        records.extend(_setting_records(control_id, settings))
    if mode is not None:
        records.append(Record.of("P", "1"))
        records.extend(_group_records([mode], at, 1))
    records.append(_terminator(DONE))
    return encode_message(records)


def build_report(
    identity: MachineIdentity,
    events: Sequence[Reading | MachineAlarm | MachineMode],
    at: datetime,
) -> bytes:
    """An unsolicited message carrying readings, alarms and mode changes."""
    records = [_header("", _identity_sender(identity), at), Record.of("P", "1")]
    records.extend(_group_records(events, at, 1))
    records.append(_terminator(UNSOLICITED))
    return encode_message(records)


def _group_records(
    events: Sequence[Reading | MachineAlarm | MachineMode], at: datetime, first: int
) -> list[Record]:
    modes = [e for e in events if isinstance(e, MachineMode)]
    alarms = [e for e in events if isinstance(e, MachineAlarm)]
    readings = [e for e in events if isinstance(e, Reading)]
    records: list[Record] = []
    order = first
    if modes:
        records.append(Record.of("O", str(order), "", "", _test_id(MODE)))
        order += 1
        for n, mode in enumerate(modes, start=1):
            records.append(
                Record.of("R", str(n), _test_id(MODE), mode.value, "", "", "", "",
                          "F", "", "", "", format_time(at))
            )  # fmt: skip
    if alarms:
        records.append(Record.of("O", str(order), "", "", _test_id(ALARMS_GROUP)))
        order += 1
        for n, alarm in enumerate(alarms, start=1):
            state = "RAISED" if alarm.raised else "CLEARED"
            records.append(
                Record.of("R", str(n), _test_id(alarm.code),
                          (state, alarm.priority.name), "", "", "", "", "F", "",
                          "", "", format_time(alarm.at), str(alarm.sequence))
            )  # fmt: skip
            records.append(Record.of("C", "1", "I", alarm.text, "I"))
    if readings:
        records.append(Record.of("O", str(order), "", "", _test_id(READINGS_GROUP)))
        for n, reading in enumerate(readings, start=1):
            records.append(
                Record.of("R", str(n), _test_id(reading.code),
                          format_decimal(reading.value), reading.unit, "", "", "",
                          "F", "", "", "", format_time(reading.measured_at),
                          str(reading.sequence))
            )  # fmt: skip
    return records
