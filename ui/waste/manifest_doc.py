"""The transfer manifest (转移联单) as a printable document: HTML and PDF.

Built from the domain's ``Manifest``; a typed weight is marked on its line
and in a note at the foot, so it is never mistaken for a scale weight.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.waste import Manifest
from ui.waste.common import category_name, kilograms


def _words() -> dict[str, str]:
    return {
        "title": QCoreApplication.translate(
            "WasteManifest", "Medical waste transfer manifest"
        ),
        "number": QCoreApplication.translate("WasteManifest", "Manifest number"),
        "company": QCoreApplication.translate("WasteManifest", "Disposal company"),
        "vehicle": QCoreApplication.translate("WasteManifest", "Vehicle"),
        "driver": QCoreApplication.translate("WasteManifest", "Driver"),
        "keeper": QCoreApplication.translate("WasteManifest", "Handed over by"),
        "producer": QCoreApplication.translate("WasteManifest", "Producing unit"),
        "method": QCoreApplication.translate("WasteManifest", "Disposal method"),
        "destination": QCoreApplication.translate("WasteManifest", "Final destination"),
        "time": QCoreApplication.translate("WasteManifest", "Time"),
        "station": QCoreApplication.translate("WasteManifest", "Station"),
        "bags": QCoreApplication.translate("WasteManifest", "Bags"),
        "bag_list": QCoreApplication.translate("WasteManifest", "Bag list"),
        "code": QCoreApplication.translate("WasteManifest", "Waste code"),
        "bag": QCoreApplication.translate("WasteManifest", "Bag"),
        "category": QCoreApplication.translate("WasteManifest", "Category"),
        "ward": QCoreApplication.translate("WasteManifest", "Ward"),
        "weight": QCoreApplication.translate("WasteManifest", "Weight"),
        "totals": QCoreApplication.translate("WasteManifest", "Totals by category"),
        "total": QCoreApplication.translate("WasteManifest", "Total"),
        "typed": QCoreApplication.translate(
            "WasteManifest",
            "a weight typed by an administrator, not from the scale",
        ),
        "sign_keeper": QCoreApplication.translate(
            "WasteManifest", "Signature of the storage keeper"
        ),
        "sign_driver": QCoreApplication.translate(
            "WasteManifest", "Signature of the driver"
        ),
    }


def manifest_html(manifest: Manifest, zone: tzinfo) -> str:
    w = {key: escape(text) for key, text in _words().items()}
    at = manifest.handed_out_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    facts = [
        (w["number"], manifest.number),
        (w["producer"], manifest.producing_unit),
        (w["company"], manifest.company),
        (w["vehicle"], manifest.vehicle),
        (w["driver"], manifest.driver),
        (w["method"], manifest.disposal_method),
        (w["destination"], manifest.destination),
        (w["keeper"], manifest.keeper),
        (w["time"], at),
        (w["station"], manifest.station_id),
    ]
    head = "".join(
        f"<tr><td><b>{key}</b></td><td>{escape(value)}</td></tr>"
        for key, value in facts
    )
    rows = "".join(
        f"<tr><td>{escape(line.bag_code)}</td>"
        f"<td>{escape(category_name(line.category))}</td>"
        f"<td>HW01 {line.category.facts.waste_code}</td>"
        f"<td>{escape(line.department)}</td>"
        f"<td align='right'>{kilograms(line.weight_g)}"
        f"{' *' if line.weight_typed else ''}</td></tr>"
        for line in manifest.lines
    )
    totals = "".join(
        f"<tr><td>{escape(category_name(t.category))}</td>"
        f"<td>HW01 {t.category.facts.waste_code}</td><td>{t.bags}</td>"
        f"<td align='right'>{kilograms(t.grams)}</td></tr>"
        for t in manifest.by_category
    )
    note = f"<p>* {w['typed']}</p>" if manifest.any_typed else ""
    grid = "border='1' cellspacing='0' cellpadding='4'"
    return (
        f"<h2>{w['title']}</h2><table cellpadding='4'>{head}</table>"
        f"<h3>{w['bag_list']}</h3><table {grid} width='100%'>"
        f"<tr><th>{w['bag']}</th><th>{w['category']}</th><th>{w['code']}</th>"
        f"<th>{w['ward']}</th>"
        f"<th>{w['weight']}</th></tr>{rows}</table>"
        f"<h3>{w['totals']}</h3><table {grid}>"
        f"<tr><th>{w['category']}</th><th>{w['code']}</th><th>{w['bags']}</th>"
        f"<th>{w['weight']}</th></tr>{totals}"
        f"<tr><td><b>{w['total']}</b></td><td></td><td>{len(manifest.lines)}</td>"
        f"<td align='right'><b>{kilograms(manifest.total_g)}</b></td></tr></table>"
        f"{note}<p><br>{w['sign_keeper']}: ____________ &nbsp;&nbsp; "
        f"{w['sign_driver']}: ____________</p>"
    )


def save_manifest_pdf(manifest: Manifest, zone: tzinfo, path: Path) -> None:
    """The manifest as an A4 PDF (builds the HTML, then writes it)."""
    write_pdf(manifest_html(manifest, zone), manifest.number, path)


def write_pdf(html: str, title: str, path: Path) -> None:
    """An A4 PDF of ``html``; safe in a worker thread (no widget involved)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    writer.setTitle(title)
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
