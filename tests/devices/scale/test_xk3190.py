"""Yaohua XK3190 formats: the reference examples and frames built per the manual."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devices.errors import ChecksumError, FramingError, ProtocolError
from devices.scale import xk3190
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind

A9_REFERENCE = bytes.fromhex("02 2B 30 30 32 30 30 30 32 31 42 03")


def _readings(events: list[ScaleReading | Exception]) -> list[ScaleReading]:
    return [e for e in events if isinstance(e, ScaleReading)]


# --- A9 ----------------------------------------------------------------------


def test_a9_reference_is_plus_20_00() -> None:
    reading = xk3190.parse_a9(A9_REFERENCE)

    assert reading.value == Decimal("20.00")
    assert reading.unit == "kg"
    assert reading.stability is Stability.UNKNOWN  # no flag in this format


def test_a9_check_is_xor_sent_as_ascii_nibbles() -> None:
    assert xk3190.xor(A9_REFERENCE[1:9]) == 0x1B
    assert A9_REFERENCE[9:11] == b"1B"
    assert xk3190.encode_a9(Decimal("20.00"), 2) == A9_REFERENCE


@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 4])
def test_a9_each_decimal_position(decimals: int) -> None:
    body = b"+012345" + str(decimals).encode()
    frame = b"\x02" + body + b"%02X" % xk3190.xor(body) + b"\x03"

    assert xk3190.parse_a9(frame).value == Decimal(12345).scaleb(-decimals)


def test_a9_negative() -> None:
    assert xk3190.parse_a9(xk3190.encode_a9(Decimal("-0.35"), 2)).value == Decimal(
        "-0.35"
    )


def test_a9_bad_check_is_refused() -> None:
    bad = A9_REFERENCE[:10] + b"C" + A9_REFERENCE[11:]

    with pytest.raises(ChecksumError):
        xk3190.parse_a9(bad)


def test_a9_decimals_out_of_range_is_a_framing_error() -> None:
    body = b"+0123459"
    frame = b"\x02" + body + b"%02X" % xk3190.xor(body) + b"\x03"

    with pytest.raises(FramingError):
        xk3190.parse_a9(frame)


def test_a9_decoder_finds_frames_in_a_stream() -> None:
    events = xk3190.a9_decoder().feed(b"\x02\x02+" + A9_REFERENCE * 2)

    assert [r.value for r in _readings(events)] == [Decimal("20.00")] * 2


# --- "=" formats ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "expected"),
    [(b"=000.3000", Decimal("3.000")), (b"=00.1000-", Decimal("-1.00"))],
)
def test_equals_reference_examples(frame: bytes, expected: Decimal) -> None:
    assert xk3190.parse_equals(frame).value == expected


def test_equals_format_2_is_unreversed() -> None:
    reading = xk3190.parse_equals(b"=0003.000", reversed_=False)

    assert reading.value == Decimal("3.000")
    assert xk3190.encode_equals(Decimal("3.000"), 3, reversed_=False) == b"=0003.000"
    assert xk3190.parse_equals(b"=-0001.00", reversed_=False).value == Decimal("-1.00")


def test_equals_integer_display_has_no_point() -> None:
    assert xk3190.encode_equals(Decimal(125), 0) == b"=52100000"
    assert xk3190.parse_equals(b"=52100000").value == Decimal(125)


@pytest.mark.parametrize(
    "frame", [b"=00x.3000", b"=0.0.3000", b"=000.300+", b"=......0"]
)
def test_equals_malformed_frames_are_refused(frame: bytes) -> None:
    with pytest.raises(FramingError):
        xk3190.parse_equals(frame)


def test_equals_decoder_streams_without_terminators() -> None:
    events = xk3190.equals_decoder().feed(b"=000.3000=00.1000-=000")

    assert [r.value for r in _readings(events)] == [Decimal("3.000"), Decimal("-1.00")]


# --- A12E ----------------------------------------------------------------------


def test_a12e_reference_is_4_139_kg_gross() -> None:
    reading = xk3190.parse_a12e(b"WG004.139kg3D")

    assert reading.value == Decimal("4.139")
    assert reading.kind is WeightKind.GROSS
    assert xk3190.encode_a12e(Decimal("4.139")) == b"WG004.139kg3D\r\n"


def test_a12e_net_and_negative() -> None:
    line = xk3190.encode_a12e(Decimal("-0.250"), net=True)
    reading = xk3190.parse_a12e(line.rstrip(b"\r\n"))

    assert line.startswith(b"WN-00.250kg")
    assert (reading.value, reading.kind) == (Decimal("-0.250"), WeightKind.NET)


def test_a12e_overload_shows_ol_and_no_value() -> None:
    line = xk3190.encode_a12e(None, overload=True)
    reading = xk3190.parse_a12e(line.rstrip(b"\r\n"))

    assert line[:9] == b"WG     OL"
    assert (reading.value, reading.range) == (None, Range.OVERLOAD)


def test_a12e_bad_check_is_refused() -> None:
    with pytest.raises(ChecksumError):
        xk3190.parse_a12e(b"WG004.139kg3E")


def test_a12e_decoder_reads_lines() -> None:
    events = xk3190.a12e_decoder().feed(b"noise\r\nWG004.139kg3D\r\nWG004.1")

    assert [r.value for r in _readings(events)] == [Decimal("4.139")]
    assert any(isinstance(e, FramingError) for e in events)


def test_a_lower_case_check_is_not_the_manuals_check() -> None:
    # The reference frame's check is "1B"; "1b" is "B" with bit 5 flipped.
    frame = bytes.fromhex("02 2B 30 30 32 30 30 30 32 31 42 03")
    assert xk3190.parse_a9(frame).value == Decimal("20.00")

    with pytest.raises(ProtocolError):
        xk3190.parse_a9(frame[:10] + b"b" + frame[11:])
    with pytest.raises(ProtocolError):
        xk3190.parse_a12e(b"WG004.139kg3d")


@pytest.mark.parametrize("protocol", ["xk3190-a9", "xk3190-eq", "xk3190-eq2"])
def test_unit_less_formats_read_in_the_configured_unit(protocol: str) -> None:
    from devices.scale.protocols import CONTINUOUS, UNITLESS

    value = Decimal("250.00")
    frame = (
        xk3190.encode_a9(value, 2)
        if protocol == "xk3190-a9"
        else xk3190.encode_equals(value, 2, reversed_=protocol == "xk3190-eq")
    )
    [in_grams] = UNITLESS[protocol]("g").feed(frame)
    [by_default] = CONTINUOUS[protocol]().feed(frame)

    assert isinstance(in_grams, ScaleReading) and isinstance(by_default, ScaleReading)
    assert (in_grams.value, in_grams.unit, by_default.unit) == (value, "g", "kg")
