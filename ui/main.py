"""`careloop`: the workstation's entry point.

Order matters for the first paint: the command line and the configuration
are read with the standard library only; Qt comes next and paints the
sign-in screen; SQLAlchemy, httpx, qasync and the station are imported only
after that first paint.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config import StationSettings
    from app.errors import ConfigError

PROCESS_START = time.perf_counter()
SCREENS = ("signin", "shell", "lock", "config-error", "store-error")


def parse_args(argv: list[str]) -> argparse.Namespace:
    from app import __version__

    parser = argparse.ArgumentParser(
        prog="careloop",
        description="Careloop workstation for dialysis, medical waste and staff check-in.",
    )
    parser.add_argument(
        "--version", action="version", version=f"careloop {__version__}"
    )
    parser.add_argument(
        "--config", metavar="PATH", help="station configuration file (TOML)"
    )
    parser.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        help="interface language (default: the station's, else zh_CN)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start a local FHIR server, simulators and demo data, and use them",
    )
    parser.add_argument(
        "--demo-role",
        choices=("dialysis-bedside", "dialysis-centre", "waste-cart", "waste-storage"),
        default="dialysis-bedside",
        help="which station the demo plays (default: dialysis-bedside)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        help="render a screen offscreen to a PNG and exit",
    )
    parser.add_argument(
        "--screen",
        choices=SCREENS,
        default="signin",
        help="which screen --screenshot renders",
    )
    parser.add_argument(
        "--as",
        dest="as_staff",
        metavar="STAFF_NO",
        help="with --screen shell: the sample person signed in (e.g. A001, P001)",
    )
    parser.add_argument(
        "--page", metavar="KEY", help="with --screen shell: the page shown (e.g. staff)"
    )
    parser.add_argument(
        "--exit-after-paint", action="store_true", help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--exit-after-start", action="store_true", help=argparse.SUPPRESS
    )
    parser.add_argument(
        "command", nargs="*", help="'audit verify' checks the audit trail and exits"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command:
        from ui.cli import run_command

        return run_command(args)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.screenshot import render

        return render(args)
    if args.demo:
        from ui.demo import run_demo

        return run_demo(args)
    return run_app(args)


def read_settings(
    args: argparse.Namespace,
) -> tuple[StationSettings, ConfigError | None]:
    """The station's settings, or a stand-in plus the error to show."""
    from app.config import StationSettings, find_config, load
    from app.errors import ConfigError

    try:
        return load(find_config(args.config)), None
    except ConfigError as error:
        stand_in = StationSettings(
            path=Path(error.path),
            station_id="unconfigured",
            name="Careloop",
            role="dialysis-bedside",
        )
        return stand_in, error


def run_app(args: argparse.Namespace, settings: StationSettings | None = None) -> int:
    config_error = None
    if settings is None:
        settings, config_error = read_settings(args)
    language = args.lang or settings.language

    from PySide6.QtWidgets import QApplication

    from ui.shell import i18n, style
    from ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Careloop")
    app.setQuitOnLastWindowClosed(False)
    style.apply(app)
    i18n.install(language)
    window = MainWindow(settings, language)
    if args.exit_after_paint:
        window.first_painted.connect(lambda: _report_first_paint(app))
    if config_error is not None:
        window.show_config_error(config_error)
    window.show()
    app.processEvents()  # the first paint happens here, before heavy imports
    if args.exit_after_paint:
        return app.exec()

    from ui.runtime import run_station
    from ui.widgets.gui_gc import GuiThreadCollector

    # Cycles holding Qt objects must die on the GUI thread (see gui_gc).
    GuiThreadCollector(parent=app)
    if args.exit_after_start:
        window.station_ready.connect(lambda: _report_started(window))
    return run_station(app, window, settings, config_error is None)


def _report_started(window: object) -> None:
    elapsed = time.perf_counter() - PROCESS_START
    sys.stdout.write(f"started {elapsed:.4f} rss-mb {resident_mb():.1f}\n")
    sys.stdout.flush()
    window.close()  # type: ignore[attr-defined]


def resident_mb() -> float:
    """This process's resident memory in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _report_first_paint(app: object) -> None:
    elapsed = time.perf_counter() - PROCESS_START
    sys.stdout.write(f"first-paint {elapsed:.4f} rss-mb {resident_mb():.1f}\n")
    sys.stdout.flush()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    QTimer.singleShot(0, QApplication.quit)


if __name__ == "__main__":
    raise SystemExit(main())
