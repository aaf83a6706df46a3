"""``plan add``: a plan from the command line, its inspectors from a file (.csv UTF-8/GBK or
.xlsx/.xls, read through :mod:`desktop.tables.sources` and its protections).

The file has the columns 姓名, 执法证号 and optionally 单位, 回避企业 (USCCs or names separated by
``、``), under a header row found among the first rows. Each row upserts the inspectors' roster
by 执法证号 (through :class:`desktop.ledger.Ledger`); the plan's 执法检查人员库 is those numbers.
Everything is written in one transaction, or nothing (a bad row names file, row and column)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.connection import transaction
from desktop.fields import FieldError
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import get_kind
from desktop.tables.model import TableRefused
from desktop.tables.sources import read_grid

__all__ = ["InspectorRow", "PlanFileRefused", "read_inspectors", "add_plan", "FILTER_KEYS", "PlanAdded"]

log = logging.getLogger(__name__)

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name", "检查人员", "执法人员姓名"),
    "cert_no": ("执法证号", "cert_no", "执法证件号码", "执法证编号", "证件号码"),
    "unit": ("单位", "unit", "所在单位", "工作单位", "科室"),
    "avoid": ("回避企业", "avoid", "须回避企业", "回避"),
}
"""The columns by their headers (the first is the one the issue names)."""
REQUIRED = ("name", "cert_no")
HEADER_ROWS = 10
FILTER_KEYS = ("gi", "status", "town")


class PlanFileRefused(Exception):
    """The inspectors file or an option refused; ``problems`` name file, row and column."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class InspectorRow:
    """One inspector of the file, with its sheet row."""

    row: int
    name: str
    cert_no: str
    unit: str | None
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class PlanAdded:
    plan: Record
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


def _letters(index: int) -> str:
    out, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _text(value: Any) -> str | None:
    """A cell as text; a number from a spreadsheet as its digits (refused when digits are lost)."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != int(value) or abs(value) >= 1e15:
            raise ValueError(repr(value))
        value = int(value)
    text = str(value).strip()
    return text or None


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(rows[:HEADER_ROWS]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            label = str(cell).strip() if cell is not None else ""
            for key, names in COLUMNS.items():
                if key not in found and label in names:
                    found[key] = c
        if all(k in found for k in REQUIRED):
            return r, found
    return None


def read_inspectors(path: Path | str, sheet: str | None = None) -> list[InspectorRow]:
    """The file's inspectors; :class:`PlanFileRefused` naming every bad row and column."""
    path = Path(path)
    try:
        grid = read_grid(path, sheet)
    except TableRefused as e:
        raise PlanFileRefused([f"{e.zh} / {e.en}"]) from None
    found = _header(grid.rows)
    if found is None:
        raise PlanFileRefused([f"“{path.name}”（工作表“{grid.sheet}”）前 {HEADER_ROWS} 行中没有找到表头"
                               "“姓名”和“执法证号” / "
                               f"{path.name} (sheet {grid.sheet!r}): no header row with 姓名 and 执法证号 in the "
                               f"first {HEADER_ROWS} rows"])
    head, cols = found
    kind = get_kind("inspector")
    problems: list[str] = []
    out: list[InspectorRow] = []
    seen: dict[str, int] = {}
    for r in range(head + 1, len(grid.rows)):
        row = grid.rows[r]
        number = r + 1
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        values: dict[str, Any] = {}
        for key, c in cols.items():
            label = COLUMNS[key][0]
            where = f"“{path.name}”第 {number} 行“{label}”列（{_letters(c)} 列）"
            where_en = f"{path.name} row {number}, column {label} ({_letters(c)})"
            raw = row[c] if c < len(row) else None
            try:
                text = _text(raw)
            except ValueError:
                problems.append(f"{where}：“{raw}”是数字，Excel 已丢失位数，请把该列设为文本后重新输入 / "
                                f"{where_en}: {raw!r} is a number and has lost digits; format the column as text")
                continue
            f = kind.field(key)
            try:
                values[key] = f.coerce(text)
            except FieldError as e:
                problems.append(f"{where}：{e.reason.zh} / {where_en}: {e.reason.en}")
                continue
            if key in REQUIRED and values[key] is None:
                problems.append(f"{where}：必填 / {where_en}: required")
        cert = values.get("cert_no")
        if cert and cert in seen:
            problems.append(f"“{path.name}”第 {number} 行：执法证号 {cert} 与第 {seen[cert]} 行重复 / "
                            f"{path.name} row {number}: certificate number {cert} repeats row {seen[cert]}")
        elif cert:
            seen[cert] = number
        if values.get("name") and cert:
            out.append(InspectorRow(number, values["name"], cert, values.get("unit"),
                                    tuple(values.get("avoid") or ())))
    if problems:
        raise PlanFileRefused(problems)
    if not out:
        raise PlanFileRefused([f"“{path.name}”中没有执法检查人员 / {path.name} lists no inspectors"])
    log.info("read %d inspector(s) from %s", len(out), path.name)
    return out


def _filters(ledger: Ledger, filters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    problems: list[str] = []
    out: dict[str, list[str]] = {}
    for key, values in filters.items():
        if key not in FILTER_KEYS:
            problems.append(f"--filter {key}：只能按 gi、status、town 筛选 / --filter {key}: use gi, status or town")
            continue
        items = [v.strip() for value in values for v in value.replace("；", ";").replace("、", ";").split(";")
                 if v.strip()]
        if key == "gi":
            gis = list(ledger.list("gi", office_code=None))
            ids: list[str] = []
            for item in items:
                hit = [g.id for g in gis if not g.deleted and (g.id == item or g.values.get("name") == item)]
                if not hit:
                    problems.append(f"--filter gi={item}：没有这个地理标志（编号或名称）/ no GI with this id or name")
                ids += hit
            out["filter_gi"] = list(dict.fromkeys(ids))
        elif key == "status":
            out["filter_status"] = items
        else:
            out["filter_town"] = items
    if problems:
        raise PlanFileRefused(problems)
    return out


def add_plan(ledger: Ledger, *, name: str, year: int, inspectors_file: Path | str, count: int | None = None,
             ratio_pct: float | None = None, per_target: int | None = None,
             filters: Mapping[str, Sequence[str]] | None = None, sheet: str | None = None) -> PlanAdded:
    """Read the inspectors file, upsert the roster by 执法证号 and add the plan, all in one
    transaction. Raises :class:`PlanFileRefused` (file), ``ValidationFailed`` (plan fields)."""
    rows = read_inspectors(inspectors_file, sheet)
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    with transaction(ledger.db):
        plan_filters = _filters(ledger, filters or {})
        for row in rows:
            values: dict[str, Any] = {"name": row.name, "cert_no": row.cert_no}
            if row.unit is not None:
                values["unit"] = row.unit
            values["avoid"] = list(row.avoid) or None
            existing = next(iter(ledger.list("inspector", {"cert_no": row.cert_no},
                                             office_code=ledger.office.code)), None)
            if existing is None:
                ledger.add("inspector", values)
                added.append(row.cert_no)
                continue
            diff = {k: v for k, v in values.items() if existing.values.get(k) != v}
            if diff:
                ledger.edit("inspector", existing.id, diff)
                updated.append(row.cert_no)
            else:
                unchanged.append(row.cert_no)
        plan = ledger.add("plan", {"name": name, "year": year, "sample_count": count, "ratio_pct": ratio_pct,
                                   "per_target": per_target, "inspector_pool": [r.cert_no for r in rows],
                                   **plan_filters})
    return PlanAdded(plan, tuple(added), tuple(updated), tuple(unchanged))
