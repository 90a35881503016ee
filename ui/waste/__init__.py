"""The medical-waste screens: round, cart load, intake, stock, outbound, trace.

``build_waste_screens`` builds them over one set of services and installs
one barcode-scan filter for all of them: a scan goes to whichever waste
screen is showing. The shell puts the returned widgets in its navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.waste.cart_screen import CartScreen
from ui.waste.common import WasteScreen
from ui.waste.intake_screen import IntakeScreen
from ui.waste.outbound_screen import OutboundScreen
from ui.waste.round_screen import RoundScreen
from ui.waste.services import WasteScreenServices
from ui.waste.stock_screen import StockScreen
from ui.waste.trace_screen import TraceScreen
from ui.widgets.scanner import ScanFilter

__all__ = ["WasteScreenServices", "build_waste_screens", "route_scans"]


ALL_SCREENS = (
    "waste.round",
    "waste.cart",
    "waste.intake",
    "waste.stock",
    "waste.outbound",
    "waste.trace",
)


def build_waste_screens(
    services: WasteScreenServices, keys: Sequence[str] = ALL_SCREENS
) -> list[tuple[str, str, QWidget]]:
    """(key, title, widget) for the screens named in ``keys``, in work order."""
    makers: dict[str, tuple[str, Callable[[WasteScreenServices], WasteScreen]]] = {
        "waste.round": (
            QCoreApplication.translate("WasteScreens", "Round"),
            RoundScreen,
        ),
        "waste.cart": (
            QCoreApplication.translate("WasteScreens", "Cart load"),
            CartScreen,
        ),
        "waste.intake": (
            QCoreApplication.translate("WasteScreens", "Intake"),
            IntakeScreen,
        ),
        "waste.stock": (
            QCoreApplication.translate("WasteScreens", "Stock"),
            StockScreen,
        ),
        "waste.outbound": (
            QCoreApplication.translate("WasteScreens", "Outbound"),
            OutboundScreen,
        ),
        "waste.trace": (
            QCoreApplication.translate("WasteScreens", "Trace"),
            TraceScreen,
        ),
    }
    screens = [
        (key, makers[key][0], makers[key][1](services))
        for key in ALL_SCREENS
        if key in keys
    ]
    route_scans([widget for _, _, widget in screens])
    return [(key, title, widget) for key, title, widget in screens]


def route_scans(screens: list[WasteScreen]) -> ScanFilter:
    """One scan filter for all the screens; each scan to the visible screen.

    The filter watches the screens and, once a screen is shown, its window,
    so a scan is recognised wherever the focus is in that window.
    """
    scans = ScanFilter(screens[0])
    for screen in screens:
        scans.watch(screen)
        screen.shown.connect(lambda s=screen: scans.watch(s.window()))

    def deliver(code: str) -> None:
        for screen in screens:
            if screen.isVisible():
                screen.handle_scan(code)
                return

    scans.scanned.connect(deliver)
    return scans
