"""Messy spreadsheets as offices keep them, made in a test's tmp_path (for test_tables_*)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

HEADERS = ("序号", "企业名称", "统一社会信用代码*", "主体类型", "地理标志名称", "状态", "核准日期", "联系电话")


def xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str | None = "行唐县用标主体名单",
         blank_after_title: bool = True, merged_title: bool = True, sheet: str = "名单",
         text_columns: Sequence[int] = ()) -> Path:
    """An .xlsx: a merged title row, a blank row, then ``rows`` (the header first)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title is not None:
        ws.append([title])
        if merged_title:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(rows[0]), 2))
        if blank_after_title:
            ws.append([])
    for row in rows:
        ws.append(list(row))
    for column in text_columns:
        for cells in ws.iter_cols(min_col=column + 1, max_col=column + 1):
            for cell in cells:
                cell.number_format = "@"
    wb.save(path)
    return path


def xls(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "行唐县用标主体名单") -> Path:
    """An old .xls (xlwt): a merged title row, a blank row, then ``rows``."""
    import xlwt  # type: ignore[import-untyped]  # xlwt ships no types

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("名单")
    ws.write_merge(0, 0, 0, len(rows[0]) - 1, title)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.save(str(path))
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], encoding: str, delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path
