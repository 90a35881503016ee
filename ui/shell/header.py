"""The band across the top: where, who, the platform link, the time.

It shows the station's name and role, the signed-in person, the sync
indicator in plain words, and the clock in the station's time zone, with
the buttons a person needs at any moment: language, lock, sign out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.shell.sync_indicator import describe


def role_text(role: str) -> str:
    """The translated name of a station role or a staff role."""
    names = {
        "dialysis-bedside": QCoreApplication.translate("Roles", "Dialysis bedside"),
        "dialysis-centre": QCoreApplication.translate("Roles", "Dialysis centre"),
        "waste-cart": QCoreApplication.translate("Roles", "Waste cart"),
        "waste-storage": QCoreApplication.translate("Roles", "Waste storage"),
        "nurse": QCoreApplication.translate("Roles", "Nurse"),
        "charge-nurse": QCoreApplication.translate("Roles", "Charge nurse"),
        "porter": QCoreApplication.translate("Roles", "Porter"),
        "storage-keeper": QCoreApplication.translate("Roles", "Storage keeper"),
        "admin": QCoreApplication.translate("Roles", "Administrator"),
    }
    return names.get(role, role)


SYNC_COLOURS = {
    "ok": "#3fb950",
    "waiting": "#f2cc60",
    "error": "#ff7b72",
    "off": "#c9d1d9",
}


class Header(QWidget):
    lock_requested = Signal()
    sign_out_requested = Signal()
    language_requested = Signal(str)
    sync_now_requested = Signal()

    def __init__(
        self,
        station_name: str,
        station_role: str,
        timezone: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        # Both after the first paint: the header appears only once signed in.
        from zoneinfo import ZoneInfo

        from PySide6.QtCore import Qt  # its enums are slow to build

        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._zone = ZoneInfo(timezone)
        self.station = QLabel(f"{station_name} · {role_text(station_role)}")
        self.person = QLabel("")
        self.person.setObjectName("person")
        # After a supervisor opened the lock: whose name the work is under.
        self.unlocked_note = QLabel("")
        self.unlocked_note.setObjectName("unlocked_note")
        self.unlocked_note.setStyleSheet("font-size: 15px; color: #ffd166;")
        self.unlocked_note.hide()
        self.sync = QLabel("")
        self.sync.setObjectName("sync")
        self.sync_now = QPushButton(self.tr("Sync now"))
        self.sync_now.setObjectName("sync_now")
        self.sync_now.clicked.connect(self.sync_now_requested)
        self.sync_now.hide()  # shown when the station has a platform
        self.clock = QLabel("")
        self.clock.setObjectName("clock")
        other = "en" if language == "zh_CN" else "zh_CN"
        self.language = QPushButton("English" if other == "en" else "中文")
        self.language.setObjectName("language")
        self.language.clicked.connect(lambda: self.language_requested.emit(other))
        self.lock = QPushButton(self.tr("Lock"))
        self.lock.setObjectName("lock")
        self.lock.clicked.connect(self.lock_requested)
        self.sign_out = QPushButton(self.tr("Sign out"))
        self.sign_out.setObjectName("sign_out")
        self.sign_out.clicked.connect(self.sign_out_requested)

        self.station.setObjectName("station")
        self.station.setStyleSheet("font-weight: 600;")
        self.person.setStyleSheet("font-size: 15px;")
        self.sync.setWordWrap(True)
        self.sync.setMaximumWidth(380)
        self.sync.setStyleSheet("font-size: 15px;")
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.station)
        who.addWidget(self.person)
        who.addWidget(self.unlocked_note)

        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        row.addLayout(who)
        row.addStretch(1)
        row.addWidget(self.sync)
        row.addWidget(self.sync_now)
        row.addSpacing(16)
        row.addWidget(self.clock)
        row.addSpacing(12)
        for button in (self.language, self.lock, self.sign_out):
            row.addWidget(button)

        self.set_sync("off", self.tr("Working alone (no platform)"))
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        self.tick()

    def tick(self, now: datetime | None = None) -> None:
        local = (now or datetime.now(UTC)).astimezone(self._zone)
        self.clock.setText(local.strftime("%m-%d %H:%M:%S"))

    def set_person(self, name: str, staff_number: str, role: str) -> None:
        self.person.setText(f"{name} ({staff_number}) · {role_text(role)}")

    def set_unlocked_by(self, supervisor: str, holder: str) -> None:
        """Say who opened the lock and under whose name work goes on; "" clears."""
        if not supervisor:
            self.unlocked_note.hide()
            return
        self.unlocked_note.setText(
            self.tr("Unlocked by %1 · work continues as %2")
            .replace("%1", supervisor)
            .replace("%2", holder)
        )
        self.unlocked_note.show()

    def follow_sync(self, engine: Any) -> None:
        """Show the engine's status from now on; "sync now" asks it to run."""
        self.sync_now.show()
        self.sync_now_requested.connect(engine.sync_now)
        self._unsubscribe = engine.subscribe(self._on_sync_status)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _on_sync_status(self, status: Any) -> None:
        self.set_sync(*describe(status, self._zone))

    def set_sync(self, level: str, text: str) -> None:
        colour = SYNC_COLOURS.get(level, SYNC_COLOURS["off"])
        self.sync.setText(f'<span style="color:{colour}">●</span> {text}')
        self.sync.setProperty("level", level)
