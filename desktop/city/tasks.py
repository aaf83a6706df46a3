"""Work-plan tasks both ways: the city enters its plan and tasks, each unit reports its
progress, the city sees the task × unit grid.

A plan and its tasks are the city's records (register ``work-plan`` and ``task``); they
travel down in the reference packet. A progress report (register ``progress``) is the
unit's own record and travels up in its next packet. Everything here is thin over
:class:`desktop.ledger.Ledger` (validated, audited); the one query is
:func:`db.city_tasks.latest_progress`.

A task with no units applies to every unit of the city's list
(:func:`desktop.city.units.current_units`); otherwise to the units listed.

Example::

    plan = add_plan(city, "2024年全市地理标志工作计划", 2024, document_no="石市监函〔2024〕15号")
    add_task(city, plan.id, "1", "开展地理标志资源普查")
    add_task(city, plan.id, "2", "申报地理标志商标", units=["130125"])
    grid = task_grid(city, plan.id)          # rows: tasks; columns: units
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from db import city_tasks
from db.city_tasks import LatestProgress
from db.connection import transaction
from desktop.city.units import Unit, current_units, unit_names
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers.work_plan import PROGRESS_STATUSES
from desktop.validation import Reason

__all__ = ["TaskError", "NOT_APPLICABLE", "NOT_REPORTED", "STATUS_COLOURS", "GridCell", "TaskGrid", "UnitTask",
           "add_plan", "add_task", "plans", "plan_tasks", "applies", "tasks_for_unit", "number_key",
           "latest_progress", "task_grid", "my_tasks", "report_progress", "status_label",
           "parse_plan_lines", "add_tasks_from_text"]

log = logging.getLogger(__name__)

NOT_APPLICABLE = "—"
"""A grid cell of a unit the task does not apply to."""
NOT_REPORTED = ("未报", "not reported")
"""A grid cell of a unit the task applies to that has reported nothing."""
STATUS_COLOURS: dict[str, str] = {
    "done": "C6EFCE", "in_progress": "FFF2CC", "difficulty": "F8CBAD", "not_started": "E7E6E6",
    "none": "FFFFFF",
}
"""A grid cell's colour per status (``none``: not reported), RGB hex: the workbook and the window."""


class TaskError(ValueError):
    """A task use case refused (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


def status_label(code: str | None, lang: str = "zh") -> str:
    """未开始 / 进行中 / 已完成 / 有困难 (or the English) for a status code."""
    for c in PROGRESS_STATUSES:
        if c.code == code:
            return c.zh if lang == "zh" else c.en
    return code or ""


def number_key(number: str) -> tuple[Any, ...]:
    """Natural order of task numbers: 2 before 10, （三）2 after （三）1."""
    parts = re.split(r"(\d+)", number or "")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


# ---- the city: plans and tasks ------------------------------------------------------------

def add_plan(ledger: Ledger, name: str, year: int | str, *, document_no: str | None = None,
             issued_date: date | str | None = None, note: str | None = None) -> Record:
    """Enter a work plan (工作计划 / 分工方案) of this office."""
    return ledger.add("work-plan", {"name": name, "year": year, "document_no": document_no,
                                    "issued_date": issued_date, "note": note})


def _check_units(ledger: Ledger, units: Sequence[str]) -> None:
    known = unit_names(ledger)
    unknown = [u for u in units if u not in known]
    if unknown:
        raise TaskError(Reason(f"责任单位不在本单位的报送单位列表中：{'、'.join(unknown)}",
                               f"responsible units not in this office's unit list: {', '.join(unknown)}"))


def add_task(ledger: Ledger, plan_id: str, number: str, text: str, *, section: str | None = None,
             units: Sequence[str] | None = None, deadline: date | str | None = None,
             departments: str | None = None, note: str | None = None) -> Record:
    """Enter a task of one of this office's plans; ``units`` empty or None: every unit."""
    codes = [u.strip() for u in units or [] if u.strip()]
    plan = ledger.get("work-plan", plan_id)
    if plan.office_code != ledger.office.code or plan.deleted:
        raise TaskError(Reason(f"工作计划 {plan_id} 不是本单位的有效计划",
                               f"work plan {plan_id} is not a live plan of this office"))
    _check_units(ledger, codes)
    return ledger.add("task", {"plan_id": plan_id, "number": number, "text": text, "section": section,
                               "units": codes, "deadline": deadline, "departments": departments,
                               "note": note})


def plans(ledger: Ledger, *, own: bool = True) -> list[Record]:
    """Live work plans (this office's, or those of other offices held here), newest year first."""
    me = ledger.office.code
    found = [p for p in ledger.list("work-plan") if (p.office_code == me) == own]
    return sorted(found, key=lambda p: (-(p.values.get("year") or 0), p.values.get("name") or "", p.id))


def plan_tasks(ledger: Ledger, plan_id: str) -> list[Record]:
    """The plan's live tasks in number order."""
    found = list(ledger.list("task", {"plan_id": plan_id}))
    return sorted(found, key=lambda t: (number_key(t.values.get("number") or ""), t.id))


def applies(task: Record, unit_code: str) -> bool:
    """Whether the task is for this unit (no units listed: for every unit)."""
    units = task.values.get("units") or []
    return not units or unit_code in units


def tasks_for_unit(ledger: Ledger, unit_code: str, plan_id: str | None = None) -> list[Record]:
    """The live tasks held here (of one plan when given) that apply to ``unit_code``, in plan
    then number order."""
    tasks = plan_tasks(ledger, plan_id) if plan_id else list(ledger.list("task"))
    found = [t for t in tasks if applies(t, unit_code)]
    return sorted(found, key=lambda t: (t.values.get("plan_id") or "", number_key(t.values.get("number") or ""),
                                        t.id))


def latest_progress(ledger: Ledger, task_ids: Sequence[str],
                    office_code: str | None = None) -> dict[tuple[str, str], LatestProgress]:
    """``(task_id, unit code) → latest live report`` (latest report date, then the latest saved)."""
    return city_tasks.latest_progress(ledger.db, task_ids, office_code)


# ---- the grid ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GridCell:
    """One unit's state on one task."""

    applies: bool
    progress: LatestProgress | None = None

    @property
    def status(self) -> str | None:
        return self.progress.status if self.progress else None

    def text(self, lang: str = "zh") -> str:
        """``—`` (not this unit's), ``未报`` (nothing arrived), else status, date and text."""
        if not self.applies:
            return NOT_APPLICABLE
        p = self.progress
        if p is None:
            return NOT_REPORTED[0] if lang == "zh" else NOT_REPORTED[1]
        lines = [f"{status_label(p.status, lang)} {p.report_date}"]
        if p.text:
            lines.append(p.text)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        p = self.progress
        return {"applies": self.applies, "status": p.status if p else None,
                "status_label": status_label(p.status) if p else (None if not self.applies else NOT_REPORTED[0]),
                "report_date": p.report_date if p else None, "text": p.text if p else None,
                "progress_id": p.id if p else None}


@dataclass(frozen=True)
class TaskGrid:
    """The task × unit grid of one plan: rows are tasks (number order), columns the units of
    the city's list."""

    plan: Record
    tasks: list[Record]
    units: list[Unit]
    cells: dict[tuple[str, str], GridCell]

    def cell(self, task_id: str, unit_code: str) -> GridCell:
        return self.cells[(task_id, unit_code)]

    def counts(self, task_id: str) -> dict[str, int]:
        """How many units of the task are at each status (``none``: not reported)."""
        out: dict[str, int] = {}
        for u in self.units:
            c = self.cells[(task_id, u.code)]
            if c.applies:
                key = c.status or "none"
                out[key] = out.get(key, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": {"id": self.plan.id, "name": self.plan.values.get("name"), "year": self.plan.values.get("year"),
                     "document_no": self.plan.values.get("document_no")},
            "units": [{"code": u.code, "name": u.name} for u in self.units],
            "tasks": [{"id": t.id, "number": t.values.get("number"), "section": t.values.get("section"),
                       "text": t.values.get("text"), "units": t.values.get("units") or [],
                       "deadline": t.values["deadline"].isoformat() if t.values.get("deadline") else None,
                       "cells": {u.code: self.cells[(t.id, u.code)].to_json() for u in self.units}}
                      for t in self.tasks],
        }


def task_grid(ledger: Ledger, plan_id: str) -> TaskGrid:
    """The grid of one plan of this office: each unit's latest progress on each task."""
    plan = ledger.get("work-plan", plan_id)
    if plan.deleted:
        raise TaskError(Reason(f"工作计划 {plan_id} 已删除", f"work plan {plan_id} is deleted"))
    tasks = plan_tasks(ledger, plan_id)
    units = current_units(ledger)
    latest = latest_progress(ledger, [t.id for t in tasks])
    cells = {(t.id, u.code): GridCell(applies(t, u.code), latest.get((t.id, u.code)) if applies(t, u.code) else None)
             for t in tasks for u in units}
    return TaskGrid(plan, tasks, units, cells)


# ---- the unit: its tasks and its progress ----------------------------------------------------

@dataclass(frozen=True)
class UnitTask:
    """A task of the parent office that applies to this unit, with this unit's latest report."""

    task: Record
    plan: Record | None
    latest: LatestProgress | None


def my_tasks(ledger: Ledger) -> list[UnitTask]:
    """The parent office's live tasks (from its reference packets) that apply to this office,
    in plan then number order, each with this office's latest progress report."""
    me = ledger.office.code
    tasks = [t for t in tasks_for_unit(ledger, me) if t.office_code != me]
    plan_ids = {t.values.get("plan_id") for t in tasks}
    plans_by_id = {p.id: p for p in ledger.list("work-plan") if p.id in plan_ids}
    latest = latest_progress(ledger, [t.id for t in tasks], me)
    out = [UnitTask(t, plans_by_id.get(t.values.get("plan_id") or ""), latest.get((t.id, me))) for t in tasks]

    def order(u: UnitTask) -> tuple[Any, ...]:
        p = u.plan
        return (-(p.values.get("year") or 0) if p else 0, p.values.get("name") if p else "",
                number_key(u.task.values.get("number") or ""), u.task.id)

    return sorted(out, key=order)


def report_progress(ledger: Ledger, task_id: str, status: str, text: str | None = None, *,
                    report_date: date | str | None = None,
                    attachments: Iterable[str] | None = None) -> Record:
    """Record this office's progress on a task of its parent office (today unless dated)."""
    task = ledger.get("task", task_id)
    me = ledger.office.code
    if task.deleted:
        raise TaskError(Reason(f"工作任务 {task_id} 已被上级删除", f"task {task_id} was deleted by its office"))
    if task.office_code == me:
        raise TaskError(Reason(f"工作任务 {task_id} 是本单位下达的任务，进展由下级单位报告",
                               f"task {task_id} is this office's own; the units below report on it"))
    if not applies(task, me):
        raise TaskError(Reason(f"工作任务 {task_id} 的责任单位不包括本单位（{me}）",
                               f"task {task_id} is not for this office ({me})"))
    return ledger.add("progress", {"task_id": task_id, "status": status, "text": text,
                                   "report_date": report_date or ledger.today(),
                                   "attachments": list(attachments or [])})


# ---- pasted 分工方案 lines (bonus) -----------------------------------------------------------

_NUMBERED = re.compile(r"^\s*[（(]?(\d+)[)）]?\s*[、.．]\s*(.+)$")
_RESPONSIBLE = re.compile(r"[（(]\s*责任单位\s*[:：]\s*(.*)[）)]\s*[。；;]?\s*$")


def _unit_codes(text: str, names: dict[str, str]) -> list[str]:
    """Unit names or codes in a 责任单位 text; 各县（市、区） or 全部 means every unit."""
    if not text or any(w in text for w in ("各县", "全部", "各单位")):
        return []
    by_name = {n: c for c, n in names.items()}
    out: list[str] = []
    for part in re.split(r"[、，,；;\s]+", text):
        part = part.strip()
        if part in names:
            out.append(part)
        elif part in by_name:
            out.append(by_name[part])
    return out


def add_tasks_from_text(ledger: Ledger, plan_id: str, text: str) -> list[Record]:
    """Parse pasted plan text (:func:`parse_plan_lines`) and add every task to the plan, all
    or none (one transaction: a refused task leaves the plan as it was)."""
    rows = parse_plan_lines(text, unit_names(ledger))
    if not rows:
        raise TaskError(Reason("没有识别出任务：每行应为“1、任务内容（责任单位：……）”"
                               "或表格行“序号<TAB>任务<TAB>责任单位”",
                               "no task found: write '1、task (责任单位：...)' lines or table rows "
                               "'number<TAB>task<TAB>units'"))
    with transaction(ledger.db):
        return [add_task(ledger, plan_id, r["number"], r["text"], section=r["section"], units=r["units"])
                for r in rows]


def parse_plan_lines(text: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Tasks from pasted plan text, as ``add_task`` keyword values (``number``, ``text``,
    ``section``, ``units``): table rows copied from a 分工方案 (``序号<TAB>部分<TAB>任务<TAB>责任单位``
    or ``序号<TAB>任务<TAB>责任单位``) or numbered lines ``1、任务……（责任单位：行唐县、灵寿县）``.
    A heading line (``一、…``) becomes the section of the tasks below it. ``names``: unit code →
    name (:func:`desktop.city.units.unit_names`); names not in it are left out."""
    out: list[dict[str, Any]] = []
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) >= 3 and re.fullmatch(r"\d+", cells[0]):
            number, rest = cells[0], cells[1:]
            units_text = rest[-1]
            body = rest[-2]
            sec = rest[0] if len(rest) >= 3 else section
            out.append({"number": number, "text": body, "section": sec or None,
                        "units": _unit_codes(units_text, names)})
            continue
        m = _NUMBERED.match(line)
        if m:
            body = m.group(2).strip()
            units: list[str] = []
            r = _RESPONSIBLE.search(body)
            if r:
                units = _unit_codes(r.group(1), names)
                body = body[:r.start()].rstrip()
            out.append({"number": m.group(1), "text": body, "section": section, "units": units})
        elif re.match(r"^[一二三四五六七八九十]+、", line):
            section = line
    return out
