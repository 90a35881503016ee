"""Careloop's HL7 v2 dialysis profile: the codes and encodings both ends use.

The profile follows IHE PCD-01 (ORU^R01, HL7 v2.6) as the dialysis machine
data standard applies it:

- MSH-9 ``ORU^R01^ORU_R01``, MSH-10 a control id unique per message,
  MSH-21 the IHE PCD-01 profile id.
- PID, PV1 for the patient and bed (never logged, never needed here).
- OBR: one per report, OBR-7 the observation time.
- OBX in the containment tree of IEEE 11073: OBX-4 ``MDS.VMD.CHAN.METRIC``.
  The first OBX is the machine itself (``MDC_DEV_HDIALY_MACHINE_MDS``, OBX-11
  ``X``, OBX-18 the machine's serial as an EI). Identity attributes sit under
  it as ST rows (manufacturer, model, serial, software version).
- Metrics: OBX-2 ``NM``, OBX-3 the 11073 reference id (as ``id^text^MDC``;
  a numeric code with the reference id in the second component is accepted
  too), OBX-5 the value, OBX-6 the UCUM unit (``unit^unit^UCUM``), OBX-11
  ``R``, OBX-14 the time of the observation, OBX-18 the machine, OBX-21 the
  machine's running number of the reading (for gap detection; when absent
  the receiver numbers readings itself and cannot see gaps).
- Settings use the same shape with the setting codes of the vocabulary.
- Mode and modality: OBX-2 ``CWE``, OBX-5 the coded value (``TX``, ``HD``).
- Alarms, in the manner of PCD-04: OBX-3 the alarm code (``MDC_EVT_…``) with
  its text in the second component, OBX-5 the phase (``start`` or ``end``),
  OBX-8 the priority (``PH``, ``PM``, ``PL``), OBX-21 the alarm's number.

This module holds only constants and small pure helpers; it does no I/O.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from devices.dialysis.model import AlarmPriority

PCD01_PROFILE = "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"
HL7_VERSION = "2.6"

MDS_CODE = "MDC_DEV_HDIALY_MACHINE_MDS"
MODE_CODE = "MDC_HDIALY_MACH_MODE_OF_OPERATION"
MODALITY_CODE = "MDC_HDIALY_MACH_TX_MODALITY"
MANUFACTURER_CODE = "MDC_ID_MODEL_MANUFACTURER"
MODEL_CODE = "MDC_ID_MODEL_NUMBER"
SERIAL_CODE = "MDC_ID_PROD_SPEC_SERIAL"
SOFTWARE_CODE = "MDC_ID_PROD_SPEC_SW"
ALARM_CODE_PREFIX = "MDC_EVT_"

ALARM_PHASE_RAISED = "start"
ALARM_PHASE_CLEARED = "end"

PRIORITY_TO_FLAG = {
    AlarmPriority.HIGH: "PH",
    AlarmPriority.MEDIUM: "PM",
    AlarmPriority.LOW: "PL",
}
FLAG_TO_PRIORITY = {flag: priority for priority, flag in PRIORITY_TO_FLAG.items()}

# Spellings machines use for units that UCUM writes otherwise.
UNIT_ALIASES = {
    "mmHg": "mm[Hg]",
    "ml": "mL",
    "ml/min": "mL/min",
    "ml/h": "mL/h",
    "ml/hr": "mL/h",
    "mL/hr": "mL/h",
    "degC": "Cel",
    "°C": "Cel",
    "mmol/l": "mmol/L",
    "": "1",
}

_DTM = re.compile(
    r"^(?P<year>\d{4})(?P<month>\d{2})?(?P<day>\d{2})?(?P<hour>\d{2})?"
    r"(?P<minute>\d{2})?(?P<second>\d{2})?(?:\.(?P<fraction>\d{1,4}))?"
    r"(?P<zone>[+-]\d{4})?$"
)


def format_dtm(at: datetime) -> str:
    """An HL7 DTM with milliseconds and the UTC offset, from an aware time."""
    if at.tzinfo is None:
        raise ValueError(f"time {at.isoformat()} has no time zone")
    utc = at.astimezone(UTC)
    return utc.strftime("%Y%m%d%H%M%S") + f".{utc.microsecond // 1000:03d}+0000"


def parse_dtm(text: str, default_zone: timezone = UTC) -> datetime:
    """An aware UTC datetime from an HL7 DTM; ValueError names the text.

    A time without an offset is read in ``default_zone`` (PCD-01 asks for
    the offset; the receiver decides what an omission means).
    """
    match = _DTM.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not an HL7 date/time")
    parts = match.groupdict()
    fraction = parts["fraction"] or "0"
    local = datetime(
        int(parts["year"]),
        int(parts["month"] or 1),
        int(parts["day"] or 1),
        int(parts["hour"] or 0),
        int(parts["minute"] or 0),
        int(parts["second"] or 0),
        int(fraction.ljust(6, "0")[:6]),
        tzinfo=_zone(parts["zone"], default_zone),
    )
    return local.astimezone(UTC)


def _zone(offset: str | None, default_zone: timezone) -> timezone:
    if offset is None:
        return default_zone
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[3:5])
    if hours > 14 or minutes > 59:
        raise ValueError(f"{offset!r} is not a UTC offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_ESCAPES = {"F": "|", "S": "^", "T": "&", "R": "~", "E": "\\"}


def escape(text: str) -> str:
    """Text made safe for an HL7 field with the default delimiters."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\E\\")
        elif char in "|^&~":
            code = next(k for k, v in _ESCAPES.items() if v == char)
            out.append(f"\\{code}\\")
        elif char in "\r\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


_ESCAPE_SEQUENCE = re.compile(r"\\([FSTRE])\\")


def unescape(text: str) -> str:
    """The text an HL7 field with the default delimiters stands for."""
    return _ESCAPE_SEQUENCE.sub(lambda m: _ESCAPES[m.group(1)], text)
