"""Harness shared by every test.

- Qt runs on the offscreen platform; no test needs a display.
- A test fails if anything logged at ERROR that the test did not expect
  (mark it `allow_error_logs` when an ERROR line is the point of the test).
- Settings, data and log folders are isolated per test.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# The real FHIR server process (``fhir_server`` / ``fresh_fhir_server``),
# for every test that meets the platform.
pytest_plugins = ["tests.fhir_server_fixture"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CARELOOP_CONFIG", None)


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    collector = _ErrorCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    if collector.records and not request.node.get_closest_marker("allow_error_logs"):
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in collector.records[:5])
        pytest.fail(f"unexpected ERROR log lines:\n{lines}")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs' folders into the test's own temporary folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home
