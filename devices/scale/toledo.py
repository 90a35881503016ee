"""Toledo continuous output: 18-byte frames that a scale sends over and over.

    STX SWA SWB SWC W W W W W W T T T T T T CR CHK

SWA carries the decimal point (bits 0-2) and the display increment (bits
3-4); SWB carries net, negative, out of range, in motion and kg (bits 0-4);
bit 5 of every status byte is always set. SWC, per the Toledo indicator
manuals, carries a unit extension in bits 0-2 (0: the kg/lb of SWB; 1 g,
2 t, 3 oz, 4 ozt, 5 dwt, 6 long ton, 7 custom), a print request in bit 3 and
the expanded (x10) display in bit 4. A frame with a unit extension, the
expanded display or any other SWC bit set is refused as UnsupportedFrame
with the reason: read as kg it would be 10x or 1000x wrong. Weight and tare are six ASCII
digits without point or sign. CHK is the two's complement of the 7-bit sum
of STX through CR.

Parsing and building frames only; no I/O. The simulator builds its frames
with `encode_frame`, so the two sides are held to one reading of the format.
"""

from __future__ import annotations

from decimal import Decimal

from devices.errors import ChecksumError, FramingError
from devices.scale.errors import UnsupportedFrame
from devices.scale.framing import FrameDecoder, StartByteFramer
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind

PROTOCOL = "toledo"
STX = 0x02
CR = 0x0D
FRAME_LENGTH = 18

_ALWAYS_ONE = 0x20
_NET, _NEGATIVE, _OUT_OF_RANGE, _MOTION, _KG = 0x01, 0x02, 0x04, 0x08, 0x10
_INCREMENT_CODES = {1: 1, 2: 2, 5: 3}  # display increment -> SWA bits 3-4
_UNIT_EXTENSION, _PRINT_REQUEST, _EXPANDED = 0x07, 0x08, 0x10  # SWC
_UNIT_EXTENSIONS = {1: "g", 2: "t", 3: "oz", 4: "ozt", 5: "dwt", 6: "ton", 7: "custom"}


def checksum(body: bytes) -> int:
    """Two's complement of the 7-bit sum of ``body`` (STX through CR)."""
    return -sum(body) & 0x7F


def looks_whole(candidate: bytes) -> bool:
    """The shape of a frame: CR in place and the always-one status bits set."""
    return candidate[16] == CR and all(b & _ALWAYS_ONE for b in candidate[1:4])


def decimals_from_swa(swa: int) -> int:
    """Places after the point; negative for the x10 and x100 displays."""
    return (swa & 0x07) - 2


def increment_from_swa(swa: int) -> int:
    code = (swa >> 3) & 0x03
    for increment, bits in _INCREMENT_CODES.items():
        if bits == code:
            return increment
    raise FramingError(f"display increment code 0 in SWA {swa:#04x}")


def check_swc(swc: int) -> None:
    """UnsupportedFrame unless SWC leaves the weight in SWB's kg or lb."""
    if swc & _EXPANDED:
        raise UnsupportedFrame(
            f"Toledo SWC {swc:#04x}: expanded (x10) display, not a weight; "
            "turn the indicator's expanded display off"
        )
    extension = swc & _UNIT_EXTENSION
    if extension:
        raise UnsupportedFrame(
            f"Toledo SWC {swc:#04x}: weight in {_UNIT_EXTENSIONS[extension]} "
            "(unit extension), not read; set the indicator to kg or lb"
        )
    unknown = swc & 0x7F & ~(_ALWAYS_ONE | _PRINT_REQUEST)
    if unknown:
        raise UnsupportedFrame(f"Toledo SWC {swc:#04x}: unknown flags {unknown:#04x}")


def _digits(field: bytes, name: str) -> int:
    text = field.replace(b" ", b"0")
    if not text.isdigit():
        raise FramingError(f"{name} field is not six digits: {field!r}")
    return int(text)


def parse_frame(frame: bytes) -> ScaleReading:
    """One 18-byte frame to a reading; ChecksumError or FramingError if bad."""
    if len(frame) != FRAME_LENGTH or frame[0] != STX or not looks_whole(frame):
        raise FramingError(f"not a Toledo frame ({len(frame)} bytes)")
    if checksum(frame[:17]) != frame[17]:
        raise ChecksumError(
            f"Toledo check {frame[17]:#04x}, computed {checksum(frame[:17]):#04x}"
        )

    swa, swb = frame[1], frame[2]
    check_swc(frame[3])
    increment_from_swa(swa)  # a frame with an impossible increment is not trusted
    exponent = -decimals_from_swa(swa)
    weight = Decimal(_digits(frame[4:10], "weight")).scaleb(exponent)
    tare = Decimal(_digits(frame[10:16], "tare")).scaleb(exponent)
    negative = bool(swb & _NEGATIVE)

    if swb & _OUT_OF_RANGE:
        span = Range.UNDERLOAD if negative else Range.OVERLOAD
        value: Decimal | None = None
    else:
        span = Range.OK
        value = -weight if negative else weight
    return ScaleReading(
        value=value,
        unit="kg" if swb & _KG else "lb",
        kind=WeightKind.NET if swb & _NET else WeightKind.GROSS,
        stability=Stability.MOTION if swb & _MOTION else Stability.STABLE,
        range=span,
        tare=tare,
    )


def encode_frame(
    value: Decimal,
    *,
    decimals: int = 2,
    increment: int = 1,
    unit: str = "kg",
    net: bool = False,
    motion: bool = False,
    out_of_range: bool = False,
    tare: Decimal = Decimal(0),
    swc: int = _ALWAYS_ONE,
) -> bytes:
    """Build a frame as a Toledo indicator would send it (for simulators, tests)."""
    if not -2 <= decimals <= 5:
        raise ValueError(f"decimals must be -2..5, got {decimals}")
    if increment not in _INCREMENT_CODES:
        raise ValueError(f"increment must be 1, 2 or 5, got {increment}")
    swa = _ALWAYS_ONE | (_INCREMENT_CODES[increment] << 3) | (decimals + 2)
    swb = _ALWAYS_ONE | (_KG if unit == "kg" else 0)
    swb |= (_NET if net else 0) | (_NEGATIVE if value < 0 else 0)
    swb |= (_OUT_OF_RANGE if out_of_range else 0) | (_MOTION if motion else 0)
    body = bytes([STX, swa, swb, swc | _ALWAYS_ONE])
    body += _six_digits(abs(value), decimals) + _six_digits(tare, decimals)
    body += bytes([CR])
    return body + bytes([checksum(body)])


def _six_digits(value: Decimal, decimals: int) -> bytes:
    counts = int(value.scaleb(decimals).to_integral_value())
    if not 0 <= counts <= 999_999:
        raise ValueError(f"{value} does not fit six digits at {decimals} decimals")
    return b"%06d" % counts


def decoder() -> FrameDecoder:
    return FrameDecoder(
        PROTOCOL, StartByteFramer(STX, FRAME_LENGTH, looks_whole), parse_frame
    )
