"""What the demo starts dies with careloop, even when careloop is SIGKILLed.

A parent process starts the real FHIR server and the real dialysis
simulators the way the demo does, prints their pids, and is killed with
SIGKILL (no clean-up can run); the children must then go away by themselves.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[3]
FHIR_VENV = ROOT / ".venv-fhir"

PARENT = r"""
import json, sys
from pathlib import Path
from app.demo.runner import DemoEnvironment

demo = DemoEnvironment(root=Path(sys.argv[1]), fhir_venv=Path(sys.argv[2]))
from app.demo.fhir_server import FhirServerProcess
demo.server = FhirServerProcess(demo.fhir_venv, demo.root / "fhir", die_with_parent=True)
demo.server.start()
demo._start_simulators()
pids = [demo.server.pid] + [process.pid for process in demo.simulators]
sys.stdout.write(json.dumps(pids) + "\n")
sys.stdout.flush()
sys.stdin.read()  # until killed
"""


def alive(pid: int) -> bool:
    """Running, and not a zombie nobody has reaped yet."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.integration
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGHUP])
def test_the_platform_and_simulators_die_when_careloop_is_killed(
    tmp_path: Path, how: signal.Signals
) -> None:
    if not (FHIR_VENV / "bin" / "sekmet").exists():
        pytest.fail(f"the demo platform is not installed at {FHIR_VENV}")
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "demo"), str(FHIR_VENV)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    children: list[int] = []
    try:
        assert parent.stdout is not None
        children = json.loads(parent.stdout.readline())
        assert len(children) == 2 and all(alive(pid) for pid in children)

        parent.send_signal(how)
        parent.wait(timeout=30)

        wait_until(
            lambda: not any(alive(pid) for pid in children),
            timeout_s=30,
            what=f"the demo's children {children} to die with their parent",
        )
    finally:
        for pid in children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pipe in (parent.stdin, parent.stdout):
            if pipe is not None:
                pipe.close()
