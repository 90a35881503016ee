"""A configured station's sync engine against the real server, started and stopped."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.config import PlatformSettings, StationSettings
from app.demo.fhir_server import FhirServerProcess
from app.station import Station
from app.store.models import Patient
from app.sync import mapping
from app.sync.engine import SyncEngine, SyncStatus, build_engine
from tests.app.sync.helpers import queue_readings, reading, run

pytestmark = pytest.mark.integration


def test_a_station_syncs_both_ways_after_start(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    httpx.post(
        f"{fhir_server.base_url}/Patient",
        json=mapping.patient_to_fhir(mapping.PatientRecord("H-ST-1", "测试")),
    ).raise_for_status()
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="BED-7",
        name="血透 7 床",
        role="dialysis-bedside",
        data_dir=str(tmp_path / "data"),
        platform=PlatformSettings(base_url=fhir_server.base_url, sync_interval_s=3600),
    )
    station = Station(settings)
    store = station.open_store()
    made = [reading(n) for n in range(3)]

    async def scenario() -> SyncStatus:
        engine = build_engine(station)
        assert isinstance(engine, SyncEngine) and engine.interval_s == 3600
        first = asyncio.ensure_future(engine.wait_for_cycle())
        await engine.start()
        await asyncio.wait_for(first, 30)
        await asyncio.to_thread(queue_readings, store, made)
        second = asyncio.ensure_future(engine.wait_for_cycle())
        engine.sync_now()
        await asyncio.wait_for(second, 30)
        status = engine.status
        await engine.stop()
        return status

    try:
        status = run(scenario())
        with store.read_session() as session:
            patients = session.scalar(select(func.count()).select_from(Patient))
    finally:
        store.close()
    assert status.pending == 0 and status.reachable is True
    assert "Patient" in status.watermarks and (patients or 0) >= 1
    assert any(x.method == "POST" and x.status == 200 for x in status.recent)
