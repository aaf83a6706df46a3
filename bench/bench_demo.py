"""Benchmark: write the large demo (``giledger demo --size large``) into a new database file.

Target: the whole large demo (2,000 resources, 20,000 mark users, 100,000 annual reports,
20,000 inspections ... every row validated by ``Ledger.bulk_add``, one transaction, a
durable commit) within 30 s. Prints the time, the ratio seconds/30 (≤ 1.0 meets the
target), the rows of each kind and the size of the file.

    python bench/bench_demo.py                 # seed 1, a temporary file
    python bench/bench_demo.py --seed 5 --keep demo-large.db
    python bench/bench_demo.py --profile 25    # also the 25 costliest functions (cProfile)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.connection import open_database
from desktop.demo import generate_demo

TARGET_SECONDS = 30.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--keep", type=Path, help="write here (a new file) and keep it")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the run and print the N costliest functions")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "demo-large.db"
        if path.exists():
            parser.error(f"{path} exists; the demo needs a new file")
        db = open_database(path)
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        try:
            if profiler:
                profiler.enable()
            summary = generate_demo(db, size=args.size, seed=args.seed, today=date.today())
            if profiler:
                profiler.disable()
        finally:
            db.close()
        seconds = time.perf_counter() - started  # includes the commit and closing the file
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))

        total = sum(summary.counts.values())
        print(f"demo --size {args.size} --seed {args.seed}: office {summary.office_code}")
        for kind, n in summary.counts.items():
            print(f"  {kind:14} {n:>8,}")
        print(f"  {'total':14} {total:>8,} rows")
        print(f"seconds: {seconds:.2f} (generate_demo {summary.seconds:.2f}), "
              f"{total / seconds:,.0f} rows/s")
        print(f"ratio seconds/{TARGET_SECONDS:.0f}: {seconds / TARGET_SECONDS:.2f} "
              f"({'meets' if seconds <= TARGET_SECONDS else 'MISSES'} the target ≤ 1.0)")
        print(f"file size: {size / 1_048_576:.1f} MiB ({path.name}{' kept' if args.keep else ''})")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
            print(out.getvalue())
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
