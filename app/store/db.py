"""Opening the station's SQLite file: checks, pragmas, migrations.

The file is checked before SQLAlchemy touches it: a file that is not SQLite,
or that a newer Careloop wrote, raises a typed error the UI turns into a
screen offering to move the file aside. Nothing here ever deletes a file.

Every other way opening can fail becomes a typed ``StoreError`` too, never a
raw SQLAlchemy or OS error: damaged pages or schema (``StoreCorrupt``, found
by migrating and by ``PRAGMA quick_check``), and a folder or disk that cannot
be written (``StoreUnavailable``).

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
from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker

from app.errors import (
    StoreCorrupt,
    StoreError,
    StoreMissing,
    StoreNotSqlite,
    StoreTooNew,
    StoreUnavailable,
)
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


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def check_file(path: Path) -> None:
    """Raise StoreNotSqlite if ``path`` exists and is not an SQLite database."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StoreUnavailable(f"{path}: {error.strerror or error}") from error
    if magic != SQLITE_MAGIC:
        raise StoreNotSqlite(f"{path} is not an SQLite database")


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_ERROR = 1
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def store_error(error: BaseException, path: Path) -> StoreError:
    """The typed error for a failure opening or writing ``path``.

    Damage (SQLITE_CORRUPT, SQLITE_NOTADB, or a schema missing what it should
    have) is ``StoreCorrupt``: moving the file aside helps. Everything else
    (read-only, permission, full disk, I/O, busy) is ``StoreUnavailable``:
    the machine needs fixing, the file may be fine.
    """
    if isinstance(error, StoreError):
        return error
    if isinstance(error, OSError):
        return StoreUnavailable(f"{path}: {error.strerror or error}")
    cause = error.orig if isinstance(error, exc.DBAPIError) else error
    code = getattr(cause, "sqlite_errorcode", None)
    name = getattr(cause, "sqlite_errorname", None) or type(cause).__name__
    # Only the first line: SQLAlchemy appends the statement after it.
    first_line = str(cause).splitlines()[0] if str(cause) else name
    message = f"{path}: {name}: {first_line}"
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_ERROR):
        return StoreCorrupt(message)
    return StoreUnavailable(message)


def quick_check(engine: Engine, path: Path) -> None:
    """Raise StoreCorrupt if SQLite finds damaged pages or indexes."""
    with engine.connect() as connection:
        found = connection.execute(text("PRAGMA quick_check(5)")).scalars().all()
    if found != ["ok"]:
        raise StoreCorrupt(f"{path}: quick_check: {'; '.join(found)}")


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
    # hide_parameters: bound values are patient names and numbers; they must
    # never reach an exception's text, the log or "copy details".
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"timeout": 5}, hide_parameters=True
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def open_read_only(path: Path) -> Engine:
    """An engine that reads an existing, current database and never writes it.

    For ``careloop audit verify``: no file is created, nothing is migrated.
    A missing file is ``StoreMissing``; a file at another schema is refused
    with the revision in the message.
    """
    if not path.is_file():
        raise StoreMissing(f"{path}: no database file here")
    check_file(path)
    engine = create_engine(
        f"sqlite:///file:{path}?mode=ro&uri=true",
        connect_args={"timeout": 5},
        hide_parameters=True,
    )
    event.listen(engine, "connect", _set_read_only_pragmas)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current not in _known_revisions():
            raise StoreTooNew(
                f"{path} was written by a newer Careloop (schema {current})"
            )
        if current != head_revision():
            raise StoreUnavailable(
                f"{path} is at schema {current}, not {head_revision()}; "
                "start Careloop on this station once to bring it up to date"
            )
        quick_check(engine, path)
    except Exception as error:
        engine.dispose()
        raise store_error(error, path) from error
    return engine


def migrate(engine: Engine, path: Path) -> None:
    """Bring the file to our head revision; refuse a file from a newer schema."""
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in _known_revisions():
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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise store_error(error, path) from error
        self.engine = make_engine(path)
        try:
            migrate(self.engine, path)
            quick_check(self.engine, path)
        except (OSError, exc.SQLAlchemyError, StoreError) as error:
            self.engine.dispose()
            raise store_error(error, path) from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.writer = StoreWriter(
            self._sessions, typed_error=lambda error: store_error(error, path)
        )

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A short session for reading; never use it to write."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.writer.close()
        self.engine.dispose()
