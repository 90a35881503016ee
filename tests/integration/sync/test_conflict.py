"""Two stations change the same shared record: the second sees a conflict."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.demo.fhir_server import FhirServerProcess
from app.store import Store
from app.sync import mapping
from app.sync.local import SqlOutbox, queue_resource
from app.sync.push import Pusher
from tests.app.sync.helpers import client_for, new_identifier, open_store, run

pytestmark = pytest.mark.integration


def _queue(store: Store, step: mapping.WasteHandoverRecord, **update: Any) -> None:
    def work(session: Any) -> None:
        queue_resource(
            session,
            resource_type="Task",
            identifier=step.identifier,
            resource=mapping.waste_task_to_fhir(step),
            **update,
        )

    store.writer.submit(work).result(timeout=10)


async def _push(store: Store, base_url: str) -> Any:
    async with client_for(base_url) as client:
        return await Pusher(client, SqlOutbox(store)).push()


def test_the_second_station_gets_a_conflict_not_a_silent_overwrite(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fhir_server.base_url
    nurse, porter = (
        mapping.StaffRef("N-101", "周护士"),
        mapping.StaffRef("P-101", "钱师傅"),
    )
    at = mapping.parse_instant("2026-12-03T09:00:00+08:00")
    handover = mapping.WasteHandoverRecord(
        new_identifier(),
        "handover",
        "BAG-C-1",
        "infectious",
        800,
        nurse,
        porter,
        "5病区",
        at,
        status="in-progress",
    )
    ward = open_store(tmp_path / "ward")
    storage = open_store(tmp_path / "storage")
    try:
        _queue(ward, handover)
        run(_push(ward, url))
        created = SqlOutbox(ward).unsent()
        assert created == []
        fhir_id = run(SqlOutbox(ward).server_id_for(handover.identifier))
        assert fhir_id is not None

        # Both stations now change version 1 of the same Task.
        at_ward = replace(handover, status="completed", inputs={"note": "病区确认"})
        at_storage = replace(handover, status="failed", weight_g=750)
        _queue(ward, at_ward, if_match="1", fhir_id=fhir_id)
        _queue(storage, at_storage, if_match="1", fhir_id=fhir_id)

        first = run(_push(ward, url))
        second = run(_push(storage, url))
        conflict = SqlOutbox(storage).unsent()
        summary = SqlOutbox(storage).summary()
    finally:
        ward.close()
        storage.close()

    assert first.sent == 1 and not first.conflicts
    assert second.sent == 0 and len(second.conflicts) == 1
    assert summary.conflicts == 1 and summary.pending == 0
    row = conflict[0]
    assert (row.status, row.server_version) == ("conflict", "2")
    assert 'status: ours "failed" / platform "completed"' in (row.last_error or "")
    assert "input:" in (row.last_error or "")

    async def current() -> dict[str, Any]:
        async with client_for(url) as client:
            body: dict[str, Any] = (await client.read("Task", fhir_id)).body
            return body

    on_platform = mapping.waste_task_from_fhir(run(current()))
    assert on_platform == at_ward, "the first station's change stands"


def test_our_own_updates_in_a_row_build_on_each_other(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    url = fhir_server.base_url
    nurse, porter = mapping.StaffRef("N-102"), mapping.StaffRef("P-102")
    at = mapping.parse_instant("2026-12-03T10:00:00+08:00")
    made = mapping.WasteHandoverRecord(
        new_identifier(),
        "handover",
        "BAG-C-2",
        "sharps",
        300,
        nurse,
        porter,
        "6病区",
        at,
        status="in-progress",
    )
    store = open_store(tmp_path)
    try:
        # Made and changed before the first push: the change is a
        # conditional update on our identifier, never a second create.
        _queue(store, made)
        _queue(store, replace(made, weight_g=310))
        first = run(_push(store, url))
        fhir_id = run(SqlOutbox(store).server_id_for(made.identifier))
        assert fhir_id is not None

        # Two shared-record updates queued on version 2 before either went:
        # the second is rebased on the first's new version, no conflict.
        _queue(store, replace(made, weight_g=320), if_match="2", fhir_id=fhir_id)
        _queue(
            store,
            replace(made, status="completed", weight_g=320),
            if_match="2",
            fhir_id=fhir_id,
        )
        second = run(_push(store, url))
    finally:
        store.close()
    assert first.sent == 2 and second.sent == 2 and not second.conflicts
    found = httpx.get(
        f"{url}/Task", params={"identifier": f"{mapping.URN}|{made.identifier}"}
    )
    entries = found.json()["entry"]
    assert len(entries) == 1
    assert entries[0]["resource"]["meta"]["versionId"] == "4"
    final = mapping.waste_task_from_fhir(entries[0]["resource"])
    assert (final.status, final.weight_g) == ("completed", 320)
