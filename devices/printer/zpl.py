"""A label layout in ZPL II, for Zebra printers.

Text is sent as UTF-8 (``^CI28``) in a scalable font that the printer must
hold (a CJK TrueType font such as ``E:SIMSUN.TTF``, named in `ZplOptions`);
field data goes through ``^FH`` so ``^``, ``~`` and ``_`` in a text cannot
break the format. QR codes are ``^BQN,2,n`` with the ``QA,`` data prefix.

Rendering only; sending is `devices.printer.sender`.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class ZplOptions:
    dots_per_mm: int = 8  # 203 dpi; 12 for 300 dpi
    font: str = "E:SIMSUN.TTF"
    copies: int = 1


def _dots(mm: float, options: ZplOptions) -> int:
    return round(mm * options.dots_per_mm)


def escape_field(text: str) -> str:
    """Field data safe inside ``^FH^FD…^FS`` (``_`` introduces a hex byte)."""
    return text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def _text(element: Text, options: ZplOptions) -> str:
    height = _dots(element.height_mm, options)
    reverse = "^FR" if element.inverse else ""
    return (
        f"^FO{_dots(element.x_mm, options)},{_dots(element.y_mm, options)}"
        f"^A@N,{height},{height},{options.font}{reverse}"
        f"^FH^FD{escape_field(element.text)}^FS"
    )


def _qr(element: QrCode, options: ZplOptions) -> str:
    magnification = min(10, max(1, _dots(element.module_mm, options)))
    return (
        f"^FO{_dots(element.x_mm, options)},{_dots(element.y_mm, options)}"
        f"^BQN,2,{magnification}^FH^FDQA,{escape_field(element.data)}^FS"
    )


def _code128(element: Code128, options: ZplOptions) -> str:
    height = _dots(element.height_mm, options)
    module = max(1, _dots(element.module_mm, options))
    return (
        f"^FO{_dots(element.x_mm, options)},{_dots(element.y_mm, options)}"
        f"^BY{module},3,{height}^BCN,{height},N,N,N"
        f"^FH^FD{escape_field(element.data)}^FS"
    )


def _box(element: Box, options: ZplOptions) -> str:
    width = _dots(element.width_mm, options)
    height = _dots(element.height_mm, options)
    line = min(width, height) if element.filled else _dots(element.line_mm, options)
    return (
        f"^FO{_dots(element.x_mm, options)},{_dots(element.y_mm, options)}"
        f"^GB{width},{height},{max(1, line)},B,0^FS"
    )


def _pictogram(element: Pictogram, options: ZplOptions) -> str:
    """``^GF`` ASCII hex graphic: 1 bits are black, rows padded to bytes."""
    rows = packed_rows(warning_rows(_dots(element.size_mm, options)), black_bit=1)
    data = b"".join(rows)
    return (
        f"^FO{_dots(element.x_mm, options)},{_dots(element.y_mm, options)}"
        f"^GFA,{len(data)},{len(data)},{len(rows[0])},{data.hex().upper()}^FS"
    )


def _element(element: Element, options: ZplOptions) -> str:
    if isinstance(element, Text):
        return _text(element, options)
    if isinstance(element, QrCode):
        return _qr(element, options)
    if isinstance(element, Code128):
        return _code128(element, options)
    if isinstance(element, Pictogram):
        return _pictogram(element, options)
    return _box(element, options)


def render_zpl(layout: LabelLayout, options: ZplOptions | None = None) -> bytes:
    """The whole label, ``^XA`` to ``^XZ``, UTF-8 encoded, one command a line."""
    options = options or ZplOptions()
    lines = [
        "^XA",
        "^CI28",
        f"^PW{_dots(layout.width_mm, options)}",
        f"^LL{_dots(layout.height_mm, options)}",
        "^LH0,0",
        *(_element(element, options) for element in layout.elements),
        f"^PQ{options.copies}",
        "^XZ",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
