"""What an import of a spreadsheet is made of: the grid read, the table found in it, the
proposed mapping, the plan per row and the outcome. Plain data; the modules beside this one
make and use it (``sources`` → ``header`` → ``mapping`` → ``plan`` → ``apply``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.messages import Text

__all__ = ["TableRefused", "SheetInfo", "Grid", "DataRow", "Skipped", "Table", "ID_KEY",
           "ColumnChoice", "ColumnMapping", "UnknownValue", "UnknownValues", "ValueMaps",
           "Update", "ImportOptions", "Problem", "FieldChange", "Action", "RowPlan",
           "ImportPlan", "ImportResult", "column_letter", "cell_text"]

ID_KEY = "id"
"""The mapping's field key of a 编号/ID column: the record's id (matched first)."""

ValueMaps = dict[str, dict[str, str]]
"""field key → {text as in the file → code}: the clerk's value map of a coded field."""


class TableRefused(Exception):
    """A file (or a sheet of it) that cannot be imported at all; ``zh``/``en`` say why,
    naming the file, sheet, row or column."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh}\n{en}")

    @property
    def text(self) -> Text:
        return Text(self.zh, self.en)


def cell_text(value: Any) -> str:
    """A cell's value as Excel shows it: a whole float without ``.0``, a long number in E
    notation (``9.14403001922038E+17``), a date as ISO."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:
            mantissa, exponent = f"{value:.14E}".split("E")
            mantissa = mantissa.rstrip("0").rstrip(".")
            return f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
        return repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def column_letter(index: int) -> str:
    """0 → ``A``, 26 → ``AA`` (a 0-based column index as Excel names it)."""
    number, letters = index + 1, ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetInfo:
    """A sheet of a workbook as :func:`desktop.tables.sources.list_sheets` gives it (a CSV
    file has one, named after the file)."""

    name: str
    hidden: bool = False


@dataclass(frozen=True)
class Grid:
    """One sheet's cells as read: ``rows[i][j]`` is the value of sheet row ``i + 1``, column
    ``j`` (None, str, int, float, bool, date or datetime). ``merged`` lists merged ranges as
    (first row, first column, last row, last column), 1-based, where the format tells."""

    path: Path
    sheet: str
    file_format: str
    """``xlsx``, ``xls`` or ``csv``."""
    rows: tuple[tuple[Any, ...], ...]
    encoding: str | None = None
    """For a CSV: the encoding used (``utf-8-sig``, ``utf-16``, ``utf-8``, ``gb18030``)."""
    delimiter: str | None = None
    """For a CSV: the delimiter found."""
    sha256: str = ""
    """The whole file's SHA-256 (hex), for the audit note."""
    merged: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True)
class DataRow:
    """A row below the header: its sheet row number (1-based) and its cells by column."""

    number: int
    cells: tuple[Any, ...]

    def cell(self, column: int) -> Any:
        return self.cells[column] if column < len(self.cells) else None


@dataclass(frozen=True)
class Skipped:
    """A row left out, and why (a title above the header, blank, a 合计 row)."""

    number: int
    reason: Text


@dataclass(frozen=True)
class Table:
    """A sheet with its header row found (:func:`desktop.tables.header.find_table`)."""

    grid: Grid
    header_row: int
    """Sheet row number (1-based) of the header."""
    headers: tuple[str, ...]
    """Each column's header as in the file (stripped; '' for a column without one)."""
    rows: tuple[DataRow, ...]
    skipped: tuple[Skipped, ...] = ()
    found_by: Text = field(default_factory=lambda: Text("", ""))
    """How the header row was found (its score, or "given")."""

    @property
    def sheet(self) -> str:
        return self.grid.sheet


@dataclass(frozen=True)
class ColumnChoice:
    """A column of the file and the field it goes to (None: not imported), with why."""

    column: int
    """0-based column index."""
    header: str
    field_key: str | None
    reason: Text
    confidence: float = 0.0
    """1.0 exact label, 0.9 alias, 0.7 label without its unit, 1.0 given by the clerk, 0 none."""

    @property
    def letter(self) -> str:
        return column_letter(self.column)


@dataclass(frozen=True)
class ColumnMapping:
    """Every column of a table (mapped or not), in file order, for one register."""

    kind: str
    columns: tuple[ColumnChoice, ...]

    def field_of(self, column: int) -> str | None:
        for c in self.columns:
            if c.column == column:
                return c.field_key
        return None

    def column_of(self, field_key: str) -> ColumnChoice | None:
        for c in self.columns:
            if c.field_key == field_key:
                return c
        return None

    def mapped(self) -> tuple[ColumnChoice, ...]:
        return tuple(c for c in self.columns if c.field_key is not None)

    def with_field(self, column: int, field_key: str | None) -> ColumnMapping:
        """The mapping with ``column`` sent to ``field_key`` (None: not imported) by the clerk;
        a column that had that field before loses it."""
        out = []
        for c in self.columns:
            if c.column == column:
                out.append(replace(c, field_key=field_key, confidence=1.0,
                                   reason=Text("由用户指定", "chosen by the clerk")))
            elif field_key is not None and c.field_key == field_key:
                out.append(replace(c, field_key=None, confidence=0.0,
                                   reason=Text("该字段已改由其他列导入", "field taken by another column")))
            else:
                out.append(c)
        return ColumnMapping(self.kind, tuple(out))

    def as_dict(self) -> dict[str, str]:
        """header → field key of the mapped columns (what a saved mapping keeps)."""
        return {c.header: c.field_key for c in self.columns if c.field_key is not None}


@dataclass(frozen=True)
class UnknownValue:
    """A text of a coded column that is no code, label or alias: shown once, however many
    rows hold it."""

    text: str
    count: int
    first_row: int


@dataclass(frozen=True)
class UnknownValues:
    """The unknown values of one coded column, for the clerk's value map."""

    field_key: str
    column: int
    header: str
    values: tuple[UnknownValue, ...]


class Update(StrEnum):
    """What an import does to an existing record it matches."""

    EMPTY = "empty"
    """Fill only the fields that are empty in the record (the default)."""
    ALL = "all"
    """Overwrite every field the file gives a value for."""
    NONE = "none"
    """Leave existing records alone (the row is "skipped")."""


@dataclass(frozen=True)
class ImportOptions:
    """The clerk's choices besides the mapping."""

    update: Update = Update.EMPTY
    match: str | None = None
    """The field existing records are matched by (None: the register's default)."""
    value_maps: ValueMaps = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"update": str(self.update), "match": self.match}


@dataclass(frozen=True)
class Problem:
    """Why a row (or the file) is refused: where, the value, the reason (Chinese, English)."""

    sheet: str
    row: int
    """Sheet row number (1-based); 0 for the file or the whole sheet."""
    column: int | None
    """0-based column index, None for the row as a whole."""
    header: str
    field_key: str | None
    value: Any
    reason: Text

    @property
    def letter(self) -> str:
        return column_letter(self.column) if self.column is not None else ""

    def where(self, lang: str | None = None) -> str:
        """``工作表“S”第 7 行 C 列（电话）`` / ``sheet 'S' row 7 column C (电话)``."""
        col_zh = f" {self.letter} 列（{self.header}）" if self.column is not None else ""
        col_en = f" column {self.letter} ({self.header})" if self.column is not None else ""
        row_zh = f"第 {self.row} 行" if self.row else ""
        row_en = f" row {self.row}" if self.row else ""
        zh = f"工作表“{self.sheet}”{row_zh}{col_zh}"
        en = f"sheet {self.sheet!r}{row_en}{col_en}"
        return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"

    def describe(self, lang: str | None = None) -> str:
        text = "" if self.value in (None, "") else cell_text(self.value)
        zh = f"{self.where('zh')}{f'“{text}”' if text else ''}：{self.reason.zh}"
        en = f"{self.where('en')}{' ' + repr(text) if text else ''}: {self.reason.en}"
        return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


@dataclass(frozen=True)
class FieldChange:
    """One field an update changes: before → after (Python values)."""

    field_key: str
    before: Any
    after: Any


class Action(StrEnum):
    """What the import does with a row."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    """An existing record left alone (``--update none``)."""
    REFUSED = "refused"


@dataclass(frozen=True)
class RowPlan:
    """The plan for one data row."""

    row: int
    action: Action
    record_id: str | None = None
    """The matched record (updated, unchanged, skipped)."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """NEW: the record's values; UPDATED: the changed fields' new values."""
    changes: tuple[FieldChange, ...] = ()
    problems: tuple[Problem, ...] = ()
    revision: int | None = None
    """The matched record's revision when planned (an update refuses if it moved on)."""
    kept: tuple[FieldChange, ...] = ()
    """Fields the file gives otherwise than the matched record, left as they are (``before``:
    the record's value, ``after``: the file's) because :attr:`Update.EMPTY` fills only empty
    fields."""


@dataclass(frozen=True)
class ImportPlan:
    """The dry run: what importing the table would do, row by row."""

    kind: str
    table: Table
    mapping: ColumnMapping
    options: ImportOptions
    rows: tuple[RowPlan, ...]
    problems: tuple[Problem, ...] = ()
    """Problems of the file or the mapping as a whole (a required field not mapped ...)."""
    notes: tuple[Text, ...] = ()
    """What the clerk should know (the encoding used, a 合计 row skipped ...)."""

    @property
    def path(self) -> Path:
        return self.table.grid.path

    @property
    def refused(self) -> bool:
        return bool(self.problems) or any(r.action is Action.REFUSED for r in self.rows)

    def all_problems(self) -> list[Problem]:
        """The file's problems, then every row's, in row order."""
        return [*self.problems, *(p for r in self.rows for p in r.problems)]

    def counts(self) -> dict[str, int]:
        """Rows per action (every :class:`Action`, zero included)."""
        out = {str(a): 0 for a in Action}
        for r in self.rows:
            out[str(r.action)] += 1
        return out

    def audit_note(self) -> str:
        """``导入表格 file.xlsx sha256:…`` (the audit rows' note)."""
        return f"导入表格 {self.path.name} sha256:{self.table.grid.sha256}"


@dataclass(frozen=True)
class ImportResult:
    """What :func:`desktop.tables.apply.apply_import` wrote."""

    plan: ImportPlan
    created: tuple[str, ...]
    updated: tuple[str, ...]
