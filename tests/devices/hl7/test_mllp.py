"""MLLP framing with bytes alone: splits anywhere, garbage between frames."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.dialysis.hl7.mllp import MllpFramer, wrap

VT, FS, CR = b"\x0b", b"\x1c", b"\x0d"

payloads = st.binary(max_size=300).map(lambda b: b.replace(VT, b"").replace(FS, b""))
# Noise between frames may hold anything but the start byte.
garbage = st.binary(max_size=40).map(lambda b: b.replace(VT, b""))


def feed_in_pieces(framer: MllpFramer, stream: bytes, cuts: list[int]) -> list[bytes]:
    found: list[bytes] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(stream)]:
        found.extend(framer.feed(stream[start:cut]))
        start = cut
    return found


def test_wrap_puts_the_block_characters_around() -> None:
    assert wrap(b"MSH|x") == b"\x0bMSH|x\x1c\x0d"


def test_wrap_refuses_a_message_holding_a_block_character() -> None:
    with pytest.raises(ValueError, match="VT"):
        wrap(b"MSH\x1cx")


def test_one_frame_in_one_read() -> None:
    assert MllpFramer().feed(wrap(b"MSH|a\rPID|b\r")) == [b"MSH|a\rPID|b\r"]


def test_bytes_before_and_between_frames_are_skipped_and_counted() -> None:
    framer = MllpFramer()

    found = framer.feed(b"noise\r\n" + wrap(b"one") + b"\x1c\r" + wrap(b"two"))

    assert found == [b"one", b"two"]
    assert framer.skipped_bytes == 9


def test_a_new_start_block_abandons_a_half_frame() -> None:
    framer = MllpFramer()

    found = framer.feed(b"\x0bhalf a mess" + wrap(b"whole"))

    assert found == [b"whole"]
    assert framer.skipped_bytes == len(b"\x0bhalf a mess")


def test_end_block_without_carriage_return_ends_nothing() -> None:
    framer = MllpFramer()

    assert framer.feed(b"\x0bbroken\x1cX") == []
    assert framer.feed(wrap(b"next")) == [b"next"]


def test_reset_forgets_a_frame_cut_by_a_lost_connection() -> None:
    framer = MllpFramer()
    framer.feed(b"\x0bfirst half")
    assert framer.mid_frame

    framer.reset()

    assert not framer.mid_frame
    assert framer.feed(b"second half\x1c\r") == []


def test_a_runaway_frame_is_skipped() -> None:
    framer = MllpFramer(max_message_bytes=10)

    assert framer.feed(b"\x0b" + b"x" * 11 + b"\x1c\r") == []
    assert framer.feed(wrap(b"short")) == [b"short"]


@settings(max_examples=150)
@given(
    messages=st.lists(payloads, max_size=6),
    noise=st.lists(garbage, min_size=7, max_size=7),
    cuts=st.lists(st.integers(min_value=0, max_value=3000), max_size=30),
)
def test_any_messages_survive_any_splitting_and_noise_between(
    messages: list[bytes], noise: list[bytes], cuts: list[int]
) -> None:
    stream = b"".join(n + wrap(m) for n, m in zip(noise, messages, strict=False))
    stream += noise[-1]

    found = feed_in_pieces(MllpFramer(), stream, [c % (len(stream) + 1) for c in cuts])

    assert found == messages


@settings(max_examples=150)
@given(data=st.binary(max_size=2000), cuts=st.lists(st.integers(0, 2000), max_size=20))
def test_arbitrary_bytes_never_raise_and_never_yield_a_block_character(
    data: bytes, cuts: list[int]
) -> None:
    framer = MllpFramer(max_message_bytes=500)

    for message in feed_in_pieces(framer, data, cuts):
        assert VT not in message and FS not in message
    assert framer.feed(wrap(b"after")) == [b"after"]


def test_a_start_block_right_after_a_lone_end_block_starts_the_next_frame() -> None:
    framer = MllpFramer()

    assert framer.feed(b"\x0bcut short\x1c" + wrap(b"next")) == [b"next"]


@settings(max_examples=150)
@given(data=st.binary(max_size=1500), cuts=st.lists(st.integers(0, 1500), max_size=20))
def test_how_bytes_are_split_never_changes_what_comes_out(
    data: bytes, cuts: list[int]
) -> None:
    whole = MllpFramer(max_message_bytes=300)
    pieces = MllpFramer(max_message_bytes=300)

    assert whole.feed(data) == feed_in_pieces(pieces, data, cuts)
    assert whole.skipped_bytes == pieces.skipped_bytes
