"""The fast row writer makes the same worksheet XML as xlsxwriter cell by cell."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from desktop.fields import FieldType
from desktop.packets import format as fmt
from desktop.packets.sheetxml import SheetRows, cell_plan, text_xml
from desktop.packets.writer import _Formats
from desktop.registers import REGISTRY

KIND = REGISTRY["resource"]  # text, long text, choices, multi choices, lists, dates, decimals, flags
COLUMNS = fmt.sheet_columns(KIND)
_EPOCH = date(1899, 12, 30)


def _reference(ws: Any, f: _Formats, row: int, stored: list[Any]) -> None:
    """The cells as the writer wrote them before, one xlsxwriter call per cell."""
    for c, (column, v) in enumerate(zip(COLUMNS, stored, strict=True)):
        if v is None:
            continue
        fld = column.field
        t = fld.type if fld is not None else None
        if (fld is None and column.key == "revision") or t in (FieldType.INT, FieldType.YEAR):
            ws.write_number(row, c, v, f.int)
        elif (fld is None and column.key == "deleted") or t is FieldType.BOOL:
            ws.write_string(row, c, fmt.YES if v else fmt.NO, f.text)
        elif t is FieldType.DECIMAL:
            ws.write_number(row, c, v, f.decimals.get(fld.decimals, f.decimals[2]))
        elif t is FieldType.DATE:
            ws.write_number(row, c, (date.fromisoformat(v) - _EPOCH).days, f.date)
        elif t is FieldType.CHOICE:
            labels = {ch.code: ch.zh for ch in fld.choices}
            ws.write_string(row, c, labels.get(v, v), f.text)
        elif t is FieldType.MULTI:
            labels = {ch.code: ch.zh for ch in fld.choices}
            ws.write_string(row, c, "；".join(labels.get(x, x) for x in json.loads(v)), f.text)
        elif t is FieldType.LIST:
            ws.write_string(row, c, "；".join(json.loads(v)), f.text)
        else:
            ws.write_string(row, c, v, f.text)


def _write(path: Path, rows: list[list[Any]], fast: bool, batch: int = 3) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    try:
        f = _Formats(wb)
        ws = wb.add_worksheet("s")
        for c, column in enumerate(COLUMNS):
            ws.write_string(0, c, column.zh, f.header)
        ws.set_row(0, 32)
        if fast:
            writer = SheetRows(ws, [cell_plan(c, f, fmt.YES, fmt.NO) for c in COLUMNS])
            writer.start()
            for start in range(0, len(rows), batch):
                writer.write(rows[start:start + batch])
            writer.finish()
        else:
            for r, stored in enumerate(rows, start=1):
                _reference(ws, f, r, stored)
        ws.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    finally:
        wb.close()  # also after a refusal: xlsxwriter's temporary files are closed


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}


_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30).filter(
    lambda s: not (s.startswith("<r>") and s.endswith("</r>")))
_plain = st.sampled_from(["", "行唐大枣", " 前后空格 ", "a&b<c>d", "_x0041_", "=1+1", "\t", "１２３",
                          "x\u3000", "\ufffe", "line\nbreak", "\x1f", "-5", "@home", "+86",
                          "\x7f", "a\x7f b", " \x7f", "_x00e9_", "<r>x</r> "])


def _value(column: fmt.Column) -> st.SearchStrategy[Any]:
    fld = column.field
    t = fld.type if fld is not None else None
    if column.key == "revision" or t in (FieldType.INT, FieldType.YEAR):
        return st.integers(-10 ** 17, 10 ** 17)
    if column.key == "deleted" or t is FieldType.BOOL:
        return st.booleans()
    if t is FieldType.DECIMAL:
        return st.floats(allow_nan=False, allow_infinity=False)
    if t is FieldType.DATE:
        return st.dates(date(1900, 3, 1), date(9999, 12, 31)).map(date.isoformat)
    if t in (FieldType.MULTI, FieldType.LIST):
        codes = [ch.code for ch in fld.choices] if t is FieldType.MULTI else []
        item = st.sampled_from(codes) | _plain | _text if codes else _plain | _text
        return st.lists(item, max_size=3).map(lambda v: json.dumps(v, ensure_ascii=False))
    if t is FieldType.CHOICE:
        return st.sampled_from([ch.code for ch in fld.choices]) | _plain
    return _plain | _text


_row = st.tuples(*[st.none() | _value(c) for c in COLUMNS]).map(list)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(rows=st.lists(_row, max_size=7), batch=st.integers(1, 4))
def test_same_bytes_as_xlsxwriter(tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]],
                                  batch: int) -> None:
    folder = tmp_path_factory.mktemp("x")
    _write(folder / "fast.xlsx", rows, True, batch)
    _write(folder / "slow.xlsx", rows, False)
    fast, slow = _members(folder / "fast.xlsx"), _members(folder / "slow.xlsx")
    assert fast.keys() == slow.keys()
    for name in fast:
        assert fast[name] == slow[name], name


def test_rich_text_lookalike_stays_text(tmp_path: Path) -> None:
    """xlsxwriter copies '<r>…</r>' unescaped (as rich text); here it is escaped text."""
    tricky = "<r>a<b & c</r>"
    row: list[Any] = [None] * len(COLUMNS)
    row[0], row[COLUMNS.index(next(c for c in COLUMNS if c.key == "name"))] = "R-1", tricky
    _write(tmp_path / "p.xlsx", [row], True)
    wb = CalamineWorkbook.from_path(str(tmp_path / "p.xlsx"))
    cells = wb.get_sheet_by_name("s").to_python()
    assert tricky in cells[1]
    assert text_xml(tricky) == ("", "&lt;r&gt;a&lt;b &amp; c&lt;/r&gt;")


def test_overlong_text_is_refused_not_cut(tmp_path: Path) -> None:
    row: list[Any] = [None] * len(COLUMNS)
    row[0] = "R-1"
    row[1] = "😀" * 17_000  # 17,000 characters, but 34,000 UTF-16 units: more than a cell holds
    with pytest.raises(ValueError, match="longer than an Excel cell"):
        _write(tmp_path / "p.xlsx", [row], True)


def test_infinite_number_is_refused(tmp_path: Path) -> None:
    row: list[Any] = [None] * len(COLUMNS)
    row[0] = "R-1"
    row[next(i for i, c in enumerate(COLUMNS) if c.field is not None
             and c.field.type is FieldType.DECIMAL)] = float("inf")
    with pytest.raises(ValueError, match="not finite"):
        _write(tmp_path / "p.xlsx", [row], True)


def test_rows_beyond_a_worksheet_are_refused_not_dropped(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "p.xlsx"), {"constant_memory": True})
    f = _Formats(wb)
    ws = wb.add_worksheet("s")
    ws.write_string(0, 0, "编号", f.header)
    writer = SheetRows(ws, [cell_plan(COLUMNS[0], f, fmt.YES, fmt.NO)])
    writer.start()
    writer._row = 1_048_575 - 1  # as if the sheet were full up to its last row but one
    writer.write([["R-1"]])  # the last row a worksheet has
    with pytest.raises(ValueError, match="more rows than a worksheet holds"):
        writer.write([["R-2"]])
    wb.close()
