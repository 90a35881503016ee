"""Command-line verbs of `careloop` that need no window: `audit verify`.

``audit verify`` reads the station's database without writing it: a missing
file is reported, never created, and nothing is migrated. Every problem ends
in one plain line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.config import find_config, load
from app.errors import ConfigError, StoreError

# Exit codes: 0 every link holds, 1 the chain is broken, 2 it could not be read.
EXIT_BROKEN = 1
EXIT_UNREADABLE = 2


def run_command(args: argparse.Namespace) -> int:
    if args.command != ["audit", "verify"]:
        sys.stderr.write(
            f"careloop: unknown command {' '.join(args.command)!r}; try 'audit verify'\n"
        )
        return EXIT_UNREADABLE
    try:
        settings = load(find_config(args.config))
    except ConfigError as error:
        sys.stderr.write(f"careloop: {error}\n")
        return EXIT_UNREADABLE
    from app.station import Station

    return _verify(settings.station_id, Station(settings).database_path)


def _verify(station_id: str, path: Path) -> int:
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from app import audit
    from app.store.db import open_read_only, store_error

    try:
        engine = open_read_only(path)
    except StoreError as error:
        sys.stderr.write(f"careloop: {type(error).__name__}: {error}\n")
        return EXIT_UNREADABLE
    try:
        with Session(engine) as session:
            found = audit.verify(session)
    except SQLAlchemyError as failure:
        typed = store_error(failure, path)
        sys.stderr.write(f"careloop: {type(typed).__name__}: {typed}\n")
        return EXIT_UNREADABLE
    finally:
        engine.dispose()
    if found is None:
        sys.stdout.write(f"audit trail of {station_id}: every link holds\n")
        return 0
    sys.stdout.write(
        f"audit trail of {station_id}: broken at row {found.row_id}: {found.reason}\n"
    )
    return EXIT_BROKEN
