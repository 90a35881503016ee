"""What a person reads when something goes wrong, and the last-resort hooks.

Exception types, never message text, choose the plain-language message. The
technical details stay one "copy details" click away for the IT engineer.
``install_hooks`` makes sure no exception in the GUI thread, another thread
or an asyncio task is lost: each is logged and shown.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import errors

log = logging.getLogger(__name__)


# Most specific first; the first isinstance match wins.
def message_for(error: BaseException) -> str:
    table: list[tuple[type[BaseException], Callable[[], str]]] = [
        (
            errors.LockedOut,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "Too many wrong attempts. Try again in a few minutes or ask the charge nurse.",
            ),
        ),
        (
            errors.UnknownBadge,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "This badge is not recognised. Sign in with your staff number and PIN, or ask an administrator.",
            ),
        ),
        (
            errors.StaffNotActive,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "You are no longer an active member of the staff directory, so "
                "you cannot sign in here. Please ask an administrator.",
            ),
        ),
        (
            errors.WrongCredentials,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "Staff number or PIN is not right. Please try again."
            ),
        ),
        (
            errors.NoRole,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "Your account has no role at this station yet, so you cannot sign in. Please ask an administrator to give you one.",
            ),
        ),
        (
            errors.NotAllowed,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "You do not have the right to do this."
            ),
        ),
        (
            errors.ConfigError,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "The station configuration has a mistake. Please call IT.",
            ),
        ),
        (
            errors.StoreNotSqlite,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "The local database file is damaged or is not a database.",
            ),
        ),
        (
            errors.StoreCorrupt,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "The local database file is damaged."
            ),
        ),
        (
            errors.StoreUnavailable,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "The local database cannot be written: the disk may be full or the folder read-only. Please call IT.",
            ),
        ),
        (
            errors.StoreTooNew,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "The local database was written by a newer Careloop."
            ),
        ),
        (
            errors.StoreError,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "The local database cannot be used."
            ),
        ),
        (
            errors.ValidationError,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "A value is not allowed here."
            ),
        ),
        (
            errors.TokenRefused,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "The platform refused the station's token. Please call IT.",
            ),
        ),
        (
            errors.PlatformUnreachable,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "The platform cannot be reached. Work goes on; records wait and are sent later.",
            ),
        ),
        (
            errors.Conflict,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "Someone else changed this record. Please look at the difference.",
            ),
        ),
        (
            errors.PlatformRejected,
            lambda: QCoreApplication.translate(
                "ErrorMessages", "The platform refused a record."
            ),
        ),
        (
            errors.SyncError,
            lambda: QCoreApplication.translate(
                "ErrorMessages",
                "Talking to the platform failed. Records wait and are sent later.",
            ),
        ),
    ]
    for kind, text in table:
        if isinstance(error, kind):
            return text()
    return QCoreApplication.translate(
        "ErrorMessages",
        "Something went wrong. Nothing you entered was lost. Please tell IT and copy the details.",
    )


def details_of(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


class ErrorDialog(QDialog):
    """A plain message, a "copy details" button, and the details folded away."""

    def __init__(
        self, message: str, details: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Careloop"))
        self.setMinimumWidth(520)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 18px;")
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(self.copy_details)
        show = QPushButton(self.tr("Show details"))
        show.clicked.connect(
            lambda: self.details.setVisible(not self.details.isVisible())
        )
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (show, copy):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class _Reporter(QObject):
    """Carries errors from any thread to the GUI thread."""

    report = Signal(str, str)


_reporter: _Reporter | None = None
_dialog_factory: Callable[[str, str], None] | None = None


def show_error(error: BaseException) -> None:
    """Log ``error`` and show it to the person, from any thread."""
    log.error("unhandled error: %s", type(error).__name__, exc_info=error)
    if _reporter is not None:
        _reporter.report.emit(message_for(error), details_of(error))


def install_hooks(parent: QWidget | None = None) -> None:
    """sys.excepthook and threading.excepthook: log and tell the person."""
    global _reporter
    _reporter = _Reporter()

    def open_dialog(message: str, details: str) -> None:
        dialog = ErrorDialog(message, details, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    _reporter.report.connect(open_dialog, Qt.ConnectionType.QueuedConnection)

    def excepthook(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        show_error(error.with_traceback(tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            show_error(args.exc_value)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
