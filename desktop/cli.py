"""The command line (``giledger SUBCOMMAND`` or ``python -m desktop``); never loads Qt.

Exit codes: 0 done; 2 wrong usage; 3 input refused (the message names the field and why, or
the file that cannot be written or read); 4 the database cannot be used (corrupt, too new,
locked, not initialised); 5 ``import-packet`` of several files merged some and refused others.
A clerk's mistake never prints a traceback.

``import-packet FILE...`` reports each file, then (for more than one) a line per file: merged,
nothing to do, or refused and why. Its exit code: 0 no file refused (each merged or had nothing
to do); 3 a file refused and none merged (the database is unchanged); 5 a file refused and
another merged (the database changed: the lines say which). With ``--dry-run``, "merged" is
"can be merged": the code is the one the same files would give without it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from db.connection import DatabaseUnusable, default_database_path, open_database, transaction
from db.records import RecordNotFound, StaleRevision
from desktop import (
    __version__,
    cli_annual,
    cli_cases,
    cli_city,
    cli_draw,
    cli_export_table,
    cli_import_table,
    cli_print,
    cli_supervision,
    cli_targets,
    cli_tasks,
    tempfiles,
)
from desktop.cli_output import dump_json
from desktop.demo import DemoRefused, generate_demo
from desktop.fields import FieldError, ValidationFailed
from desktop.forms.model import NothingToPrint
from desktop.jobs import Cancelled
from desktop.ledger import (
    Ledger,
    NotInitialised,
    NotOwner,
    StillReferenced,
    check_office_code,
    init_office,
)
from desktop.practice import export_warning, mark_training
from desktop.record import Record
from desktop.registers import REGISTRY, get_kind
from desktop.search_records import search_records

if TYPE_CHECKING:
    from desktop.messages import Text
    from desktop.packets.reader import Problem

__all__ = ["main", "COMMANDS", "EXIT_OK", "EXIT_USAGE", "EXIT_REFUSED", "EXIT_DATABASE",
           "EXIT_PARTLY_MERGED"]

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USAGE, EXIT_REFUSED, EXIT_DATABASE = 0, 2, 3, 4
EXIT_PARTLY_MERGED = 5
"""``import-packet`` of several files: some merged, some refused (module docstring)."""

COMMANDS = ("init", "demo", "fields", "add", "edit", "delete", "restore", "show", "list",
            "history", "stats", "check", "export-packet", "import-packet", "packets",
            "restore-packet", "reference-packet", "receipt", "print", *cli_city.COMMANDS,
            *cli_targets.COMMANDS, *cli_tasks.COMMANDS, *cli_export_table.COMMANDS,
            *cli_import_table.COMMANDS, *cli_cases.COMMANDS, *cli_draw.COMMANDS, *cli_annual.COMMANDS,
            *cli_supervision.COMMANDS)


class UsageError(Exception):
    """Wrong usage (exit 2)."""


class Refused(Exception):
    """Input refused with a prepared message (exit 3)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 / usage error: {message}\n")


def _kind_arg(text: str) -> str:
    if text not in REGISTRY:
        raise argparse.ArgumentTypeError(
            f"没有“{text}”这种记录 / unknown KIND {text!r}; use one of: {', '.join(REGISTRY)}")
    return text


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by ``giledger --help``)."""
    kinds = ", ".join(REGISTRY)
    p = _Parser(prog="giledger", description="地标台账 GI Ledger — 地理标志工作台账 / "
                "registers of geographical-indication work")
    p.add_argument("--db", metavar="PATH", type=Path,
                   help="数据库文件 / database file (default: $GILEDGER_DB or the user data folder)")
    p.add_argument("--clerk", metavar="NAME", help="本次操作的经办人 / clerk name for the audit log")
    p.add_argument("-v", "--verbose", action="store_true", help="详细日志 / verbose logging")
    p.add_argument("--version", action="version", version=f"giledger {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("init", help="初始化本单位 / set up this office's database")
    s.add_argument("--office", required=True, metavar="CODE", help="行政区划代码, e.g. 130125 or 130100")
    s.add_argument("--name", help="单位名称 (default: the division's name)")
    s.add_argument("--clerk", dest="init_clerk", metavar="NAME", help="经办人 / clerk's name")
    s.add_argument("--training", action="store_true",
                   help="培训数据库：可导入演示数据包，导出的数据包标为培训数据 / a training database: "
                   "takes demo packets; its own packets are marked as training data")

    s = sub.add_parser("demo", help="生成演示数据 / generate a realistic demo county")
    s.add_argument("--size", choices=("small", "large"), default="small")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--office", default="130125", metavar="CODE",
                   help="county for a new database (default 130125 行唐县)")

    s = sub.add_parser("fields", help="列出字段 / list a register's fields")
    s.add_argument("kind", metavar="KIND", type=_kind_arg, help=kinds)
    s.add_argument("--json", action="store_true")

    for name, help_ in (("add", "新增记录 / add a record"), ("edit", "修改记录 / edit a record")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("kind", metavar="KIND", type=_kind_arg, help=kinds)
        if name == "edit":
            s.add_argument("id", metavar="ID")
            s.add_argument("--revision", type=int, help="refuse if the record is no longer at this revision")
        s.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                       required=True, help="字段=值，可重复 / field=value, repeatable")

    for name, help_ in (("delete", "删除（保留删除标记）/ delete (keeps a tombstone)"),
                        ("restore", "恢复已删除记录 / undo a delete")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("kind", metavar="KIND", type=_kind_arg, help=kinds)
        s.add_argument("id", metavar="ID")

    s = sub.add_parser("show", help="显示记录 / show a record")
    s.add_argument("kind", metavar="KIND", type=_kind_arg, help=kinds)
    s.add_argument("id", metavar="ID")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("list", help="列出记录 / list records")
    s.add_argument("kind", metavar="KIND", type=_kind_arg, help=kinds)
    s.add_argument("--json", action="store_true")
    s.add_argument("--where", action="append", default=[], metavar="KEY=VALUE")
    s.add_argument("--deleted", action="store_true", help="include deleted records")
    s.add_argument("--limit", type=int)
    s.add_argument("--search", metavar="TEXT", help="如窗口搜索框 / as the window's search box")

    s = sub.add_parser("history", help="修改历史 / a record's change history")
    s.add_argument("id", metavar="ID")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("stats", help="统计表 / the statistics row")
    ss = s.add_subparsers(dest="stats_command", metavar="ACTION", required=True, parser_class=_Parser)
    st = ss.add_parser("set", help="填报统计数 / set the statistics row")
    st.add_argument("--as-of", required=True, metavar="DATE")
    for opt in ("registered-trademarks", "well-known-marks", "gi-trademarks", "gi-products",
                "gi-products-using-mark"):
        st.add_argument(f"--{opt}", required=True, metavar="N")
    st.add_argument("--note")
    sh = ss.add_parser("show", help="显示统计表 / show the statistics rows")
    sh.add_argument("--json", action="store_true")

    s = sub.add_parser("check", help="检查数据库 / integrity and validation report")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("export-packet", help="导出数据包 / export this office's signed snapshot")
    s.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx")
    s.add_argument("--period", help="报送期间, e.g. 2026年第4季度 (default: this month)")

    s = sub.add_parser(
        "import-packet", help="导入数据包 / check and merge packets (city); receipts, restore and "
        "reference packets (county)",
        description="导入数据包 / check and merge packets, one after the other; each file is "
        "reported, then one line per file: merged, nothing to do, or refused and why.",
        epilog="退出码 / exit code: 0 没有文件被拒绝 / no file refused (each merged or nothing to do); "
        "3 有文件被拒绝且没有文件合并，数据库未变 / a file refused and none merged: the database is "
        "unchanged; 5 部分合并、部分拒绝 / some merged, some refused: the database changed. "
        "--dry-run: the code the same files would give without it.")
    s.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx")
    s.add_argument("--dry-run", action="store_true", help="只检查，不合并 / check only")
    s.add_argument("--accept-edited", action="store_true",
                   help="接受导出后被修改的数据包 / accept a packet edited after export")
    s.add_argument("--re-enrol", action="store_true",
                   help="重新登记单位的新密钥 / accept and pin a new key of the office")
    s.add_argument("--report", type=Path, metavar="OUT.xlsx",
                   help="问题工作簿 / write an error workbook with the bad cells marked")

    s = sub.add_parser("packets", help="数据包记录 / the packet log")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("restore-packet", help="恢复数据包 / a county's records back to it (city)")
    s.add_argument("--office", required=True, metavar="CODE", help="县级单位代码 / the county, e.g. 130125")
    s.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx")

    s = sub.add_parser("reference-packet", help="参考数据包 / this office's own records for its counties (city)")
    s.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx")

    s = sub.add_parser("receipt", help="回执 / the receipt for an imported county packet (city)")
    s.add_argument("file", type=Path, metavar="FILE.xlsx", help="县级数据包 / the county packet")
    s.add_argument("-o", "--output", type=Path, metavar="RECEIPT.xlsx")

    cli_print.add_parser(sub, _Parser, _kind_arg)
    cli_city.add_parsers(sub, _Parser)
    cli_targets.add_parsers(sub, _Parser)
    cli_tasks.add_parsers(sub, _Parser)
    cli_export_table.add_parsers(sub, _Parser, _kind_arg)
    cli_import_table.add_parsers(sub, _Parser)
    cli_cases.add_parsers(sub, _Parser)
    cli_draw.add_parsers(sub, _Parser)
    cli_annual.add_parsers(sub, _Parser)
    cli_supervision.add_parsers(sub, _Parser)
    return p


# ---- helpers -------------------------------------------------------------------------

def _pairs(items: Iterable[str], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} 应为 KEY=VALUE，而不是 {item!r} / {option} takes KEY=VALUE, not {item!r}")
        out[key.strip()] = value
    return out


def _db_path(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_database_path()


def _open_ledger(args: argparse.Namespace) -> Ledger:
    return Ledger.open(_db_path(args), clerk=args.clerk, create=False)


def _stream_json_list(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write a JSON list one object at a time (a large register is never held in memory)."""
    out.write("[")
    for n, item in enumerate(items):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]\n")


def _print_record(rec: Record, out: TextIO, ledger: Ledger) -> None:
    state = "（已删除 / deleted）" if rec.deleted else ""
    out.write(f"{rec.kind.zh} {rec.id}{state}  版本/revision {rec.revision}  "
              f"单位/office {rec.office_code}\n")
    width = max(len(f.zh) for f in rec.kind.fields)
    for f in rec.kind.fields:
        value = rec.values.get(f.key)
        text = f.display(value)
        if f.ref and value:
            try:
                text = f"{value}（{ledger.get(f.ref, value).title}）"
            except RecordNotFound:
                text = f"{value}（不存在 / missing）"
        out.write(f"  {f.zh.ljust(width, '　')}  {text}\n")


# ---- commands ------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    path = _db_path(args)
    check_office_code(args.office)  # before any file is created
    clerk = args.init_clerk or args.clerk
    db = open_database(path, create=True)
    try:
        with transaction(db):  # a training database is one from the start, or not made at all
            office = init_office(db, args.office, name=args.name, clerk=clerk)
            if args.training:
                mark_training(db, clerk=clerk)
    finally:
        db.close()
    mode = {"county": "县级模式 / county mode", "city": "市级模式 / city mode",
            "province": "省级模式 / province mode"}[office.level]
    out.write(f"已初始化 / initialised: {office.code} {office.name}，{mode}\n数据库 / database: {path}\n")
    if args.training:
        out.write("培训数据库 / training database: 可导入演示数据包；本库导出的数据包标为培训数据，"
                  "真实台账不接受 / takes demo packets; its own packets are marked as training data "
                  "and refused by real ledgers\n")
    return EXIT_OK


def _warn_not_for_reporting(mark: str | None, out: TextIO) -> None:
    """The warning line of an export from a demo or training database."""
    if mark is not None:
        zh, en = export_warning(mark)
        out.write(f"  警告 / warning: {zh} / {en}\n")


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    path = _db_path(args)
    db = open_database(path, create=True)
    try:
        summary = generate_demo(db, size=args.size, seed=args.seed, office_code=args.office,
                                clerk=args.clerk)
    finally:
        db.close()
    out.write(f"演示数据已生成 / demo data written: {summary.office_code}, "
              f"{sum(summary.counts.values())} 条记录 / records in {summary.seconds:.1f} s\n")
    for key, n in summary.counts.items():
        out.write(f"  {REGISTRY[key].zh} ({key}): {n}\n")
    return EXIT_OK


def cmd_fields(args: argparse.Namespace, out: TextIO) -> int:
    kind = get_kind(args.kind)
    described = [f.describe() for f in kind.fields]
    if args.json:
        dump_json(described, out)
        return EXIT_OK
    out.write(f"{kind.zh} ({kind.en}) — {kind.key}\n")
    for f, _ in zip(kind.fields, described, strict=True):
        req = "必填/required" if f.required else ""
        out.write(f"  {f.key:<24} {f.zh} / {f.en}  [{f.type}] {req}\n")
        if f.choices:
            out.write("      " + "; ".join(f"{c.code}={c.zh}" for c in f.choices) + "\n")
        elif f.ref:
            out.write(f"      → {f.ref}\n")
    return EXIT_OK


def _write_warnings(warnings: Sequence[FieldError]) -> None:
    """Plausibility warnings of a saved record, on stderr (stdout keeps only the id, for
    scripts); the record is saved all the same."""
    for w in warnings:
        sys.stderr.write(f"提醒 / warning: {w.field_key}: {w.message_zh} / {w.message_en}\n")


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    values = _pairs(args.sets, "--set")
    with _open_ledger(args) as ledger:
        rec = ledger.add(args.kind, values)
        warnings = ledger.warnings_of(rec)
    out.write(rec.id + "\n")
    _write_warnings(warnings)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace, out: TextIO) -> int:
    values = _pairs(args.sets, "--set")
    with _open_ledger(args) as ledger:
        rec = ledger.edit(args.kind, args.id, values, expected_revision=args.revision)
        warnings = ledger.warnings_of(rec)
    out.write(f"{rec.id} 版本/revision {rec.revision}\n")
    _write_warnings(warnings)
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, out: TextIO) -> int:
    with _open_ledger(args) as ledger:
        rec = ledger.delete(args.kind, args.id)
    out.write(f"已删除（可恢复）/ deleted (can be restored): {rec.id}\n")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    with _open_ledger(args) as ledger:
        rec = ledger.restore(args.kind, args.id)
    out.write(f"已恢复 / restored: {rec.id}\n")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    with _open_ledger(args) as ledger:
        rec = ledger.get(args.kind, args.id)
        if args.json:
            dump_json(rec.to_json(), out)
        else:
            _print_record(rec, out, ledger)
    return EXIT_OK


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    where = _pairs(args.where, "--where")
    with _open_ledger(args) as ledger:
        rows = (search_records(ledger, args.kind, args.search, where, args.deleted, args.limit) if args.search
                else ledger.list(args.kind, where, include_deleted=args.deleted, limit=args.limit))
        if args.json:
            _stream_json_list((r.to_json() for r in rows), out)
            return EXIT_OK
        kind = get_kind(args.kind)
        shown = [f for f in kind.fields if f.type.value not in ("longtext",)][:6]
        out.write("\t".join(["编号/id", *(f.zh for f in shown)]) + "\n")
        n = 0
        for r in rows:
            n += 1
            mark = " (已删除)" if r.deleted else ""
            out.write("\t".join([r.id + mark, *(f.display(r.values.get(f.key)) for f in shown)]) + "\n")
        out.write(f"共 {n} 条 / {n} record(s)\n")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    with _open_ledger(args) as ledger:
        entries = ledger.history(args.id)
    if not entries:
        raise Refused(f"没有记录 {args.id} 的修改历史 / no history for {args.id}")
    if args.json:
        dump_json([dataclasses.asdict(e) for e in entries], out)
        return EXIT_OK
    for e in entries:
        out.write(f"{e.at}  {e.actor}  {e.action}  revision {e.revision}\n")
        if e.before and e.after:
            for key in e.after:
                if key != "revision" and e.before.get(key) != e.after.get(key):
                    out.write(f"    {key}: {e.before.get(key)!r} → {e.after.get(key)!r}\n")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    from desktop import stats

    with _open_ledger(args) as ledger:
        if args.stats_command == "set":
            values = {"as_of": args.as_of, "registered_trademarks": args.registered_trademarks,
                      "well_known_marks": args.well_known_marks, "gi_trademarks": args.gi_trademarks,
                      "gi_products": args.gi_products,
                      "gi_products_using_mark": args.gi_products_using_mark, "note": args.note}
            rec = stats.set_row(ledger, values)
            out.write(f"{rec.id} 版本/revision {rec.revision}\n")
            for key, typed, counted in stats.disagreements(rec, stats.derive(ledger)):
                f = rec.kind.field(key)
                out.write(f"注意 / note: {f.zh} 填报 {typed}，台账中为 {counted} / "
                          f"{f.en}: {typed} typed, {counted} in the registers\n")
            return EXIT_OK
        rows = sorted(ledger.list("stats"), key=lambda r: (r.office_code, r.values["as_of"]))
        if args.json:
            dump_json([r.to_json() for r in rows], out)
        else:
            for r in rows:
                _print_record(r, out, ledger)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.checks import check_file

    with _open_ledger(args) as ledger:
        report = check_file(ledger)
    if args.json:
        dump_json(report.to_json(), out)
    else:
        out.write(f"检查了 {report.records_checked} 条记录 / checked {report.records_checked} records\n")
        for f in report.findings:
            where = " ".join(x for x in (f.kind, f.record_id, f.field) if x)
            out.write(f"[{f.severity}] {where}: {f.message_zh} / {f.message_en}\n")
        if not report.findings:
            out.write("未发现问题 / no problems found\n")
    return EXIT_REFUSED if report.errors else EXIT_OK


def cmd_export_packet(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.packets.export import export_packet

    with _open_ledger(args) as ledger:
        result = export_packet(ledger, args.output, period=args.period)
    out.write(f"已导出第 {result.sequence} 号数据包 / exported packet {result.sequence}: {result.path}\n"
              f"  {result.rows} 条记录 / records; 内容校验 / content hash {result.content_hash[:16]}…\n"
              f"  签名公钥指纹 / key fingerprint: {result.fingerprint}\n")
    _warn_not_for_reporting(result.not_for_reporting, out)
    return EXIT_OK


def cmd_import_packet(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.packets.importer import MERGE, REFUSED, import_packet, plan_import
    from desktop.packets.report import describe_plan, write_error_workbook
    from desktop.packets.special import SPECIAL_KINDS, describe_special, import_special, peek_kind

    outcomes: list[tuple[Path, str, str]] = []  # (file, status, why refused)
    with _open_ledger(args) as ledger:
        for path in args.files:
            if peek_kind(path) in SPECIAL_KINDS:  # a receipt, restore or reference packet
                special = import_special(ledger, path, re_enrol=args.re_enrol, dry_run=args.dry_run)
                out.write(describe_special(special, dry_run=args.dry_run) + "\n")
                outcomes.append((path, special.status, _why_refused(special.refusals, special.problems)))
                continue
            if args.dry_run:
                plan = plan_import(ledger, path, accept_edited=args.accept_edited, re_enrol=args.re_enrol)
            else:
                plan = import_packet(ledger, path, accept_edited=args.accept_edited,
                                     re_enrol=args.re_enrol).plan
            out.write(describe_plan(plan, dry_run=args.dry_run) + "\n")
            rows = sum(len(s.refused) for s in plan.summaries.values())
            outcomes.append((path, plan.status, _why_refused(plan.refusals, plan.problems, rows)))
            if plan.status == REFUSED and args.report is not None and plan.packet is not None:
                target = args.report if len(args.files) == 1 else args.report.with_name(
                    f"{args.report.stem}_{path.stem}{args.report.suffix}")
                write_error_workbook(plan, target)
                out.write(f"  问题工作簿 / error workbook: {target}\n")
    if len(outcomes) > 1:
        out.write(_outcome_lines(outcomes, args.dry_run))
    refused = any(status == REFUSED for _, status, _ in outcomes)
    merged = any(status == MERGE for _, status, _ in outcomes)
    if not refused:
        return EXIT_OK
    return EXIT_PARTLY_MERGED if merged else EXIT_REFUSED


_WHY_MAX = 240
"""Characters of the reason on a file's line (the report above it has the whole)."""


def _why_refused(refusals: Sequence[Text], problems: Sequence[Problem], rows: int = 0) -> str:
    """The first reason a file was refused, for its one line (empty if it was not)."""
    if refusals:
        why, more = str(refusals[0]), len(refusals) - 1
    elif problems:
        why, more = problems[0].describe(None), len(problems) - 1
    elif rows:
        why, more = f"{rows} 行被拒绝 / {rows} row(s) refused", 0
    else:
        return ""
    why = " ".join(why.split())
    if len(why) > _WHY_MAX:
        why = why[:_WHY_MAX - 1] + "…"
    return why + (f"（另有 {more} 条 / and {more} more）" if more else "")


def _outcome_lines(outcomes: Sequence[tuple[Path, str, str]], dry_run: bool) -> str:
    """One line per file: merged (or can be), nothing to do, or refused and why."""
    from desktop.packets.importer import MERGE, NOTHING

    merged = ("可以合并", "can be merged") if dry_run else ("已合并", "merged")
    lines = [f"汇总 / outcome（{len(outcomes)} 个文件 / files）:"]
    for path, status, why in outcomes:
        if status == MERGE:
            zh, en = merged
        elif status == NOTHING:
            zh, en = "无需导入", "nothing to do"
        else:
            zh, en = "拒绝导入", "refused"
        lines.append(f"  {path}: {zh} / {en}" + (f": {why}" if why and status not in (MERGE, NOTHING) else ""))
    return "\n".join(lines) + "\n"


def cmd_packets(args: argparse.Namespace, out: TextIO) -> int:
    from db import packets as packet_queries

    with _open_ledger(args) as ledger:
        log_entries = packet_queries.packet_log(ledger.db)
        offices = packet_queries.pinned_offices(ledger.db)
    if args.json:
        dump_json({"log": [dataclasses.asdict(e) for e in log_entries],
                    "offices": [dataclasses.asdict(o) for o in offices]}, out)
        return EXIT_OK
    for o in offices:
        out.write(f"{o.code} {o.name}: 已合并至第 {o.last_sequence or 0} 号 / merged up to "
                  f"{o.last_sequence or 0}, {o.last_received_at or '—'}; 指纹 / key {o.key_fingerprint or '—'}\n")
    for e in log_entries:
        out.write(f"{e.at}  {e.direction:<9} {e.office_code} 第{e.sequence or '-'}号  {e.status:<9} "
                  f"{e.file_name or ''}\n")
    if not log_entries:
        out.write("尚无数据包记录 / no packets yet\n")
    return EXIT_OK


def _special_export(make: Callable[[], Any]) -> Any:
    """Run a receipt/restore/reference export; a refusal (PacketRefused) exits 3."""
    from desktop.packets.reader import PacketRefused

    try:
        return make()
    except PacketRefused as e:
        raise Refused(str(e)) from None


def _write_special(result: Any, out: TextIO) -> None:
    out.write(f"  {result.rows} 条记录 / records; 内容校验 / content hash {result.content_hash[:16]}…\n"
              f"  签名公钥指纹 / key fingerprint: {result.fingerprint}\n")
    for note in result.notes:
        out.write(f"  注意 / note: {note}\n")
    _warn_not_for_reporting(result.not_for_reporting, out)


def cmd_restore_packet(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.packets.special import make_restore_packet

    with _open_ledger(args) as ledger:
        result = _special_export(lambda: make_restore_packet(ledger, args.office, args.output))
    out.write(f"已导出 {result.office_name}（{result.office}）的恢复数据包，恢复至第 {result.sequence} 号 / "
              f"exported the restore packet of {result.office} up to packet {result.sequence}: {result.path}\n")
    _write_special(result, out)
    return EXIT_OK


def cmd_reference_packet(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.packets.special import make_reference_packet

    with _open_ledger(args) as ledger:
        result = _special_export(lambda: make_reference_packet(ledger, args.output))
    out.write(f"已导出第 {result.sequence} 号参考数据包 / exported reference packet {result.sequence}: "
              f"{result.path}\n")
    _write_special(result, out)
    return EXIT_OK


def cmd_receipt(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.packets.special import RESULT_TEXT, export_receipt

    with _open_ledger(args) as ledger:
        result = _special_export(lambda: export_receipt(ledger, args.file, args.output))
    zh, en = RESULT_TEXT[result.status]
    out.write(f"已出具回执 / receipt written: {result.office_name}（{result.office}）第 {result.sequence} 号数据包"
              f"：{zh} / packet {result.sequence}: {en}\n  {result.path}\n"
              f"  签名公钥指纹 / key fingerprint: {result.fingerprint}\n")
    _warn_not_for_reporting(result.not_for_reporting, out)
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "init": cmd_init, "demo": cmd_demo, "fields": cmd_fields, "add": cmd_add, "edit": cmd_edit,
    "delete": cmd_delete, "restore": cmd_restore, "show": cmd_show, "list": cmd_list,
    "history": cmd_history, "stats": cmd_stats, "check": cmd_check,
    "export-packet": cmd_export_packet, "import-packet": cmd_import_packet, "packets": cmd_packets,
    "restore-packet": cmd_restore_packet, "reference-packet": cmd_reference_packet,
    "receipt": cmd_receipt,
    "print": lambda args, out: cli_print.cmd_print(args, out, lambda: _open_ledger(args), _pairs),
    "city-table": lambda args, out: cli_city.cmd_city_table(args, out, lambda: _open_ledger(args)),
    "units": lambda args, out: cli_city.cmd_units(args, out, lambda: _open_ledger(args)),
    "completeness": lambda args, out: cli_targets.cmd_completeness(args, out, lambda: _open_ledger(args)),
    "targets": lambda args, out: cli_targets.cmd_targets(args, out, lambda: _open_ledger(args)),
    **{name: cli_tasks.handler(name, _open_ledger) for name in cli_tasks.COMMANDS},
    **{name: cli_cases.handler(name, _open_ledger) for name in cli_cases.COMMANDS},
    **{name: cli_supervision.handler(name, _open_ledger) for name in cli_supervision.COMMANDS},
    "export-table": lambda args, out: cli_export_table.cmd_export_table(args, out, lambda: _open_ledger(args), _pairs),
    "template": lambda args, out: cli_export_table.cmd_template(args, out, lambda: _open_ledger(args)),
    "import-table": lambda args, out: cli_import_table.cmd_import_table(args, out, lambda: _open_ledger(args)),
    "plan": lambda args, out: cli_draw.cmd_plan(args, out, lambda: _open_ledger(args)),
    "draw": lambda args, out: cli_draw.cmd_draw(args, out, lambda: _open_ledger(args)),
    **{name: cli_annual.handler(name, _open_ledger) for name in cli_annual.COMMANDS},
}


def _prepare_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if stream.isatty():
            reconfigure(errors="replace")
        else:  # piped or redirected: UTF-8, so JSON and Chinese survive on any code page
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; returns the exit code (see the module docstring)."""
    if out is None:
        _prepare_streams()
        out = sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: a usage error (2) or --help/--version (0)
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.command:
        parser.print_help(out)
        return EXIT_USAGE
    # What a killed export left goes; temporary files go to this process's folder (the
    # window's start does the same).
    system_temp = tempfiles.at_start()
    err = sys.stderr
    try:
        return HANDLERS[args.command](args, out)
    except UsageError as e:
        err.write(f"用法错误 / usage error: {e}\n")
        return EXIT_USAGE
    except ValidationFailed as e:
        err.write("输入被拒绝 / input refused:\n")
        for fe in e.errors:
            err.write(f"  {fe.field_key}: {fe.message_zh} / {fe.message_en}\n")
        return EXIT_REFUSED
    except FieldError as e:
        err.write(f"输入被拒绝 / input refused: {e.field_key}: {e.message_zh} / {e.message_en}\n")
        return EXIT_REFUSED
    except (NotOwner, StillReferenced, StaleRevision, Refused, Cancelled, DemoRefused,
            NothingToPrint) as e:
        err.write(f"操作被拒绝 / refused: {e}\n")
        return EXIT_REFUSED
    except RecordNotFound as e:
        err.write(f"找不到记录 / not found: {e.args[0] if e.args else e}\n")
        return EXIT_REFUSED
    except (DatabaseUnusable, NotInitialised) as e:
        err.write(f"数据库无法使用 / the database cannot be used:\n{e}\n")
        return EXIT_DATABASE
    except BrokenPipeError:  # `giledger list ... | head`: the reader left; not an error
        _silence_stdout()
        return EXIT_OK
    except OSError as e:  # a file or folder given that cannot be written (no such folder, no permission)
        where = f"{e.filename}: " if e.filename else ""
        err.write(f"文件无法写入或读取 / cannot write or read the file: {where}{e.strerror or e}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        err.write("已中断，未保存的操作已撤销 / interrupted; nothing half-written was kept\n")
        return 130
    finally:
        tempfile.tempdir = system_temp  # as it was, for a caller in the same process


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
