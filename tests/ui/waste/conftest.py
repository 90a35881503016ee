"""Fixtures for the waste screens: a real store, a clock the test turns, a
scale feed the test drives or the scale simulator on a pseudo-terminal, and a
printer whose bytes are captured or the printer simulator on TCP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.config import DisposalDriver, DisposalVehicle
from app.store.db import Store
from app.store.models import Staff
from app.waste import Person, WasteService
from app.waste.labels import RenderingLabelPrinter, blocking_send
from app.waste.scale_feed import ScaleFeed, ScaleFeedThread, driver_readings
from devices.printer.sender import tcp_printer
from devices.scale import make_driver
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scale_sim import ScaleSimulator
from devices.transport import SerialLink
from ui.waste import WasteScreenServices

WARDS = ("肾内科", "外科一病区", "检验科")
PORTER = Person("P001", "王师傅", "porter")
NURSES = {
    "肾内科": Person("N001", "李护士", "nurse"),
    "外科一病区": Person("N002", "周护士", "nurse"),
    "检验科": Person("N003", "吴护士", "nurse"),
}
KEEPER = Person("K001", "赵库管", "storage-keeper")
ADMIN_PERSON = Person("A001", "陈管理", "admin")
BADGES = {"N001": "BADGE-N001", "N002": "BADGE-N002", "N003": "BADGE-N003"}
VEHICLES = (
    DisposalVehicle("沪A·D3021", "VH-D3021"),
    DisposalVehicle("沪A·D5187", "VH-D5187"),
)
DRIVERS = (DisposalDriver("张建国", "DRV-0012"), DisposalDriver("李卫东", "DRV-0027"))


class TurnableClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass(frozen=True)
class FeedReading:
    value: Decimal | None
    unit: str = "kg"
    stable: bool = True
    overload: bool = False
    underload: bool = False


class CapturedPrinterLink:
    """Stands in for the printer's serial or TCP link: keeps every job."""

    def __init__(self) -> None:
        self.jobs: list[bytes] = []
        self._lock = threading.Lock()

    def write(self, job: bytes) -> None:
        with self._lock:
            self.jobs.append(job)


class SignedIn:
    """Who is signed in at the station; the test changes it."""

    def __init__(self, person: Person | None) -> None:
        self.person = person

    def __call__(self) -> Person | None:
        return self.person


@pytest.fixture
def clock() -> TurnableClock:
    return TurnableClock(datetime(2026, 12, 3, 1, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "cart.db")

    def add_staff(session: object) -> None:
        for person in (PORTER, KEEPER, *NURSES.values()):
            session.add(  # type: ignore[attr-defined]
                Staff(
                    staff_number=person.staff_number,
                    name=person.name,
                    role=person.role,
                    badge_id=BADGES.get(person.staff_number),
                )
            )

    store.writer.submit(add_staff).result(5)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def signed_in() -> SignedIn:
    return SignedIn(PORTER)


@pytest.fixture
def printer_link() -> CapturedPrinterLink:
    return CapturedPrinterLink()


@pytest.fixture
def feed() -> ScaleFeed:
    return ScaleFeed()


@pytest.fixture
def services(
    store: Store,
    clock: TurnableClock,
    feed: ScaleFeed,
    printer_link: CapturedPrinterLink,
    signed_in: SignedIn,
    tmp_path: Path,
) -> WasteScreenServices:
    return WasteScreenServices(
        waste=WasteService(
            store,
            "cart-1",
            clock=clock,
            producing_unit="市第一人民医院",
            disposal_method="高温蒸汽处理",
            disposal_destination="市医疗废物集中处置中心",
        ),
        scale=feed,
        printer=RenderingLabelPrinter("tspl", printer_link.write),
        signed_in=signed_in,
        wards=WARDS,
        hospital="市第一人民医院",
        zone=ZoneInfo("Asia/Shanghai"),
        disposal_company="绿洁环保有限公司",
        vehicles=VEHICLES,
        drivers=DRIVERS,
        manifest_barcode_prefix="LJ",
        manifest_folder=tmp_path / "manifests",
    )


# ----- real devices: the scale simulator on a pseudo-terminal, the printer
# simulator on a TCP raw port, driven by the real drivers -------------------

FAST_SCALE = {"interval_s": 0.05, "settle_s": 0.4}


@pytest.fixture
def scale_sim() -> Iterator[ScaleSimulator]:
    sim = ScaleSimulator("toledo", **FAST_SCALE)  # type: ignore[arg-type]
    sim.start()
    try:
        yield sim
    finally:
        sim.stop()


@dataclass
class PrinterEndpoint:
    sim: PrinterSimulator
    host: str
    port: int


@pytest.fixture
def printer_sim(tmp_path: Path) -> Iterator[PrinterEndpoint]:
    sim = PrinterSimulator(tmp_path / "printed", idle_flush_s=0.2)
    host, port = sim.start_tcp()
    try:
        yield PrinterEndpoint(sim, host, port)
    finally:
        sim.stop()


@pytest.fixture
def device_services(
    services: WasteScreenServices,
    scale_sim: ScaleSimulator,
    printer_sim: PrinterEndpoint,
) -> Iterator[WasteScreenServices]:
    """The same services, with the scale and printer behind real drivers."""
    feed = ScaleFeed()
    thread = ScaleFeedThread(
        feed,
        lambda: driver_readings(
            make_driver(
                scale_sim.protocol,
                SerialLink(scale_sim.where, baudrate=scale_sim.line_baud),
            )
        ),
    )
    thread.start()
    services.scale = feed
    services.printer = RenderingLabelPrinter(
        "tspl", blocking_send(tcp_printer(printer_sim.host, printer_sim.port).send)
    )
    try:
        yield services
    finally:
        thread.stop()
