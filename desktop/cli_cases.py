"""``giledger cases``: the case register's figures and its typical cases (registered by
:mod:`desktop.cli`; the rules are :mod:`desktop.cases`)::

    giledger [--db PATH] cases [--year Y] [--json]             # counts: this year, open, per act;
                                                               # at a city per unit and year
    giledger [--db PATH] cases --typical [--year Y] [-o FILE.xlsx|FILE.pdf] [--json]

A county lists its own cases, a city (or province) its units' and its own. ``--year`` is the
filing year (the figures' "this year"; the typical cases filed in it). Exit codes as
everywhere: 0 done, 2 usage, 3 refused (an output file that is neither .xlsx nor .pdf, a
folder that does not exist, a year out of range), 4 the database cannot be used.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.cli_output import dump_json, output_problem, refused
from desktop.ledger import Ledger

__all__ = ["COMMANDS", "add_parsers", "handler", "run"]

COMMANDS = ("cases",)
EXIT_OK, EXIT_REFUSED = 0, 3


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``cases`` to the subcommands ``sub``."""
    s = sub.add_parser("cases", help="行政保护案件统计与典型案例 / case counts and typical cases")
    s.add_argument("--typical", action="store_true",
                   help="列出典型案例（用于公布）/ list the typical cases for publication")
    s.add_argument("--year", type=int, metavar="Y", help="立案年度 / the filing year")
    s.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx|FILE.pdf",
                   help="保存典型案例表 / save the typical cases (with --typical)")
    s.add_argument("--json", action="store_true")


def handler(command: str, open_ledger: Callable[[argparse.Namespace], Ledger]
            ) -> Callable[[argparse.Namespace, TextIO], int]:
    """The command-line handler of ``command`` (``open_ledger(args)`` opens the database)."""
    return lambda args, out: run(args, out, lambda: open_ledger(args))


def _check(args: argparse.Namespace) -> str | None:
    """Why the arguments cannot be run (None when they can)."""
    if args.year is not None and not 1949 <= args.year <= 9999:
        return f"年度应在 1949 到 9999 之间：{args.year} / the year must be 1949 to 9999: {args.year}"
    path: Path | None = args.output
    if path is None:
        return None
    if not args.typical:
        return "-o 只用于 --typical（典型案例表）/ -o is for --typical (the typical-case sheet)"
    return output_problem(path)


def run(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """Run ``giledger cases``."""
    bad = _check(args)
    if bad:
        return refused(bad)
    with open_ledger() as ledger:
        if args.typical:
            return _typical(ledger, args, out)
        return _figures(ledger, args, out)


def _typical(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.cases.typical import typical_cases, write_typical

    found = typical_cases(ledger, args.year)
    if args.output is not None:
        write_typical(ledger, args.output, args.year, found)
    if args.json:
        dump_json([c.to_json() for c in found], out)
        return EXIT_OK
    when = f"{args.year} 年" if args.year is not None else "全部年度 / every year"
    out.write(f"典型案例 / typical cases（{when}）：{len(found)} 件\n")
    for n, c in enumerate(found, start=1):
        out.write(f"{n:>3} {c.unit}\t{c.case_no}\t{c.party_name}\t{c.gi}\t{c.act_zh}\t{c.penalty}\n")
        if c.summary:
            out.write(f"      {c.summary}\n")
    if args.output is not None:
        out.write(f"已保存 / saved: {args.output}\n")
    return EXIT_OK


def _figures(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.cases.figures import case_figures, city_case_figures

    day = ledger.today()
    as_of = day if args.year in (None, day.year) else date(args.year, 12, 31)
    if ledger.mode == "county":
        f = case_figures(ledger, as_of, ledger.office.code)
        if args.json:
            dump_json(f.to_json(), out)
            return EXIT_OK
        out.write(f"{ledger.office.name} 行政保护案件 / cases：{f.year} 年立案 / filed {f.this_year}，"
                  f"未结 / open {f.open}，典型案例 / typical {f.typical}，合计 / total {f.total}\n")
        for a in f.by_act:
            out.write(f"  {a.zh} / {a.en}\t{a.n}\n")
        years = "；".join(f"{y}: {n}" for y, n in sorted(f.per_year.items())) or "—"
        out.write(f"各年立案 / per year：{years}\n")
        return EXIT_OK
    city = city_case_figures(ledger, as_of)
    if args.json:
        dump_json(city.to_json(), out)
        return EXIT_OK
    year = as_of.year
    out.write(f"{ledger.office.name} 各单位行政保护案件 / cases per unit（{year} 年 / in {year}）\n")
    out.write("单位 / unit\t" + "\t".join(str(y) for y in city.years) + f"\t未结 / open\t{year} 年各违法行为 / acts\n")
    for u in city.units:
        acts = "；".join(f"{a.zh} {a.n}" for a in u.figures.by_act if a.n) or "—"
        out.write(f"{u.code} {u.name}\t" + "\t".join(str(u.figures.per_year.get(y, 0)) for y in city.years)
                  + f"\t{u.figures.open}\t{acts}\n")
    totals = city.total_per_year()
    out.write("合计 / total\t" + "\t".join(str(totals.get(y, 0)) for y in city.years) + "\n")
    if not city.units:
        out.write("还没有案件 / no cases yet\n")
    return EXIT_OK
