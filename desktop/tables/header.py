"""Finding the header row of a sheet: title rows (and merged title cells) above it are left
out, and so are blank rows and totals rows (合计/总计/小计) below it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.fields import Kind
from desktop.messages import Text
from desktop.tables import aliases
from desktop.tables.model import DataRow, Grid, Skipped, Table, TableRefused
from desktop.tables.sources import read_grid

__all__ = ["SCAN_ROWS", "find_table", "read_table", "header_words", "is_total"]

SCAN_ROWS = 30
"""Rows looked at for the header."""


def header_words(kind: Kind) -> set[str]:
    """Every normalised header that names a field of ``kind`` (labels, aliases, without units)."""
    words = {aliases.normalise(h) for h in aliases.ID_HEADERS}
    for f in kind.fields:
        for text in (f.zh, f.en, f.key, *aliases.aliases_of(kind.key, f.key)):
            words.add(aliases.normalise(text))
            words.add(aliases.without_unit(text))
    words.discard("")
    return words


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _score(row: tuple[Any, ...], words: set[str]) -> int:
    return sum(1 for v in row if isinstance(v, str)
               and (aliases.normalise(v) in words or aliases.without_unit(v) in words))


def is_total(row: tuple[Any, ...]) -> bool:
    """Whether a row is a totals row: its first filled cell says 合计, 总计, 小计 …"""
    for value in row[:4]:
        text = aliases.normalise(_text(value)).rstrip(":：")
        if text:
            return text in aliases.TOTAL_WORDS
    return False


def find_table(grid: Grid, kind: Kind, header_row: int | None = None, *,
               known: Iterable[str] = ()) -> Table:
    """The table in ``grid``: the header row given (1-based), or the best-scoring of the
    first :data:`SCAN_ROWS` rows (cells that match the register's labels and aliases); the
    data rows below it, blank rows and a 合计/总计/小计 row left out (listed in
    :attr:`Table.skipped`). ``known``: more headers that count (those of a given mapping).
    Raises :class:`desktop.tables.model.TableRefused`."""
    rows = grid.rows
    name = grid.path.name
    if header_row is not None:
        if not 1 <= header_row <= len(rows):
            raise TableRefused(f"“{name}”的工作表“{grid.sheet}”没有第 {header_row} 行（共 {len(rows)} 行）",
                               f"sheet {grid.sheet!r} of {name} has no row {header_row} ({len(rows)} rows)")
        at = header_row - 1
        found_by = Text(f"表头为指定的第 {header_row} 行", f"header row {header_row} as given")
    else:
        words = header_words(kind) | {aliases.normalise(h) for h in known}
        scores = [_score(r, words) for r in rows[:SCAN_ROWS]]
        best = max(scores, default=0)
        if best == 0:
            raise TableRefused(
                f"在“{name}”的工作表“{grid.sheet}”前 {SCAN_ROWS} 行中找不到“{kind.zh}”的表头"
                "（没有一格是该台账的字段名）："
                "请用 --header-row 指定表头所在行，或检查所选台账和工作表",
                f"no header of {kind.en} found in the first {SCAN_ROWS} rows of sheet {grid.sheet!r} of {name} "
                "(no cell names a field of the register): give the header row (--header-row), or check the "
                "register and the sheet chosen")
        at = scores.index(best)
        found_by = Text(f"表头在第 {at + 1} 行（{best} 列与字段名相符）",
                        f"header found on row {at + 1} ({best} columns name fields)")
    header = rows[at]
    width = max((len(r) for r in rows[at:]), default=0)
    last = max((j for r in rows[at:] for j, v in enumerate(r) if _text(v)), default=-1)
    width = min(width, last + 1)
    headers = tuple(_text(header[j]) if j < len(header) else "" for j in range(width))
    skipped = [Skipped(n + 1, Text("表头以上的标题行", "a title row above the header"))
               for n in range(at) if any(_text(v) for v in rows[n])]
    data: list[DataRow] = []
    for n in range(at + 1, len(rows)):
        cells = tuple(rows[n][:width])
        if not any(_text(v) for v in cells):
            continue  # blank rows are left out without a word
        if is_total(cells):
            skipped.append(Skipped(n + 1, Text(f"第 {n + 1} 行是合计行，未导入",
                                               f"row {n + 1} is a totals row, left out")))
            continue
        data.append(DataRow(n + 1, cells + (None,) * (width - len(cells))))
    return Table(grid, at + 1, headers, tuple(data), tuple(skipped), found_by)


def read_table(path: Path | str, kind: Kind, sheet: str | None = None,
               header_row: int | None = None, *, known: Iterable[str] = ()) -> Table:
    """:func:`desktop.tables.sources.read_grid` then :func:`find_table`."""
    return find_table(read_grid(path, sheet), kind, header_row, known=known)
