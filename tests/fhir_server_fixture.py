"""Pytest plugin: a real FHIR R4 server process for integration tests.

Use it from a conftest with ``pytest_plugins = ["tests.fhir_server_fixture"]``.

- ``fhir_server``: one server per test module, on a free loopback port with
  its own temporary data folder; yields the running `FhirServerProcess`.
  Tests must not assume an empty server: make your own identifiers.
- ``fresh_fhir_server``: a server of the test's own, for tests that kill,
  restart or count everything on it.

The server's virtual environment is ``.venv-fhir`` at the project root, or
the one named by ``CARELOOP_FHIR_VENV``; without it the tests fail with the
command that creates it (never skip silently).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo.fhir_server import FhirServerProcess

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def fhir_venv() -> Path:
    venv = Path(os.environ.get("CARELOOP_FHIR_VENV", PROJECT_ROOT / ".venv-fhir"))
    if not (venv / "bin" / "sekmet").exists():
        pytest.fail(f"no FHIR server in {venv}: run `make fhir-venv` first")
    return venv


@pytest.fixture(scope="module")
def fhir_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[FhirServerProcess]:
    server = FhirServerProcess(fhir_venv(), tmp_path_factory.mktemp("fhir"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fresh_fhir_server(tmp_path: Path) -> Iterator[FhirServerProcess]:
    server = FhirServerProcess(fhir_venv(), tmp_path / "fhir")
    server.start()
    try:
        yield server
    finally:
        server.stop()
