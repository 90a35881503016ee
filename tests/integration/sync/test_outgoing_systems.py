"""Records leave the station named in the hospital's own identifier systems.

Features write records with Careloop's default systems; a station configured
with the hospital's systems must send the hospital's, or the platform would
not recognise the porter or the nurse named in a handover.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from app.demo.fhir_server import FhirServerProcess
from app.sync import mapping
from app.sync.local import SqlOutbox, queue_resource
from app.sync.push import Pusher
from tests.app.sync.helpers import client_for, new_identifier, open_store, run

pytestmark = pytest.mark.integration

HOSPITAL_STAFF = "http://hospital.example.cn/sid/employee"


def _handover() -> mapping.WasteHandoverRecord:
    return mapping.WasteHandoverRecord(
        new_identifier(),
        "handover",
        "BAG-SYS-1",
        "infectious",
        800,
        mapping.StaffRef("N-301", "周护士"),
        mapping.StaffRef("P-301", "钱师傅"),
        "5病区",
        mapping.parse_instant("2026-12-03T09:00:00+08:00"),
        status="in-progress",
    )


def _task_on_server(base_url: str, identifier: str) -> dict[str, Any]:
    answer = httpx.get(
        f"{base_url}/Task",
        params={"identifier": f"{mapping.URN}|{identifier}"},
        timeout=30,
    ).json()
    entries = answer.get("entry") or []
    assert len(entries) == 1
    task: dict[str, Any] = entries[0]["resource"]
    return task


def test_a_pushed_handover_names_people_in_the_configured_staff_system(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    step = _handover()

    def work(session: Any) -> None:
        queue_resource(
            session,
            resource_type="Task",
            identifier=step.identifier,
            resource=mapping.waste_task_to_fhir(step),
        )

    store.writer.submit(work).result(timeout=10)
    systems = mapping.Systems(staff_number=HOSPITAL_STAFF)

    async def push() -> Any:
        async with client_for(fhir_server.base_url) as client:
            return await Pusher(client, SqlOutbox(store), systems=systems).push()

    result = run(push())
    store.close()

    assert result.sent == 1
    task = _task_on_server(fhir_server.base_url, step.identifier)
    people = [task["requester"], task["owner"]]
    assert [person["identifier"]["system"] for person in people] == [
        HOSPITAL_STAFF,
        HOSPITAL_STAFF,
    ]
    assert [person["identifier"]["value"] for person in people] == ["N-301", "P-301"]
    assert (
        mapping.STAFF_NUMBER
        not in httpx.get(f"{fhir_server.base_url}/Task/{task['id']}", timeout=30).text
    )


def test_default_systems_leave_a_record_as_it_was_written() -> None:
    resource = mapping.waste_task_to_fhir(_handover())

    assert mapping.DEFAULT_SYSTEMS.localise(resource) == resource
    renamed = mapping.Systems(staff_number=HOSPITAL_STAFF).localise(resource)
    assert renamed["requester"]["identifier"]["system"] == HOSPITAL_STAFF
    assert resource["requester"]["identifier"]["system"] == mapping.STAFF_NUMBER
