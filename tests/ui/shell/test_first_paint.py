"""The sign-in screen paints before anything it does not need is loaded.

Start-up is budgeted at 1.5x a bare PySide6 window (tests/bench measures it);
this checks the cause rather than the clock: at the first paint, no database,
network, asyncio or argon2 module is loaded, no screen that only appears
later, and Qt's ``Qt`` namespace (whose ~100 enums take ~15 ms to build) is
not yet built.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHILD = r"""
import json, sys
import ui.main

def report(app):
    import PySide6.QtCore as core
    loaded = sorted(name for name in sys.modules if not name.startswith("_"))
    sys.stdout.write(json.dumps({"modules": loaded, "qt_namespace": "Qt" in vars(core)}) + "\n")
    sys.stdout.flush()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)  # the paint comes before app.exec()

ui.main._report_first_paint = report
sys.exit(ui.main.main(["--config", sys.argv[1], "--exit-after-paint"]))
"""

NOT_BEFORE_FIRST_PAINT = (
    "sqlalchemy",
    "alembic",
    "httpx",
    "qasync",
    "asyncio",
    "argon2",
    "app.store",
    "app.station",
    "ui.shell.errors",
    "ui.shell.error_screens",
    "ui.shell.lock_screen",
    "ui.shell.shell_screen",
)


def test_the_first_paint_loads_only_what_the_sign_in_screen_needs(
    tmp_path: Path,
) -> None:
    config = tmp_path / "station.toml"
    config.write_text(
        'schema_version = 1\n[station]\nid = "HD-30"\nname = "x"\n'
        f'role = "dialysis-bedside"\ndata_dir = "{tmp_path}"\n',
        encoding="utf-8",
    )

    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = set(seen["modules"])
    assert "ui.shell.signin_screen" in loaded  # the child did reach the paint
    early = [
        name
        for name in loaded
        if any(name == m or name.startswith(m + ".") for m in NOT_BEFORE_FIRST_PAINT)
    ]
    assert early == []
    assert seen["qt_namespace"] is False
