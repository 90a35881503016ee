"""Label printers: one waste-bag label layout, ZPL and TSPL, serial and TCP.

Public face:

- ``WasteLabel``, ``WasteCategory`` (the five national categories)
- ``layout_waste_label(label) -> LabelLayout`` (elements placed in mm;
  ``Text``, ``QrCode``, ``Code128``, ``Box``), what a preview draws too
- ``render_zpl(layout, options) -> bytes``, ``render_tspl(layout, options) -> bytes``
- ``LabelSender.send(job)``, ``tcp_printer(host, port)``, ``serial_printer(url, baud)``
- ``LabelError``, ``LabelEncodingError``
"""

from devices.printer.errors import LabelEncodingError, LabelError
from devices.printer.label import (
    Box,
    Code128,
    Element,
    LabelLayout,
    QrCode,
    Text,
    WasteCategory,
    WasteLabel,
    layout_waste_label,
)
from devices.printer.sender import LabelSender, serial_printer, tcp_printer
from devices.printer.tspl import TsplOptions, render_tspl
from devices.printer.zpl import ZplOptions, render_zpl

__all__ = [
    "Box",
    "Code128",
    "Element",
    "LabelEncodingError",
    "LabelError",
    "LabelLayout",
    "LabelSender",
    "QrCode",
    "Text",
    "TsplOptions",
    "WasteCategory",
    "WasteLabel",
    "ZplOptions",
    "layout_waste_label",
    "render_tspl",
    "render_zpl",
    "serial_printer",
    "tcp_printer",
]
