"""ASTM dialysis link benchmarks over real pseudo-terminals (`make bench`).

The simulator runs in its own process (``careloop-sim dialysis``), paced at
the baud rate in both directions, so the measured times resemble a serial
line and the CPU measured here is the driver's alone. Prints percentiles
and ratios; asserts only correctness, never a time.

    CARELOOP_BENCH_ROUNDS    write + read-back rounds at 9600 baud (20)
    CARELOOP_BENCH_SECONDS   seconds for the throughput and CPU windows (20)
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from devices.dialysis.astm import AstmDialysisDriver
from devices.dialysis.model import MachineSettings, Reading
from devices.sim.dialysis_machine import DEFAULT_SETTINGS
from devices.sim.pty import seconds_on_line
from devices.transport import Link, LinkProtocol, SerialLink, TransportState

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("CARELOOP_BENCH_ROUNDS", "20"))
WINDOW_S = float(os.environ.get("CARELOOP_BENCH_SECONDS", "20"))


class CountingLink:
    """A Link that counts the bytes each way through another Link."""

    def __init__(self, inner: Link) -> None:
        self.inner = inner
        self.sent = 0
        self.received = 0
        self._protocol: LinkProtocol | None = None

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def state(self) -> TransportState:
        return self.inner.state

    async def open(self, protocol: LinkProtocol) -> None:
        self._protocol = protocol
        await self.inner.open(self)

    async def write(self, data: bytes) -> None:
        self.sent += len(data)
        await self.inner.write(data)

    async def close(self) -> None:
        await self.inner.close()

    def connection_made(self, link: Link) -> None:
        assert self._protocol is not None
        self._protocol.connection_made(self)

    def data_received(self, data: bytes) -> None:
        self.received += len(data)
        assert self._protocol is not None
        self._protocol.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._protocol is not None:
            self._protocol.connection_lost(exc)


async def _simulator(
    baud: int, interval_s: float
) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "devices.sim.cli", "dialysis", "--baud", str(baud),
        "--interval", str(interval_s), "--time-scale", "60",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
    return process, line.split()[2]


async def _stop(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGINT)
    await asyncio.wait_for(process.wait(), 10)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _prescription(round_number: int) -> MachineSettings:
    flow = Decimal(250 + (round_number % 10) * 10)
    return MachineSettings(
        values={
            **DEFAULT_SETTINGS.values,
            "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": flow,
        },
        modality="HD",
    )


def test_write_settings_and_read_back_at_9600_baud() -> None:
    async def bench() -> None:
        process, path = await _simulator(9600, 2.0)
        link = CountingLink(SerialLink(path, baudrate=9600))
        driver = AstmDialysisDriver(link)
        await driver.open()
        await driver.identify()
        times: list[float] = []
        minima: list[float] = []
        for round_number in range(ROUNDS):
            sent, received = link.sent, link.received
            started = time.perf_counter()
            check = await driver.write_and_verify(_prescription(round_number))
            times.append(time.perf_counter() - started)
            assert check.ok, check.differences
            exchanged = link.sent - sent + link.received - received
            minima.append(seconds_on_line(exchanged, 9600))
        await driver.close()
        await _stop(process)

        median, p95 = statistics.median(times), _percentile(times, 0.95)
        minimum = statistics.median(minima)
        print(
            f"\nwrite settings + read back at 9600 baud, {ROUNDS} rounds:"
            f"\n  median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
            f"\n  bytes on the line per round: {minimum * 960:.0f}"
            f" -> physical minimum {minimum * 1000:.0f} ms"
            f"\n  median / physical minimum = {median / minimum:.2f}"
            f"\n  (design budget: under 1 s)"
        )

    asyncio.run(bench())


async def _count_readings(
    driver: AstmDialysisDriver, window_s: float
) -> tuple[int, list[int]]:
    sequences: list[int] = []
    stream = driver.events()

    async def collect() -> None:
        async for event in stream:
            if isinstance(event, Reading):
                sequences.append(event.sequence)

    task = asyncio.create_task(collect())
    await asyncio.sleep(window_s)  # a benchmark window, not a wait for a condition
    task.cancel()
    return len(sequences), sequences


def test_readings_per_second_one_port_sustains() -> None:
    async def bench(baud: int) -> None:
        # A report every 50 ms is more than any line here carries: the
        # machine's buffer fills and the line runs flat out.
        process, path = await _simulator(baud, 0.05)
        driver = AstmDialysisDriver(SerialLink(path, baudrate=baud))
        await driver.open()
        await driver.start_monitoring()
        await _count_readings(driver, 2.0)  # warm-up
        count, sequences = await _count_readings(driver, WINDOW_S)
        await driver.close()
        await _stop(process)
        assert sequences == sorted(set(sequences))
        print(
            f"\nreadings per second, one port at {baud} baud: {count / WINDOW_S:.1f}"
            f" (12 parameters per report)"
        )

    for baud in (9600, 38400, 115200):
        asyncio.run(bench(baud))


def test_cpu_share_of_one_monitoring_link() -> None:
    """One reading per second per parameter: a 12-reading report each
    second. At 9600 baud such a report takes longer than a second on the
    line, so this runs at 19200 baud; 9600 with a report every 2 s is shown
    too."""

    async def bench(baud: int, interval_s: float, gather_s: float = 0.0) -> None:
        process, path = await _simulator(baud, interval_s)
        driver = AstmDialysisDriver(SerialLink(path, baudrate=baud, gather_s=gather_s))
        await driver.open()
        await driver.start_monitoring()
        await _count_readings(driver, 2.0)
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        count, _ = await _count_readings(driver, WINDOW_S)
        cpu = time.process_time() - cpu_before
        wall = time.perf_counter() - wall_before
        await driver.close()
        await _stop(process)
        print(
            f"\nCPU of one monitoring link at {baud} baud, a report every "
            f"{interval_s:g} s, reader gathering {gather_s * 1000:g} ms: "
            f"{100 * cpu / wall:.2f} % of one core "
            f"({count / wall:.1f} readings/s; {1000 * cpu / max(count, 1):.3f} ms "
            f"CPU per reading)"
        )

    asyncio.run(bench(19200, 1.0))
    asyncio.run(bench(19200, 1.0, gather_s=0.01))
    asyncio.run(bench(9600, 2.0))
