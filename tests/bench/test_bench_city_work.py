"""bench/bench_city_work.py in a bounded form: two small demo counties in a cached city, so the
benchmark of issue 14 keeps running as the city's modules change (its figures are taken on the
full city by hand: see the script's docstring)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_city_work_bench_runs_on_a_small_city(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_city_work.py"), str(tmp_path / "cache"), "--counties", "2",
         "--size", "small", "--repeat", "1", "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2 units, each with its statistics row" in done.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["count county_stats"]["rows"] == 2
    assert figures["reference"] > 0
    assert figures["dashboard"]["seconds"] < 60
    for label in ("city table", "completeness view", "city dashboard"):  # measured, or said missing
        assert "seconds" in figures[label] or "missing" in figures[label]
    assert not (tmp_path / "cache" / "run-work").exists()
