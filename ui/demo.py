"""`careloop --demo`: the workstation against a local platform and simulators.

Everything the demo starts (the FHIR server, the simulators) is stopped
when the window closes, whatever way it closes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from app import logs
from app.config import load
from app.demo.runner import DEMO_PIN, DemoEnvironment

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]


def run_demo(args: argparse.Namespace) -> int:
    from platformdirs import user_data_dir

    from ui.main import run_app

    logs.configure()
    fhir_venv = Path(os.environ.get("CARELOOP_FHIR_VENV", ROOT / ".venv-fhir"))
    if not (fhir_venv / "bin").is_dir():
        sys.stderr.write(
            f"careloop: the demo platform is not installed at {fhir_venv}; run 'make run'\n"
        )
        return 2
    root = Path(user_data_dir("careloop", appauthor=False)) / "demo"
    environment = DemoEnvironment(root=root, fhir_venv=fhir_venv, role=args.demo_role)
    sys.stdout.write("careloop demo: starting the platform and the simulators…\n")
    try:
        config = environment.start()
        assert environment.server is not None
        sys.stdout.write(
            f"careloop demo: platform {environment.server.base_url}; configuration {config}\n"
            f"careloop demo: sign in with any demo staff number (N001, P001, A001 …) and PIN {DEMO_PIN}\n"
        )
        if args.demo_role.startswith("waste"):
            sys.stdout.write(
                "careloop demo: the scale listens to this terminal: type 'place 2.5' and Enter "
                "to put a 2.5 kg bag on it, 'remove' to take it off\n"
            )
        return run_app(args, load(config))
    finally:
        environment.stop()
