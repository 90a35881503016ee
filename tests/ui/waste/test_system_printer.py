"""A label on a system printer through Qt: true size, off the GUI thread."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from devices.printer.label import WasteCategory, WasteLabel, layout_waste_label
from ui.waste.system_printer import PrinterNotFound, SystemLabelPrinter

POINTS_PER_MM = 72 / 25.4


def label() -> object:
    return layout_waste_label(
        WasteLabel(
            bag_id="W7K3M9Q2X",
            hospital="市第一人民医院",
            department="血液净化中心",
            category=WasteCategory.INFECTIOUS,
            weight_kg=Decimal("2.35"),
            weighed_at=datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
            porter="赵师傅",
        )
    )


def test_a_label_prints_at_its_true_size_from_a_worker_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:  # stands in for the OS queue, same painting
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    printer = SystemLabelPrinter("Zebra-GK888t", make_printer=pdf_printer)
    layout = label()
    with ThreadPoolExecutor(1) as worker:
        worker.submit(printer.print_label, layout).result(timeout=30)  # type: ignore[arg-type]

    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page(?!s)", pdf)) == 1  # one label, one page
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert box is not None
    width_mm = float(box.group(1)) / POINTS_PER_MM
    height_mm = float(box.group(2)) / POINTS_PER_MM
    assert (round(width_mm), round(height_mm)) == (80, 60)
    assert len(pdf) > 5_000  # the label's text, codes and warning band are drawn


@pytest.mark.parametrize("name", ["no-such-printer-on-this-pc", ""])
def test_an_unknown_system_printer_is_refused_before_any_job(
    qtbot: QtBot, name: str
) -> None:
    with pytest.raises(PrinterNotFound):
        SystemLabelPrinter(name).print_label(label())  # type: ignore[arg-type]


def test_a_station_configured_for_a_system_printer_prints_through_qt(
    tmp_path: Path,
) -> None:
    from app.config import PrinterSettings, StationSettings
    from app.station import Station
    from ui.shell.screens import _label_printer

    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="CART-2",
        name="收运车 2",
        role="waste-cart",
        data_dir=str(tmp_path),
        printer=PrinterSettings(port="default", language="system"),
    )

    chosen = _label_printer(Station(settings))

    assert isinstance(chosen, SystemLabelPrinter)
    assert chosen.printer_name == "default"
