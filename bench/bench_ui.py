"""Desktop client speed on a large county (demo --size large).

Measures, against the issue's targets:
- start: a fresh process until the main window is shown and drawn (target 1.5 s);
- search: typing in the search box of the 20,000-row mark-user table, per keystroke,
  until the model holds the new rows and the first page is drawn (target 100 ms);
- sort: sorting each column of the mark-user table (target 200 ms), and of the
  100,000-row annual-report table for reference.

Usage: python bench/bench_ui.py [--db PATH]   (without --db a large demo is generated, ~11 s)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START_SCRIPT = r"""
import os, sys, time
t0 = float(sys.argv[2])
from PySide6.QtWidgets import QApplication
from ui.window_app import build_window
app = QApplication([])
window = build_window(sys.argv[1], settings_path=sys.argv[3])
window.show()
app.processEvents()
window.grab()
print(time.time() - t0)
"""


def _large_db() -> Path:
    from db.connection import open_database
    from desktop.demo import generate_demo

    path = Path(tempfile.mkdtemp()) / "large.db"
    db = open_database(path)
    generate_demo(db, size="large", seed=1)
    db.close()
    return path


def bench_start(path: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        settings = Path(tempfile.mkdtemp()) / "s.ini"
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, str(path), str(t0), str(settings)],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def bench_table(path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop.browse import Browser
    from desktop.ledger import Ledger
    from ui.models.register_model import RegisterModel

    app = QApplication.instance() or QApplication([])
    ledger = Ledger.open(path)
    for kind, limit_search, limit_sort in (("mark-user", 0.100, 0.200), ("annual-report", None, None)):
        model = RegisterModel(Browser(ledger, kind))
        view = QTableView()
        view.setModel(model)
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        word = "行唐县上碑"
        per_key = []
        for n in range(1, len(word) + 1):
            t = time.perf_counter()
            model.set_search(word[:n])
            view.viewport().repaint()  # the one paint that shows the new rows
            per_key.append(time.perf_counter() - t)
        model.set_search("")
        sorts = {}
        for col, column in enumerate(model.browser.columns):
            t = time.perf_counter()
            model.sort(col)
            view.viewport().repaint()
            sorts[column.key] = time.perf_counter() - t
        worst_key = max(per_key)
        worst_sort = max(sorts, key=sorts.__getitem__)
        print(f"{kind}: {model.rowCount():,} rows")
        line = (f"  search per keystroke: worst {worst_key * 1000:.0f} ms, "
                f"median {statistics.median(per_key) * 1000:.0f} ms")
        if limit_search:
            line += f"  (ratio to 100 ms: {worst_key / limit_search:.2f})"
        print(line)
        line = (f"  sort: worst {sorts[worst_sort] * 1000:.0f} ms ({worst_sort}), "
                f"median {statistics.median(sorts.values()) * 1000:.0f} ms")
        if limit_sort:
            line += f"  (ratio to 200 ms: {sorts[worst_sort] / limit_sort:.2f})"
        print(line)
        view.close()
    ledger.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", type=Path)
    args = p.parse_args()
    path = args.db or _large_db()
    start = bench_start(path)
    print(f"start to drawn window: {start:.2f} s  (ratio to 1.5 s: {start / 1.5:.2f})")
    bench_table(path)


if __name__ == "__main__":
    main()
