"""What an import says: the text report, and the error workbook a clerk can fix in Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.packets import format as fmt
from desktop.packets.importer import MERGE, NOTHING, REFUSED, ImportPlan
from desktop.packets.reader import Problem
from desktop.registers import REGISTRY

__all__ = ["describe_plan", "write_error_workbook", "report_tail"]

STATUS_TEXT = {MERGE: ("可以合并", "can be merged"), NOTHING: ("无需导入", "nothing to do"),
               REFUSED: ("拒绝导入", "refused")}


def describe_plan(plan: ImportPlan, *, dry_run: bool = False) -> str:
    """The per-register report of one packet: counts, changed fields, warnings, refusals, problems."""
    name = f"{plan.office_name}（{plan.office}）" if plan.office else plan.path.name
    zh, en = STATUS_TEXT[plan.status]
    if plan.status == MERGE and not dry_run:
        zh, en = "已合并", "merged"
    if plan.packet is None or not plan.sequence:  # not read as a packet (not one, damaged ...): no number
        head = f"{name}: {zh} / {en}"
    else:
        head = f"{name} 第 {plan.sequence} 号数据包 / packet {plan.sequence}: {zh} / {en}"
    lines = [head + ("（试导入，未写入 / dry run, nothing written）" if dry_run else "")]
    for summary in plan.summaries.values():
        c = summary.counts()
        lines.append(f"  {summary.sheet}：新增 {c['new']}，修改 {c['changed']}，删除 {c['deleted']}，"
                     f"未变 {c['unchanged']}，拒绝 {c['refused']} / new {c['new']}, changed "
                     f"{c['changed']}, deleted {c['deleted']}, unchanged {c['unchanged']}, "
                     f"refused {c['refused']}")
        kind = REGISTRY[summary.kind]
        for rid, keys in list(summary.changed.items())[:20]:
            labels = "、".join(kind.field(k).zh for k in keys) or "（修改时间/版本）"
            lines.append(f"    修改 / changed {rid}：{labels}")
        if len(summary.changed) > 20:
            lines.append(f"    …… 另有 {len(summary.changed) - 20} 条修改 / more changed")
        for where, reason in summary.refused[:20]:
            lines.append(f"    拒绝 / refused {where}：{reason}")
    lines += report_tail(plan.pin_needed, plan.fingerprint, plan.warnings, plan.refusals,
                         plan.problems)
    return "\n".join(lines)


def report_tail(pin_needed: bool, fingerprint: str, warnings: Sequence[str],
                refusals: Sequence[str], problems: Sequence[Problem]) -> list[str]:
    """The end of every import report: the key to check, notes, refusals, problems."""
    lines = [f"  公钥指纹 / key fingerprint: {fingerprint}"] if pin_needed else []
    lines += [f"  提示 / note: {w}" for w in warnings]
    lines += [f"  拒绝原因 / refused because: {r}" for r in refusals]
    lines += [f"  问题 / problem: {p.describe()}" for p in problems[:100]]
    if len(problems) > 100:
        lines.append(f"  …… 另有 {len(problems) - 100} 个问题 / more problems")
    return lines


def write_error_workbook(plan: ImportPlan, path: Path) -> Path:
    """The packet's sheets with every bad or edited cell highlighted and a comment on it, plus a
    问题清单 sheet listing them: ready to fix in Excel or WPS."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    assert plan.packet is not None
    bad = PatternFill("solid", fgColor="FFC7CE")
    edited = PatternFill("solid", fgColor="FFEB9C")
    source = load_workbook(plan.path, read_only=False, data_only=True)
    out = source if isinstance(source, Workbook) else Workbook()
    by_sheet: dict[str, dict[str, int]] = {}
    for sheet in plan.packet.meta.get("sheets", []):
        if sheet["name"] in out.sheetnames:
            ws = out[sheet["name"]]
            by_sheet[sheet["name"]] = {str(c.value).rstrip("*"): c.column for c in ws[1] if c.value}
    notes: dict[tuple[str, int, int], list[str]] = {}
    for p in plan.problems:
        ws = out[p.sheet] if p.sheet in out.sheetnames else None
        col = by_sheet.get(p.sheet, {}).get(p.column) if ws is not None else None
        if ws is None or col is None:
            continue
        cell = ws.cell(row=p.row, column=col)
        cell.fill = bad
        notes.setdefault((p.sheet, p.row, col), []).append(f"{p.reason_zh}\n{p.reason_en}")
    for e in plan.edits:
        ws = out[e.sheet] if e.sheet in out.sheetnames else None
        col = by_sheet.get(e.sheet, {}).get(e.column) if ws is not None else None
        if ws is None or col is None:
            continue
        cell = ws.cell(row=e.row, column=col)
        if (e.sheet, e.row, col) not in notes:  # a cell both edited and invalid stays marked bad
            cell.fill = edited
        notes.setdefault((e.sheet, e.row, col), []).append(
            f"导出后被修改：原为“{e.old}”\nedited after export; was {e.old!r}")
    for (sheet_name, row, col), texts in notes.items():  # one comment per cell, every reason in it
        out[sheet_name].cell(row=row, column=col).comment = Comment("\n".join(texts), "地标台账")
    listing = out.create_sheet("问题清单", 0)
    listing.append(["工作表", "行", "列", "值", "原因", "reason"])
    for p in plan.problems:
        listing.append([p.sheet, p.row, p.column, p.value, p.reason_zh, p.reason_en])
    for e in plan.edits:
        listing.append([e.sheet, e.row, e.column, e.new, f"导出后被修改，原为“{e.old}”",
                        f"edited after export; was {e.old!r}"])
    for r in plan.refusals:
        listing.append(["", "", "", "", r, ""])
    for column, width in zip("ABCDEF", (14, 6, 16, 24, 60, 50), strict=True):
        listing.column_dimensions[column].width = width
    for name in (fmt.META_SHEET,):
        if name in out.sheetnames:
            out[name].sheet_state = "hidden"
    out.active = 0
    path = Path(path)
    out.save(path)
    return path
