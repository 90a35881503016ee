"""Hl7DialysisDriver over real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.dialysis.hl7.ack import AckReply, read_ack
from devices.dialysis.hl7.driver import Hl7DialysisDriver
from devices.dialysis.hl7.errors import NotYetReported, ReadOnlyProtocol
from devices.dialysis.hl7.mllp import MllpFramer, wrap
from devices.dialysis.model import (
    LinkEvent,
    LinkState,
    MachineEvent,
    MachineMode,
    MachineSettings,
    Reading,
)
from devices.errors import DeviceError, LinkTimeout
from devices.transport import TcpLink

from .messages import GATEWAY_REPORT, SETTINGS_REPORT

WAIT_S = 10.0
E = TypeVar("E")


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), 60))


async def next_of(
    events: AsyncIterator[MachineEvent],
    kind: type[E],
    check: Callable[[E], bool] = lambda _e: True,
) -> E:
    async def look() -> E:
        async for event in events:
            if isinstance(event, kind) and check(event):
                return event
        raise AssertionError(f"events ended before a {kind.__name__}")

    return await asyncio.wait_for(look(), WAIT_S)


def link_is(state: LinkState) -> Callable[[LinkEvent], bool]:
    return lambda event: event.state is state


class Gateway:
    """A test client playing a gateway: sends frames, reads ACKs."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer
        self.framer = MllpFramer()
        self.frames: list[bytes] = []

    @classmethod
    async def connect(cls, port: int) -> Gateway:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def ack(self) -> AckReply:
        async def read() -> AckReply:
            while not self.frames:
                data = await self.reader.read(4096)
                assert data, "driver closed the connection"
                self.frames.extend(self.framer.feed(data))
            return read_ack(self.frames.pop(0).decode("utf-8"))

        return await asyncio.wait_for(read(), WAIT_S)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


def test_writing_settings_is_refused_as_read_only() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        with pytest.raises(ReadOnlyProtocol, match="read-only") as refused:
            await driver.write_settings(MachineSettings({}))
        assert isinstance(refused.value, DeviceError)

    run(scenario)


def test_identify_without_any_report_times_out() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver(report_timeout_s=0.2)
        await driver.open()
        try:
            with pytest.raises(LinkTimeout, match="no HL7 report"):
                await driver.identify()
            assert driver.link_state is LinkState.DISCONNECTED
        finally:
            await driver.close()

    run(scenario)


def test_a_report_split_among_garbage_is_taken_and_acknowledged() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        await driver.open()
        await driver.start_monitoring()
        events = driver.events()
        gateway = await Gateway.connect(driver.port)
        frame = b"line noise\r\n" + wrap(GATEWAY_REPORT.encode("utf-8"))
        for start in range(0, len(frame), 97):
            await gateway.send(frame[start : start + 97])

        reply = await gateway.ack()

        assert (reply.code, reply.control_id) == ("AA", "GW000815")
        await next_of(events, LinkEvent, link_is(LinkState.CONNECTED))
        assert await next_of(events, MachineMode) is MachineMode.TREATMENT
        first = await next_of(events, Reading)
        assert (first.code, first.sequence) == (
            "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE",
            9001,
        )
        assert (await driver.identify()).serial_number == "AK98-55012"
        assert await driver.read_mode() is MachineMode.TREATMENT
        with pytest.raises(NotYetReported):
            await driver.read_settings()
        await gateway.close()
        await driver.close()

    run(scenario)


def test_settings_read_back_are_the_last_reported() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        await driver.open()
        gateway = await Gateway.connect(driver.port)
        await gateway.send(wrap(SETTINGS_REPORT.encode("utf-8")))
        assert (await gateway.ack()).accepted

        settings_now = await driver.read_settings()

        assert settings_now.modality == "HDF"
        assert str(settings_now.values["MDC_HDIALY_UF_RATE_SETTING"]) == "600"
        await gateway.close()
        await driver.close()

    run(scenario)


def test_link_degrades_on_a_rejected_message_and_recovers_on_a_good_one() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        await driver.open()
        events = driver.events()
        gateway = await Gateway.connect(driver.port)
        broken = GATEWAY_REPORT.replace("|280|", "|2,80|")

        await gateway.send(wrap(broken.encode("utf-8")))
        reply = await gateway.ack()
        degraded = await next_of(events, LinkEvent, link_is(LinkState.DEGRADED))
        await gateway.send(wrap(GATEWAY_REPORT.encode("utf-8")))
        await gateway.ack()
        recovered = await next_of(events, LinkEvent, link_is(LinkState.CONNECTED))

        assert reply.code == "AE"
        assert "not a number" in degraded.reason
        assert recovered.reason == "reporting"
        await gateway.close()
        await next_of(events, LinkEvent, link_is(LinkState.DISCONNECTED))
        await driver.close()

    run(scenario)


def test_silence_degrades_the_link_within_the_stated_time() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver(silence_timeout_s=0.3)
        await driver.open()
        events = driver.events()
        gateway = await Gateway.connect(driver.port)
        await next_of(events, LinkEvent, link_is(LinkState.CONNECTED))
        loop = asyncio.get_running_loop()
        started = loop.time()

        degraded = await next_of(events, LinkEvent, link_is(LinkState.DEGRADED))

        assert 0.25 <= loop.time() - started < 2.0
        assert "no message for 0.3 s" in degraded.reason
        await gateway.close()
        await driver.close()

    run(scenario)


def test_closing_the_driver_ends_the_events_stream() -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        await driver.open()
        gateway = await Gateway.connect(driver.port)
        events = driver.events()
        await next_of(events, LinkEvent, link_is(LinkState.CONNECTED))

        await driver.close()
        rest = [event async for event in events]

        assert len(rest) == 1 and isinstance(rest[0], LinkEvent)
        assert (rest[0].state, rest[0].reason) == (
            LinkState.DISCONNECTED,
            "driver closed",
        )
        await gateway.close()

    run(scenario)


def test_over_a_transport_link_to_a_terminal_server() -> None:
    """The driver dials out with devices.transport's TcpLink, as it would
    open a serial port, and a server plays the gateway behind it."""

    async def scenario() -> None:
        replies: asyncio.Queue[AckReply] = asyncio.Queue()

        async def gateway(
            reader: asyncio.StreamReader, writer: asyncio.StreamWriter
        ) -> None:
            writer.write(wrap(GATEWAY_REPORT.encode("utf-8")))
            await writer.drain()
            await replies.put(await Gateway(reader, writer).ack())
            writer.close()

        server = await asyncio.start_server(gateway, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        driver = Hl7DialysisDriver(link=TcpLink("127.0.0.1", port))
        await driver.open()
        await driver.start_monitoring()
        events = driver.events()

        reply = await asyncio.wait_for(replies.get(), WAIT_S)
        reading = await next_of(events, Reading)
        lost = await next_of(events, LinkEvent, link_is(LinkState.DISCONNECTED))

        assert reply.accepted
        assert reading.sequence == 9001
        assert "link lost" in lost.reason
        await driver.close()
        server.close()
        await server.wait_closed()

    run(scenario)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(junk=st.lists(st.binary(min_size=1, max_size=300), min_size=1, max_size=5))
def test_arbitrary_bytes_never_take_the_driver_down(junk: list[bytes]) -> None:
    async def scenario() -> None:
        driver = Hl7DialysisDriver()
        await driver.open()
        gateway = await Gateway.connect(driver.port)
        for chunk in junk:
            await gateway.send(chunk)
        # Whatever half frame the junk left is abandoned by a new start block.
        await gateway.send(wrap(GATEWAY_REPORT.encode("utf-8")))

        reply = await gateway.ack()
        while reply.control_id != "GW000815":  # answers to frames in the junk
            reply = await gateway.ack()

        assert reply.code == "AA"
        await gateway.close()
        await driver.close()

    run(scenario)


def test_a_port_already_taken_fails_to_open_and_leaves_nothing_running() -> None:
    async def scenario() -> None:
        first = Hl7DialysisDriver()
        await first.open()
        first_port = first.port
        second = Hl7DialysisDriver(port=first_port)
        try:
            with pytest.raises(OSError):
                await second.open()
        finally:
            await first.close()
        # Once the port is free, the same driver opens there.
        await second.open()
        assert second.port == first_port
        await second.close()

    run(scenario)
