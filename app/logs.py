"""Logging for a station: rotating files in the platform's log folder.

One logger per module everywhere else; this module only wires handlers.
Raw device bytes go to loggers under ``careloop.wire``, which stay at
DEBUG-only and are off unless asked for. No patient data may appear in any
line: callers log record ids, never names or ID numbers.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("careloop", appauthor=False))


_installed: list[logging.Handler] = []


def unconfigure() -> None:
    """Remove and close the handlers ``configure`` added."""
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()


def configure(
    level: int = logging.INFO, folder: Path | None = None, wire: bool = False
) -> Path:
    """Send log lines to ``careloop.log`` (5 × 5 MB) and stderr; returns the file.

    Calling it again replaces the handlers it added before (the demo and the
    station both configure): every line is written once.
    """
    unconfigure()
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "careloop.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(FORMAT))
    console.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    root.addHandler(console)
    _installed.extend((handler, console))
    logging.getLogger("careloop.wire").setLevel(
        logging.DEBUG if wire else logging.WARNING
    )
    return path
