"""A process killed in the middle of a large write leaves the file intact and unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from db import maintenance
from db.connection import open_database
from desktop.ledger import Ledger, init_office

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from desktop.ledger import Ledger

ledger = Ledger.open(sys.argv[1])

def rows():
    for n in range(1_000_000):
        yield {"name": f"测试资源{n:07d}", "attribute": "grown", "category": "primary_agri",
               "tier": "discover", "survey_date": "2024-01-01", "history": "长文本" * 200}

def progress(done, total):
    print("progress", done, flush=True)

ledger.bulk_add("resource", rows(), note="crash test", progress=progress)
print("finished", flush=True)
"""


def _digest(path: Path) -> str:
    db = open_database(path)
    try:
        assert maintenance.integrity_problems(db) == []
        return maintenance.content_digest(db)
    finally:
        db.close()


def test_kill_during_large_write_leaves_file_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "county.db"
    db = open_database(path)
    init_office(db, "130125", clerk="测试员")
    Ledger(db).add("resource", {"name": "行唐大枣", "attribute": "grown", "category": "primary_agri",
                                "tier": "protect", "survey_date": "2024-05-01"})
    db.close()
    before = _digest(path)

    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        done = 0
        while done < 20_000:  # well into the write: thousands of rows in the open transaction
            line = proc.stdout.readline()
            assert line, f"writer stopped early: {proc.stderr.read() if proc.stderr else ''}"
            if line.startswith("progress"):
                done = int(line.split()[1])
            assert time.monotonic() < deadline, "writer too slow"
        wal = Path(f"{path}-wal")
        assert wal.exists() and wal.stat().st_size > 1_000_000, "the write should be under way"
        if os.name == "nt":
            proc.kill()
        else:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert proc.returncode != 0
    assert _digest(path) == before
    ledger = Ledger.open(path)
    assert ledger.count("resource") == 1
    # The file is still writable and ids go on from where the committed state was.
    rec = ledger.add("resource", {"name": "新乐甜瓜", "attribute": "grown", "category": "primary_agri",
                                  "tier": "cultivate", "survey_date": "2024-05-02"})
    assert rec.id == "R-130125-000002"
    ledger.close()
