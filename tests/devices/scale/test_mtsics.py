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


def test_dynamic_weight_to_si() -> None:
    reading = mtsics.reading_from_reply(mtsics.parse_reply(b"SI D      12.30 kg"))

    assert reading.stability is Stability.MOTION
    assert not reading.usable


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


def test_a_reply_to_another_command_is_refused() -> None:
    with pytest.raises(FramingError):
        mtsics.raise_for_reply(mtsics.parse_reply(b"Z A"), "S")


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
