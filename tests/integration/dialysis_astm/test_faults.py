"""Link faults on a real pseudo-terminal: what the driver reports, and when.

Stated times (timers are the standard's × 0.1, see conftest):

| fault | state | within |
|---|---|---|
| cable pulled | DISCONNECTED | 1 s |
| cable back | CONNECTED | 2 s after the port reappears |
| a frame with a bad checksum | DEGRADED | 2 report intervals (1 s) |
| bytes dropped | DEGRADED | 4 s |
| machine silent while monitored | DEGRADED | SILENCE_DEGRADED_S + 1 s |
| machine silent while monitored | DISCONNECTED | SILENCE_DISCONNECTED_S + 1 s |
| a reply slower than SLOW_REPLY_S | DEGRADED | when that reply arrives |
| a frame's ETX lost | readings go on | 1 report interval + 1.5 s |

A garbled ACK to a write's last frame costs one immediate resend, not the
15 s (here 1.5 s) timer; a lost one makes the write's outcome unknown, and
write-and-verify reads back what the machine holds. A machine flooding
reports and re-bidding right after each EOT delays a request by at most the
computer's contention wait (20 s, here 2 s) and a few transfers.
"""

from __future__ import annotations

import time

import pytest

from devices.dialysis.model import LinkState, MachineMode, Reading, SequenceGap
from devices.errors import WriteOutcomeUnknown
from devices.sim.dialysis_astm import AstmMachineEndpoint
from devices.sim.dialysis_machine import DEFAULT_SETTINGS
from tests.integration.dialysis_astm.conftest import (
    BAUD,
    REPORT_INTERVAL_S,
    SILENCE_DEGRADED_S,
    SILENCE_DISCONNECTED_S,
    SLOW_REPLY_S,
    TIMERS,
    EventLog,
    make_driver,
    reconnecting_serial,
    run,
)

pytestmark = pytest.mark.integration


def _consecutive(readings: list[Reading]) -> bool:
    numbers = [r.sequence for r in readings]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _first(log: EventLog, state: LinkState, since: float) -> tuple[float, str] | None:
    for at, reached, reason in log.state_after(since):
        if reached is state:
            return at, reason
    return None


async def _reach(
    log: EventLog, state: LinkState, since: float, timeout_s: float
) -> tuple[float, str]:
    """When the driver reported ``state`` after ``since``, and why."""
    await log.wait_for(
        lambda: _first(log, state, since) is not None, timeout_s, state.value
    )
    found = _first(log, state, since)
    assert found is not None
    return found


def test_cable_pull_loses_no_reading_and_repeats_none(
    endpoint: AstmMachineEndpoint,
) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 24, 10, "first readings")

        pulled = time.monotonic()
        endpoint.pull_cable(for_s=1.5)
        lost, _ = await _reach(log, LinkState.DISCONNECTED, pulled, 5)
        assert lost - pulled < 1.0
        back, _ = await _reach(log, LinkState.CONNECTED, lost, 10)
        assert back - pulled < 1.5 + 2.0
        count = len(log.readings())
        await log.wait_for(
            lambda: len(log.readings()) >= count + 48, 20, "readings after the pull"
        )
        readings = log.readings()
        assert _consecutive(readings), [r.sequence for r in readings]
        assert not [e for _, e in log.events if isinstance(e, SequenceGap)]
        # The ones taken while the cable was out came later, but came.
        assert endpoint.counters.reports_lost == 0
        await log.stop()
        await driver.close()

    run(scenario())


def test_a_real_gap_is_reported_and_never_filled(tmp_path: object) -> None:
    machine = AstmMachineEndpoint.for_new_machine(
        "SN-GAP", time_scale=60, report_interval_s=0.25, timers=TIMERS,
        baudrate=19200, buffer_limit=1,
    )  # fmt: skip
    machine.start()

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(machine))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 12, 10, "first readings")
        machine.pull_cable(for_s=2.0)  # ~8 reports, the buffer keeps one
        await log.wait_for(
            lambda: any(isinstance(e, SequenceGap) for _, e in log.events),
            15,
            "a gap",
        )
        count = len(log.readings())
        await log.wait_for(lambda: len(log.readings()) > count + 12, 10, "more")
        gaps = [e for _, e in log.events if isinstance(e, SequenceGap)]
        numbers = [r.sequence for r in log.readings()]
        missing = set(range(numbers[0], numbers[-1] + 1)) - set(numbers)
        reported = {n for g in gaps for n in range(g.first_missing, g.last_missing + 1)}
        assert missing and reported == missing
        assert len(numbers) == len(set(numbers)) and numbers == sorted(numbers)
        assert machine.counters.reports_lost > 0
        await log.stop()
        await driver.close()

    try:
        run(scenario())
    finally:
        machine.stop()


def test_bad_checksum_and_dropped_bytes_degrade_then_recover(
    endpoint: AstmMachineEndpoint,
) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 12, 10, "first readings")

        spoiled = time.monotonic()
        endpoint.faults.corrupt_frames = 1
        degraded, why = await _reach(log, LinkState.DEGRADED, spoiled, 5)
        assert degraded - spoiled < 2 * REPORT_INTERVAL_S + 0.5
        assert "checksum" in why
        await _reach(log, LinkState.CONNECTED, degraded, 10)

        dropping = time.monotonic()
        endpoint.faults.drop_byte_probability = 0.01
        await _reach(log, LinkState.DEGRADED, dropping, 4)
        endpoint.faults.drop_byte_probability = 0.0
        healed = time.monotonic()
        await _reach(log, LinkState.CONNECTED, healed, 15)
        count = len(log.readings())
        await log.wait_for(lambda: len(log.readings()) > count + 24, 10, "more")
        readings = log.readings()
        numbers = [r.sequence for r in readings]
        assert numbers == sorted(set(numbers))  # no repeat, whatever was retried
        gaps = [e for _, e in log.events if isinstance(e, SequenceGap)]
        assert not gaps and _consecutive(readings)
        await log.stop()
        await driver.close()

    run(scenario())


def test_silent_machine_degrades_then_disconnects_then_comes_back(
    endpoint: AstmMachineEndpoint,
) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 12, 10, "first readings")

        endpoint.faults.silent = True
        silenced = time.monotonic()
        degraded, _ = await _reach(log, LinkState.DEGRADED, silenced, 10)
        assert degraded - silenced < SILENCE_DEGRADED_S + 1.0
        gone, why = await _reach(log, LinkState.DISCONNECTED, silenced, 10)
        assert gone - silenced < SILENCE_DISCONNECTED_S + 1.0
        assert "nothing from the machine" in why

        endpoint.faults.silent = False
        await _reach(log, LinkState.CONNECTED, gone, 10)
        await log.stop()
        await driver.close()

    run(scenario())


def test_slow_answers_degrade_the_link(endpoint: AstmMachineEndpoint) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.identify()
        endpoint.faults.reply_delay_s = SLOW_REPLY_S + 0.5
        asked = time.monotonic()
        await driver.identify()
        answered = time.monotonic()
        degraded, why = await _reach(log, LinkState.DEGRADED, asked, 2)
        assert "identify took" in why
        assert degraded <= answered + 0.1
        await log.stop()
        await driver.close()

    run(scenario())


def test_contention_the_computer_yields_to_the_machine(
    endpoint: AstmMachineEndpoint,
) -> None:
    """Both bid at once: the machine's message goes first, after its 1 s
    (here 0.1 s); the computer bids again only after its 20 s (here 2 s)."""

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.identify()
        endpoint.faults.contend_next_enq = True
        asked = time.monotonic()
        await driver.identify()
        answered = time.monotonic()
        assert answered - asked >= TIMERS.contention_computer_s
        assert answered - asked < TIMERS.contention_computer_s + 2.0
        readings_at = [t for t, e in log.events if isinstance(e, Reading)]
        assert readings_at and asked < readings_at[0] < asked + 1.0
        reasons = [r for _, _, r in log.state_after(asked)]
        assert any("contention: computer waits 2.0 s" in r for r in reasons)
        await log.stop()
        await driver.close()

    run(scenario())


def test_a_machine_that_forgot_monitoring_is_asked_again(
    endpoint: AstmMachineEndpoint,
) -> None:
    """Power lost with the cable: readings stop until the driver asks again,
    and those the machine numbered meanwhile are reported as a gap."""

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 12, 10, "first readings")
        pulled = time.monotonic()
        endpoint.pull_cable(for_s=0.5)
        endpoint.restart_interface()
        await _reach(log, LinkState.DISCONNECTED, pulled, 5)
        count = len(log.readings())
        await log.wait_for(lambda: len(log.readings()) >= count + 12, 15, "resumed")
        assert endpoint.monitoring
        gaps = [e for _, e in log.events if isinstance(e, SequenceGap)]
        assert len(gaps) == 1
        numbers = [r.sequence for r in log.readings()]
        assert gaps[0].first_missing == numbers[count - 1] + 1
        assert gaps[0].last_missing == numbers[count] - 1
        await log.stop()
        await driver.close()

    run(scenario())


def test_a_garbled_ack_to_the_last_frame_is_a_nak_resent_at_once(
    endpoint: AstmMachineEndpoint,
) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        await driver.open()
        await driver.identify()
        endpoint.faults.garble_final_acks = 1
        started = time.monotonic()
        await driver.write_settings(DEFAULT_SETTINGS)  # no error
        assert time.monotonic() - started < TIMERS.reply_s
        assert endpoint.faults.garble_final_acks == 0  # it did happen
        assert await driver.read_settings() == DEFAULT_SETTINGS
        await driver.close()

    run(scenario())


def test_a_lost_ack_to_the_last_frame_makes_the_outcome_unknown(
    endpoint: AstmMachineEndpoint,
) -> None:
    """The machine got and applied the write; its ACK vanished. The driver
    must not say "not written": it says "unknown", then reads back."""

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        await driver.open()
        await driver.identify()
        endpoint.faults.lose_final_acks = 1
        with pytest.raises(WriteOutcomeUnknown, match="read them back"):
            await driver.write_settings(DEFAULT_SETTINGS)
        assert endpoint.call(lambda m: m.current_settings()) == DEFAULT_SETTINGS

        endpoint.faults.lose_final_acks = 1
        check = await driver.write_and_verify(DEFAULT_SETTINGS)
        assert check.write_outcome_unknown
        assert check.read_back == DEFAULT_SETTINGS and check.ok
        assert await driver.read_mode() is MachineMode.PREPARATION
        await driver.close()

    run(scenario())


def test_a_machine_flooding_reports_cannot_lock_the_workstation_out(
    tmp_path: object,
) -> None:
    """The machine re-bids the moment its EOT is out and always has a report
    waiting. The workstation's request still goes within its contention
    wait plus a few transfers, every time."""
    flooding = AstmMachineEndpoint.for_new_machine(
        "SN-FLOOD", time_scale=60, seed=2, baudrate=BAUD, report_interval_s=0.05,
        timers=TIMERS, link_dir=tmp_path, rebid_gap_s=0.0,
    )  # fmt: skip
    flooding.start()

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(flooding))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 24, 10, "flood under way")
        bound_s = TIMERS.contention_computer_s + 2.0
        for _ in range(3):
            asked = time.monotonic()
            assert await driver.read_mode() is MachineMode.PREPARATION
            assert time.monotonic() - asked < bound_s
        await log.stop()
        await driver.close()

    try:
        run(scenario())
    finally:
        flooding.stop()


def test_a_lost_etx_costs_one_retransmission_not_the_receiver_timer(
    endpoint: AstmMachineEndpoint,
) -> None:
    """The frame's terminator vanishes: the driver NAKs at the frame's LF
    and the machine resends at once, well inside the sender's 15 s (here
    1.5 s) and the receiver's 30 s (here 3 s) timers."""

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        log = EventLog(driver)
        await driver.open()
        log.start()
        await driver.start_monitoring()
        await log.wait_for(lambda: len(log.readings()) >= 12, 10, "first readings")
        count = len(log.readings())
        endpoint.faults.lose_terminators = 1
        await log.wait_for(
            lambda: endpoint.faults.lose_terminators == 0, 5, "the ETX was lost"
        )
        cut = time.monotonic()
        arrived = await log.wait_for(
            lambda: len(log.readings()) > count + 12, 5, "readings go on"
        )
        assert arrived - cut < REPORT_INTERVAL_S + TIMERS.reply_s
        assert _consecutive(log.readings())
        await log.stop()
        await driver.close()

    run(scenario())
