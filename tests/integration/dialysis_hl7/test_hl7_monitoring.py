"""The HL7 simulator and the HL7 driver over real TCP on 127.0.0.1.

A simulated machine reports through ``serve_hl7``; ``Hl7DialysisDriver``
listens, answers and hands on what it got. Faults are asked for while it
runs; the readings must still arrive in order, none missing, none twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeVar

import pytest

from devices.dialysis.hl7.driver import Hl7DialysisDriver
from devices.dialysis.model import (
    LinkEvent,
    LinkState,
    MachineAlarm,
    MachineEvent,
    MachineSettings,
    Reading,
    SequenceGap,
    SettingDifference,
)
from devices.sim.dialysis_hl7 import Hl7SenderFaults, serve_hl7
from devices.sim.dialysis_machine import (
    ALARM_VENOUS_PRESSURE_HIGH,
    MachineFault,
    MachineOutput,
    SimulatedMachine,
)

pytestmark = pytest.mark.integration

WAIT_S = 15.0
E = TypeVar("E")
# The link state must follow a fault within this time.
LINK_STATE_WITHIN_S = 2.0
READINGS_PER_MESSAGE = 12
# hl7apy reads one report in 30-100 ms; faster reports would queue up.
INTERVAL_S = 0.2


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), 60))


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Watch:
    """Everything the driver handed on, with when it arrived."""

    events: AsyncIterator[MachineEvent]
    seen: list[tuple[float, MachineEvent]] = field(default_factory=list)

    async def until(self, check: Callable[[MachineEvent], bool]) -> MachineEvent:
        loop = asyncio.get_running_loop()

        async def look() -> MachineEvent:
            async for event in self.events:
                self.seen.append((loop.time(), event))
                if check(event):
                    return event
            raise AssertionError("events ended")

        return await asyncio.wait_for(look(), WAIT_S)

    async def readings(self, count: int) -> None:
        target = len(self.of(Reading)) + count
        await self.until(lambda _e: len(self.of(Reading)) >= target)

    def of(self, kind: type[E]) -> list[E]:
        return [event for _t, event in self.seen if isinstance(event, kind)]


def is_link(state: LinkState) -> Callable[[MachineEvent], bool]:
    return lambda e: isinstance(e, LinkEvent) and e.state is state


def is_alarm(code: str, raised: bool) -> Callable[[MachineEvent], bool]:
    return lambda e: (
        isinstance(e, MachineAlarm) and e.code == code and e.raised is raised
    )


@contextlib.asynccontextmanager
async def simulator(
    machine: SimulatedMachine, port: int, faults: Hl7SenderFaults
) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve_hl7(
            machine,
            "127.0.0.1",
            port,
            time_scale=15.0,
            interval_s=INTERVAL_S,
            stop=stop,
            faults=faults,
            reconnect_s=0.1,
        )
    )
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT_S)


def assert_no_gap_no_duplicate(watch: Watch) -> None:
    readings = watch.of(Reading)
    numbers = [r.sequence for r in readings]
    assert numbers == list(range(1, len(numbers) + 1))
    assert watch.of(SequenceGap) == []
    times = [r.measured_at for r in readings]
    assert times == sorted(times)


def test_treatment_reported_in_order_across_malformed_message_and_cable_pull() -> None:
    async def scenario() -> None:
        machine = SimulatedMachine(serial_number="HD-7781", clock=utc_now, seed=11)
        machine.start_treatment()
        faults = Hl7SenderFaults()
        driver = Hl7DialysisDriver(name="bed3")
        await driver.start_monitoring()
        await driver.open()
        watch = Watch(driver.events())
        loop = asyncio.get_running_loop()

        async with simulator(machine, driver.port, faults):
            await watch.readings(3 * READINGS_PER_MESSAGE)

            faults.send_malformed()
            await watch.until(is_link(LinkState.DEGRADED))
            await watch.readings(2 * READINGS_PER_MESSAGE)

            pulled_at = loop.time()
            faults.disconnect()
            await watch.until(is_link(LinkState.DISCONNECTED))
            disconnected_after = loop.time() - pulled_at
            await watch.until(is_link(LinkState.CONNECTED))
            await watch.readings(3 * READINGS_PER_MESSAGE)

            machine.force(MachineFault.VENOUS_OBSTRUCTION)
            await watch.until(is_alarm(ALARM_VENOUS_PRESSURE_HIGH, True))
            machine.release(MachineFault.VENOUS_OBSTRUCTION)
            await watch.until(is_alarm(ALARM_VENOUS_PRESSURE_HIGH, False))
            await watch.readings(READINGS_PER_MESSAGE)

            assert await driver.identify() == machine.identity
            assert await driver.read_settings() == machine.current_settings()

        await driver.close()

        assert_no_gap_no_duplicate(watch)
        assert disconnected_after < LINK_STATE_WITHIN_S
        assert [a.code for a in faults.malformed_answers] == ["AE"]
        states = [e.state for e in watch.of(LinkEvent)]
        assert states[:5] == [
            LinkState.CONNECTED,
            LinkState.DEGRADED,
            LinkState.CONNECTED,
            LinkState.DISCONNECTED,
            LinkState.CONNECTED,
        ]
        flows = [
            r.value
            for r in watch.of(Reading)
            if r.code == "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE"
        ]
        assert 0 in flows  # the pump stopped on the alarm

    run(scenario)


def test_a_silent_machine_degrades_the_link_and_its_reports_follow_later() -> None:
    async def scenario() -> None:
        machine = SimulatedMachine(serial_number="HD-7784", clock=utc_now, seed=2)
        machine.start_treatment()
        faults = Hl7SenderFaults()
        silence_timeout_s = 0.5
        driver = Hl7DialysisDriver(silence_timeout_s=silence_timeout_s)
        await driver.start_monitoring()
        await driver.open()
        watch = Watch(driver.events())
        loop = asyncio.get_running_loop()

        async with simulator(machine, driver.port, faults):
            await watch.readings(2 * READINGS_PER_MESSAGE)
            quiet_from = loop.time()
            faults.go_silent(1.5)
            degraded = await watch.until(is_link(LinkState.DEGRADED))
            degraded_after = loop.time() - quiet_from
            await watch.until(is_link(LinkState.CONNECTED))
            await watch.readings(4 * READINGS_PER_MESSAGE)

        await driver.close()
        assert_no_gap_no_duplicate(watch)
        assert isinstance(degraded, LinkEvent)
        assert "no message for 0.5 s" in degraded.reason
        # Counted from the last report taken, which may come before the
        # request by up to one interval.
        earliest = silence_timeout_s - INTERVAL_S
        assert earliest <= degraded_after < silence_timeout_s + LINK_STATE_WITHIN_S

    run(scenario)


def test_a_setting_changed_behind_the_nurses_back_is_what_reads_back() -> None:
    async def scenario() -> None:
        machine = SimulatedMachine(serial_number="HD-7782", clock=utc_now, seed=5)
        written = machine.current_settings()
        driver = Hl7DialysisDriver()
        await driver.open()
        await driver.start_monitoring()
        watch = Watch(driver.events())

        async with simulator(machine, driver.port, Hl7SenderFaults()):
            await watch.readings(READINGS_PER_MESSAGE)
            assert (await driver.read_settings()).differences(written) == []

            machine.change_setting_behind_back(
                "MDC_HDIALY_DIALYSATE_COND_SETTING", Decimal("15.0")
            )
            differences = await differences_appear(driver, watch, written)

        await driver.close()
        assert [(d.code, d.read_back) for d in differences] == [
            ("MDC_HDIALY_DIALYSATE_COND_SETTING", Decimal("15.0"))
        ]

    run(scenario)


async def differences_appear(
    driver: Hl7DialysisDriver, watch: Watch, written: MachineSettings
) -> list[SettingDifference]:
    """Read back after every report until something differs."""

    async def poll() -> list[SettingDifference]:
        while not (found := written.differences(await driver.read_settings())):
            await watch.readings(READINGS_PER_MESSAGE)
        return found

    return await asyncio.wait_for(poll(), WAIT_S)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class CountingMachine(SimulatedMachine):
    """A simulated machine that says when it has reported ``wanted`` times."""

    def __init__(self, wanted: int, *, serial_number: str, seed: int) -> None:
        super().__init__(serial_number=serial_number, clock=utc_now, seed=seed)
        self.wanted = wanted
        self.reported = asyncio.Event()
        self._reports = 0

    def advance(self, sim_seconds: float) -> list[MachineOutput]:
        self._reports += 1
        if self._reports >= self.wanted:
            self.reported.set()
        return super().advance(sim_seconds)


def test_reports_made_while_the_receiver_was_away_arrive_in_order() -> None:
    async def scenario() -> None:
        machine = CountingMachine(4, serial_number="HD-7783", seed=9)
        machine.start_treatment()
        port = free_port()
        driver = Hl7DialysisDriver(port=port)
        await driver.start_monitoring()

        async with simulator(machine, port, Hl7SenderFaults()):
            # The machine reports into the void before the receiver listens.
            await asyncio.wait_for(machine.reported.wait(), WAIT_S)
            await driver.open()
            watch = Watch(driver.events())
            await watch.readings(6 * READINGS_PER_MESSAGE)

        await driver.close()
        assert_no_gap_no_duplicate(watch)

    run(scenario)
