"""The audit trail detects a changed, a removed and a forged row, rows removed
from the end, and says where; the database itself refuses UPDATE and DELETE.

Tampering is done as someone with the file and an SQLite client would do it:
first dropping the triggers that protect the trail.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import audit
from app.audit.trail import row_hash
from app.store import Store

PROTECTION = (
    "audit_no_update",
    "audit_no_delete",
    "audit_head_no_delete",
    "audit_head_only_forward",
    "audit_links_to_head",
)


@pytest.fixture
def store_with_trail(tmp_path: Path):
    store = Store(tmp_path / "station.db")
    append_rows(store, 10)
    yield store
    store.close()


def append_rows(store: Store, count: int) -> None:
    def write(session):
        for n in range(1, count + 1):
            audit.append(
                session,
                station_id="HD-03",
                actor="N001",
                action="write-settings",
                subject=f"treatment/{n}",
                detail={"blood_flow": 250 + n},
            )

    store.writer.submit(write).result(timeout=10)


def check(store: Store) -> audit.Break | None:
    with store.read_session() as session:
        return audit.verify(session)


def tamper(store: Store, *statements: str) -> None:
    """What someone with the file and sqlite3 can do: drop triggers, then edit."""
    with sqlite3.connect(store.path) as db:
        for trigger in PROTECTION:
            db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for statement in statements:
            db.execute(statement)


def test_an_untouched_trail_verifies(store_with_trail: Store) -> None:
    assert check(store_with_trail) is None


def test_a_trail_verifies_after_more_rows_are_appended(
    store_with_trail: Store,
) -> None:
    append_rows(store_with_trail, 3)

    assert check(store_with_trail) is None


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("update audit set actor = 'N999' where id = 5", "never changed"),
        ("delete from audit where id = 10", "never deleted"),
        ("delete from audit", "never deleted"),
        ("delete from audit_head", "never deleted"),
        ("update audit_head set row_count = 9, last_id = 9", "only moves"),
        (
            "insert into audit (at, station_id, actor, action, subject, detail_json,"
            " prev_hash, row_hash) values ('2026-01-01 00:00:00', 'HD-03', 'N001',"
            " 'x', 'y', '{}', 'not-the-last-hash', 'abc')",
            "must link",
        ),
    ],
)
def test_the_database_refuses_to_rewrite_the_trail(
    store_with_trail: Store, statement: str, refusal: str
) -> None:
    with (
        sqlite3.connect(store_with_trail.path) as db,
        pytest.raises(sqlite3.IntegrityError, match=refusal),
    ):
        db.execute(statement)

    assert check(store_with_trail) is None


def test_a_changed_row_is_found(store_with_trail: Store) -> None:
    tamper(
        store_with_trail,
        "update audit set detail_json = '{\"blood_flow\": 400}' where id = 5",
    )

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 5
    assert "changed" in found.reason


def test_a_removed_row_is_found_at_the_row_after_it(store_with_trail: Store) -> None:
    tamper(store_with_trail, "delete from audit where id = 4")

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 5
    assert "removed" in found.reason


def test_rows_removed_from_the_end_are_named(store_with_trail: Store) -> None:
    tamper(store_with_trail, "delete from audit where id >= 9")

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 9
    assert "rows 9 to 10 (2 rows) were removed from the end" in found.reason


def test_every_row_removed_is_found(store_with_trail: Store) -> None:
    tamper(store_with_trail, "delete from audit")

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 1
    assert "rows 1 to 10 (10 rows) were removed" in found.reason


def test_a_removed_head_is_found(store_with_trail: Store) -> None:
    tamper(store_with_trail, "delete from audit_head")

    found = check(store_with_trail)

    assert found is not None
    assert "head row is missing" in found.reason


def test_a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(
    store_with_trail: Store,
) -> None:
    # A forger changes row 3's actor and recomputes row 3's own hash correctly:
    # row 3 then verifies on its own, but row 4 still holds the old hash.
    with sqlite3.connect(store_with_trail.path) as db:
        at, station, action, subject, detail, prev = db.execute(
            "select at, station_id, action, subject, detail_json, prev_hash"
            " from audit where id = 3"
        ).fetchone()
    forged = row_hash(
        prev,
        datetime.fromisoformat(at).replace(tzinfo=UTC),  # stored as UTC
        station,
        "N999",
        action,
        subject,
        detail,
    )
    tamper(
        store_with_trail,
        f"update audit set actor = 'N999', row_hash = '{forged}' where id = 3",
    )

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 4
    assert "before this one" in found.reason


def test_a_removed_last_row_with_the_head_moved_back_is_still_caught_by_count(
    store_with_trail: Store,
) -> None:
    # Moving the head's hash back without its count leaves a mismatch.
    with sqlite3.connect(store_with_trail.path) as db:
        ninth = db.execute("select row_hash from audit where id = 9").fetchone()[0]
    tamper(
        store_with_trail,
        "delete from audit where id = 10",
        f"update audit_head set last_id = 9, last_hash = '{ninth}'",
    )

    found = check(store_with_trail)

    assert found is not None
    assert found.row_id == 9
    assert "head records 10" in found.reason


def test_a_trail_written_before_the_head_existed_is_anchored_on_upgrade(
    tmp_path: Path,
) -> None:
    # A file at the schema before 0004_audit_head, with a trail already in it.
    from alembic import command
    from sqlalchemy.orm import Session

    from app.store.db import _alembic_config, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(path)
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_sync_pull")
    with Session(engine) as session:
        for n in range(1, 11):
            audit.append(
                session, station_id="HD-03", actor="N001", action="x", subject=f"r/{n}"
            )
        session.commit()
    engine.dispose()

    reopened = Store(path)  # migrates to head, anchoring the 10 rows
    try:
        assert check(reopened) is None
        tamper(reopened, "delete from audit where id = 10")

        found = check(reopened)

        assert found is not None
        assert found.row_id == 10
    finally:
        reopened.close()
