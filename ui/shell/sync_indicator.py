"""The sync indicator's words: reachable or not, what waits, since when.

A pure function of the sync engine's status (``app.sync.engine.SyncStatus``)
and the station's time zone, so it can be tested without a platform. The
header shows the text; the admin screen shows the detail.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication


def _hhmm(moment: datetime | None, zone: ZoneInfo) -> str:
    return "--:--" if moment is None else moment.astimezone(zone).strftime("%H:%M")


def _failure(status: Any, zone: ZoneInfo) -> tuple[str, str]:
    """What the header says after a failed cycle that was not the network's."""
    kind = status.last_error_kind
    if kind == "busy":
        text = QCoreApplication.translate("Sync", "Platform busy; retry at %1")
    elif kind == "server":
        text = QCoreApplication.translate("Sync", "Platform fault; retry at %1")
    elif kind == "not-fhir":
        text = QCoreApplication.translate(
            "Sync", "The platform address does not answer as FHIR; call IT. Retry at %1"
        )
    elif kind == "rejected":
        text = QCoreApplication.translate(
            "Sync", "The platform refused the request; call IT. Retry at %1"
        )
    else:
        text = QCoreApplication.translate("Sync", "Sync failed; retry at %1")
    level = "waiting" if kind == "busy" else "error"
    return text.replace("%1", _hhmm(status.next_attempt_at, zone)), level


def describe(status: Any, zone: ZoneInfo) -> tuple[str, str]:
    """(level, text): level is ok, waiting or error, for the dot's colour."""
    waiting = ""
    if status.pending:
        waiting = (
            QCoreApplication.translate("Sync", "%1 waiting since %2")
            .replace("%1", str(status.pending))
            .replace("%2", _hhmm(status.oldest_pending_at, zone))
        )
    attention = status.poisoned + status.conflicts
    extra = (
        QCoreApplication.translate("Sync", "%1 need attention").replace(
            "%1", str(attention)
        )
        if attention
        else ""
    )

    if status.last_error_kind == "token":
        head, level = (
            QCoreApplication.translate("Sync", "The platform refused the token"),
            "error",
        )
    elif status.last_error_kind == "certificate":
        head, level = (
            QCoreApplication.translate(
                "Sync", "The platform's certificate is not trusted"
            ),
            "error",
        )
    elif status.reachable is False:
        since = _hhmm(status.unreachable_since or status.last_error_at, zone)
        head, level = (
            QCoreApplication.translate("Sync", "No network since %1").replace(
                "%1", since
            ),
            "error",
        )
    elif status.last_error_kind is not None:
        # The last cycle failed (a good cycle clears the kind): never "up to
        # date" while pulls or pushes fail.
        head, level = _failure(status, zone)
    elif status.reachable is None:
        head, level = (
            QCoreApplication.translate("Sync", "Connecting to the platform…"),
            "waiting",
        )
    elif status.pending:
        head, level = QCoreApplication.translate("Sync", "Sending"), "waiting"
    else:
        head = QCoreApplication.translate("Sync", "Up to date, %1").replace(
            "%1", _hhmm(status.last_success_at, zone)
        )
        level = "ok"
    parts = [part for part in (head, waiting, extra) if part]
    if attention and level == "ok":
        level = "waiting"
    return level, " · ".join(parts)
