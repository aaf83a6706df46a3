"""Benchmark: the dashboard's numbers (``desktop.dashboard.compute_dashboard``) on the large demo.

Target: compute_dashboard well under 0.5 s on the large demo (2,000 resources, 20,000 mark
users, 100,000 annual reports, 20,000 inspections), since the window must open within
1.5 s in total. Prints the time of opening the file (integrity check included, as the
window does), of the first compute on a freshly opened file and of repeated ones, each
query of :mod:`db.dashboard` alone, and what the dashboard found.

    python bench/bench_dashboard.py                     # build the large demo in a temp file (~11 s)
    python bench/bench_dashboard.py --db demo-large.db  # reuse that file (built there if missing)
    python bench/bench_dashboard.py --plan              # also the query plans
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import dashboard as queries
from db.connection import open_database
from desktop.dashboard import CODES, compute_dashboard, default_office_scope
from desktop.demo import generate_demo
from desktop.ledger import Ledger

TARGET_SECONDS = 0.5


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _build(path: Path, seed: int) -> None:
    print(f"building the large demo (seed {seed}) in {path} ...", flush=True)
    db = open_database(path)
    try:
        seconds, summary = _timed(lambda: generate_demo(db, size="large", seed=seed))
    finally:
        db.close()
    print(f"  {sum(summary.counts.values()):,} rows in {seconds:.1f} s")


def _per_query(ledger: Ledger, office: str | None) -> list[tuple[str, float]]:
    db, day = ledger.db, ledger.today()
    year = day.year - 1
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("resources by tier", lambda: queries.group_counts(db, "resources", ("tier",), office)),
        ("resources by category", lambda: queries.group_counts(db, "resources", ("category",), office)),
        ("candidates by route, stage",
         lambda: queries.group_counts(db, "candidates", ("route", "stage"), office)),
        ("GIs by type", lambda: queries.group_counts(db, "protected_gis", ("gi_type",), office)),
        ("users by status", lambda: queries.group_counts(db, "mark_users", ("status",), office)),
        ("coverage of GIs", lambda: queries.gi_coverage(db, CODES, office)),
        ("coverage of users", lambda: queries.user_coverage(db, CODES, year, office)),
        ("users without report", lambda: queries.users_without_report(db, CODES, year, office)),
        ("overdue rectifications", lambda: queries.overdue_rectifications(db, CODES, day, office)),
        ("overdue candidates", lambda: queries.overdue_candidates(db, CODES, day, office)),
        ("overdue abnormal entries", lambda: queries.overdue_abnormal_entries(db, day, office)),
    ]
    return [(name, min(_timed(fn)[0] for _ in range(3))) for name, fn in steps]


def _plans(ledger: Ledger) -> list[tuple[str, list[str]]]:
    """The statements one compute_dashboard runs (parameters filled in) and their plans."""
    conn = ledger.db.conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        compute_dashboard(ledger)
    finally:
        conn.set_trace_callback(None)
    out = []
    for sql in seen:
        if sql.lstrip().upper().startswith("SELECT"):
            plan = [row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
            out.append((" ".join(sql.split()), plan))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path,
                        help="use this database (the large demo is built there if missing)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="warm runs to time (default 5)")
    parser.add_argument("--plan", action="store_true", help="also print the plan of every query")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "demo-large.db"
        if not path.exists():
            _build(path, args.seed)

        open_s, db = _timed(lambda: open_database(path, create=False))
        try:
            ledger = Ledger(db)
            office = default_office_scope(ledger)
            first_s, dash = _timed(lambda: compute_dashboard(ledger))
            warm = [_timed(lambda: compute_dashboard(ledger))[0] for _ in range(args.repeat)]
            per_query = _per_query(ledger, office)
            plans = _plans(ledger) if args.plan else []
            counts = {k: db.conn.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
                      for k, t in (("mark users", "mark_users"), ("annual reports", "annual_reports"),
                                   ("inspections", "inspections"), ("abnormal", "abnormal_entries"))}
        finally:
            db.close()

    print(f"database: {path.name}, office {ledger.office.code} ({ledger.mode}), as of {dash.as_of}; "
          + ", ".join(f"{k} {n:,}" for k, n in counts.items()))
    print(f"open_database + integrity check: {open_s * 1000:7.1f} ms")
    print(f"compute_dashboard, first run:    {first_s * 1000:7.1f} ms")
    if warm:
        print(f"compute_dashboard, warm x{len(warm)}:     "
              f"{statistics.median(warm) * 1000:7.1f} ms median, "
              f"{min(warm) * 1000:.1f} min, {max(warm) * 1000:.1f} max")
    print("per query (best of 3):")
    for name, seconds in per_query:
        print(f"  {name:28} {seconds * 1000:7.2f} ms")
    print("found:")
    print("  tiers      " + ", ".join(f"{c.zh} {c.n}" for c in dash.tiers))
    print("  GI types   " + ", ".join(f"{c.zh} {c.n}" for c in dash.gi_types))
    print("  users      " + ", ".join(f"{c.zh} {c.n}" for c in dash.user_statuses))
    for label, cov in (("GI coverage", dash.coverage_products), ("user coverage", dash.coverage_users)):
        ratio = "—" if cov.ratio is None else f"{cov.ratio:.1%}"
        print(f"  {label:14} {cov.numerator:,} / {cov.denominator:,} = {ratio}")
    for item in dash.attention:
        print(f"  {item.zh}（{len(item.ids)}） [{item.kind}]")
    for sql, plan in plans:
        print(f"plan of {sql[:100]}{' ...' if len(sql) > 100 else ''}")
        for step in plan:
            print(f"    {step}")
    worst = max(first_s, *warm) if warm else first_s
    print(f"ratio seconds/{TARGET_SECONDS}: {worst / TARGET_SECONDS:.2f} "
          f"({'meets' if worst <= TARGET_SECONDS else 'MISSES'} the target ≤ 1.0, slowest run)")
    return 0 if worst <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
