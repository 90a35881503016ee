"""A label layout in TSPL, for TSC, Gprinter, Xprinter and similar printers.

Chinese text is sent in GBK with the printers' built-in Simplified Chinese
font ``TSS24.BF2`` (24 dots high, scaled by whole multiples), so text heights
in the layout are multiples of 3 mm at 203 dpi. A filled box is a
``REVERSE`` of its area sent after the texts on it, which turns them white on
black (the layout's inverse text). The warning pictogram is a ``BITMAP``
(width in bytes, height in dots, mode 0 overwrite) whose raw bytes follow
the comma: a 0 bit prints a black dot, a 1 bit leaves white, as the TSPL
manual defines it. Each command ends in CR LF.

Rendering only; sending is `devices.printer.sender`.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.printer.errors import LabelEncodingError
from devices.printer.label import (
    Box,
    Code128,
    Element,
    LabelLayout,
    Pictogram,
    QrCode,
    Text,
)
from devices.printer.pictogram import packed_rows, warning_rows

FONT_DOTS = 24


@dataclass(frozen=True)
class TsplOptions:
    dots_per_mm: int = 8  # 203 dpi; 12 for 300 dpi
    font: str = "TSS24.BF2"
    encoding: str = "gbk"
    copies: int = 1


def _dots(mm: float, options: TsplOptions) -> int:
    return round(mm * options.dots_per_mm)


def quote(text: str) -> str:
    """A TSPL string literal; a double quote inside is written ``\\["]``."""
    return '"' + text.replace('"', '\\["]') + '"'


def _text(element: Text, options: TsplOptions) -> list[str]:
    x, y = _dots(element.x_mm, options), _dots(element.y_mm, options)
    scale = max(1, round(_dots(element.height_mm, options) / FONT_DOTS))
    font, text = quote(options.font), quote(element.text)
    return [f"TEXT {x},{y},{font},0,{scale},{scale},{text}"]


def _qr(element: QrCode, options: TsplOptions) -> list[str]:
    x, y = _dots(element.x_mm, options), _dots(element.y_mm, options)
    cell = max(1, _dots(element.module_mm, options))
    return [f"QRCODE {x},{y},M,{cell},A,0,{quote(element.data)}"]


def _code128(element: Code128, options: TsplOptions) -> list[str]:
    x, y = _dots(element.x_mm, options), _dots(element.y_mm, options)
    height = _dots(element.height_mm, options)
    narrow = max(1, _dots(element.module_mm, options))
    return [
        f'BARCODE {x},{y},"128",{height},0,0,{narrow},{narrow},{quote(element.data)}'
    ]


def _box(element: Box, options: TsplOptions) -> list[str]:
    x, y = _dots(element.x_mm, options), _dots(element.y_mm, options)
    width, height = _dots(element.width_mm, options), _dots(element.height_mm, options)
    if element.filled:
        return [f"REVERSE {x},{y},{width},{height}"]
    line = max(1, _dots(element.line_mm, options))
    return [f"BOX {x},{y},{x + width},{y + height},{line}"]


def _pictogram(element: Pictogram, options: TsplOptions) -> list[str | bytes]:
    x, y = _dots(element.x_mm, options), _dots(element.y_mm, options)
    rows = packed_rows(warning_rows(_dots(element.size_mm, options)), black_bit=0)
    head = f"BITMAP {x},{y},{len(rows[0])},{len(rows)},0,".encode("ascii")
    return [head + b"".join(rows)]


def _commands(element: Element, options: TsplOptions) -> list[str | bytes]:
    if isinstance(element, Text):
        return [*_text(element, options)]
    if isinstance(element, QrCode):
        return [*_qr(element, options)]
    if isinstance(element, Code128):
        return [*_code128(element, options)]
    if isinstance(element, Pictogram):
        return _pictogram(element, options)
    return [*_box(element, options)]


def render_tspl(layout: LabelLayout, options: TsplOptions | None = None) -> bytes:
    """The whole job, SIZE to PRINT, as the bytes the printer takes."""
    options = options or TsplOptions()
    lines: list[str | bytes] = [
        f"SIZE {layout.width_mm:g} mm,{layout.height_mm:g} mm",
        f"GAP {layout.gap_mm:g} mm,0 mm",
        "DIRECTION 1",
        "REFERENCE 0,0",
        "CLS",
    ]
    # Filled boxes last: REVERSE blackens the box and turns its text white.
    ordered = sorted(layout.elements, key=lambda e: isinstance(e, Box) and e.filled)
    for element in ordered:
        lines += _commands(element, options)
    lines.append(f"PRINT {options.copies},1")
    return b"".join(_encode(line, options) + b"\r\n" for line in lines)


def _encode(line: str | bytes, options: TsplOptions) -> bytes:
    if isinstance(line, bytes):
        return line  # a bitmap: built as bytes already
    try:
        return line.encode(options.encoding)
    except UnicodeEncodeError as error:
        bad = line[error.start : error.end]
        raise LabelEncodingError(
            f"{bad!r} cannot be printed: not in {options.encoding.upper()}"
        ) from None
