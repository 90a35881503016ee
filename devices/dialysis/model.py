"""What a dialysis machine is, in types: settings, readings, alarms, modes.

This module is the one vocabulary shared by every dialysis driver, the
simulator and the app floor. It holds no I/O and no protocol detail.

Parameter names are IEEE 11073-10101 reference ids (``MDC_…``) as used by
the dialysis machine data standard; numeric codes for the dialysis terms are
not published, so the reference id is the code (see
``../shared/reference/dialysis.md``). Units are UCUM.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Protocol


class MachineMode(enum.Enum):
    """MDC_HDIALY_MACH_MODE_OF_OPERATION values."""

    PREPARATION = "PRETX"
    TREATMENT = "TX"
    REINFUSION = "POSTTX"
    DISINFECTION = "DIS"
    IDLE = "IDL"
    SERVICE = "SVC"


class LinkState(enum.Enum):
    CONNECTED = "connected"
    DEGRADED = "degraded"  # answering, but with retransmissions or slowly
    DISCONNECTED = "disconnected"


class AlarmPriority(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Parameter:
    """One term of the shared vocabulary."""

    code: str  # IEEE 11073-10101 reference id, e.g. MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE
    unit: str  # UCUM, e.g. "mL/min"
    low: Decimal  # plausible lower bound (machine range)
    high: Decimal  # plausible upper bound (machine range)
    decimals: int  # digits after the point the machine works with
    zh: str  # name for the nurse, Chinese
    en: str  # name for the nurse, English


@dataclass(frozen=True)
class MachineIdentity:
    manufacturer: str
    model: str
    serial_number: str
    software_version: str


@dataclass(frozen=True)
class MachineSettings:
    """Settings as written to and read back from a machine.

    ``values`` maps a setting parameter code to its value. Decimal, never
    float: a read-back must compare exactly what was written.
    """

    values: Mapping[str, Decimal]
    modality: str = "HD"  # MDC_HDIALY_MACH_TX_MODALITY: HD, HDF, HF, SLED, IUF, HP

    def differences(self, other: MachineSettings) -> list[SettingDifference]:
        """Field-by-field differences, written vs read back; empty if equal."""
        found: list[SettingDifference] = []
        if self.modality != other.modality:
            found.append(
                SettingDifference(
                    "MDC_HDIALY_MACH_TX_MODALITY", self.modality, other.modality
                )
            )
        for code in sorted(set(self.values) | set(other.values)):
            written = self.values.get(code)
            read = other.values.get(code)
            if written != read:
                found.append(SettingDifference(code, written, read))
        return found


@dataclass(frozen=True)
class SettingDifference:
    code: str
    written: Decimal | str | None
    read_back: Decimal | str | None


@dataclass(frozen=True)
class Reading:
    """One measured value reported by the machine."""

    code: str
    value: Decimal
    unit: str
    measured_at: datetime  # timezone-aware, UTC
    sequence: int  # the machine's own running number, for gap detection


@dataclass(frozen=True)
class MachineAlarm:
    code: str
    priority: AlarmPriority
    text: str
    raised: bool  # True when raised, False when cleared
    at: datetime
    sequence: int


@dataclass(frozen=True)
class LinkEvent:
    state: LinkState
    reason: str
    at: datetime


@dataclass(frozen=True)
class SequenceGap:
    """Readings the machine numbered but that never arrived; never invented."""

    first_missing: int
    last_missing: int
    at: datetime


@dataclass(frozen=True)
class MessageRejected:
    """A machine message refused whole because it breaks the profile (a
    reading in another unit than the vocabulary's, an unreadable record):
    none of its readings, alarms or mode changes were delivered. The
    running numbers it carried come back as a SequenceGap with the next
    good message; ``reason`` names the record and what was wrong."""

    reason: str
    at: datetime


MachineEvent = (
    Reading | MachineAlarm | LinkEvent | SequenceGap | MachineMode | MessageRejected
)


class DialysisDriver(Protocol):
    """The one interface every dialysis protocol stands behind."""

    @property
    def link_state(self) -> LinkState: ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def identify(self) -> MachineIdentity: ...

    async def write_settings(self, settings: MachineSettings) -> None: ...

    async def read_settings(self) -> MachineSettings: ...

    async def read_mode(self) -> MachineMode: ...

    async def start_monitoring(self) -> None: ...

    async def stop_monitoring(self) -> None: ...

    def events(self) -> AsyncIterator[MachineEvent]:
        """Readings, alarms, mode changes, link changes and gaps, in order."""
        ...


@dataclass
class SettingsCheck:
    """The result of write-then-read-back: only ``ok`` unlocks start."""

    written: MachineSettings
    read_back: MachineSettings
    differences: list[SettingDifference] = field(default_factory=list)
    # Set when the write itself failed in a way that may still have reached
    # the machine (lost final ACK, time-out mid-transfer): ``read_back`` is
    # then what the machine holds, not a confirmation of this write.
    write_outcome_unknown: str = ""

    @property
    def ok(self) -> bool:
        return not self.differences
