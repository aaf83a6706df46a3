"""The plan and the outcome in words (the command line; the wizard's summary)."""

from __future__ import annotations

from typing import Any

from desktop.registers import get_kind
from desktop.tables.model import ID_KEY, Action, ImportPlan

__all__ = ["describe_plan", "ACTION_TEXT", "shown_value"]

ACTION_TEXT: dict[Action, tuple[str, str]] = {
    Action.NEW: ("新增", "new"), Action.UPDATED: ("修改", "updated"), Action.UNCHANGED: ("未变", "unchanged"),
    Action.SKIPPED: ("跳过（已有记录）", "skipped (existing)"), Action.REFUSED: ("拒绝", "refused"),
}


def shown_value(value: Any) -> str:
    """A Python value as a message shows it (empty as ``（空）``)."""
    if value is None:
        return "（空）"
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)


def _one(lang: str | None, zh: str, en: str) -> str:
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def describe_plan(plan: ImportPlan, *, dry_run: bool = True, lang: str | None = None,
                  limit: int = 100) -> str:
    """Counts per action, the notes (encoding, rows skipped), updated fields (before →
    after) and every problem (up to ``limit``), in ``lang`` (None: both languages)."""
    kind = get_kind(plan.kind)
    counts = plan.counts()
    if plan.refused:
        state = ("拒绝导入，未写入任何记录", "refused, nothing written")
    elif dry_run:
        state = ("试导入，未写入", "dry run, nothing written")
    else:
        state = ("已导入", "imported")
    lines = [_one(lang, f"{plan.path.name}（工作表“{plan.table.sheet}”）→ {kind.zh}：{state[0]}",
                  f"{plan.path.name} (sheet {plan.table.sheet!r}) → {kind.en}: {state[1]}")]
    lines.append("  " + _one(lang, "，".join(f"{ACTION_TEXT[a][0]} {counts[str(a)]}" for a in Action),
                             ", ".join(f"{ACTION_TEXT[a][1]} {counts[str(a)]}" for a in Action)))
    for note in plan.notes:
        lines.append("  " + note.in_language(lang))
    mapped = [(c.header, c.field_key) for c in plan.mapping.mapped()]
    lines.append("  " + _one(
        lang, "列对应：" + "；".join(f"{h}→{'编号' if k == ID_KEY else kind.field(k or '').zh}" for h, k in mapped),
        "columns: " + "; ".join(f"{h}→{k}" for h, k in mapped)))
    shown = 0
    for r in plan.rows:
        if r.action is not Action.UPDATED or shown >= limit:
            continue
        shown += 1
        parts_zh = "；".join(f"{kind.field(c.field_key).zh}：{shown_value(c.before)} → {shown_value(c.after)}"
                            for c in r.changes)
        parts_en = "; ".join(f"{c.field_key}: {shown_value(c.before)} → {shown_value(c.after)}" for c in r.changes)
        lines.append("  " + _one(lang, f"第 {r.row} 行 修改 {r.record_id}：{parts_zh}",
                                 f"row {r.row} updates {r.record_id}: {parts_en}"))
    problems = plan.all_problems()
    for p in problems[:limit]:
        lines.append("  " + _one(lang, "问题：", "problem: ") + p.describe(lang))
    if len(problems) > limit:
        more = len(problems) - limit
        lines.append("  " + _one(lang, f"…… 另有 {more} 个问题", f"… {more} more problems"))
    return "\n".join(lines)
