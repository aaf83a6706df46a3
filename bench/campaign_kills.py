"""The kill -9 loop of the packet campaign: ``import-packet`` and ``export-packet`` killed at a
random moment, then the program started again.

Each run is a real ``python -m desktop`` process in a folder of its own: the database, the file,
and HOME, the XDG folders and TMPDIR pointed inside it (so whatever the program leaves anywhere
is seen). After the kill:

- the database opens, ``PRAGMA integrity_check`` is ok, and its content is exactly the before
  or the after state (an import: the data as before and no merge logged, or what the unchanged
  packet gives and the merge logged; an export: the data untouched, the export logged or not);
- a packet file at the destination is whole (it reads back, signature valid);
- the next start (the same command again; an export to a named file writes another name in the
  same folder, an export to the default folder the default folder again) succeeds, ends in the
  after state, and leaves no temporary file behind: nothing in TMPDIR, no ``.part`` file,
  nothing outside the database, the packets and the program's archive;
- and the killed run itself had nothing in TMPDIR (the system's shared temporary folder): its
  temporary files were in the program's own folder (``desktop.tempfiles``).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.campaign_seeds import PACKET_NAME, Seed, state_digest
from bench.campaign_trial import Finding, Result, Task

__all__ = ["ROOT", "Timing", "kill_run", "measure"]

ROOT = Path(__file__).resolve().parent.parent


def _env(run: Path) -> dict[str, str]:
    """The program's environment with every per-user folder inside ``run``."""
    env = dict(os.environ)
    for name, sub in (("HOME", "home"), ("XDG_CACHE_HOME", "home/.cache"), ("XDG_DATA_HOME", "home/.local/share"),
                      ("XDG_CONFIG_HOME", "home/.config"), ("XDG_STATE_HOME", "home/.local/state"),
                      ("TMPDIR", "tmp"), ("TMP", "tmp"), ("TEMP", "tmp")):
        (run / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(run / sub)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("GILEDGER_DB", None)
    return env


def _command(kind: str, run: Path, dest: str | None = "export.xlsx") -> list[str]:
    """The command of a run; an export writes ``out/DEST``, or with ``dest`` None where the
    program puts packets by default (``packets/sent/`` beside the database)."""
    db = run / "target.db"
    if kind == "import":
        return [sys.executable, "-m", "desktop", "--db", str(db), "import-packet", str(run / PACKET_NAME)]
    to = ["-o", str(run / "out" / dest)] if dest else []
    return [sys.executable, "-m", "desktop", "--db", str(db), "export-packet", *to]


def _exports(run: Path) -> list[Path]:
    """The packet files an export of ``run`` wrote (a named destination or the default folder)."""
    return sorted([*(run / "out").glob("*.xlsx"), *(run / "packets" / "sent").glob("*.xlsx")])


def _fresh(kind: str, seed: Seed, run: Path) -> None:
    shutil.rmtree(run, ignore_errors=True)
    (run / "out").mkdir(parents=True)
    if kind == "import":
        shutil.copyfile(seed.target, run / "target.db")
        shutil.copyfile(seed.packet, run / PACKET_NAME)
    else:  # the county that exported the seed packet exports its next one
        shutil.copyfile(Path(seed.packet).parent / "target-county.db", run / "target.db")


def measure(kind: str, seed: Seed, folder: Path) -> Timing:
    """(start-up, whole) seconds of one run that is not killed: the program's start (opening the
    database, ``packets``) and the whole command. The kill moments are drawn mostly between the
    two, where the work is, the best of three runs each (the machine may be busy)."""
    run = folder / f"measure-{kind}"
    times: dict[str, list[float]] = {"start": [], "whole": []}
    for _ in range(3):
        _fresh(kind, seed, run)
        for what, command in (("start", [*_command(kind, run)[:5], "packets"]), ("whole", _command(kind, run))):
            start = time.perf_counter()
            subprocess.run(command, env=_env(run), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True, timeout=300)
            times[what].append(time.perf_counter() - start)
    shutil.rmtree(run, ignore_errors=True)
    return Timing(min(times["start"]), min(times["whole"]))


def _left_behind(run: Path) -> list[Path]:
    """Files that are neither the database, the packet, an export nor the archive of packets."""
    out = []
    for p in run.rglob("*"):
        if not p.is_file() and not p.is_symlink():
            continue
        rel = p.relative_to(run).as_posix()
        kept = (rel.startswith("target.db") or rel == PACKET_NAME or rel == "stderr.txt"
                or (rel.startswith(("out/", "packets/")) and rel.endswith(".xlsx")))
        if not kept:
            out.append(p)
    return out


def _whole_packet(path: Path) -> str | None:
    """None when ``path`` is a whole, signed packet; else why not."""
    from desktop.packets.reader import read_packet

    try:
        packet = read_packet(path)
    except Exception as e:  # noqa: BLE001 - any failure to read it is the answer
        return f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
    return None if packet.signature_ok else "the signature does not match"


def _state_check(kind: str, seed: Seed, run: Path, result: Result, when: str) -> str:
    """Check the database after a kill or a restart; returns 'before' or 'after' (or 'torn')."""
    db = run / "target.db"
    conn = sqlite3.connect(db)  # read-write: recovers the WAL as the next start would
    try:
        check = ";".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()
    if check != "ok":
        result.findings.append(Finding("integrity", f"{when}: integrity_check fails", check[:300]))
    state = state_digest(db)
    before = seed.before if kind == "import" else state_digest(Path(seed.packet).parent / "target-county.db")
    added = state.packet_status[len(before.packet_status):]
    if kind == "import":
        if state.data == before.data and "merged" not in added:
            return "before"
        if state.content == seed.after.content and "merged" in added:
            return "after"
        result.findings.append(Finding("torn-state", f"{when}: neither the before nor the after state",
                                       f"data {'as before' if state.data == before.data else 'changed'}, "
                                       f"log {added}"))
        return "torn"
    if state.data != before.data:
        result.findings.append(Finding("torn-state", f"{when}: an export changed the data"))
        return "torn"
    written = _exports(run)
    for path in written:
        why = _whole_packet(path)
        if why:
            result.findings.append(Finding("half-written", f"{when}: a destination is not a whole packet",
                                           f"{path.relative_to(run)}: {why}"))
    if "exported" in added:
        if not written:
            result.findings.append(Finding("logged-not-written", f"{when}: the export is logged, the file is missing"))
        return "after"
    return "before"


@dataclass
class Timing:
    """How long the command takes now: its start-up and the whole run (see :func:`measure`),
    the whole run followed as the machine's load changes (each restart that does the whole work
    is timed)."""

    start_up: float
    whole: float

    def observe(self, seconds: float) -> None:
        self.whole = (self.whole + seconds) / 2
        self.start_up = min(self.start_up, 0.8 * self.whole)


def kill_run(kind: str, seed: Seed, folder: Path, index: int, rng_seed: int, timing: Timing) -> Result:
    """One run of ``kind`` (import or export) killed at a random moment (see :class:`Timing`),
    checked, then started again and checked again."""
    task = Task(f"kill-{kind}", rng_seed, index)
    rng = task.rng()
    run = folder / f"kill-{kind}-{index}"
    _fresh(kind, seed, run)
    env = _env(run)
    start_up, whole = timing.start_up, timing.whole
    # four in five while the command works (after its start-up), one in five at any moment
    delay = rng.uniform(start_up, whole * 1.05) if rng.random() < 0.8 else rng.uniform(0.05, whole * 1.1)
    result = Result(task, seed_packet=seed.name if kind == "import" else "county export",
                    label=f"kill -9 after {delay:.2f} s (start-up {start_up:.2f} s, whole {whole:.2f} s)")
    # an export to a named file, restarted to another name in the same folder (a stale .part of
    # the killed run stays unless the program cleans it), or twice to the default folder
    first, second = ("export.xlsx", "export-again.xlsx") if index % 2 == 0 else (None, None)
    if kind == "export":
        result.label += f", to {first or 'the default folder'}"
    with open(run / "stderr.txt", "wb") as err:
        proc = subprocess.Popen(_command(kind, run, first), env=env, stdout=subprocess.DEVNULL, stderr=err)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    result.code = proc.returncode
    state = _state_check(kind, seed, run, result, "after the kill")
    left = _left_behind(run)
    result.outcome = f"{'killed' if killed else 'finished'}-{state}"
    parts = sum(p.name.endswith(".part") for p in left)
    where = sorted({p.relative_to(run).parts[0] for p in left})
    result.output_head = (f"{len(left)} files left by the kill ({sum(p.stat().st_size for p in left)} bytes, "
                          f"{parts} .part, in {', '.join(where) or 'nothing'})")
    shared = [p for p in left if (run / "tmp") in p.parents]
    if shared:  # the county's data as plain XML in the shared temporary folder, even for a moment
        result.findings.append(Finding("system-temp", "the killed run had files in the system's temporary folder",
                                       f"{len(shared)} files, e.g. {shared[0].relative_to(run)}"))
    started = time.perf_counter()
    again = subprocess.run(_command(kind, run, second), env=env, capture_output=True, text=True, timeout=300)
    if kind == "export" or state == "before":  # the restart did the whole work
        timing.observe(time.perf_counter() - started)
    if again.returncode != 0 or "Traceback" in again.stderr:
        result.findings.append(Finding("restart-failed", f"the next start exited {again.returncode}",
                                       (again.stderr or again.stdout).strip()[-300:]))
    elif _state_check(kind, seed, run, result, "after the next start") != "after":
        result.findings.append(Finding("restart-not-after", "the next start did not end in the after state"))
    left = _left_behind(run)
    if left:
        size = sum(p.stat().st_size for p in left if p.is_file())
        parts = sum(p.name.endswith(".part") for p in left)
        where = sorted({p.relative_to(run).parts[0] for p in left})
        result.findings.append(Finding("left-behind", f"files left after the next start in {', '.join(where)}",
                                       f"{len(left)} files, {size} bytes, {parts} .part, e.g. "
                                       f"{left[0].relative_to(run)}"))
    shutil.rmtree(run, ignore_errors=True)
    return result
