"""`careloop --version`, `--help` and `careloop audit verify`, as a person runs them.

Each runs the real entry point in its own process and checks what is printed
and the exit code; `audit verify` must report problems in one plain line and
must never create or change the database it checks.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from app import __version__, audit
from app.store import Store

ROOT = Path(__file__).resolve().parents[3]


def careloop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def station_config(tmp_path: Path, station_id: str = "HD-20") -> Path:
    config = tmp_path / "station.toml"
    config.write_text(
        "schema_version = 1\n"
        "[station]\n"
        f'id = "{station_id}"\n'
        'name = "Bed 20"\n'
        'role = "dialysis-bedside"\n'
        f'data_dir = "{tmp_path / "data"}"\n',
        encoding="utf-8",
    )
    return config


def database_with_trail(tmp_path: Path, station_id: str = "HD-20") -> Path:
    path = tmp_path / "data" / f"{station_id}.db"
    store = Store(path)

    def write(session) -> None:
        for n in range(1, 6):
            audit.append(
                session,
                station_id=station_id,
                actor="N001",
                action="sign-in",
                subject=f"staff/{n}",
            )

    store.writer.submit(write).result(timeout=10)
    store.close()
    return path


def test_version_prints_the_version_and_exits_zero() -> None:
    done = careloop("--version")

    assert done.returncode == 0
    assert done.stdout.strip() == f"careloop {__version__}"


def test_help_lists_the_options_a_person_needs() -> None:
    done = careloop("--help")

    assert done.returncode == 0
    for option in ("--config", "--lang", "--demo", "--screenshot", "--screen"):
        assert option in done.stdout
    assert "audit verify" in done.stdout


def test_audit_verify_of_an_untouched_trail_says_every_link_holds(
    tmp_path: Path,
) -> None:
    database_with_trail(tmp_path)

    done = careloop("--config", str(station_config(tmp_path)), "audit", "verify")

    assert done.returncode == 0, done.stderr
    assert "HD-20: every link holds" in done.stdout


def test_audit_verify_names_the_changed_row_and_exits_one(tmp_path: Path) -> None:
    path = database_with_trail(tmp_path)
    with sqlite3.connect(path) as db:  # someone with the file and sqlite3
        db.execute("DROP TRIGGER IF EXISTS audit_no_update")
        db.execute("UPDATE audit SET actor = 'N999' WHERE id = 3")

    done = careloop("--config", str(station_config(tmp_path)), "audit", "verify")

    assert done.returncode == 1
    assert "broken at row 3" in done.stdout


def test_audit_verify_of_a_missing_database_fails_and_creates_nothing(
    tmp_path: Path,
) -> None:
    done = careloop("--config", str(station_config(tmp_path)), "audit", "verify")

    assert done.returncode == 2
    assert "StoreMissing" in done.stderr and "HD-20.db" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "HD-20.db").exists()


def test_audit_verify_of_a_damaged_database_fails_cleanly_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = database_with_trail(tmp_path)
    data = bytearray(path.read_bytes())
    data[4096 : 6 * 4096] = bytes((n * 7 + 3) % 251 for n in range(5 * 4096))
    path.write_bytes(bytes(data))

    done = careloop("--config", str(station_config(tmp_path)), "audit", "verify")

    assert done.returncode == 2
    assert "StoreCorrupt" in done.stderr
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == bytes(data)


def test_audit_verify_with_a_wrong_configuration_names_the_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "station.toml"
    config.write_text("schema_version = 1\n[station]\nid = \n", encoding="utf-8")

    done = careloop("--config", str(config), "audit", "verify")

    assert done.returncode == 2
    assert str(config) in done.stderr
    assert "Traceback" not in done.stderr
