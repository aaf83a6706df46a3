"""One window per database: the lock beside the file, the local server, the window start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from ui import single_instance
from ui.single_instance import (
    SingleInstance,
    bring_to_front,
    lock_file_path,
    server_name,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    p = tmp_path / "县局 台账.db"  # Chinese and a space, as on a clerk's PC
    p.write_bytes(b"")
    return p


@pytest.fixture
def guards(qtbot):
    """Make SingleInstance objects that are released after the test."""
    made: list[SingleInstance] = []

    def make() -> SingleInstance:
        guard = SingleInstance()
        made.append(guard)
        return guard

    yield make
    for guard in made:
        guard.release()


def test_first_start_takes_the_database(guards, db_file: Path) -> None:
    first = guards()
    assert first.acquire(db_file)
    assert first.is_held and first.is_listening
    assert lock_file_path(db_file).is_file()
    assert lock_file_path(db_file).name == "县局 台账.db.lock"


def test_second_start_is_refused_and_brings_the_first_forward(qtbot, guards, db_file: Path) -> None:
    first = guards()
    assert first.acquire(db_file)
    second = guards()
    assert not second.acquire(db_file)
    assert second.holder is not None and second.holder[0] > 0
    assert not second.held_elsewhere()
    # The second start in its own process, as in real life: it blocks waiting for the
    # answer, which the first gives from its event loop (here, qtbot's).
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "second = SingleInstance()\n"
        "print('acquired', second.acquire(sys.argv[1]), flush=True)\n"
        "print('answered', second.request_activation(timeout_ms=10000), flush=True)\n"
    )
    with qtbot.waitSignal(first.activation_requested, timeout=20000):
        child = subprocess.Popen([sys.executable, "-c", code, str(db_file)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=20000)
        out = child.stdout.read() if child.stdout else ""
    finally:
        child.kill()
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == 0
    assert "acquired False" in out and "answered True" in out


def test_a_request_is_heard_even_without_waiting_for_the_answer(qtbot, guards, db_file: Path) -> None:
    first, second = guards(), guards()
    assert first.acquire(db_file)
    assert not second.acquire(db_file)
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        # Same thread: the first cannot answer while this blocks, so no acknowledgement.
        assert second.request_activation(timeout_ms=100) is False


def test_another_database_is_independent(guards, db_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    first, second = guards(), guards()
    assert first.acquire(db_file)
    assert second.acquire(other)
    assert server_name(db_file) != server_name(other)


def test_every_spelling_of_a_path_is_the_same_database(guards, db_file: Path, monkeypatch) -> None:
    monkeypatch.chdir(db_file.parent)
    roundabout = db_file.parent / "sub" / ".." / db_file.name
    assert server_name(db_file.name) == server_name(db_file) == server_name(roundabout)
    first, second = guards(), guards()
    assert first.acquire(db_file)
    assert not second.acquire(Path(db_file.name))


def test_release_frees_the_database(guards, db_file: Path) -> None:
    first, second = guards(), guards()
    assert first.acquire(db_file)
    first.release()
    first.release()  # twice is harmless
    assert not lock_file_path(db_file).exists()
    assert not first.is_held and not first.is_listening
    assert second.acquire(db_file)
    assert second.is_listening


def test_a_lock_left_by_a_killed_program_is_taken_over(qtbot, guards, db_file: Path) -> None:
    code = (
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "guard = SingleInstance()\n"
        "assert guard.acquire(sys.argv[1])\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(db_file)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        second = guards()
        assert not second.acquire(db_file)  # alive: refused
        assert second.holder is not None and second.holder[0] == child.pid
        assert second.request_activation(timeout_ms=300) is False  # it has no event loop
    finally:
        child.kill()  # no clean-up in the child: the lock file (and the socket) stay behind
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()
    assert lock_file_path(db_file).exists()
    first = guards()
    assert first.acquire(db_file)
    assert first.is_held and first.is_listening
    third = guards()  # and the next start reaches the new first, not the dead one
    assert not third.acquire(db_file)
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        third.request_activation(timeout_ms=100)


def test_a_place_where_no_lock_can_be_made_does_not_stop_the_start(guards, tmp_path: Path) -> None:
    guard = guards()
    assert guard.acquire(tmp_path / "no such folder" / "x.db")  # the open will report it
    assert not guard.is_held and not guard.is_listening


def test_bring_to_front_restores_a_minimised_window(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible()
    assert not window.windowState() & Qt.WindowState.WindowMinimized


# ---- the window start (ui.window_app.run_window) -------------------------------------


@pytest.fixture
def county_db(tmp_path: Path) -> Path:
    from db.connection import open_database
    from desktop.ledger import init_office

    path = tmp_path / "county.db"
    db = open_database(path)
    init_office(db, "130125", clerk="测试员")
    db.close()
    return path


def test_window_start_on_a_held_database_exits_quietly_when_the_first_answers(
        guards, county_db: Path, monkeypatch) -> None:
    from ui.app import main

    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(SingleInstance, "request_activation", lambda self, **kw: True)
    first = guards()
    assert first.acquire(county_db)
    assert main(["--db", str(county_db)]) == 0
    assert shown == []
    assert first.is_held  # the second start did not disturb the first


def test_window_start_on_a_held_database_says_so_when_the_first_does_not_answer(
        guards, county_db: Path, monkeypatch) -> None:
    from ui.app import main

    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(single_instance, "ANSWER_TIMEOUT_MS", 100)
    first = guards()
    assert first.acquire(county_db)
    assert main(["--db", str(county_db)]) == 0
    assert len(shown) == 1
    assert ("已在运行" in shown[0]) != ("already running" in shown[0])  # the window's language only
    assert str(county_db) in shown[0]


def test_a_refused_window_start_leaves_no_lock(qtbot, tmp_path: Path, monkeypatch) -> None:
    from ui.app import main

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda *a: None)
    missing = tmp_path / "missing.db"
    assert main(["--db", str(missing)]) == 4
    assert not lock_file_path(missing).exists()
    again = SingleInstance()
    try:
        assert again.acquire(missing)
    finally:
        again.release()
