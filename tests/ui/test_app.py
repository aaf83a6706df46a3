"""The giledger entry point: command line without Qt, window with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from db.connection import open_database
from desktop.ledger import Ledger, init_office
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


def test_main_window_shows_office_and_counts(qtbot, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    db = open_database(tmp_path / "w.db")
    init_office(db, "130125", clerk="李四")
    ledger = Ledger(db)
    ledger.add("resource", {"name": "行唐大枣", "attribute": "grown", "category": "primary_agri",
                            "tier": "protect", "survey_date": "2024-05-01"})
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    window.show()
    assert "行唐县" in window.windowTitle()
    assert window.count_labels["resource"].text() == "1"
    assert window.count_labels["mark-user"].text() == "0"
    shot = tmp_path / "main_window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 1000
    ledger.close()


def test_window_refuses_a_missing_database_with_exit_4(qtbot, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    assert main(["--db", str(tmp_path / "missing.db")]) == 4
    assert shown and "missing.db" in shown[0]
    assert not (tmp_path / "missing.db").exists()
