"""The audit trail detects a changed row and a removed row, and says where."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import audit
from app.store import Store


@pytest.fixture
def store_with_trail(tmp_path: Path):
    store = Store(tmp_path / "station.db")

    def write(session):
        for n in range(1, 11):
            audit.append(
                session,
                station_id="HD-03",
                actor="N001",
                action="write-settings",
                subject=f"treatment/{n}",
                detail={"blood_flow": 250 + n},
            )

    store.writer.submit(write).result(timeout=10)
    yield store
    store.close()


def check(store: Store) -> audit.Break | None:
    with store.read_session() as session:
        return audit.verify(session)


def test_an_untouched_trail_verifies(store_with_trail: Store) -> None:
    assert check(store_with_trail) is None


def test_a_changed_row_is_found(store_with_trail: Store) -> None:
    with sqlite3.connect(store_with_trail.path) as db:
        db.execute(
            "update audit set detail_json = '{\"blood_flow\": 400}' where id = 5"
        )

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 5
    assert "changed" in found.reason


def test_a_removed_row_is_found_at_the_row_after_it(store_with_trail: Store) -> None:
    with sqlite3.connect(store_with_trail.path) as db:
        db.execute("delete from audit where id = 4")

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 5
    assert "removed" in found.reason


def test_a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(
    store_with_trail: Store,
) -> None:
    # A forger who recomputes row 3's own hash still breaks row 4's link.
    with sqlite3.connect(store_with_trail.path) as db:
        db.execute(
            "update audit set actor = 'N999', row_hash = 'f' || substr(row_hash, 2) where id = 3"
        )

    found = check(store_with_trail)

    assert found is not None and found.row_id == 3
