"""Hypothesis: no bytes crash a parser, no bad check becomes a weight, round trips."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from devices.errors import ProtocolError
from devices.scale import mtsics, toledo, xk3190
from devices.scale.framing import FrameDecoder
from devices.scale.protocols import CONTINUOUS
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind

FUZZ = settings(max_examples=300, deadline=None)
DECODERS: dict[str, Callable[[], FrameDecoder]] = dict(CONTINUOUS)


@pytest.mark.parametrize("protocol", sorted(DECODERS))
@FUZZ
@given(chunks=st.lists(st.binary(max_size=64), max_size=12))
def test_arbitrary_bytes_only_give_readings_or_protocol_errors(
    protocol: str, chunks: list[bytes]
) -> None:
    decoder = DECODERS[protocol]()
    for chunk in chunks:
        for event in decoder.feed(chunk):
            assert isinstance(event, ScaleReading | ProtocolError)


@FUZZ
@given(line=st.binary(max_size=40))
def test_mtsics_parser_raises_only_framing_errors(line: bytes) -> None:
    try:
        reply = mtsics.parse_reply(line)
    except ProtocolError:
        return
    try:
        mtsics.raise_for_reply(reply, reply.command)
        mtsics.reading_from_reply(reply)
    except ProtocolError:
        pass


# --- a frame whose check fails never yields a weight -------------------------------


@FUZZ
@given(body=st.binary(min_size=15, max_size=15), check=st.integers(0, 255))
def test_toledo_weight_only_with_a_good_check(body: bytes, check: int) -> None:
    frame = b"\x02" + body + b"\r" + bytes([check])
    for event in toledo.decoder().feed(frame):
        if isinstance(event, ScaleReading):
            assert toledo.checksum(frame[:17]) == check


@FUZZ
@given(body=st.binary(min_size=8, max_size=8), check=st.binary(min_size=2, max_size=2))
def test_a9_weight_only_with_a_good_check(body: bytes, check: bytes) -> None:
    frame = b"\x02" + body + check + b"\x03"
    for event in xk3190.a9_decoder().feed(frame):
        if isinstance(event, ScaleReading):
            assert check == b"%02X" % xk3190.xor(body)


@FUZZ
@given(
    body=st.binary(min_size=11, max_size=11), check=st.binary(min_size=2, max_size=2)
)
def test_a12e_weight_only_with_a_good_check(body: bytes, check: bytes) -> None:
    for event in xk3190.a12e_decoder().feed(b"W" + body[1:] + check + b"\r\n"):
        if isinstance(event, ScaleReading):
            assert check == b"%02X" % xk3190.xor(b"W" + body[1:])


@FUZZ
@given(
    value=st.decimals(min_value=-99, max_value=99, places=2),
    flip=st.integers(1, 0x7F),
)
def test_toledo_any_changed_check_is_refused(value: Decimal, flip: int) -> None:
    frame = toledo.encode_frame(value)
    bad = frame[:17] + bytes([frame[17] ^ flip])

    assert not any(isinstance(e, ScaleReading) for e in toledo.decoder().feed(bad))


def _a12e_frame(counts: int, decimals: int) -> bytes:
    value = Decimal(counts).scaleb(-decimals)
    assume(len(f"{value:.{decimals}f}") <= 7)
    return xk3190.encode_a12e(value, decimals)


def _readings(decoder: Callable[[], FrameDecoder], data: bytes) -> list[ScaleReading]:
    return [e for e in decoder().feed(data) if isinstance(e, ScaleReading)]


@FUZZ
@given(
    counts=st.integers(-999_999, 999_999),
    decimals=st.integers(0, 4),
    check=st.binary(min_size=2, max_size=2),
)
def test_a9_any_other_check_is_refused(
    counts: int, decimals: int, check: bytes
) -> None:
    frame = xk3190.encode_a9(Decimal(counts).scaleb(-decimals), decimals)
    assume(check != frame[9:11])
    bad = frame[:9] + check + frame[11:]

    assert _readings(xk3190.a9_decoder, bad) == []
    assert len(_readings(xk3190.a9_decoder, frame)) == 1  # the good one reads


@FUZZ
@given(
    counts=st.integers(-999_999, 999_999),
    decimals=st.integers(0, 4),
    at=st.integers(1, 8),
    new=st.integers(0, 255),
)
def test_a9_any_changed_byte_under_the_check_is_refused(
    counts: int, decimals: int, at: int, new: int
) -> None:
    frame = xk3190.encode_a9(Decimal(counts).scaleb(-decimals), decimals)
    assume(frame[at] != new)
    bad = frame[:at] + bytes([new]) + frame[at + 1 :]

    assert _readings(xk3190.a9_decoder, bad) == []


@FUZZ
@given(
    counts=st.integers(-99_999, 999_999),
    decimals=st.integers(1, 5),
    check=st.binary(min_size=2, max_size=2),
)
def test_a12e_any_other_check_is_refused(
    counts: int, decimals: int, check: bytes
) -> None:
    frame = _a12e_frame(counts, decimals)
    assume(check != frame[11:13])
    bad = frame[:11] + check + frame[13:]

    assert _readings(xk3190.a12e_decoder, bad) == []
    assert len(_readings(xk3190.a12e_decoder, frame)) == 1


@FUZZ
@given(
    counts=st.integers(-99_999, 999_999),
    decimals=st.integers(1, 5),
    at=st.integers(0, 10),
    new=st.integers(0, 255),
)
def test_a12e_any_changed_byte_under_the_check_is_refused(
    counts: int, decimals: int, at: int, new: int
) -> None:
    frame = _a12e_frame(counts, decimals)
    assume(frame[at] != new and new not in b"\r\n")
    bad = frame[:at] + bytes([new]) + frame[at + 1 :]

    assert _readings(xk3190.a12e_decoder, bad) == []


# --- round trips -------------------------------------------------------------------

weights = st.integers(-999_999, 999_999)


@FUZZ
@given(
    counts=weights,
    decimals=st.integers(0, 5),
    net=st.booleans(),
    motion=st.booleans(),
    kg=st.booleans(),
)
def test_toledo_round_trip(
    counts: int, decimals: int, net: bool, motion: bool, kg: bool
) -> None:
    value = Decimal(counts).scaleb(-decimals)
    frame = toledo.encode_frame(
        value, decimals=decimals, net=net, motion=motion, unit="kg" if kg else "lb"
    )
    reading = toledo.parse_frame(frame)

    assert reading.value == value
    assert reading.kind is (WeightKind.NET if net else WeightKind.GROSS)
    assert reading.stability is (Stability.MOTION if motion else Stability.STABLE)
    assert reading.unit == ("kg" if kg else "lb")


@FUZZ
@given(counts=weights, decimals=st.integers(0, 4))
def test_a9_round_trip(counts: int, decimals: int) -> None:
    value = Decimal(counts).scaleb(-decimals)

    assert xk3190.parse_a9(xk3190.encode_a9(value, decimals)).value == value


@FUZZ
@given(
    counts=st.integers(-99_999, 999_999),
    decimals=st.integers(1, 5),
    reversed_=st.booleans(),
)
def test_equals_round_trip(counts: int, decimals: int, reversed_: bool) -> None:
    value = Decimal(counts).scaleb(-decimals)
    frame = xk3190.encode_equals(value, decimals, reversed_=reversed_)

    assert xk3190.parse_equals(frame, reversed_=reversed_).value == value


@FUZZ
@given(
    counts=st.integers(-99_999, 999_999), decimals=st.integers(1, 5), net=st.booleans()
)
def test_a12e_round_trip(counts: int, decimals: int, net: bool) -> None:
    value = Decimal(counts).scaleb(-decimals)
    assume(len(f"{value:.{decimals}f}") <= 7)  # the field is 7 characters wide
    line = xk3190.encode_a12e(value, decimals, net=net)
    reading = xk3190.parse_a12e(line.removesuffix(b"\r\n"))

    assert (reading.value, reading.range) == (value, Range.OK)
    assert reading.kind is (WeightKind.NET if net else WeightKind.GROSS)


@FUZZ
@given(
    counts=st.integers(-(10**8), 10**8),
    decimals=st.integers(0, 4),
    answer=st.sampled_from(
        # command, the reply's identifier and status per the MT-SICS manual
        [
            ("S", "S", "S"),
            ("SI", "S", "S"),
            ("SI", "S", "D"),
            ("SIR", "S", "D"),
            ("T", "T", "S"),
            ("TI", "TI", "S"),
            ("TI", "TI", "D"),
        ]
    ),
)
def test_mtsics_weight_reply_round_trip(
    counts: int, decimals: int, answer: tuple[str, str, str]
) -> None:
    command, reply_id, status = answer
    value = Decimal(counts).scaleb(-decimals)
    line = mtsics.encode_weight_reply(command, status, value, "kg", decimals)
    reply = mtsics.parse_reply(line.removesuffix(b"\r\n"))
    mtsics.raise_for_reply(reply, command)

    assert (reply.command, reply.status, reply.weight) == (reply_id, status, value)


@FUZZ
@given(
    cuts=st.lists(st.integers(0, 90), max_size=6),
    protocol=st.sampled_from(sorted(DECODERS)),
)
def test_chunking_never_changes_what_is_decoded(cuts: list[int], protocol: str) -> None:
    stream = {
        toledo.PROTOCOL: toledo.encode_frame(Decimal("1.25")) * 5,
        xk3190.A9: xk3190.encode_a9(Decimal("1.25")) * 5,
        xk3190.A12E: xk3190.encode_a12e(Decimal("1.250")) * 5,
        xk3190.EQUALS: xk3190.encode_equals(Decimal("1.250")) * 5,
        xk3190.EQUALS_FORWARD: xk3190.encode_equals(Decimal("1.250"), reversed_=False)
        * 5,
    }[protocol]
    decoder = DECODERS[protocol]()
    bounds = [0, *sorted(c % (len(stream) + 1) for c in cuts), len(stream)]

    events = [
        e for a, b in itertools.pairwise(bounds) for e in decoder.feed(stream[a:b])
    ]

    assert [e.value for e in events if isinstance(e, ScaleReading)] == [
        Decimal("1.25")
    ] * 5
