"""``giledger export-table`` (a register out to .xlsx or .csv, as the window's table shows it)
and ``giledger template`` (the register's empty workbook, to fill in and import).

Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done, 2 usage: a wrong suffix, a
``--where`` without ``=``; 3 refused: an unknown field or column, a bad value, a file that cannot
be written, more rows than a sheet holds; 4 database).

::

    giledger [--db PATH] export-table KIND -o FILE.xlsx|FILE.csv [--where KEY=VALUE ...]
             [--search TEXT] [--columns KEY,KEY...] [--sort KEY] [--descending] [--deleted] [--lang zh|en]
    giledger [--db PATH] template KIND -o FILE.xlsx [--lang zh|en]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from desktop import search
from desktop.browse import Browser, BrowseState
from desktop.ledger import Ledger
from desktop.tables.export import SUFFIXES, ExportRefused, export_table, where_state
from desktop.tables.template import write_template

__all__ = ["COMMANDS", "add_parsers", "cmd_export_table", "cmd_template"]

COMMANDS = ("export-table", "template")


def _output_arg(suffixes: tuple[str, ...]) -> Callable[[str], Path]:
    def parse(text: str) -> Path:
        path = Path(text)
        if path.suffix.lower() not in suffixes:
            shown = " 或 ".join(suffixes)
            raise argparse.ArgumentTypeError(
                f"输出文件应以 {shown} 结尾：{text} / the output file ends in {' or '.join(suffixes)}: {text}")
        return path
    return parse


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser],
                kind_arg: Callable[[str], str]) -> None:
    """Add ``export-table`` and ``template`` to the subcommands ``sub``."""
    s = sub.add_parser("export-table", help="导出表格 / a register as .xlsx or .csv, as the window shows it",
                       description="导出表格：与窗口中的表格相同的行（筛选、搜索、排序）和列 / a register "
                       "out to .xlsx or .csv: the rows (filters, search, sort) and columns of the window's table")
    s.add_argument("kind", metavar="KIND", type=kind_arg)
    s.add_argument("-o", "--output", required=True, type=_output_arg(SUFFIXES), metavar="FILE.xlsx|FILE.csv")
    s.add_argument("--where", action="append", default=[], metavar="KEY=VALUE",
                   help="字段=值，可重复（代码或名称）/ field=value, repeatable (code or label)")
    s.add_argument("--search", default="", metavar="TEXT", help="与窗口中的搜索框相同 / as the search box")
    s.add_argument("--columns", metavar="KEY,KEY...",
                   help="导出的列及顺序（默认：表格默认显示的列）/ the columns in order (default: those shown)")
    s.add_argument("--sort", metavar="KEY", help="按此列排序 / sort by this column")
    s.add_argument("--descending", action="store_true", help="降序 / descending")
    s.add_argument("--deleted", action="store_true", help="包括已删除记录 / include deleted records")
    s.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="表头和名称的语言 / language of headers and labels")

    s = sub.add_parser("template", help="导入模板 / the register's empty workbook with dropdowns and help",
                       description="空白导入模板：表头、下拉列表、填表说明 / an empty workbook with the "
                       "register's headers, dropdowns and help; a filled one imports without a mapping step")
    s.add_argument("kind", metavar="KIND", type=kind_arg)
    s.add_argument("-o", "--output", required=True, type=_output_arg((".xlsx",)), metavar="FILE.xlsx")
    s.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="填表说明的语言（表头总是中文）/ language of the help (headers stay Chinese)")


def _refuse(text: str) -> Exception:
    from desktop.cli import Refused

    return Refused(text)


def _columns(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [k.strip() for k in text.split(",") if k.strip()]


def _state(browser: Browser, args: argparse.Namespace, pairs: dict[str, str]) -> BrowseState:
    state = BrowseState(search=args.search, include_deleted=args.deleted, descending=args.descending)
    if args.sort:
        if args.sort not in {c.key for c in browser.columns}:
            known = ", ".join(c.key for c in browser.columns)
            raise _refuse(f"不能按“{args.sort}”排序，可用的列：{known} / cannot sort by {args.sort!r}; "
                          f"known columns: {known}")
        state.sort_key = args.sort
    return where_state(browser, pairs, state)


def cmd_export_table(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger],
                     pairs: Callable[[Iterable[str], str], dict[str, str]]) -> int:
    """Export a register (``--where``, ``--search`` as ``list`` and the search box do)."""
    where = pairs(args.where, "--where")
    with open_ledger() as ledger:
        if args.search:  # the whole index first, as `list --search` does (the window may fall back)
            search.flush(ledger.db)
        state = _state(Browser(ledger, args.kind), args, where)
        try:
            result = export_table(ledger, args.kind, args.output, state=state, columns=_columns(args.columns),
                                  lang=args.lang)
        except ExportRefused as e:
            raise _refuse(str(e)) from None
    out.write(f"已导出 {result.rows} 条记录 / exported {result.rows} record(s): {result.path}\n")
    return 0


def cmd_template(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """Write a register's empty import template."""
    with open_ledger() as ledger:
        try:
            result = write_template(ledger, args.kind, args.output, lang=args.lang)
        except ExportRefused as e:
            raise _refuse(str(e)) from None
    out.write(f"已写入导入模板（{len(result.columns)} 列）/ template written ({len(result.columns)} columns): "
              f"{result.path}\n")
    return 0
