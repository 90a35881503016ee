"""Paging quirks a server may have: an empty page that still has a next link."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import select

from app.store.models import Patient
from app.sync import mapping
from app.sync.client import FhirClient, PlatformSettings
from app.sync.pull import Puller
from tests.app.sync.helpers import open_store, run

BASE = "https://platform.example/fhir"


def test_an_empty_page_with_a_next_link_is_followed(tmp_path: Path) -> None:
    patient = {
        **mapping.patient_to_fhir(mapping.PatientRecord("H-1", "王芳")),
        "id": "p-1",
        "meta": {"versionId": "1", "lastUpdated": "2026-12-03T06:00:00Z"},
    }

    def answer(request: httpx.Request) -> httpx.Response:
        if "page=2" in str(request.url):
            body = {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [{"resource": patient, "search": {"mode": "match"}}],
            }
        else:
            body = {
                "resourceType": "Bundle",
                "type": "searchset",
                "link": [{"relation": "next", "url": f"{BASE}/Patient?page=2"}],
            }
        return httpx.Response(200, json=body)

    store = open_store(tmp_path)
    try:

        async def pull() -> None:
            client = FhirClient(
                PlatformSettings(base_url=BASE, station_name="bed-1"),
                transport=httpx.MockTransport(answer),
            )
            async with client:
                await Puller(client, store, types=("Patient",)).pull()

        run(pull())
        with store.read_session() as session:
            numbers = list(session.scalars(select(Patient.hospital_number)))
    finally:
        store.close()
    assert numbers == ["H-1"]
