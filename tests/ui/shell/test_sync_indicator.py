"""The sync indicator says, in plain words, what waits and since when."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from app.sync.engine import SyncStatus
from ui.shell import i18n
from ui.shell.sync_indicator import describe

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0602 = datetime(2026, 12, 3, 6, 2, tzinfo=UTC)  # 14:02 in Shanghai


@pytest.fixture(autouse=True)
def english(qapp: QApplication):
    i18n.install("en")
    yield
    i18n.install("en")


def test_up_to_date() -> None:
    level, text = describe(SyncStatus(reachable=True, last_success_at=T0602), SHANGHAI)
    assert level == "ok"
    assert text == "Up to date, 14:02"


def test_records_waiting_and_since_when() -> None:
    status = SyncStatus(reachable=True, pending=12, oldest_pending_at=T0602)
    level, text = describe(status, SHANGHAI)
    assert level == "waiting"
    assert "12 waiting since 14:02" in text


def test_no_network_since() -> None:
    status = SyncStatus(
        reachable=False,
        pending=3,
        oldest_pending_at=T0602,
        unreachable_since=T0602,
        last_error_kind="network",
    )
    level, text = describe(status, SHANGHAI)
    assert level == "error"
    assert text.startswith("No network since 14:02")
    assert "3 waiting" in text


def test_refused_token_and_records_needing_attention() -> None:
    status = SyncStatus(
        reachable=True, last_error_kind="token", poisoned=1, conflicts=1
    )
    level, text = describe(status, SHANGHAI)
    assert level == "error"
    assert "refused the token" in text
    assert "2 need attention" in text


def test_the_same_in_chinese() -> None:
    i18n.install("zh_CN")
    status = SyncStatus(
        reachable=False, pending=5, oldest_pending_at=T0602, unreachable_since=T0602
    )
    _level, text = describe(status, SHANGHAI)
    assert "14:02" in text
    assert "网络" in text


T0630 = datetime(2026, 12, 3, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai


@pytest.mark.parametrize(
    ("kind", "level", "words"),
    [
        ("busy", "waiting", "Platform busy; retry at 14:30"),
        ("server", "error", "Platform fault; retry at 14:30"),
        ("not-fhir", "error", "does not answer as FHIR; call IT. Retry at 14:30"),
        ("rejected", "error", "refused the request; call IT. Retry at 14:30"),
        ("internal", "error", "Sync failed; retry at 14:30"),
    ],
)
def test_a_failing_platform_is_never_up_to_date(
    kind: str, level: str, words: str
) -> None:
    status = SyncStatus(
        reachable=True,
        last_success_at=T0602,
        last_error_kind=kind,
        last_error_at=T0602,
        next_attempt_at=T0630,
    )
    got_level, text = describe(status, SHANGHAI)
    assert (got_level, "Up to date" in text) == (level, False)
    assert words in text
