"""Yaohua XK3190 indicator formats: A9 continuous, the ``=`` format, A12E.

- A9: ``STX sign d d d d d d dp Xhi Xlo ETX`` (12 bytes). ``dp`` is the number
  of decimals; the check is the XOR of sign through ``dp``, each nibble sent as
  an ASCII hex digit. No unit, no stability flag.
- ``=`` format 1: ``=`` then the 7 display characters least significant
  first, then ``0`` (positive) or ``-``; format 2 sends the 8 characters in
  reading order (sign first). No check, no unit, no stability flag.
- A12E: ``W`` ``G``/``N``, a 7-character weight, the unit ``kg``, the XOR of all
  earlier bytes as two hex digits, CR LF. Overload shows as ``OL``; we read
  ``-OL`` as underload (an assumption: the manual we have names only OL).

Formats without a unit are read in the unit the caller configures (the
indicator's setting, kg on the wards). Parsing and building only; no I/O.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from devices.errors import ChecksumError, FramingError
from devices.scale.framing import FrameDecoder, LineFramer, StartByteFramer
from devices.scale.reading import Range, ScaleReading, WeightKind

A9 = "xk3190-a9"
EQUALS = "xk3190-eq"  # format 1, reversed
EQUALS_FORWARD = "xk3190-eq2"  # format 2, reading order
A12E = "xk3190-a12e"

STX, ETX = 0x02, 0x03
A9_LENGTH = 12
EQUALS_LENGTH = 9
_HEX_DIGITS = b"0123456789ABCDEF"


def xor(data: bytes) -> int:
    result = 0
    for byte in data:
        result ^= byte
    return result


def _hex_pair(value: int) -> bytes:
    return bytes([_HEX_DIGITS[value >> 4], _HEX_DIGITS[value & 0x0F]])


def _read_hex_pair(pair: bytes) -> int:
    """Two upper-case hex digits, as sent (0x30 + n, 0x37 + n): ``1b`` is not ``1B``.

    A lower-case letter is an upper-case one with bit 5 flipped on the line.
    """
    if len(pair) != 2 or any(byte not in _HEX_DIGITS for byte in pair):
        raise FramingError(f"check is not two upper-case hex digits: {pair!r}")
    return int(pair.decode("ascii"), 16)


def _to_decimal(text: str) -> Decimal:
    if not re.fullmatch(r"-?\d*\.?\d*", text) or not any(c.isdigit() for c in text):
        raise FramingError(f"not a weight: {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise FramingError(f"not a weight: {text!r}") from None


# --- A9 -----------------------------------------------------------------------


def a9_looks_whole(candidate: bytes) -> bool:
    return candidate[11] == ETX and candidate[1] in b"+-"


def parse_a9(frame: bytes, unit: str = "kg") -> ScaleReading:
    if len(frame) != A9_LENGTH or frame[0] != STX or not a9_looks_whole(frame):
        raise FramingError(f"not an A9 frame ({len(frame)} bytes)")
    expected = xor(frame[1:9])
    if _read_hex_pair(frame[9:11]) != expected:
        raise ChecksumError(f"A9 check {frame[9:11]!r}, computed {expected:#04x}")
    digits, point = frame[2:8], frame[8:9]
    if not digits.isdigit() or point not in (b"0", b"1", b"2", b"3", b"4"):
        raise FramingError(f"A9 weight {digits!r} or decimals {point!r} invalid")
    magnitude = Decimal(int(digits)).scaleb(-int(point))
    value = -magnitude if frame[1:2] == b"-" else magnitude
    return ScaleReading(value=value, unit=unit)


def encode_a9(value: Decimal, decimals: int = 2) -> bytes:
    if not 0 <= decimals <= 4:
        raise ValueError(f"A9 decimals must be 0..4, got {decimals}")
    counts = int(abs(value).scaleb(decimals).to_integral_value())
    if counts > 999_999:
        raise ValueError(f"{value} does not fit six digits")
    body = (b"-" if value < 0 else b"+") + b"%06d%d" % (counts, decimals)
    return bytes([STX]) + body + _hex_pair(xor(body)) + bytes([ETX])


# --- the "=" formats ------------------------------------------------------------

_EQUALS_BODY = re.compile(rb"[0-9.]{7}[0\-]")


def equals_looks_whole(candidate: bytes) -> bool:
    return b"=" not in candidate[1:]


def parse_equals(
    frame: bytes, unit: str = "kg", *, reversed_: bool = True
) -> ScaleReading:
    if len(frame) != EQUALS_LENGTH or frame[:1] != b"=":
        raise FramingError(f"not an '=' frame: {frame!r}")
    body = frame[1:] if reversed_ else frame[:0:-1]
    if not _EQUALS_BODY.fullmatch(body) or body[:7].count(b".") > 1:
        raise FramingError(f"'=' frame body invalid: {frame!r}")
    magnitude = _to_decimal(body[6::-1].decode("ascii"))
    value = -magnitude if body[7:8] == b"-" else magnitude
    return ScaleReading(value=value, unit=unit)


def encode_equals(
    value: Decimal, decimals: int = 3, *, reversed_: bool = True
) -> bytes:
    """The 7 display characters (point included), sign, in the chosen order."""
    display = f"{abs(value):0{7}.{decimals}f}" if decimals else f"{abs(value):07.0f}"
    if len(display) != 7:
        raise ValueError(f"{value} at {decimals} decimals needs 7 characters")
    body = display[::-1] + ("-" if value < 0 else "0")
    if not reversed_:
        body = body[::-1]
    return b"=" + body.encode("ascii")


# --- A12E ----------------------------------------------------------------------

_A12E_LINE = re.compile(rb"W[GN].{7}(kg|lb)[0-9A-F]{2}")
A12E_LENGTH = 13  # without CR LF


def parse_a12e(line: bytes) -> ScaleReading:
    """One A12E line without its CR LF."""
    frame = line[-A12E_LENGTH:]
    if len(line) < A12E_LENGTH or not _A12E_LINE.fullmatch(frame):
        raise FramingError(f"not an A12E line: {line!r}")
    expected = xor(frame[:11])
    if _read_hex_pair(frame[11:13]) != expected:
        raise ChecksumError(f"A12E check {frame[11:13]!r}, computed {expected:#04x}")

    kind = WeightKind.NET if frame[1:2] == b"N" else WeightKind.GROSS
    unit = frame[9:11].decode("ascii")
    field = frame[2:9].decode("ascii", "replace").strip()
    if field in ("OL", "-OL"):
        span = Range.UNDERLOAD if field.startswith("-") else Range.OVERLOAD
        return ScaleReading(value=None, unit=unit, kind=kind, range=span)
    return ScaleReading(value=_to_decimal(field), unit=unit, kind=kind)


def encode_a12e(
    value: Decimal | None,
    decimals: int = 3,
    *,
    net: bool = False,
    overload: bool = False,
    underload: bool = False,
) -> bytes:
    if overload or underload or value is None:
        field = ("-OL" if underload else "OL").rjust(7)
    else:
        field = f"{value:.{decimals}f}"
        field = ("-" + field[1:].rjust(6, "0")) if value < 0 else field.rjust(7, "0")
    if len(field) != 7:
        raise ValueError(f"{value} at {decimals} decimals needs 7 characters")
    head = b"WN" if net else b"WG"
    body = head + field.encode("ascii") + b"kg"
    return body + _hex_pair(xor(body)) + b"\r\n"


# --- decoders ------------------------------------------------------------------


def a9_decoder(unit: str = "kg") -> FrameDecoder:
    def parse(frame: bytes) -> ScaleReading:
        return parse_a9(frame, unit)

    return FrameDecoder(A9, StartByteFramer(STX, A9_LENGTH, a9_looks_whole), parse)


def equals_decoder(unit: str = "kg", *, reversed_: bool = True) -> FrameDecoder:
    def parse(frame: bytes) -> ScaleReading:
        return parse_equals(frame, unit, reversed_=reversed_)

    name = EQUALS if reversed_ else EQUALS_FORWARD
    framer = StartByteFramer(ord("="), EQUALS_LENGTH, equals_looks_whole)
    return FrameDecoder(name, framer, parse)


def a12e_decoder() -> FrameDecoder:
    return FrameDecoder(A12E, LineFramer(max_length=64), parse_a12e)
