"""`careloop-sim`: start device simulators on their own.

Each simulator family registers a sub-command from its own module, which
exposes `add_arguments(parser)` and `run(args) -> int`. The modules are
imported only when their sub-command is chosen, so a broken or slow family
does not delay the others.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# sub-command -> (module, one-line help)
SIMULATORS: dict[str, tuple[str, str]] = {
    "dialysis": ("devices.sim.dialysis_cli", "dialysis machines (ASTM or HL7)"),
    "scale": ("devices.sim.scale_cli", "a serial platform scale"),
    "printer": ("devices.sim.printer_cli", "a label printer that keeps what it gets"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careloop-sim",
        description="Careloop device simulators on pseudo-terminals or TCP.",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="simulator", required=True)
    for name, (_module, help_text) in SIMULATORS.items():
        commands.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known, rest = parser.parse_known_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if known.verbose else logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )

    module_name, help_text = SIMULATORS[known.simulator]
    module = importlib.import_module(module_name)
    sub = argparse.ArgumentParser(
        prog=f"careloop-sim {known.simulator}", description=help_text
    )
    module.add_arguments(sub)
    result: int = module.run(sub.parse_args(rest))
    return result


if __name__ == "__main__":
    raise SystemExit(main())
