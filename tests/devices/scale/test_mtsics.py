"""MT-SICS replies: every status and error reply, and the rejections they raise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devices.errors import DeviceRejected, FramingError
from devices.scale import mtsics
from devices.scale.errors import (
    CommandNotExecutable,
    LogicRejected,
    OutOfRange,
    SyntaxRejected,
    TransmissionRejected,
)
from devices.scale.reading import Range, Stability, WeightKind


def test_stable_weight_reference() -> None:
    reply = mtsics.parse_reply(b"S S     100.00 g")
    reading = mtsics.reading_from_reply(reply)

    assert (reading.value, reading.unit) == (Decimal("100.00"), "g")
    assert reading.stability is Stability.STABLE
    assert reading.kilograms() == Decimal("0.1")


def test_negative_weight_reference() -> None:
    reply = mtsics.parse_reply(b"S S    -0.6800 g")

    assert reply.weight == Decimal("-0.6800")


@pytest.mark.parametrize(
    ("line", "stability"),
    [
        (b"S S     100.00 g", Stability.STABLE),
        (b"S D      12.30 g", Stability.MOTION),
    ],
)
def test_si_is_answered_as_s_like_a_real_balance(
    line: bytes, stability: Stability
) -> None:
    # The MT-SICS manual: SI -> "S S <weight> <unit>" or "S D <weight> <unit>".
    reply = mtsics.parse_reply(line)
    mtsics.raise_for_reply(reply, "SI")
    reading = mtsics.reading_from_reply(reply)

    assert reading.stability is stability
    assert reading.usable is (stability is Stability.STABLE)


def test_an_si_echo_is_not_an_mt_sics_reply() -> None:
    with pytest.raises(FramingError):
        mtsics.raise_for_reply(mtsics.parse_reply(b"SI D      12.30 g"), "SI")


def test_a_dynamic_weight_never_answers_the_stable_command() -> None:
    with pytest.raises(FramingError):
        mtsics.raise_for_reply(mtsics.parse_reply(b"S D      12.30 g"), "S")


@pytest.mark.parametrize("command", ["S", "SI", "SIR"])
@pytest.mark.parametrize(
    ("status", "span"), [("+", Range.OVERLOAD), ("-", Range.UNDERLOAD)]
)
def test_overload_answers_each_weight_command_as_s(
    command: str, status: str, span: Range
) -> None:
    reply = mtsics.parse_reply(f"S {status}".encode())
    mtsics.raise_for_reply(reply, command)

    assert mtsics.reading_from_reply(reply).range is span


def test_tare_now_and_tare_memory_carry_weights() -> None:
    dynamic = mtsics.parse_reply(b"TI D      0.350 kg")
    memory = mtsics.parse_reply(b"TA A     100.00 g")
    mtsics.raise_for_reply(dynamic, "TI")
    mtsics.raise_for_reply(memory, "TA")

    assert (dynamic.weight, memory.weight, memory.unit) == (
        Decimal("0.350"),
        Decimal("100.00"),
        "g",
    )


def test_reset_is_answered_with_the_serial_number() -> None:
    reply = mtsics.parse_reply(b'I4 A "B021002593"')
    mtsics.raise_for_reply(reply, "@")

    assert reply.texts == ("B021002593",)


def test_encoders_answer_as_the_manual_shows() -> None:
    assert mtsics.encode_weight_reply("SI", "D", Decimal("12.30"), "g", 2) == (
        b"S D      12.30 g\r\n"
    )
    assert mtsics.encode_status_reply("SI", "+") == b"S +\r\n"
    assert mtsics.encode_text_reply("@", "B0") == b'I4 A "B0"\r\n'
    assert mtsics.encode_status_reply("ES") == b"ES\r\n"


@pytest.mark.parametrize(
    ("status", "span"), [("+", Range.OVERLOAD), ("-", Range.UNDERLOAD)]
)
def test_overload_and_underload_are_readings_without_value(
    status: str, span: Range
) -> None:
    reply = mtsics.parse_reply(f"S {status}".encode())
    mtsics.raise_for_reply(reply, "S")
    reading = mtsics.reading_from_reply(reply, WeightKind.NET)

    assert (reading.value, reading.range, reading.kind) == (None, span, WeightKind.NET)


@pytest.mark.parametrize(
    ("line", "command", "error"),
    [
        (b"ES", "S", SyntaxRejected),
        (b"ET", "SI", TransmissionRejected),
        (b"EL", "Z", LogicRejected),
        (b"S I", "S", CommandNotExecutable),
        (b"S I", "SI", CommandNotExecutable),
        (b"ZI I", "ZI", CommandNotExecutable),
        (b"ZI +", "ZI", OutOfRange),
        (b"TI -", "TI", OutOfRange),
        (b"TA L", "TA", LogicRejected),
        (b"TAC L", "TAC", LogicRejected),
        (b"I4 I", "I4", CommandNotExecutable),
        (b"ES", "I2", SyntaxRejected),
        (b"Z I", "Z", CommandNotExecutable),
        (b"Z +", "Z", OutOfRange),
        (b"Z -", "Z", OutOfRange),
        (b"T I", "T", CommandNotExecutable),
        (b"T +", "T", OutOfRange),
        (b"T -", "T", OutOfRange),
        (b"TAC I", "TAC", CommandNotExecutable),
    ],
)
def test_each_rejection_has_its_type(
    line: bytes, command: str, error: type[DeviceRejected]
) -> None:
    with pytest.raises(error):
        mtsics.raise_for_reply(mtsics.parse_reply(line), command)


@pytest.mark.parametrize("line", [b"Z A", b"TAC A", b"ZI D", b"ZI S"])
def test_acknowledgements_pass(line: bytes) -> None:
    reply = mtsics.parse_reply(line)

    mtsics.raise_for_reply(reply, reply.command)


def test_tare_reply_carries_the_tare() -> None:
    reply = mtsics.parse_reply(b"T S      1.250 kg")
    mtsics.raise_for_reply(reply, "T")

    assert reply.weight == Decimal("1.250")


def test_identification_texts() -> None:
    serial = mtsics.parse_reply(b'I4 A "B021002593"')
    model = mtsics.parse_reply(b'I2 A "PB3002-S 3100.0 g"')

    assert serial.texts == ("B021002593",)
    assert model.texts == ("PB3002-S 3100.0 g",)


@pytest.mark.parametrize(
    ("line", "command"),
    [
        (b"Z A", "S"),
        (b"T S      1.250 kg", "SI"),
        (b"Z A", "ZI"),
        (b"S S  1.0 kg", "T"),
    ],
)
def test_a_reply_to_another_command_is_refused(line: bytes, command: str) -> None:
    with pytest.raises(FramingError):
        mtsics.raise_for_reply(mtsics.parse_reply(line), command)


@pytest.mark.parametrize(
    "line", [b"", b"S", b"S S", b"S S abc g", b"s s 1 g", b"S S \xb1.0 g", b"S Q 1 g"]
)
def test_malformed_lines_are_framing_errors(line: bytes) -> None:
    with pytest.raises(FramingError):
        mtsics.parse_reply(line)


def test_weight_reply_layout_matches_the_manual() -> None:
    line = mtsics.encode_weight_reply("S", "S", Decimal("100.00"), "g", 2)

    assert line == b"S S     100.00 g\r\n"


def test_commands_end_in_cr_lf_and_bad_ones_are_refused() -> None:
    assert mtsics.encode_command("TAC") == b"TAC\r\n"
    with pytest.raises(ValueError):
        mtsics.encode_command("S\r\nZ")
