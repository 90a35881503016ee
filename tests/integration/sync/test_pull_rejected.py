"""Pulled resources that cannot be mapped are kept, shown and tried again."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app import jsonio
from app.config import PlatformSettings, StationSettings
from app.demo.fhir_server import FhirServerProcess
from app.station import Station
from app.store.models import Patient, PullRejected
from app.sync import mapping
from app.sync.engine import build_engine
from app.sync.local import read_watermarks
from app.sync.pull import Puller
from tests.app.sync.helpers import client_for, open_store, run

pytestmark = pytest.mark.integration

HOSPITAL = "urn:oid:2.16.156.10011.1.12"  # the hospital's own system


def _post(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(
        f"{base_url}/{resource['resourceType']}",
        content=jsonio.dumps(resource),
        headers={"Content-Type": "application/fhir+json"},
    )
    assert answer.status_code < 300, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_a_patient_in_another_system_is_kept_then_applied_once_configured(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fresh_fhir_server.base_url
    theirs = mapping.Systems(hospital_number=HOSPITAL)
    made = _post(
        url, mapping.patient_to_fhir(mapping.PatientRecord("H-77", "王芳"), theirs)
    )
    _post(url, mapping.patient_to_fhir(mapping.PatientRecord("H-78", "李雷")))
    store = open_store(tmp_path)
    try:

        async def pull(systems: mapping.Systems) -> Any:
            async with client_for(url) as client:
                return await Puller(
                    client, store, types=("Patient",), systems=systems
                ).pull()

        first = run(pull(mapping.DEFAULT_SYSTEMS))
        with store.read_session() as session:
            kept = session.scalars(select(PullRejected)).all()
            numbers = set(session.scalars(select(Patient.hospital_number)))
            moved = read_watermarks(session)
        assert first.rejected == 1 and numbers == {"H-78"}
        assert [(row.resource_type, row.fhir_id) for row in kept] == [
            ("Patient", made["id"])
        ]
        assert "hospital number" in kept[0].reason
        assert jsonio.loads(kept[0].resource_json)["identifier"][0]["system"] == (
            HOSPITAL
        ), "the resource is kept whole"
        assert "Patient" in moved, "the watermark moves: the resource is kept"

        again = run(pull(mapping.DEFAULT_SYSTEMS))
        assert again.retried_applied == 0 and not again.changed

        # The station is configured with the hospital's system: the kept
        # patient arrives although the server will not send it again.
        fixed = run(pull(theirs))
        with store.read_session() as session:
            numbers = set(session.scalars(select(Patient.hospital_number)))
            left = session.scalars(select(PullRejected)).all()
    finally:
        store.close()
    assert fixed.retried_applied == 1 and fixed.changed
    assert "H-77" in numbers
    # Re-read in the overlap, the other patient is now in the wrong system.
    assert all(row.fhir_id != made["id"] for row in left)


def test_a_station_takes_its_systems_and_bundle_size_from_configuration(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fresh_fhir_server.base_url
    theirs = mapping.Systems(hospital_number=HOSPITAL)
    _post(url, mapping.patient_to_fhir(mapping.PatientRecord("H-90", "张伟"), theirs))
    settings = StationSettings(
        path=tmp_path / "station.toml",
        station_id="BED-8",
        name="血透 8 床",
        role="dialysis-bedside",
        data_dir=str(tmp_path / "data"),
        platform=PlatformSettings(
            base_url=url,
            sync_interval_s=3600,
            bundle_size=7,
            hospital_number_system=HOSPITAL,
        ),
    )
    station = Station(settings)
    store = station.open_store()

    async def scenario() -> tuple[int, int]:
        engine = build_engine(station)
        try:
            await engine.cycle()
            return engine.pusher.bundle_size, engine.status.pull_rejected
        finally:
            await engine.stop()

    try:
        bundle_size, kept_aside = asyncio.run(scenario())
        with store.read_session() as session:
            numbers = set(session.scalars(select(Patient.hospital_number)))
    finally:
        store.close()
    assert bundle_size == 7
    assert numbers == {"H-90"} and kept_aside == 0
