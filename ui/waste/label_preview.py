"""The bag label drawn in Qt from the printer's own layout description.

``paint_label`` draws a ``LabelLayout`` (the same one ZPL and TSPL render)
with a QPainter, so the preview, the PDF and the printed label agree:
texts, boxes, the QR code (modules from segno) and the Code 128 symbol.
``LabelPreview`` is the widget; ``save_label_pdf`` writes the label at its
true size. Nothing here decides what a label says.
"""

from __future__ import annotations

from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.waste.labels import (
    Box,
    Code128,
    LabelLayout,
    Pictogram,
    QrCode,
    Text,
    warning_rows,
)
from ui.waste.code128 import module_widths

BLACK = QColor("#000000")
WHITE = QColor("#ffffff")


def paint_label(painter: QPainter, layout: LabelLayout, target: QRectF) -> None:
    """Draw ``layout`` scaled into ``target`` (aspect ratio kept)."""
    scale = min(target.width() / layout.width_mm, target.height() / layout.height_mm)
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(scale, scale)  # from here on, one unit is one millimetre
    painter.fillRect(QRectF(0, 0, layout.width_mm, layout.height_mm), WHITE)
    for element in layout.elements:
        if isinstance(element, Box):
            _box(painter, element)
    for element in layout.elements:
        if isinstance(element, Text):
            _text(painter, element)
        elif isinstance(element, QrCode):
            _qr(painter, element)
        elif isinstance(element, Code128):
            _code128(painter, element)
        elif isinstance(element, Pictogram):
            _pictogram(painter, element)
    painter.restore()


PICTOGRAM_DOTS_PER_MM = 8  # the same dots a 203 dpi printer prints


def _pictogram(painter: QPainter, pictogram: Pictogram) -> None:
    """The printers' bitmap, dot for dot (one drawing for screen and paper).

    Drawn as one image, so no seams show between rows at any zoom.
    """
    rows = warning_rows(round(pictogram.size_mm * PICTOGRAM_DOTS_PER_MM))
    image = QImage(len(rows), len(rows), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    for row, dots in enumerate(rows):
        for column, black in enumerate(dots):
            if black:
                image.setPixelColor(column, row, BLACK)
    target = QRectF(
        pictogram.x_mm, pictogram.y_mm, pictogram.size_mm, pictogram.size_mm
    )
    painter.drawImage(target, image)


def _box(painter: QPainter, box: Box) -> None:
    rect = QRectF(box.x_mm, box.y_mm, box.width_mm, box.height_mm)
    if box.filled:
        painter.fillRect(rect, BLACK)
        return
    line = box.line_mm
    for edge in (
        QRectF(rect.left(), rect.top(), rect.width(), line),
        QRectF(rect.left(), rect.bottom() - line, rect.width(), line),
        QRectF(rect.left(), rect.top(), line, rect.height()),
        QRectF(rect.right() - line, rect.top(), line, rect.height()),
    ):
        painter.fillRect(edge, BLACK)


def _text(painter: QPainter, text: Text) -> None:
    # The layout gives the character cell height, as the printers' fonts do;
    # Qt sizes fonts by em, so fit the font's full line height into the cell.
    # Drawn at ten times the size in a painter scaled down by ten, because Qt
    # needs whole pixel sizes and one unit here is a millimetre.
    cell = text.height_mm * 10
    font = QFont(painter.font())
    font.setPixelSize(max(1, round(cell)))
    line = QFontMetricsF(font).height()
    font.setPixelSize(max(1, round(cell * cell / line)))
    metrics = QFontMetricsF(font)
    painter.save()
    painter.translate(text.x_mm, text.y_mm)
    painter.scale(0.1, 0.1)
    painter.setFont(font)
    painter.setPen(WHITE if text.inverse else BLACK)
    painter.drawText(QPointF(0, metrics.ascent()), text.text)
    painter.restore()


def _qr(painter: QPainter, code: QrCode) -> None:
    matrix = segno.make(code.data, error="m", micro=False).matrix
    module = code.module_mm
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                painter.fillRect(
                    QRectF(
                        code.x_mm + column * module,
                        code.y_mm + row * module,
                        module,
                        module,
                    ),
                    BLACK,
                )


def _code128(painter: QPainter, code: Code128) -> None:
    x = code.x_mm
    for index, width in enumerate(module_widths(code.data)):
        span = width * code.module_mm
        if index % 2 == 0:
            painter.fillRect(QRectF(x, code.y_mm, span, code.height_mm), BLACK)
        x += span


class LabelPreview(QWidget):
    """Shows one label; empty until ``show_layout`` is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_shown: LabelLayout | None = None
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_layout(self, layout: LabelLayout | None) -> None:
        self.layout_shown = layout
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#d5dbe5"))
        if self.layout_shown is not None:
            margin = 8.0
            area = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
            paint_label(painter, self.layout_shown, area)
        painter.end()


def save_label_pdf(layout: LabelLayout, path: Path) -> None:
    """The label as a one-page PDF at its true size in millimetres."""
    writer = QPdfWriter(str(path))
    size = QPageSize(
        QSizeF(layout.width_mm, layout.height_mm), QPageSize.Unit.Millimeter
    )
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setResolution(300)
    painter = QPainter(writer)
    page = QRectF(0, 0, writer.width(), writer.height())
    paint_label(painter, layout, page)
    painter.end()
