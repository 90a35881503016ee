"""ORU^R01 messages built the IHE PCD-01 way, for the machine's side.

The simulator (and tests) use ``build_report`` to speak as a dialysis
machine or gateway would. The layout is the profile in ``profile``: the
machine as the MDS row with its identity under it, then mode and modality,
then alarms, then one VMD row per part of the machine with its metrics, then
the settings. Values are written as the machine reports them; nothing is
rounded here.

It does not send anything and it does not parse: see ``oru`` for reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from devices.dialysis.hl7 import profile
from devices.dialysis.model import MachineAlarm, MachineIdentity, MachineMode, Reading
from devices.dialysis.vocabulary import ALL

SENDING_APPLICATION = "CARELOOP_SIM"

# Containment: VMD number and the row naming it. Codes follow the standard's
# MDC_DEV_HDIALY_… pattern; no published term was found for these parts.
_VMDS: tuple[tuple[int, str, str], ...] = (
    (1, "MDC_DEV_HDIALY_BLD_CIRCUIT_VMD", "BLD_"),
    (2, "MDC_DEV_HDIALY_FILTER_VMD", "FILTER_"),
    (3, "MDC_DEV_HDIALY_DIALYSATE_VMD", "DIALYSATE_"),
    (4, "MDC_DEV_HDIALY_UF_VMD", "UF_"),
    (5, "MDC_DEV_HDIALY_THERAPY_VMD", ""),
)
_SETTINGS_VMD = (6, "MDC_DEV_HDIALY_PRESCRIPTION_VMD")


@dataclass(frozen=True)
class MachineReport:
    """Everything one ORU^R01 from the machine says."""

    control_id: str
    sent_at: datetime
    identity: MachineIdentity
    mode: MachineMode | None = None
    modality: str | None = None
    readings: Sequence[Reading] = ()
    alarms: Sequence[MachineAlarm] = ()
    settings: Mapping[str, Decimal] | None = None
    bed: str = "BED01"


def build_report(report: MachineReport) -> str:
    """The ER7 text of the ORU^R01 carrying ``report``; segments end in CR."""
    serial = report.identity.serial_number
    equipment = f"{profile.escape(serial)}^{SENDING_APPLICATION}"
    rows = _Rows(equipment, profile.format_dtm(report.sent_at))
    rows.device(profile.MDS_CODE, "Haemodialysis machine", "1.0.0.0")
    _identity_rows(rows, report.identity)
    if report.mode is not None:
        rows.coded(profile.MODE_CODE, "Mode of operation", "1.0.0.5", report.mode.value)
    if report.modality is not None:
        rows.coded(profile.MODALITY_CODE, "Modality", "1.0.0.6", report.modality)
    for index, alarm in enumerate(report.alarms, start=1):
        rows.alarm(alarm, f"1.0.0.{100 + index}")
    _reading_rows(rows, report.readings)
    if report.settings:
        _setting_rows(rows, report.settings)
    return "\r".join(_header(report, serial) + rows.lines) + "\r"


def _header(report: MachineReport, serial: str) -> list[str]:
    sent = profile.format_dtm(report.sent_at)
    control_id = profile.escape(report.control_id)
    return [
        "|".join(
            [
                "MSH",
                "^~\\&",
                f"{SENDING_APPLICATION}^{profile.escape(serial)}^L",
                "DIALYSIS",
                "CARELOOP",
                "CARELOOP",
                sent,
                "",
                "ORU^R01^ORU_R01",
                control_id,
                "P",
                profile.HL7_VERSION,
                "",
                "",
                "NE",
                "AL",
                "",
                "UNICODE UTF-8",
                "",
                "",
                profile.PCD01_PROFILE,
            ]
        ),
        # The simulator knows no patient; PCD-01 still wants the segments.
        "PID|||SIM-0001^^^CARELOOP^PI",
        f"PV1||I|HD^^{profile.escape(report.bed)}",
        f"OBR|1|{control_id}^{SENDING_APPLICATION}|{control_id}^{SENDING_APPLICATION}"
        f"|182777000^monitoring of patient^SCT|||{sent}",
    ]


def _identity_rows(rows: _Rows, identity: MachineIdentity) -> None:
    for sub, code, text, value in (
        (1, profile.MANUFACTURER_CODE, "Manufacturer", identity.manufacturer),
        (2, profile.MODEL_CODE, "Model", identity.model),
        (3, profile.SERIAL_CODE, "Serial number", identity.serial_number),
        (4, profile.SOFTWARE_CODE, "Software version", identity.software_version),
    ):
        rows.text(code, text, f"1.0.0.{sub}", value)


def _reading_rows(rows: _Rows, readings: Iterable[Reading]) -> None:
    by_vmd: dict[int, list[Reading]] = {}
    for reading in readings:
        by_vmd.setdefault(_vmd_of(reading.code), []).append(reading)
    for number, vmd_code, _prefix in _VMDS:
        members = by_vmd.get(number, [])
        if not members:
            continue
        rows.device(vmd_code, "", f"1.{number}.0.0")
        for metric, reading in enumerate(members, start=1):
            rows.numeric(
                reading.code,
                f"1.{number}.1.{metric}",
                reading.value,
                reading.unit,
                profile.format_dtm(reading.measured_at),
                str(reading.sequence),
            )


def _vmd_of(code: str) -> int:
    short = code.removeprefix("MDC_HDIALY_")
    for number, _vmd_code, prefix in _VMDS:
        if prefix and short.startswith(prefix):
            return number
    return _VMDS[-1][0]


def _setting_rows(rows: _Rows, settings: Mapping[str, Decimal]) -> None:
    number, vmd_code = _SETTINGS_VMD
    rows.device(vmd_code, "", f"1.{number}.0.0")
    for metric, (code, value) in enumerate(sorted(settings.items()), start=1):
        unit = ALL[code].unit if code in ALL else ""
        rows.numeric(code, f"1.{number}.1.{metric}", value, unit, "", "")


class _Rows:
    """OBX rows with their set ids, in order."""

    def __init__(self, equipment: str, observed_at: str) -> None:
        self.lines: list[str] = []
        self._equipment = equipment
        self._observed_at = observed_at

    def _add(self, fields: list[str]) -> None:
        fields[0] = str(len(self.lines) + 1)
        while len(fields) > 1 and fields[-1] == "":
            fields.pop()
        self.lines.append("OBX|" + "|".join(fields))

    def _row(self, **by_number: str) -> list[str]:
        fields = [""] * 21
        for name, value in by_number.items():
            fields[int(name.removeprefix("f")) - 1] = value
        return fields

    def device(self, code: str, text: str, sub_id: str) -> None:
        self._add(
            self._row(
                f3=f"{code}^{profile.escape(text)}^MDC",
                f4=sub_id,
                f11="X",
                f14=self._observed_at,
                f18=self._equipment,
            )
        )

    def text(self, code: str, text: str, sub_id: str, value: str) -> None:
        self._add(
            self._row(
                f2="ST",
                f3=f"{code}^{text}^MDC",
                f4=sub_id,
                f5=profile.escape(value),
                f11="R",
                f14=self._observed_at,
            )
        )

    def coded(self, code: str, text: str, sub_id: str, value: str) -> None:
        self._add(
            self._row(
                f2="CWE",
                f3=f"{code}^{text}^MDC",
                f4=sub_id,
                f5=f"{profile.escape(value)}^^MDC",
                f11="R",
                f14=self._observed_at,
            )
        )

    def alarm(self, alarm: MachineAlarm, sub_id: str) -> None:
        phase = (
            profile.ALARM_PHASE_RAISED if alarm.raised else profile.ALARM_PHASE_CLEARED
        )
        self._add(
            self._row(
                f2="CWE",
                f3=f"{alarm.code}^{profile.escape(alarm.text)}^MDC",
                f4=sub_id,
                f5=f"{phase}^{phase}^MDC",
                f8=profile.PRIORITY_TO_FLAG[alarm.priority],
                f11="R",
                f14=profile.format_dtm(alarm.at),
                f18=self._equipment,
                f21=str(alarm.sequence),
            )
        )

    def numeric(
        self,
        code: str,
        sub_id: str,
        value: Decimal,
        unit: str,
        observed_at: str,
        instance: str,
    ) -> None:
        text = ALL[code].en if code in ALL else ""
        ucum = profile.escape(unit)
        self._add(
            self._row(
                f2="NM",
                f3=f"{code}^{profile.escape(text)}^MDC",
                f4=sub_id,
                f5=format(value, "f"),
                f6=f"{ucum}^{ucum}^UCUM",
                f11="R",
                f14=observed_at or self._observed_at,
                f18=self._equipment,
                f21=instance,
            )
        )
