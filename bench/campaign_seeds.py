"""The seed packets of the packet campaign and the databases they go into.

Made once per run with the program's own command line (in-process ``desktop.cli.main``), from
``demo --size small``:

- ``county``: the demo county's first packet (130125 行唐县), into a training city 130100 石家庄市
  (a training database takes demo packets) that holds two records of its own;
- ``receipt``: the city's receipt for that packet, into the county;
- ``reference``: the city's reference packet (its own two records), into the county;
- ``restore``: the city's restore packet of the county, into a rebuilt (new, training) county.

Each seed keeps its target database as it was before the import (every trial copies it) and
the *oracle*: the state digest after importing the unchanged packet (what the signed content
gives) and the command's output then (to tell a silent merge from a reported one).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["LOG_TABLES", "Seed", "StateDigest", "state_digest", "prepare_seeds", "load_seeds", "run_cli",
           "PACKET_NAME", "normalise_output"]

LOG_TABLES = ("packet_log", "audit_log", "sqlite_sequence")
"""The logs and their AUTOINCREMENT counters: a refusal may add to them, nothing else."""

_VOLATILE = {"offices": ("created_at", "updated_at", "key_pinned_at", "last_received_at"),
             "office_keys": ("created_at", "public_key", "private_key")}
"""Columns an import fills with its own clock or a newly made key (a restore makes one): equal
content, another moment. Blanked in :attr:`StateDigest.content`, kept in :attr:`StateDigest.data`."""

_FINGERPRINT = re.compile(r"\b[0-9A-F]{4}(?:-[0-9A-F]{4}){7}\b")
_STAMP = re.compile(r"\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\+00:00)?")


def normalise_output(text: str, trial: Path) -> str:
    """A command's output with the trial's folder, times and new key fingerprints replaced."""
    return _STAMP.sub("TIME", _FINGERPRINT.sub("FP", text.replace(str(trial), "TRIAL")))

PACKET_NAME = "packet.xlsx"
"""Every trial's file has this name, so outputs compare across trials."""


@dataclass(frozen=True)
class StateDigest:
    """A database's content: the data (logs aside, import-time stamps blanked) and the logs."""

    data: str
    """Every row of every table but the logs, exactly."""
    content: str
    """The same with :data:`_VOLATILE` columns blanked: what a merge is compared on."""
    logs: dict[str, list[str]]
    """Per log table, one digest per row in rowid order (so added rows can be told apart)."""
    packet_status: list[str]
    """``packet_log.status`` per row."""

    def logs_extend(self, before: StateDigest) -> bool:
        """True when every log row of ``before`` is here unchanged (rows may have been added)."""
        return all(self.logs.get(t, [])[: len(rows)] == rows for t, rows in before.logs.items()
                   if t != "sqlite_sequence")  # a counter per table: it moves when a row is added


def state_digest(path: Path) -> StateDigest:
    """The :class:`StateDigest` of the SQLite file ``path`` (opened read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        h, c = hashlib.sha256(), hashlib.sha256()
        logs: dict[str, list[str]] = {}
        # Ordinary tables only: the search index's FTS5 tables cannot be scanned (their shadow
        # tables and the queue are WITHOUT ROWID: read in primary key order).
        listed = sorted((r[1], bool(r[4])) for r in conn.execute("PRAGMA main.table_list")
                        if r[2] == "table" and r[1] != "sqlite_schema")
        tables = [name for name, _ in listed]
        for table, without_rowid in listed:
            cursor = conn.execute(f'SELECT * FROM "{table}"' + ("" if without_rowid else " ORDER BY rowid"))
            names = [d[0] for d in cursor.description]
            blank = {names.index(n) for n in _VOLATILE.get(table, ()) if n in names}
            if table in LOG_TABLES:
                logs[table] = [hashlib.sha256(repr(row).encode()).hexdigest()[:16] for row in cursor]
                continue
            h.update(table.encode())
            c.update(table.encode())
            for row in cursor:
                h.update(repr(row).encode())
                c.update(repr(tuple(None if i in blank else v for i, v in enumerate(row))).encode())
        status = [r[0] for r in conn.execute("SELECT status FROM packet_log ORDER BY rowid")] \
            if "packet_log" in tables else []
    finally:
        conn.close()
    return StateDigest(h.hexdigest(), c.hexdigest(), logs, status)


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """``giledger ARGV`` in-process: (exit code, stdout, stderr)."""
    from desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv), out=out)
    return code, out.getvalue(), err.getvalue()


@dataclass(frozen=True)
class Seed:
    """One seed packet, the database it goes into, and what the unchanged packet gives."""

    name: str
    packet: str
    target: str
    before: StateDigest
    after: StateDigest
    output: str
    """The import's output for the unchanged packet (named :data:`PACKET_NAME`)."""
    dry_output: str


def _cli(*argv: str) -> str:
    code, out, err = run_cli(argv)
    if code != 0:
        raise RuntimeError(f"giledger {' '.join(argv)} exited {code}:\n{out}\n{err}")
    return out


def _oracle(name: str, packet: Path, target: Path, work: Path) -> Seed:
    """Import ``packet`` unchanged into a copy of ``target``: the expected outcome of a merge."""
    for mode in ("dry", "merge"):
        trial = work / f"oracle-{name}-{mode}"
        shutil.rmtree(trial, ignore_errors=True)
        trial.mkdir(parents=True)
        db = trial / "target.db"
        shutil.copyfile(target, db)
        shutil.copyfile(packet, trial / PACKET_NAME)
        argv = ["--db", str(db), "import-packet", str(trial / PACKET_NAME)]
        code, out, err = run_cli([*argv, "--dry-run"] if mode == "dry" else argv)
        if code != 0:
            raise RuntimeError(f"the unchanged {name} packet is not taken ({code}):\n{out}\n{err}")
        if mode == "dry":
            dry_output = normalise_output(out, trial)
        else:
            output = normalise_output(out, trial)
            after = state_digest(db)
    return Seed(name, str(packet), str(target), state_digest(target), after, output, dry_output)


def prepare_seeds(folder: Path) -> list[Seed]:
    """Make the seed packets and their target databases in ``folder``; save ``seeds.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    county, city, rebuilt = folder / "county.db", folder / "city.db", folder / "rebuilt.db"
    for db in (county, city, rebuilt):
        db.unlink(missing_ok=True)
    _cli("--db", str(county), "demo", "--size", "small")
    _cli("--db", str(city), "init", "--office", "130100", "--training")
    _cli("--db", str(city), "add", "gi", "--set", "name=赵州雪梨", "--set", "gi_type=certification_mark",
         "--set", "reference_no=30000001")
    _cli("--db", str(city), "add", "plan", "--set", "name=市级抽查计划", "--set", "year=2026",
         "--set", "sample_count=3")
    _cli("--db", str(rebuilt), "init", "--office", "130125", "--training")
    packets = {name: folder / f"{name}.xlsx" for name in ("county", "receipt", "reference", "restore")}
    _cli("--db", str(county), "export-packet", "-o", str(packets["county"]))
    targets = {"county": folder / "target-city.db", "receipt": folder / "target-county.db",
               "reference": folder / "target-county.db", "restore": folder / "target-rebuilt.db"}
    shutil.copyfile(city, targets["county"])
    _cli("--db", str(city), "import-packet", str(packets["county"]))
    _cli("--db", str(city), "receipt", str(packets["county"]), "-o", str(packets["receipt"]))
    _cli("--db", str(city), "reference-packet", "-o", str(packets["reference"]))
    _cli("--db", str(city), "restore-packet", "--office", "130125", "-o", str(packets["restore"]))
    shutil.copyfile(county, targets["receipt"])
    shutil.copyfile(rebuilt, targets["restore"])
    seeds = [_oracle(name, packets[name], targets[name], folder) for name in packets]
    (folder / "seeds.json").write_text(json.dumps([asdict(s) for s in seeds], ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return seeds


def load_seeds(folder: Path) -> list[Seed]:
    """The seeds saved by :func:`prepare_seeds` in ``folder``."""
    raw = json.loads((folder / "seeds.json").read_text(encoding="utf-8"))
    return [Seed(**{**s, "before": StateDigest(**s["before"]), "after": StateDigest(**s["after"])})
            for s in raw]
