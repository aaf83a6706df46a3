"""The command line of the annual-report cycle (registered by :mod:`desktop.cli`).

::

    giledger annual-reports --year Y [--json]                 # status per user, counts per status
    giledger annual-reports --year Y --set-deadline DATE       # this office's deadline for Y
    giledger annual-report-workbook --year Y [--user ID] -o FILE.xlsx
    giledger import-annual-reports FILE.xlsx... [--dry-run] [--report OUT.xlsx]

Exit codes as everywhere: 0 done, 2 usage, 3 refused (the message says why in both
languages; nothing was imported), 4 the database cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.annual import status as annual_status
from desktop.annual.errors import write_error_workbook
from desktop.annual.returned import AnnualImport, ImportRefused, apply_import, plan_import
from desktop.annual.workbook import write_workbook
from desktop.cli_output import dump_json
from desktop.ledger import Ledger
from desktop.registers import REGISTRY

__all__ = ["COMMANDS", "add_parsers", "handler"]

COMMANDS = ("annual-reports", "annual-report-workbook", "import-annual-reports")

EXIT_OK, EXIT_REFUSED = 0, 3

_ACTIONS = {"new": ("新增", "new"), "updated": ("更新", "updated"), "unchanged": ("无变化", "unchanged"),
            "blank": ("未填写，跳过", "left blank, skipped"),
            "refused": ("拒绝", "refused")}


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add the commands of :data:`COMMANDS` to the subcommands ``sub``."""
    s = sub.add_parser("annual-reports", help="年报报送情况 / annual-report status per user")
    s.add_argument("--year", required=True, type=int, metavar="Y")
    s.add_argument("--json", action="store_true")
    s.add_argument("--set-deadline", metavar="DATE", help="设置该年度的报送截止日期 / set the year's deadline")
    s = sub.add_parser("annual-report-workbook", help="生成年报填报工作簿 / blank annual-report workbook")
    s.add_argument("--year", required=True, type=int, metavar="Y")
    s.add_argument("--user", action="append", metavar="ID", help="只为该用标主体生成（可重复）/ only this user")
    s.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    s = sub.add_parser("import-annual-reports", help="导入回收的年报工作簿 / import returned workbooks")
    s.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx")
    s.add_argument("--dry-run", action="store_true", help="只检查，不导入 / check only")
    s.add_argument("--report", type=Path, metavar="OUT.xlsx", help="问题工作簿 / error workbook")


def handler(command: str, open_ledger: Callable[[argparse.Namespace], Ledger]
            ) -> Callable[[argparse.Namespace, TextIO], int]:
    """The command-line handler of ``command`` (``open_ledger(args)`` opens the database)."""
    run = _HANDLERS[command]

    def handle(args: argparse.Namespace, out: TextIO) -> int:
        with open_ledger(args) as ledger:
            return run(ledger, args, out)

    return handle


def _reports(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    if args.set_deadline:
        day = annual_status.set_deadline(ledger, args.year, args.set_deadline)
        out.write(f"{args.year}年度年报截止日期已设为 {day.isoformat()} / deadline of {args.year} set to {day}\n")
    st = annual_status.year_status(ledger, args.year)
    counts = st.counts()
    if args.json:
        dump_json({"year": st.year, "deadline": st.deadline.isoformat(), "deadline_set": st.deadline_set,
               "today": st.today.isoformat(), "counts": counts, "users": [u.to_json() for u in st.users]}, out)
        return EXIT_OK
    statuses = REGISTRY["mark-user"].field("status")
    out.write(f"{st.year}年度年报  截止日期 / deadline {st.deadline.isoformat()}"
              f"{'' if st.deadline_set else '（默认 / default）'}\n")
    for u in st.users:
        label = annual_status.status_label(u.status)
        late = "  逾期 / overdue" if u.overdue else ""
        out.write(f"{u.user_id}\t{u.name}\t{u.uscc or ''}\t{statuses.display(u.user_status)}\t"
                  f"{label.zh}/{label.en}\t{u.report_id or '-'}{late}\n")
    out.write("合计 / counts: " + "，".join(f"{s.zh} {counts[s.code]}" for s in annual_status.STATUSES)
              + f"，逾期 {counts['overdue']} / " + ", ".join(f"{s.en} {counts[s.code]}" for s in annual_status.STATUSES)
              + f", overdue {counts['overdue']}\n")
    return EXIT_OK


def _workbook(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    result = write_workbook(ledger, args.year, args.output, args.user)
    out.write(f"已生成 / written: {args.output}（{len(result.serials)} 个用标主体 / users; "
              f"编号 / serials {result.serials[0]} … {result.serials[-1]}）\n")
    return EXIT_OK


def describe(plan: AnnualImport, dry_run: bool) -> str:
    """The lines of an import (or a dry run): per file and sheet, what it does or why refused."""
    lines = []
    for f in plan.files:
        lines.append(f"{f.path.name}  sha256 {f.sha256[:16] or '-'}")
        if f.refusal is not None:
            lines.append(f"  拒绝 / refused: {f.refusal.zh} / {f.refusal.en}")
        for s in f.sheets:
            action = "refused" if s.refused else s.action
            zh, en = _ACTIONS[action]
            head = f"  {s.sheet}  {s.user_id} {s.user_name}  {zh} / {en}"
            if s.changes and not s.refused:
                head += "（" + "、".join(REGISTRY["annual-report"].field(k).zh for k in s.changes) + "）"
            lines.append(head)
            if s.refusal is not None:
                lines.append(f"    {s.refusal.zh} / {s.refusal.en}")
            lines += [f"    {p.describe()}" for p in s.problems]
            lines += [f"    提示 / warning: {w.message_zh} / {w.message_en}" for w in s.warnings]
    c = plan.counts()
    verb = "可导入 / would import" if dry_run else "已导入 / imported"
    if not plan.ok:
        verb = "未导入任何数据 / nothing imported"
    lines.append(f"{verb}: 新增 {c['new']}，更新 {c['updated']}，无变化 {c['unchanged']}，未填写 {c['blank']}，"
                 f"拒绝 {c['refused']} / new {c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, "
                 f"blank {c['blank']}, refused {c['refused']}")
    return "\n".join(lines) + "\n"


def _import(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    if args.dry_run:
        plan = plan_import(ledger, args.files)
    else:
        try:
            plan = apply_import(ledger, args.files)
        except ImportRefused as e:
            plan = e.plan
    out.write(describe(plan, args.dry_run))
    if args.report is not None and not plan.ok:
        write_error_workbook(plan, args.report)
        out.write(f"问题工作簿 / error workbook: {args.report}\n")
    if not plan.ok:
        sys.stderr.write("输入被拒绝，未导入任何数据 / input refused; nothing was imported\n")
        return EXIT_REFUSED
    return EXIT_OK


_HANDLERS: dict[str, Callable[[Ledger, argparse.Namespace, TextIO], int]] = {
    "annual-reports": _reports, "annual-report-workbook": _workbook, "import-annual-reports": _import,
}
