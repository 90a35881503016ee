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


def _tr(text: str) -> str:
    return QCoreApplication.translate("WasteManifest", text)


def manifest_html(manifest: Manifest, zone: tzinfo) -> str:
    at = manifest.handed_out_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    facts = [
        (_tr("Manifest number"), manifest.number),
        (_tr("Disposal company"), manifest.company),
        (_tr("Vehicle"), manifest.vehicle),
        (_tr("Driver"), manifest.driver),
        (_tr("Handed over by"), manifest.keeper),
        (_tr("Time"), at),
        (_tr("Station"), manifest.station_id),
    ]
    rows = "".join(
        f"<tr><td>{escape(line.bag_code)}</td>"
        f"<td>{escape(category_name(line.category))}</td>"
        f"<td>{escape(line.department)}</td>"
        f"<td align='right'>{kilograms(line.weight_g)}"
        f"{' *' if line.weight_typed else ''}</td></tr>"
        for line in manifest.lines
    )
    totals = "".join(
        f"<tr><td>{escape(category_name(t.category))}</td><td>{t.bags}</td>"
        f"<td align='right'>{kilograms(t.grams)}</td></tr>"
        for t in manifest.by_category
    )
    note = (
        f"<p>* {escape(_tr('weight typed by an administrator, not from the scale'))}</p>"
        if manifest.any_typed
        else ""
    )
    return (
        f"<h2>{escape(_tr('Medical waste transfer manifest'))}</h2>"
        "<table cellpadding='4'>"
        + "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                  for k, v in facts)
        + "</table>"
        f"<h3>{escape(_tr('Bags'))}</h3>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<tr><th>{escape(_tr('Bag'))}</th><th>{escape(_tr('Category'))}</th>"
        f"<th>{escape(_tr('Ward'))}</th><th>{escape(_tr('Weight'))}</th></tr>"
        f"{rows}</table>"
        f"<h3>{escape(_tr('Totals by category'))}</h3>"
        "<table border='1' cellspacing='0' cellpadding='4'>"
        f"<tr><th>{escape(_tr('Category'))}</th><th>{escape(_tr('Bags'))}</th>"
        f"<th>{escape(_tr('Weight'))}</th></tr>{totals}"
        f"<tr><td><b>{escape(_tr('Total'))}</b></td><td>{len(manifest.lines)}</td>"
        f"<td align='right'><b>{kilograms(manifest.total_g)}</b></td></tr></table>"
        f"{note}"
        f"<p><br>{escape(_tr('Signature of the storage keeper'))}: ____________"
        f"&nbsp;&nbsp;&nbsp;{escape(_tr('Signature of the driver'))}: ____________</p>"
    )  # fmt: skip


def save_manifest_pdf(manifest: Manifest, zone: tzinfo, path: Path) -> None:
    """The manifest as an A4 PDF."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    writer.setTitle(f"{manifest.number}")
    document = QTextDocument()
    document.setHtml(manifest_html(manifest, zone))
    document.print_(writer)
