"""`careloop-sim dialysis` as a person starts it: a real process."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from pathlib import Path

import pytest

from devices.errors import WriteOutcomeUnknown
from devices.sim.dialysis_machine import DEFAULT_SETTINGS
from devices.transport import SerialLink
from tests.integration.dialysis_astm.conftest import make_driver, run

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.integration


async def _start(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "devices.sim.cli", "dialysis", *args,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _line(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    return (await asyncio.wait_for(process.stdout.readline(), 20)).decode().strip()


async def _ctrl_c(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGINT)
    return await asyncio.wait_for(process.wait(), 10)


def test_two_machines_each_say_where_and_answer_there() -> None:
    async def scenario() -> None:
        process = await _start("-n", "2", "--baud", "38400", "--time-scale", "60")
        try:
            lines = [await _line(process), await _line(process)]
            assert [line.split()[:2] for line in lines] == [
                ["SIM00-001", "astm"],
                ["SIM00-002", "astm"],
            ]
            assert all("/dev/pts/" in line and "38400 baud" in line for line in lines)
            path = lines[1].split()[2]
            driver = make_driver(SerialLink(path, baudrate=38400))
            await driver.open()
            assert (await driver.identify()).serial_number == "SIM00-002"
            await driver.close()
        finally:
            assert await _ctrl_c(process) == 0

    run(scenario())


def test_astm_over_tcp_ports() -> None:
    async def scenario() -> None:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        process = await _start("--tcp", str(port))
        try:
            line = await _line(process)
            assert f"tcp://127.0.0.1:{port}" in line
        finally:
            assert await _ctrl_c(process) == 0

    run(scenario())


def test_hl7_machines_connect_to_the_receiver() -> None:
    async def scenario() -> None:
        received = asyncio.get_running_loop().create_future()

        async def receiver(
            reader: asyncio.StreamReader, writer: asyncio.StreamWriter
        ) -> None:
            data = await reader.read(64)
            if not received.done():
                received.set_result(data)
            writer.close()

        server = await asyncio.start_server(receiver, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        process = await _start("--protocol", "hl7", "--tcp", str(port))
        try:
            assert await _line(process) == f"SIM00-001 hl7 connects to 127.0.0.1:{port}"
            first = await asyncio.wait_for(received, 20)
            assert first.startswith(b"\x0b")  # an MLLP block
        finally:
            await _ctrl_c(process)
            server.close()

    run(scenario())


def test_hl7_without_a_port_is_refused_plainly() -> None:
    async def scenario() -> None:
        process = await _start("--protocol", "hl7")
        _, err = await asyncio.wait_for(process.communicate(), 20)
        assert process.returncode == 2
        assert b"--tcp" in err

    run(scenario())


def test_faults_on_command_from_the_options_and_the_console() -> None:
    async def scenario() -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "devices.sim.cli", "dialysis", "--baud", "38400",
            "--fault", "slow=1.5", "--console",
            cwd=ROOT, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert process.stdin is not None

        async def command(line: str) -> str:
            assert process.stdin is not None
            process.stdin.write(line.encode() + b"\n")
            await process.stdin.drain()
            return await _line(process)

        try:
            path = (await _line(process)).split()[2]
            driver = make_driver(SerialLink(path, baudrate=38400))
            await driver.open()
            loop = asyncio.get_running_loop()
            started = loop.time()
            await driver.identify()
            assert loop.time() - started >= 1.5  # --fault slow=1.5
            assert await command("slow 0") == "ok SIM00-001: replies 0.0 s late"
            started = loop.time()
            await driver.identify()
            assert loop.time() - started < 1.0
            assert (await command("lose-ack 1")).startswith("ok SIM00-001: losing")
            with pytest.raises(WriteOutcomeUnknown):
                await driver.write_settings(DEFAULT_SETTINGS)
            assert (await command("explode")).startswith("error unknown command")
            await driver.close()
        finally:
            assert await _ctrl_c(process) == 0

    run(scenario())


def test_a_bad_fault_option_is_refused_plainly() -> None:
    async def scenario() -> None:
        process = await _start("--fault", "drop=lots")
        _, err = await asyncio.wait_for(process.communicate(), 20)
        assert process.returncode == 2
        assert b"--fault drop=lots" in err and b"not a number" in err

    run(scenario())
