"""E1381 frames from the reference's bytes and frames built by hand."""

from __future__ import annotations

import pytest

from devices.dialysis.astm.framing import (
    ETB,
    ETX,
    FORBIDDEN,
    MAX_TEXT,
    Frame,
    build_frame,
    checksum,
    parse_frame,
    split_message,
)
from devices.errors import ChecksumError, FramingError

REFERENCE_FRAME = bytes.fromhex("02 31 48 7C 5C 5E 26 0D 03 45 35 0D 0A")


def test_reference_checksum_is_e5() -> None:
    assert checksum(b"1H|\\^&\r\x03") == b"E5"


def test_reference_frame_is_built_byte_for_byte() -> None:
    assert build_frame(1, b"H|\\^&\r", final=True) == REFERENCE_FRAME


def test_reference_frame_parses() -> None:
    assert parse_frame(REFERENCE_FRAME) == Frame(1, b"H|\\^&\r", final=True)


def _hand_built(number: int, text: bytes, terminator: int) -> bytes:
    """A frame assembled without build_frame, per the standard's recipe."""
    body = bytes([0x30 + number]) + text + bytes([terminator])
    total = sum(body) % 256
    return b"\x02" + body + f"{total:02X}".encode() + b"\r\n"


def test_hand_built_intermediate_frame_with_etb() -> None:
    raw = _hand_built(2, b"R|1|^^^MDC_HDIALY_BLD_PRESS_VEN|150", ETB)
    frame = parse_frame(raw)
    assert frame.number == 2 and not frame.final
    assert frame.encode() == raw


def test_checksum_digits_are_upper_case() -> None:
    raw = build_frame(0, b"\xfa\xfa", final=True)  # sum 0x30+0xFA+0xFA+0x03 = 0x227
    assert raw[-4:-2] == b"27"
    raw = build_frame(7, b"z", final=False)  # 0x37+0x7A+0x17 = 0xC8
    assert raw[-4:-2] == b"C8"


def test_long_message_is_split_with_etb_continuation() -> None:
    message = bytes(range(0x20, 0x7F)) * 6 + b"\r"  # 571 bytes
    frames = split_message(message)
    assert [len(f.text) for f in frames] == [240, 240, 91]
    assert [f.final for f in frames] == [False, False, True]
    assert [f.number for f in frames] == [1, 2, 3]
    encoded = [f.encode() for f in frames]
    assert [e[-5] for e in encoded] == [ETB, ETB, ETX]
    assert all(len(e) <= 247 for e in encoded)
    assert b"".join(parse_frame(e).text for e in encoded) == message


def test_frame_numbers_wrap_modulo_eight() -> None:
    frames = split_message(b"x" * (MAX_TEXT * 10))
    assert [f.number for f in frames] == [1, 2, 3, 4, 5, 6, 7, 0, 1, 2]


@pytest.mark.parametrize("byte", sorted(FORBIDDEN), ids=lambda b: f"0x{b:02X}")
def test_every_restricted_character_is_refused(byte: int) -> None:
    text = b"R|1|" + bytes([byte]) + b"|x"
    with pytest.raises(FramingError, match=f"0x{byte:02X}"):
        build_frame(1, text, final=True)
    with pytest.raises(FramingError, match=f"0x{byte:02X}"):
        split_message(text)
    # A sender that ignores the rule: the receiver still refuses the frame,
    # even though its checksum is right.
    raw = _hand_built(1, text, ETX)
    if byte in (ETX, ETB):
        # the terminator is found early, so the frame is cut short
        with pytest.raises(FramingError):
            parse_frame(raw[: raw.index(bytes([byte]), 2) + 5])
    else:
        with pytest.raises(FramingError, match=f"0x{byte:02X}"):
            parse_frame(raw)


def test_bad_checksum_is_a_checksum_error() -> None:
    corrupt = REFERENCE_FRAME[:-4] + b"E6" + REFERENCE_FRAME[-2:]
    with pytest.raises(ChecksumError, match="E6"):
        parse_frame(corrupt)


@pytest.mark.parametrize(
    "raw",
    [
        REFERENCE_FRAME[:-1],  # no LF
        REFERENCE_FRAME[:-2] + b"\n\r",  # CR LF swapped
        REFERENCE_FRAME.replace(b"\x03", b"\x0d"),  # no ETX
        b"\x02" + b"9H|" + REFERENCE_FRAME[3:],  # frame number 9
        b"\x02" + b"1" + b"x" * 241 + b"\x03AA\r\n",  # text too long
    ],
    ids=["no-LF", "swapped", "no-ETX", "number-9", "too-long"],
)
def test_malformed_frames_are_framing_errors(raw: bytes) -> None:
    with pytest.raises(FramingError):
        parse_frame(raw)


def test_text_of_exactly_240_fits_and_241_does_not() -> None:
    assert len(build_frame(1, b"a" * 240, final=True)) == 247
    with pytest.raises(FramingError, match="241"):
        build_frame(1, b"a" * 241, final=True)
