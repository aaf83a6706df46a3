"""One trial of the packet campaign, and the worker process that runs trials.

A trial is named by (family, seed, index): the same three make the same mutation of the same
seed packet (a seeded RNG). It copies the seed's target database into a fresh folder, writes
the mutated file, runs ``giledger --db COPY import-packet FILE`` in-process (so the exit code is
the command line's) and checks what must hold:

- the exit code is 0 or 3 (several files: one of the command line's documented codes);
- no exception escapes and no traceback is printed or logged;
- a dry run writes nothing at all; a refusal leaves every row of the data as it was and only
  adds ``refused`` rows to the logs; a merge leaves the database equal to what the unchanged
  (signed) packet gives, unless the edit was accepted with ``--accept-edited``;
- the file stays sound (``PRAGMA quick_check``), no temporary file is left behind;
- a visible edit (a formula, a far cell, a changed cover, a moved sheet...) is not merged
  without a word: the output differs from the unchanged packet's;
- no message line echoes a huge value; a folder or a link is not called a missing file;
- the trial takes less than ``slow`` seconds and ``mem_mb`` of peak memory.

The worker (``python -m bench.campaign_trial``) reads one JSON task per line on stdin and answers
one JSON result per line, under an address-space limit: a mutation that makes the reader allocate
gigabytes ends the worker (a finding of the pool), not the campaign.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import random
import re
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.campaign_edits import mutate_cells, mutate_structure
from bench.campaign_seeds import PACKET_NAME, Seed, StateDigest, load_seeds, normalise_output, run_cli, state_digest
from bench.campaign_xml import Change, mutate_xml
from bench.campaign_zip import mutate_bytes, read_members, write_members

__all__ = ["FAMILIES", "Task", "Finding", "Result", "make_mutation", "run_trial", "worker_main"]

FAMILIES = ("bytes", "xml", "cells", "structure")

_SEED_WEIGHTS = {"county": 55, "restore": 15, "reference": 15, "receipt": 15}
_LONG_LINE = 4000
"""A message line longer than this echoes a value it should cut."""


@dataclass(frozen=True)
class Task:
    """A trial's name: the same three make the same mutation."""

    family: str
    seed: int
    index: int

    def rng(self) -> random.Random:
        return random.Random(f"{self.seed}/{self.family}/{self.index}")

    @property
    def name(self) -> str:
        return f"{self.family}:{self.seed}:{self.index}"


@dataclass(frozen=True)
class Finding:
    """Something that must not happen."""

    kind: str
    message: str
    """What happened, in general words (the findings of one mechanism share it)."""
    detail: str = ""
    """This trial's particulars (a traceback, a value, which tables differ)."""

    @property
    def signature(self) -> str:
        """The message with numbers and paths blanked: equal signatures, one distinct finding."""
        text = self.message.splitlines()[0] if self.message else ""
        text = re.sub(r"header b?['\"].*", "header '…' differ.", text)  # a name read from damaged bytes
        text = re.sub(r"b?'[^'\\]*'", "'…'", re.sub(r"/[^\s'\"]+", "PATH", text))
        text = text.split("\\")[0]  # the rest of a file name read from damaged bytes
        return f"{self.kind}: {re.sub(r'[0-9]+', '#', text)[:160]}"


_GROUPED_OPS = ("hide", "move", "rename", "delete", "unhide", "remove", "duplicate", "add", "path")


def _what(label: str) -> str:
    """The sort of a mutation, from its label: ``formula``, ``hide sheet``, ``far-cell XFD1048576``."""
    words = label.split()
    if not words:
        return label
    if words[0] in _GROUPED_OPS:
        return " ".join(words[:2]) + (f" {words[2]}" if words[0] in ("delete", "unhide") and len(words) > 2 else "")
    if words[0] == "far-cell":
        return f"far-cell {words[-1]}"
    if words[0] == "cover":
        return " ".join(words[:2])
    return words[0]


@dataclass
class Result:
    """What one trial did and found."""

    task: Task
    seed_packet: str = ""
    label: str = ""
    visible: bool = False
    options: list[str] = field(default_factory=list)
    code: int | None = None
    outcome: str = ""
    """merged, merged-edited, refused, dry-run, unchanged, exception (escaped the command line),
    crashed (the worker died) or timeout."""
    seconds: float = 0.0
    maxrss_mb: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    output_head: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        return cls(**{**data, "task": Task(**data["task"]),
                      "findings": [Finding(**f) for f in data["findings"]]})


@dataclass(frozen=True)
class Mutation:
    """The files to import and what was done to them."""

    seed: Seed
    files: list[Path]
    change: Change
    options: list[str]


def make_mutation(task: Task, seeds: dict[str, Seed], folder: Path) -> Mutation:
    """Write the mutated file(s) of ``task`` into ``folder``."""
    rng = task.rng()
    names = [n for n in _SEED_WEIGHTS if n in seeds and not (task.family == "cells" and n == "receipt")]
    seed = seeds[rng.choices(names, weights=[_SEED_WEIGHTS[n] for n in names])[0]]
    src, dest = Path(seed.packet), folder / PACKET_NAME
    options: list[str] = []
    files = [dest]
    if task.family == "bytes":
        data, label = mutate_bytes(src.read_bytes(), rng)
        dest.write_bytes(data)
        change = Change(label)
    elif task.family == "xml":
        members, change = mutate_xml(read_members(src), rng)
        write_members(members, dest)
    elif task.family == "cells":
        change = mutate_cells(src, dest, rng)
        if seed.name == "county" and rng.random() < 0.2:
            options.append("--accept-edited")
    elif task.family == "structure":
        change, path = mutate_structure(src, dest, rng)
        files = [path]
        if rng.random() < 0.08 and path.is_file() and not path.is_symlink():
            first = folder / "first.xlsx"
            shutil.copyfile(src, first)
            files = [first, path]
            change = Change(f"several files: the unchanged packet, then {change.label}", change.visible)
    else:
        raise ValueError(f"unknown family {task.family!r}")
    if rng.random() < 0.2:
        options.append("--dry-run")
    return Mutation(seed, files, change, options)


class _Capture(logging.Handler):
    """Log records of the trial, formatted as the command line's would be (with tracebacks)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.buffer = io.StringIO()
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.buffer.write(self.format(record) + "\n")


_CAPTURE = _Capture()


def _quick_check(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return ";".join(r[0] for r in conn.execute("PRAGMA quick_check"))
    finally:
        conn.close()


def _table_diff(db: Path, oracle: Path) -> str:
    """Which tables differ from the oracle's database, and by how many rows."""
    out = []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as a, sqlite3.connect(f"file:{oracle}?mode=ro", uri=True) as b:
        # Ordinary tables (the search index's FTS5 tables cannot be scanned).
        for table in sorted(r[1] for r in b.execute("PRAGMA main.table_list")
                            if r[2] == "table" and r[1] != "sqlite_schema"):
            if table in ("packet_log", "audit_log", "sqlite_sequence", "offices", "office_keys"):
                continue
            ra = set(a.execute(f'SELECT * FROM "{table}"'))
            rb = set(b.execute(f'SELECT * FROM "{table}"'))
            if ra != rb:
                out.append(f"{table}: {len(ra - rb)} rows not signed, {len(rb - ra)} signed rows missing")
    return "; ".join(out) or "only offices/keys differ"


def _allowed_codes(several: bool) -> set[int]:
    from desktop import cli

    if not several:
        return {cli.EXIT_OK, cli.EXIT_REFUSED}
    documented = {v for k, v in vars(cli).items() if k.startswith("EXIT_") and isinstance(v, int)}
    return documented - {cli.EXIT_USAGE, cli.EXIT_DATABASE}


def _check(result: Result, mutation: Mutation, db: Path, before: StateDigest, out: str, trial: Path) -> None:
    """The database and output checks of a finished command (see the module docstring)."""
    seed, f = mutation.seed, result.findings
    several = len(mutation.files) > 1
    if result.code not in _allowed_codes(several):
        f.append(Finding("exit-code", f"exit {result.code}", out.strip()[-300:]))
    check = _quick_check(db)
    if check != "ok":
        f.append(Finding("integrity", check))
    after = state_digest(db)
    dry = "--dry-run" in mutation.options
    if dry:
        result.outcome = "dry-run"
        if after.data != before.data or after.logs != before.logs:
            f.append(Finding("dry-run-wrote", "a dry run changed the database"))
        if result.code == 0 and mutation.change.visible and normalise_output(out, trial) == seed.dry_output:
            f.append(Finding("silent-merge", f"a dry run says nothing about: {_what(mutation.change.label)}",
                             mutation.change.label))
    elif after.data == before.data:
        result.outcome = "refused" if result.code != 0 else "unchanged"
        if not after.logs_extend(before):
            f.append(Finding("log-rewritten", "earlier log rows changed"))
        added = after.packet_status[len(before.packet_status):]
        if result.code != 0 and any(s != "refused" for s in added):
            f.append(Finding("refusal-logged-as", f"a refused file logged as {added}"))
        if result.code == 0:
            f.append(Finding("exit-0-unchanged", "exit 0 but nothing written", out.strip()[:300]))
    else:
        result.outcome = "merged"
        if after.content != seed.after.content:
            if "--accept-edited" in mutation.options:
                result.outcome = "merged-edited"
            else:
                oracle = Path(seed.packet).parent / f"oracle-{seed.name}-merge" / "target.db"
                f.append(Finding("merge-differs", "the merge differs from the signed content",
                                 _table_diff(db, oracle)))
        if result.code != 0 and not several:
            f.append(Finding("refused-but-written", f"exit {result.code} but the data changed"))
        text = normalise_output(out, trial)
        if mutation.change.visible and text == seed.output:
            f.append(Finding("silent-merge", f"merged without a word about: {_what(mutation.change.label)}",
                             mutation.change.label))
    if several:
        missing = [p.name for p in mutation.files if p.name not in out]
        if missing:
            f.append(Finding("several-unnamed", "several files: the output does not say what happened to each",
                         f"not named: {', '.join(missing)}; exit {result.code}"))
    long_lines = [len(line) for line in out.splitlines() if len(line) > _LONG_LINE]
    if long_lines:
        f.append(Finding("long-message", f"a message line longer than {_LONG_LINE} characters",
                         f"{max(long_lines)} characters"))
    if mutation.change.label.startswith("path ") and re.search(r"no such file|不存在", out, re.I) and \
            any(w in mutation.change.label for w in ("directory", "devnull", "link-dir", "loop")):
        f.append(Finding("misnamed-path", f"{_what(mutation.change.label)} called a missing file",
                         out.strip()[:300]))


def run_trial(task: Task, seeds: dict[str, Seed], folder: Path, *, slow: float = 20.0,
              mem_mb: float = 1500.0, keep: bool = False) -> Result:
    """Run one trial in a fresh ``folder`` (emptied first, removed after unless ``keep``); see the
    module docstring."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    scratch = folder / "tmp"
    scratch.mkdir()
    saved, tempfile.tempdir = tempfile.tempdir, str(scratch)
    try:
        return _run(task, seeds, folder, scratch, slow=slow, mem_mb=mem_mb, keep=keep)
    finally:
        tempfile.tempdir = saved


def _run(task: Task, seeds: dict[str, Seed], folder: Path, scratch: Path, *, slow: float, mem_mb: float,
         keep: bool) -> Result:
    result = Result(task)
    try:
        mutation = make_mutation(task, seeds, folder)
    except Exception as e:  # noqa: BLE001 - a mutation that cannot be made is the campaign's bug, reported
        result.outcome = "not-made"
        result.findings.append(Finding("campaign-error", f"{type(e).__name__}: {e}"))
        return result
    seed = mutation.seed
    result.seed_packet, result.label, result.visible = seed.name, mutation.change.label, mutation.change.visible
    result.options = mutation.options
    db = folder / "target.db"
    shutil.copyfile(seed.target, db)
    before = seed.before
    argv = ["--db", str(db), "import-packet", *map(str, mutation.files), *mutation.options]
    _CAPTURE.buffer = io.StringIO()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    out = err = ""
    try:
        result.code, out, err = run_cli(argv)
    except BaseException as e:  # noqa: BLE001 - anything escaping the command line is the finding
        first = str(e).splitlines()[0] if str(e) else ""
        result.findings.append(Finding("exception", f"{type(e).__name__}: {first}", traceback.format_exc()[-1500:]))
    result.seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.maxrss_mb = peak
    logged = _CAPTURE.buffer.getvalue()
    text = out + err
    result.output_head = text[:600]
    for where, content in (("output", text), ("log", logged)):
        if "Traceback" in content:
            last = [line for line in content.splitlines() if line.strip()][-1]
            result.findings.append(Finding("traceback", f"in the {where}: {last[:200]}", content[-1500:]))
    if result.code is not None:
        _check(result, mutation, db, before, text, folder)
    else:
        result.outcome = "exception"
    if result.seconds > slow:
        result.findings.append(Finding("slow", f"slower than {slow:.0f} s", f"{result.seconds:.1f} s"))
    if peak > mem_mb and peak > rss:
        result.findings.append(Finding("memory", f"peak resident memory over {mem_mb:.0f} MB", f"{peak:.0f} MB"))
    left = [p for p in scratch.rglob("*")]
    if left:
        size = sum(p.stat().st_size for p in left if p.is_file())
        result.findings.append(Finding("temp-left", "temporary files left behind", f"{len(left)} files, {size} bytes"))
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def worker_main(argv: list[str] | None = None) -> int:
    """The worker loop: one JSON task per line on stdin, one JSON result per line on the protocol
    stream (the original stdout; the program's own stdout goes to stderr)."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--seeds", type=Path, required=True)
    p.add_argument("--folder", type=Path, required=True)
    p.add_argument("--as-mb", type=int, default=0, help="address-space limit (RLIMIT_AS), MB")
    p.add_argument("--slow", type=float, default=20.0)
    p.add_argument("--mem-mb", type=float, default=1500.0)
    args = p.parse_args(argv)
    if args.as_mb:
        limit = args.as_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.getLogger().addHandler(_CAPTURE)
    logging.getLogger().setLevel(logging.WARNING)
    seeds = {s.name: s for s in load_seeds(args.seeds)}
    for line in sys.stdin:
        task = Task(**json.loads(line))
        result = run_trial(task, seeds, args.folder, slow=args.slow, mem_mb=args.mem_mb)
        protocol.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(worker_main())
