"""``giledger completeness`` and ``giledger targets``: the city's completeness view and its
targets (see :mod:`desktop.city.completeness`, :mod:`desktop.city.targets`).

Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done, 2 usage, 3 refused: a
period or date that cannot be read, duplicate targets, an output file that is neither .xlsx
nor .pdf, 4 database)::

    giledger [--db PATH] completeness --period P [--grace DAYS] [-o FILE.xlsx|FILE.pdf] [--json]
    giledger [--db PATH] targets [list [--year Y] [--json]]
    giledger [--db PATH] targets defaults --year Y
    giledger [--db PATH] targets evaluate --year Y [--as-of DATE] [-o FILE.xlsx|FILE.pdf] [--json]

A target is also a register (``giledger add target --set year=2025 --set measure=覆盖率 ...``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.cli_output import dump_json, output_problem, refused

__all__ = ["add_parsers", "cmd_completeness", "cmd_targets", "COMMANDS"]

COMMANDS = ("completeness", "targets")
EXIT_OK, EXIT_USAGE, EXIT_REFUSED = 0, 2, 3


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``completeness`` and ``targets`` to the subcommands ``sub``."""
    s = sub.add_parser("completeness", help="报送情况 / which units reported for a period (city)")
    s.add_argument("--period", required=True, metavar="P", help="2024, 2024Q2 or 2024-05")
    s.add_argument("--grace", type=int, default=None, metavar="DAYS",
                   help="期末后宽限天数 / days after the period's end (default 15)")
    s.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx|FILE.pdf")
    s.add_argument("--json", action="store_true")

    t = sub.add_parser("targets", help="工作目标 / the city's targets and how each unit stands")
    acts = t.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    p = acts.add_parser("list", help="目标列表 / the targets")
    p.add_argument("--year", type=int, metavar="Y")
    p.add_argument("--json", action="store_true")
    p = acts.add_parser("defaults", help="按文件添加默认目标 / add the seeds' targets for a year")
    p.add_argument("--year", type=int, required=True, metavar="Y")
    p = acts.add_parser("evaluate", help="目标完成情况 / each unit's status per target")
    p.add_argument("--year", type=int, required=True, metavar="Y")
    p.add_argument("--as-of", dest="as_of", metavar="DATE")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx|FILE.pdf")
    p.add_argument("--json", action="store_true")


def cmd_completeness(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Any]) -> int:
    """Run ``giledger completeness``."""
    from desktop.city import completeness as cp

    try:
        period = cp.parse_period(args.period)
    except cp.PeriodError as e:
        return refused(str(e).replace("\n", " / "))
    grace = cp.DEFAULT_GRACE if args.grace is None else args.grace
    if grace < 0:
        return refused(f"宽限天数不能为负数：{grace} / the grace in days cannot be negative: {grace}")
    bad = output_problem(args.output)
    if bad:
        return refused(bad)
    ledger = open_ledger()
    view = cp.completeness(ledger, period, grace=grace)
    if args.output is not None:
        cp.write(ledger, view, args.output)
    if args.json:
        dump_json(view.to_json(), out)
        return EXIT_OK
    out.write(f"报送情况 / reporting {period.label}（{period.start} – {period.end}），"
              f"报送期限 / due {view.deadline}（宽限 / grace {grace} 天）\n")
    for u in view.units:
        last = f"第{u.last_sequence}号 {u.last_received}" if u.last_sequence is not None else "—"
        row = f"{u.stats_as_of}" if u.stats_as_of else "—"
        out.write(f"{u.position:>3} {u.code} {u.name}\t数据包 {last}\t统计表 {row}\t"
                  f"{cp.status_text(u.status)}{'  逾期 / overdue' if u.overdue else ''}\n")

    def pct(r: float | None) -> str:
        return "—" if r is None else f"{r * 100:.1f}%"

    out.write(f"报送率 / reporting rate {view.reported}/{view.expected} = {pct(view.reporting_rate)}；"
              f"按时 / on time {view.on_time}/{view.expected} = {pct(view.on_time_rate)}；"
              f"逾期 / overdue {view.overdue}\n")
    if args.output is not None:
        out.write(f"已保存 / saved: {args.output}\n")
    return EXIT_OK


def _parse_date(text: str) -> date | None:
    from desktop.fields import FieldError
    from desktop.registers.city_units import TARGET

    try:
        value = TARGET.field("due").coerce(text)
    except FieldError:
        return None
    return value if isinstance(value, date) else None


def cmd_targets(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Any]) -> int:
    """Run ``giledger targets``."""
    from desktop.city import targets as tg

    action = args.action or "list"
    if action == "evaluate":
        as_of = None
        if args.as_of is not None:
            as_of = _parse_date(args.as_of)
            if as_of is None:
                return refused(f"--as-of 日期无法识别：{args.as_of} / cannot read the date {args.as_of!r}")
        bad = output_problem(args.output)
        if bad:
            return refused(bad)
        ledger = open_ledger()
        ev = tg.evaluate(ledger, args.year, as_of)
        if args.output is not None:
            tg.write(ledger, ev, args.output)
        if args.json:
            dump_json(ev.to_json(), out)
            return EXIT_OK
        _write_evaluation(ev, out)
        if args.output is not None:
            out.write(f"已保存 / saved: {args.output}\n")
        return EXIT_OK
    ledger = open_ledger()
    if action == "defaults":
        try:
            added = tg.add_defaults(ledger, args.year)
        except tg.TargetError as e:
            return refused(str(e).replace("\n", " / "))
        for rec in added:
            out.write(f"{rec.id}\t{tg.measure_label(rec.values['measure'])}\n")
        return EXIT_OK
    where = {"year": args.year} if getattr(args, "year", None) is not None else None
    recs = sorted(ledger.list("target", where, office_code=ledger.office.code),
                  key=lambda r: (r.values["year"], r.values["measure"], r.id))
    if getattr(args, "json", False):
        dump_json([r.to_json() for r in recs], out)
        return EXIT_OK
    for r in recs:
        v = r.values
        out.write(f"{r.id}\t{v['year']}\t{tg.measure_label(v['measure'])}\t≥{v['threshold']:g}\t"
                  f"{'全市' if v['scope'] == 'city_total' else '每个单位'}\t{v.get('due') or ''}\n")
    if not recs:
        out.write("还没有工作目标（giledger targets defaults --year Y）/ no targets yet\n")
    return EXIT_OK


_SIGN = {"green": "●达标", "amber": "○未达标", "red": "×未达标", None: ""}


def _write_evaluation(ev: Any, out: TextIO) -> None:
    out.write(f"{ev.year} 年工作目标 / targets, 截至 / as of {ev.as_of}\n")
    if not ev.targets:
        out.write(f"{ev.year} 年还没有工作目标 / no targets for {ev.year}\n")
        return
    from desktop.city.targets import measure_label

    for t in ev.targets:
        scope = "全市" if t.scope == "city_total" else "每个单位"
        out.write(f"[{t.id}] {measure_label(t.measure)} ≥ {t.threshold:g}（{scope}，期限 / due {t.due}）\n")
        for u in ev.units:
            m = ev.marks[(u.code, t.id)]
            out.write(f"  {u.code} {u.name}\t{_SIGN[m.status]}\t{m.reason_zh}\n")
        m = ev.totals[t.id]
        out.write(f"  全市 / city\t{_SIGN[m.status]}\t{m.reason_zh}\n")
