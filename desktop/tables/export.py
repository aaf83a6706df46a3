"""Any register table out to ``.xlsx`` or ``.csv``, as the clerk sees it.

:func:`export_table` writes what a register page shows: the rows and their order come from
:class:`desktop.browse.Browser` with a :class:`desktop.browse.BrowseState` (search, filters,
sort, units, ids, deleted records), the columns are given as keys in order (default:
:func:`default_columns`, those not hidden by default). Values are written as the clerk reads
them: labels instead of codes, references as the referenced record's title, lists joined with
``、``, yes/no as 是/否 (yes/no in English).

- ``.xlsx`` (xlsxwriter, constant memory: rows are streamed a page of :data:`PAGE_ROWS` at a
  time, never the whole register in memory): one sheet named after the register, no title
  rows, the header frozen, an autofilter over the data, column widths from the table's;
  USCC, phone numbers, codes and ids as text cells (never numbers), dates as date cells
  (``yyyy-mm-dd``), numbers as numbers (the field's decimals). A text starting with
  ``= + - @`` is a string cell, never a formula.
- ``.csv``: UTF-8 with a BOM (Excel and WPS then read it as UTF-8), CRLF line ends, the same
  columns and texts; a text starting with ``= + - @`` gets a leading apostrophe (CSV
  injection: a spreadsheet would run it as a formula), which the importer strips.

The file is written as ``TARGET.<pid>.part`` and renamed at the end (:func:`desktop.tempfiles.writing`):
a cancel or an error leaves no file behind (nor a changed one: an existing target stays as it was).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from desktop import tempfiles
from desktop.browse import UNIT_KEY, Browser, BrowseState, Column, RowView, text_units
from desktop.fields import Field, FieldError, FieldType, ValidationFailed
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text, shorten
from desktop.packets.sheetxml import CellPlan, SheetRows
from desktop.packets.writer import close_workbook
from desktop.validation import Reason

__all__ = ["ExportRefused", "ExportResult", "export_table", "default_columns", "resolve_columns",
           "where_state", "DELETED", "header_label", "sheet_name", "csv_guard", "SUFFIXES", "PAGE_ROWS",
           "XLSX_MAX_ROWS", "FORMULA_STARTS", "MAX_WIDTH", "column_width", "new_workbook"]

log = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".csv")
PAGE_ROWS = 1000
"""Rows read from the database (and checked for a cancel) at a time."""
XLSX_MAX_ROWS = 1_048_575
"""Excel's 1,048,576 rows, less the header."""
FORMULA_STARTS = ("=", "+", "-", "@")
"""A text starting with one of these is a formula to a spreadsheet opening a CSV."""
_EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's dates (after its 29 February 1900 that never was)."""
MAX_WIDTH = 60
"""Widest column, in Excel's character units."""

_TEXT_CELLS = {FieldType.TEXT, FieldType.USCC, FieldType.PHONE, FieldType.DIVISION, FieldType.LIST,
               FieldType.REF}
"""Written with the text format (@), so that editing the cell in Excel keeps it text."""
_NUMBERS = {FieldType.INT, FieldType.YEAR, FieldType.DECIMAL}


class ExportRefused(Exception):
    """An export that cannot be made (a wrong file type, an unknown column, too many rows for
    Excel); ``zh`` and ``en`` are the message, ``str()`` both (``中文 / English``)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(str(Text(zh, en)))


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_table` wrote."""

    path: Path
    rows: int
    columns: tuple[str, ...]
    """The column keys, in order."""
    format: str
    """``xlsx`` or ``csv``."""


# ---- what to write ---------------------------------------------------------------------

def default_columns(browser: Browser) -> list[str]:
    """The columns a register page shows before the clerk changes them (long texts hidden)."""
    return [c.key for c in browser.columns if not c.hidden_by_default]


def resolve_columns(browser: Browser, keys: Sequence[str] | None) -> list[Column]:
    """The columns of ``keys`` in that order (each once); None or empty: :func:`default_columns`.
    An unknown key is refused, naming the known ones."""
    by_key = {c.key: c for c in browser.columns}
    wanted = list(dict.fromkeys(keys or default_columns(browser)))
    unknown = [k for k in wanted if k not in by_key]
    if unknown:
        known = ", ".join(by_key)
        raise ExportRefused(f"“{browser.kind.zh}”没有这些列：{', '.join(unknown)}；可用的列：{known}",
                            f"{browser.kind.en} has no column {', '.join(unknown)}; known columns: {known}")
    return [by_key[k] for k in wanted]


def where_state(browser: Browser, pairs: Mapping[str, str], state: BrowseState | None = None) -> BrowseState:
    """``state`` (default: all live records) narrowed to records whose fields equal ``pairs``
    (values as a clerk types them, as ``giledger list --where``: coded values by code or
    label, dates as 2024-05-01, a reference by the record's id). In a city or province,
    ``office_code`` takes a unit's code or name. Every bad key or value is named in one
    :class:`ValidationFailed`."""
    state = replace(state or BrowseState(), filters=dict((state or BrowseState()).filters))
    errors: list[FieldError] = []
    for key, raw in pairs.items():
        if key == UNIT_KEY and browser.units is not None:
            text = raw.strip()
            codes = [c for c, name in browser.units.names.items() if text in (c, name)]
            if not codes:
                errors.append(FieldError(key, "单位", "unit", Reason(
                    f"没有单位“{shorten(text)}”", f"no unit {shorten(text)!r}")))
            state.units = codes
            continue
        try:
            f = browser.kind.field(key)
            if f.type in (FieldType.MULTI, FieldType.LIST):
                raise FieldError.of(f, Reason("列表字段不能用作筛选条件", "list fields cannot be used as a filter"))
            value = f.coerce(raw)
            if value is None:
                raise FieldError.of(f, Reason("筛选值不能为空", "a filter value cannot be empty"))
            state.filters[key] = [value]
        except FieldError as e:
            errors.append(e)
    if errors:
        raise ValidationFailed(errors, browser.kind.zh)
    return state


def header_label(column: Column, lang: str = "zh") -> str:
    """A column's header: the Chinese label (what the importer maps), or the English one
    starting with a capital."""
    return column.en[:1].upper() + column.en[1:] if lang == "en" else column.zh


def sheet_name(browser: Browser, lang: str = "zh") -> str:
    """The register's name as a sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    kind = browser.kind
    name = kind.en[:1].upper() + kind.en[1:] if lang == "en" else kind.zh
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:31] or kind.key[:31]


def csv_guard(text: str) -> str:
    """``text`` for a CSV cell: a leading apostrophe if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class _Cell:
    """One value to write: ``kind`` is ``text``, ``plain`` (a label, a long text), ``number``
    or ``date``; ``text`` is what a CSV holds."""

    kind: str
    value: Any
    text: str


_EMPTY = _Cell("plain", None, "")

DELETED = Column("deleted", "已删除", "deleted", None, 6)
"""The column added when deleted records are exported too (the table greys them out)."""


def _cell(column: Column, row: RowView, lang: str) -> _Cell:
    f: Field | None = column.field
    if column is DELETED:
        text = ("是" if row.record.deleted else "否") if lang == "zh" else ("yes" if row.record.deleted else "no")
        return _Cell("plain", text, text)
    if f is None:  # the id, the unit
        text = row.texts.get(column.key, "")
        return _Cell("text", text, text) if text else _EMPTY
    value = row.record.values.get(f.key)
    if value is None:
        return _EMPTY
    if f.type is FieldType.REF:
        text = row.texts.get(f.key, "") or str(value)
        return _Cell("text", text, text)
    if f.type is FieldType.LONGTEXT:  # whole, with its line ends (the table shows ⏎)
        return _Cell("plain", str(value), str(value))
    text = row.texts[f.key]  # Field.display in the rows' language, as the table shows it
    if f.type in _NUMBERS:
        return _Cell("number", value, text)
    if f.type is FieldType.DATE:
        return _Cell("date", value, text)
    return _Cell("text" if f.type in _TEXT_CELLS else "plain", text, text)


def _pages(browser: Browser, ids: Sequence[str], lang: str, progress: Progress,
           cancelled: CancelCheck) -> Iterator[list[RowView]]:
    """The rows of ``ids`` in order, a page at a time (a record gone meanwhile is left out)."""
    total = len(ids)
    progress(0, total)
    for start in range(0, total, PAGE_ROWS):
        check_cancel(cancelled)
        page = ids[start:start + PAGE_ROWS]
        rows = browser.rows(page, lang)
        yield [rows[rid] for rid in page if rid in rows]
        progress(min(start + PAGE_ROWS, total), total)
    check_cancel(cancelled)


# ---- the entry point -------------------------------------------------------------------

def export_table(ledger: Ledger, kind: str, target: Path | str, *, state: BrowseState | None = None,
                 columns: Sequence[str] | None = None, lang: str = "zh",
                 progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> ExportResult:
    """Write the records of ``kind`` that ``state`` selects (default: all live records), in
    its order, with ``columns`` (keys; default :func:`default_columns`; with deleted records,
    a last column :data:`DELETED` says which are) to ``target``
    (``.xlsx`` or ``.csv``, by its suffix), headers and labels in ``lang`` (``zh``/``en``).

    A long job (:mod:`desktop.jobs`): ``progress(done, total)`` after each page of rows; a
    cancel raises :class:`desktop.jobs.Cancelled` and leaves no file. Raises
    :class:`ExportRefused` for a wrong suffix, an unknown column or more rows than a sheet
    holds, :class:`OSError` naming ``target`` when it cannot be written."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportRefused(f"导出文件应以 .xlsx 或 .csv 结尾：{target.name}",
                            f"the export file ends in .xlsx or .csv: {target.name}")
    if lang not in ("zh", "en"):
        raise ExportRefused(f"语言应为 zh 或 en，而不是 {lang}", f"the language is zh or en, not {lang}")
    browser = Browser(ledger, kind)
    state = state or BrowseState()
    cols = resolve_columns(browser, columns)
    if state.include_deleted:
        cols.append(DELETED)
    check_cancel(cancelled)
    ids = browser.ids(state)
    if suffix == ".xlsx" and len(ids) > XLSX_MAX_ROWS:
        raise ExportRefused(
            f"共 {len(ids)} 行，超过 Excel 工作表的 {XLSX_MAX_ROWS} 行上限：请先筛选，或导出为 .csv",
            f"{len(ids)} rows: more than an Excel sheet holds ({XLSX_MAX_ROWS}); filter first, or export .csv")
    pages = _pages(browser, ids, lang, progress, cancelled)
    with tempfiles.writing(target) as partial:
        _check_writable(partial, target)
        if suffix == ".xlsx":
            count = _write_xlsx(partial, browser, cols, pages, lang)
        else:
            count = _write_csv(partial, cols, pages, lang)
    log.info("exported %d %s rows to %s", count, browser.kind.key, target)
    return ExportResult(target, count, tuple(c.key for c in cols), suffix[1:])


def _check_writable(partial: Path, target: Path) -> None:
    """Fail at once, naming ``target``, when its folder cannot take the file."""
    try:
        partial.touch()
    except OSError as e:
        raise type(e)(e.errno, e.strerror, str(target)) from None


# ---- CSV -------------------------------------------------------------------------------

def _write_csv(partial: Path, cols: Sequence[Column], pages: Iterator[list[RowView]], lang: str) -> int:
    count = 0
    with open(partial, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([header_label(c, lang) for c in cols])
        for page in pages:
            for row in page:
                cells = [_cell(c, row, lang) for c in cols]
                writer.writerow([cell.text if cell.kind == "number" else csv_guard(cell.text) for cell in cells])
            count += len(page)
    return count


# ---- xlsx ------------------------------------------------------------------------------

class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.header = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "valign": "vcenter"})
        self.text = wb.add_format({"num_format": "@"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.numbers: dict[int, Any] = {}
        self.wb = wb

    def number(self, f: Field) -> Any:
        places = f.decimals if f.type is FieldType.DECIMAL else 0
        if places not in self.numbers:
            self.numbers[places] = self.wb.add_format({"num_format": "0." + "0" * places if places else "0"})
        return self.numbers[places]


def column_width(column: Column, lang: str = "zh") -> int:
    """A column's width in Excel's character units: the table's width, or the header's."""
    return min(max(column.width, text_units(header_label(column, lang))) + 2, MAX_WIDTH)


def new_workbook(path: Path, scratch: Path) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook in constant-memory mode that never turns text into formulas,
    links or numbers, its temporary files in ``scratch``."""
    return xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd", "tmpdir": str(scratch)})


def _plans(cols: Sequence[Column], fmt: _Formats) -> list[CellPlan]:
    """How each column's cell values (:func:`_cell_values`) go into the sheet XML
    (:class:`desktop.packets.sheetxml.SheetRows`, the packets' fast row writer)."""
    def same(values: Sequence[Any]) -> list[Any]:
        return list(values)

    def nothing(values: Sequence[Any]) -> list[str | None]:
        return []

    plans = []
    for c in cols:
        f = c.field
        if f is not None and f.type in _NUMBERS:
            plans.append(CellPlan(True, fmt.number(f)._get_xf_index(), same, nothing))
        elif f is not None and f.type is FieldType.DATE:
            plans.append(CellPlan(True, fmt.date._get_xf_index(), same, nothing))
        elif f is None or f.type in _TEXT_CELLS:
            plans.append(CellPlan(False, fmt.text._get_xf_index(), same, nothing))
        else:
            plans.append(CellPlan(False, 0, same, nothing))
    return plans


def _cell_values(cols: Sequence[Column], row: RowView, lang: str) -> list[Any]:
    """A row's cells for :class:`SheetRows`: texts, numbers, dates as Excel's day numbers."""
    out: list[Any] = []
    for c in cols:
        cell = _cell(c, row, lang)
        out.append((cell.value - _EXCEL_EPOCH).days if cell.kind == "date" else cell.value)
    return out


def _write_xlsx(partial: Path, browser: Browser, cols: Sequence[Column], pages: Iterator[list[RowView]],
                lang: str) -> int:
    with tempfiles.temp_folder("table-") as scratch:
        wb = new_workbook(partial, scratch)

        def fill() -> int:
            kind = browser.kind
            wb.set_properties({"title": kind.en if lang == "en" else kind.zh, "comments": "GI Ledger table"})
            fmt = _Formats(wb)
            ws = wb.add_worksheet(sheet_name(browser, lang))
            for n, c in enumerate(cols):
                ws.set_column(n, n, column_width(c, lang))
            ws.freeze_panes(1, 0)
            for n, c in enumerate(cols):
                ws.write_string(0, n, header_label(c, lang), fmt.header)
            writer = SheetRows(ws, _plans(cols, fmt))
            writer.start()
            for page in pages:
                writer.write([_cell_values(cols, row, lang) for row in page])
            count = writer.finish()
            ws.autofilter(0, 0, max(count, 1), max(len(cols) - 1, 0))
            return count

        return close_workbook(wb, fill)
