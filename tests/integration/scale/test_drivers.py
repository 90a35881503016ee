"""Each scale driver against its simulator over a real pseudo-terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from devices.errors import LinkClosed, PortUnavailable
from devices.scale import ScaleState, StabilityJudge, make_driver
from devices.scale.driver import ContinuousScale
from devices.scale.errors import ScaleSilent, ScaleUnreadable
from devices.sim.scale_sim import Fault, ScaleSimulator
from devices.transport import ReconnectingLink, SerialLink
from tests.integration.scale.conftest import run

pytestmark = pytest.mark.integration

CONTINUOUS = ["toledo", "xk3190-a9", "xk3190-eq", "xk3190-eq2", "xk3190-a12e"]
SILENCE_S = 0.5


def _driver(sim: ScaleSimulator) -> ContinuousScale:
    driver = make_driver(
        sim.protocol,
        SerialLink(sim.where, baudrate=sim.line_baud),
        judge=StabilityJudge(min_readings=4, min_seconds=0.2),
        silence_s=SILENCE_S,
    )
    assert isinstance(driver, ContinuousScale)
    return driver


@pytest.mark.parametrize("protocol", CONTINUOUS)
def test_stable_weight_after_settling(
    protocol: str, simulator: Callable[..., ScaleSimulator]
) -> None:
    sim = simulator(protocol)
    driver = _driver(sim)
    final = Decimal("4.139").quantize(Decimal(1).scaleb(-sim.indicator.decimals))

    async def scenario() -> tuple[int, Decimal | None]:
        await driver.open()
        try:
            await driver.stable_reading(timeout_s=5.0)  # the empty platform
            sim.place(4.139)
            moving = 0
            async for reading in driver.readings():
                if reading.value is None or reading.value < Decimal(1):
                    continue  # the empty platform's last frames, the ramp's start
                if reading.usable:
                    # The FIRST stable reading of the load: never one from the
                    # ringing (ramp, overshoot, noise) before it settled.
                    return moving, reading.value
                moving += 1
            raise AssertionError("the readings ended")
        finally:
            await driver.close()

    moving, first_stable = run(scenario())

    assert first_stable == final
    assert moving > 0  # the ringing was seen, and not called stable
    assert driver.health.good_frames > 0
    assert driver.health.checksum_errors == 0


@pytest.mark.parametrize("protocol", CONTINUOUS)
def test_bad_checksum_yields_no_weight(
    protocol: str, simulator: Callable[..., ScaleSimulator]
) -> None:
    sim = simulator(protocol, fault=Fault.BAD_CHECKSUM)
    sim.place(2.0)
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        try:
            with pytest.raises(ScaleUnreadable):
                await driver.next_reading()
        finally:
            await driver.close()

    run(scenario())

    assert driver.health.good_frames == 0
    assert driver.health.checksum_errors + driver.health.framing_errors > 0


@pytest.mark.parametrize("protocol", ["toledo", "xk3190-a12e"])
def test_garbage_yields_no_weight(
    protocol: str, simulator: Callable[..., ScaleSimulator]
) -> None:
    sim = simulator(protocol, fault=Fault.GARBAGE)
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        try:
            with pytest.raises(ScaleUnreadable):
                await driver.next_reading()
        finally:
            await driver.close()

    run(scenario())

    assert driver.health.good_frames == 0


def test_silent_scale_is_reported_within_the_silence_time(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("toledo", fault=Fault.SILENT)
    driver = _driver(sim)

    async def scenario() -> float:
        await driver.open()
        try:
            started = time.monotonic()
            with pytest.raises(ScaleSilent):
                await driver.next_reading()
            return time.monotonic() - started
        finally:
            await driver.close()

    elapsed = run(scenario())

    assert (
        SILENCE_S <= elapsed < SILENCE_S + 1.0
    )  # the stated time, with slack for a busy CI
    assert driver.health.state is ScaleState.CLOSED


def test_cable_pull_is_reported_and_recovered(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("xk3190-a9")
    sim.place(1.5)
    driver = _driver(sim)

    async def scenario() -> tuple[ScaleState, Decimal | None]:
        await driver.open()
        try:
            await driver.stable_reading(timeout_s=5.0)
            sim.set_fault(Fault.DISCONNECT)
            with pytest.raises(ScaleSilent):
                await driver.stable_reading(timeout_s=5.0)
            state_while_pulled = driver.health.state
            sim.set_fault(None)
            reading = await driver.stable_reading(timeout_s=5.0)
            return state_while_pulled, reading.value
        finally:
            await driver.close()

    state, value = run(scenario())

    assert state is ScaleState.SILENT
    assert value == Decimal("1.50")


def test_closed_link_is_reported_to_a_waiting_reader(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("toledo")
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        await driver.next_reading()
        driver.connection_lost(OSError("port vanished"))
        with pytest.raises(LinkClosed):
            await driver.next_reading()
        await driver.close()

    run(scenario())


def test_overload_is_a_reading_without_weight(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("xk3190-a12e")
    sim.place(75.0)
    driver = _driver(sim)

    async def scenario() -> bool:
        await driver.open()
        try:
            while True:
                reading = await driver.next_reading()
                if reading.overload:
                    return reading.value is None and not reading.usable
        finally:
            await driver.close()

    assert run(scenario())


def test_a_missing_port_is_port_unavailable_and_leaves_the_driver_closed(
    tmp_path: Path,
) -> None:
    driver = make_driver("toledo", SerialLink(str(tmp_path / "ttyUSB9")))

    with pytest.raises(PortUnavailable):
        run(driver.open())
    assert driver.health.state is ScaleState.CLOSED


def test_dropped_connection_is_reported_and_the_link_recovers(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    """A scale behind a serial-to-network gateway: the connection drops, and a
    ReconnectingLink brings the same driver back once the gateway answers."""
    sim = simulator("toledo", tcp_port=0)
    sim.place(2.5)
    link = ReconnectingLink(
        lambda: SerialLink(sim.where), first_retry_s=0.1, max_retry_s=0.2
    )
    driver = make_driver(
        "toledo", link, judge=StabilityJudge(min_readings=4, min_seconds=0.2)
    )

    async def scenario() -> tuple[Decimal | None, Decimal | None]:
        await driver.open()
        try:
            before = (await driver.stable_reading(timeout_s=5.0)).value
            sim.set_fault(Fault.DISCONNECT)
            with pytest.raises(LinkClosed):
                while True:
                    await driver.next_reading()
            sim.set_fault(None)
            after = (await driver.stable_reading(timeout_s=5.0)).value
            return before, after
        finally:
            await driver.close()

    before, after = run(scenario())

    assert before == after == Decimal("2.50")
