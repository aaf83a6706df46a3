"""The window's own settings (QSettings): last database, language, layout, column widths.

Settings are passed in, so tests use a temporary file and never the clerk's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

__all__ = ["app_settings", "last_database", "remember_database", "language", "set_language"]


def app_settings(path: Path | None = None) -> QSettings:
    """The settings store: an INI file per user (``path`` for tests)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "GILedger", "giledger")


def last_database(settings: QSettings) -> Path | None:
    value = settings.value("database/last")
    return Path(str(value)) if value else None


def remember_database(settings: QSettings, path: Path) -> None:
    settings.setValue("database/last", str(Path(path).resolve()))
    settings.sync()


def language(settings: QSettings) -> str:
    """``zh`` (default) or ``en``."""
    value = str(settings.value("ui/language", "zh"))
    return value if value in ("zh", "en") else "zh"


def set_language(settings: QSettings, lang: str) -> None:
    settings.setValue("ui/language", lang)
