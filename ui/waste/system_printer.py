"""Labels on any printer the operating system knows, through Qt.

The fallback for a station whose label printer speaks neither ZPL nor TSPL
(``language = "system"`` in the station file): the label is painted with the
same layout as the on-screen preview, at its true size in millimetres, onto a
``QPrinter``. QPainter may paint on a QPrinter outside the GUI thread, so
``print_label`` runs in the screens' job pool like the raw printers do.

It does not choose paper or darkness for the printer: the driver's defaults
apply, which is what IT set up in the operating system.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.errors import ValidationError
from app.waste.labels import LabelLayout
from ui.waste.label_preview import paint_label

log = logging.getLogger(__name__)

DEFAULT_PRINTER = "default"  # the station file's name for the system default


class PrinterNotFound(ValidationError):
    """The configured system printer is not known to the operating system."""


class SystemLabelPrinter:
    """Prints one label on a named system printer (or the default one)."""

    def __init__(
        self,
        printer_name: str,
        *,
        make_printer: Callable[[], QPrinter] | None = None,
    ) -> None:
        self.printer_name = printer_name
        self._make_printer = make_printer or self._named_printer

    def print_label(self, layout: LabelLayout) -> None:
        printer = self._make_printer()
        size = QPageSize(
            QSizeF(layout.width_mm, layout.height_mm), QPageSize.Unit.Millimeter
        )
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterNotFound(f"printer {self.printer_name!r} cannot start a job")
        try:
            page = printer.pageRect(QPrinter.Unit.DevicePixel)
            paint_label(painter, layout, QRectF(0, 0, page.width(), page.height()))
        finally:
            painter.end()
        log.info("label sent to the system printer")

    def _named_printer(self) -> QPrinter:
        known = QPrinterInfo.availablePrinterNames()
        name = self.printer_name
        if name == DEFAULT_PRINTER:
            name = QPrinterInfo.defaultPrinterName()
        if not name or name not in known:
            raise PrinterNotFound(
                f"no system printer {self.printer_name!r}; known: {len(known)}"
            )
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setPrinterName(name)
        return printer
