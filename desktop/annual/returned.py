"""Importing returned annual-report workbooks (回收年报工作簿), several at once.

Each file is opened with the spreadsheet import's protections (:mod:`desktop.tables.sources`:
path, size, zip container, XML, sheet extent), its hidden part (:data:`layout.META_SHEET`) is
read, and each user sheet it names is checked against the serial engine:

- a hidden part missing, or not ours → the file is refused;
- a serial never issued here (or of another form) → refused;
- a workbook of another office (hidden part or serial) → refused;
- another year than the serial was issued for, or another user than the serial's (the hidden
  part edited) → refused;
- a serial already returned (``form_links``), or twice in this import → refused ("returned
  twice"), never merged;
- a cell that cannot be read (text in a number cell, a bad date) or a report the register's
  rules refuse (用标产量 > 产量 ...) → a problem naming file, sheet, cell and field.

:func:`plan_import` reads and checks everything without writing; :func:`apply_import` writes
every sheet of every file in one transaction, only when nothing was refused: each report added
or updated through the ledger (review status 已提交), its serial linked to it, and one audit row
per file naming it and its SHA-256.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import audit
from db import forms as db_forms
from db.connection import now_utc, transaction
from desktop.annual import layout
from desktop.fields import FieldError
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.registers import REGISTRY
from desktop.tables import sources
from desktop.tables.model import Problem, TableRefused
from desktop.tables.values import read_value

__all__ = ["SheetPlan", "FilePlan", "AnnualImport", "plan_import", "apply_import", "ImportRefused"]

log = logging.getLogger(__name__)

_KIND = "annual-report"


class ImportRefused(Exception):
    """Nothing was imported: some file or sheet was refused (the plan says which and why)."""

    def __init__(self, plan: AnnualImport):
        self.plan = plan
        super().__init__(f"{plan.refused_count()} 个工作表被拒绝，未导入任何数据 / "
                         f"{plan.refused_count()} sheet(s) refused; nothing was imported")


@dataclass
class SheetPlan:
    """One user sheet of a returned workbook and what importing it does."""

    sheet: str
    serial: str
    user_id: str
    user_name: str = ""
    year: int = 0
    action: str = "refused"
    """``new``, ``updated``, ``unchanged``, ``blank`` (nothing filled in: skipped, its serial
    left open) or ``refused``."""
    report_id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    """Fields an update changes."""
    refusal: Text | None = None
    """Why the whole sheet is refused (serial, year, user)."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.refusal is not None or bool(self.problems)


@dataclass
class FilePlan:
    """One returned file: its digest, why it is refused (if it is), its sheets."""

    path: Path
    sha256: str = ""
    office_code: str = ""
    year: int = 0
    refusal: Text | None = None
    sheets: list[SheetPlan] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.refusal is not None or any(s.refused for s in self.sheets)


@dataclass
class AnnualImport:
    """The plan of one import of several files."""

    files: list[FilePlan]

    def refused_count(self) -> int:
        return sum(1 if f.refusal is not None else sum(s.refused for s in f.sheets) for f in self.files)

    @property
    def ok(self) -> bool:
        return not any(f.refused for f in self.files)

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "updated": 0, "unchanged": 0, "blank": 0, "refused": 0}
        for f in self.files:
            if f.refusal is not None:
                out["refused"] += 1
            for s in f.sheets:
                out["refused" if s.refused else s.action] += 1
        return out

    def problems(self) -> list[tuple[FilePlan, Problem]]:
        """Every cell problem and refusal, by file (a refusal as a problem of row 0)."""
        out: list[tuple[FilePlan, Problem]] = []
        for f in self.files:
            if f.refusal is not None:
                out.append((f, Problem("", 0, None, "", None, None, f.refusal)))
            for s in f.sheets:
                if s.refusal is not None:
                    out.append((f, Problem(s.sheet, 0, None, "", None, None, s.refusal)))
                out += [(f, p) for p in s.problems]
        return out


def _t(zh: str, en: str) -> Text:
    return Text(zh, en)


@dataclass
class _Meta:
    office_code: str
    year: int
    cells: dict[str, tuple[int, int]]
    sheets: list[tuple[str, str, str]]
    sha256: str


def _read_meta(path: Path) -> _Meta:
    names = [s.name for s in sources.list_sheets(path)]
    if layout.META_SHEET not in names:
        raise TableRefused(f"“{path.name}”缺少隐藏的机读部分：不是本程序生成的年报工作簿，"
                           "或另存时被删除；请用发放的原工作簿填写",
                           f"{path.name} has no hidden machine part: not an annual-report workbook made here, "
                           "or it was lost when saving; fill in the workbook that was sent")
    grid = sources.read_grid(path, layout.META_SHEET)
    rows = [[("" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)).strip()
             for v in r] for r in grid.rows]
    info = {r[0]: r[1] for r in rows if len(r) > 1 and r[0] in ("format", "version", "office_code", "year")}
    if info.get("format") != layout.FORMAT:
        raise TableRefused(f"“{path.name}”的隐藏部分不是年报工作簿的格式", f"{path.name}: the hidden part is not "
                           "an annual-report workbook's")
    try:
        year = int(info.get("year", ""))
        cells: dict[str, tuple[int, int]] = {}
        for r in rows:
            if len(r) > 2 and r[0] == "field" and r[1] in layout.INPUT_KEYS:
                letters = r[2].rstrip("0123456789")
                cells[r[1]] = (int(r[2][len(letters):]), ord(letters) - ord("A"))
        sheets = [(r[1], r[2].upper(), r[3]) for r in rows if len(r) > 3 and r[0] == "sheet"]
    except (ValueError, TypeError, IndexError):
        raise TableRefused(f"“{path.name}”的隐藏部分已损坏或被修改", f"{path.name}: the hidden part is damaged "
                           "or was edited") from None
    if not sheets or set(cells) != set(layout.INPUT_KEYS) or any(r < 1 or c < 0 for r, c in cells.values()):
        raise TableRefused(f"“{path.name}”的隐藏部分已损坏或被修改",
                           f"{path.name}: the hidden part is damaged or was edited")
    return _Meta(info.get("office_code", ""), year, cells, sheets, grid.sha256 or "")


def _check_serial(ledger: Ledger, meta: _Meta, s: SheetPlan, seen: set[str], name: str) -> Text | None:
    row = db_forms.get_serial(ledger.db, s.serial)
    if row is None or row.form != layout.FORM:
        return _t(f"编号 {s.serial} 不是本单位签发的年报工作簿编号", f"serial {s.serial} was never issued here "
                  "for an annual-report workbook")
    if row.office_code != ledger.office.code or meta.office_code != ledger.office.code:
        other = meta.office_code if meta.office_code != ledger.office.code else row.office_code
        return _t(f"这是另一单位（{other}）的年报工作簿，本单位为 {ledger.office.code}",
                  f"a workbook of another office ({other}); this office is {ledger.office.code}")
    prefill = json.loads(row.prefill) if row.prefill else {}
    if prefill.get("year") != meta.year:
        return _t(f"工作簿年度为 {meta.year}，但编号 {s.serial} 签发给 {prefill.get('year')} 年度（隐藏部分被修改）",
                  f"the workbook says {meta.year}, but serial {s.serial} was issued for {prefill.get('year')} "
                  "(the hidden part was edited)")
    if row.subject_id != s.user_id:
        return _t(f"工作表的用标主体为 {s.user_id}，但编号 {s.serial} 签发给 {row.subject_id}（隐藏部分被修改）",
                  f"the sheet names user {s.user_id}, but serial {s.serial} was issued to {row.subject_id} "
                  "(the hidden part was edited)")
    link = db_forms.get_link(ledger.db, s.serial)
    if link is not None:
        return _t(f"编号 {s.serial} 已于 {link.at[:10]} 导入（记录 {link.record_id}），重复发回的工作簿不再导入",
                  f"serial {s.serial} was already imported on {link.at[:10]} (record {link.record_id}): "
                  "returned twice, not imported again")
    if s.serial in seen:
        return _t(f"编号 {s.serial} 在本次导入中出现了两次（{name}）：同一份工作簿发回两次",
                  f"serial {s.serial} appears twice in this import ({name}): returned twice")
    return None


def _plan_sheet(ledger: Ledger, meta: _Meta, path: Path, s: SheetPlan) -> None:
    kind = REGISTRY[_KIND]
    try:
        user = ledger.get("mark-user", s.user_id)
    except Exception:  # noqa: BLE001 - RecordNotFound and the like: said as a refusal
        s.refusal = _t(f"用标主体 {s.user_id} 不存在", f"mark user {s.user_id} does not exist")
        return
    s.user_name = str(user.values.get("name") or "")
    if user.deleted or user.office_code != ledger.office.code:
        s.refusal = _t(f"用标主体 {s.user_id} 已删除或不属于本单位",
                       f"mark user {s.user_id} is deleted or not this office's")
        return
    grid = sources.read_grid(path, s.sheet)
    values: dict[str, Any] = {}
    for f in layout.input_fields():
        row, col = meta.cells[f.key]
        raw = grid.rows[row - 1][col] if row - 1 < len(grid.rows) and col < len(grid.rows[row - 1]) else None
        try:
            values[f.key] = read_value(f, raw)
        except FieldError as e:
            s.problems.append(Problem(s.sheet, row, col, f.zh, f.key, raw, Text(e.reason.zh, e.reason.en)))
            values[f.key] = None
    if not s.problems and all(v is None for v in values.values()):
        s.action = "blank"  # a sheet of a workbook for all users left empty: not filed
        return
    existing = next(iter(ledger.list(_KIND, {"mark_user_id": s.user_id, "year": meta.year},
                                     office_code=ledger.office.code)), None)
    base = dict(existing.values) if existing is not None else {}
    merged = {**base, **values, "mark_user_id": s.user_id, "year": meta.year, "review_status": "submitted"}
    bad = {p.field_key for p in s.problems}
    for err in ledger.validate(kind, merged, existing.id if existing else None):
        if err.field_key in bad:
            continue
        at: tuple[int, int | None] = meta.cells.get(err.field_key, (0, None))  # (0, None): the sheet
        s.problems.append(Problem(s.sheet, at[0], at[1], err.zh_label, err.field_key, merged.get(err.field_key),
                                  Text(err.reason.zh, err.reason.en)))
    s.values = merged
    if s.problems:
        s.problems.sort(key=lambda p: (p.row, p.column or 0))
        return
    s.warnings = ledger.warnings(kind, merged, existing.id if existing else None)
    if existing is None:
        s.action = "new"
    else:
        s.report_id = existing.id
        s.changes = [k for k, v in merged.items() if existing.values.get(k) != v]
        s.action = "updated" if s.changes else "unchanged"


def _plan_file(ledger: Ledger, path: Path, seen: set[str]) -> FilePlan:
    plan = FilePlan(path)
    try:
        meta = _read_meta(path)
        plan.office_code, plan.year = meta.office_code, meta.year
        plan.sha256 = meta.sha256
        for name, serial, user_id in meta.sheets:
            s = SheetPlan(name, serial, user_id, year=meta.year)
            plan.sheets.append(s)
            s.refusal = _check_serial(ledger, meta, s, seen, path.name)
            seen.add(serial)
            if s.refusal is None:
                _plan_sheet(ledger, meta, path, s)
    except TableRefused as e:
        plan.refusal = _t(e.zh, e.en)
        plan.sheets = []
    return plan


def plan_import(ledger: Ledger, paths: Sequence[Path | str], *, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> AnnualImport:
    """Read and check every file (nothing is written): what importing them would do."""
    seen: set[str] = set()
    files = []
    for n, p in enumerate(paths, 1):
        check_cancel(cancelled)
        files.append(_plan_file(ledger, Path(p), seen))
        progress(n, len(paths))
    return AnnualImport(files)


def apply_import(ledger: Ledger, paths: Sequence[Path | str], *, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> AnnualImport:
    """Import every file in one transaction; :class:`ImportRefused` (nothing written) if any
    file or sheet is refused. Returns the plan that was carried out."""
    with transaction(ledger.db):
        plan = plan_import(ledger, paths, progress=progress, cancelled=cancelled)
        if not plan.ok:
            raise ImportRefused(plan)
        for f in plan.files:
            check_cancel(cancelled)
            _apply_file(ledger, f)
    log.info("annual-report workbooks imported: %s", plan.counts())
    return plan


def _apply_file(ledger: Ledger, f: FilePlan) -> None:
    note = f"回收年报工作簿 {f.path.name} sha256={f.sha256}"
    records: list[str] = []
    for s in f.sheets:
        if s.action == "blank":
            continue
        if s.action == "new":
            rec = ledger.add(_KIND, s.values)
            s.report_id = rec.id
        elif s.action == "updated":
            assert s.report_id is not None
            ledger.edit(_KIND, s.report_id, {k: s.values[k] for k in s.changes}, note=note)
        assert s.report_id is not None
        db_forms.link(ledger.db, serial=s.serial, kind=_KIND, record_id=s.report_id, at=now_utc(),
                      actor=ledger.actor.clerk)
        records.append(s.report_id)
    audit.append(ledger.db, at=now_utc(), actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action="annual-workbook-import", kind=_KIND,
                 after={"file": f.path.name, "sha256": f.sha256, "year": f.year,
                        "serials": [s.serial for s in f.sheets if s.action != "blank"], "records": records,
                        "actions": [s.action for s in f.sheets]}, note=note)

