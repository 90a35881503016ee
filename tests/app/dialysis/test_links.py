"""A bed whose machine port cannot open never stops the station; it shows
why, keeps trying, and links up once the port is there."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from app.config import BedSettings, StationSettings
from app.dialysis.links import BedView, DialysisLinks
from app.station import Station
from devices.dialysis.model import LinkState


def free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def until(links: DialysisLinks, bed: str, condition: object) -> BedView:
    link = links.by_name(bed)
    changed = asyncio.Event()
    unsubscribe = link.subscribe(lambda view: changed.set())
    try:
        async with asyncio.timeout(10.0):
            while not condition(link.view):  # type: ignore[operator]
                changed.clear()
                await changed.wait()
    finally:
        unsubscribe()
    return link.view


def test_a_bed_with_an_unopenable_port_leaves_the_station_running(
    tmp_path: Path,
) -> None:
    tcp_port = free_tcp_port()  # nothing listens there yet
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="UNIT-LINKS",
        name="unit",
        role="dialysis-bedside",
        data_dir=str(tmp_path),
        beds=(
            BedSettings(name="7", machine_port=str(tmp_path / "gone")),
            BedSettings(name="8", machine_port="nosuchscheme://x"),
            BedSettings(name="9", machine_port=f"socket://127.0.0.1:{tcp_port}"),
        ),
    )

    async def scenario() -> None:
        station = Station(settings)
        station.open_store()
        await station.start()  # returns: the ports are tried in the background
        links = station.services["dialysis_links"]
        assert isinstance(links, DialysisLinks)
        for name, why in (("7", "gone"), ("8", "nosuchscheme"), ("9", "refused")):
            view = await until(links, name, lambda v, why=why: why in v.reason.lower())
            assert view.state is LinkState.DISCONNECTED, view
            assert "retrying" in view.reason
        # The port appears (a gateway switched on): bed 9 links up by itself.
        accepted: list[asyncio.StreamWriter] = []
        server = await asyncio.start_server(
            lambda _, writer: accepted.append(writer), "127.0.0.1", tcp_port
        )
        view = await until(links, "9", lambda v: v.state is LinkState.CONNECTED)
        assert links.by_name("7").view.state is LinkState.DISCONNECTED
        assert station.store is not None  # the station is still up
        await station.stop()
        server.close()
        for writer in accepted:
            writer.close()
            await writer.wait_closed()
        await server.wait_closed()
        assert station.store is None
        for bed in links.beds:
            assert bed.view.reason == "station stopped"
            assert bed.view.state is LinkState.DISCONNECTED

    asyncio.run(asyncio.wait_for(scenario(), 30.0))
