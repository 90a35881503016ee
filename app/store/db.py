"""Opening the station's SQLite file: checks, pragmas, migrations.

The file is checked before SQLAlchemy touches it: a file that is not SQLite,
or that a newer Careloop wrote, raises a typed error the UI turns into a
screen offering to move the file aside. Nothing here ever deletes a file.

Pragmas: WAL journal, ``synchronous=FULL`` (a power cut must not lose a
confirmed record), foreign keys on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StoreNotSqlite, StoreTooNew
from app.store.writer import StoreWriter

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def check_file(path: Path) -> None:
    """Raise StoreNotSqlite if ``path`` exists and is not an SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise StoreNotSqlite(f"{path} is not an SQLite database")


def move_aside(path: Path) -> Path:
    """Rename a database the station cannot use; returns where it went."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.set-aside-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    log.warning("moved unusable database %s aside to %s", path, target)
    return target


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 5})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def migrate(engine: Engine, path: Path) -> None:
    """Bring the file to our head revision; refuse a file from a newer schema."""
    known = {
        rev.revision
        for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in known:
            raise StoreTooNew(
                f"{path} was written by a newer Careloop (schema {current})"
            )
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("store %s at schema %s", path.name, head_revision())


class Store:
    """The station's database: one writer thread, short read sessions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        check_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(path)
        try:
            migrate(self.engine, path)
        except Exception:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.writer = StoreWriter(self._sessions)

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A short session for reading; never use it to write."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.writer.close()
        self.engine.dispose()
