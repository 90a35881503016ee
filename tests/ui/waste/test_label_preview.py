"""The preview draws the printers' warning pictogram, dot for dot."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from app.waste.labels import Pictogram, warning_rows
from tests.devices.printer.conftest import sample_label
from ui.waste.label_preview import paint_label


def test_the_preview_pictogram_is_the_printed_bitmap(qtbot: QtBot) -> None:
    from devices.printer import layout_waste_label  # the same layout as printed

    layout = layout_waste_label(sample_label())
    [pictogram] = [e for e in layout.elements if isinstance(e, Pictogram)]
    image = QImage(640, 480, QImage.Format.Format_RGB32)  # 8 dots per mm
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_label(painter, layout, QRectF(0, 0, 640, 480))
    painter.end()

    rows = warning_rows(round(pictogram.size_mm * 8))
    left, top = round(pictogram.x_mm * 8), round(pictogram.y_mm * 8)
    drawn = tuple(
        tuple(
            QColor(image.pixel(left + column, top + row)).lightness() < 128
            for column in range(len(rows))
        )
        for row in range(len(rows))
    )
    assert drawn == rows
