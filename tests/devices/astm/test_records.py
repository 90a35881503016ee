"""E1394 records and the Careloop dialysis profile, bytes both ways."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from devices.dialysis.astm.profile import (
    RequestKind,
    build_reply,
    build_report,
    build_request,
    parse_machine_message,
    parse_request,
)
from devices.dialysis.astm.records import (
    Delimiters,
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
from devices.sim.dialysis_machine import DEFAULT_SETTINGS

AT = datetime(2026, 12, 3, 9, 30, 15, tzinfo=UTC)
IDENTITY = MachineIdentity("Acme", "HD-9", "SN-0042", "4.2.1")


def test_header_declares_delimiters_as_in_the_reference() -> None:
    records = parse_message(b"H|\\^&|||sender^version|||||||P|1|20261203093015\r")
    header = records[0]
    assert header.type == "H"
    assert header.components(5) == ("sender", "version")
    assert header.component(12) == "P"
    assert header.component(14) == "20261203093015"


def test_other_delimiters_declared_in_the_header_are_used() -> None:
    message = b"H!@#$!!!Acme#HD\rR!1!###MDC_X!1$S$2!mL\r"
    records = parse_message(message)
    assert records[0].components(5) == ("Acme", "HD")
    assert records[1].component(3, 4) == "MDC_X"
    assert records[1].component(4) == "1#2"  # $S$: an escaped component mark


@pytest.mark.parametrize("text", ["a|b", "a\\b", "a^b", "a&b", "&F&", "|^\\&"])
def test_delimiters_in_data_survive_escaping(text: str) -> None:
    message = encode_message([Record.of("H"), Record.of("C", "1", "I", text, "G")])
    assert parse_message(message)[1].component(4) == text


def test_escape_sequences_follow_the_standard() -> None:
    d = Delimiters()
    assert d.escape_text("|\\^&") == "&F&&R&&S&&E&"
    assert d.unescape_text("&F&&R&&S&&E&&X&") == "|\\^&&X&"


def test_control_characters_cannot_break_a_record() -> None:
    message = encode_message([Record.of("H"), Record.of("C", "1", "I", "a\rb\nc\x03")])
    assert b"\x03" not in message and message.count(b"\r") == 2


@pytest.mark.parametrize(
    "message",
    [b"", b"\r\r", b"P|1\rL|1\r", b"H|||&\r", b"Habcd\r"],
    ids=["empty", "blank", "no-header", "repeated-delimiters", "letters"],
)
def test_unreadable_messages_are_record_errors(message: bytes) -> None:
    with pytest.raises(RecordError):
        parse_message(message)


def test_settings_order_round_trips() -> None:
    message = build_request(RequestKind.WRITE_SETTINGS, "17", AT, DEFAULT_SETTINGS)
    # Layout 2: one O record, values in O.19 in the profile's fixed order.
    assert (
        b"\rO|1|17||^^^SETTINGS^2|R|||||||||||||"
        b"HD\\240\\250\\500\\2000\\500\\138\\2.0\\1.50\\35\\36.5\\14.0"
        b"\\1.0\\1.0\\30\r"
    ) in message
    assert len(message) < 170  # layout 1 took about 900 bytes
    request = parse_request(message)
    assert request.kind is RequestKind.WRITE_SETTINGS
    assert request.control_id == "17"
    assert request.settings == DEFAULT_SETTINGS


@pytest.mark.parametrize("kind", [k for k in RequestKind if k.name != "WRITE_SETTINGS"])
def test_queries_round_trip(kind: RequestKind) -> None:
    request = parse_request(build_request(kind, "3", AT))
    assert (request.kind, request.control_id) == (kind, "3")


def test_read_back_reply_carries_settings_and_identity() -> None:
    settings = MachineSettings(
        values={"MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": Decimal("1.50")}, modality="HDF"
    )
    reply = parse_machine_message(build_reply("9", IDENTITY, AT, settings=settings))
    assert reply.is_reply and reply.control_id == "9" and reply.outcome == "F"
    assert reply.identity == IDENTITY
    assert reply.settings == settings
    assert str(reply.settings.values["MDC_HDIALY_DIALYSATE_CONC_CA_SETTING"]) == "1.50"


def test_refusal_reply_says_why() -> None:
    message = build_reply("4", IDENTITY, AT, refusal="MDC_X: 900 outside 50-600")
    reply = parse_machine_message(message)
    assert reply.outcome == "Q"
    assert reply.comments == ["MDC_X: 900 outside 50-600"]


def test_report_carries_readings_alarms_and_modes_in_their_groups() -> None:
    events = [
        MachineMode.TREATMENT,
        MachineAlarm("MDC_EVT_HDIALY_BLD_PRESS_VEN_HI", AlarmPriority.HIGH,
                     "Venous pressure high", True, AT, 7),
        Reading("MDC_HDIALY_BLD_PRESS_VEN", Decimal("-12"), "mm[Hg]", AT, 41),
        Reading("MDC_HDIALY_DIALYSATE_TEMP", Decimal("36.5"), "Cel", AT, 42),
    ]  # fmt: skip
    message = build_report(IDENTITY, events, AT)
    assert (
        b"R|1|^^^MDC_HDIALY_BLD_PRESS_VEN|-12|mm[Hg]||||F||||20261203093015|41\r"
        in (message)
    )
    parsed = parse_machine_message(message)
    assert not parsed.is_reply and parsed.outcome == "N"
    assert parsed.events == events


def test_hand_written_report_from_a_vendor_parses() -> None:
    """What a vendor would send after reading docs/protocols/dialysis-astm.md."""
    message = (
        b"H|\\^&|||Acme^HD-9^4.2.1^SN-0042||||||||LIS2-A2|20261203093015\r"
        b"P|1\r"
        b"O|1|||^^^READINGS\r"
        b"R|1|^^^MDC_HDIALY_UF_ACTUAL_REMOVED_VOL|850|mL||||F||||20261203093000|101\r"
        b"O|2|||^^^ALARMS\r"
        b"R|1|^^^MDC_EVT_HDIALY_BLD_AIR_DETECTED|CLEARED^HIGH|||||F||||"
        b"20261203093001|5\r"
        b"C|1|I|Air detected in venous line|I\r"
        b"L|1|N\r"
    )
    parsed = parse_machine_message(message)
    reading, alarm = parsed.events
    assert reading == Reading(
        "MDC_HDIALY_UF_ACTUAL_REMOVED_VOL", Decimal("850"), "mL",
        datetime(2026, 12, 3, 9, 30, tzinfo=UTC), 101,
    )  # fmt: skip
    assert isinstance(alarm, MachineAlarm)
    assert (alarm.raised, alarm.priority, alarm.sequence) == (
        False,
        AlarmPriority.HIGH,
        5,
    )
    assert alarm.text == "Air detected in venous line"
    assert parsed.identity == IDENTITY


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (b"R|1|^^^MDC_A|1e3|mL||||F||||20261203093000|1", "plain decimal"),
        (b"R|1|^^^MDC_A|12|mL||||F||||2026-12-03|1", "YYYYMMDDHHMMSS"),
        (b"R|1|^^^MDC_A|12|mL||||F||||20261203093000|", "running number"),
        (b"R|1|^^^MDC_A|NaN|mL||||F||||20261203093000|1", "plain decimal"),
    ],
)
def test_a_bad_reading_fails_the_message_rather_than_being_guessed(
    record: bytes, reason: str
) -> None:
    message = b"H|\\^&\rP|1\rO|1|||^^^READINGS\r" + record + b"\rL|1|N\r"
    with pytest.raises(RecordError, match=reason):
        parse_machine_message(message)


def test_setting_with_the_wrong_unit_is_refused() -> None:
    message = (
        b"H|\\^&|5\rP|1\rO|1|5||^^^MDC_HDIALY_MACH_TX_MODALITY^HD^|R\r"
        b"O|2|5||^^^MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING^250^L/h|R\rL|1|F\r"
    )
    with pytest.raises(RecordError, match="unit"):
        parse_machine_message(message)


def test_a_partial_write_leaves_the_unwritten_positions_empty() -> None:
    code = "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING"
    partial = MachineSettings(values={code: Decimal("300")}, modality="HDF")
    message = build_request(RequestKind.WRITE_SETTINGS, "3", AT, partial)
    assert b"|HDF\\\\300\\\\\\" in message  # time empty, blood flow 300
    assert parse_request(message).settings == partial


def test_layout_1_settings_are_still_read() -> None:
    message = (
        b"H|\\^&|5\rP|1\rO|1|5||^^^MDC_HDIALY_MACH_TX_MODALITY^HD^|R\r"
        b"O|2|5||^^^MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING^250^mL/min|R\r"
        b"L|1|F\r"
    )
    settings = parse_machine_message(message).settings
    assert settings == MachineSettings(
        {"MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": Decimal("250")}, "HD"
    )


@pytest.mark.parametrize(
    ("o_record", "reason"),
    [
        (b"O|1|5||^^^SETTINGS^3|R|||||||||||||HD", "layout '3'"),
        (b"O|1|5||^^^SETTINGS^2|R|||||||||||||" + b"\\1" * 20, "layout 2 has"),
        (b"O|1|5||^^^SETTINGS^2|R|||||||||||||\\240", "MODALITY"),
        (b"O|1|5||^^^SETTINGS^2|R|||||||||||||HD\\4h", "plain decimal"),
    ],
)
def test_a_bad_layout_2_record_is_refused(o_record: bytes, reason: str) -> None:
    message = b"H|\\^&|5\rP|1\r" + o_record + b"\rL|1|F\r"
    with pytest.raises(RecordError, match=reason):
        parse_machine_message(message)
