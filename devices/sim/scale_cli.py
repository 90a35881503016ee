"""``careloop-sim scale``: one simulated scale until Ctrl-C.

Prints where to connect (a pseudo-terminal path, or ``socket://`` with
``--tcp``), then reads simple commands on standard input so a trainer can
play the porter: ``place 4.2``, ``remove``, ``fault silent``, ``fault off``.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from devices.sim.scale_sim import PROTOCOLS, Fault, ScaleSimulator

log = logging.getLogger(__name__)

HELP = (
    "commands: place KG | remove | fault garbage|bad-checksum|silent|disconnect"
    " | fault off | quit"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--protocol", choices=PROTOCOLS, required=True)
    parser.add_argument("--baud", type=int, default=9600, help="the line's rate")
    parser.add_argument("--tcp", type=int, metavar="PORT", help="serve on TCP")
    parser.add_argument("--weight", type=float, default=0.0, help="load at start, kg")
    parser.add_argument("--interval", type=float, default=0.1, help="s per frame")
    parser.add_argument("--settle", type=float, default=1.5, help="s to settle")
    parser.add_argument("--decimals", type=int, help="display decimals")


def run(args: argparse.Namespace) -> int:
    stop = stop_on_signals()
    simulator = ScaleSimulator(
        args.protocol,
        line_baud=args.baud,
        tcp_port=args.tcp,
        interval_s=args.interval,
        settle_s=args.settle,
        decimals=args.decimals,
    )
    where = simulator.start()
    simulator.place(args.weight)
    sys.stdout.write(f"{args.protocol} scale: connect to {where} at {args.baud} 8N1\n")
    sys.stdout.write(HELP + "\n")
    sys.stdout.flush()
    commands = threading.Thread(
        target=_follow_commands, args=(simulator, stop), daemon=True
    )
    commands.start()
    try:
        while not stop.wait(0.5):  # a timed wait stays responsive to signals
            pass
    finally:
        simulator.stop()
    return 0


def stop_on_signals() -> threading.Event:
    """An event set by Ctrl-C or SIGTERM, installed before anything starts."""
    stop = threading.Event()

    def on_signal(number: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    return stop


def _follow_commands(simulator: ScaleSimulator, stop: threading.Event) -> None:
    """Standard input, line by line (its own thread: reading blocks)."""
    for line in sys.stdin:
        words = line.split()
        if words == ["quit"]:
            stop.set()
            return
        try:
            _apply(simulator, words)
        except (ValueError, IndexError):
            sys.stdout.write(HELP + "\n")
            sys.stdout.flush()


def _apply(simulator: ScaleSimulator, words: list[str]) -> None:
    if not words:
        return
    if words[0] == "place":
        simulator.place(float(words[1]))
    elif words[0] == "remove":
        simulator.remove()
    elif words[0] == "fault":
        simulator.set_fault(None if words[1] == "off" else Fault(words[1]))
    else:
        raise ValueError(words[0])
