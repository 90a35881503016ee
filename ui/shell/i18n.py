"""Loading translations: every ``*_<lang>.qm`` in the ui.translations package.

Strings are written in English in the code and translated through Qt; the
product speaks Simplified Chinese first, so ``zh_CN`` is the default. Each
feature keeps its own ``<feature>_<lang>.ts`` so features can be translated
side by side; all of them are installed together.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
# Built by `make translations` into the ui.translations package, so an
# installed Careloop carries them; a source tree built before that kept them
# beside the .ts sources.
PACKAGED = Path(__file__).resolve().parents[1] / "translations"
SOURCE_TREE = Path(__file__).resolve().parents[2] / "resources" / "translations"
TRANSLATIONS = PACKAGED if any(PACKAGED.glob("*.qm")) else SOURCE_TREE

_installed: list[QTranslator] = []


def install(language: str, folder: Path = TRANSLATIONS) -> int:
    """Replace the installed translators with ``language``'s; returns how many."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist before translations"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    for qm in sorted(folder.glob(f"*_{language}.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", qm.name)
    if language != "en" and not _installed:
        log.warning(
            "no %s translations found in %s (run make translations)", language, folder
        )
    ours = len(_installed)
    _install_qt_own(app, language)
    return ours


def _install_qt_own(app: QCoreApplication, language: str) -> None:
    """Qt's own strings (standard buttons, the text field's menu) in ``language``."""
    from PySide6.QtCore import QLibraryInfo

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _installed.append(translator)
