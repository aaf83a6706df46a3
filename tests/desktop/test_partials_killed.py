"""Every partial file the program writes (``X.<pid>.part``) goes at the next start when the process
that wrote it was killed: the database backups (written by ``db/``, which cannot import
``desktop``) and the printed forms, not only the packets.

The kills are real: a subprocess stops in the middle of the copy or the print and gets SIGKILL;
the next start is the command line started again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from db import backup, partials
from desktop.cli import EXIT_OK, main
from desktop.paths import TEMP_DIR_VARIABLE

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL semantics of POSIX")

# Starts as the window does (tempfiles.at_start), then makes a backup or prints, and stops for
# good (for the kill) once the partial file holds something.
WORKER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop import tempfiles
    from desktop.ledger import Ledger

    db, what, out, marker = sys.argv[1:5]
    tempfiles.at_start()

    def stop():
        Path(marker).write_text("stopped")
        time.sleep(600)

    if what == "report":  # an import refused, its error workbook half zipped
        import zipfile
        from desktop.cli import main

        real, written = zipfile.ZipFile.writestr, []

        def writestr(self, *args, **kwargs):
            real(self, *args, **kwargs)
            written.append(args)
            if len(written) == 3:
                self.fp.flush()
                stop()

        zipfile.ZipFile.writestr = writestr
        code = main(["--db", db, "import-packet", str(Path(db).with_name("edited.xlsx")), "--report", out])
        raise SystemExit(f"the import ended ({code}) before its error workbook was half written")
    with Ledger.open(Path(db), create=False) as ledger:
        if what == "backup":
            from db import backup
            backup.PAGES_PER_STEP = 1
            backup.make_backup(ledger.db, Path(db), reason="manual", stop=lambda: stop() or False)
        else:
            from desktop.forms import PrintRequest, render, sheet
            sheet.BATCH_FORMS = 2

            def progress(done, total):
                if done >= 5:
                    stop()

            render(ledger, PrintRequest("survey-blank", copies=9), Path(out), progress=progress)
""")


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A demo county database and the program's private temporary folder in ``tmp_path``."""
    private, out = tmp_path / "private", tmp_path / "out"
    private.mkdir()
    out.mkdir()
    monkeypatch.setenv(TEMP_DIR_VARIABLE, str(private))
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    db = tmp_path / "county.db"
    assert main(["--db", str(db), "demo", "--size", "small"]) == EXIT_OK
    (tmp_path / "worker.py").write_text(WORKER, encoding="utf-8")
    return {"private": private, "out": out, "db": db, "script": tmp_path / "worker.py"}


def killed_midway(place: dict[str, Path], what: str, out: Path | None = None, db: Path | None = None) -> int:
    """Run the worker until it stops in the middle of ``what``, kill it (-9); returns its id."""
    marker = place["out"].parent / f"{what}.stopped"
    proc = subprocess.Popen([sys.executable, str(place["script"]), str(db or place["db"]), what,
                             str(out or place["out"] / "forms.pdf"), str(marker)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the worker ended ({proc.returncode}): {proc.stderr.read().decode()}")
        assert time.monotonic() < deadline, "the worker never reached its stop"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)  # reaped: its id is free
    assert proc.returncode == -signal.SIGKILL
    for stream in (proc.stdout, proc.stderr):
        assert stream is not None
        stream.close()
    return proc.pid


def next_start(place: dict[str, Path]) -> None:
    """The command line started again: a command that neither backs up nor prints."""
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(place["db"]), "packets"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_killed_backup_leaves_nothing_after_the_next_start(place: dict[str, Path]) -> None:
    pid = killed_midway(place, "backup")
    folder = backup.backup_dir(place["db"])
    left = files_under(folder)
    assert [p.name for p in left if p.name.endswith(f".manual.db.{pid}.part")], left
    assert all(f".{pid}.part" in p.name for p in left), left  # the copy and SQLite's journal of it
    assert backup.list_backups(place["db"]) == []  # never taken for a backup
    next_start(place)
    assert files_under(folder) == []
    assert [p for p in files_under(place["private"]) if not p.parent.name.startswith(f"{os.getpid()}-")] == []


def test_a_killed_print_leaves_nothing_after_the_next_start(place: dict[str, Path]) -> None:
    pid = killed_midway(place, "print")
    (partial,) = place["out"].iterdir()
    assert partial.name == f"forms.pdf.{pid}.part" and partial.stat().st_size > 0
    next_start(place)
    assert list(place["out"].iterdir()) == []


def test_a_killed_error_workbook_leaves_nothing_after_the_next_start(place: dict[str, Path]) -> None:
    import openpyxl

    packet = place["out"].parent / "edited.xlsx"
    assert main(["--db", str(place["db"]), "export-packet", "-o", str(packet)]) == EXIT_OK
    wb = openpyxl.load_workbook(packet)
    wb["普查资源"]["C2"] = "改过的名称"  # edited after export: refused, with an error workbook
    wb.save(packet)
    city = place["db"].with_name("city.db")
    assert main(["--db", str(city), "init", "--office", "130100", "--training"]) == EXIT_OK
    report = place["out"] / "report.xlsx"
    pid = killed_midway(place, "report", report, city)
    (partial,) = place["out"].iterdir()
    assert partial.name == f"report.xlsx.{pid}.part" and partial.stat().st_size > 0
    next_start(place)
    assert list(place["out"].iterdir()) == []


def test_a_backup_removes_the_stale_copies_beside_it_but_not_a_running_ones(
        place: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The next backup, in a process that was not started by the program (no listing), still
    removes the copies left by processes now gone; a copy another process is writing stays."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead = int(gone.stdout)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        folder = backup.backup_dir(place["db"])
        folder.mkdir()
        stem = place["db"].stem
        stale = folder / f"{stem}.20260101T000000000000Z.daily.db.{dead}.part"
        journal = stale.with_name(stale.name + "-journal")
        busy = folder / f"{stem}.20260101T000000000001Z.manual.db.{alive.pid}.part"
        other = folder / f"other.20260101T000000000000Z.daily.db.{dead}.part"  # another database's
        for path in (stale, journal, busy, other):
            path.write_bytes(b"half a copy")
        from desktop.ledger import Ledger

        with Ledger.open(place["db"]) as ledger:
            made = backup.make_backup(ledger.db, place["db"], reason="manual")
        assert not stale.exists() and not journal.exists()
        assert busy.exists() and other.exists() and made.is_file()
        assert backup.list_backups(place["db"]) == [made]
    finally:
        alive.kill()
        alive.wait()


def test_a_partial_file_is_listed_in_the_process_folder_before_it_exists(tmp_path: Path) -> None:
    """Whoever names it, db/ or desktop/: a kill right after the file is made finds it listed."""
    from desktop import tempfiles

    partial = partials.partial_path(tmp_path / "x.db")
    assert partial == tmp_path / f"x.db.{os.getpid()}.part" and not partial.exists()
    listed = (tempfiles.process_dir() / "partials.txt").read_text(encoding="utf-8").splitlines()
    assert str(partial) in listed
    assert tempfiles.partial_path(tmp_path / "y.xlsx") == tmp_path / f"y.xlsx.{os.getpid()}.part"
    assert partials.partial_pid(partial.name) == os.getpid()
    assert partials.partial_pid(partial.name, "x.db") == os.getpid()
    assert partials.partial_pid(partial.name, "y.db") is None and partials.partial_pid("x.db.part") is None
