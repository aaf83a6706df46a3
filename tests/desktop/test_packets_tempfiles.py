"""An export leaves nothing behind: its temporary files are in the program's own folder, never
the system's; what a killed export left is removed at the next start; partial files are
removed only when they are the program's and the process that wrote them is gone.

The kills are real: a subprocess exports through the real writer, stops at a chosen point (the
rows being written, or the workbook half zipped) and gets SIGKILL.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from desktop import tempfiles
from desktop.cli import EXIT_OK, main
from desktop.ledger import Ledger
from desktop.packets import writer
from desktop.packets.export import export_packet
from desktop.paths import TEMP_DIR_VARIABLE

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and fork semantics of POSIX")

# Exports the demo county, and stops for good (for the kill) once the chosen point is reached:
# "rows" after the first batches of rows, "zip" with three members of the workbook zipped.
EXPORTER = textwrap.dedent("""
    import sys, time, zipfile
    from pathlib import Path
    from desktop.ledger import Ledger
    from desktop.packets import writer
    from desktop.packets.export import export_packet

    db, out, stage, marker = sys.argv[1:5]

    def stop():
        Path(marker).write_text("stopped")
        time.sleep(600)

    def progress(done, total):
        if stage == "rows" and done >= 20:
            stop()

    writer.BATCH_ROWS = 10
    if stage == "zip":
        real, written = zipfile.ZipFile.write, []

        def write(self, *args, **kwargs):
            real(self, *args, **kwargs)
            written.append(args)
            if len(written) == 3:
                self.fp.flush()
                stop()

        zipfile.ZipFile.write = write
    with Ledger.open(Path(db), create=False) as ledger:
        export_packet(ledger, Path(out), progress=progress)
""")


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A demo county database, the program's private temporary folder and an empty system
    temporary folder, all in ``tmp_path`` (set in the environment: subprocesses use them too)."""
    folders = {name: tmp_path / name for name in ("private", "system", "out")}
    for folder in folders.values():
        folder.mkdir()
    monkeypatch.setenv(TEMP_DIR_VARIABLE, str(folders["private"]))
    monkeypatch.setenv("TMPDIR", str(folders["system"]))
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    db = tmp_path / "county.db"
    assert main(["--db", str(db), "demo", "--size", "small"]) == EXIT_OK
    (tmp_path / "exporter.py").write_text(EXPORTER, encoding="utf-8")
    return {**folders, "db": db, "script": tmp_path / "exporter.py"}


def start_export(place: dict[str, Path], stage: str, name: str,
                 db: Path | None = None) -> tuple[subprocess.Popen[bytes], Path]:
    """An export subprocess of ``db`` (the demo county's) stopped at ``stage``; returns it and
    its destination."""
    out = place["out"] / f"{name}.xlsx"
    marker = place["out"].parent / f"{name}.stopped"
    proc = subprocess.Popen([sys.executable, str(place["script"]), str(db or place["db"]), str(out), stage,
                             str(marker)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the export ended ({proc.returncode}): {proc.stderr.read().decode()}")
        assert time.monotonic() < deadline, "the export never reached its stop"
        time.sleep(0.02)
    return proc, out


def kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)  # reaped: its id is free (a zombie would still count as running)
    assert proc.returncode == -signal.SIGKILL
    for stream in (proc.stdout, proc.stderr):
        assert stream is not None
        stream.close()


def others(private: Path) -> list[Path]:
    """The folders in the private folder but this test process's own (a command line run
    in-process made it, and it goes when the process ends)."""
    return sorted(p for p in private.iterdir() if not p.name.startswith(f"{os.getpid()}-"))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def next_start(place: dict[str, Path]) -> None:
    """The command line started again (any command: here the packet log)."""
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(place["db"]), "packets"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("stage", ["rows", "zip"])
def test_a_killed_export_leaves_nothing_after_the_next_start(place: dict[str, Path], stage: str) -> None:
    proc, out = start_export(place, stage, "killed")
    kill(proc)
    left = files_under(place["private"])
    # The worksheets' XML (the county's data) lay in the program's folder, not the system's.
    assert any(p.stat().st_size > 0 and p.parent.name.startswith("export-") for p in left), left
    assert out.with_name(f"{out.name}.{proc.pid}.part").exists()  # made first, zipped into last
    assert files_under(place["system"]) == []
    next_start(place)
    assert others(place["private"]) == []
    assert list(place["out"].iterdir()) == []
    assert files_under(place["system"]) == []


def test_the_next_start_keeps_what_a_running_export_is_writing(place: dict[str, Path]) -> None:
    other = place["db"].with_name("other.db")  # an export holds its database's write lock
    shutil.copyfile(place["db"], other)
    running, running_out = start_export(place, "zip", "running", other)
    killed, _ = start_export(place, "rows", "killed")
    try:
        kill(killed)
        assert len(others(place["private"])) == 2
        next_start(place)
        (kept,) = others(place["private"])
        assert kept.name.startswith(f"{running.pid}-")
        assert files_under(kept) and running_out.with_name(f"{running_out.name}.{running.pid}.part").exists()
    finally:
        if running.poll() is None:
            kill(running)
    next_start(place)
    assert others(place["private"]) == [] and list(place["out"].iterdir()) == []


def test_an_export_writes_nothing_into_the_system_temporary_folder(
        place: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(place["system"]))
    monkeypatch.setattr(writer, "BATCH_ROWS", 10)
    seen: list[tuple[list[Path], list[Path]]] = []

    def progress(done: int, total: int) -> None:
        seen.append((files_under(place["system"]), files_under(place["private"])))

    with Ledger.open(place["db"]) as ledger:
        result = export_packet(ledger, place["out"] / "p.xlsx", progress=progress)
    assert result.path.is_file() and len(seen) > 5
    assert all(system == [] for system, _ in seen)
    assert all(private for _, private in seen)  # the worksheets' files were in the private folder
    assert files_under(place["system"]) == []
    assert all(p.name == "partials.txt" for p in files_under(place["private"]))
    assert [p.name for p in place["out"].iterdir()] == ["p.xlsx"]


def test_partial_files_beside_a_destination_go_only_when_ours_and_stale(place: dict[str, Path]) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead = int(gone.stdout)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        target = place["out"] / "p.xlsx"
        stale = place["out"] / f"p.xlsx.{dead}.part"
        busy = place["out"] / f"p.xlsx.{alive.pid}.part"
        foreign = [place["out"] / "p.xlsx.abc.part", place["out"] / f"q.xlsx.{dead}.part",
                   place["out"] / "q.xlsx.part"]
        legacy = place["out"] / "p.xlsx.part"  # an earlier version's name: stale once untouched long
        for path in (stale, busy, legacy, *foreign):
            path.write_bytes(b"half")
        old = time.time() - tempfiles.LEGACY_STALE_S - 60
        os.utime(foreign[-1], (old, old))
        with Ledger.open(place["db"]) as ledger:
            export_packet(ledger, target)
        assert not stale.exists()
        assert busy.exists() and legacy.exists() and all(p.exists() for p in foreign)
        os.utime(legacy, (old, old))
        with Ledger.open(place["db"]) as ledger:
            export_packet(ledger, target)
        assert not legacy.exists() and busy.exists() and all(p.exists() for p in foreign)
    finally:
        alive.kill()
        alive.wait()
    assert target.is_file()


def test_a_stale_folder_of_the_same_process_id_is_not_ours(place: dict[str, Path]) -> None:
    """After a restart the id may come again: a folder of this id that is not this process's
    own is an older one's, and goes."""
    older = place["private"] / f"{os.getpid()}-0123abcd"
    (older / "export-x").mkdir(parents=True)
    (older / "export-x" / "tmp1").write_text("<row/>")
    partial = place["out"] / f"p.xlsx.{os.getpid()}.part"
    partial.write_text("half")
    (older / "partials.txt").write_text(f"{partial}\n{place['out'] / 'other.txt'}\n")
    (place["out"] / "other.txt").write_text("not a partial file: stays")
    mine = tempfiles.process_dir()
    not_ours = place["private"] / "notes"
    not_ours.mkdir()
    assert tempfiles.clean_stale() == 1
    assert sorted(place["private"].iterdir()) == sorted([mine, not_ours])
    assert not partial.exists() and (place["out"] / "other.txt").exists()


def test_an_export_to_a_folder_that_is_not_there_is_refused_and_leaves_nothing(
        place: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    target = place["out"] / "no such folder" / "p.xlsx"
    assert main(["--db", str(place["db"]), "export-packet", "-o", str(target)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(target) in err and "cannot write or read the file" in err
    assert list(place["out"].iterdir()) == []
    assert all(p.name == "partials.txt" for p in files_under(place["private"]))
    assert main(["--db", str(place["db"]), "export-packet", "-o", str(place["out"] / "p.xlsx")]) == 0
    assert "exported packet 1:" in capsys.readouterr().out  # the refused one took no number


def test_an_export_that_ends_leaves_nothing_in_either_folder(place: dict[str, Path]) -> None:
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(place["db"]), "export-packet", "-o",
                           str(place["out"] / "p.xlsx")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in place["out"].iterdir()] == ["p.xlsx"]
    assert others(place["private"]) == []  # its own folder went when it ended
    assert files_under(place["system"]) == []


def test_the_command_lines_libraries_write_their_temporary_files_in_the_private_folder(
        place: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """openpyxl saves each sheet of an error workbook (a refused packet's data) through a file
    of tempfile's: at a start the program's own folder becomes tempfile's default."""
    import openpyxl
    from openpyxl.worksheet import _writer

    monkeypatch.setattr(tempfile, "tempdir", str(place["system"]))  # the system's, as at a start
    packet = place["out"] / "p.xlsx"
    assert main(["--db", str(place["db"]), "export-packet", "-o", str(packet)]) == EXIT_OK
    wb = openpyxl.load_workbook(packet)
    wb["普查资源"]["C2"] = "改过的名称"  # edited after export: refused, with an error workbook
    wb.save(packet)
    city = place["db"].with_name("city.db")
    assert main(["--db", str(city), "init", "--office", "130100", "--training"]) == EXIT_OK
    made: list[Path] = []
    real = _writer.create_temporary_file

    def spy(suffix: str = "") -> str:
        name = real(suffix)
        made.append(Path(name))
        return name

    monkeypatch.setattr(_writer, "create_temporary_file", spy)
    report = place["out"] / "report.xlsx"
    assert main(["--db", str(city), "import-packet", str(packet), "--report", str(report)]) == 3
    assert report.is_file() and made
    assert all(place["private"] in p.parents for p in made), made
    assert files_under(place["system"]) == []
    assert tempfile.tempdir == str(place["system"])  # put back when the command is done
    capsys.readouterr()


def test_process_alive() -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    assert tempfiles.process_alive(os.getpid()) and tempfiles.process_alive(os.getppid())
    assert not tempfiles.process_alive(int(gone.stdout))
    assert not tempfiles.process_alive(0) and not tempfiles.process_alive(-1)


def test_writing_puts_the_whole_file_in_place_or_nothing(tmp_path: Path) -> None:
    """The city's tables and grids are written through ``tempfiles.writing``: the old file stays
    until the new one is complete, and a failed write leaves neither a half file nor a partial."""
    from desktop import tempfiles as tf

    target = tmp_path / "统计表.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), tf.writing(target) as part:
        part.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["统计表.xlsx"]
    with tf.writing(target) as part:
        assert part != target and part.parent == tmp_path
        part.write_bytes(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["统计表.xlsx"]
