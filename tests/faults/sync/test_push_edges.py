"""Push edge cases against the real server: nothing set aside that is not at fault.

A lost answer to our own ``If-Match`` update is not a conflict; a 404 on an
update is a routing problem, not a bad record; a server that miscounts its
entries does not get a good neighbour set aside.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.demo.fhir_server import FhirServerProcess
from app.errors import PlatformUnreachable
from app.store import Store
from app.sync import mapping
from app.sync.errors import RequestRejected
from app.sync.local import SqlOutbox, queue_resource
from app.sync.mapping import reading_to_fhir
from app.sync.push import Pusher
from tests.app.sync.helpers import (
    client_for,
    count_by_identifier,
    new_identifier,
    open_store,
    reading,
    run,
)
from tests.faults.sync.proxy import DROP, Canned, FaultyProxy

pytestmark = pytest.mark.integration


@pytest.fixture
def proxy(fhir_server: FhirServerProcess) -> Iterator[FaultyProxy]:
    faulty = FaultyProxy(fhir_server.port).start()
    try:
        yield faulty
    finally:
        faulty.stop()


async def _push(store: Store, base_url: str) -> Any:
    async with client_for(base_url) as client:
        return await Pusher(client, SqlOutbox(store), bundle_size=10).push()


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


def _handover(bag: str) -> mapping.WasteHandoverRecord:
    return mapping.WasteHandoverRecord(
        new_identifier(),
        "handover",
        bag,
        "infectious",
        800,
        mapping.StaffRef("N-201", "周护士"),
        mapping.StaffRef("P-201", "钱师傅"),
        "5病区",
        mapping.parse_instant("2026-12-03T09:00:00+08:00"),
        status="in-progress",
    )


def _is_put(method: str, path: str) -> bool:
    return method == "PUT"


def test_a_lost_answer_to_our_own_update_is_not_a_conflict(
    proxy: FaultyProxy, tmp_path: Path
) -> None:
    made = _handover("BAG-E-1")
    store = open_store(tmp_path)
    try:
        _queue(store, made)
        run(_push(store, proxy.base_url))
        fhir_id = run(SqlOutbox(store).server_id_for(made.identifier))
        _queue(store, replace(made, status="completed"), if_match="1", fhir_id=fhir_id)

        # The platform applies our PUT (now version 2); the answer is lost.
        proxy.then(DROP, _is_put)
        with pytest.raises(PlatformUnreachable):
            run(_push(store, proxy.base_url))
        again = run(_push(store, proxy.base_url))
        outbox = SqlOutbox(store)
        unsent, summary = outbox.unsent(), outbox.summary()
    finally:
        store.close()
    assert again.sent == 1 and again.conflicts == []
    assert unsent == [] and summary.conflicts == 0


def test_a_404_on_an_update_leaves_the_record_waiting(
    proxy: FaultyProxy, tmp_path: Path
) -> None:
    made = _handover("BAG-E-2")
    store = open_store(tmp_path)
    try:
        _queue(store, made)
        run(_push(store, proxy.base_url))
        fhir_id = run(SqlOutbox(store).server_id_for(made.identifier))
        _queue(store, replace(made, status="completed"), if_match="1", fhir_id=fhir_id)

        proxy.then(Canned(404, b"<html>no such path</html>"), _is_put)
        with pytest.raises(RequestRejected):
            run(_push(store, proxy.base_url))
        waiting = SqlOutbox(store).unsent()
        later = run(_push(store, proxy.base_url))  # the address is right again
    finally:
        store.close()
    assert [row.status for row in waiting] == ["pending"], "not set aside"
    assert later.sent == 1 and later.poisoned == []


def test_a_miscounted_entry_does_not_take_a_good_neighbour_with_it(
    fhir_server: FhirServerProcess, proxy: FaultyProxy, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(8)]
    bad = readings[3]
    store = open_store(tmp_path)
    try:

        def work(session: Any) -> None:
            for item in readings:
                resource = reading_to_fhir(item)
                if item is bad:
                    resource["valueQuantity"]["value"] = "one hundred"
                queue_resource(
                    session,
                    resource_type="Observation",
                    identifier=item.identifier,
                    resource=resource,
                )

        store.writer.submit(work).result(timeout=10)
        # A server counting from 1 blames "entry 4" for the fourth entry.
        proxy.then(
            Canned(
                400,
                b'{"resourceType":"OperationOutcome","issue":[{"severity":'
                b'"error","code":"invalid","diagnostics":"entry 4: bad value"}]}',
            )
        )
        result = run(_push(store, proxy.base_url))
        unsent = SqlOutbox(store).unsent()
    finally:
        store.close()
    assert [(row.identifier, row.status) for row in unsent] == [
        (bad.identifier, "poisoned")
    ]
    assert result.sent == 7
    counts = count_by_identifier(
        fhir_server.base_url, "Observation", [item.identifier for item in readings]
    )
    assert counts.pop(bad.identifier) == 0 and set(counts.values()) == {1}
