"""The cells of a register sheet turned into values and canonical texts, a chunk of rows at a
time (:func:`read_sheet`, :class:`SheetParser`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from json.encoder import encode_basestring as _json_str  # a str as json.dumps(ensure_ascii=False) writes it
from operator import itemgetter
from typing import Any

from desktop.fields import FieldError, FieldType
from desktop.jobs import CancelCheck, Progress, check_cancel
from desktop.packets import format as fmt
from desktop.packets.reading.problems import Problem
from desktop.packets.reading.refusal import PacketRefused
from desktop.packets.reading.rows import RowChunk
from desktop.packets.reading.workbook import Workbook
from desktop.registers import REGISTRY

__all__ = ["CACHE_LIMIT", "CHUNK_ROWS", "SheetParser", "ReadProgress", "read_sheet"]


CACHE_LIMIT = 20_000
"""Distinct cell values remembered per column: codes, dates and numbers repeat down a column,
so most cells are parsed once per packet instead of once per row."""

CHUNK_ROWS = 2048
"""Rows read from calamine and checked column by column at a time (bounds the memory held)."""

_NUMBERS = frozenset({bool, int, float})
_TYPED = "typed"
_COMMON = ("id", "office_code", "revision", "deleted", "created_at", "updated_at")
"""The columns that are not fields of the register (:attr:`RowChunk.ids`, ``offices`` ...)."""


class SheetParser:
    """Turns the cells of one register sheet into :class:`RowChunk` s and canonical lines.

    Work goes column by column over a chunk of rows: each distinct cell value of a column is
    parsed once (:func:`format.cell_parser`), then looked up for every cell that holds it. The
    results are those of :func:`format.cell_to_value` and :func:`format.canonical` cell by
    cell; a refused cell is a :class:`Problem`, listed in row then column order."""

    def __init__(self, kind_key: str, sheet: str, columns: list[fmt.Column]):
        self.kind_key, self.sheet, self.columns = kind_key, sheet, columns
        self.keys = keys = [c.key for c in columns]
        self.parsers = [fmt.cell_parser(c) for c in columns]
        # Columns whose cells are mostly all different (ids, names, amounts) are parsed a chunk
        # at a time once that shows (fmt.column_parser), not value by value through the cache.
        self.batch = [fmt.column_parser(c) for c in columns]
        self.direct = [False for _ in columns]
        self.lists = [c.field is not None and c.field.type in (FieldType.MULTI, FieldType.LIST)
                      for c in columns]
        # Per column, by the one kind of number its cells hold (1, 1.0 and True are equal keys
        # but different cells), or _TYPED with (type, value) keys when they mix:
        # value -> (value, canonical text, its JSON) and value -> (error, canonical text, its JSON).
        self.caches: list[dict[Any, tuple[dict[Any, Any], dict[Any, Any]]]] = [{} for _ in columns]
        # canonical_line() of a row is '["kind",' + the JSON of each canonical text + ']\n'
        self.head = "[" + _json_str(kind_key) + ","
        # Where the common columns are. A sheet lists each column once, unless forged; then the
        # last of a key's columns counts (as when a row's cells are put in a dict one by one).
        last = {k: n for n, k in enumerate(keys)}
        self.fields = [n for n, k in enumerate(keys) if k not in _COMMON]
        self.common = [last.get(k) for k in _COMMON]
        # The stored (SQLite) form of each field of the register, from its column: the canonical
        # text for dates and lists (Field.to_db makes the same), 1/0 for flags, else the value.
        kind = REGISTRY[kind_key]
        self.stored_plan = [(last.get(f.key),
                             "text" if f.type in (FieldType.DATE, FieldType.MULTI, FieldType.LIST)
                             else "flag" if f.type is FieldType.BOOL else "value")
                            for f in kind.fields]

    def _learn(self, n: int, keys: Any, typed: bool, cache: dict[Any, Any],
               refused: dict[Any, Any]) -> None:
        """Parse the values of column ``n`` not seen yet."""
        parse = self.parsers[n]
        # set.difference(dict) looks up each of the chunk's values in the dict (difference_update
        # would go through the whole dict, up to CACHE_LIMIT entries, for every chunk)
        new = set(keys).difference(cache)
        if refused:
            new = new.difference(refused)
        batch = self.batch[n]
        if batch is not None and len(new) * 2 > len(keys):
            self.direct[n] = True
        if batch is not None and not typed and len(new) > 16:
            # Many new values (ids referred to, names): parsed together when every one is plain
            fresh = list(new)
            got = batch(fresh)
            if got is not None:
                texts = got[1]
                cache.update(zip(fresh, zip(got[0], texts, ["null" if t is None else _json_str(t)
                                                            for t in texts], strict=True), strict=True))
                return
        for key in new:
            raw = key[1] if typed else key
            try:
                value, text = parse(raw)
            except FieldError as e:
                text = None if raw in ("", None) else f"\u0000{raw}"  # keeps the hash honest
                refused[key] = (e, text, "null" if text is None else _json_str(text))
                continue
            cache[key] = (value, text, "null" if text is None else _json_str(text))

    def _caches(self, n: int, selector: Any) -> tuple[dict[Any, Any], dict[Any, Any]]:
        """Column ``n``'s caches (parsed, refused) for cells of one kind of number (or none)."""
        caches = self.caches[n].get(selector)
        if caches is None:
            caches = self.caches[n][selector] = ({}, {})
        return caches

    def _refusal(self, n: int, raw: Any) -> FieldError | None:
        """Why column ``n`` refuses this cell (None if it does not)."""
        try:
            self.parsers[n](raw)
        except FieldError as e:
            return e
        return None

    def _column(self, n: int, column: tuple[Any, ...], numbers: list[int],
                bad: list[tuple[int, int, Problem]]) -> tuple[Any, ...]:
        """(value, canonical text, its JSON) of each cell of column ``n``."""
        if self.direct[n]:
            got = self.batch[n](column)  # type: ignore[misc]  # direct columns hold a one-argument parser
            if got is not None:
                values, texts = got
                if None in texts:
                    return values, texts, ["null" if t is None else _json_str(t) for t in texts]
                return values, texts, list(map(_json_str, texts))
        first = column[0]
        if (first is None or type(first) is str) and column[-1] == first \
                and column.count(first) == len(column):
            # One text (or nothing) all down the chunk: an office code, a status, a time stamp.
            # Only a str equals a str (and None None), so these are one cell, looked up once.
            count = len(column)
            caches = self._caches(n, None)
            hit = caches[0].get(first)
            if hit is None and first not in caches[1]:
                self._learn(n, column, False, *caches)
                hit = caches[0].get(first)
            if hit is not None:
                return (hit[0],) * count, (hit[1],) * count, (hit[2],) * count
        types = set(map(type, column))
        typed = len(types & _NUMBERS) > 1
        keys: Any = list(zip(map(type, column), column, strict=True)) if typed else column
        selector = _TYPED if typed else next(iter(types & _NUMBERS), None)
        cache, refused = self._caches(n, selector)
        try:
            results = list(map(cache.__getitem__, keys))
        except KeyError:
            self._learn(n, keys, typed, cache, refused)
            if refused and not refused.keys().isdisjoint(keys):
                results = []
                where = self.columns[n]
                for i, key in enumerate(keys):
                    hit = cache.get(key)
                    if hit is None:
                        error, text, js = refused[key]
                        raw = column[i]
                        if type(raw) is float and raw == 0:  # -0.0 has the entry of 0.0: quote the cell
                            error = self._refusal(n, raw) or error
                        bad.append((i, n, Problem(self.sheet, numbers[i], where.zh,
                                                  "" if raw is None else str(raw), error.reason.zh,
                                                  error.reason.en, self.kind_key, where.key)))
                        hit = (None, text, js)
                    results.append(hit)
            else:
                results = list(map(cache.__getitem__, keys))
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        if len(refused) > CACHE_LIMIT:
            refused.clear()
        return tuple(zip(*results, strict=True))

    def parse(self, numbers: list[int], cells: list[list[Any]],
              problems: list[Problem]) -> tuple[RowChunk, list[bytes]]:
        """The rows ``cells`` (on Excel rows ``numbers``) and their canonical lines."""
        width, count = len(self.columns), len(cells)
        if min(map(len, cells)) < width:
            cells = [c if len(c) >= width else [*c, *([""] * (width - len(c)))] for c in cells]
        # Rows may be longer than the sheet's columns (a note typed beside them): the columns
        # past the shortest row are not the sheet's and are dropped
        by_column = list(zip(*cells, strict=False))
        values: list[Any] = []
        texts: list[Any] = []
        jsons: list[Any] = []
        bad: list[tuple[int, int, Problem]] = []
        for n in range(width):
            v, t, j = self._column(n, by_column[n], numbers, bad)
            if self.lists[n]:  # every row gets a list of its own
                v = [None if x is None else list(x) for x in v]
            values.append(v)
            texts.append(t)
            jsons.append(j)
        del by_column
        failed: set[int] = set()
        if bad:
            bad.sort(key=lambda b: (b[0], b[1]))
            problems.extend(b[2] for b in bad)
            failed = {b[0] for b in bad}
        # canonical_line() of each row: '["kind",' + the JSON of its canonical texts + ']\n'. JSON
        # escapes CR and LF inside strings, so the lines of the chunk are split at its newlines.
        head = self.head
        lines = (head + ("]\n" + head).join(map(",".join, zip(*jsons, strict=True))) + "]\n").encode().splitlines(True)
        nothing = (None,) * count
        stored: list[Sequence[Any]] = []
        for at, how in self.stored_plan:
            if at is None:
                stored.append(nothing)
            elif how == "text":
                stored.append(texts[at])
            elif how == "flag":
                stored.append([None if x is None else int(x) for x in values[at]])
            else:
                stored.append(values[at])
        fields: dict[str, Sequence[Any]] = {}
        for n in self.fields:  # a column listed twice (a forged sheet): the last one counts
            fields[self.keys[n]] = values[n]
        common = [nothing if n is None else values[n] for n in self.common]
        return RowChunk(self.kind_key, numbers, common, fields, stored, texts, failed), lines


@dataclass
class ReadProgress:
    """Rows read of all (``done`` of ``total``), told to ``progress``; ``cancelled`` asked."""

    total: int
    progress: Progress
    cancelled: CancelCheck
    done: int = 0


_EMPTY = ("", None)
"""What an empty cell reads as."""
_FIRST = itemgetter(0)


def read_sheet(wb: Workbook, sheet: dict[str, Any], names: set[str], digest: fmt.ContentDigest,
               state: ReadProgress, problems: list[Problem]) -> Iterator[RowChunk]:
    """The rows of one register sheet, a chunk at a time; its canonical lines go to ``digest``
    and its problems to ``problems``. A sheet that cannot be read is refused before any row."""
    kind_key, name = sheet.get("kind"), sheet.get("name")
    if kind_key not in REGISTRY:
        raise PacketRefused(f"数据包含有未知的台账“{name}”", f"unknown register {kind_key!r}")
    if name not in names:
        raise PacketRefused(f"找不到工作表“{name}”（是否被改名或删除？）",
                            f"sheet {name!r} is missing (renamed or deleted?)")
    kind = REGISTRY[kind_key]
    expected = {c.key: c for c in fmt.sheet_columns(kind)}
    keys = list(sheet.get("columns") or [])
    unknown = [k for k in keys if k not in expected]
    if unknown or "id" not in keys:
        raise PacketRefused(f"工作表“{name}”的列与本程序不符（{', '.join(unknown) or '缺少编号'}）",
                            f"sheet {name!r} has columns this program does not know: {unknown}")
    columns = [expected[k] for k in keys]
    iterator: Iterator[list[Any]] = iter(wb.get_sheet_by_name(name).iter_rows())
    header = next(iterator, [])
    labels = [str(h).rstrip("*") for h in header[:len(columns)]]
    if labels != [c.zh for c in columns]:
        raise PacketRefused(f"工作表“{name}”的表头被改动（列被插入、删除或改名）",
                            f"the header row of sheet {name!r} was changed")
    parser = SheetParser(kind_key, name, columns)
    excel_row = 1
    while True:
        cells = list(islice(iterator, CHUNK_ROWS))
        if not cells:
            break
        numbers = list(range(excel_row + 1, excel_row + 1 + len(cells)))
        excel_row += len(cells)
        # Blank rows are skipped (a row is read if its first cell, or any cell, is filled)
        firsts = [c[0] if c else None for c in cells] if min(map(len, cells)) == 0 else \
            list(map(_FIRST, cells))
        blank = [] if "" not in firsts and None not in firsts else \
            [i for i, c in enumerate(cells) if all(x in _EMPTY for x in c)]
        if blank:
            skip = set(blank)
            numbers = [r for i, r in enumerate(numbers) if i not in skip]
            cells = [c for i, c in enumerate(cells) if i not in skip]
            if not cells:
                continue
        rows, lines = parser.parse(numbers, cells, problems)
        del cells
        digest.update_many(lines)
        state.done += len(rows)
        state.progress(state.done, state.total)
        check_cancel(state.cancelled)
        yield rows
