"""The city's commands: ``giledger city-table`` (the city table as ``.xlsx`` or PDF) and
``giledger units`` (the city's list of reporting units).

Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done, 2 usage, 3 refused: not a
city or province database, an unknown unit, a file that cannot be written; 4 database).

::

    giledger [--db PATH] city-table --as-of DATE [-o FILE.xlsx|FILE.pdf] [--json]
    giledger [--db PATH] units [list|add CODE [--name N] [--position K]|remove CODE|move CODE K|
                                rename CODE NAME] [--json]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.city import units as unit_list
from desktop.city.table import COLUMN_LABELS, OUTPUT_SUFFIXES, CityTable, compute, write
from desktop.cli_output import dump_json
from desktop.ledger import Ledger

__all__ = ["add_parsers", "cmd_city_table", "cmd_units", "describe", "COMMANDS"]

COMMANDS = ("city-table", "units")

_EN_LABELS = {"gi_trademarks": "GI trademarks", "gi_products": "GI protected products",
              "gi_products_using_mark": "GI products using the mark"}


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应为 YYYY-MM-DD，而不是 {text!r} / a date is YYYY-MM-DD, not {text!r}") from None


def _output_arg(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"输出文件应以 .xlsx 或 .pdf 结尾：{text} / the output file ends in .xlsx or .pdf: {text}")
    return path


def _position_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"位置应为正整数：{text!r} / a position is a whole number from 1: {text!r}")
    return n


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``city-table`` and ``units`` to the subcommands ``sub``."""
    s = sub.add_parser("city-table", help="全市统计表 / the city table (xlsx or PDF)",
                       description="各县（市、区）统计表：每个单位截止日期前最新的统计行 / the city "
                       "table: each unit's latest statistics row on or before the date")
    s.add_argument("--as-of", required=True, type=_date_arg, metavar="DATE", help="统计截止日期 / as of, YYYY-MM-DD")
    s.add_argument("-o", "--output", type=_output_arg, metavar="FILE.xlsx|FILE.pdf")
    s.add_argument("--json", action="store_true", help="以 JSON 输出表格 / print the table as JSON")

    s = sub.add_parser("units", help="报送单位列表 / the city's reporting units")
    s.add_argument("--json", dest="json_top", action="store_true")
    actions = s.add_subparsers(dest="units_command", metavar="ACTION", parser_class=parser_class)
    a = actions.add_parser("list", help="列出单位 / list the units")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("add", help="添加单位 / add a unit")
    a.add_argument("code", metavar="CODE")
    a.add_argument("--name", help="显示名称 / the name shown (default: the division's name)")
    a.add_argument("--position", type=_position_arg, metavar="K", help="位置，1 为第一 / place, 1 = first")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("remove", help="移除单位 / take a unit off the list")
    a.add_argument("code", metavar="CODE")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("move", help="调整顺序 / move a unit")
    a.add_argument("code", metavar="CODE")
    a.add_argument("position", type=_position_arg, metavar="K")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("rename", help="修改显示名称 / rename a unit")
    a.add_argument("code", metavar="CODE")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--json", action="store_true")


def _refuse(text: str) -> Exception:
    from desktop.cli import Refused

    return Refused(text)


def _city_only(ledger: Ledger) -> None:
    if ledger.office.level not in ("city", "province"):
        raise _refuse(f"{ledger.office.code} {ledger.office.name} 是县级数据库；统计表汇总和报送单位只在市级或"
                      "省级数据库中 / a county database: the city table and the unit list belong to a city or "
                      "province database")


def describe(table: CityTable) -> str:
    """What the command says about a table: units, who is missing, where figures disagree."""
    reported = len(table.rows) - len(table.missing)
    lines = [f"{table.office_name}（{table.office_code}）{table.title}",
             f"  {len(table.rows)} 个单位，已报送 {reported}，未报送 {len(table.missing)} / "
             f"{len(table.rows)} units, {reported} reported, {len(table.missing)} not reported"]
    if table.missing:
        names = "、".join(f"{r.name}（{r.code}）" for r in table.missing)
        lines.append(f"  未报送，未计入小计 / not reported, not counted: {names}")
    for r in table.disagreeing:
        for key, typed, counted in r.disagreements:
            lines.append(f"  不一致 / disagrees: {r.name}（{r.code}）{COLUMN_LABELS[key]}填报{typed}，台账{counted} / "
                         f"{_EN_LABELS[key]}: {typed} typed, {counted} in the registers")
    totals = " ".join(str(table.total[k]) for k in table.total)
    lines.append(f"  小计 {table.total_name} / total: {totals}")
    return "\n".join(lines)


def cmd_city_table(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """Compute the city table, write it (``-o``), say who is missing; ``--json`` prints it."""
    from desktop.forms import get_print_font

    with open_ledger() as ledger:
        _city_only(ledger)
        table = compute(ledger, args.as_of)
        font = get_print_font(ledger)
    notes = sys.stderr if args.json else out
    if args.output is not None:
        if args.output.parent != Path("") and not args.output.parent.is_dir():
            raise _refuse(f"文件夹不存在 / no such folder: {args.output.parent}")
        write(table, args.output, font)
    if args.json:
        dump_json(table.to_json(), out)
    notes.write(describe(table) + "\n")
    if args.output is not None:
        notes.write(f"已写入 / written: {args.output}\n")
    return 0


def _units_json(ledger: Ledger) -> list[dict[str, Any]]:
    stored = unit_list.stored(ledger)
    return [{"position": u.position, "code": u.code, "name": u.name, "record_id": u.record_id,
             "default": not stored} for u in unit_list.current_units(ledger)]


def cmd_units(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """List or change the unit list (every change audited through :mod:`desktop.city.units`)."""
    action = args.units_command or "list"
    with open_ledger() as ledger:
        _city_only(ledger)
        try:
            if action == "add":
                unit_list.add_unit(ledger, args.code, args.name, args.position)
            elif action == "remove":
                unit_list.remove_unit(ledger, args.code)
            elif action == "move":
                unit_list.move_unit(ledger, args.code, args.position)
            elif action == "rename":
                unit_list.rename_unit(ledger, args.code, args.name)
        except unit_list.UnitError as e:
            raise _refuse(str(e)) from None
        listed = _units_json(ledger)
    if args.json_top or getattr(args, "json", False):
        dump_json(listed, out)
        return 0
    if action != "list":
        out.write(f"已修改报送单位列表 / unit list changed ({action} {args.code})\n")
    if listed and listed[0]["default"]:
        out.write("（默认列表，尚未修改 / the default list, not changed yet）\n")
    for u in listed:
        out.write(f"{u['position']:>3}  {u['code']}  {u['name']}\n")
    out.write(f"共 {len(listed)} 个单位 / {len(listed)} unit(s)\n")
    return 0
