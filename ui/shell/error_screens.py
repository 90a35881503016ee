"""Screens for a station that cannot start: bad configuration, bad database.

They say what is wrong in plain words, show exactly where (file, line, key),
offer "copy details" for the IT engineer, and never show a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import (
    ConfigError,
    ConfigMissing,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
)


class _ProblemScreen(QWidget):
    def __init__(
        self, title: str, explanation: str, details: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        heading = QLabel(title)
        heading.setObjectName("Title")
        heading.setWordWrap(True)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("Subtitle")
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(180)
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.details.toPlainText())
        )
        self.buttons = QVBoxLayout()
        self.buttons.addWidget(copy, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(self.explanation)
        layout.addSpacing(12)
        layout.addWidget(self.details)
        layout.addLayout(self.buttons)
        layout.addStretch(1)


class ConfigErrorScreen(_ProblemScreen):
    def __init__(self, error: ConfigError, parent: QWidget | None = None) -> None:
        if isinstance(error, ConfigMissing):
            explanation = QCoreApplication.translate(
                "ProblemScreens",
                "No station configuration was found at %1. The installer writes it; IT can also pass --config PATH or set CARELOOP_CONFIG.",
            ).replace("%1", error.path)
        else:
            explanation = QCoreApplication.translate(
                "ProblemScreens", "Fix this in the file, then start Careloop again."
            )
        line = "" if error.line is None else str(error.line)
        details = "\n".join(
            [
                f"file: {error.path}",
                f"line: {line or '-'}",
                f"key: {error.key}",
                f"expected: {error.expected}",
            ]
        )
        super().__init__(
            QCoreApplication.translate(
                "ProblemScreens", "The station configuration needs attention"
            ),
            explanation,
            details,
            parent,
        )
        self.error = error


class StoreErrorScreen(_ProblemScreen):
    """A database the station cannot use; the file is never deleted.

    A damaged file, one that is not a database, or one from a newer Careloop
    can be moved aside (renamed and kept). A folder or disk that cannot be
    written (``StoreUnavailable``) is not the file's fault: moving it would
    not help, so the screen offers to try again once IT has fixed it.
    """

    move_aside_requested = Signal()
    retry_requested = Signal()

    def __init__(
        self, error: StoreError, path: str, parent: QWidget | None = None
    ) -> None:
        if isinstance(error, StoreUnavailable):
            self._build_unavailable(error, path, parent)
            return
        if isinstance(error, StoreTooNew):
            title = QCoreApplication.translate(
                "ProblemScreens", "This station's database is from a newer Careloop"
            )
            explanation = QCoreApplication.translate(
                "ProblemScreens",
                "Install the newer Careloop again, or move this file aside and start with an empty database. Records not yet sent stay in the moved file.",
            )
        else:
            title = QCoreApplication.translate(
                "ProblemScreens", "This station's database file cannot be read"
            )
            explanation = QCoreApplication.translate(
                "ProblemScreens",
                "The file is damaged or is not a Careloop database. Move it aside and start with an empty database; the file is kept for IT.",
            )
        super().__init__(title, explanation, f"{path}\n{error}", parent)
        self.move_button = QPushButton(self.tr("Move the file aside and start fresh"))
        self.move_button.setObjectName("move_aside")
        self.move_button.setProperty("class", "primary")
        self.move_button.clicked.connect(self.move_aside_requested)
        self.buttons.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignLeft)
        note = QLabel(
            self.tr(
                "Nothing is deleted: the file is renamed and kept beside the new one."
            )
        )
        note.setObjectName("Subtitle")
        self.buttons.addWidget(note)

    def _build_unavailable(
        self, error: StoreError, path: str, parent: QWidget | None
    ) -> None:
        super().__init__(
            QCoreApplication.translate(
                "ProblemScreens", "This station's database cannot be opened or written"
            ),
            QCoreApplication.translate(
                "ProblemScreens",
                "The disk may be full, or the data folder read-only or not allowed to Careloop. Please call IT; once it is fixed, try again. The file is kept as it is.",
            ),
            f"{path}\n{error}",
            parent,
        )
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setObjectName("retry")
        self.retry_button.setProperty("class", "primary")
        self.retry_button.clicked.connect(self.retry_requested)
        self.buttons.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
