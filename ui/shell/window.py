"""The main window: sign-in, the signed-in shell, the lock, problem screens.

It turns a person's clicks into calls on the station's services and shows
the results; every call that might wait (a PIN check, a commit) runs as a
coroutine through ``spawn`` so the GUI thread never blocks.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QWidget

from app.config import StationSettings
from app.errors import AuthError, ConfigError, StoreError
from ui.shell import i18n
from ui.shell.header import Header, role_text
from ui.shell.idle import IdleWatcher
from ui.shell.signin_screen import SignInScreen
from ui.shell.tasks import spawn

if TYPE_CHECKING:  # kept out of start-up: they pull in SQLAlchemy
    from app.identity.signin import Person
    from app.station import Station

    # Not needed for the first paint; imported when first shown.
    from ui.shell.error_screens import StoreErrorScreen
    from ui.shell.lock_screen import LockScreen
    from ui.shell.shell_screen import ShellScreen

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    first_painted = Signal()
    closing = Signal()
    signed_in = Signal(object)  # Person
    locked = Signal()
    unlocked = Signal()
    language_changed = Signal(str)
    station_ready = Signal()  # the store is open and sign-in works

    def __init__(
        self, settings: StationSettings, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = language
        self.station: Station | None = None
        self.shell: ShellScreen | None = None
        self.header: Header | None = None
        self._hidden_by_lock: list[QDialog] = []
        self._painted = False
        self._face: Any = None  # app.identity.station_face.FaceServices
        self._face_error: BaseException | None = None
        self.idle = IdleWatcher(settings.idle_lock_minutes * 60 * 1000, self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.setWindowTitle(self.tr("Careloop"))
        self.resize(1280, 800)
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self._build_entry_pages()
        self.signin.installEventFilter(self)  # to notice the first paint
        self.idle.watch(self)

    # ---- pages -----------------------------------------------------------
    def _build_entry_pages(self) -> None:
        self.signin = SignInScreen(self.settings.name, role_text(self.settings.role))
        self.signin.submitted.connect(self._sign_in)
        self.signin.badge_scanned.connect(self._sign_in_badge)
        self.signin.setEnabled(self.station is not None)
        self._lock_screen: LockScreen | None = None  # built when first needed
        self.pages.addWidget(self.signin)
        self.pages.setCurrentWidget(self.signin)
        if self._face is not None:
            self._install_face()
        elif self._face_error is not None:
            self._show_face_unavailable()

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock_screen is None:
            from ui.shell.lock_screen import LockScreen

            self._lock_screen = LockScreen()
            self._lock_screen.unlock_requested.connect(self._unlock)
            self.pages.addWidget(self._lock_screen)
        return self._lock_screen

    def face_unavailable(self, error: BaseException) -> None:
        """Face check-in could not start: say why on the sign-in screen."""
        self._face_error = error
        self._show_face_unavailable()

    def _show_face_unavailable(self) -> None:
        from app.identity.face import ModelError

        if isinstance(self._face_error, ModelError):
            text = self.tr(
                "Face check-in cannot start: a face model file is missing or has "
                "been changed.\nUse your staff number and PIN, or scan your badge."
                "\nIT: the file and its expected digest are under Devices."
            )
        else:
            text = self.tr(
                "Face check-in cannot start at this station right now.\nUse your "
                "staff number and PIN, or scan your badge."
            )
        self.signin.face_hint.setText(text)

    def enable_face(self, face: Any) -> None:
        """The station has a camera and face check-in is ready."""
        self._face = face
        self._install_face()

    def _install_face(self) -> None:
        from ui.identity.checkin_widget import CheckInWidget

        widget = CheckInWidget(self._face.open_camera, self._face.checkin)
        widget.recognised.connect(
            lambda staff_id: self.sign_in_verified(int(staff_id), "face")
        )
        widget.fallback_requested.connect(self.signin.staff_number.setFocus)
        self.signin.set_face_widget(widget)
        self.face_widget = widget
        if self.pages.currentWidget() is self.signin and self.station is not None:
            widget.start()

    def show_config_error(self, error: ConfigError) -> None:
        from ui.shell.error_screens import ConfigErrorScreen

        screen = ConfigErrorScreen(error)
        self.pages.addWidget(screen)
        self.pages.setCurrentWidget(screen)

    def show_store_error(
        self,
        error: StoreError,
        path: str,
        on_move_aside: object,
        on_retry: object = None,
    ) -> StoreErrorScreen:
        from ui.shell.error_screens import StoreErrorScreen

        screen = StoreErrorScreen(error, path)
        screen.move_aside_requested.connect(on_move_aside)
        if on_retry is not None:
            screen.retry_requested.connect(on_retry)
        self.pages.addWidget(screen)
        self.pages.setCurrentWidget(screen)
        return screen

    def attach_station(self, station: Station) -> None:
        """The store is open: sign-in can be used."""
        self.station = station
        self.signin.setEnabled(True)
        self.pages.setCurrentWidget(self.signin)
        self.signin.reset()
        self.station_ready.emit()

    # ---- sign in, lock, sign out ----------------------------------------
    def _sign_in(self, staff_number: str, pin: str) -> None:
        assert self.station is not None and self.station.signin is not None
        spawn(
            self.station.signin.sign_in(staff_number, pin),
            on_done=self._show_shell,
            on_error=self._sign_in_failed,
        )

    def _sign_in_badge(self, badge_id: str) -> None:
        assert self.station is not None and self.station.signin is not None
        spawn(
            self.station.signin.sign_in_badge(badge_id),
            on_done=self._show_shell,
            on_error=self._sign_in_failed,
        )

    def _sign_in_failed(self, error: BaseException) -> None:
        from ui.shell.errors import message_for

        if not isinstance(error, AuthError):
            log.error("sign-in failed: %s", type(error).__name__, exc_info=error)
        self.signin.show_error(message_for(error))

    def sign_in_verified(self, staff_id: int, method: str) -> None:
        """Face or badge identified a person: sign them in."""
        assert self.station is not None and self.station.signin is not None
        spawn(
            self.station.signin.sign_in_verified(staff_id, method),
            on_done=self._show_shell,
            on_error=self._sign_in_failed,  # e.g. the person left the directory
        )

    def _show_shell(self, person: Person) -> None:
        from ui.shell.screens import build_screens
        from ui.shell.shell_screen import ShellScreen

        assert self.station is not None
        header = Header(
            self.settings.name,
            self.settings.role,
            self.settings.timezone,
            self.language,
        )
        header.set_person(person.name, person.staff_number, person.role.value)
        header.lock_requested.connect(lambda: self.lock("on demand"))
        header.sign_out_requested.connect(self.sign_out)
        header.language_requested.connect(self.set_language)
        engine = self.station.services.get("sync")
        if engine is not None:
            header.follow_sync(engine)
        if self.shell is not None:
            self.pages.removeWidget(self.shell)
            self.shell.deleteLater()
        self.header = header
        self.shell = ShellScreen(header, build_screens(self.station, person))
        self.pages.addWidget(self.shell)
        self.pages.setCurrentWidget(self.shell)
        self.idle.start()
        self.signed_in.emit(person)

    def lock(self, reason: str) -> None:
        if self.station is None or self.station.signin is None:
            return
        person = self.station.signin.person
        if person is None:
            return
        self.idle.stop()
        self._hide_dialogs()
        self.lock_screen.show_for(person.staff_number, person.name)
        self.pages.setCurrentWidget(self.lock_screen)
        spawn(self.station.signin.lock(reason), on_done=lambda _: self.locked.emit())

    def _hide_dialogs(self) -> None:
        """Nothing stays above the lock: open dialogs wait, hidden, for the unlock."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.hide()
                self._hidden_by_lock.append(dialog)

    def _show_hidden_dialogs(self) -> None:
        from shiboken6 import isValid

        for dialog in self._hidden_by_lock:
            if isValid(dialog):  # a dialog of a page closed meanwhile is gone
                dialog.show()
        self._hidden_by_lock.clear()

    def _unlock(self, staff_number: str, pin: str) -> None:
        assert self.station is not None and self.station.signin is not None
        spawn(
            self.station.signin.unlock(staff_number, pin),
            on_done=self._unlocked,
            on_error=self._unlock_failed,
        )

    def _unlock_failed(self, error: BaseException) -> None:
        from ui.shell.errors import message_for

        self.lock_screen.show_error(message_for(error))

    def _unlocked(self, holder: Person) -> None:
        if self.shell is not None:
            self.pages.setCurrentWidget(self.shell)
        if self.header is not None and self.station is not None:
            supervisor = (
                self.station.signin.unlocked_by if self.station.signin else None
            )
            self.header.set_unlocked_by(
                f"{supervisor.name} ({supervisor.staff_number})" if supervisor else "",
                f"{holder.name} ({holder.staff_number})",
            )
        self._show_hidden_dialogs()
        self.idle.start()
        self.unlocked.emit()

    def sign_out(self) -> None:
        assert self.station is not None and self.station.signin is not None
        self.idle.stop()
        spawn(self.station.signin.sign_out())
        if self.shell is not None:
            self.pages.removeWidget(self.shell)
            self.shell.deleteLater()
            self.shell = None
            self.header = None
        self.signin.reset()
        self.pages.setCurrentWidget(self.signin)
        if self._face is not None:
            self.face_widget.start()

    # ---- language --------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch language now: translators swapped, screens rebuilt."""
        i18n.install(language)
        self.language = language
        self.setWindowTitle(self.tr("Careloop"))
        person = (
            self.station.signin.person if self.station and self.station.signin else None
        )
        was_locked = bool(
            self.station and self.station.signin and self.station.signin.locked
        )
        for page in (self.signin, self._lock_screen):
            if page is None:
                continue
            self.pages.removeWidget(page)
            page.deleteLater()
        self._build_entry_pages()
        if person is not None:
            self._show_shell(person)
            if was_locked:
                self.lock_screen.show_for(person.staff_number, person.name)
                self.pages.setCurrentWidget(self.lock_screen)
        self.language_changed.emit(language)

    # ---- window events ---------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            self.first_painted.emit()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        self.closing.emit()
        super().closeEvent(event)
