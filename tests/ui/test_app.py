"""The giledger entry point: command line without Qt, window with it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ui.app import main, wants_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("argv", "cli"), [
    ([], False),
    (["--db", "x.db"], False),
    (["-platform", "offscreen"], False),
    (["list", "resource"], True),
    (["--db", "x.db", "init", "--office", "130125"], True),
    (["--help"], True),
    (["lst"], True),  # a mistyped command goes to the command line, which explains
])
def test_wants_cli(argv: list[str], cli: bool) -> None:
    assert wants_cli(argv) is cli


def test_subcommand_never_loads_qt(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    code = (
        "import sys\n"
        "from ui.app import main\n"
        f"rc = main(['--db', {str(db)!r}, 'init', '--office', '130125'])\n"
        f"rc2 = main(['--db', {str(db)!r}, 'list', 'resource', '--json'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('QT', loaded)\n"
        "sys.exit(rc or rc2)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert "QT []" in out.stdout


def test_python_m_desktop_runs_the_command_line(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "desktop", "fields", "mark-user", "--json"],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert '"uscc"' in out.stdout and "统一社会信用代码" in out.stdout


def test_first_run_without_a_database_shows_the_setup_dialog(qtbot, tmp_path: Path,
                                                             monkeypatch) -> None:
    """No --db, no last database, no default file: the setup dialog makes one, then the window
    opens on it and later runs open it directly."""
    import ui.window_app as window_app
    from ui.settings import app_settings, last_database

    settings = app_settings(tmp_path / "settings.ini")
    monkeypatch.setattr(window_app, "app_settings", lambda path=None: settings)
    monkeypatch.setattr(window_app, "default_database_path", lambda: tmp_path / "first.db")
    monkeypatch.delenv("GILEDGER_DB", raising=False)
    made: list[Path] = []

    def fake_exec(dialog) -> int:
        dialog.search.setText("130125")
        dialog.results.setCurrentRow(0)
        dialog.clerk.setText("王五")
        assert dialog.create()
        made.append(dialog.chosen_path)
        return 1

    monkeypatch.setattr(window_app.SetupDialog, "exec", fake_exec)
    shown: list[object] = []
    monkeypatch.setattr(window_app.MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(window_app.QApplication, "exec", lambda self: 0)
    assert window_app.run_window([]) == 0
    assert made == [tmp_path / "first.db"]
    assert shown and shown[0].ledger.office.code == "130125"
    assert last_database(settings) == (tmp_path / "first.db").resolve()


def test_window_refuses_a_missing_database_with_exit_4(qtbot, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    assert main(["--db", str(tmp_path / "missing.db")]) == 4
    assert shown and "missing.db" in shown[0]
    assert not (tmp_path / "missing.db").exists()


def test_the_window_start_removes_what_a_killed_export_left(tmp_path: Path, monkeypatch) -> None:
    """The window's start cleans the program's temporary folder as the command line's does
    (tests/desktop/test_packets_tempfiles.py kills real exports)."""
    from desktop.paths import TEMP_DIR_VARIABLE
    from ui import window_app

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    stale = tmp_path / "private" / f"{int(gone.stdout)}-0123abcd"
    (stale / "export-x").mkdir(parents=True)
    (stale / "export-x" / "tmp1").write_text("<row/>")
    monkeypatch.setenv(TEMP_DIR_VARIABLE, str(tmp_path / "private"))
    started: list[list[str]] = []
    monkeypatch.setattr(window_app, "run_window", lambda args: started.append(args) or 0)
    assert main(["--db", str(tmp_path / "c.db")]) == 0
    assert started == [["--db", str(tmp_path / "c.db")]]
    (own,) = (tmp_path / "private").iterdir()  # the stale folder went; this process's came
    assert own.name.startswith(f"{os.getpid()}-")
    assert Path(tempfile.gettempdir()) == own  # every library's temporary files go there
