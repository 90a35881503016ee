"""Start-up: process start to the first painted sign-in screen, and memory.

Compared with a bare PySide6 window measured in the same run, as a ratio
(the budget is 1.5x). "Cold" runs use an empty bytecode cache and, when the
machine allows it (root, not in a container that forbids it), dropped page
caches; "warm" runs repeat with everything cached. Reports medians over
RUNS runs; asserts nothing about time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("CARELOOP_BENCH_RUNS", "10"))

BARE = r"""
import time
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.perf_counter() - start:.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
label = QLabel("Careloop")
watch = Watch()
label.installEventFilter(watch)
label.resize(1280, 800)
label.show()
app.exec()
"""

CONFIG = """schema_version = 1
[station]
id = "BENCH-1"
name = "bench"
role = "dialysis-bedside"
data_dir = "{data}"
"""


def drop_page_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def run(command: list[str], cold: bool, marker: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as cache:
        if cold:
            env["PYTHONPYCACHEPREFIX"] = cache
            drop_page_caches()
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    for line in done.stdout.splitlines():
        if line.startswith(marker):
            parts = line.split()
            rss = float(parts[3]) if len(parts) > 3 else 0.0
            return float(parts[1]), rss
    raise AssertionError(f"no {marker!r} line: {done.stdout} {done.stderr}")


def median(values: list[float]) -> float:
    return statistics.median(values)


def test_start_to_first_paint() -> None:
    with tempfile.TemporaryDirectory() as data:
        config = Path(data) / "station.toml"
        config.write_text(CONFIG.format(data=data))
        careloop = [
            sys.executable,
            "-m",
            "ui.main",
            "--config",
            str(config),
            "--exit-after-paint",
        ]
        started = [
            sys.executable,
            "-m",
            "ui.main",
            "--config",
            str(config),
            "--exit-after-start",
        ]
        bare = [sys.executable, "-c", BARE]

        dropped = drop_page_caches()
        results: dict[str, list[float]] = {}
        rss: list[float] = []
        for kind, cold in (("cold", True), ("warm", False)):
            for _ in range(RUNS):
                results.setdefault(f"bare {kind}", []).append(
                    run(bare, cold, "first-paint")[0]
                )
                results.setdefault(f"careloop {kind}", []).append(
                    run(careloop, cold, "first-paint")[0]
                )
        for _ in range(3):
            seconds, mb = run(started, False, "started")
            results.setdefault("careloop store open (warm)", []).append(seconds)
            rss.append(mb)

    print(f"\nstart-up, {RUNS} runs each; page caches dropped for cold runs: {dropped}")
    for name, values in results.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"  {name:28s} median {median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"
        )
    for kind in ("cold", "warm"):
        ratio = median(results[f"careloop {kind}"]) / median(results[f"bare {kind}"])
        print(f"  ratio careloop/bare ({kind}): {ratio:.2f}x (budget 1.5x)")
    print(
        f"  resident memory after start (store open, sign-in ready): {median(rss):.0f} MB"
    )
