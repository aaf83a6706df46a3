"""Spans of a reference column: for each referenced record, the first and last rowid of the rows
referring to it.

A search term matches an annual report through its enterprise (the reference's title or USCC).
When the enterprises matching are too many to list the reports referring to them (``13012``:
140,000 enterprises of seven counties, 700,000 reports), a walk (:mod:`db.browse_leap`) can
still bound where the next such report can be: no row before the smallest first rowid of the
matching enterprises' spans, past the spans it has left behind. In a city each enterprise's
reports lie close together (its county's packet), so the bound leaps over the counties before.

The spans are read once (one pass over the column's index: about a second for a city's 2.2
million reports) and kept, per database file, for as long as both tables' :func:`db.search.changes`
tokens are the same (a referenced record's rowid is the key). As dense arrays by the referenced
rowid: None when those rowids are too sparse for that, when either table has rows queued, when
the column has no index of its own, or for a table of fewer than :data:`SPANS_FROM` rows.
"""

from __future__ import annotations

import bisect
import logging
from array import array
from collections.abc import Callable, Iterable

import sqlite_utils

from db import search
from db.browse_hits import indexed
from db.records import quote_name, table_sql

__all__ = ["Spans", "SpanBound", "OrderedBound", "spans", "SPANS_FROM"]

log = logging.getLogger(__name__)

_NONE = 2 ** 63 - 1
"""The first rowid of a record nothing refers to."""
_DENSE = 4
"""The referenced rowids may reach this many times their count (plus 1,024) for the arrays."""
SPANS_FROM = 20_000
"""Tables with fewer rows have no spans (a walk through them is short; the arrays cost 16 bytes
per referenced record)."""


class Spans:
    """The first and last referring rowid of each referenced rowid (:meth:`of`)."""

    def __init__(self, size: int):
        self.firsts = array("q", [_NONE]) * size
        self.lasts = array("q", [-1]) * size
        self.ordered: tuple[array[int], array[int]] | None = None
        """The referenced rowids with referring rows and their last referring rowids, when both
        their first and their last referring rowids grow with them (:meth:`following`)."""

    def order(self) -> None:
        """Find whether the spans are ordered (the referring rows came in the order of the
        records they refer to: a city's counties, each one's packet after the last)."""
        keys, lasts = array("q"), array("q")
        first_before = last_before = -1
        for rowid, first in enumerate(self.firsts):
            if first == _NONE:
                continue
            last = self.lasts[rowid]
            if first < first_before or last < last_before:
                self.ordered = None
                return
            keys.append(rowid)
            lasts.append(last)
            first_before, last_before = first, last
        self.ordered = (keys, lasts)

    def following(self, next_match: Callable[[int], int | None]) -> OrderedBound | None:
        """When the spans are ordered, what they tell a walk of the rows referring to the
        records ``next_match`` gives (the first at a referenced rowid or after it, None: no
        more), without listing those records: the first one past where the walk is bounds
        every referring row after it. None when the spans are not ordered."""
        return OrderedBound(self, next_match) if self.ordered is not None else None

    def of(self, rowids: Iterable[int]) -> SpanBound:
        """What the rows referring to these referenced rowids can tell a walk: the union of
        their spans."""
        firsts, lasts, size = self.firsts, self.lasts, len(self.firsts)
        # By their first referring rowid (no pairs: 100,000 tuples would wake the collector).
        keys = sorted((r for r in rowids if 0 <= r < size), key=firsts.__getitem__)
        starts: list[int] = []
        ends: list[int] = []
        for r in keys:
            first, last = firsts[r], lasts[r]
            if first == _NONE:  # nothing refers to it (and to none of those after)
                break
            if starts and first <= ends[-1] + 1:
                if last > ends[-1]:
                    ends[-1] = last
            else:
                starts.append(first)
                ends.append(last)
        return SpanBound(starts, ends)


class SpanBound:
    """Where rows referring to a set of records can be: disjoint rowid intervals, sorted."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends

    def next_from(self, rowid: int) -> int | None:
        """A rowid at ``rowid`` or after with no referring row between (None: none after):
        ``rowid`` itself inside an interval, else the next interval's start."""
        i = bisect.bisect_right(self.starts, rowid) - 1
        if i >= 0 and self.ends[i] >= rowid:
            return rowid
        return self.starts[i + 1] if i + 1 < len(self.starts) else None


class OrderedBound:
    """Where rows referring to records found one by one can be, through ordered spans
    (:meth:`Spans.following`)."""

    def __init__(self, spans: Spans, next_match: Callable[[int], int | None]):
        assert spans.ordered is not None
        self.firsts = spans.firsts
        self.keys, self.lasts = spans.ordered
        self.next_match = next_match

    def next_from(self, rowid: int) -> int | None:
        """A rowid at ``rowid`` or after with no referring row between (None: none after).
        Records whose last referring row is before ``rowid`` come first (the lasts grow);
        of the others, the first matching one has the smallest first referring row (so do
        the firsts)."""
        keys = self.keys
        i = bisect.bisect_left(self.lasts, rowid)
        while i < len(keys):
            match = self.next_match(keys[i])
            if match is None:
                return None
            i = bisect.bisect_left(keys, match, i)
            if i < len(keys) and keys[i] == match:
                return max(rowid, self.firsts[match])
            # (a matching record nothing refers to: on from the next one referred to)
        return None


def spans(db: sqlite_utils.Database, table: str, column: str, ref_table: str, *, read: bool = True) -> Spans | None:
    """The spans of ``table.column`` (an indexed reference to ``ref_table``'s ids), read again
    only after either table changed; with ``read`` false only what is kept (a search does not
    wait the seconds reading takes in a city: the window's background build reads them)."""
    if column not in table_sql(db, table).columns:
        raise ValueError(f"{table} has no column {column!r}")
    return search.kept(db, f"spans:{table}.{column}:{ref_table}", (table, ref_table),
                       lambda: _read(db, table, column, ref_table), read=read)


def _read(db: sqlite_utils.Database, table: str, column: str, ref_table: str) -> Spans | None:
    table_sql(db, ref_table)
    if not indexed(db, table, column):
        return None
    rows = db.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {quote_name(table)} LIMIT ?)",
                           (SPANS_FROM,)).fetchone()[0]
    if rows < SPANS_FROM:
        return None
    low, high, count = db.conn.execute(
        f"SELECT min(rowid), max(rowid), count(*) FROM {quote_name(ref_table)}").fetchone()
    if not count:
        return Spans(0)
    if low < 0 or high > _DENSE * count + 1024:
        log.info("%s: rowids too sparse for the spans of %s.%s", ref_table, table, column)
        return None
    out = Spans(high + 1)
    for rowid, first, last in db.conn.execute(
            f"SELECT r.rowid, min(t.rowid), max(t.rowid) FROM {quote_name(table)} AS t "
            f"JOIN {quote_name(ref_table)} AS r ON r.id = t.{quote_name(column)} GROUP BY t.{quote_name(column)}"):
        out.firsts[rowid], out.lasts[rowid] = first, last
    out.order()
    return out
