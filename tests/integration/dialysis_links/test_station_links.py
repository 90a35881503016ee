"""A station built from its configuration links its beds to real simulated
machines over pseudo-terminals, shows them, and stops without a trace."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from app.config import load
from app.dialysis.links import BedView, DialysisLinks
from app.station import Station
from devices.dialysis.model import LinkState
from devices.sim.dialysis_astm import AstmMachineEndpoint

pytestmark = pytest.mark.integration

BAUD = 19200


def write_config(tmp_path: Path, beds: list[tuple[str, str]]) -> Path:
    lines = [
        "schema_version = 1",
        "[station]",
        'id = "IT-LINKS"',
        'name = "links"',
        'role = "dialysis-centre"',
        f'data_dir = "{tmp_path / "data"}"',
    ]
    for name, port in beds:
        lines += [
            "[[beds]]",
            f'name = "{name}"',
            f'machine_port = "{port}"',
            'machine_protocol = "astm"',
            f"baudrate = {BAUD}",
        ]
    path = tmp_path / "station.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def wait_for_view(
    links: DialysisLinks,
    bed: str,
    condition: Callable[[BedView], bool],
    timeout_s: float,
    what: str,
) -> BedView:
    """Wait, through the bed's subscription, until its view satisfies ``condition``."""
    link = links.by_name(bed)
    changed = asyncio.Event()
    unsubscribe = link.subscribe(lambda view: changed.set())
    try:
        async with asyncio.timeout(timeout_s):
            while not condition(link.view):
                changed.clear()
                await changed.wait()
    except TimeoutError:
        raise AssertionError(
            f"not within {timeout_s} s: {what}; bed shows {link.view}"
        ) from None
    finally:
        unsubscribe()
    return link.view


def test_station_links_its_beds_and_stops_clean(tmp_path: Path) -> None:
    machine = AstmMachineEndpoint.for_new_machine(
        "SN-LINK-1",
        time_scale=60.0,
        seed=7,
        baudrate=BAUD,
        report_interval_s=0.5,
        link_dir=tmp_path,
    )
    threads_before = set(threading.enumerate())
    machine.start()
    settings = load(
        write_config(
            tmp_path,
            [("1", str(machine.path)), ("2", str(tmp_path / "no-such-port"))],
        )
    )

    async def scenario() -> None:
        station = Station(settings)
        station.open_store()
        await station.start()
        links = station.services["dialysis_links"]
        assert isinstance(links, DialysisLinks)
        view = await wait_for_view(
            links,
            "1",
            lambda v: (
                v.state is LinkState.CONNECTED
                and v.identity is not None
                and bool(v.readings)
            ),
            20.0,
            "bed 1 connected with the machine's identity and a reading",
        )
        assert view.identity is not None
        assert view.identity.serial_number == "SN-LINK-1"
        reading = next(iter(view.readings.values()))
        assert reading.measured_at.tzinfo is not None
        # The bed without a port is shown so, and did not stop bed 1.
        absent = links.by_name("2").view
        assert absent.state is LinkState.DISCONNECTED
        assert "no-such-port" in absent.reason

        await asyncio.get_running_loop().run_in_executor(None, machine.stop)
        await wait_for_view(
            links,
            "1",
            lambda v: v.state is LinkState.DISCONNECTED,
            10.0,
            "bed 1 disconnected after the machine went away",
        )
        await station.stop()
        assert links.by_name("1").view.reason == "station stopped"

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60.0))
    finally:
        machine.stop()

    def leftover() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.is_alive()} - threads_before

    from tests.waiting import wait_until

    wait_until(lambda: not leftover(), 5.0, "no thread left after the station stopped")
