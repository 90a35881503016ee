"""Which screens a signed-in person sees, built over the station's services.

Rights come from the person's role, whatever station they stand at: a
porter never gets a screen with patient data; only admins get the device
and enrolment screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from app import audit
from app.dialysis.today import PrescriptionRow, todays_prescriptions
from app.identity.roles import Right
from app.identity.signin import Person
from app.station import Station
from ui.shell.home_screens import AuditScreen, TodayScreen
from ui.shell.shell_screen import Screen

if TYPE_CHECKING:
    from app.waste.labels import LabelPrinter


def build_screens(station: Station, person: Person) -> list[Screen]:
    store = station.store
    assert store is not None, "screens are built over an open store"
    screens: list[Screen] = []

    if person.can(Right.SEE_PATIENTS) and station.settings.role.startswith("dialysis"):
        zone = ZoneInfo(station.settings.timezone)

        def load_today() -> list[PrescriptionRow]:
            with store.read_session() as session:
                return todays_prescriptions(session, zone)

        today = TodayScreen(load_today, timezone=station.settings.timezone)
        engine = station.services.get("sync")
        if engine is not None:
            today.follow(engine)
        screens.append(
            (
                "today",
                QCoreApplication.translate("Screens", "Today's treatments"),
                today,
            )
        )

    if person.can(Right.HANDLE_WASTE) and station.settings.role.startswith("waste"):
        screens += _waste_screens(station, person)

    if person.can(Right.ENROL_FACES):
        from app.identity.directory import staff_directory
        from ui.admin.staff_screen import StaffScreen

        face = station.services.get("face")
        model = face.enrolment.pipeline.model_sha256 if face is not None else None

        def load_staff() -> list:  # type: ignore[type-arg]
            with store.read_session() as session:
                return staff_directory(session, model)

        screens.append(
            (
                "staff",
                QCoreApplication.translate("Screens", "Staff"),
                StaffScreen(load_staff, face, person.staff_id),
            )
        )

    if person.can(Right.CONFIGURE_DEVICES):
        from ui.admin.devices_screen import DevicesScreen

        screens.append(
            (
                "devices",
                QCoreApplication.translate("Screens", "Devices"),
                DevicesScreen(
                    station.settings,
                    station.serial_ports(),
                    station.services.get("face_error"),
                    links=station.services.get("dialysis_links"),
                ),
            )
        )
        engine = station.services.get("sync")
        if engine is not None:
            from ui.admin.sync_panel import SyncPanel

            screens.append(
                (
                    "sync",
                    QCoreApplication.translate("Screens", "Platform sync"),
                    SyncPanel(engine, station.settings.timezone),
                )
            )

    if person.can(Right.VIEW_AUDIT):

        def verify() -> audit.Break | None:
            with store.read_session() as session:
                return audit.verify(session)

        screens.append(
            (
                "audit",
                QCoreApplication.translate("Screens", "Audit trail"),
                AuditScreen(verify),
            )
        )
    return screens


CART_SCREENS = ("waste.round", "waste.cart", "waste.trace")
STORE_SCREENS = ("waste.intake", "waste.stock", "waste.outbound", "waste.trace")


class _NoLabelPrinter:
    """A station without a label printer: every label goes to a PDF instead."""

    def print_label(self, layout: object) -> None:
        from app.errors import ValidationError

        raise ValidationError("no label printer is configured at this station")


def _label_printer(station: Station) -> LabelPrinter:
    """The raw printer the station built, else a system printer, else none."""
    raw: LabelPrinter | None = station.services.get("label_printer")
    if raw is not None:
        return raw
    configured = station.settings.printer
    if configured is not None and configured.language == "system":
        from ui.waste.system_printer import SystemLabelPrinter

        return SystemLabelPrinter(configured.port)
    return _NoLabelPrinter()


def _waste_screens(station: Station, person: Person) -> list[Screen]:
    from zoneinfo import ZoneInfo

    from app.waste import Person as WastePerson
    from ui.waste import WasteScreenServices, build_waste_screens

    settings = station.settings
    services = WasteScreenServices(
        waste=station.services["waste"],
        scale=station.services["scale_feed"],
        printer=_label_printer(station),
        signed_in=lambda: WastePerson(
            person.staff_number, person.name, person.role.value
        ),
        wards=settings.wards or (settings.name,),
        hospital=settings.hospital,
        zone=ZoneInfo(settings.timezone),
        disposal_company=settings.disposal_company,
        vehicles=settings.disposal_vehicles,
        drivers=settings.disposal_drivers,
        manifest_barcode_prefix=settings.manifest_barcode_prefix,
    )
    wanted = CART_SCREENS if settings.role == "waste-cart" else STORE_SCREENS
    return build_waste_screens(services, wanted)
