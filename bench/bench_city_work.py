"""The city's work on a full city: the city table, the completeness view and the dashboards on
a city holding 22 counties of ``demo --size large`` (about 3.2 million records, 1.3 GB), each
against the 2 s of issue 14, reported beside the time of one plain ``SELECT count(*)`` over
each of the tables they read, in the same run (the machine is shared: the ratios are what
compare across runs).

The city is the one :mod:`bench.bench_city` builds and caches (``CACHE``, never in the
checkout; about half an hour on two cores the first time, then reused). Each run works on a
fresh copy of it in which the city's unit list is its 22 merged counties (the defaults of 130100
are the seed's 22 units, two of which the cache's code-order counties leave out): every unit
then has its statistics row (``demo`` writes one per county; the copy is checked for them).

Each measurement is a small function that imports its module when it runs, so a checkout
without one of the city's modules reports it as not available instead of failing:
:data:`MEASURED` lists the entry points measured and how each is called (adjust it there).

Usage: python bench/bench_city_work.py CACHE [--repeat N] [--counties N] [--size small] [--in-place]
       python bench/bench_city_work.py CACHE --city CITY.db   (a city built elsewhere)
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_city import CITY, CITY_COUNTIES, build  # noqa: E402 - after the checkout is on the path

TARGET_SECONDS = 2.0

# ---- for the integrator: the entry points measured ------------------------------------------
# (label, module, function, how it is called):
#   "as_of"  -> function(ledger, as_of)         as_of: the date of the demo's statistics rows
#   "period" -> function(ledger, period)        period: that date's year, as text ("2026")
#   "ledger" -> function(ledger)
#   "targets" -> function(ledger, year, as_of)  after adding the seeds' targets for last year
MEASURED: list[tuple[str, str, str, str]] = [
    ("city table", "desktop.city.table", "compute", "as_of"),
    ("completeness view", "desktop.city.completeness", "completeness", "period"),
    ("dashboard", "desktop.dashboard", "compute_dashboard", "ledger"),
    ("city dashboard", "desktop.city.dashboard", "compute_city_dashboard", "ledger"),
    ("targets evaluation", "desktop.city.targets", "evaluate", "targets"),
]

COUNTED_TABLES = ("county_stats", "protected_gis", "mark_users", "annual_reports", "candidates")
"""The tables the city's views read, each counted once per round as the reference time."""


class NotAvailable(Exception):
    """The module or function of a measurement is not in this checkout."""


def entry_point(module: str, function: str) -> Callable[..., Any]:
    """``module.function``, imported now; :class:`NotAvailable` if either is missing."""
    try:
        found = importlib.import_module(module)
    except ImportError as e:
        raise NotAvailable(f"{module}: {e}") from None
    fn = getattr(found, function, None)
    if not callable(fn):
        raise NotAvailable(f"{module}.{function} is missing")
    result: Callable[..., Any] = fn
    return result


def measurement(ledger: Any, module: str, function: str, style: str, as_of: date) -> Callable[[], Any]:
    """The call to time (imported lazily): see :data:`MEASURED`."""
    fn = entry_point(module, function)
    if style == "as_of":
        return lambda: fn(ledger, as_of)
    if style == "period":
        return lambda: fn(ledger, f"{as_of.year:04d}")
    if style == "ledger":
        return lambda: fn(ledger)
    if style == "targets":  # the seeds' targets for the year of the statistics rows, then evaluated
        from desktop.city import targets

        year = as_of.year - 1
        if not ledger.count("target", {"year": year}):
            targets.add_defaults(ledger, year)
        return lambda: fn(ledger, year, as_of)
    raise NotAvailable(f"unknown call style {style!r}")


def count_star(ledger: Any, table: str) -> Callable[[], int]:
    """One plain ``SELECT count(*)`` over ``table`` (the reference time)."""
    def run() -> int:
        return int(ledger.db.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    return run


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def prepare(full: Path, work: Path, in_place: bool) -> Path:
    """The city to measure: a fresh copy of the cached one (or the cached one itself)."""
    if in_place:
        return full
    work.mkdir(parents=True, exist_ok=True)
    target = work / "city.db"
    for stale in work.glob("city.db*"):
        stale.unlink()
    t = time.perf_counter()
    shutil.copy(full, target)
    print(f"copied the city ({target.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t:.1f} s", flush=True)
    return target


def units_and_stats(ledger: Any, counties: list[str]) -> date:
    """Make the city's unit list its merged counties (on the copy) and check each has a
    statistics row; returns the latest ``as_of`` of those rows (the date measured)."""
    from db.city import latest_stats
    from desktop.city import units

    listed = {u.code for u in units.current_units(ledger)}
    for code in sorted(listed - set(counties)):
        units.remove_unit(ledger, code)
    for code in counties:
        if code not in listed:
            units.add_unit(ledger, code)
    rows = latest_stats(ledger.db, "9999-12-31", counties)
    lacking = [c for c in counties if c not in rows]
    if lacking:
        raise SystemExit(f"counties without a statistics row in the cached city: {', '.join(lacking)}")
    return max(date.fromisoformat(r.as_of) for r in rows.values())


def merged_counties(path: Path) -> list[str]:
    """The offices below the city whose statistics rows the city database at ``path`` holds."""
    from db.city import latest_stats
    from db.connection import open_database

    db = open_database(path)
    try:
        return sorted(o for o in latest_stats(db, "9999-12-31") if o != CITY)
    finally:
        db.close()


def run_round(ledger: Any, as_of: date) -> dict[str, Any]:
    """One round: each count(*), then each measurement once."""
    out: dict[str, Any] = {}
    for table in COUNTED_TABLES:
        seconds, n = _timed(count_star(ledger, table))
        out[f"count {table}"] = {"seconds": seconds, "rows": n}
    for label, module, function, style in MEASURED:
        try:
            call = measurement(ledger, module, function, style, as_of)
        except NotAvailable as e:
            out[label] = {"missing": str(e)}
            continue
        seconds, _result = _timed(call)
        out[label] = {"seconds": seconds}
    return out


def report(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the best of each measure, the reference time and the ratios; returns them."""
    best: dict[str, Any] = {}
    for key in rounds[0]:
        if "missing" in rounds[0][key]:
            best[key] = rounds[0][key]
            continue
        times = [r[key]["seconds"] for r in rounds]
        best[key] = {**rounds[0][key], "seconds": min(times), "every": times}
    counts = [best[f"count {t}"]["seconds"] for t in COUNTED_TABLES]
    reference = sum(counts)
    print("SELECT count(*), best of the rounds:")
    for table in COUNTED_TABLES:
        b = best[f"count {table}"]
        print(f"  {table:<15} {b['rows']:>10,} rows  {b['seconds'] * 1000:8.1f} ms")
    print(f"  {'all five':<15} {'':>10}       {reference * 1000:8.1f} ms (the reference)")
    print("the city's views, best of the rounds:")
    for label, module, function, _style in MEASURED:
        b = best[label]
        if "missing" in b:
            print(f"  {label:<18} not available ({b['missing']})")
            continue
        verdict = "ok" if b["seconds"] <= TARGET_SECONDS else "OVER"
        every = ", ".join(f"{s:.3f}" for s in b["every"])
        print(f"  {label:<18} {b['seconds']:7.3f} s  ({every}; {module}.{function})  "
              f"{b['seconds'] / reference:7.1f} × count(*)  target {TARGET_SECONDS:.0f} s: {verdict}")
    best["reference"] = reference
    return best


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("cache", type=Path, help="the folder of bench/bench_city.py's cached city (not the checkout)")
    p.add_argument("--repeat", type=int, default=3, help="rounds; the best of each measure is reported")
    p.add_argument("--counties", type=int, default=CITY_COUNTIES, help="counties in the city")
    p.add_argument("--size", default="large", help="demo size of each county (small: to try the bench)")
    p.add_argument("--in-place", action="store_true",
                   help="measure the cached city itself (no copy; its unit list is then changed)")
    p.add_argument("--json", type=Path, metavar="OUT.json", help="also write the figures as JSON")
    p.add_argument("--city", type=Path, metavar="CITY.db",
                   help="measure this city database instead of the cached one (its units: the counties "
                   "whose statistics rows it holds); nothing is built")
    args = p.parse_args()
    cache = args.cache.resolve()
    if cache == ROOT or ROOT in cache.parents:
        p.error("the cache must be outside the checkout")
    from bench.bench_city import county_codes
    from desktop.ledger import Ledger

    if args.city is not None:
        full = args.city.resolve()
        counties = merged_counties(full)
    else:
        full = build(cache, args.counties, args.size)["full"]
        counties = county_codes(args.counties)
    path = prepare(full, cache / "run-work", args.in_place)
    t = time.perf_counter()
    ledger = Ledger.open(path, clerk="bench")
    print(f"city {CITY} opened in {time.perf_counter() - t:.2f} s", flush=True)
    try:
        as_of = units_and_stats(ledger, counties)
        print(f"{len(counties)} units, each with its statistics row; measured as of {as_of}", flush=True)
        rounds = [run_round(ledger, as_of) for _ in range(max(1, args.repeat))]
    finally:
        ledger.close()
    best = report(rounds)
    if args.json:
        args.json.write_text(json.dumps(best, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.in_place:
        shutil.rmtree(cache / "run-work", ignore_errors=True)


if __name__ == "__main__":
    main()
