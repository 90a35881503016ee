"""Toledo continuous frames: the reference example and frames built per the manual."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from devices.errors import ChecksumError, FramingError
from devices.scale import toledo
from devices.scale.errors import UnsupportedFrame
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind

REFERENCE = bytes.fromhex("02 2C 30 20 30 30 31 32 33 34 30 30 30 30 30 30 0D 2B")


def test_reference_example_is_12_34_kg_stable_gross() -> None:
    reading = toledo.parse_frame(REFERENCE)

    assert reading.value == Decimal("12.34")
    assert reading.unit == "kg"
    assert reading.kind is WeightKind.GROSS
    assert reading.stability is Stability.STABLE
    assert reading.range is Range.OK
    assert reading.tare == Decimal("0.00")


def test_encoder_reproduces_the_reference_bytes() -> None:
    assert toledo.encode_frame(Decimal("12.34")) == REFERENCE


def test_checksum_of_reference_body() -> None:
    assert toledo.checksum(REFERENCE[:17]) == 0x2B


@pytest.mark.parametrize(
    ("swa_low_bits", "digits", "expected"),
    [
        (0, b"000123", Decimal("12300")),
        (1, b"000123", Decimal("1230")),
        (2, b"000123", Decimal("123")),
        (3, b"000123", Decimal("12.3")),
        (4, b"000123", Decimal("1.23")),
        (5, b"000123", Decimal("0.123")),
        (6, b"000123", Decimal("0.0123")),
        (7, b"000123", Decimal("0.00123")),
    ],
)
def test_each_decimal_point_position(
    swa_low_bits: int, digits: bytes, expected: Decimal
) -> None:
    body = bytes([0x02, 0x28 | swa_low_bits, 0x30, 0x20]) + digits + b"000000\r"
    frame = body + bytes([toledo.checksum(body)])

    assert toledo.parse_frame(frame).value == expected


def _frame(swb: int, weight: bytes = b"001234", tare: bytes = b"000000") -> bytes:
    body = bytes([0x02, 0x2C, swb, 0x20]) + weight + tare + b"\r"
    return body + bytes([toledo.checksum(body)])


def test_negative_net_in_motion() -> None:
    reading = toledo.parse_frame(_frame(0x30 | 0x01 | 0x02 | 0x08, tare=b"000500"))

    assert reading.value == Decimal("-12.34")
    assert reading.kind is WeightKind.NET
    assert reading.stability is Stability.MOTION
    assert reading.tare == Decimal("5.00")
    assert not reading.usable


def test_out_of_range_carries_no_value() -> None:
    over = toledo.parse_frame(_frame(0x30 | 0x04))
    under = toledo.parse_frame(_frame(0x30 | 0x04 | 0x02))

    assert (over.value, over.range) == (None, Range.OVERLOAD)
    assert (under.value, under.range) == (None, Range.UNDERLOAD)


def test_pounds_when_the_kg_bit_is_clear() -> None:
    reading = toledo.parse_frame(_frame(0x20))

    assert reading.unit == "lb"
    assert reading.kilograms() == Decimal("12.34") * Decimal("0.45359237")


@pytest.mark.parametrize("increment", [1, 2, 5])
def test_display_increment_round_trips(increment: int) -> None:
    frame = toledo.encode_frame(Decimal("10.00"), increment=increment)

    assert toledo.increment_from_swa(frame[1]) == increment


def test_bad_checksum_is_refused() -> None:
    bad = REFERENCE[:17] + bytes([REFERENCE[17] ^ 0x01])

    with pytest.raises(ChecksumError):
        toledo.parse_frame(bad)


def test_non_digit_weight_is_a_framing_error() -> None:
    with pytest.raises(FramingError):
        toledo.parse_frame(_frame(0x30, weight=b"0012A4"))


def test_decoder_skips_garbage_and_joins_split_frames() -> None:
    decoder = toledo.decoder()

    first = decoder.feed(b"\x02\xffjunk" + REFERENCE[:7])
    second = decoder.feed(REFERENCE[7:] + REFERENCE)

    readings = [e for e in first + second if not isinstance(e, Exception)]
    assert [r.value for r in readings] == [Decimal("12.34"), Decimal("12.34")]
    assert any(isinstance(e, FramingError) for e in first + second)


def test_decoder_reports_a_bad_check_and_yields_no_weight() -> None:
    bad = REFERENCE[:17] + bytes([REFERENCE[17] ^ 0x10])

    events = toledo.decoder().feed(bad)

    assert len(events) == 1
    assert isinstance(events[0], ChecksumError)


def test_a_print_request_leaves_the_weight_as_it_is() -> None:
    reading = toledo.parse_frame(toledo.encode_frame(Decimal("12.34"), swc=0x28))

    assert (reading.value, reading.unit) == (Decimal("12.34"), "kg")


@pytest.mark.parametrize(
    ("swc", "reason"),
    [
        (0x21, "in g"),  # grams: read as kg it would be 1000x too heavy
        (0x22, "in t"),  # metric tons: 1000x too light
        (0x23, "in oz"),
        (0x27, "in custom"),
        (0x30, "expanded (x10)"),  # one more digit: 10x too heavy
        (0x60, "unknown flags"),
    ],
)
def test_unit_extensions_and_expanded_display_are_refused(
    swc: int, reason: str
) -> None:
    frame = toledo.encode_frame(Decimal("12.34"), swc=swc)

    with pytest.raises(UnsupportedFrame, match=re.escape(reason)):
        toledo.parse_frame(frame)
    events = toledo.decoder().feed(frame * 3)
    assert events and not any(isinstance(e, ScaleReading) for e in events)
