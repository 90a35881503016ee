"""HL7 monitoring link: cost of one report, readings per second, CPU share.

- Parsing: one PCD-01 report as the simulator sends it every second (12
  readings, identity, mode: 24 OBX) and the same with the 14 settings (40
  OBX), decoded and applied 40 times each; median and p95 per report, in
  wall time and in CPU time of the decoding thread.
- Throughput: the simulator offers 50 reports a second, more than the
  driver takes, over one TCP connection on 127.0.0.1; readings per second
  the driver hands on.
- CPU share: one link at one report per second (one reading per second per
  parameter) for 10 s, simulator and driver in this process; the process's
  CPU time over wall time, and the driver's share measured from the parse
  cost alone.
- Event-loop lag during both runs: how late a 10 ms timer fires while
  reports are parsed on the driver's worker thread.

Nothing is asserted about time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from devices.dialysis.hl7.driver import Hl7DialysisDriver
from devices.dialysis.hl7.pcd01 import MachineReport, build_report
from devices.dialysis.hl7.receiver import Hl7Receiver, decode_report
from devices.dialysis.model import Reading
from devices.sim.dialysis_hl7 import serve_hl7
from devices.sim.dialysis_machine import SimulatedMachine

PARSE_RUNS = 40
THROUGHPUT_S = 5.0
CPU_RUN_S = 10.0


def _now() -> datetime:
    return datetime.now(UTC)


def _payloads() -> tuple[list[bytes], list[bytes]]:
    machine = SimulatedMachine(serial_number="BENCH-1", clock=_now, seed=1)
    machine.start_treatment()
    plain: list[bytes] = []
    with_settings: list[bytes] = []
    for number in range(PARSE_RUNS):
        outputs = machine.advance(1)
        readings = [o for o in outputs if isinstance(o, Reading)]
        settings = machine.current_settings()
        for target, values in ((plain, None), (with_settings, settings.values)):
            report = MachineReport(
                control_id=f"B{number}-{len(target)}",
                sent_at=_now(),
                identity=machine.identity,
                mode=machine.mode,
                readings=readings,
                settings=values,
            )
            target.append(build_report(report).encode("utf-8"))
    return plain, with_settings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _parse_ms(payloads: list[bytes]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per report, decoded and applied."""
    receiver = Hl7Receiver(clock=_now)
    wall, cpu = [], []
    for payload in payloads:
        started, cpu_started = time.perf_counter(), time.thread_time()
        receiver.take(decode_report(payload))
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)
    return wall, cpu


def test_parse_cost_per_report() -> None:
    plain, with_settings = _payloads()
    decode_report(plain[0])  # load hl7apy's tables once

    for label, payloads in (
        ("24 OBX", plain),
        ("40 OBX, with settings", with_settings),
    ):
        wall, cpu = _parse_ms(payloads)
        print(
            f"\nHL7 report, {label}: wall median {statistics.median(wall):.1f} ms, "
            f"p95 {_p95(wall):.1f} ms; CPU median {statistics.median(cpu):.1f} ms, "
            f"p95 {_p95(cpu):.1f} ms"
        )


@dataclass
class LinkRun:
    readings: int
    cpu_s: float
    wall_s: float
    loop_lag_ms: list[float]


async def _probe_lag(lags_ms: list[float], stop: asyncio.Event) -> None:
    """How late a 10 ms timer fires: the event loop's lag."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        planned = loop.time() + 0.01
        await asyncio.sleep(0.01)
        lags_ms.append(max(0.0, loop.time() - planned) * 1000)


async def _run_link(seconds: float, interval_s: float) -> LinkRun:
    machine = SimulatedMachine(serial_number="BENCH-2", clock=_now, seed=2)
    machine.start_treatment()
    driver = Hl7DialysisDriver()
    await driver.start_monitoring()
    await driver.open()
    stop = asyncio.Event()
    sender = asyncio.create_task(
        serve_hl7(machine, "127.0.0.1", driver.port, interval_s=interval_s, stop=stop)
    )
    lags_ms: list[float] = []
    probe = asyncio.create_task(_probe_lag(lags_ms, stop))
    readings = 0
    cpu_started, wall_started = time.process_time(), time.perf_counter()

    async def count() -> None:
        nonlocal readings
        async for event in driver.events():
            if isinstance(event, Reading):
                readings += 1

    counter = asyncio.create_task(count())
    await asyncio.sleep(seconds)  # a benchmark's fixed measuring window
    cpu = time.process_time() - cpu_started
    wall = time.perf_counter() - wall_started
    stop.set()
    await sender
    await probe
    await driver.close()
    await counter
    return LinkRun(readings, cpu, wall, lags_ms)


def _lag(run: LinkRun) -> str:
    lags = sorted(run.loop_lag_ms)
    p99 = lags[int(len(lags) * 0.99) - 1]
    return f"event-loop lag p50 {statistics.median(lags):.1f} ms, p99 {p99:.1f} ms"


def test_readings_per_second_one_link_sustains() -> None:
    run = asyncio.run(_run_link(THROUGHPUT_S, interval_s=0.02))

    print(
        f"\nHL7 over one TCP link, 50 reports/s offered: "
        f"{run.readings / run.wall_s:.0f} readings/s "
        f"({run.readings / run.wall_s / 12:.1f} reports/s), "
        f"process CPU {run.cpu_s / run.wall_s:.0%} of one core; {_lag(run)}"
    )


def test_cpu_share_at_one_report_per_second() -> None:
    run = asyncio.run(_run_link(CPU_RUN_S, interval_s=1.0))
    plain, _ = _payloads()
    decode_report(plain[0])
    started = time.process_time()
    for payload in plain[:10]:
        decode_report(payload)
    driver_cpu_per_report = (time.process_time() - started) / 10

    print(
        f"\nHL7 at 1 report/s (12 parameters): {run.readings} readings in "
        f"{run.wall_s:.1f} s; process CPU (simulator + driver) "
        f"{run.cpu_s / run.wall_s:.1%} of one core; driver parse alone "
        f"{driver_cpu_per_report:.1%} of one core; {_lag(run)}"
    )
