"""ORU^R01 messages, written the PCD-01 way, read into readings and alarms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.dialysis.hl7.errors import MessageRejected
from devices.dialysis.hl7.oru import parse_report
from devices.dialysis.hl7.pcd01 import MachineReport, build_report
from devices.dialysis.hl7.receiver import decode_report
from devices.dialysis.model import (
    AlarmPriority,
    MachineAlarm,
    MachineMode,
    Reading,
)
from devices.sim.dialysis_machine import MachineFault, SimulatedMachine

from .messages import ALARM_REPORT, GATEWAY_REPORT, SETTINGS_REPORT

AT_UTC = datetime(2026, 3, 1, 8, 5, tzinfo=UTC)  # 16:05 in Beijing


def test_gateway_report_gives_readings_with_units_time_and_numbers() -> None:
    report = parse_report(GATEWAY_REPORT)

    assert [(r.code, r.value, r.unit, r.sequence) for r in report.readings] == [
        ("MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE", Decimal("280"), "mL/min", 9001),
        ("MDC_HDIALY_BLD_PRESS_ART", Decimal("-162"), "mm[Hg]", 9002),
        ("MDC_HDIALY_BLD_PRESS_VEN", Decimal("148"), "mm[Hg]", 9003),
        ("MDC_HDIALY_DIALYSATE_COND", Decimal("14.05"), "mS/cm", 9004),
        ("MDC_HDIALY_DIALYSATE_TEMP", Decimal("36.4"), "Cel", 9005),
        ("MDC_HDIALY_UF_ACTUAL_REMOVED_VOL", Decimal("1250"), "mL", 9006),
    ]
    assert {r.measured_at for r in report.readings} == {AT_UTC}
    assert report.machine_numbered


def test_gateway_report_names_the_machine_mode_and_message() -> None:
    report = parse_report(GATEWAY_REPORT)

    assert report.control_id == "GW000815"
    assert report.device_id == "AK98-55012"  # OBX-18 of the MDS row
    assert report.mode is MachineMode.TREATMENT
    assert report.alarms == []
    assert report.settings == {}


def test_alarms_are_read_with_priority_phase_text_and_time() -> None:
    report = parse_report(ALARM_REPORT)

    assert report.alarms == [
        MachineAlarm(
            code="MDC_EVT_HDIALY_BLD_PRESS_VEN_HI",
            priority=AlarmPriority.HIGH,
            text="Venous pressure high",
            raised=True,
            at=AT_UTC + timedelta(seconds=1),
            sequence=31,
        ),
        MachineAlarm(
            code="MDC_EVT_HDIALY_BLD_PUMP_BLOOD_FLOW_LO",
            priority=AlarmPriority.MEDIUM,
            text="Blood flow low",
            raised=False,
            at=AT_UTC + timedelta(seconds=2),
            sequence=32,
        ),
    ]


def test_identity_settings_and_unnumbered_readings() -> None:
    report = parse_report(SETTINGS_REPORT)

    assert report.identity == {
        "manufacturer": "Acme Renal",
        "model": "AK 98",
        "serial_number": "AK98-55012",
        "software_version": "3.10^b",  # escaped \S\ read back
    }
    assert report.modality == "HDF"
    assert report.settings == {
        "MDC_HDIALY_UF_RATE_SETTING": Decimal("600"),
        "MDC_HDIALY_DIALYSATE_COND_SETTING": Decimal("14.0"),
    }
    assert [(r.code, r.value, r.sequence) for r in report.readings] == [
        ("MDC_HDIALY_UF_RATE", Decimal("590"), 0),
        ("MDC_HDIALY_TX_TIME_REMAINING", Decimal("211"), 0),
    ]
    assert not report.machine_numbered
    # No OBX-14: the time is OBR-7.
    assert report.readings[0].measured_at == datetime(2026, 3, 1, 6, 59, 30, tzinfo=UTC)


def test_a_time_without_offset_is_read_in_the_zone_given() -> None:
    text = GATEWAY_REPORT.replace("20260301160500+0800", "20260301160500")
    beijing = timezone(timedelta(hours=8))

    report = parse_report(text, default_zone=beijing)

    assert report.readings[0].measured_at == AT_UTC


def replace_once(old: str, new: str) -> str:
    assert old in GATEWAY_REPORT
    return GATEWAY_REPORT.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        ("not hl7 at all", "AR", "MSH"),
        (replace_once("ORU^R01^ORU_R01", "ADT^A01^ADT_A01"), "AR", "ADT^A01"),
        (replace_once("|GW000815|P|2.6", "||P|2.6"), "AR", "MSH-10"),
        (replace_once("|P|2.6|", "|P|3.0|"), "AR", "version"),
        (replace_once("|280|", "|2,80|"), "AE", "'2,80' is not a number"),
        (replace_once("|-162|mmHg^mmHg", "|-21|kPa^kPa"), "AE", "unit 'kPa'"),
        (replace_once("TX^Treatment", "WARP^Warp"), "AE", "unknown mode"),
        (
            replace_once(
                "|||20260301160500+0800||||AK98-55012^ACME|||9001",
                "|||2026-03-01||||AK98-55012^ACME|||9001",
            ),
            "AE",
            "date/time",
        ),
        (replace_once("|||9002", "|||9001"), "AE", "OBX-21"),
        (replace_once("|||9003", "|||"), "AE", "OBX-21"),
        (replace_once("|||9004", "|||four"), "AE", "OBX-21"),
        (replace_once("OBR|1|", "NTE|1|"), "AE", "OBR"),
    ],
)
def test_messages_breaking_the_profile_are_rejected_with_a_reason(
    text: str, code: str, reason: str
) -> None:
    with pytest.raises(MessageRejected) as rejected:
        parse_report(text)

    assert rejected.value.ack_code == code
    assert reason in rejected.value.reason
    assert rejected.value.error_code
    assert "Wang" not in rejected.value.reason  # never the patient


def test_a_rejection_carries_the_control_id_when_there_is_one() -> None:
    with pytest.raises(MessageRejected) as rejected:
        parse_report(replace_once("|280|", "|x|"))

    assert rejected.value.control_id == "GW000815"


def test_text_that_is_not_utf8_is_rejected_not_raised() -> None:
    outcome = decode_report(b"MSH|^~\\&|\xff\xfe|")

    assert isinstance(outcome, MessageRejected)
    assert outcome.ack_code == "AR"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_a_report_or_a_rejection_never_an_exception(
    payload: bytes,
) -> None:
    assert isinstance(decode_report(payload), MessageRejected)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_after_an_msh_never_raises(tail: str) -> None:
    outcome = decode_report(("MSH|^~\\&|" + tail).encode("utf-8"))

    assert isinstance(outcome, MessageRejected)


@settings(max_examples=40, deadline=None)
@given(
    data=st.sampled_from(GATEWAY_REPORT.split("\r")[4:]),
    junk=st.text(alphabet="|^~\\&0123456789.-+ABCXZ", max_size=40),
)
def test_a_mangled_obx_gives_a_report_or_a_rejection(data: str, junk: str) -> None:
    text = GATEWAY_REPORT.replace(data, data[: len(data) // 2] + junk, 1)

    outcome = decode_report(text.encode("utf-8"))

    assert isinstance(outcome, MessageRejected) or outcome.control_id == "GW000815"


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**16), fault=st.sampled_from(list(MachineFault)))
def test_what_the_simulator_builds_reads_back_the_same(
    seed: int, fault: MachineFault
) -> None:
    machine = SimulatedMachine(serial_number="SN^7|x", clock=lambda: AT_UTC, seed=seed)
    machine.start_treatment()
    machine.force(fault)
    outputs = machine.advance(5)
    readings = [o for o in outputs if isinstance(o, Reading)]
    alarms = [o for o in outputs if isinstance(o, MachineAlarm)]
    settings_now = machine.current_settings()

    text = build_report(
        MachineReport(
            control_id="C-1",
            sent_at=AT_UTC,
            identity=machine.identity,
            mode=machine.mode,
            modality=settings_now.modality,
            readings=readings,
            alarms=alarms,
            settings=settings_now.values,
        )
    )
    report = parse_report(text)

    assert report.readings == readings
    assert report.alarms == alarms
    assert report.settings == dict(settings_now.values)
    assert report.mode is MachineMode.TREATMENT
    assert report.identity["serial_number"] == "SN^7|x"
    assert report.device_id == "SN^7|x"
