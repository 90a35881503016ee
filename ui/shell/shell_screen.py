"""The signed-in workspace: the header, a navigation column, the screens.

Which screens appear depends on the person's role and the station's role;
the screens themselves come from the feature packages and are built with
their services passed in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.shell.header import Header

Screen = tuple[str, str, QWidget]  # key, title, widget


class ShellScreen(QWidget):
    def __init__(
        self, header: Header, screens: list[Screen], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.header = header
        self.pages = QStackedWidget()
        self.nav_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)

        nav = QVBoxLayout()
        nav.setContentsMargins(8, 16, 8, 16)
        for key, title, widget in screens:
            button = QPushButton(title)
            button.setObjectName(f"nav_{key}")
            button.setCheckable(True)
            button.setProperty("class", "nav")
            button.setMinimumWidth(260)
            group.addButton(button)
            index = self.pages.addWidget(widget)
            button.clicked.connect(
                lambda _=False, i=index: self.pages.setCurrentIndex(i)
            )
            nav.addWidget(button)
            self.nav_buttons[key] = button
        nav.addStretch(1)
        if screens:
            self.nav_buttons[screens[0][0]].setChecked(True)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        nav_box = QWidget()
        nav_box.setLayout(nav)
        nav_box.setObjectName("Nav")
        nav_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        body.addWidget(nav_box)
        body.addWidget(self.pages, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)

    def show_screen(self, key: str) -> None:
        button = self.nav_buttons[key]
        button.click()
