"""``careloop-sim scale`` and ``careloop-sim printer`` as a trainer would start them."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from devices.scale import StabilityJudge, make_driver
from devices.transport import SerialLink
from tests.integration.scale.conftest import run
from tests.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


def _start(
    started: list[subprocess.Popen[str]], *args: str
) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "devices.sim.cli", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    started.append(process)
    assert process.stdout is not None
    return process, process.stdout.readline()  # blocks until it says where


def test_scale_command_serves_a_weight_and_takes_commands(
    started: list[subprocess.Popen[str]],
) -> None:
    process, banner = _start(
        started, "scale", "--protocol", "toledo", "--baud", "4800", "--settle", "0.3"
    )
    path = re.search(r"connect to (\S+) at 4800", banner)
    assert path is not None, banner
    assert process.stdin is not None
    process.stdin.write("place 7.25\n")
    process.stdin.flush()

    driver = make_driver(
        "toledo",
        SerialLink(path[1], baudrate=4800),
        judge=StabilityJudge(min_readings=3, min_seconds=0.1),
    )

    async def weigh() -> Decimal | None:
        await driver.open()
        try:
            while True:
                reading = await driver.stable_reading(timeout_s=5.0)
                if reading.value == Decimal("7.25"):
                    return reading.value
        finally:
            await driver.close()

    assert run(weigh()) == Decimal("7.25")


def test_printer_command_stores_jobs(
    started: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    _, banner = _start(started, "printer", "--tcp", "0", "--out", str(tmp_path))
    address = re.search(r"to 127\.0\.0\.1:(\d+);", banner)
    assert address is not None, banner

    async def send() -> None:
        _, writer = await asyncio.open_connection("127.0.0.1", int(address[1]))
        writer.write(b"^XA^FDtest^FS^XZ\n")
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    asyncio.run(send())
    job = tmp_path / "job-0001.zpl"
    wait_until(job.exists, 10, "the printer simulator to file the job")
    started[0].send_signal(signal.SIGINT)
    started[0].wait(timeout=5)

    assert job.read_bytes() == b"^XA^FDtest^FS^XZ\n"
