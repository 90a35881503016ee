"""The simulated dialysis machine: physics, alarms, determinism, faults."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.dialysis.model import (
    AlarmPriority,
    MachineAlarm,
    MachineMode,
    MachineSettings,
    Reading,
)
from devices.dialysis.vocabulary import READINGS, SETTINGS
from devices.sim.dialysis_machine import (
    ALARM_AIR_DETECTED,
    ALARM_BLOOD_FLOW_LOW,
    ALARM_CONDUCTIVITY,
    ALARM_VENOUS_PRESSURE_HIGH,
    DEFAULT_SETTINGS,
    MachineFault,
    MachineOutput,
    SimulatedMachine,
)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
UF_REMOVED = "MDC_HDIALY_UF_ACTUAL_REMOVED_VOL"
UF_RATE = "MDC_HDIALY_UF_RATE"
TIME_LEFT = "MDC_HDIALY_TX_TIME_REMAINING"
BLOOD_FLOW = "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE"
VENOUS = "MDC_HDIALY_BLD_PRESS_VEN"
ARTERIAL = "MDC_HDIALY_BLD_PRESS_ART"
RBV = "MDC_HDIALY_BLD_REL_BLD_VOL"
COND = "MDC_HDIALY_DIALYSATE_COND"
TEMP = "MDC_HDIALY_DIALYSATE_TEMP"


def machine(seed: int = 7, **values: str) -> SimulatedMachine:
    sim = SimulatedMachine(serial_number="HD-0042", clock=lambda: T0, seed=seed)
    if values:
        sim.apply_settings(
            MachineSettings({code: Decimal(v) for code, v in values.items()})
        )
    return sim


def readings(outputs: list[MachineOutput]) -> dict[str, Decimal]:
    return {o.code: o.value for o in outputs if isinstance(o, Reading)}


def alarms(outputs: list[MachineOutput]) -> list[tuple[str, bool]]:
    return [(o.code, o.raised) for o in outputs if isinstance(o, MachineAlarm)]


def run(
    sim: SimulatedMachine, seconds: float, step: float = 1.0
) -> list[MachineOutput]:
    everything: list[MachineOutput] = []
    elapsed = 0.0
    while elapsed < seconds:
        everything.extend(sim.advance(step))
        elapsed += step
    return everything


def test_identity_and_first_mode() -> None:
    sim = machine()

    assert sim.identity.serial_number == "HD-0042"
    assert sim.identity.model and sim.identity.software_version
    assert sim.mode is MachineMode.PREPARATION
    assert sim.current_settings() == DEFAULT_SETTINGS


def test_uf_volume_accumulates_at_the_set_rate() -> None:
    sim = machine(MDC_HDIALY_UF_RATE_SETTING="600")
    sim.start_treatment()

    after_an_hour = readings(run(sim, 3600, step=60))

    assert after_an_hour[UF_REMOVED] == Decimal("600")
    assert after_an_hour[UF_RATE] == Decimal("600")
    assert after_an_hour[TIME_LEFT] == Decimal("180")


def test_uf_stops_at_the_goal() -> None:
    sim = machine(
        MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE="300", MDC_HDIALY_UF_RATE_SETTING="600"
    )
    sim.start_treatment()

    after_an_hour = readings(run(sim, 3600, step=60))

    assert after_an_hour[UF_REMOVED] == Decimal("300")
    assert after_an_hour[UF_RATE] == Decimal("0")


def test_treatment_ends_by_itself_when_time_has_run() -> None:
    sim = machine(MDC_HDIALY_TX_TIME_PRESCRIBED="10")
    sim.start_treatment()
    started = sim.advance(0)

    outputs = run(sim, 11 * 60, step=30)

    assert MachineMode.TREATMENT in started
    assert MachineMode.REINFUSION in outputs
    assert sim.mode is MachineMode.REINFUSION
    final = readings(outputs[-len(READINGS) :])
    assert final[TIME_LEFT] == Decimal("0")
    assert final[BLOOD_FLOW] == Decimal("0")


def test_stop_treatment_goes_to_reinfusion_and_start_again_is_refused() -> None:
    sim = machine()
    sim.start_treatment()
    sim.stop_treatment()

    assert sim.advance(0)[:2] == [MachineMode.TREATMENT, MachineMode.REINFUSION]
    with pytest.raises(ValueError, match="POSTTX"):
        sim.start_treatment()


def mean(sim: SimulatedMachine, code: str, snapshots: int = 60) -> float:
    values = [float(readings(sim.advance(1))[code]) for _ in range(snapshots)]
    return sum(values) / len(values)


def test_pressures_follow_blood_flow() -> None:
    slow = machine(MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING="200")
    fast = machine(MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING="400")
    slow.start_treatment()
    fast.start_treatment()

    assert mean(fast, VENOUS) > mean(slow, VENOUS) + 50
    assert mean(fast, ARTERIAL) < mean(slow, ARTERIAL) - 50
    assert 180 < mean(slow, BLOOD_FLOW) < 220


def test_values_are_noisy_but_near_their_set_points() -> None:
    sim = machine(
        MDC_HDIALY_DIALYSATE_COND_SETTING="14.2",
        MDC_HDIALY_DIALYSATE_TEMP_SETTING="36.0",
    )
    sim.start_treatment()
    conductivities = [readings(sim.advance(1))[COND] for _ in range(100)]
    temperatures = [readings(sim.advance(1))[TEMP] for _ in range(100)]

    assert len(set(conductivities)) > 3  # noise, not a constant
    assert all(abs(c - Decimal("14.2")) < Decimal("0.2") for c in conductivities)
    assert all(abs(t - Decimal("36.0")) < Decimal("0.3") for t in temperatures)


def test_relative_blood_volume_falls_as_fluid_is_removed() -> None:
    sim = machine(MDC_HDIALY_UF_RATE_SETTING="800")
    sim.start_treatment()
    start = readings(sim.advance(1))[RBV]

    later = readings(run(sim, 2 * 3600, step=120))[RBV]

    assert start > Decimal("99")
    assert later < start - Decimal("5")


def test_every_reading_is_in_the_vocabulary_with_its_unit_and_range() -> None:
    sim = machine()
    sim.start_treatment()

    for output in run(sim, 600, step=10):
        if isinstance(output, Reading):
            parameter = READINGS[output.code]
            assert output.unit == parameter.unit
            assert parameter.low <= output.value <= parameter.high
            assert output.measured_at == T0


def test_reading_numbers_run_on_without_a_gap() -> None:
    sim = machine()
    sim.start_treatment()
    sim.force(MachineFault.AIR_IN_LINE)

    outputs = run(sim, 30, step=0.7)
    numbers = [o.sequence for o in outputs if isinstance(o, Reading)]

    assert numbers == list(range(1, len(numbers) + 1))


def test_the_same_seed_gives_the_same_treatment() -> None:
    def treatment(seed: int) -> list[MachineOutput]:
        sim = machine(seed)
        sim.start_treatment()
        sim.force(MachineFault.POOR_ACCESS)
        return run(sim, 120, step=2.5)

    assert treatment(3) == treatment(3)
    assert treatment(3) != treatment(4)


def test_venous_pressure_high_for_three_seconds_stops_the_pump() -> None:
    sim = machine()
    sim.start_treatment()
    sim.advance(10)

    sim.force(MachineFault.VENOUS_OBSTRUCTION)
    before = sim.advance(2.5)
    at_limit = sim.advance(0.5)

    assert alarms(before) == []
    assert readings(before)[VENOUS] > 450
    assert alarms(at_limit) == [(ALARM_VENOUS_PRESSURE_HIGH, True)]
    assert not sim.blood_pump_running
    assert readings(at_limit)[BLOOD_FLOW] == Decimal("0")
    alarm = next(o for o in at_limit if isinstance(o, MachineAlarm))
    assert alarm.priority is AlarmPriority.HIGH

    still = run(sim, 20)
    assert alarms(still) == []  # latched while the line stays kinked

    sim.release(MachineFault.VENOUS_OBSTRUCTION)
    cleared = sim.advance(1)
    assert alarms(cleared) == [(ALARM_VENOUS_PRESSURE_HIGH, False)]
    assert sim.blood_pump_running
    assert readings(cleared)[VENOUS] < 300


def test_a_short_pressure_spike_raises_nothing() -> None:
    sim = machine()
    sim.start_treatment()
    sim.force(MachineFault.VENOUS_OBSTRUCTION)
    spike = sim.advance(2)
    sim.release(MachineFault.VENOUS_OBSTRUCTION)

    assert alarms(spike + run(sim, 10)) == []
    assert sim.blood_pump_running


def test_blood_flow_below_seventy_percent_raises_and_clears() -> None:
    sim = machine()
    sim.start_treatment()
    sim.advance(5)

    sim.force(MachineFault.POOR_ACCESS)
    raised = sim.advance(1)
    sim.release(MachineFault.POOR_ACCESS)
    cleared = sim.advance(1)

    assert alarms(raised) == [(ALARM_BLOOD_FLOW_LOW, True)]
    assert readings(raised)[BLOOD_FLOW] < Decimal("0.7") * 250
    assert alarms(cleared) == [(ALARM_BLOOD_FLOW_LOW, False)]


def test_conductivity_out_of_range_raises_and_clears() -> None:
    sim = machine()
    sim.force(MachineFault.CONDUCTIVITY_DRIFT)
    raised = sim.advance(1)
    sim.release(MachineFault.CONDUCTIVITY_DRIFT)
    cleared = sim.advance(1)

    assert alarms(raised) == [(ALARM_CONDUCTIVITY, True)]
    assert readings(raised)[COND] > Decimal("14.7")
    assert alarms(cleared) == [(ALARM_CONDUCTIVITY, False)]


def test_air_detected_stops_the_pump_at_once_and_clears() -> None:
    sim = machine()
    sim.start_treatment()
    sim.advance(5)

    sim.force(MachineFault.AIR_IN_LINE)
    raised = sim.advance(0.5)

    assert alarms(raised) == [(ALARM_AIR_DETECTED, True)]
    assert not sim.blood_pump_running
    assert sim.active_alarms == {ALARM_AIR_DETECTED}

    sim.release(MachineFault.AIR_IN_LINE)
    cleared = sim.advance(1)
    assert alarms(cleared) == [(ALARM_AIR_DETECTED, False)]
    assert sim.blood_pump_running
    assert sim.active_alarms == frozenset()


def test_alarm_numbers_rise_by_one() -> None:
    sim = machine()
    sim.start_treatment()
    outputs: list[MachineOutput] = []
    for fault in MachineFault:
        sim.force(fault)
        outputs += run(sim, 4)
        sim.release(fault)
        outputs += run(sim, 2)

    numbers = [o.sequence for o in outputs if isinstance(o, MachineAlarm)]
    assert len(numbers) >= 8
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING", "700", "700"),
        ("MDC_HDIALY_DIALYSATE_COND_SETTING", "12.4", "12.4"),
        ("MDC_HDIALY_DIALYSATE_CONC_CA_SETTING", "1.505", "1.505"),
        ("MDC_HDIALY_NO_SUCH_SETTING", "1", "MDC_HDIALY_NO_SUCH_SETTING"),
    ],
)
def test_settings_outside_the_vocabulary_are_refused_by_name(
    code: str, value: str, message: str
) -> None:
    sim = machine()
    good = "MDC_HDIALY_UF_RATE_SETTING"

    with pytest.raises(ValueError, match=message) as refused:
        sim.apply_settings(
            MachineSettings({good: Decimal("900"), code: Decimal(value)})
        )

    assert code in str(refused.value)
    assert sim.current_settings().values[good] == Decimal("500")  # all or nothing


def test_unknown_modality_is_refused() -> None:
    with pytest.raises(ValueError, match="XX"):
        machine().apply_settings(MachineSettings({}, modality="XX"))


def test_written_settings_read_back_equal() -> None:
    sim = machine()
    written = MachineSettings(
        {code: parameter.low for code, parameter in SETTINGS.items()}, modality="HDF"
    )

    sim.apply_settings(written)

    assert sim.current_settings().differences(written) == []


def test_setting_changed_behind_the_nurses_back_shows_on_read_back() -> None:
    sim = machine()
    written = sim.current_settings()
    sim.start_treatment()

    sim.change_setting_behind_back("MDC_HDIALY_UF_RATE_SETTING", Decimal("1500"))
    outputs = run(sim, 60)

    differences = written.differences(sim.current_settings())
    assert [(d.code, d.written, d.read_back) for d in differences] == [
        ("MDC_HDIALY_UF_RATE_SETTING", Decimal("500"), Decimal("1500"))
    ]
    assert readings(outputs)[UF_RATE] == Decimal("1500")  # it really runs on it


def test_misreported_setting_differs_on_read_back_only() -> None:
    sim = machine()
    written = sim.current_settings()
    sim.start_treatment()

    sim.misreport_setting("MDC_HDIALY_UF_RATE_SETTING", Decimal("50"))
    outputs = run(sim, 60)

    assert [d.code for d in written.differences(sim.current_settings())] == [
        "MDC_HDIALY_UF_RATE_SETTING"
    ]
    assert readings(outputs)[UF_RATE] == Decimal("500")

    sim.apply_settings(MachineSettings({"MDC_HDIALY_UF_RATE_SETTING": Decimal("500")}))
    assert written.differences(sim.current_settings()) == []


def test_faults_refuse_unknown_codes_and_bad_values() -> None:
    sim = machine()
    with pytest.raises(ValueError, match="MDC_NOPE"):
        sim.misreport_setting("MDC_NOPE", Decimal("1"))
    with pytest.raises(ValueError, match="9999"):
        sim.change_setting_behind_back("MDC_HDIALY_TX_TIME_PRESCRIBED", Decimal("9999"))
    with pytest.raises(ValueError, match="negative"):
        sim.advance(-1)


@settings(max_examples=40, deadline=None)
@given(
    steps=st.lists(st.floats(min_value=0, max_value=900), min_size=1, max_size=25),
    faults=st.lists(st.sampled_from(list(MachineFault)), max_size=4),
)
def test_any_run_keeps_numbers_contiguous_and_values_in_range(
    steps: list[float], faults: list[MachineFault]
) -> None:
    sim = machine()
    sim.start_treatment()
    for fault in faults:
        sim.force(fault)

    outputs = [o for step in steps for o in sim.advance(step)]

    numbers = [o.sequence for o in outputs if isinstance(o, Reading)]
    assert numbers == list(range(1, len(numbers) + 1))
    for output in outputs:
        if isinstance(output, Reading):
            parameter = READINGS[output.code]
            assert parameter.low <= output.value <= parameter.high
