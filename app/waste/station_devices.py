"""The waste station's service, scale and label printer, from its configuration.

The UI floor never imports ``devices``; the shell asks this module for a
running ``ScaleFeed`` and a ``LabelPrinter`` and hands them to the screens.
A scale configured as ``protocol = "auto"`` is identified on its port first
(protocol and baud rate), each time the feed (re)opens it.

System printers (``language = "system"``) are printed through Qt by the UI;
this module returns None for them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from app.config import PrinterSettings, ScaleSettings, StationSettings
from app.store.db import Store
from app.waste.labels import (
    LabelPrinter,
    PrinterLanguage,
    RenderingLabelPrinter,
    blocking_send,
)
from app.waste.rules import IntakeTolerance, StoragePolicy
from app.waste.scale_feed import ScaleFeed, ScaleFeedThread, driver_readings
from app.waste.service import Clock, WasteService
from app.waste.weighing import Reading
from devices.printer.sender import RAW_PRINT_PORT, serial_printer, tcp_printer
from devices.scale import detect_scale, make_driver
from devices.scale.stability import StabilityJudge
from devices.transport import SerialLink

log = logging.getLogger(__name__)


def waste_service_for(
    store: Store, settings: StationSettings, clock: Clock
) -> WasteService:
    """The station's waste service with its configured limits and clock."""
    limits = settings.waste_limits
    return WasteService(
        store,
        settings.station_id,
        clock=clock,
        producing_unit=settings.hospital,
        disposal_method=settings.disposal_method,
        disposal_destination=settings.disposal_destination,
        tolerance=IntakeTolerance(
            Decimal(str(limits.intake_tolerance_percent)), limits.intake_tolerance_g
        ),
        storage=StoragePolicy(
            timedelta(hours=limits.storage_limit_hours),
            timedelta(hours=limits.storage_warning_hours),
        ),
    )


def scale_feed_for(settings: ScaleSettings) -> tuple[ScaleFeed, ScaleFeedThread]:
    """A feed and the thread that fills it (not started) for the station's scale."""

    async def readings() -> AsyncIterator[Reading]:
        protocol, baudrate = settings.protocol, settings.baudrate
        if protocol == "auto":
            found = await detect_scale(settings.port)
            protocol, baudrate = found.protocol, found.baudrate
            log.info("waste scale identified as %s at %d baud", protocol, baudrate)
        judge = StabilityJudge(
            min_readings=settings.stable_readings,
            min_seconds=settings.stable_time_s,
        )
        driver = make_driver(
            protocol,
            SerialLink(settings.port, baudrate=baudrate),
            judge=judge,
            unit=settings.unit,
        )
        async for reading in driver_readings(driver):
            yield reading

    feed = ScaleFeed()
    return feed, ScaleFeedThread(feed, readings)


def label_printer_for(settings: PrinterSettings) -> LabelPrinter | None:
    """ZPL or TSPL over TCP (``tcp://host:port``) or a serial port."""
    language: PrinterLanguage
    if settings.language == "zpl":
        language = "zpl"
    elif settings.language == "tspl":
        language = "tspl"
    else:
        return None
    if settings.port.startswith("tcp://"):
        address = urlsplit(settings.port)
        sender = tcp_printer(address.hostname or "", address.port or RAW_PRINT_PORT)
    else:
        sender = serial_printer(settings.port)
    return RenderingLabelPrinter(language, blocking_send(sender.send))
