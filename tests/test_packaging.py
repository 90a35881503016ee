"""What an installed Careloop (a wheel or a bundle) carries: no build needed.

Setuptools includes only packages it finds and the package data that
pyproject.toml names; the migrations and the compiled translations must be
among them, or an installed station cannot migrate its database or speak
Chinese.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def setuptools_config() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]


def shipped(path: Path) -> bool:
    """Would setuptools put this file into the wheel?"""
    config = setuptools_config()
    packages = set(find_packages(str(ROOT), **config["packages"]["find"]))
    package = ".".join(path.parent.relative_to(ROOT).parts)
    if package not in packages:
        return False
    if path.suffix == ".py":
        return True
    patterns = config["package-data"].get("*", []) + config["package-data"].get(
        package, []
    )
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)


def test_the_migrations_are_shipped() -> None:
    migrations = ROOT / "app" / "store" / "migrations"
    revisions = sorted((migrations / "versions").glob("0*.py"))

    assert revisions, "no migration revisions found"
    for path in [migrations / "env.py", migrations / "script.py.mako", *revisions]:
        assert shipped(path), f"{path.relative_to(ROOT)} would be left out"


def test_the_compiled_translations_are_shipped_and_found_there() -> None:
    from ui.shell import i18n

    compiled = sorted(i18n.PACKAGED.glob("*_zh_CN.qm"))

    assert compiled, "run `make translations` to compile the .qm files"
    assert i18n.TRANSLATIONS == i18n.PACKAGED  # loaded from inside the package
    for path in compiled:
        assert shipped(path), f"{path.relative_to(ROOT)} would be left out"


def test_qt_own_strings_are_chinese_too(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.shell import i18n

    i18n.install("zh_CN")
    try:
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    finally:
        i18n.install("en")

    assert cancel == "取消"
