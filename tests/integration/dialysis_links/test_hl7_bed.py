"""A bed configured for HL7 on tcp:// listens; the simulated machine's
reports reach its view (identity, a reading), and stopping ends it."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime

import pytest

from app.config import BedSettings
from app.dialysis.links import BedLink
from devices.dialysis.model import LinkState
from devices.sim.dialysis_hl7 import serve_hl7
from devices.sim.dialysis_machine import SimulatedMachine

pytestmark = pytest.mark.integration


def utc_now() -> datetime:
    return datetime.now(UTC)


def test_an_hl7_bed_listens_and_shows_the_machine() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def scenario() -> None:
        bed = BedLink(
            BedSettings(
                name="3", machine_port=f"tcp://127.0.0.1:{port}", machine_protocol="hl7"
            )
        )
        changed = asyncio.Event()
        bed.subscribe(lambda view: changed.set())
        bed.start()
        machine = SimulatedMachine(serial_number="HD-LINK-3", clock=utc_now, seed=3)
        machine.start_treatment()
        stop = asyncio.Event()
        sender = asyncio.create_task(
            serve_hl7(
                machine, "127.0.0.1", port, time_scale=15.0, interval_s=0.2,
                stop=stop, reconnect_s=0.1,
            )
        )  # fmt: skip
        try:
            async with asyncio.timeout(20.0):
                while not (
                    bed.view.state is LinkState.CONNECTED
                    and bed.view.identity is not None
                    and bed.view.readings
                ):
                    changed.clear()
                    await changed.wait()
            assert bed.view.identity is not None
            assert bed.view.identity.serial_number == "HD-LINK-3"
        finally:
            stop.set()
            await sender
            await bed.stop()
        assert bed.view.state is LinkState.DISCONNECTED

    asyncio.run(asyncio.wait_for(scenario(), 40.0))
