"""The dry run: each row read, its references resolved, matched against the register and
validated by the register's own rules (through the ledger); nothing written.

Rows are matched by the register's natural key (:data:`DEFAULT_MATCH`, or ``--match``),
after a 编号/ID column naming a record of this office. A match key that two rows of the file
share refuses both (each naming the other). Only this office's records are matched: an id of
another office's record refuses the row (rows of other offices are never touched). An empty
cell never clears a field, whatever the update mode."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from desktop.fields import FieldError, FieldType, Kind
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger, NotOwner, RecordNotFound
from desktop.messages import Text
from desktop.record import Record
from desktop.registers import get_kind
from desktop.tables import aliases
from desktop.tables.model import (
    ID_KEY,
    Action,
    ColumnMapping,
    DataRow,
    FieldChange,
    ImportOptions,
    ImportPlan,
    Problem,
    RowPlan,
    Table,
    TableRefused,
    Update,
)
from desktop.tables.refs import References
from desktop.tables.values import read_value

__all__ = ["plan_import", "DEFAULT_MATCH", "match_fields"]

log = logging.getLogger(__name__)

DEFAULT_MATCH: dict[str, tuple[str, ...]] = {
    "mark-user": ("uscc",),
    "resource": ("name",),
    "gi": ("name",),
    "candidate": ("name",),
    "annual-report": ("mark_user_id", "year"),
}
"""The fields an existing record is matched by, per register (others: the title field)."""


def match_fields(kind_key: str, match: str | None = None) -> tuple[str, ...]:
    """The fields rows are matched by: ``match`` if given (a field key, or several joined
    by ``+``), else :data:`DEFAULT_MATCH`, else the register's title field. Raises
    :class:`TableRefused` for a field the register lacks."""
    kind = get_kind(kind_key)
    if match:
        keys = tuple(k.strip() for k in match.split("+") if k.strip())
        for key in keys:
            if not kind.has_field(key):
                known = ", ".join(f.key for f in kind.fields)
                raise TableRefused(f"匹配字段“{key}”不是“{kind.zh}”的字段，可用：{known}",
                                   f"match field {key!r} is not a field of {kind.en}; known: {known}")
        return keys
    return DEFAULT_MATCH.get(kind_key, (kind.title_field,))


def _norm(value: Any) -> Any:
    return aliases.normalise(value) if isinstance(value, str) else value


class _Planner:
    def __init__(self, ledger: Ledger, table: Table, mapping: ColumnMapping, options: ImportOptions):
        self.ledger, self.table, self.mapping, self.options = ledger, table, mapping, options
        self.kind: Kind = get_kind(mapping.kind)
        self.refs = References(ledger)
        self.match = match_fields(self.kind.key, options.match)
        self.sheet = table.sheet
        self._existing: dict[tuple[Any, ...], list[Record]] | None = None

    def problem(self, row: DataRow, key: str | None, reason: Text, value: Any = None) -> Problem:
        column = self.mapping.column_of(key) if key is not None else None
        if column is not None and value is None:
            value = row.cell(column.column)
        return Problem(self.sheet, row.number, column.column if column else None,
                       column.header if column else "", key, value, reason)

    def existing(self) -> dict[tuple[Any, ...], list[Record]]:
        """This office's live records by their match key."""
        if self._existing is None:
            self._existing = {}
            for rec in self.ledger.list(self.kind.key, office_code=self.ledger.office.code):
                key = tuple(_norm(rec.values.get(k)) for k in self.match)
                if None not in key:
                    self._existing.setdefault(key, []).append(rec)
        return self._existing

    def read(self, row: DataRow) -> tuple[dict[str, Any], str | None, list[Problem]]:
        """The row's values (references resolved), the id it gives, its problems."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        given_id: str | None = None
        for choice in self.mapping.mapped():
            key = choice.field_key
            assert key is not None
            raw = row.cell(choice.column)
            if key == ID_KEY:
                text = None if raw is None else str(raw).strip().lstrip("'")
                given_id = text or None
                continue
            f = self.kind.field(key)
            value_map = self.options.value_maps.get(key)
            try:
                value = read_value(f, raw, value_map)
            except FieldError as e:
                problems.append(self.problem(row, key, Text(e.message_zh, e.message_en), raw))
                continue
            if f.type is FieldType.REF and value is not None:
                rid, why = self.refs.resolve(f.ref or "", value)
                if why is not None:
                    problems.append(self.problem(row, key, Text(f"{f.zh}：{why.zh}", f"{f.en}: {why.en}"), raw))
                    continue
                value = rid
            values[key] = value
        return values, given_id, problems

    def find(self, row: DataRow, values: Mapping[str, Any],
             given_id: str | None) -> tuple[Record | None, Problem | None]:
        if given_id is not None:
            try:
                rec = self.ledger.get(self.kind.key, given_id)
            except RecordNotFound:  # an id of another system: matched by fields
                rec = None
            if rec is not None:
                if rec.office_code != self.ledger.office.code:
                    return None, self.problem(row, ID_KEY, Text(
                        f"记录 {given_id} 属于其他单位（{rec.office_code}），不能由本单位导入修改",
                        f"record {given_id} belongs to another office ({rec.office_code}); not changed here"))
                if rec.deleted:
                    return None, self.problem(row, ID_KEY, Text(
                        f"记录 {given_id} 已删除，请先恢复", f"record {given_id} is deleted; restore it first"))
                return rec, None
        key = tuple(_norm(values.get(k)) for k in self.match)
        if None in key:
            return None, None
        found = self.existing().get(key, [])
        if len(found) > 1:
            return None, self.problem(row, self.match[0], Text(
                f"与多条记录相符（{'、'.join(r.id for r in found[:5])}），请填写编号列",
                f"matches several records ({', '.join(r.id for r in found[:5])}): give the id column"))
        return (found[0] if found else None), None

    def row_key(self, values: Mapping[str, Any], given_id: str | None) -> tuple[Any, ...] | None:
        key = tuple(_norm(values.get(k)) for k in self.match)
        if given_id is not None:
            return ("id", given_id)
        return None if None in key else key

    def plan_row(self, row: DataRow) -> RowPlan:
        values, given_id, problems = self.read(row)
        rec, problem = self.find(row, values, given_id)
        if problem is not None:
            problems.append(problem)
        if problems:
            return RowPlan(row.number, Action.REFUSED, problems=tuple(problems))
        if rec is None:
            return self.new_row(row, values)
        return self.update_row(row, rec, values)

    def errors(self, row: DataRow, errors: list[FieldError]) -> tuple[Problem, ...]:
        return tuple(self.problem(row, e.field_key if self.kind.has_field(e.field_key) else None,
                                  Text(e.message_zh, e.message_en)) for e in errors)

    def new_row(self, row: DataRow, values: dict[str, Any]) -> RowPlan:
        full = {f.key: values.get(f.key) for f in self.kind.fields}
        full.update(self.kind.derive(full, given=values))
        errors = self.ledger.validate(self.kind, full)
        if errors:
            return RowPlan(row.number, Action.REFUSED, problems=self.errors(row, errors))
        return RowPlan(row.number, Action.NEW, values=full)

    def update_row(self, row: DataRow, rec: Record, values: dict[str, Any]) -> RowPlan:
        if self.options.update is Update.NONE:
            return RowPlan(row.number, Action.SKIPPED, record_id=rec.id, revision=rec.revision)
        changes: dict[str, Any] = {}
        for key, value in values.items():
            before = rec.values.get(key)
            if value is None or value == before:
                continue
            if self.options.update is Update.EMPTY and before is not None:
                continue
            changes[key] = value
        if not changes:
            return RowPlan(row.number, Action.UNCHANGED, record_id=rec.id, revision=rec.revision)
        merged = {**rec.values, **changes}
        merged.update(self.kind.derive(merged, before=rec.values, given=changes))
        errors = self.ledger.validate(self.kind, merged, rec.id)
        if errors:
            return RowPlan(row.number, Action.REFUSED, record_id=rec.id, problems=self.errors(row, errors))
        return RowPlan(row.number, Action.UPDATED, record_id=rec.id, values=changes, revision=rec.revision,
                       changes=tuple(FieldChange(k, rec.values.get(k), v) for k, v in changes.items()))


def _duplicates(planner: _Planner, rows: list[RowPlan], keys: list[tuple[Any, ...] | None]) -> list[RowPlan]:
    """Rows sharing a match key (or an id) refused, each naming the others."""
    seen: dict[tuple[Any, ...], list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            seen.setdefault(key, []).append(i)
    labels = "、".join(planner.kind.field(k).zh for k in planner.match)
    out = list(rows)
    for indices in seen.values():
        if len(indices) < 2:
            continue
        numbers = [rows[i].row for i in indices]
        for i in indices:
            others = "、".join(str(n) for n in numbers if n != rows[i].row)
            row = planner.table.rows[i]
            problem = planner.problem(row, planner.match[0], Text(
                f"与本表第 {others} 行重复（{labels}相同）", f"duplicates row {others} of this sheet (same {labels})"))
            out[i] = RowPlan(rows[i].row, Action.REFUSED, record_id=rows[i].record_id,
                             problems=(*rows[i].problems, problem))
    return out


def plan_import(ledger: Ledger, table: Table, mapping: ColumnMapping, options: ImportOptions, *,
                progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> ImportPlan:
    """What importing ``table`` would do, per row: new, updated (the fields, before → after),
    unchanged, skipped or refused (every problem, naming sheet, row, column and value).
    Raises :class:`desktop.jobs.Cancelled`, and :class:`TableRefused` for a ``match`` field
    the register lacks."""
    planner = _Planner(ledger, table, mapping, options)
    kind = planner.kind
    problems: list[Problem] = []
    notes: list[Text] = [table.found_by] if table.found_by.zh else []
    grid = table.grid
    if grid.encoding:
        notes.append(Text(f"文字编码：{grid.encoding}，分隔符：{_delimiter(grid.delimiter)}",
                          f"text encoding: {grid.encoding}, delimiter: {_delimiter(grid.delimiter)}"))
    notes += [s.reason for s in table.skipped if "合计" in s.reason.zh]
    try:
        ledger.check_kept_here(kind)
    except NotOwner as e:
        zh, _, en = str(e).partition("\n")
        problems.append(Problem(table.sheet, 0, None, "", None, None, Text(zh, en or zh)))
    if not mapping.mapped():
        problems.append(Problem(table.sheet, table.header_row, None, "", None, None, Text(
            "没有任何列对应到台账字段", "no column is mapped to a field of the register")))
    missing = [f for f in kind.fields if f.required and mapping.column_of(f.key) is None
               and not any(d.key == f.key for d in kind.derived)]
    if missing:
        notes.append(Text("必填字段没有对应的列（新记录将被拒绝）：" + "、".join(f.zh for f in missing),
                          "required fields without a column (new records are refused): "
                          + ", ".join(f.en for f in missing)))
    unmapped = [kind.field(k) for k in planner.match if mapping.column_of(k) is None]
    if unmapped and mapping.column_of(ID_KEY) is None:
        notes.append(Text(f"匹配字段（{'、'.join(f.zh for f in unmapped)}）没有对应的列：每行都作为新记录",
                          f"the match fields ({', '.join(f.en for f in unmapped)}) have no column: every row is new"))
    rows: list[RowPlan] = []
    keys: list[tuple[Any, ...] | None] = []
    total = len(table.rows)
    for n, row in enumerate(table.rows, start=1):
        if problems:
            break
        plan = planner.plan_row(row)
        rows.append(plan)
        values, given_id, _p = planner.read(row) if plan.action is Action.REFUSED else (None, None, None)
        if plan.action is Action.REFUSED:
            keys.append(planner.row_key(values or {}, given_id) if values is not None else None)
        else:
            keys.append(("id", plan.record_id) if plan.record_id else planner.row_key(plan.values, None))
        if n % 200 == 0:
            progress(n, total)
            check_cancel(cancelled)
    rows = _duplicates(planner, rows, keys)
    progress(total, total)
    log.info("planned import of %s into %s: %s", table.grid.path.name, kind.key,
             {a: c for a, c in _counts(rows).items() if c})
    return ImportPlan(kind.key, table, mapping, options, tuple(rows), tuple(problems), tuple(notes))


def _counts(rows: list[RowPlan]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[str(r.action)] = out.get(str(r.action), 0) + 1
    return out


def _delimiter(delimiter: str | None) -> str:
    return {"\t": "Tab", ",": ",", ";": ";"}.get(delimiter or ",", delimiter or ",")
