"""Command-line verbs of `careloop` that need no window: `audit verify`."""

from __future__ import annotations

import argparse
import sys

from app.config import find_config, load
from app.errors import ConfigError, StoreError


def run_command(args: argparse.Namespace) -> int:
    if args.command != ["audit", "verify"]:
        sys.stderr.write(
            f"careloop: unknown command {' '.join(args.command)!r}; try 'audit verify'\n"
        )
        return 2
    try:
        settings = load(find_config(args.config))
        from app import audit
        from app.station import Station

        station = Station(settings)
        store = station.open_store()
    except (ConfigError, StoreError) as error:
        sys.stderr.write(f"careloop: {error}\n")
        return 2
    try:
        with store.read_session() as session:
            found = audit.verify(session)
    finally:
        store.close()
    if found is None:
        sys.stdout.write(f"audit trail of {settings.station_id}: every link holds\n")
        return 0
    sys.stdout.write(
        f"audit trail of {settings.station_id}: broken at row {found.row_id}: {found.reason}\n"
    )
    return 1
