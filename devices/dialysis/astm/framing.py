"""ASTM E1381 (CLSI LIS01) frames: building, checking, splitting. No I/O.

A frame is ``STX FN text ETX|ETB C1 C2 CR LF``: a frame number digit, at most
240 bytes of text, ETB for an intermediate frame and ETX for the last frame
of a message, and a checksum (sum of the bytes from FN through ETX/ETB,
modulo 256, as two upper-case hex digits).

Pure functions over bytes. The link-level dialogue (ENQ/ACK, timers,
retransmission) is in ``lowlevel.py``; records are in ``records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.errors import ChecksumError, FramingError

SOH = 0x01
STX = 0x02
ETX = 0x03
EOT = 0x04
ENQ = 0x05
ACK = 0x06
DLE = 0x10
DC1, DC2, DC3, DC4 = 0x11, 0x12, 0x13, 0x14
NAK = 0x15
SYN = 0x16
ETB = 0x17
LF = 0x0A
CR = 0x0D

MAX_TEXT = 240
# STX FN text ETX C1 C2 CR LF
MAX_FRAME = MAX_TEXT + 7

# Bytes that may never appear in frame text (LIS01, restricted characters).
FORBIDDEN = frozenset(
    {SOH, STX, ETX, EOT, ENQ, ACK, DLE, NAK, SYN, ETB, LF, DC1, DC2, DC3, DC4}
)

_HEX = b"0123456789ABCDEF"


@dataclass(frozen=True)
class Frame:
    number: int  # 0-7
    text: bytes
    final: bool  # True: ETX, the last frame of a message; False: ETB

    def encode(self) -> bytes:
        return build_frame(self.number, self.text, final=self.final)


def checksum(body: bytes) -> bytes:
    """Two upper-case hex digits: the sum of ``body`` modulo 256.

    ``body`` runs from the frame number through ETX or ETB inclusive.
    """
    total = sum(body) % 256
    return bytes((_HEX[total >> 4], _HEX[total & 0x0F]))


def check_text(text: bytes) -> None:
    """FramingError naming the first restricted byte or an over-long text."""
    if len(text) > MAX_TEXT:
        raise FramingError(f"frame text is {len(text)} bytes, at most {MAX_TEXT}")
    for position, byte in enumerate(text):
        if byte in FORBIDDEN:
            raise FramingError(
                f"restricted character 0x{byte:02X} at text position {position}"
            )


def build_frame(number: int, text: bytes, *, final: bool) -> bytes:
    """One encoded frame; FramingError if ``text`` cannot be carried."""
    if not 0 <= number <= 7:
        raise ValueError(f"frame number must be 0-7, got {number}")
    check_text(text)
    body = bytes((0x30 + number,)) + text + bytes((ETX if final else ETB,))
    return bytes((STX,)) + body + checksum(body) + bytes((CR, LF))


def parse_frame(raw: bytes) -> Frame:
    """Check one complete frame, STX through LF.

    Raises FramingError for a missing or misplaced terminator, a bad frame
    number digit or a restricted character, ChecksumError for a bad check.
    """
    if len(raw) < 7 or raw[0] != STX:
        raise FramingError(f"a frame starts with STX and has 7+ bytes: {raw[:12]!r}")
    if len(raw) > MAX_FRAME:
        raise FramingError(f"frame is {len(raw)} bytes, at most {MAX_FRAME}")
    if raw[-2:] != bytes((CR, LF)):
        raise FramingError("frame does not end in CR LF")
    terminator = raw[-5]
    if terminator not in (ETX, ETB):
        raise FramingError(f"frame has 0x{terminator:02X} where ETX or ETB belongs")
    digit = raw[1]
    if not 0x30 <= digit <= 0x37:
        raise FramingError(f"frame number byte 0x{digit:02X} is not a digit 0-7")
    text = raw[2:-5]
    check_text(text)
    body = raw[1:-4]
    expected = checksum(body)
    if raw[-4:-2] != expected:
        raise ChecksumError(
            f"frame {digit - 0x30}: checksum {raw[-4:-2]!r}, computed {expected!r}"
        )
    return Frame(number=digit - 0x30, text=text, final=terminator == ETX)


def split_message(message: bytes, first_number: int = 1) -> list[Frame]:
    """The frames that carry ``message``: 240-byte pieces, ETB then ETX.

    Frame numbers run on from ``first_number`` modulo 8. FramingError if the
    message holds a restricted byte (records are separated by CR, never LF).
    """
    for position, byte in enumerate(message):
        if byte in FORBIDDEN:
            raise FramingError(
                f"restricted character 0x{byte:02X} at message position {position}"
            )
    pieces = [message[i : i + MAX_TEXT] for i in range(0, len(message), MAX_TEXT)]
    if not pieces:
        pieces = [b""]
    return [
        Frame(
            number=(first_number + index) % 8,
            text=piece,
            final=index == len(pieces) - 1,
        )
        for index, piece in enumerate(pieces)
    ]
