"""The data rows of a register sheet, written as worksheet XML a batch of rows at a time.

xlsxwriter (constant-memory mode) writes the workbook around them: styles, column widths, the
header row, frozen panes, dropdowns, the autofilter. The data rows are the bulk of a packet
(a large county has about 3 million cells), and xlsxwriter spends about 5 µs on each cell:
argument checks, a cell tuple, a list of attributes, a format lookup, two regular expressions.
Here each column of a batch is turned into cell XML with one list comprehension, the text of a
whole column batch is checked for anything that needs escaping with one regular expression,
and only the cells that do take the exact xlsxwriter steps.

The XML is byte for byte what xlsxwriter writes for the same cells (tests compare them), with
one deliberate difference: xlsxwriter copies a text beginning with ``<r>`` and ending with
``</r>`` into the file unescaped, as rich text; here every text is escaped, so such a value
stays the text it is (and the file stays well-formed).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from desktop.fields import FieldType

__all__ = ["CellPlan", "SheetRows", "cell_plan", "text_xml"]

_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_CELL = 32_767  # UTF-16 units
_MAX_ROWS = 1_048_576  # rows of a worksheet

# Anything in a text that xlsxwriter does not copy as is: XML's special characters, control
# characters and the two non-characters (written as _xHHHH_), a literal _xHHHH_ (its underscore
# escaped), and leading or trailing whitespace (xml:space="preserve"). The texts of a column
# are checked at once, joined with DEL around each: DEL is neither whitespace nor a hex digit
# nor special itself, so the join hides nothing; a DEL inside a text makes a false alarm at
# most (then each text is checked on its own).
_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|\x7f\\s|\\s\x7f")
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f])")
_EDGE_SPACE = re.compile(r"^\s|\s$")


def text_xml(text: str) -> tuple[str, str]:
    """(the ``<t>`` attribute, the escaped text) of an inline string, made as xlsxwriter makes
    them (``XMLwriter._escape_control_characters``, ``_preserve_whitespace``, ``_escape_data``):
    a literal ``_xHHHH_`` gets its underscore escaped, control characters and U+FFFE/U+FFFF
    become ``_xHHHH_``, leading or trailing whitespace is preserved, ``& < >`` escaped."""
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    return preserve, text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class CellPlan:
    """How one column's stored values become cells and canonical texts.

    ``cells`` maps a batch of stored (SQLite) values to what the cells hold (text or number,
    None for an empty cell); ``canon`` maps them to their canonical texts
    (:func:`desktop.packets.format.canonical` of the typed value)."""

    numeric: bool
    xf: int
    cells: Callable[[Sequence[Any]], list[Any]]
    canon: Callable[[Sequence[Any]], list[str | None]]


def cell_plan(column: Any, formats: Any, yes: str, no: str) -> CellPlan:
    """The plan of a :class:`desktop.packets.format.Column` with the writer's formats."""
    fld = column.field
    t = fld.type if fld is not None else None

    def same(values: Sequence[Any]) -> list[Any]:
        return list(values)

    def as_text(values: Sequence[Any]) -> list[Any]:
        return [v if v is None or type(v) is str else str(v) for v in values]

    if (fld is None and column.key == "revision") or t in (FieldType.INT, FieldType.YEAR):
        return CellPlan(True, formats.int._get_xf_index(), same,
                        lambda vs: [None if v is None else str(v) for v in vs])
    if (fld is None and column.key == "deleted") or t is FieldType.BOOL:
        return CellPlan(False, formats.text._get_xf_index(),
                        lambda vs: [None if v is None else yes if v else no for v in vs],
                        lambda vs: [None if v is None else "1" if v else "0" for v in vs])
    if t is FieldType.DECIMAL:
        places = fld.decimals
        number_format = formats.decimals.get(places, formats.decimals[2])
        text_of = f"{{:.{places}f}}".format
        return CellPlan(True, number_format._get_xf_index(), same,
                        lambda vs: [None if v is None else text_of(v) for v in vs])
    if t is FieldType.DATE:
        fromiso, epoch = date.fromisoformat, _EXCEL_EPOCH
        return CellPlan(True, formats.date._get_xf_index(),
                        lambda vs: [None if v is None else (fromiso(v) - epoch).days for v in vs],
                        as_text)
    xf = formats.text._get_xf_index()
    if t is FieldType.CHOICE:
        labels = {ch.code: ch.zh for ch in fld.choices}
        return CellPlan(False, xf, lambda vs: [None if v is None else labels.get(v, v) for v in vs],
                        as_text)
    if t is FieldType.MULTI:
        labels = {ch.code: ch.zh for ch in fld.choices}
        loads = json.loads
        return CellPlan(False, xf, lambda vs: [
            None if v is None else "；".join(labels.get(x, x) for x in loads(v)) for v in vs], as_text)
    if t is FieldType.LIST:
        loads = json.loads
        return CellPlan(False, xf, lambda vs: [None if v is None else "；".join(loads(v)) for v in vs],
                        as_text)
    return CellPlan(False, xf, as_text, as_text)  # text of every kind, ids, codes, timestamps


class SheetRows:
    """Writes the data rows of one constant-memory xlsxwriter worksheet, batch by batch.

    Use: write the header row with xlsxwriter, then :meth:`start`, :meth:`write` batches
    (rows of stored values in column order), :meth:`finish`; then the rest (validations,
    autofilter) with xlsxwriter again.
    """

    def __init__(self, ws: Any, plans: Sequence[CellPlan]):
        self._ws = ws
        self._plans = plans
        letters = [xl_col_to_name(c) for c in range(len(plans))]
        # Per column: '<c r="B' + row + '" s="5"><v>' or '... t="inlineStr"><is><t'
        self._heads = [f'<c r="{letter}' for letter in letters]
        self._mids = [f'" s="{p.xf}"><v>' if p.numeric else f'" s="{p.xf}" t="inlineStr"><is><t'
                      for p in plans]
        self._row = 0
        self._last_filled = 0

    def start(self) -> None:
        """Flush the header row xlsxwriter holds, so the data rows follow it in the file."""
        ws = self._ws
        if not ws.constant_memory:
            raise ValueError("SheetRows needs a constant-memory worksheet")
        ws._write_single_row(1)

    def write(self, rows: Sequence[Sequence[Any]]) -> list[list[str | None]]:
        """Write rows (stored values, column order) after those written; returns the columns
        of their canonical texts."""
        if not rows:
            return [[] for _ in self._plans]
        first = self._row + 2  # Excel row number of the first (the header is row 1)
        if first + len(rows) - 1 > _MAX_ROWS:
            raise ValueError(f"more rows than a worksheet holds ({_MAX_ROWS:,})")
        numbers = [str(r) for r in range(first, first + len(rows))]
        columns = list(zip(*rows, strict=True))
        fragments: list[list[str]] = []
        canons: list[list[str | None]] = []
        for c, plan in enumerate(self._plans):
            stored = columns[c]
            canons.append(plan.canon(stored))
            cells = plan.cells(stored)
            head, mid = self._heads[c], self._mids[c]
            if plan.numeric:
                present = [v for v in cells if v is not None]
                if not all(map(math.isfinite, present)):
                    raise ValueError(f"column {c + 1}: a number that is not finite")
                fragments.append(["" if v is None else f"{head}{r}{mid}{v:.16G}</v></c>"
                                  for r, v in zip(numbers, cells, strict=True)])
                continue
            texts = [v for v in cells if v is not None]
            if texts and max(map(len, texts)) * 2 > _MAX_CELL and max(map(_utf16_len, texts)) > _MAX_CELL:
                raise ValueError(f"column {c + 1}: a text longer than an Excel cell holds")
            if not texts or not _SPECIAL.search("\x7f" + "\x7f".join(texts) + "\x7f"):
                fragments.append(["" if v is None else f"{head}{r}{mid}>{v}</t></is></c>"
                                  for r, v in zip(numbers, cells, strict=True)])
                continue
            out = []
            special = _SPECIAL.search
            for r, v in zip(numbers, cells, strict=True):
                if v is None:
                    out.append("")
                    continue
                if not special("\x7f" + v + "\x7f"):
                    out.append(f"{head}{r}{mid}>{v}</t></is></c>")
                    continue
                preserve, escaped = text_xml(v)
                out.append(f"{head}{r}{mid}{preserve}>{escaped}</t></is></c>")
            fragments.append(out)
        cells_of_rows = list(map("".join, zip(*fragments, strict=True)))
        xml = "".join([f'<row r="{r}">{cells}</row>' for r, cells in zip(numbers, cells_of_rows, strict=True)
                       if cells])
        filled = [n for n, cells in enumerate(cells_of_rows) if cells]
        if filled:
            self._last_filled = self._row + filled[-1] + 1
        self._ws.fh.write(xml)
        self._row += len(rows)
        return canons

    def finish(self) -> int:
        """Tell xlsxwriter where the rows end; returns how many were written."""
        ws, last = self._ws, self._row
        if last:
            ws.previous_row = last  # nothing of xlsxwriter's own goes after these rows
        if self._last_filled:  # as xlsxwriter counts: the last row with a cell
            ws.dim_rowmax = max(ws.dim_rowmax or 0, self._last_filled)
        return last
