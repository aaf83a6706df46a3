"""What an import says: the text report, and the error workbook a clerk can fix in Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop import tempfiles
from desktop.messages import pick
from desktop.packets import format as fmt
from desktop.packets.importer import MERGE, NOTHING, REFUSED, ImportPlan
from desktop.packets.reader import Problem
from desktop.registers import REGISTRY

__all__ = ["describe_plan", "write_error_workbook", "report_tail"]

STATUS_TEXT = {MERGE: ("可以合并", "can be merged"), NOTHING: ("无需导入", "nothing to do"),
               REFUSED: ("拒绝导入", "refused")}


def describe_plan(plan: ImportPlan, *, dry_run: bool = False, lang: str | None = None) -> str:
    """The per-register report of one packet: counts, changed fields, warnings, refusals, problems.

    In Chinese (``lang="zh"``), in English (``"en"``), or both on each line (None: the command
    line)."""
    name = f"{plan.office_name}（{plan.office}）" if plan.office else plan.path.name
    zh, en = STATUS_TEXT[plan.status]
    if plan.status == MERGE and not dry_run:
        zh, en = "已合并", "merged"
    numbered = plan.packet is not None and bool(plan.sequence)  # not read as a packet: no number
    if lang == "en":
        name = f"{plan.office_name} ({plan.office})" if plan.office else plan.path.name
        head = f"{name} packet {plan.sequence}: {en}" if numbered else f"{name}: {en}"
        lines = [head + (" (dry run, nothing written)" if dry_run else "")]
    elif lang == "zh":
        head = f"{name} 第 {plan.sequence} 号数据包：{zh}" if numbered else f"{name}：{zh}"
        lines = [head + ("（试导入，未写入）" if dry_run else "")]
    else:
        head = (f"{name} 第 {plan.sequence} 号数据包 / packet {plan.sequence}: {zh} / {en}"
                if numbered else f"{name}: {zh} / {en}")
        lines = [head + ("（试导入，未写入 / dry run, nothing written）" if dry_run else "")]
    for summary in plan.summaries.values():
        c = summary.counts()
        kind = REGISTRY[summary.kind]
        counts_zh = (f"新增 {c['new']}，修改 {c['changed']}，删除 {c['deleted']}，未变 {c['unchanged']}，"
                     f"拒绝 {c['refused']}")
        counts_en = (f"new {c['new']}, changed {c['changed']}, deleted {c['deleted']}, unchanged "
                     f"{c['unchanged']}, refused {c['refused']}")
        lines.append(_one(lang, f"  {summary.sheet}：{counts_zh}", f"  {_cap(kind.en)}: {counts_en}",
                          f"  {summary.sheet}：{counts_zh} / {counts_en}"))
        for rid, keys in list(summary.changed.items())[:20]:
            labels = "、".join(kind.field(k).zh for k in keys) or "（修改时间/版本）"
            labels_en = ", ".join(kind.field(k).en for k in keys) or "(time stamp, revision)"
            lines.append(_one(lang, f"    修改 {rid}：{labels}", f"    changed {rid}: {labels_en}",
                              f"    修改 / changed {rid}：{labels}"))
        if len(summary.changed) > 20:
            more = len(summary.changed) - 20
            lines.append(_one(lang, f"    …… 另有 {more} 条修改", f"    … {more} more changed",
                              f"    …… 另有 {more} 条修改 / more changed"))
        for where, reason in summary.refused[:20]:
            lines.append(_one(lang, f"    拒绝 {pick(where, 'zh')}：{pick(reason, 'zh')}",
                              f"    refused {pick(where, 'en')}: {pick(reason, 'en')}",
                              f"    拒绝 / refused {pick(where, 'zh')}：{reason}"))
    lines += report_tail(plan.pin_needed, plan.fingerprint, plan.warnings, plan.refusals,
                         plan.problems, lang=lang)
    return "\n".join(lines)


def report_tail(pin_needed: bool, fingerprint: str, warnings: Sequence[str],
                refusals: Sequence[str], problems: Sequence[Problem], *, lang: str | None = None) -> list[str]:
    """The end of every import report: the key to check, notes, refusals, problems (in ``lang``,
    or both languages for None)."""
    heads = {"zh": ("公钥指纹：", "提示：", "拒绝原因：", "问题："),
             "en": ("key fingerprint: ", "note: ", "refused because: ", "problem: "),
             None: ("公钥指纹 / key fingerprint: ", "提示 / note: ", "拒绝原因 / refused because: ",
                    "问题 / problem: ")}[lang if lang in ("zh", "en") else None]
    shown = (lambda m: pick(m, lang)) if lang in ("zh", "en") else str
    lines = [f"  {heads[0]}{fingerprint}"] if pin_needed else []
    lines += [f"  {heads[1]}{shown(w)}" for w in warnings]
    lines += [f"  {heads[2]}{shown(r)}" for r in refusals]
    lines += [f"  {heads[3]}{p.describe(lang)}" for p in problems[:100]]
    if len(problems) > 100:
        more = len(problems) - 100
        lines.append(_one(lang, f"  …… 另有 {more} 个问题", f"  … {more} more problems",
                          f"  …… 另有 {more} 个问题 / more problems"))
    return lines


def _one(lang: str | None, zh: str, en: str, both: str) -> str:
    return zh if lang == "zh" else en if lang == "en" else both


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_error_workbook(plan: ImportPlan, path: Path) -> Path:
    """The packet's sheets with every bad or edited cell highlighted and a comment on it, plus a
    问题清单 sheet listing them: ready to fix in Excel or WPS. Written as ``PATH.<pid>.part``
    (:func:`desktop.tempfiles.partial_path`) and renamed at the end: a killed save leaves no
    half a workbook at ``path``, and its partial file goes at the next start."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    assert plan.packet is not None
    bad = PatternFill("solid", fgColor="FFC7CE")
    edited = PatternFill("solid", fgColor="FFEB9C")
    try:
        source = load_workbook(plan.path, read_only=False, data_only=True)
    except Exception:  # noqa: BLE001 - a damaged file (a bad zip member): the listing alone
        source = Workbook()
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
        listing.append(["", "", "", "", pick(r, "zh"), pick(r, "en")])
    for column, width in zip("ABCDEF", (14, 6, 16, 24, 60, 50), strict=True):
        listing.column_dimensions[column].width = width
    for name in (fmt.META_SHEET,):
        if name in out.sheetnames:
            out[name].sheet_state = "hidden"
    out.active = 0
    path = Path(path)
    tempfiles.clean_partials_beside(path)  # written as PATH.<pid>.part, renamed at the end
    partial = tempfiles.partial_path(path)
    try:
        out.save(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
