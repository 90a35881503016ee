"""``careloop-sim printer``: a label printer that files every job, until Ctrl-C.

Listens on TCP (port 9100 unless ``--tcp`` says otherwise) or, with
``--pty``, on a pseudo-terminal, and writes each job to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scale_cli import stop_on_signals


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--tcp", type=int, metavar="PORT", default=9100)
    where.add_argument("--pty", action="store_true", help="a serial printer")
    parser.add_argument("--out", type=Path, required=True, help="folder for jobs")


def run(args: argparse.Namespace) -> int:
    stop = stop_on_signals()
    printer = PrinterSimulator(args.out)
    if args.pty:
        where = printer.start_pty()
    else:
        host, port = printer.start_tcp("127.0.0.1", args.tcp)
        where = f"{host}:{port}"
    sys.stdout.write(f"printer: send jobs to {where}; stored in {args.out}\n")
    sys.stdout.flush()
    try:
        while not stop.wait(0.5):  # a timed wait stays responsive to signals
            pass
    finally:
        printer.stop()
    return 0
