"""``giledger print FORM``: the printed forms as PDF (see :mod:`desktop.forms`).

Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done, 2 usage, 3 refused:
unknown id or nothing to print, 4 database).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

__all__ = ["add_parser", "cmd_print"]


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser],
               kind_arg: Callable[[str], str]) -> None:
    """Add ``print`` and its forms to the subcommands ``sub``."""
    s = sub.add_parser("print", help="打印表单 / printed forms as PDF")
    forms = s.add_subparsers(dest="form", metavar="FORM", required=True, parser_class=parser_class)

    def out(p: argparse.ArgumentParser) -> None:
        p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")

    def pick(p: argparse.ArgumentParser, option: str = "--id", dest: str = "id",
             all_too: bool = True) -> None:
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument(option, dest=dest, action="append", metavar="ID",
                       help="记录编号，可重复 / record id, repeatable")
        if all_too:
            g.add_argument("--all", action="store_true", help="全部（可用 --where 筛选）/ every record")

    def where(p: argparse.ArgumentParser) -> None:
        p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE")

    p = forms.add_parser("survey-blank", help="潜在地理标志保护资源普查表（空白）/ blank survey form")
    p.add_argument("-n", "--copies", type=int, default=1, metavar="COPIES")
    out(p)
    p = forms.add_parser("survey", help="普查表（已填）/ filled survey forms, one per resource")
    pick(p)
    where(p)
    out(p)
    p = forms.add_parser("candidate", help="培育对象情况表 / candidate record with stage history")
    pick(p)
    where(p)
    out(p)
    p = forms.add_parser("inspection-blank", help="检查记录表（空白，预填企业）/ blank inspection form")
    pick(p, "--user", "user", all_too=False)
    out(p)
    p = forms.add_parser("inspection", help="检查记录表（已填）/ a completed inspection record")
    pick(p, all_too=False)
    out(p)
    p = forms.add_parser("inspection-draw", help="双随机抽查检查记录表（每户一份，已预填）/ the forms of a draw")
    pick(p, all_too=False)
    out(p)
    p = forms.add_parser("annual-report-blank", help="年度报告表（空白）/ blank annual report forms")
    pick(p, "--user", "user")
    p.add_argument("--year", type=int, required=True, metavar="Y")
    out(p)
    p = forms.add_parser("register", help="台账名录（横向）/ landscape list of a register")
    p.add_argument("kind", metavar="KIND", type=kind_arg)
    where(p)
    out(p)
    p = forms.add_parser("stats", help="统计表 / the statistics table")
    out(p)


def cmd_print(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Any],
              pairs: Callable[[list[str], str], dict[str, str]]) -> int:
    """Run ``giledger print``; raises NothingToPrint (exit 3) and the usual errors."""
    import sys

    from desktop.forms import PrintRequest, render

    if not args.output.parent.is_dir() if args.output.parent != Path("") else False:
        sys.stderr.write(f"用法错误 / usage error: 文件夹不存在 / no such folder: "
                         f"{args.output.parent}\n")
        return 2
    ids = tuple(getattr(args, "id", None) or getattr(args, "user", None) or ())
    where = tuple(pairs(getattr(args, "where", []) or [], "--where").items())
    request = PrintRequest(form=args.form, ids=ids, all=bool(getattr(args, "all", False)),
                           where=where, kind=getattr(args, "kind", None),
                           year=getattr(args, "year", None), copies=getattr(args, "copies", 1))
    with open_ledger() as ledger:
        result = render(ledger, request, args.output)
    out.write(f"{result.path}：{result.forms} 份表单，{result.pages} 页 / "
              f"{result.forms} form(s), {result.pages} page(s)\n")
    for serial in result.serials:
        out.write(f"编号 / serial {serial}\n")
    if result.font.endswith("(fallback)"):
        out.write("注意：未找到 TrueType 中文字体，使用 STSong-Light（未嵌入）/ note: no TrueType "
                  "CJK font found, STSong-Light used (not embedded)\n")
    return 0
