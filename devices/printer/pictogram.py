"""The medical-waste warning pictogram: one drawing, rasterised at any size.

The warning mark of HJ 421 pairs the words with a pictogram: the biohazard
symbol inside a warning triangle. It is drawn here once, from geometry in a
unit square, so ZPL (``^GF``), TSPL (``BITMAP``) and the on-screen preview
all rasterise the same drawing at their own resolution; no image file is
shipped and nothing depends on a printer's stored graphics.

`warning_rows(size_dots)` gives rows of dots (True: black), top row first.
Pure functions, no I/O.
"""

from __future__ import annotations

import math
from functools import cache

# The biohazard symbol, in a unit square centred on (0, 0), y pointing down.
_LOBE_CENTRE, _LOBE_RADIUS = 0.30, 0.28  # three filled lobes
_HOLLOW_CENTRE, _HOLLOW_RADIUS = 0.43, 0.17  # cut out of each lobe
_HUB_RADIUS = 0.09  # the hole in the middle
_RING = (0.31, 0.37)  # the broken ring through the lobes
_GAP = 0.03  # half-width of the slits from the hub into each hollow
_LOBE_ANGLES = (-90.0, 30.0, 150.0)  # degrees; one lobe points up

# The warning triangle around it: apex up, an outline of this width.
_TRIANGLE_LINE = 0.09
_SYMBOL_SCALE, _SYMBOL_DROP = 0.40, 0.20  # centred on the triangle's incircle


def _biohazard(x: float, y: float) -> bool:
    r = math.hypot(x, y)
    if r < _HUB_RADIUS:
        return False
    black = False
    for degrees in _LOBE_ANGLES:
        ux, uy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        in_hollow = (
            math.hypot(x - _HOLLOW_CENTRE * ux, y - _HOLLOW_CENTRE * uy)
            < _HOLLOW_RADIUS
        )
        in_lobe = (
            math.hypot(x - _LOBE_CENTRE * ux, y - _LOBE_CENTRE * uy) < _LOBE_RADIUS
        )
        along, across = x * ux + y * uy, abs(-x * uy + y * ux)
        in_slit = 0 < along < _HOLLOW_CENTRE and across < _GAP
        if in_hollow or in_slit:
            return False
        black = black or in_lobe
    return black or _RING[0] < r < _RING[1]


def _triangle(x: float, y: float) -> bool:
    """The outline of an equilateral triangle filling the unit square."""
    top, bottom = -0.5, 0.5
    if not top <= y <= bottom:
        return False
    half_width = (y - top) / (bottom - top) * 0.5  # 0 at the apex, 0.5 at the base
    inside = abs(x) <= half_width
    if not inside:
        return False
    # Distance to the nearest edge, measured perpendicular to it.
    slope = math.atan2(bottom - top, 0.5)
    to_side = (half_width - abs(x)) * math.sin(slope)
    return to_side < _TRIANGLE_LINE or bottom - y < _TRIANGLE_LINE


def _dot(x: float, y: float) -> bool:
    if _triangle(x, y):
        return True
    sx, sy = x / _SYMBOL_SCALE, (y - _SYMBOL_DROP) / _SYMBOL_SCALE
    return _biohazard(sx, sy)


@cache
def warning_rows(size_dots: int) -> tuple[tuple[bool, ...], ...]:
    """The pictogram as ``size_dots`` square rows of dots, each dot's centre sampled."""
    if size_dots < 8:
        raise ValueError(f"a pictogram needs at least 8 dots, got {size_dots}")
    step = 1.0 / size_dots
    return tuple(
        tuple(
            _dot(-0.5 + (column + 0.5) * step, -0.5 + (row + 0.5) * step)
            for column in range(size_dots)
        )
        for row in range(size_dots)
    )


def packed_rows(rows: tuple[tuple[bool, ...], ...], black_bit: int) -> list[bytes]:
    """Each row as bytes, most significant bit first, padded to whole bytes.

    ``black_bit`` is the bit value a printer reads as a black dot (ZPL 1,
    TSPL 0); padding is always white.
    """
    packed = []
    for row in rows:
        width = (len(row) + 7) // 8 * 8
        value = 0
        for index in range(width):
            black = index < len(row) and row[index]
            value = (value << 1) | (black_bit if black else 1 - black_bit)
        packed.append(value.to_bytes(width // 8, "big"))
    return packed
