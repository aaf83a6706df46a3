"""The command line of work-plan tasks and reviews (registered by :mod:`desktop.cli`).

::

    giledger work-plan add --name N --year Y [--doc NO] [--issued D]     # city: prints the plan id
    giledger work-plan list [--json]
    giledger task add --plan ID --number N --text T [--section S] [--units 130125,130126] [--deadline D]
    giledger task import --plan ID FILE.txt        # city: the tasks of pasted 分工方案 text, all or none
    giledger task list [--plan ID] [--json]        # city: its plans' tasks; county: its tasks and its latest progress
    giledger task grid --plan ID [-o FILE.pdf|FILE.xlsx] [--json]
    giledger progress --task ID --status 进行中 [--text T] [--date D] [--attachment NAME ...]
    giledger review RECORD_ID --checked | --return REASON [--date D]
    giledger answer REVIEW_ID TEXT [--date D]
    giledger reviews [--open] [--received] [--json]

Exit codes as everywhere: 0 done, 2 usage, 3 refused (the message says why in both
languages), 4 the database cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.city import reviews, tasks
from desktop.cli_output import dump_json
from desktop.ledger import Ledger
from desktop.validation import Reason

__all__ = ["COMMANDS", "add_parsers", "handler", "run"]

COMMANDS = ("work-plan", "task", "progress", "review", "answer", "reviews")

EXIT_OK, EXIT_REFUSED = 0, 3


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add the commands of :data:`COMMANDS` to the subcommands ``sub``."""
    s = sub.add_parser("work-plan", help="工作计划 / work plans (city)")
    ss = s.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
    p = ss.add_parser("add", help="新增工作计划 / enter a work plan")
    p.add_argument("--name", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--doc", metavar="NO", help="文号 / document number")
    p.add_argument("--issued", metavar="DATE", help="印发日期 / issued on")
    p.add_argument("--note")
    p = ss.add_parser("list", help="列出工作计划 / list the work plans")
    p.add_argument("--json", action="store_true")

    s = sub.add_parser("task", help="工作任务 / work-plan tasks")
    ss = s.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
    p = ss.add_parser("add", help="新增任务 / enter a task of a plan (city)")
    p.add_argument("--plan", required=True, metavar="ID")
    p.add_argument("--number", required=True, metavar="N")
    p.add_argument("--text", required=True, metavar="TEXT")
    p.add_argument("--section", metavar="TEXT")
    p.add_argument("--units", metavar="CODES", help="责任单位代码，逗号分隔；不填为全部 / unit codes, comma-separated; "
                   "none: every unit")
    p.add_argument("--deadline", metavar="DATE")
    p.add_argument("--departments", metavar="TEXT", help="牵头科室 / lead department")
    p = ss.add_parser("import", help="从分工方案文本导入任务 / add the tasks of pasted plan text (city)")
    p.add_argument("--plan", required=True, metavar="ID")
    p.add_argument("file", type=Path, metavar="FILE.txt", help="“1、任务（责任单位：…）”行或表格行 / numbered lines "
                   "or tab-separated table rows")
    p = ss.add_parser("list", help="列出任务 / list tasks (county: its tasks with its latest progress)")
    p.add_argument("--plan", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = ss.add_parser("grid", help="任务进展表 / the task x unit grid of a plan (city)")
    p.add_argument("--plan", required=True, metavar="ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.pdf|FILE.xlsx")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("progress", help="报告任务进展 / report progress on a task (county)")
    p.add_argument("--task", required=True, metavar="ID")
    p.add_argument("--status", required=True, help="未开始、进行中、已完成、有困难 / not_started, in_progress, "
                   "done, difficulty")
    p.add_argument("--text", metavar="TEXT")
    p.add_argument("--date", metavar="DATE", help="报告日期，默认今天 / report date (default today)")
    p.add_argument("--attachment", action="append", default=[], metavar="NAME",
                   help="附件名称，可重复 / attachment file name, repeatable")

    p = sub.add_parser("review", help="审核下级单位的记录 / review a unit's record (city)")
    p.add_argument("record_id", metavar="RECORD_ID")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--checked", action="store_true", help="已核 / checked")
    g.add_argument("--return", dest="reason", metavar="REASON", help="退回及原因 / return it, with the reason")
    p.add_argument("--date", metavar="DATE")

    p = sub.add_parser("answer", help="答复审核意见 / answer a review (county)")
    p.add_argument("review_id", metavar="REVIEW_ID")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--date", metavar="DATE")

    p = sub.add_parser("reviews", help="审核意见 / the reviews written here (city) or received (county)")
    p.add_argument("--open", action="store_true", help="只列未结的 / only open ones")
    p.add_argument("--received", action="store_true", help="上级对本单位记录的审核（市级）/ the parent's reviews "
                   "of this office's records (a city)")
    p.add_argument("--json", action="store_true")


def handler(command: str, open_ledger: Callable[[argparse.Namespace], Ledger]
            ) -> Callable[[argparse.Namespace, TextIO], int]:
    """The command-line handler of ``command`` (``open_ledger(args)`` opens the database)."""
    return lambda args, out: run(command, args, out, lambda: open_ledger(args))


def run(command: str, args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """Run one of :data:`COMMANDS`; a refused use case exits 3 with its reason on stderr."""
    try:
        with open_ledger() as ledger:
            return _HANDLERS[command](ledger, args, out)
    except (tasks.TaskError, reviews.ReviewError) as e:
        sys.stderr.write(f"操作被拒绝 / refused: {e}\n")
        return EXIT_REFUSED


def _work_plan(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "add":
        rec = tasks.add_plan(ledger, args.name, args.year, document_no=args.doc, issued_date=args.issued,
                             note=args.note)
        out.write(rec.id + "\n")
        return EXIT_OK
    found = tasks.plans(ledger, own=ledger.mode != "county")
    if args.json:
        dump_json([p.to_json() for p in found], out)
        return EXIT_OK
    for p in found:
        doc = f"  {p.values['document_no']}" if p.values.get("document_no") else ""
        out.write(f"{p.id}  {p.values['year']}  {p.values['name']}{doc}\n")
    return EXIT_OK


def _task(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "add":
        units = [u for u in (args.units or "").replace("、", ",").split(",") if u.strip()]
        rec = tasks.add_task(ledger, args.plan, args.number, args.text, section=args.section, units=units,
                             deadline=args.deadline, departments=args.departments)
        out.write(rec.id + "\n")
        return EXIT_OK
    if args.action == "grid":
        return _grid(ledger, args, out)
    if args.action == "import":
        added = tasks.add_tasks_from_text(ledger, args.plan, args.file.read_text(encoding="utf-8-sig"))
        out.write("".join(f"{r.id}\n" for r in added))
        return EXIT_OK
    if ledger.mode == "county":
        return _unit_tasks(ledger, args, out)
    plans = [args.plan] if args.plan else [p.id for p in tasks.plans(ledger)]
    found = [t for plan in plans for t in tasks.plan_tasks(ledger, plan)]
    if args.json:
        dump_json([t.to_json() for t in found], out)
        return EXIT_OK
    for t in found:
        listed = "、".join(t.values.get("units") or []) or "全部 / all"
        out.write(f"{t.id}  {t.values['number']}  {t.values['text']}  [{listed}]\n")
    return EXIT_OK


def _unit_tasks(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    mine = [u for u in tasks.my_tasks(ledger) if not args.plan or u.task.values.get("plan_id") == args.plan]
    if args.json:
        dump_json([{**u.task.to_json(), "latest": None if u.latest is None else {
            "id": u.latest.id, "status": u.latest.status, "report_date": u.latest.report_date,
            "text": u.latest.text}} for u in mine], out)
        return EXIT_OK
    for u in mine:
        state = (f"{tasks.status_label(u.latest.status)} {u.latest.report_date}" if u.latest
                 else f"{tasks.NOT_REPORTED[0]} / {tasks.NOT_REPORTED[1]}")
        out.write(f"{u.task.id}  {u.task.values['number']}  {u.task.values['text']}  — {state}\n")
    return EXIT_OK


def _grid(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    grid = tasks.task_grid(ledger, args.plan)
    if args.output is not None:
        from desktop.city.task_grid_print import write_grid

        if args.output.suffix.lower() not in (".pdf", ".xlsx"):
            raise tasks.TaskError(Reason(f"输出文件应为 .pdf 或 .xlsx：{args.output}",
                                         f"the output file is .pdf or .xlsx: {args.output}"))
        write_grid(ledger, grid, args.output)
    if args.json:
        dump_json(grid.to_json(), out)
    elif args.output is not None:
        out.write(f"已写入 / written: {args.output}\n")
    else:
        names = [u for u in grid.units if any(grid.cell(t.id, u.code).applies for t in grid.tasks)]
        for t in grid.tasks:
            out.write(f"{t.values['number']}  {t.values['text']}\n")
            for u in names:
                c = grid.cell(t.id, u.code)
                if c.applies:
                    out.write(f"    {u.name}：{c.text().replace(chr(10), ' ')}\n")
    return EXIT_OK


def _progress(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    rec = tasks.report_progress(ledger, args.task, args.status, args.text, report_date=args.date,
                                attachments=args.attachment)
    out.write(rec.id + "\n")
    return EXIT_OK


def _review(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    verdict = "checked" if args.checked else "returned"
    rec = reviews.review_record(ledger, args.record_id, verdict, args.reason, review_date=args.date)
    out.write(f"{rec.id}\n")
    return EXIT_OK


def _answer(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    rec = reviews.answer_review(ledger, args.review_id, args.text, answer_date=args.date)
    out.write(rec.id + "\n")
    return EXIT_OK


def _reviews(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    found = reviews.list_reviews(ledger, open_only=args.open, received=True if args.received else None)
    if args.json:
        dump_json([s.to_json() for s in found], out)
        return EXIT_OK
    for s in found:
        r = s.row
        assert r is not None
        line = f"{r.id}  {s.record_id}  {s.label()} / {s.label('en')}  {r.review_date}"
        if r.comment:
            line += f"  意见/comment: {r.comment}"
        if r.answer:
            line += f"  答复/answer: {r.answer}"
        out.write(line.replace("\n", " ") + "\n")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[Ledger, argparse.Namespace, TextIO], int]] = {
    "work-plan": _work_plan, "task": _task, "progress": _progress, "review": _review,
    "answer": _answer, "reviews": _reviews,
}
