"""`careloop-sim dialysis`: one or many simulated dialysis machines.

ASTM (the default): each machine gets its own pseudo-terminal pair, or its
own TCP port from ``--tcp PORT`` upwards, and one line on standard output
says where to connect. The simulator paces its bytes at ``--baud``.

Faults on command (ASTM): ``--fault NAME[=VALUE]`` (repeatable) sets one
on every machine at start-up, and ``--console`` reads the same commands
from standard input while the machines run, one per line, optionally
preceded by a machine's serial number (see ``dialysis_console``); each
command is answered on standard output with ``ok`` or ``error``.

HL7: each machine connects, as an HL7 gateway does, to a receiver listening
on ``--tcp PORT`` (machine i to PORT + i) and reports ORU^R01 messages; this
path is ``devices.sim.dialysis_hl7``'s, started from here.

Runs until Ctrl-C. It does no protocol work of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import signal
import sys
import threading
from collections.abc import Callable
from types import ModuleType

from devices.sim.dialysis_astm import AstmMachineEndpoint, SimClock
from devices.sim.dialysis_console import ConsoleError, apply_command, fault_option
from devices.sim.dialysis_machine import SimulatedMachine

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-n", "--machines", type=int, default=1, help="how many machines (default 1)"
    )
    parser.add_argument("--protocol", choices=("astm", "hl7"), default="astm")
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="simulated seconds per real second (60: a 4-hour treatment in 4 min)",
    )
    parser.add_argument("--baud", type=int, default=9600, help="ASTM line speed")
    parser.add_argument(
        "--tcp",
        type=int,
        metavar="PORT",
        help="ASTM: listen on PORT, PORT+1 ...; HL7: connect to a receiver there",
    )
    parser.add_argument("--seed", type=int, default=0, help="noise seed")
    parser.add_argument(
        "--interval",
        type=float,
        default=2.0,
        help="real seconds between reports while monitored (default 2)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="ASTM: a fault on every machine from the start, e.g. drop=0.05, "
        "slow=3, silent=on, corrupt=5 (repeatable; see --console for all)",
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="ASTM: read fault commands from standard input while running "
        "(drop P, corrupt N, silent on|off, slow S, contend, lose-ack N, "
        "garble-ack N, lose-etx N, disconnect S, restart, change CODE VALUE, misreport "
        "CODE VALUE, alarm FAULT on|off, start, stop), each optionally "
        "after a serial number",
    )


def run(args: argparse.Namespace) -> int:
    if args.machines < 1:
        sys.stderr.write(f"--machines must be at least 1, got {args.machines}\n")
        return 2
    if args.time_scale <= 0 or args.interval <= 0 or args.baud <= 0:
        sys.stderr.write("--time-scale, --interval and --baud must be positive\n")
        return 2
    if args.protocol == "hl7":
        return _run_hl7(args)
    return _run_astm(args)


def _serial_number(args: argparse.Namespace, index: int) -> str:
    return f"SIM{args.seed:02d}-{index + 1:03d}"


def _say(line: str) -> None:
    """The one thing this command tells its user, on standard output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _run_astm(args: argparse.Namespace) -> int:
    stop = threading.Event()
    _stop_on_ctrl_c(stop.set)
    endpoints = [
        AstmMachineEndpoint.for_new_machine(
            _serial_number(args, index),
            time_scale=args.time_scale,
            seed=args.seed + index,
            baudrate=args.baud,
            report_interval_s=args.interval,
            tcp_port=None if args.tcp is None else args.tcp + index,
        )
        for index in range(args.machines)
    ]
    try:
        for endpoint in endpoints:
            endpoint.start()
        for fault in args.fault:
            try:
                apply_command(endpoints, fault_option(fault))
            except ConsoleError as exc:
                sys.stderr.write(f"--fault {fault}: {exc}\n")
                return 2
        for endpoint in endpoints:
            _say(f"{endpoint.name} astm {endpoint.where} {args.baud} baud")
        if args.console:
            threading.Thread(
                target=_console, args=(endpoints,), name="sim-console", daemon=True
            ).start()
        while not stop.wait(3600):
            pass
    finally:
        for endpoint in endpoints:
            endpoint.stop()
    return 0


def _console(endpoints: list[AstmMachineEndpoint]) -> None:
    """Commands from standard input until it ends; the machines run on."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            for answer in apply_command(endpoints, line):
                _say(f"ok {answer}")
        except ConsoleError as exc:
            _say(f"error {exc}")


def _stop_on_ctrl_c(stop: Callable[[], None]) -> None:
    """Ctrl-C (and a polite kill) end the run cleanly, whenever they come."""
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda _number, _frame: stop())


def _run_hl7(args: argparse.Namespace) -> int:
    if args.tcp is None:
        sys.stderr.write("--protocol hl7 needs --tcp PORT (the receiver's port)\n")
        return 2
    try:
        hl7 = importlib.import_module("devices.sim.dialysis_hl7")
    except ImportError as exc:
        sys.stderr.write(f"the HL7 simulator is not available here: {exc}\n")
        return 1
    asyncio.run(_serve_hl7_all(hl7, args))
    return 0


async def _serve_hl7_all(hl7: ModuleType, args: argparse.Namespace) -> None:
    serve = hl7.serve_hl7
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    tasks = []
    for index in range(args.machines):
        clock = SimClock(args.time_scale)
        serial = _serial_number(args, index)
        machine = SimulatedMachine(
            serial_number=serial, clock=clock, seed=args.seed + index
        )
        port = args.tcp + index
        _say(f"{serial} hl7 connects to 127.0.0.1:{port}")
        tasks.append(
            asyncio.create_task(
                serve(machine, "127.0.0.1", port, time_scale=args.time_scale,
                      interval_s=args.interval, stop=stop, clock=clock)
            )
        )  # fmt: skip
    try:
        await asyncio.gather(*tasks)
    finally:
        stop.set()
