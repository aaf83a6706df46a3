"""The ``import-table`` command: a spreadsheet of the office's own layout into a register
(:mod:`desktop.tables`). Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done
or dry run passed, 2 usage, 3 refused: nothing written, every problem listed; 4 database).

::

    giledger [--db PATH] import-table KIND FILE [--sheet NAME] [--header-row N]
             [--map "表头=field_key" ...] [--value "field_key:文本=code" ...] [--mapping NAME]
             [--match FIELD] [--update empty|all|none] [--dry-run] [--report OUT.xlsx]
             [--save-mapping NAME] [--json]

Without ``--map`` or ``--mapping``, a mapping saved for a file with the same headers is used
(and said so).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.fields import Kind
from desktop.ledger import Ledger
from desktop.registers import get_kind
from desktop.tables.apply import ImportRefused, apply_import
from desktop.tables.describe import describe_plan
from desktop.tables.errorbook import write_error_workbook
from desktop.tables.header import read_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import ImportOptions, ImportPlan, TableRefused, UnknownValues, Update, ValueMaps
from desktop.tables.plan import plan_import
from desktop.tables.saved import SavedMapping, find_saved, get_saved, save_mapping
from desktop.tables.values import unknown_values

__all__ = ["COMMANDS", "add_parsers", "cmd_import_table", "plan_json"]

COMMANDS = ("import-table",)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``import-table`` to the subcommands ``sub``."""
    s = sub.add_parser("import-table", help="导入表格 / import a spreadsheet (.xlsx, .xls, .csv) into a register",
                       description="把本单位自己格式的表格导入台账：全部成功才写入 / import a spreadsheet "
                       "of the office's own layout into a register, all rows or none")
    s.add_argument("kind", metavar="KIND", help="台账 / the register (mark-user, resource, gi, annual-report ...)")
    s.add_argument("file", type=Path, metavar="FILE", help=".xlsx、.xls 或 .csv")
    s.add_argument("--sheet", metavar="NAME", help="工作表 / the sheet (default: the first visible one)")
    s.add_argument("--header-row", type=int, metavar="N", help="表头所在行 / the header's row (default: found)")
    s.add_argument("--map", action="append", default=[], metavar="表头=field_key",
                   help="列对应（可多次；=后留空为不导入）/ a column's field (repeatable; empty: not imported)")
    s.add_argument("--value", action="append", default=[], metavar="field_key:文本=code",
                   help="代码字段的取值对应（可多次）/ a coded value's meaning (repeatable)")
    s.add_argument("--mapping", metavar="NAME", help="使用已保存的映射 / use a saved mapping")
    s.add_argument("--match", metavar="FIELD", help="按此字段匹配已有记录 / match existing records by this field")
    s.add_argument("--update", choices=[u.value for u in Update], default=None,
                   help="已有记录：empty 只填空字段（默认）、all 覆盖、none 不动 / existing records: fill empty "
                   "fields (default), overwrite, or leave alone")
    s.add_argument("--dry-run", action="store_true", help="试导入，不写入 / show the plan, write nothing")
    s.add_argument("--report", type=Path, metavar="OUT.xlsx", help="问题工作簿 / write the error workbook")
    s.add_argument("--save-mapping", metavar="NAME", help="保存本次列对应 / save this mapping")
    s.add_argument("--json", action="store_true", help="以 JSON 输出 / print the plan as JSON")


def _refused(text: str) -> Exception:
    from desktop.cli import Refused

    return Refused(text)


def _usage(text: str) -> Exception:
    from desktop.cli import UsageError

    return UsageError(text)


def _given_map(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        header, found, key = item.rpartition("=")
        if not found or not header.strip():
            raise _usage(f"--map 应为“表头=field_key”：{item!r} / --map is HEADER=field_key: {item!r}")
        out[header.strip()] = key.strip()
    return out


def _value_maps(items: list[str], kind: Kind) -> ValueMaps:
    out: ValueMaps = {}
    for item in items:
        key, found, rest = item.partition(":")
        text, found2, code = rest.rpartition("=")
        if not found or not found2 or not text.strip():
            raise _usage(f"--value 应为“field_key:文本=code”：{item!r} / --value is field_key:TEXT=code: {item!r}")
        kind.field(key.strip())  # FieldError (exit 3) for a field the register lacks
        out.setdefault(key.strip(), {})[text.strip()] = code.strip()
    return out


def _unknown_lines(found: list[UnknownValues]) -> list[str]:
    lines = []
    for u in found:
        values = "、".join(f"“{v.text}”（{v.count} 行，首见第 {v.first_row} 行）" for v in u.values[:50])
        values_en = ", ".join(f"{v.text!r} ({v.count} rows, first row {v.first_row})" for v in u.values[:50])
        lines.append(f"  未知取值 / unknown values in {u.header} [{u.field_key}]: {values} / {values_en}")
        lines.append(f"    用 --value \"{u.field_key}:文本=code\" 指定 / "
                     f"give them with --value \"{u.field_key}:TEXT=code\"")
    return lines


def plan_json(plan: ImportPlan, found: list[UnknownValues]) -> dict[str, Any]:
    """The plan as ``--json`` prints it."""
    kind = get_kind(plan.kind)

    def value(key: str, v: Any) -> Any:
        return kind.field(key).to_json(v) if kind.has_field(key) else v

    return {
        "file": str(plan.path), "sheet": plan.table.sheet, "header_row": plan.table.header_row,
        "encoding": plan.table.grid.encoding, "sha256": plan.table.grid.sha256, "kind": plan.kind,
        "refused": plan.refused, "counts": plan.counts(), "notes": [str(n) for n in plan.notes],
        "mapping": [{"column": c.letter, "header": c.header, "field": c.field_key, "confidence": c.confidence,
                     "why": str(c.reason)} for c in plan.mapping.columns],
        "unknown_values": [{"field": u.field_key, "header": u.header,
                            "values": [{"text": v.text, "count": v.count, "first_row": v.first_row}
                                       for v in u.values]} for u in found],
        "rows": [{"row": r.row, "action": str(r.action), "record_id": r.record_id,
                  "changes": [{"field": c.field_key, "before": value(c.field_key, c.before),
                               "after": value(c.field_key, c.after)} for c in r.changes]}
                 for r in plan.rows],
        "problems": [{"sheet": p.sheet, "row": p.row, "column": p.letter, "header": p.header,
                      "field": p.field_key, "value": None if p.value is None else str(p.value),
                      "zh": p.reason.zh, "en": p.reason.en} for p in plan.all_problems()],
    }


def _saved_for(ledger: Ledger, args: argparse.Namespace, kind: Kind,
               headers: tuple[str, ...]) -> tuple[SavedMapping | None, str | None]:
    if args.mapping:
        saved = get_saved(ledger, args.mapping)
        if saved is None:
            raise _refused(f"没有名为“{args.mapping}”的已保存映射 / no saved mapping {args.mapping!r}")
        if saved.kind != kind.key:
            raise _refused(f"映射“{saved.name}”用于“{get_kind(saved.kind).zh}”，不是“{kind.zh}” / mapping "
                           f"{saved.name!r} is for {saved.kind}, not {kind.key}")
        return saved, None
    if args.map:
        return None, None
    found = find_saved(ledger, kind.key, headers)
    if found:
        return found[0], (f"  使用为相同表头保存的映射“{found[0].name}” / using the mapping {found[0].name!r} "
                          "saved for the same headers")
    return None, None


def cmd_import_table(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """Read, map, plan and (unless ``--dry-run`` or refused) import; see the module docstring."""
    import sys

    kind = get_kind(args.kind)
    if args.header_row is not None and args.header_row < 1:
        raise _usage(f"--header-row 应为正整数：{args.header_row} / --header-row is a row number from 1")
    with open_ledger() as ledger:
        try:
            named = _given_map(args.map)
            chosen = get_saved(ledger, args.mapping) if args.mapping else None
            known = [*named, *(chosen.mapping if chosen else {})]
            table = read_table(args.file, kind, args.sheet, args.header_row, known=known)
            saved, said = _saved_for(ledger, args, kind, table.headers)
            given = {**(saved.mapping if saved else {}), **named}
            mapping = propose_mapping(table, kind, given)
            base = saved.import_options() if saved else ImportOptions()
            value_maps = {k: dict(v) for k, v in base.value_maps.items()}
            for key, pairs in _value_maps(args.value, kind).items():
                value_maps.setdefault(key, {}).update(pairs)
            options = ImportOptions(update=Update(args.update) if args.update else base.update,
                                    match=args.match or base.match, value_maps=value_maps)
            found = unknown_values(table, mapping, kind, value_maps)
            plan = plan_import(ledger, table, mapping, options)
        except TableRefused as e:
            raise _refused(f"{e.zh}\n{e.en}") from e
        if args.save_mapping:
            save_mapping(ledger, args.save_mapping, table.headers, mapping, options)
        result = None
        if not plan.refused and not args.dry_run:
            try:
                result = apply_import(ledger, plan)
            except ImportRefused as e:
                raise _refused(str(e)) from e
        report = None
        if args.report is not None and plan.all_problems():
            report = write_error_workbook(plan, args.report)
        if args.json:
            data = plan_json(plan, found)
            data["written"] = result is not None
            data["report"] = str(report) if report else None
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            if said:
                out.write(said + "\n")
            out.write(describe_plan(plan, dry_run=result is None) + "\n")
            for line in _unknown_lines(found):
                out.write(line + "\n")
            if args.save_mapping:
                out.write(f"  已保存映射“{args.save_mapping}” / mapping {args.save_mapping!r} saved\n")
            if report is not None:
                out.write(f"  问题工作簿 / error workbook: {report}\n")
            elif plan.refused:
                out.write("  用 --report OUT.xlsx 生成标出问题单元格的工作簿 / --report OUT.xlsx writes the "
                          "workbook with the bad cells marked\n")
        if plan.refused:
            count = len(plan.all_problems())
            sys.stderr.write(f"导入被拒绝，未写入任何记录：{count} 个问题 / import refused, nothing written: "
                             f"{count} problems\n")
            return 3
    return 0
