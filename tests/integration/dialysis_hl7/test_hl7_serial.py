"""MLLP over a serial line: the HL7 driver on a real pseudo-terminal.

The test holds the machine's end of the pair and writes frames as a
machine's RS-232 port would; the driver opens the other end with pyserial
through devices.transport, exactly as it would open /dev/ttyUSB0.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from devices.dialysis.hl7.ack import AckReply, read_ack
from devices.dialysis.hl7.driver import Hl7DialysisDriver
from devices.dialysis.hl7.mllp import MllpFramer, wrap
from devices.dialysis.model import LinkEvent, LinkState, MachineEvent, Reading
from devices.sim.pty import PtyPair, open_pty_pair
from devices.transport import SerialLink
from tests.devices.hl7.messages import GATEWAY_REPORT

pytestmark = pytest.mark.integration

WAIT_S = 10.0


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), 60))


class MachinePort:
    """The machine's end of the pseudo-terminal, read through the loop."""

    def __init__(self, pair: PtyPair) -> None:
        self.fd = pair.controller_fd
        self.framer = MllpFramer()
        self.frames: asyncio.Queue[bytes] = asyncio.Queue()
        os.set_blocking(self.fd, False)
        asyncio.get_running_loop().add_reader(self.fd, self._readable)

    def _readable(self) -> None:
        for frame in self.framer.feed(os.read(self.fd, 4096)):
            self.frames.put_nowait(frame)

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # a pty takes a few KiB at a time
            written = os.write(self.fd, view)
            view = view[written:]

    async def ack(self) -> AckReply:
        frame = await asyncio.wait_for(self.frames.get(), WAIT_S)
        return read_ack(frame.decode("utf-8"))

    def close(self) -> None:
        asyncio.get_running_loop().remove_reader(self.fd)


async def first(events: AsyncIterator[MachineEvent], kind: type) -> MachineEvent:
    async def look() -> MachineEvent:
        async for event in events:
            if isinstance(event, kind):
                return event
        raise AssertionError("events ended")

    return await asyncio.wait_for(look(), WAIT_S)


def test_reports_over_a_serial_line_are_taken_and_answered() -> None:
    async def scenario() -> None:
        pair = open_pty_pair()
        machine = MachinePort(pair)
        driver = Hl7DialysisDriver(link=SerialLink(pair.device_path, baudrate=9600))
        await driver.start_monitoring()
        await driver.open()
        events = driver.events()
        try:
            connected = await first(events, LinkEvent)
            frame = wrap(GATEWAY_REPORT.encode("utf-8"))
            machine.send(b"\x00\xff noise " + frame[:300])
            machine.send(frame[300:])

            reply = await machine.ack()
            reading = await first(events, Reading)
            machine.send(wrap(GATEWAY_REPORT.replace("|280|", "|x|").encode("utf-8")))
            refusal = await machine.ack()
        finally:
            machine.close()
            await driver.close()
            pair.close()

        assert isinstance(connected, LinkEvent)
        assert connected.state is LinkState.CONNECTED
        assert (reply.code, reply.control_id) == ("AA", "GW000815")
        assert isinstance(reading, Reading) and reading.sequence == 9001
        assert refusal.code == "AE"

    run(scenario)
