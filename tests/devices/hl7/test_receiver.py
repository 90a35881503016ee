"""The receiver: answers, resends, gaps and what it remembers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from devices.dialysis.hl7.ack import read_ack
from devices.dialysis.hl7.pcd01 import MachineReport, build_report
from devices.dialysis.hl7.receiver import Hl7Receiver, decode_report
from devices.dialysis.model import (
    MachineIdentity,
    MachineMode,
    Reading,
    SequenceGap,
)

from .messages import GATEWAY_REPORT, SETTINGS_REPORT

AT = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
IDENTITY = MachineIdentity("Acme Renal", "AK 98", "AK98-55012", "3.10")


def reading(number: int) -> Reading:
    return Reading(
        "MDC_HDIALY_BLD_PRESS_VEN", Decimal(100 + number), "mm[Hg]", AT, number
    )


def payload(
    control_id: str, numbers: list[int], mode: MachineMode | None = None
) -> bytes:
    report = MachineReport(
        control_id=control_id,
        sent_at=AT,
        identity=IDENTITY,
        readings=[reading(n) for n in numbers],
        mode=mode,
    )
    return build_report(report).encode("utf-8")


def receiver() -> Hl7Receiver:
    return Hl7Receiver(clock=lambda: AT, name="bed7")


def take(rx: Hl7Receiver, data: bytes) -> list[object]:
    taken = rx.take(decode_report(data))
    assert taken.accepted, taken.reason
    assert read_ack(taken.ack_text).code == "AA"
    return list(taken.events)


def numbers(events: Sequence[object]) -> list[int]:
    return [e.sequence for e in events if isinstance(e, Reading)]


def test_a_good_message_is_acknowledged_and_its_readings_handed_on() -> None:
    rx = receiver()

    taken = rx.take(decode_report(payload("M1", [1, 2, 3], mode=MachineMode.TREATMENT)))

    reply = read_ack(taken.ack_text)
    assert (reply.code, reply.control_id) == ("AA", "M1")
    assert taken.events[0] is MachineMode.TREATMENT
    assert numbers(taken.events) == [1, 2, 3]
    assert rx.identity == IDENTITY
    assert rx.mode is MachineMode.TREATMENT


def test_a_malformed_message_gets_a_negative_ack_and_a_logged_reason(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rx = receiver()
    broken = GATEWAY_REPORT.replace("|280|", "|2,80|").encode("utf-8")

    with caplog.at_level(logging.WARNING, logger="devices.dialysis.hl7"):
        taken = rx.take(decode_report(broken))

    reply = read_ack(taken.ack_text)
    assert (reply.code, reply.control_id) == ("AE", "GW000815")
    assert "'2,80' is not a number" in reply.reason
    assert not taken.accepted and taken.events == []
    warning = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert "GW000815" in warning.getMessage()
    assert "'2,80' is not a number" in warning.getMessage()
    assert "Wang" not in caplog.text  # the patient's name stays out of the log
    assert rx.messages_rejected == 1


def test_garbage_gets_a_reject_without_a_control_id() -> None:
    taken = receiver().take(decode_report(b"\x00\x01 hello"))

    assert read_ack(taken.ack_text).code == "AR"
    assert read_ack(taken.ack_text).control_id == ""


def test_a_resent_message_is_answered_again_but_recorded_once() -> None:
    rx = receiver()
    first = take(rx, payload("M1", [1, 2]))

    again = take(rx, payload("M1", [1, 2]))

    assert numbers(first) == [1, 2]
    assert again == []


def test_a_gap_in_the_machines_numbers_is_reported_never_filled() -> None:
    rx = receiver()
    take(rx, payload("M1", [1, 2, 3]))

    events = take(rx, payload("M3", [7, 8]))

    assert events[0] == SequenceGap(4, 6, AT)
    assert numbers(events) == [7, 8]


def test_a_new_count_after_a_machine_restart_is_not_a_gap() -> None:
    rx = receiver()
    take(rx, payload("M1", [1, 2, 3]))

    events = take(rx, payload("R1", [1, 2]))

    assert numbers(events) == [1, 2]
    assert not any(isinstance(e, SequenceGap) for e in events)


def test_unnumbered_readings_are_numbered_in_arrival_order() -> None:
    rx = receiver()

    first = take(rx, SETTINGS_REPORT.encode("utf-8"))
    second = take(rx, SETTINGS_REPORT.replace("S-1", "S-2").encode("utf-8"))

    assert numbers(first) == [1, 2]
    assert numbers(second) == [3, 4]


def test_settings_and_identity_are_remembered_from_what_was_reported() -> None:
    rx = receiver()

    take(rx, SETTINGS_REPORT.encode("utf-8"))

    assert rx.identity == MachineIdentity("Acme Renal", "AK 98", "AK98-55012", "3.10^b")
    assert rx.settings is not None
    assert rx.settings.modality == "HDF"
    assert rx.settings.values["MDC_HDIALY_UF_RATE_SETTING"] == Decimal("600")


def test_identity_from_the_mds_row_alone() -> None:
    rx = receiver()

    take(rx, GATEWAY_REPORT.encode("utf-8"))

    assert rx.identity == MachineIdentity("", "", "AK98-55012", "")
    assert rx.settings is None


def test_not_delivering_keeps_count_so_starting_later_shows_no_gap() -> None:
    rx = receiver()
    rx.deliver = False
    quiet = take(rx, payload("M1", [1, 2, 3], mode=MachineMode.PREPARATION))

    rx.deliver = True
    events = take(rx, payload("M2", [4, 5]))

    assert quiet == [MachineMode.PREPARATION]
    assert events == [reading(4), reading(5)]


def test_a_control_id_reused_for_new_readings_is_not_taken_for_a_resend() -> None:
    rx = receiver()
    take(rx, payload("M1", [1, 2]))

    events = take(rx, payload("M1", [3, 4]))

    assert numbers(events) == [3, 4]


def test_readings_sent_again_under_a_new_control_id_are_recorded_once() -> None:
    rx = receiver()
    take(rx, payload("M1", [1, 2, 3]))

    events = take(rx, payload("M2", [2, 3, 4, 5]))

    assert numbers(events) == [4, 5]
