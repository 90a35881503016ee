"""Pull against the real server: paging while the platform changes, late links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app import jsonio
from app.demo.fhir_server import FhirServerProcess
from app.store.models import Patient, Staff
from app.sync import mapping
from app.sync.local import PageOutcome
from app.sync.pull import Puller
from tests.app.sync.helpers import client_for, open_store, run

pytestmark = pytest.mark.integration


def _post(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(
        f"{base_url}/{resource['resourceType']}",
        content=jsonio.dumps(resource),
        headers={"Content-Type": "application/fhir+json"},
    )
    answer.raise_for_status()
    body: dict[str, Any] = answer.json()
    return body


class ChangingPlatform(Puller):
    """A puller that lets the platform change something after a given page."""

    def __init__(self, *args: Any, after: str, change: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._after = after
        self._change = change

    async def _apply(
        self, resource_type: str, resources: list[dict[str, Any]]
    ) -> PageOutcome:
        outcome = await super()._apply(resource_type, resources)
        if resource_type == self._after and self._change is not None:
            change, self._change = self._change, None
            change()
        return outcome


def test_a_patient_updated_while_we_page_makes_no_other_one_skipped(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fresh_fhir_server.base_url
    made = [
        _post(
            url, mapping.patient_to_fhir(mapping.PatientRecord(f"P{n:03d}", f"病人{n}"))
        )
        for n in range(30)
    ]

    def rename_an_early_patient() -> None:
        changed = {**made[2], "name": [{"text": "改名"}]}
        httpx.put(f"{url}/Patient/{changed['id']}", json=changed).raise_for_status()

    store = open_store(tmp_path)
    try:

        async def pull() -> Any:
            async with client_for(url) as client:
                puller = ChangingPlatform(
                    client,
                    store,
                    types=("Patient",),
                    page_size=5,
                    after="Patient",
                    change=rename_an_early_patient,
                )
                return await puller.pull()

        run(pull())
        with store.read_session() as session:
            cached = {p.hospital_number: p for p in session.scalars(select(Patient))}
    finally:
        store.close()
    assert len(cached) == 30, sorted(set(f"P{n:03d}" for n in range(30)) - set(cached))
    assert (cached["P002"].name, cached["P002"].fhir_version) == ("改名", "2")


def test_a_role_whose_person_has_not_arrived_waits_for_the_next_cycle(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fresh_fhir_server.base_url
    _post(url, mapping.practitioner_to_fhir(mapping.StaffRecord("N900", "早到")))

    def hire_someone_now() -> None:
        person = _post(
            url, mapping.practitioner_to_fhir(mapping.StaffRecord("N901", "新来"))
        )
        _post(
            url,
            mapping.practitioner_role_to_fhir(
                mapping.StaffRoleRecord(person["id"], "porter", "N901")
            ),
        )

    store = open_store(tmp_path)
    try:

        async def pull_twice() -> tuple[Any, Any]:
            async with client_for(url) as client:
                puller = ChangingPlatform(
                    client,
                    store,
                    types=("Practitioner", "PractitionerRole"),
                    after="Practitioner",
                    change=hire_someone_now,
                )
                return await puller.pull(), await puller.pull()

        first, second = run(pull_twice())
        with store.read_session() as session:
            newcomer = session.scalar(select(Staff).where(Staff.staff_number == "N901"))
    finally:
        store.close()
    assert first.deferred == ["PractitionerRole"]
    assert second.deferred == []
    assert newcomer is not None and newcomer.role == "porter"
