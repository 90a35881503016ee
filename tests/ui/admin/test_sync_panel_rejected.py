"""The sync panel lists what was pulled but not applied, with the reason."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from app.demo.fhir_server import FhirServerProcess
from app.sync import mapping
from app.sync.engine import SyncEngine
from app.sync.pull import Puller
from tests.app.sync.helpers import client_for, open_store
from ui.admin.sync_panel import SyncPanel

pytestmark = pytest.mark.integration


def test_a_patient_that_cannot_be_applied_is_listed_with_why(
    fresh_fhir_server: FhirServerProcess,
    tmp_path: Path,
    qtbot: QtBot,
    qt_async_loop: asyncio.AbstractEventLoop,
) -> None:
    url = fresh_fhir_server.base_url
    theirs = mapping.Systems(hospital_number="urn:oid:2.16.156.1")
    made = httpx.post(
        f"{url}/Patient",
        json=mapping.patient_to_fhir(mapping.PatientRecord("H-1", "王芳"), theirs),
    )
    made.raise_for_status()
    store = open_store(tmp_path)
    client = client_for(url)
    engine = SyncEngine(client, store, puller=Puller(client, store, types=("Patient",)))
    panel = SyncPanel(engine, "Asia/Shanghai")
    qtbot.addWidget(panel)
    panel.resize(1100, 900)
    try:
        cycle = qt_async_loop.create_task(engine.cycle())
        qtbot.waitUntil(cycle.done, timeout=20_000)
        assert engine.status.pull_rejected == 1
        panel.refresh()
        qtbot.waitUntil(lambda: panel.rejected.rowCount() == 1, timeout=5000)
        assert panel.rejected.item(0, 0).text() == "Patient"
        assert panel.rejected.item(0, 1).text() == made.json()["id"]
        assert "hospital number" in panel.rejected.item(0, 5).text()
        panel.grab().save(str(tmp_path / "sync_panel_rejected.png"))
    finally:
        closing = qt_async_loop.create_task(engine.stop())
        qtbot.waitUntil(closing.done, timeout=10_000)
        store.close()
