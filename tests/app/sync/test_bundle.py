"""Outbox rows to bundle entries and back, without a server."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from app import jsonio
from app.sync.bundle import OutgoingRow, bundle_run, delivered, entry_for
from app.sync.mapping import URN

AT = datetime(2026, 12, 3, tzinfo=UTC)


def _row(
    row_id: int, identifier: str, first: bool = True, **changes: object
) -> OutgoingRow:
    values: dict[str, object] = {
        "row_id": row_id,
        "identifier": identifier,
        "resource_type": "Observation",
        "payload": jsonio.dumps(
            {"resourceType": "Observation", "valueQuantity": {"value": Decimal("0.10")}}
        ),
        "if_match": None,
        "fhir_id": None,
        "first_for_identifier": first,
        "created_at": AT,
    }
    values.update(changes)
    return OutgoingRow(**values)  # type: ignore[arg-type]


def test_a_first_row_is_a_conditional_create_on_our_identifier() -> None:
    entry = entry_for(_row(1, "urn:uuid:a"))
    assert entry["request"] == {
        "method": "POST",
        "url": "Observation",
        "ifNoneExist": f"identifier={URN}|urn:uuid:a",
    }
    assert entry["fullUrl"] == "urn:uuid:a"
    assert entry["resource"]["valueQuantity"]["value"] == Decimal("0.10")


def test_a_later_row_is_a_conditional_update_and_an_own_id_a_put() -> None:
    later = entry_for(_row(2, "urn:uuid:a", first=False))
    assert later["request"] == {
        "method": "PUT",
        "url": f"Observation?identifier={URN}|urn:uuid:a",
    }
    own = entry_for(_row(3, "urn:uuid:b", fhir_id="abc"))
    assert own["request"] == {"method": "PUT", "url": "Observation/abc"}
    assert own["resource"]["id"] == "abc"


def test_a_run_stops_at_a_repeated_identifier_an_if_match_or_the_limit() -> None:
    rows = [_row(1, "a"), _row(2, "b"), _row(3, "a", first=False), _row(4, "c")]
    assert [row.row_id for row in bundle_run(rows, 10)] == [1, 2]
    rows = [_row(1, "a"), _row(2, "b", if_match="3"), _row(3, "c")]
    assert [row.row_id for row in bundle_run(rows, 10)] == [1]
    rows = [_row(n, str(n)) for n in range(5)]
    assert len(bundle_run(rows, 3)) == 3


def test_delivered_reads_ids_and_versions_and_skips_what_is_not_2xx() -> None:
    rows = [_row(1, "a"), _row(2, "b"), _row(3, "c")]
    answer = {
        "entry": [
            {
                "response": {
                    "status": "201 Created",
                    "location": "http://x/fhir/Observation/o1/_history/1",
                }
            },
            {
                "response": {"status": "200 OK", "etag": 'W/"4"'},
                "resource": {"id": "o2"},
            },
            {"response": {"status": "400 Bad Request"}},
        ]
    }
    done = delivered(rows, answer)
    assert [(d.row_id, d.server_id, d.server_version) for d in done] == [
        (1, "o1", "1"),
        (2, "o2", "4"),
    ]
