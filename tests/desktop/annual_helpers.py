"""Helpers of the annual-report tests: authorised users, and an enterprise filling in its
workbook with openpyxl (only the unlocked input cells, as Excel's sheet protection allows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.annual import layout


def authorised_user(make: Any, status_code: str = "approved", approved: date | None = date(2024, 5, 1)) -> str:
    """A mark user with ``status_code``, approved on ``approved``; its id."""
    make.counter = getattr(make, "counter", 0) + 1
    return str(make.add("mark-user", status=status_code, approval_date=approved,
                        announcement_no=f"2024年第{make.counter}号").id)


def fill(path: Path, out: Path, values: dict[str, Any], sheet: int = 1, *, meta: dict[str, Any] | None = None) -> Path:
    """``path`` filled as an enterprise would: ``values`` (field key → cell value) typed into
    the unlocked cells of user sheet number ``sheet``; ``meta`` edits the hidden part (a
    tampering test): row tag → new second column, or ``("sheet", n, col)`` → value."""
    book = load_workbook(path)
    ws = book.worksheets[sheet]
    _placed, where = layout.place_fields()
    for key, value in values.items():
        cell = ws.cell(where[key], layout.VALUE_COLUMN)
        assert cell.protection.locked is False, f"{key} is not an input cell"
        cell.value = value
    hidden = book[layout.META_SHEET]
    for tag, value in (meta or {}).items():
        for row in hidden.iter_rows():
            if isinstance(tag, tuple):
                if row[0].value == tag[0] and row[1].value == tag[1]:
                    row[tag[2]].value = value
            elif row[0].value == tag:
                row[1].value = value
    book.save(out)
    return out
