"""A bag's label: from the domain's bag record to the printer's one layout.

``bag_label_layout`` turns a recorded bag into the printer floor's
``LabelLayout``; the printer languages (ZPL, TSPL) and the screen preview all
draw that same layout. ``LabelPrinter`` is the port a station prints through;
``RenderingLabelPrinter`` renders a layout to a printer language and hands
the bytes to whatever link the station configured (serial, TCP 9100, or a
test's capture).

The layout element types are re-exported here so that the UI, which never
imports ``devices``, can draw them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Literal, Protocol

from app.waste.records import BagRecord
from devices.printer.label import (
    Box,
    Code128,
    LabelLayout,
    Pictogram,
    QrCode,
    Text,
    WasteCategory,
    WasteLabel,
    layout_waste_label,
)
from devices.printer.pictogram import warning_rows
from devices.printer.tspl import render_tspl
from devices.printer.zpl import render_zpl

__all__ = [
    "Box",
    "Code128",
    "LabelLayout",
    "LabelPrinter",
    "Pictogram",
    "QrCode",
    "RenderingLabelPrinter",
    "Text",
    "bag_label_layout",
    "blocking_send",
    "warning_rows",
]

log = logging.getLogger(__name__)

PrinterLanguage = Literal["zpl", "tspl"]

_RENDERERS: dict[str, Callable[[LabelLayout], bytes]] = {
    "zpl": render_zpl,
    "tspl": render_tspl,
}


def bag_label_layout(
    bag: BagRecord, *, hospital: str, porter: str, zone: tzinfo
) -> LabelLayout:
    """The label for a weighed bag, times printed in the station's zone."""
    weighed_at: datetime = bag.produced_at.astimezone(zone)
    grams = bag.collection_weight_g or 0
    label = WasteLabel(
        bag_id=bag.code,
        hospital=hospital,
        department=bag.department,
        category=WasteCategory[bag.category.name],
        weight_kg=Decimal(grams) / 1000,
        weighed_at=weighed_at,
        porter=porter,
        special_notes=bag.notes,
        weight_typed=bag.weight_typed,
    )
    return layout_waste_label(label)


class LabelPrinter(Protocol):
    """Prints one label; blocking, so never call it on the GUI thread."""

    def print_label(self, layout: LabelLayout) -> None: ...


class RenderingLabelPrinter:
    """Renders to ZPL or TSPL and writes the bytes to the printer's link."""

    def __init__(
        self, language: PrinterLanguage, write: Callable[[bytes], object]
    ) -> None:
        if language not in _RENDERERS:
            raise ValueError(f"unknown printer language {language!r}")
        self.language = language
        self._render = _RENDERERS[language]
        self._write = write

    def print_label(self, layout: LabelLayout) -> None:
        job = self._render(layout)
        self._write(job)
        log.info("label sent: %d bytes of %s", len(job), self.language)


def blocking_send(send: Callable[[bytes], Awaitable[None]]) -> Callable[[bytes], None]:
    """Wrap an async sender (``devices.printer.sender.LabelSender.send``) for
    ``RenderingLabelPrinter``: each job on a short loop of its own, in the
    calling worker thread, never on the GUI thread."""

    def write(job: bytes) -> None:
        async def deliver() -> None:
            await send(job)

        asyncio.run(deliver())

    return write
