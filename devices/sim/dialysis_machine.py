"""A simulated haemodialysis machine: settings, treatment physics, alarms.

This is the machine both simulator endpoints (ASTM and HL7) drive. It is
pure: no I/O, no threads, no sleeping, no wall clock of its own. Time moves
only when the caller says ``advance(sim_seconds)``; the caller applies any
time scale. Time stamps come from the injected ``clock``. Noise comes from a
``random.Random(seed)``, so the same seed and the same calls give the same
readings.

What it models, believably rather than physiologically:

- modes PRETX (preparation) -> TX (treatment) -> POSTTX (reinfusion), ending
  treatment by itself when the prescribed time has run;
- ultrafiltration accumulating at the set UF rate until the UF goal is met;
- arterial, venous and transmembrane pressures following blood flow, with
  noise; conductivity and temperature near their set points; relative blood
  volume falling as fluid is removed; time remaining counting down;
- its own alarms, raised and cleared: venous pressure high (above +450 mmHg
  for 3 s stops the blood pump), blood flow low (below 70 % of set),
  conductivity out of range (more than 5 % off its set point), air detected
  (stops the blood pump at once);
- machine-level faults on demand: a setting changed behind the nurse's back,
  a read-back that differs from what the machine runs on, and forced alarm
  conditions (``force``/``release``).

What it does not do: byte-level faults (dropped bytes, bad checksums,
disconnects). Those belong to the protocol endpoints that carry its output.

Sequence numbers: readings are numbered 1, 2, 3, ... with no gap, so a
receiver can detect a lost reading; alarms have their own running number.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from devices.dialysis.model import (
    AlarmPriority,
    MachineAlarm,
    MachineIdentity,
    MachineMode,
    MachineSettings,
    Reading,
)
from devices.dialysis.vocabulary import READINGS, SETTINGS

MachineOutput = Reading | MachineAlarm | MachineMode

MODALITIES = frozenset({"HD", "HDF", "HF", "SLED", "IUF", "HP"})

# Alarm codes. No numeric IEEE 11073 codes are published for dialysis
# alarms; these follow the MDC_EVT_ pattern of 11073-10101 and are the one
# place to correct them.
ALARM_VENOUS_PRESSURE_HIGH = "MDC_EVT_HDIALY_BLD_PRESS_VEN_HI"
ALARM_BLOOD_FLOW_LOW = "MDC_EVT_HDIALY_BLD_PUMP_BLOOD_FLOW_LO"
ALARM_CONDUCTIVITY = "MDC_EVT_HDIALY_DIALYSATE_COND_RANGE"
ALARM_AIR_DETECTED = "MDC_EVT_HDIALY_BLD_AIR_DETECTED"

ALARM_TEXT: dict[str, tuple[AlarmPriority, str]] = {
    ALARM_VENOUS_PRESSURE_HIGH: (AlarmPriority.HIGH, "Venous pressure high"),
    ALARM_BLOOD_FLOW_LOW: (AlarmPriority.MEDIUM, "Blood flow low"),
    ALARM_CONDUCTIVITY: (AlarmPriority.HIGH, "Conductivity out of range"),
    ALARM_AIR_DETECTED: (AlarmPriority.HIGH, "Air detected in venous line"),
}

VENOUS_LIMIT_MMHG = 450.0
VENOUS_LIMIT_HOLD_S = 3.0
BLOOD_FLOW_LOW_FRACTION = 0.70
CONDUCTIVITY_TOLERANCE_FRACTION = 0.05

# Longest stretch of simulated time integrated in one step; the 3 s venous
# rule needs steps well under 3 s.
_STEP_S = 0.5

# Extra venous pressure a kinked or clotted return line adds (mmHg).
_OBSTRUCTION_MMHG = 320.0
# Share of the set blood flow a poor access delivers.
_POOR_ACCESS_FRACTION = 0.55
# How far a failing concentrate pushes conductivity (mS/cm).
_CONDUCTIVITY_DRIFT_MS_CM = 1.4
# Patient's distribution volume for the online Kt/V estimate (L).
_UREA_VOLUME_L = 35.0

DEFAULT_SETTINGS = MachineSettings(
    values={
        "MDC_HDIALY_TX_TIME_PRESCRIBED": Decimal("240"),
        "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": Decimal("250"),
        "MDC_HDIALY_DIALYSATE_FLOW_RATE_SETTING": Decimal("500"),
        "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE": Decimal("2000"),
        "MDC_HDIALY_UF_RATE_SETTING": Decimal("500"),
        "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING": Decimal("138"),
        "MDC_HDIALY_DIALYSATE_CONC_K_SETTING": Decimal("2.0"),
        "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": Decimal("1.50"),
        "MDC_HDIALY_DIALYSATE_CONC_HCO3_SETTING": Decimal("35"),
        "MDC_HDIALY_DIALYSATE_TEMP_SETTING": Decimal("36.5"),
        "MDC_HDIALY_DIALYSATE_COND_SETTING": Decimal("14.0"),
        "MDC_HDIALY_ANTICOAG_BOLUS_VOL": Decimal("1.0"),
        "MDC_HDIALY_ANTICOAG_RATE_SETTING": Decimal("1.0"),
        "MDC_HDIALY_ANTICOAG_STOP_BEFORE_END": Decimal("30"),
    },
    modality="HD",
)


class MachineFault(enum.Enum):
    """Conditions a trainer or a test can force on the machine."""

    VENOUS_OBSTRUCTION = "venous_obstruction"  # kinked return line
    POOR_ACCESS = "poor_access"  # pump cannot deliver the set flow
    CONDUCTIVITY_DRIFT = "conductivity_drift"  # wrong concentrate
    AIR_IN_LINE = "air_in_line"  # air at the venous detector


@dataclass
class _Physics:
    """The state that time integrates."""

    treatment_s: float = 0.0  # time the blood pump ran in TX
    uf_removed_ml: float = 0.0
    ktv: float = 0.0
    venous_over_limit_s: float = 0.0
    blood_pump_running: bool = False
    blood_flow_ml_min: float = 0.0
    venous_mmhg: float = 0.0
    conductivity_ms_cm: float = 0.0


class SimulatedMachine:
    """One simulated dialysis machine, moved forward by ``advance``."""

    def __init__(
        self,
        *,
        serial_number: str,
        clock: Callable[[], datetime],
        seed: int = 0,
        model: str = "CL-4008S",
        software_version: str = "4.2.1",
    ) -> None:
        self._identity = MachineIdentity(
            manufacturer="Careloop Simulated",
            model=model,
            serial_number=serial_number,
            software_version=software_version,
        )
        self._clock = clock
        self._random = random.Random(seed)
        self._mode = MachineMode.PREPARATION
        self._settings: dict[str, Decimal] = dict(DEFAULT_SETTINGS.values)
        self._modality = DEFAULT_SETTINGS.modality
        self._misreported: dict[str, Decimal] = {}
        self._faults: set[MachineFault] = set()
        self._active_alarms: set[str] = set()
        self._physics = _Physics()
        self._pending: list[MachineOutput] = []
        self._reading_sequence = 0
        self._alarm_sequence = 0

    # -- what a driver asks -------------------------------------------------

    @property
    def identity(self) -> MachineIdentity:
        return self._identity

    @property
    def mode(self) -> MachineMode:
        return self._mode

    @property
    def active_alarms(self) -> frozenset[str]:
        """Codes of the alarms raised and not yet cleared."""
        return frozenset(self._active_alarms)

    @property
    def blood_pump_running(self) -> bool:
        return self._physics.blood_pump_running

    def apply_settings(self, settings: MachineSettings) -> None:
        """Take new settings; all or nothing.

        Raises ValueError naming the code and value when a code is unknown,
        a value lies outside the vocabulary's machine range or carries more
        decimals than the machine works with, or the modality is unknown.
        """
        if settings.modality not in MODALITIES:
            raise ValueError(
                f"MDC_HDIALY_MACH_TX_MODALITY: unknown modality {settings.modality!r}"
            )
        for code, value in settings.values.items():
            _check_setting(code, value)
        self._settings.update(settings.values)
        self._modality = settings.modality
        for code in settings.values:
            self._misreported.pop(code, None)

    def current_settings(self) -> MachineSettings:
        """What a read-back returns: the running settings, faults included."""
        values = dict(self._settings)
        values.update(self._misreported)
        return MachineSettings(values=values, modality=self._modality)

    def start_treatment(self) -> None:
        """PRETX -> TX with the blood pump running. ValueError in other modes."""
        if self._mode is MachineMode.TREATMENT:
            return
        if self._mode is not MachineMode.PREPARATION:
            raise ValueError(f"cannot start treatment in mode {self._mode.value}")
        self._physics.blood_pump_running = not self._pump_stopping_alarm()
        self._set_mode(MachineMode.TREATMENT)

    def stop_treatment(self) -> None:
        """TX -> POSTTX (reinfusion); the blood pump stops. No-op elsewhere."""
        if self._mode is MachineMode.TREATMENT:
            self._physics.blood_pump_running = False
            self._set_mode(MachineMode.REINFUSION)

    def advance(self, sim_seconds: float) -> list[MachineOutput]:
        """Move simulated time on and report what happened.

        Returns mode changes and alarm changes in the order they happened,
        then one reading per reported parameter as the machine stands at the
        end of the interval. ``advance(0)`` gives a snapshot without moving.
        """
        if sim_seconds < 0:
            raise ValueError(f"sim_seconds must not be negative, got {sim_seconds}")
        remaining = float(sim_seconds)
        while remaining > 0:
            step = min(_STEP_S, remaining)
            self._step(step)
            remaining -= step
        self._settle()
        events = self._pending
        self._pending = []
        events.extend(self._snapshot())
        return events

    # -- faults on demand ---------------------------------------------------

    def change_setting_behind_back(self, code: str, value: Decimal) -> None:
        """The machine runs on ``value`` from now on, as if someone changed it
        at the panel; a read-back shows it. ValueError as ``apply_settings``."""
        _check_setting(code, value)
        self._settings[code] = value
        self._misreported.pop(code, None)

    def misreport_setting(self, code: str, value: Decimal) -> None:
        """A read-back reports ``value`` for ``code`` while the machine keeps
        running on what was written. Cleared by writing that code again."""
        if code not in SETTINGS:
            raise ValueError(f"{code}: unknown setting code (value {value})")
        self._misreported[code] = value

    def force(self, fault: MachineFault) -> None:
        """Bring about ``fault``; its alarm follows within the machine's rules
        on the next ``advance`` (venous pressure high needs 3 s)."""
        self._faults.add(fault)

    def release(self, fault: MachineFault) -> None:
        """End ``fault``; its alarm clears on the next ``advance``."""
        self._faults.discard(fault)

    # -- physics ------------------------------------------------------------

    def _step(self, seconds: float) -> None:
        self._settle()
        physics = self._physics
        if self._mode is not MachineMode.TREATMENT or not physics.blood_pump_running:
            physics.venous_over_limit_s = 0.0
            return

        physics.treatment_s += seconds
        uf_left_ml = max(
            0.0, self._setting("UF_TARGET_VOL_TO_REMOVE") - physics.uf_removed_ml
        )
        uf_ml = min(uf_left_ml, self._uf_rate_ml_h() * seconds / 3600.0)
        physics.uf_removed_ml += uf_ml
        clearance_l_h = 0.7 * physics.blood_flow_ml_min * 60.0 / 1000.0
        physics.ktv += clearance_l_h * seconds / 3600.0 / _UREA_VOLUME_L

        if physics.venous_mmhg > VENOUS_LIMIT_MMHG:
            physics.venous_over_limit_s += seconds
        else:
            physics.venous_over_limit_s = 0.0
        if physics.venous_over_limit_s >= VENOUS_LIMIT_HOLD_S:
            self._raise(ALARM_VENOUS_PRESSURE_HIGH)
            physics.blood_pump_running = False

        if self._time_remaining_s() <= 0:
            physics.blood_pump_running = False
            self._set_mode(MachineMode.REINFUSION)

    def _settle(self) -> None:
        """Bring the pump, the noiseless values and the alarms in line with
        the mode and the forced faults."""
        physics = self._physics
        self._update_pump_stopping_alarms()
        in_treatment = self._mode is MachineMode.TREATMENT
        if in_treatment and not physics.blood_pump_running:
            physics.blood_pump_running = not self._pump_stopping_alarm()
        physics.blood_flow_ml_min = self._blood_flow_ml_min()
        physics.venous_mmhg = self._venous_mmhg(physics.blood_flow_ml_min)
        physics.conductivity_ms_cm = self._conductivity_ms_cm()
        self._update_blood_flow_alarm()
        self._update_conductivity_alarm()

    def _update_pump_stopping_alarms(self) -> None:
        # Venous pressure high is raised by the 3 s rule in _step and stays
        # latched, pump stopped, until the obstruction is gone.
        if MachineFault.VENOUS_OBSTRUCTION not in self._faults:
            self._clear(ALARM_VENOUS_PRESSURE_HIGH)

        air = MachineFault.AIR_IN_LINE in self._faults
        if air and self._mode is MachineMode.TREATMENT:
            self._raise(ALARM_AIR_DETECTED)
            self._physics.blood_pump_running = False
        else:
            self._clear(ALARM_AIR_DETECTED)

    def _update_blood_flow_alarm(self) -> None:
        physics = self._physics
        pumping = self._mode is MachineMode.TREATMENT and physics.blood_pump_running
        set_flow = self._setting("BLD_PUMP_BLOOD_FLOW_RATE_SETTING")
        limit = BLOOD_FLOW_LOW_FRACTION * set_flow
        if pumping and physics.blood_flow_ml_min < limit:
            self._raise(ALARM_BLOOD_FLOW_LOW)
        else:
            self._clear(ALARM_BLOOD_FLOW_LOW)

    def _update_conductivity_alarm(self) -> None:
        set_cond = self._setting("DIALYSATE_COND_SETTING")
        off = abs(self._physics.conductivity_ms_cm - set_cond)
        if off > CONDUCTIVITY_TOLERANCE_FRACTION * set_cond:
            self._raise(ALARM_CONDUCTIVITY)
        else:
            self._clear(ALARM_CONDUCTIVITY)

    def _pump_stopping_alarm(self) -> bool:
        stopping = {ALARM_VENOUS_PRESSURE_HIGH, ALARM_AIR_DETECTED}
        return bool(self._active_alarms & stopping) or (
            MachineFault.AIR_IN_LINE in self._faults
        )

    def _blood_flow_ml_min(self) -> float:
        if (
            self._mode is not MachineMode.TREATMENT
            or not self._physics.blood_pump_running
        ):
            return 0.0
        set_flow = self._setting("BLD_PUMP_BLOOD_FLOW_RATE_SETTING")
        if MachineFault.POOR_ACCESS in self._faults:
            return set_flow * _POOR_ACCESS_FRACTION
        return set_flow

    def _venous_mmhg(self, blood_flow_ml_min: float) -> float:
        venous = 15.0 + 0.5 * blood_flow_ml_min
        if blood_flow_ml_min > 0 and MachineFault.VENOUS_OBSTRUCTION in self._faults:
            venous += _OBSTRUCTION_MMHG
        return venous

    def _conductivity_ms_cm(self) -> float:
        conductivity = self._setting("DIALYSATE_COND_SETTING")
        if MachineFault.CONDUCTIVITY_DRIFT in self._faults:
            conductivity += _CONDUCTIVITY_DRIFT_MS_CM
        return conductivity

    def _uf_rate_ml_h(self) -> float:
        if (
            self._mode is not MachineMode.TREATMENT
            or not self._physics.blood_pump_running
        ):
            return 0.0
        goal_ml = self._setting("UF_TARGET_VOL_TO_REMOVE")
        if self._physics.uf_removed_ml >= goal_ml:
            return 0.0
        return self._setting("UF_RATE_SETTING")

    def _time_remaining_s(self) -> float:
        prescribed_s = self._setting("TX_TIME_PRESCRIBED") * 60.0
        return max(0.0, prescribed_s - self._physics.treatment_s)

    def _setting(self, short_code: str) -> float:
        return float(self._settings[f"MDC_HDIALY_{short_code}"])

    # -- what comes out -----------------------------------------------------

    def _snapshot(self) -> list[Reading]:
        physics = self._physics
        noise = self._random.gauss
        flow = physics.blood_flow_ml_min
        flow_measured = flow * (1 + noise(0, 0.01)) if flow else 0.0
        venous = physics.venous_mmhg + noise(0, 3.0)
        uf_rate = self._uf_rate_ml_h()
        dialysate_flowing = self._mode in (
            MachineMode.PREPARATION,
            MachineMode.TREATMENT,
        )
        values = {
            "BLD_PUMP_BLOOD_FLOW_RATE": flow_measured,
            "BLD_PRESS_ART": -(10.0 + 0.55 * flow) + noise(0, 3.0),
            "BLD_PRESS_VEN": venous,
            "FILTER_TRANSMEMBRANE_PRESS": 0.6 * venous + 0.08 * uf_rate + noise(0, 3.0),
            "UF_ACTUAL_REMOVED_VOL": physics.uf_removed_ml,
            "UF_RATE": uf_rate,
            "TX_TIME_REMAINING": self._time_remaining_s() / 60.0,
            "DIALYSATE_FLOW_RATE": (
                self._setting("DIALYSATE_FLOW_RATE_SETTING") * (1 + noise(0, 0.005))
                if dialysate_flowing
                else 0.0
            ),
            "DIALYSATE_COND": physics.conductivity_ms_cm + noise(0, 0.02),
            "DIALYSATE_TEMP": self._setting("DIALYSATE_TEMP_SETTING") + noise(0, 0.05),
            "BLD_REL_BLD_VOL": 100.0
            - 4.5 * physics.uf_removed_ml / 1000.0
            + noise(0, 0.2),
            "KT_V": physics.ktv,
        }
        at = self._clock()
        return [
            self._reading(f"MDC_HDIALY_{short}", value, at)
            for short, value in values.items()
        ]

    def _reading(self, code: str, value: float, at: datetime) -> Reading:
        parameter = READINGS[code]
        quantum = Decimal(1).scaleb(-parameter.decimals)
        bounded = min(max(Decimal(repr(value)), parameter.low), parameter.high)
        self._reading_sequence += 1
        return Reading(
            code=code,
            value=bounded.quantize(quantum),
            unit=parameter.unit,
            measured_at=at,
            sequence=self._reading_sequence,
        )

    def _raise(self, code: str) -> None:
        if code not in self._active_alarms:
            self._active_alarms.add(code)
            self._pending.append(self._alarm(code, raised=True))

    def _clear(self, code: str) -> None:
        if code in self._active_alarms:
            self._active_alarms.discard(code)
            self._pending.append(self._alarm(code, raised=False))

    def _alarm(self, code: str, *, raised: bool) -> MachineAlarm:
        priority, text = ALARM_TEXT[code]
        self._alarm_sequence += 1
        return MachineAlarm(
            code=code,
            priority=priority,
            text=text,
            raised=raised,
            at=self._clock(),
            sequence=self._alarm_sequence,
        )

    def _set_mode(self, mode: MachineMode) -> None:
        if mode is not self._mode:
            self._mode = mode
            self._pending.append(mode)


def _check_setting(code: str, value: Decimal) -> None:
    """ValueError naming ``code`` and ``value`` unless the machine takes it."""
    parameter = SETTINGS.get(code)
    if parameter is None:
        raise ValueError(f"{code}: unknown setting code (value {value})")
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"{code}: {value!r} is not a finite Decimal")
    if not parameter.low <= value <= parameter.high:
        raise ValueError(
            f"{code}: {value} {parameter.unit} outside "
            f"{parameter.low}-{parameter.high} {parameter.unit}"
        )
    exponent = value.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and -exponent > parameter.decimals
        and (value != value.quantize(Decimal(1).scaleb(-parameter.decimals)))
    ):
        raise ValueError(f"{code}: {value} has more than {parameter.decimals} decimals")
