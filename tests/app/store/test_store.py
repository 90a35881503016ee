"""The local store: migrations, atomic record+outbox, one writer, bad files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from app.errors import StoreCorrupt, StoreNotSqlite, StoreTooNew, StoreUnavailable
from app.store import Store, enqueue, move_aside
from app.store.db import head_revision, store_error
from app.store.models import Observation, OutboxEntry, new_identifier


@pytest.fixture
def store(tmp_path: Path):
    opened = Store(tmp_path / "station.db")
    yield opened
    opened.close()


def add_reading(session, value: str = "250") -> Observation:
    reading = Observation(
        code="MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE",
        code_system="urn:iso:std:iso:11073:10101",
        value=value,
        unit="mL/min",
        measured_at=datetime.now(UTC),
    )
    session.add(reading)
    session.flush()
    return reading


def test_migrations_from_empty_create_every_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())

    for expected in (
        "staff",
        "patient",
        "outbox",
        "sync_watermark",
        "audit",
        "waste_bag",
    ):
        assert expected in tables
    with store.engine.connect() as connection:
        version = connection.execute(text("select version_num from alembic_version"))
        assert version.scalar() == head_revision()
        assert connection.execute(text("pragma journal_mode")).scalar() == "wal"
        assert connection.execute(text("pragma synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("pragma foreign_keys")).scalar() == 1


def test_identifiers_are_client_made_urn_uuids(store: Store) -> None:
    reading = store.writer.submit(add_reading).result(timeout=10)

    assert reading.identifier.startswith("urn:uuid:")
    assert len(reading.identifier) == len("urn:uuid:") + 36


def test_record_and_outbox_row_commit_together(store: Store) -> None:
    def record_with_outbox(session):
        reading = add_reading(session)
        enqueue(
            session,
            resource_type="Observation",
            identifier=reading.identifier,
            resource={"resourceType": "Observation", "valueQuantity": {"value": 250}},
        )
        return reading.identifier

    identifier = store.writer.submit(record_with_outbox).result(timeout=10)

    with store.read_session() as session:
        entry = session.scalar(select(OutboxEntry))
        assert entry is not None and entry.identifier == identifier
        assert json.loads(entry.payload)["valueQuantity"]["value"] == 250
        assert session.scalar(select(func.count()).select_from(Observation)) == 1


def test_a_failure_between_record_and_outbox_keeps_neither(store: Store) -> None:
    def record_then_fail(session):
        add_reading(session)
        raise RuntimeError("power cut before the outbox row")

    with pytest.raises(RuntimeError):
        store.writer.submit(record_then_fail).result(timeout=10)

    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 0
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0


KILLED_WRITER = """
import sys, json
from pathlib import Path
from datetime import UTC, datetime
from app.store import Store, enqueue
from app.store.models import Observation

store = Store(Path(sys.argv[1]))

def write(session):
    reading = Observation(code="X", code_system="s", value="1", unit="mL",
                          measured_at=datetime.now(UTC))
    session.add(reading)
    session.flush()
    print("between", flush=True)   # the record is written, the outbox row not yet
    sys.stdin.readline()           # the parent kills us here
    enqueue(session, resource_type="Observation", identifier=reading.identifier,
            resource={"resourceType": "Observation"})

store.writer.submit(write).result()
"""


def test_writer_killed_between_record_and_outbox_keeps_neither(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    Store(path).close()
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "between"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)

    reopened = Store(path)
    try:
        with reopened.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Observation)) == 0
            assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    finally:
        reopened.close()


def test_concurrent_writes_from_many_threads_all_go_through_one_writer(
    store: Store,
) -> None:
    writer_threads: set[int] = set()
    lock = threading.Lock()

    def write(session):
        with lock:
            writer_threads.add(threading.get_ident())
        add_reading(session)

    def producer() -> None:
        futures = [store.writer.submit(write) for _ in range(100)]
        for future in futures:
            future.result(timeout=30)

    producers = [threading.Thread(target=producer) for _ in range(8)]
    for thread in producers:
        thread.start()
    for thread in producers:
        thread.join(timeout=60)

    assert writer_threads == {store.writer.thread.ident}
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 800


def test_a_file_that_is_not_sqlite_is_refused_and_can_be_moved_aside(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 10)

    with pytest.raises(StoreNotSqlite):
        Store(path)

    moved = move_aside(path)
    assert not path.exists()
    assert moved.read_bytes().startswith(b"this is a spreadsheet")
    Store(path).close()  # a fresh store opens where the bad one was


def test_a_database_from_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    Store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("update alembic_version set version_num = '9999_future'")
    before = path.read_bytes()

    with pytest.raises(StoreTooNew):
        Store(path)

    assert path.read_bytes() == before


def _damage_pages(path: Path, first_page: int, pages: int) -> None:
    """Overwrite whole pages with a fixed non-zero pattern; the header stays."""
    page_size = 4096
    data = bytearray(path.read_bytes())
    start = first_page * page_size
    data[start : start + pages * page_size] = bytes(
        (n * 7 + 3) % 251 for n in range(pages * page_size)
    )
    path.write_bytes(bytes(data))


def test_damaged_pages_behind_a_valid_header_are_a_typed_error_file_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.db"
    Store(path).close()
    _damage_pages(path, first_page=1, pages=5)
    before = path.read_bytes()

    with pytest.raises(StoreCorrupt) as raised:
        Store(path)

    assert "malformed" in str(raised.value) or "quick_check" in str(raised.value)
    assert path.read_bytes() == before
    moved = move_aside(path)
    assert moved.read_bytes() == before
    Store(path).close()


def test_damage_in_a_table_migrations_never_read_is_found_at_opening(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.db"
    store = Store(path)

    def many_readings(session) -> None:
        for n in range(3000):
            add_reading(session, value=str(n))

    store.writer.submit(many_readings).result(timeout=60)
    store.close()
    pages = path.stat().st_size // 4096
    _damage_pages(path, first_page=pages - 3, pages=2)  # the readings' last pages

    with pytest.raises(StoreCorrupt):
        Store(path)


def test_a_data_folder_that_cannot_be_made_is_unavailable_not_a_crash(
    tmp_path: Path,
) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("a file where the folder should be")

    with pytest.raises(StoreUnavailable):
        Store(in_the_way / "station.db")

    assert in_the_way.read_text() == "a file where the folder should be"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_read_only_folder_is_unavailable_not_a_crash() -> None:
    # /proc/self cannot take a new file, even for root: a read-only folder.
    with pytest.raises(StoreUnavailable):
        Store(Path("/proc/self/careloop-station.db"))


def test_a_full_disk_is_unavailable_not_corrupt(tmp_path: Path) -> None:
    # SQLite's own "database or disk is full", from a one-page limit.
    db = sqlite3.connect(tmp_path / "full.db")
    db.execute("PRAGMA max_page_count = 1")
    with pytest.raises(sqlite3.OperationalError) as raised:
        db.execute("CREATE TABLE bag (id INTEGER PRIMARY KEY, weight_g INTEGER)")
        db.executemany("INSERT INTO bag VALUES (?, ?)", [(n, n) for n in range(999)])
    db.close()

    typed = store_error(raised.value, tmp_path / "full.db")

    assert isinstance(typed, StoreUnavailable)
    assert "SQLITE_FULL" in str(typed)


def test_new_identifier_is_unique() -> None:
    assert len({new_identifier() for _ in range(1000)}) == 1000


def test_a_failing_write_names_no_patient_in_its_message_or_log(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    from sqlalchemy.exc import IntegrityError

    from app.store.models import Patient
    from ui.shell.errors import details_of

    def add_twice(session) -> None:
        session.add(
            Patient(hospital_number="H1", name="刘德明", birth_date="1961-02-03")
        )
        session.flush()
        session.add(
            Patient(hospital_number="H1", name="刘德明", birth_date="1961-02-03")
        )
        session.flush()

    with pytest.raises(IntegrityError) as raised:
        store.writer.submit(add_twice).result(timeout=10)

    shown = details_of(raised.value)  # what "copy details" would copy
    logged = caplog.text
    for private in ("刘德明", "1961-02-03", "'H1'"):
        assert private not in shown
        assert private not in logged
    assert "UNIQUE constraint failed: patient.hospital_number" in shown


def test_a_write_on_a_full_disk_is_a_typed_error_and_nothing_is_half_written(
    store: Store,
) -> None:
    def fill_the_disk(session) -> None:
        # SQLite's own "database or disk is full": no page beyond those in use.
        pages = session.execute(text("PRAGMA page_count")).scalar()
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        for n in range(5000):
            add_reading(session, value=str(n))

    with pytest.raises(StoreUnavailable, match="SQLITE_FULL"):
        store.writer.submit(fill_the_disk).result(timeout=60)

    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 0
