"""Starting the desktop window: QApplication, fonts, the database chosen by ``--db``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from db.connection import DatabaseUnusable, default_database_path
from desktop import __version__
from desktop.ledger import Ledger, NotInitialised
from ui.main_window import MainWindow

__all__ = ["run_window", "pick_cjk_font"]

log = logging.getLogger(__name__)

# Preferred UI fonts with Chinese glyphs, Windows first, then domestic Linux desktops.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "SimHei", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing CN",
                "Droid Sans Fallback")


def pick_cjk_font() -> str | None:
    """The first installed font family that has Chinese glyphs, or None."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for family in sorted(installed):
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
            return family
    return None


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="giledger", add_help=False)
    p.add_argument("--db", type=Path)
    p.add_argument("--clerk")
    args, _unknown = p.parse_known_args(list(argv))  # Qt's own options pass through
    return args


def run_window(argv: Sequence[str]) -> int:
    """Open the main window on the database from ``--db``, ``GILEDGER_DB`` or the default place."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parse(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("GI Ledger")
    app.setApplicationDisplayName("地标台账")
    app.setOrganizationName("GILedger")
    app.setApplicationVersion(__version__)
    family = pick_cjk_font()
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    path = args.db or default_database_path()
    try:
        ledger = Ledger.open(path, clerk=args.clerk, create=False)
    except (DatabaseUnusable, NotInitialised) as e:
        QMessageBox.critical(None, "地标台账", f"{e}\n\n可先运行 / run first:\n"
                             "giledger --db 文件 init --office 单位代码")
        return 4
    try:
        ledger.daily_backup()
    except OSError as e:  # a full disk must not stop the clerk from working; say so in the log
        log.warning("daily backup failed: %s", e)
    window = MainWindow(ledger)
    window.show()
    code = app.exec()
    ledger.close()
    return int(code)
