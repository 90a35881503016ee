"""The look of the shell: large type and large targets for the ward.

Targets are at least 64 px high; text is at least 16 px. Colours keep strong
contrast for screens wiped with alcohol under ward lights.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
)

STYLE = """
QWidget { font-size: 16px; color: #1d2430; }
QMainWindow, #Page { background: #f3f5f8; }
QLineEdit { min-height: 56px; font-size: 22px; padding: 0 12px;
            border: 2px solid #9aa6b8; border-radius: 8px; background: white; }
QLineEdit:focus { border-color: #1f6feb; }
QPushButton { min-height: 64px; min-width: 64px; font-size: 20px; padding: 0 18px;
              border-radius: 10px; border: 1px solid #9aa6b8; background: #ffffff; }
QPushButton:pressed { background: #dfe6f0; }
QPushButton[class="primary"] { background: #1f6feb; color: white; border: none; font-weight: 600; }
QPushButton[class="keypad"] { font-size: 26px; }
QPushButton[class="nav"] { text-align: left; padding-left: 16px; font-size: 18px; border: none; background: transparent; }
QPushButton[class="nav"]:checked { background: #dbe7fb; color: #0b3d91; font-weight: 600; }
#Header { background: #0b3d91; }
#Nav { background: #e8edf4; }
#Header QLabel { color: white; font-size: 18px; }
#Header QPushButton { min-height: 48px; background: #2353a6; color: white; border: none; font-size: 17px; }
#Title { font-size: 30px; font-weight: 600; }
#Subtitle { font-size: 18px; color: #4b5668; }
#Error { color: #b3261e; font-size: 18px; font-weight: 600; }
#Card { background: white; border: 1px solid #d5dbe5; border-radius: 12px; }
"""


def apply(app: QApplication) -> None:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            app.setFont(QFont(family, 12))
            break
    app.setStyleSheet(STYLE)
