"""The MT-SICS driver against the simulated scale: weigh, zero, tare, identify, refuse."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest

from devices.scale import (
    MtSicsScale,
    ScaleIdentity,
    ScaleReading,
    ScaleState,
    WeightKind,
)
from devices.scale.errors import (
    CommandNotExecutable,
    OutOfRange,
    ScaleSilent,
    ScaleUnreadable,
    SyntaxRejected,
)
from devices.sim.scale_sim import SERIAL_NUMBER, Fault, ScaleSimulator
from devices.transport import SerialLink
from tests.integration.scale.conftest import run

pytestmark = pytest.mark.integration


def _driver(sim: ScaleSimulator, reply_timeout_s: float = 0.5) -> MtSicsScale:
    return MtSicsScale(
        SerialLink(sim.where, baudrate=sim.line_baud),
        reply_timeout_s=reply_timeout_s,
        stable_command_timeout_s=3.0,
        poll_interval_s=0.05,
    )


def test_identify_weigh_tare_and_zero(simulator: Callable[..., ScaleSimulator]) -> None:
    sim = simulator("mtsics")
    driver = _driver(sim)

    async def scenario() -> tuple[ScaleIdentity, list[ScaleReading], Decimal]:
        await driver.open()
        try:
            identity = await driver.identify()
            sim.place(0.8)  # the empty bin
            empty_bin = await driver.stable_reading(timeout_s=5.0)
            tare = await driver.tare()
            sim.place(3.3)  # bin and bag
            net = await driver.weigh_stable()
            await driver.clear_tare()
            gross = await driver.weigh_stable()
            sim.place(0.5)
            await driver.weigh_stable()
            await driver.zero()
            zeroed = await driver.weigh_stable()
            return identity, [empty_bin, net, gross, zeroed], tare
        finally:
            await driver.close()

    identity, (empty_bin, net, gross, zeroed), tare = run(scenario())

    assert identity.serial_number == SERIAL_NUMBER
    assert empty_bin.value == tare == Decimal("0.800")
    assert (net.value, net.kind) == (Decimal("2.500"), WeightKind.NET)
    assert (gross.value, gross.kind) == (Decimal("3.300"), WeightKind.GROSS)
    assert (zeroed.value, zeroed.kind) == (Decimal("0.000"), WeightKind.GROSS)
    assert sim.commands[:3] == ["I2", "I4", "SI"]


def test_unknown_command_is_a_syntax_rejection(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("mtsics")
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        try:
            with pytest.raises(SyntaxRejected):
                await driver.command("XYZ")
        finally:
            await driver.close()

    run(scenario())


def test_zero_refused_while_moving_and_out_of_range(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("mtsics", settle_s=30.0, stability_timeout_s=0.3)
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        try:
            sim.place(10.0)  # still ringing for 30 s
            with pytest.raises(CommandNotExecutable):
                await driver.zero()
            sim.platform.settle_s = 0.0
            with pytest.raises(OutOfRange):
                await driver.zero()  # 10 kg is far beyond the zero range
            sim.remove()
            with pytest.raises(OutOfRange):
                await driver.tare()  # nothing on the pan to tare
        finally:
            await driver.close()

    run(scenario())


def test_overload_is_a_reading_without_weight(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("mtsics", settle_s=0.0)
    sim.place(80.0)
    driver = _driver(sim)

    async def scenario() -> None:
        await driver.open()
        try:
            reading = await driver.weigh_now()
            assert reading.overload and reading.value is None
        finally:
            await driver.close()

    run(scenario())


def test_silent_scale_is_reported_within_the_reply_time(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("mtsics", fault=Fault.SILENT)
    driver = _driver(sim, reply_timeout_s=0.4)

    async def scenario() -> float:
        await driver.open()
        try:
            started = time.monotonic()
            with pytest.raises(ScaleSilent):
                await driver.weigh_now()
            return time.monotonic() - started
        finally:
            await driver.close()

    assert 0.4 <= run(scenario()) < 1.4  # the reply time, with slack for a busy CI
    assert driver.health.state is ScaleState.CLOSED


def test_garbled_replies_yield_no_weight(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    sim = simulator("mtsics", fault=Fault.BAD_CHECKSUM)
    driver = _driver(sim, reply_timeout_s=0.4)

    async def scenario() -> None:
        await driver.open()
        try:
            with pytest.raises(ScaleUnreadable):
                await driver.weigh_now()
        finally:
            await driver.close()

    run(scenario())


def test_simulator_answers_si_on_the_wire_as_a_balance_does(
    simulator: Callable[..., ScaleSimulator],
) -> None:
    import serial  # the raw line, as a terminal program would see it

    sim = simulator("mtsics", settle_s=30.0)
    sim.place(2.0)  # still ringing: the weight is dynamic
    port = serial.serial_for_url(sim.where, baudrate=sim.line_baud, timeout=2.0)
    try:
        port.write(b"SI\r\n")
        line = port.readline()
    finally:
        port.close()

    assert line.startswith(b"S D ") and line.endswith(b" kg\r\n"), line
