"""The printed inspection forms of a draw (``PrintRequest("inspection-draw", ids=(DRAW_ID,))``
through :func:`desktop.forms.render`): one 检查记录表 per target with the user, plan, inspectors'
names and task number filled in. Each sheet gets a serial whose pre-filled values become the new
inspection record's starting values when the result is typed in (录入纸质表)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.draw import publication, service
from desktop.forms.model import NothingToPrint
from desktop.ledger import Ledger

__all__ = ["draw_prefills", "inspection_defaults"]


def _resolve(ledger: Ledger, ident: str) -> service.Draw:
    found = service.get_draw(ledger, ident)
    if found is None:  # a plan id: its latest draw
        done = service.history(ledger, ident)
        if not done:
            raise NothingToPrint(f"没有抽取记录 {ident}（抽取编号或已抽取的计划编号）\n"
                                 f"no draw {ident} (a draw id or the id of a plan drawn)")
        found = done[-1]
    return found


def inspection_defaults(task: publication.Task, plan_id: str) -> dict[str, Any]:
    """A new inspection record's values for a drawn target."""
    return {"mark_user_id": task.user_id, "plan_id": plan_id, "inspectors": list(task.inspector_names),
            "task_no": task.task_no}


def draw_prefills(ledger: Ledger, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Per target of the draw(s) ``ids``, the values printed on its form (NothingToPrint when
    none is given or known)."""
    if not ids:
        raise NothingToPrint("请指定抽取编号\ngive the draw's id")
    out: list[dict[str, Any]] = []
    for ident in ids:
        draw = _resolve(ledger, ident)
        out += [inspection_defaults(t, draw.stored.plan_id) for t in publication.tasks(ledger, draw)]
    if not out:
        raise NothingToPrint("该次抽取没有检查对象\nthe draw has no targets")
    return out
