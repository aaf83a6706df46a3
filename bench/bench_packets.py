"""Packet export and import on a large county (demo --size large, ~144,000 rows), against the
plain libraries writing and reading the same cells in the same run.

- export: ``export_packet`` vs xlsxwriter (constant memory) and openpyxl (write-only) writing
  the same cell values (target: within 1.3x of the faster plain writer);
- import: ``import_packet`` (read, check, merge: one pass, one transaction) into a city
  database vs python-calamine and openpyxl (read-only) reading every cell of the same file
  (target: within 1.5x of the faster); the dry run (``plan_import``) is timed too;
- memory: peak resident size of the export, of the import and of the plain calamine read, each
  in its own process (calamine holds a whole sheet while it is read: the largest sheet is the
  floor of any import built on it).

The import (into a fresh city database each time, each beside a plain calamine read) and the dry
run are run ``--repeat`` times (3) and the best of each is compared; the ratio of each import to
the read beside it is shown too. On a shared machine single runs are slowed at random, by as much
as a fifth.

``--fast-paths`` then measures what each fast path of the import buys: the import is run with
each switched off in turn (``--repeat`` times, into a fresh city database each time, the best
kept) and compared with the import with all of them on; ``--slow PATH`` switches one off for
the whole run. The paths: ``writer_thread`` (new records written on a thread of their own while
the next chunk is read) and ``staging`` (new records bound to a staging table and written with
one INSERT ... SELECT). The packet imported once more into the city that merged it ("already
merged", answered from the packet log) is timed too.

Usage: python bench/bench_packets.py [--db LARGE.db] [--skip-openpyxl] [--repeat N] [--fast-paths]
                                     [--slow PATH ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXPORT = r"""
import json, resource, sys, time
from pathlib import Path
from desktop.ledger import Ledger
from desktop.packets.export import export_packet
ledger = Ledger.open(sys.argv[1])
t = time.perf_counter()
result = export_packet(ledger, Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t, "rows": result.rows,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

IMPORT = r"""
import json, resource, sys, time
from db import packets
from desktop.ledger import Ledger
from desktop.packets import merger
from desktop.packets.importer import import_packet, plan_import
for path in filter(None, (sys.argv[4] if len(sys.argv) > 4 else "").split(",")):
    if path == "staging":
        packets.STAGING = False
    else:
        merger.FAST_PATHS[path] = False
ledger = Ledger.open(sys.argv[1])
t = time.perf_counter()
if sys.argv[3] == "dry":
    plan = plan_import(ledger, sys.argv[2])
    merged = False
else:
    result = import_packet(ledger, sys.argv[2])
    plan, merged = result.plan, result.merged
print(json.dumps({"seconds": time.perf_counter() - t, "merged": merged, "status": plan.status,
                  "refusals": plan.refusals[:3], "already_logged": plan.already_logged,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CALAMINE = r"""
import json, resource, sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
n = 0
for name in wb.sheet_names:
    for row in wb.get_sheet_by_name(name).iter_rows():
        n += len(row)
print(json.dumps({"maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _cells(packet: Path) -> list[tuple[str, list[list[Any]]]]:
    """The packet's cells as plain Python values, per sheet (what the plain writers write)."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(packet))
    out = []
    for name in wb.sheet_names:
        rows = [[c if c != "" else None for c in row] for row in wb.get_sheet_by_name(name).iter_rows()]
        out.append((name, rows))
    wb.close()
    return out


def plain_xlsxwriter(cells: list[tuple[str, list[list[object]]]], path: Path) -> float:
    import xlsxwriter

    t = time.perf_counter()
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                          "strings_to_urls": False})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in cells:
        ws = wb.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif isinstance(value, (date, datetime)):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write_number(r, c, value)
    wb.close()
    return time.perf_counter() - t


def plain_openpyxl_write(cells: list[tuple[str, list[list[object]]]], path: Path) -> float:
    from openpyxl import Workbook

    t = time.perf_counter()
    wb = Workbook(write_only=True)
    for name, rows in cells:
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append(row)
    wb.save(str(path))
    return time.perf_counter() - t


def plain_calamine(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    n = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).iter_rows():
            n += len(row)
    wb.close()
    return time.perf_counter() - t


def plain_openpyxl_read(path: Path) -> float:
    from openpyxl import load_workbook

    t = time.perf_counter()
    wb = load_workbook(str(path), read_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", type=Path, help="a large demo county database (made if missing)")
    p.add_argument("--skip-openpyxl", action="store_true", help="skip the slow openpyxl baselines")
    p.add_argument("--repeat", type=int, default=3,
                   help="import runs (each into a fresh city database) and plain calamine reads; the "
                        "best of each is compared, as a shared machine slows single runs at random")
    p.add_argument("--fast-paths", action="store_true", help="measure each fast path of the import")
    p.add_argument("--slow", action="append", default=[], choices=FAST_PATHS,
                   help="switch off a fast path of the import for the whole run")
    args = p.parse_args()
    slow = ",".join(args.slow)
    work = Path(tempfile.mkdtemp(prefix="bench_packets_"))
    county = work / "county.db"
    if args.db and args.db.exists():
        shutil.copy(args.db, county)
    else:
        from db.connection import open_database
        from desktop.demo import generate_demo

        db = open_database(county)
        generate_demo(db, size="large", seed=1)
        db.close()
    packet = work / "packet.xlsx"
    export = _run(EXPORT, str(county), str(packet))
    cells = _cells(packet)
    n_cells = sum(sum(1 for row in rows for c in row if c is not None) for _n, rows in cells)
    w_xlsx = plain_xlsxwriter(cells, work / "plain_xlsxwriter.xlsx")
    w_opx = None if args.skip_openpyxl else plain_openpyxl_write(cells, work / "plain_openpyxl.xlsx")
    del cells
    city = work / "city.db"
    from db.connection import open_database
    from desktop.ledger import init_office
    from desktop.practice import mark_training

    db = open_database(city)
    init_office(db, "130100", clerk="bench")
    mark_training(db, clerk="bench")  # a training city: it takes the demo county's packet
    db.close()
    empty = work / "city-empty.db"
    shutil.copy(city, empty)
    runs = max(1, args.repeat)
    dry = min((_run(IMPORT, str(city), str(packet), "dry", slow) for _ in range(runs)), key=lambda r: r["seconds"])
    merges, reads = [], []
    for _ in range(runs):  # each import beside a plain read: the machine's speed drifts
        shutil.copy(empty, city)
        merges.append(_run(IMPORT, str(city), str(packet), "merge", slow))
        reads.append(plain_calamine(packet))
    imported = min(merges, key=lambda r: r["seconds"])
    again = _run(IMPORT, str(city), str(packet), "merge", slow)
    calamine_rss = _run(CALAMINE, str(packet))["maxrss_mb"]
    r_cal = min(reads)
    paired = sorted(m["seconds"] / r for m, r in zip(merges, reads, strict=True))
    r_opx = None if args.skip_openpyxl else plain_openpyxl_read(packet)
    fastest_w = min(x for x in (w_xlsx, w_opx) if x is not None)
    fastest_r = min(x for x in (r_cal, r_opx) if x is not None)
    print(f"packet: {export['rows']:,} records, {n_cells:,} non-empty cells, "
          f"{packet.stat().st_size / 1e6:.1f} MB")
    print(f"export: {export['seconds']:.1f} s (peak RSS {export['maxrss_mb']:.0f} MB)")
    print(f"  plain xlsxwriter {w_xlsx:.1f} s" + (f", openpyxl write-only {w_opx:.1f} s" if w_opx else ""))
    print(f"  ratio to the faster plain writer: {export['seconds'] / fastest_w:.2f} (target 1.3)")
    every = ", ".join(f"{r['seconds']:.1f}" for r in merges)
    print(f"import: {imported['seconds']:.1f} s (best of {runs}: {every}), status {imported['status']}, "
          f"merged {imported['merged']} "
          f"(peak RSS {imported['maxrss_mb']:.0f} MB; plain calamine read {calamine_rss:.0f} MB); "
          f"dry run {dry['seconds']:.1f} s (peak RSS {dry['maxrss_mb']:.0f} MB)")
    if imported["refusals"]:
        print(f"  refusals: {imported['refusals']}")
    print(f"  already merged: {again['seconds']:.2f} s, status {again['status']}, answered from the packet "
          f"log {again['already_logged']} (target < 1 s)")
    print(f"  plain calamine {r_cal:.1f} s" + (f", openpyxl read-only {r_opx:.1f} s" if r_opx else ""))
    print(f"  ratio to the faster plain reader: {imported['seconds'] / fastest_r:.2f} (target 1.5); "
          f"each import to the read beside it: {', '.join(f'{x:.2f}' for x in paired)}")
    if args.fast_paths:
        fast_paths(city, empty, packet, runs, imported["seconds"])
    shutil.rmtree(work, ignore_errors=True)


FAST_PATHS = ("writer_thread", "staging")


def fast_paths(city: Path, empty: Path, packet: Path, runs: int, best: float) -> None:
    """The import with each fast path switched off, against the best import with all on."""
    print(f"fast paths (best of {runs}, into an empty city; all on: {best:.2f} s):")
    for path in FAST_PATHS:
        times = []
        for _ in range(runs):
            shutil.copy(empty, city)
            result = _run(IMPORT, str(city), str(packet), "merge", path)
            assert result["merged"], result
            times.append(result["seconds"])
        print(f"  without {path}: {min(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)}), "
              f"+{(min(times) / best - 1) * 100:.1f} %")


if __name__ == "__main__":
    main()
