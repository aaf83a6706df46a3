"""The window title names the product once, as the window system shows it.

Qt appends ``QGuiApplication.applicationDisplayName`` to every window title that does not
already end with it (``QPlatformWindow::formatWindowTitle``, used on Windows and X11), so a
title that starts with the product's name and a display name set to it showed
"地标台账 — 行唐县（130125） — 地标台账". The start-up runs in a fresh process here: a display
name, once set, stays set for the whole test session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from db.connection import open_database
from desktop.demo import generate_demo

ROOT = Path(__file__).resolve().parents[2]

_START = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
import ui.window_app as window_app
from ui.settings import app_settings, set_language

db, ini = Path(sys.argv[1]), Path(sys.argv[2])
settings = app_settings(ini)
window_app.app_settings = lambda path=None: settings
shown = []
window_app.MainWindow.show = lambda self: shown.append(self)
QApplication.exec = lambda self: 0


def on_screen(title):
    # Qt's rule (QPlatformWindow::formatWindowTitle): append the display name, if one is set,
    # unless the title already ends with it. An unset display name follows applicationName.
    app = QApplication.instance()
    name = app.applicationName()
    app.setApplicationName("probe-name")
    display = app.applicationDisplayName()
    app.setApplicationName(name)
    if display != "probe-name" and not title.endswith(display):
        title = title + " \u2014 " + display
    return title


out = {}
for lang in ("zh", "en"):
    set_language(settings, lang)
    assert window_app.run_window(["--db", str(db)]) == 0
    window = shown.pop()
    out[lang] = {"title": window.windowTitle(), "shown": on_screen(window.windowTitle())}
    window.close()
print(json.dumps(out, ensure_ascii=False))
"""


def test_the_product_name_appears_once_in_the_window_title(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.db")
    generate_demo(db, size="small", seed=7, clerk="测试员")
    db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path), "TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", _START, str(tmp_path / "demo.db"),
                          str(tmp_path / "settings.ini")], cwd=tmp_path, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    titles = json.loads(run.stdout.strip().splitlines()[-1])
    zh, en = titles["zh"]["shown"], titles["en"]["shown"]
    assert zh == "地标台账 — 行唐县（130125）", zh
    assert en == "GI Ledger — 行唐县 (130125)", en
    for shown in (zh, en):
        assert shown.count("地标台账") + shown.count("GI Ledger") == 1, shown
