"""The admin's sync panel over a real store's outbox, rendered offscreen.

(A UI test; it lives with the sync tests because that is where its owner
may write. It belongs under tests/ui/.)
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.store.models import OutboxEntry
from app.sync.client import Exchange, FhirClient, PlatformSettings
from app.sync.engine import SyncEngine, SyncStatus
from app.sync.local import SqlOutbox
from tests.app.sync.helpers import open_store, queue_readings, reading, run
from ui.admin.sync_panel import SyncPanel

AT = datetime(2026, 12, 3, 6, 2, tzinfo=UTC)


def _status() -> SyncStatus:
    return SyncStatus(
        reachable=False,
        pending=2,
        oldest_pending_at=AT,
        poisoned=1,
        conflicts=1,
        last_error_kind="network",
        last_error_at=AT,
        unreachable_since=AT,
        last_success_at=AT,
        watermarks={
            "Patient": "2026-12-03T05:58:01.123Z",
            "DeviceRequest": "2026-12-03T05:30:00Z",
        },
        recent=(
            Exchange(AT, "POST", "/fhir", 200, 412, None, 100),
            Exchange(AT, "GET", "/fhir/Patient", 200, 35),
            Exchange(AT, "POST", "/fhir", None, 5003, "network", 100),
        ),
    )


@pytest.fixture
def panel_and_store(tmp_path: Path, qtbot: QtBot) -> Any:
    store = open_store(tmp_path)
    queue_readings(store, [reading(n) for n in range(4)])
    outbox = SqlOutbox(store)

    async def set_aside() -> None:
        await outbox.mark_poisoned(
            2,
            "error: Entry 0 (POST Observation): valueQuantity.value: "
            "Input should be a valid decimal",
        )
        await outbox.mark_conflict(
            3,
            "2",
            "changed on the platform (now version 2)\n"
            'status: ours "failed" / platform "completed"',
        )

    run(set_aside())
    client = FhirClient(PlatformSettings("http://127.0.0.1:9/fhir", "bed-1"))
    engine = SyncEngine(client, store)
    panel = SyncPanel(engine, "Asia/Shanghai")
    qtbot.addWidget(panel)
    panel.resize(1100, 720)
    yield panel, engine, store
    run(client.aclose())
    store.close()


def test_the_panel_shows_watermarks_outbox_and_exchanges(
    panel_and_store: Any, tmp_path: Path
) -> None:
    panel, engine, _store = panel_and_store
    panel.show_status(_status())
    panel.show_rows(engine.outbox.unsent())

    assert panel.watermarks.rowCount() == 2
    assert panel.watermarks.item(1, 1).text() == "12-03 13:58:01"  # station's time
    assert [panel.outbox.item(r, 2).text() for r in range(4)] == [
        "waiting",
        "refused by the platform",
        "changed by someone else",
        "waiting",
    ]
    assert panel.exchanges.item(0, 2).text() == "no network"
    assert "No network since 14:02" in panel.summary.text()

    panel.outbox.selectRow(1)
    assert "valid decimal" in panel.detail.toPlainText()
    assert panel.send_again.isEnabled()
    panel.outbox.selectRow(0)
    assert not panel.send_again.isEnabled()

    panel.show()
    QApplication.processEvents()
    picture = tmp_path / "sync_panel.png"
    assert panel.grab().save(str(picture))
    if os.environ.get("CARELOOP_SCREENSHOTS"):
        panel.grab().save(
            str(Path(os.environ["CARELOOP_SCREENSHOTS"]) / "sync_panel_en.png")
        )
    assert picture.stat().st_size > 10_000


def test_send_again_puts_a_conflict_back_on_top_of_the_platforms_version(
    panel_and_store: Any,
    qtbot: QtBot,
    qt_async_loop: Any,
) -> None:
    panel, engine, _store = panel_and_store
    panel.refresh()
    qtbot.waitUntil(lambda: panel.outbox.rowCount() == 4, timeout=5000)
    panel.outbox.selectRow(2)
    panel.send_again.click()
    qtbot.waitUntil(lambda: panel.outbox.item(2, 2).text() == "waiting", timeout=5000)
    row = next(r for r in engine.outbox.unsent() if r.row_id == 3)
    assert row.status == "pending"


def test_keeping_the_platforms_version_settles_a_conflict_and_keeps_the_row(
    panel_and_store: Any,
    qtbot: QtBot,
    qt_async_loop: Any,
) -> None:
    panel, engine, _store = panel_and_store
    panel.refresh()
    qtbot.waitUntil(lambda: panel.outbox.rowCount() == 4, timeout=5000)
    panel.outbox.selectRow(1)  # refused by the platform: not a conflict
    assert not panel.keep_theirs.isEnabled()

    panel.outbox.selectRow(2)
    assert panel.keep_theirs.isEnabled()
    panel.keep_theirs.click()

    qtbot.waitUntil(lambda: panel.outbox.rowCount() == 3, timeout=5000)
    assert all(row.row_id != 3 for row in engine.outbox.unsent())
    assert engine.outbox.summary().conflicts == 0
    assert engine.outbox.summary().pending == 2  # the others still go
    with _store.read_session() as session:
        kept = session.get(OutboxEntry, 3)
        assert kept is not None and kept.status == "superseded"
