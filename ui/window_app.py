"""Starting the desktop window: QApplication, fonts, language, which database, one window per file."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from db.connection import DatabaseUnusable, default_database_path
from desktop import __version__
from desktop.ledger import Ledger, NotInitialised
from desktop.messages import Text, pick
from desktop.search_build import BackgroundBuild
from ui import i18n
from ui.fonts import CJK_FAMILIES, pick_cjk_font, ui_font
from ui.main_window import MainWindow
from ui.settings import app_settings, language, last_database, remember_database
from ui.setup_dialog import SetupDialog
from ui.single_instance import SingleInstance, bring_to_front

__all__ = ["run_window", "build_window", "pick_cjk_font", "CJK_FAMILIES"]

log = logging.getLogger(__name__)

def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="giledger", add_help=False)
    p.add_argument("--db", type=Path)
    p.add_argument("--clerk")
    args, _unknown = p.parse_known_args(list(argv))  # Qt's own options pass through
    return args


def setup_app(argv: Sequence[str]) -> QApplication:
    """The QApplication with its names and the window font (:func:`ui.fonts.ui_font`)."""
    # The instance is a QApplication (Qt types it QCoreApplication).
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0], *argv]))
    app.setApplicationName("GI Ledger")
    # No applicationDisplayName: Qt appends it to every window title that does not end with it
    # ("地标台账 — 行唐县（130125） — 地标台账"); our titles carry the product's name themselves.
    app.setOrganizationName("GILedger")
    app.setApplicationVersion(__version__)
    app.setFont(ui_font(max(app.font().pointSize(), 10)))  # families in order: no blank glyphs
    return app


def _choose_database(explicit: Path | None, settings: QSettings) -> Path | None:
    """``--db`` if given; else ``GILEDGER_DB``; else the last database opened; else the
    default file if it exists; else the first-run setup dialog (None if cancelled)."""
    if explicit is not None:
        return explicit
    if os.environ.get("GILEDGER_DB"):
        return default_database_path()
    last = last_database(settings)
    if last is not None and last.exists():
        return last
    default = default_database_path()
    if default.exists():
        return default
    dialog = SetupDialog(default)
    return dialog.chosen_path if dialog.exec() else None


def build_window(path: Path | str, *, settings_path: Path | str | None = None,
                 clerk: str | None = None) -> MainWindow:
    """Open the ledger at ``path`` and build its main window (no dialogs; for tests, benches)."""
    settings = app_settings(Path(settings_path) if settings_path else None)
    ledger = Ledger.open(path, clerk=clerk, create=False)
    return MainWindow(ledger, settings=settings, lang=language(settings))


def run_window(argv: Sequence[str]) -> int:
    """Open the main window on the database from ``--db``, ``GILEDGER_DB``, the last one
    used, or one made by the first-run setup dialog."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parse(argv)
    app = setup_app(argv)
    settings = app_settings()
    lang = language(settings)
    i18n.install(lang)
    path = _choose_database(args.db, settings)
    if path is None:
        return 0
    instance = SingleInstance(app)
    if not instance.acquire(path):  # another window has this database: bring it forward
        if not instance.request_activation():
            QMessageBox.information(None, "地标台账", Text(
                f"地标台账已在运行，正在使用此数据库：\n{path}",
                f"GI Ledger is already running for this database:\n{path}").in_language(lang))
        return 0
    try:
        ledger = Ledger.open(path, clerk=args.clerk, create=False)
    except (DatabaseUnusable, NotInitialised) as e:
        instance.release()
        QMessageBox.critical(None, "地标台账", pick(e, lang) + Text(
            "\n\n可先运行：\ngiledger --db 文件 init --office 单位代码",
            "\n\nRun first:\ngiledger --db FILE init --office CODE").in_language(lang))
        return 4
    remember_database(settings, path)
    window = MainWindow(ledger, settings=settings, lang=lang)
    instance.activation_requested.connect(lambda: bring_to_front(window))
    window.show()
    # The full integrity check and the daily backup after it: in the background, when due.
    window.start_background_check()
    index_build = BackgroundBuild(path).start()  # the search index, when many rows wait
    code = app.exec()
    window.stop_background_check()
    index_build.stop()
    ledger.close()
    instance.release()
    return int(code)
