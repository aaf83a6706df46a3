"""The shape of the annual-report workbook shared by the writer (:mod:`.workbook`) and the
reader (:mod:`.returned`): its hidden part's sheet name and format tag, the rows of one
user's sheet, and the fields an enterprise fills in."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.fields import Field
from desktop.registers import REGISTRY

__all__ = ["FORM", "FORMAT", "VERSION", "META_SHEET", "INSTRUCTIONS_SHEET", "INPUT_KEYS",
           "input_fields", "Placed", "place_fields", "title", "VALUE_COLUMN"]

FORM = "annual-report-workbook"
"""The blank form whose serials the workbooks carry (:data:`desktop.forms.serials.BLANK`)."""
FORMAT = "giledger-annual-report-workbook"
VERSION = 1
META_SHEET = "_giledger"
"""The very hidden sheet naming office, year and, per user sheet, its serial and user."""
INSTRUCTIONS_SHEET = "填表说明"
VALUE_COLUMN = 2
"""Column B: the values (pre-filled or to fill in); A holds labels, C the help texts."""

INPUT_KEYS: tuple[str, ...] = (
    "output_t", "marked_output_t", "sales_10k", "marked_sales_10k", "export_t",
    "marks_printed", "printer", "marks_used", "marks_in_stock", "testing", "reporter", "report_date",
)
"""The annual report's fields an enterprise fills in (not the user, the year or the review)."""


def input_fields() -> list[Field]:
    """The :data:`INPUT_KEYS` fields, in the register's order."""
    kind = REGISTRY["annual-report"]
    return [f for f in kind.fields if f.key in INPUT_KEYS]


def title(year: int) -> str:
    """The sheet title: 地理标志专用标志使用情况年报（Y年度）."""
    return f"地理标志专用标志使用情况年报（{year}年度）"


@dataclass(frozen=True)
class Placed:
    """Where a section header or a field sits on a user's sheet (1-based row)."""

    row: int
    section: str | None = None
    field: Field | None = None


PREFILLED: tuple[tuple[str, str], ...] = (
    ("name", "企业名称"), ("uscc", "统一社会信用代码"), ("id", "用标主体编号"), ("gi", "使用的地理标志"),
    ("legal_rep", "法定代表人"), ("address", "地址"), ("contact", "联系人"), ("phone", "联系电话"),
    ("year", "报告年度"),
)
"""The enterprise's data printed (locked) at the top of its sheet: key, label."""

FIRST_ROW = 4
"""Row of the first section header (rows 1-2: title, serial and office)."""


def place_fields() -> tuple[list[Placed], dict[str, int]]:
    """The rows of a user's sheet below the title: the pre-filled block, then one block per
    section of the input fields; and each input field's row."""
    rows: list[Placed] = []
    row = FIRST_ROW
    rows.append(Placed(row, section="一、企业基本信息（已预填，不可修改）"))
    row += 1 + len(PREFILLED)
    where: dict[str, int] = {}
    section: str | None = None
    numerals = "二三四五六七八九"
    n = 0
    for f in input_fields():
        if f.section != section:
            section = f.section
            row += 1
            rows.append(Placed(row, section=f"{numerals[n]}、{section}"))
            n += 1
            row += 1
        rows.append(Placed(row, field=f))
        where[f.key] = row
        row += 1
    return rows, where
