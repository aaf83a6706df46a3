"""Search as you type: the time of each keystroke until the window shows it, as the register
page does: the first page of matches (``Browser.first_page``, or ``Browser.ids`` where that does
not apply) and its rows; beside it the time of the whole list, which the window reads in the
background after showing the first page (``Browser.ids``).

For each query every prefix is typed (``行``, ``行唐``, ``行唐县`` ...), as the register page
runs one search per keystroke; reported per register: the worst and the median keystroke, and
beside them a plain ``SELECT count(*)`` of the same table in the same run (ratio = keystroke /
count). Run it with the code to measure on ``PYTHONPATH`` (also the old code, on a file of its
schema)::

    python bench/bench_search.py --db /work/scratch-search/large7.db
    python bench/bench_search.py --db city.db --kind mark-user --kind annual-report

The first search brings the index up to date (:func:`desktop.search.flush`); the bench does
that first and reports its time (a build when the file was just migrated), then reads what a
walk leaps by (:func:`desktop.search_build.warm`) as the window's background build does.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.connection import open_database
from desktop.browse import Browser, BrowseState
from desktop.ledger import Ledger

log = logging.getLogger(__name__)

PAGE = 100
FIRST_PAGE = 200  # as ui.models.register_model.FIRST_PAGE


def _queries(ledger: Ledger, kind: str) -> list[tuple[str, str]]:
    """Realistic queries for ``kind``, taken from the file at its start and in its middle (in a
    city: the first county and one whose records come late by id): a Chinese name fragment, its
    initials, its full pinyin, a USCC fragment, an id, an enterprise's id typed in the annual
    reports, a year, and the start of a name (in a city: the county's name)."""
    db = ledger.db
    table = "mark_users" if kind == "mark-user" else "annual_reports"
    out: list[tuple[str, str]] = [("year", "2023")]
    users = int(db.conn.execute("SELECT count(*) FROM mark_users").fetchone()[0])
    rows = int(db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    for where, share in (("", 0), (" (middle)", 2)):
        user = db.conn.execute("SELECT id, name, uscc FROM mark_users WHERE deleted = 0 "
                               "ORDER BY rowid LIMIT 1 OFFSET ?", (137 + (users // share if share else 0),)).fetchone()
        rid = db.conn.execute(f"SELECT id FROM {table} ORDER BY rowid LIMIT 1 OFFSET ?",
                              (4321 + (rows // share if share else 0),)).fetchone()[0]
        name = str(user[1])
        fragment = name[3:7] if len(name) >= 7 else name  # past the county's name: 晟瑞花椒
        try:
            from desktop.pinyin import forms
            full, initials = forms(fragment)
            py_full, py_init = full[0], initials[0]
        except ImportError:  # the old code has no forms(); use plausible pinyin
            py_full, py_init = "huajiao", "hj"
        out += [("name" + where, fragment), ("initials" + where, py_init), ("full pinyin" + where, py_full),
                ("uscc" + where, str(user[2])[2:10]), ("id" + where, rid), ("county" + where, name[:3])]
        if kind == "annual-report":
            out.append(("user id" + where, str(user[0])))
    return out


def _count(ledger: Ledger, table: str) -> float:
    t = time.perf_counter()
    ledger.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    return time.perf_counter() - t


def bench(path: Path, kinds: list[str], out: list[str]) -> None:
    """Time every keystroke of the queries on ``path``; lines of the report go to ``out``."""
    t = time.perf_counter()
    db = open_database(path)
    ledger = Ledger(db)
    out.append(f"{path}: opened (and migrated if needed) in {time.perf_counter() - t:.1f} s")
    try:
        from db import search as s
        from desktop import search
        stats = search.flush(db)
        out.append(f"  index flush: {stats.rows:,} rows in {stats.seconds:.1f} s; "
                   f"index size {(s.index_bytes(db) or 0) / 1e6:.0f} MB")
    except ImportError:
        out.append("  (old code: no search index)")
    try:
        from desktop.search_build import warm
        t = time.perf_counter()
        warm(db)
        out.append(f"  runs and spans read in {time.perf_counter() - t:.2f} s (as the window's background build does)")
    except ImportError:
        pass
    for kind in kinds:
        browser = Browser(ledger, kind)
        table = browser.kind.table
        counts = [_count(ledger, table) for _ in range(3)]
        count = statistics.median(counts)
        n = db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out.append(f"  {kind} ({n:,} rows): SELECT count(*) {count * 1000:.1f} ms")
        every: list[float] = []
        whole: list[float] = []
        for label, query in _queries(ledger, kind):
            times = []
            for k in range(1, len(query) + 1):
                prefix = query[:k]
                state = BrowseState(search=prefix)
                t = time.perf_counter()
                page = browser.first_page(state, FIRST_PAGE) if hasattr(browser, "first_page") else None
                shown = page.ids if page is not None else browser.ids(state)
                browser.rows(shown[:PAGE])
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                ids = shown if page is not None and page.complete else browser.ids(state)
                whole.append(time.perf_counter() - t)
                log.debug("%s %r: %d hits", kind, prefix, len(ids))
            every.extend(times)
            worst = max(times)
            out.append(f"    {label:20} {query!r:24} worst {worst * 1000:7.1f} ms "
                       f"median {statistics.median(times) * 1000:7.1f} ms  "
                       f"(x{worst / count:.1f} count; {len(ids):,} hits at the end)")
        out.append(f"    every keystroke: worst {max(every) * 1000:.1f} ms, median "
                   f"{statistics.median(every) * 1000:.1f} ms; worst / count = {max(every) / count:.1f}")
        out.append(f"    the whole list (read in the background): worst {max(whole) * 1000:.1f} ms, "
                   f"median {statistics.median(whole) * 1000:.1f} ms")
    db.conn.close()


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--db FILE`` (repeatable), ``--kind KIND`` (repeatable)."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", action="append", required=True, type=Path)
    p.add_argument("--kind", action="append", default=[])
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    lines: list[str] = []
    for path in args.db:
        bench(path, args.kind or ["mark-user", "annual-report"], lines)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
