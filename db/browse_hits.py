"""What a walk through a register learns of the search index (:mod:`db.browse_page`).

FTS5 answers "which rows of this rowid range match" cheaply, but it does not stop at a range's
end when the range holds no match: it reads on to the next match. :class:`Hits` keeps what was
read, so a walk through rows that do not match reads each list about once.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from db import search
from db.records import quote_name

__all__ = ["Hits", "Referrers", "read_hits", "ranges", "matching_ids", "ids_of", "indexed", "REFERRERS_AT", "SEEK_AT"]

CHUNK = 500
"""Rowids or ids per ``IN (...)`` list."""
_MAX_RANGES = 16
"""At most this many rowid ranges per batch (split at the largest gaps between rowids)."""
_GAP = 64
"""Rowids this far apart start a new range; closer ones share one (the rows between are read
from the index and dropped)."""


def read_hits(db: sqlite_utils.Database, table: str, match: str, at_most: int) -> list[int]:
    """The first rowids ``match`` finds in ``table``'s index (in rowid order), at most ``at_most``."""
    fts = quote_name(search.fts_table(table))
    return [r[0] for r in db.conn.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid LIMIT ?",
                                          (match, at_most))]


def ranges(rowids: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted ``rowids`` as at most :data:`_MAX_RANGES` ranges ``(first, last)`` covering them,
    split where they are more than :data:`_GAP` apart, at the largest gaps first."""
    if not rowids:
        return []
    gaps = sorted(((rowids[i + 1] - rowids[i], i) for i in range(len(rowids) - 1)
                   if rowids[i + 1] - rowids[i] > _GAP), reverse=True)[:_MAX_RANGES - 1]
    cuts = sorted(i for _, i in gaps)
    out, start = [], 0
    for i in cuts:
        out.append((rowids[start], rowids[i]))
        start = i + 1
    out.append((rowids[start], rowids[-1]))
    return out


_START = -(2 ** 63)
_END = 2 ** 63 - 1
_WINDOW_MIN = 2_048
_WINDOW_MAX = 65_536
"""Rowids read ahead past what a walk through sparse matches asked (see :meth:`Hits._read`)..."""
_AHEAD = 16
"""... and matches at most."""


class Hits:
    """One query's matches in one index, as far as the walk has asked: rowid intervals whose
    matches are all known. FTS5 does not stop at a range's end when the range holds no match: it
    reads on to the next match (wherever it is: 80 ms for a code whose records are a million rows
    on). So each range is read from its start without an end, up to the first match past it,
    and the rows up to that match are known too: a walk through rows that do not match reads
    the index about once, not once per range."""

    def __init__(self, db: sqlite_utils.Database, table: str, match: str):
        self.db, self.match = db, match
        self.fts = quote_name(search.fts_table(table))
        self.found: set[int] = set()
        self.starts: list[int] = []
        self.ends: list[int] = []  # intervals [starts[i], ends[i]], disjoint, sorted
        self._order: list[int] = []  # found, sorted
        self._previous: tuple[int, int] | None = None  # the last read's interval
        self._window = 0

    def next_from(self, rowid: int) -> int | None:
        """The first match at ``rowid`` or after it (None: there is none); what lies between
        is known from then on."""
        while True:
            i = bisect.bisect_right(self.starts, rowid) - 1
            if i < 0 or self.ends[i] < rowid:  # not known there: read on from it
                self._read(rowid, rowid - 1)
                continue
            j = bisect.bisect_left(self._order, rowid)
            if j < len(self._order) and self._order[j] <= self.ends[i]:
                return self._order[j]
            if self.ends[i] >= _END:
                return None
            rowid = self.ends[i] + 1  # no match up to the end of what is known: on from there

    def learn_first(self, rowids: Sequence[int], asked: int) -> None:
        """Take what :func:`read_hits` read of this query, ``asked`` at most: every match up to
        the last of ``rowids`` (all of them, when fewer than ``asked``)."""
        if asked < 1:
            return
        self.found.update(rowids)
        self._order = sorted(self.found)
        self._cover(_START, rowids[-1] if rowids and len(rowids) >= asked else _END)

    def among(self, rowids: Sequence[int]) -> set[int]:
        """The matches among the sorted ``rowids`` (and maybe others: the caller keeps only its own)."""
        for first, last in ranges(rowids):
            if not self._known(first, last):
                self._read(first, last)
        return self.found

    def _known(self, first: int, last: int) -> bool:
        i = bisect.bisect_right(self.starts, first) - 1
        return i >= 0 and self.ends[i] >= last

    def _read(self, first: int, last: int) -> None:
        """Read the matches from ``first`` to past ``last``: to the first one past ``last`` and
        up to :data:`_AHEAD` more within the read-ahead window. A read going on where the last
        one ended (a walk through sparse matches) doubles the window (fewer queries, each of
        which seeks every token's list again); any other read has none (it may be the last one
        needed)."""
        previous = self._previous
        if previous is not None and previous[0] <= first <= previous[1] + 1:
            self._window = min(max(2 * self._window, _WINDOW_MIN), _WINDOW_MAX)
        else:
            self._window = 0
        until = last + self._window
        end = _END
        cursor = self.db.conn.execute(f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH ? AND rowid >= ? "
                                      "ORDER BY rowid", (self.match, first))
        ahead = 0
        for (rowid,) in cursor:
            self._add(rowid)
            if rowid > last:
                ahead += 1
                if rowid > until or ahead > _AHEAD:
                    end = rowid
                    break
        cursor.close()
        self._cover(first, end)
        self._previous = (first, end)

    def _add(self, rowid: int) -> None:
        if rowid not in self.found:
            self.found.add(rowid)
            bisect.insort(self._order, rowid)

    def _cover(self, first: int, last: int) -> None:
        """Record [first, last] as known, merged with the intervals it touches."""
        i = bisect.bisect_left(self.ends, first - 1)
        j = i
        while j < len(self.starts) and self.starts[j] <= last + 1:
            first, last = min(first, self.starts[j]), max(last, self.ends[j])
            j += 1
        self.starts[i:j], self.ends[i:j] = [first], [last]


def matching_ids(db: sqlite_utils.Database, table: str, hits: Hits, ids: set[Any]) -> set[Any]:
    """Which of these ``ids`` of ``table`` are among ``hits``."""
    by_rowid: dict[int, Any] = {}
    listed = list(ids)
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start:start + CHUNK]
        by_rowid.update(db.conn.execute(
            f"SELECT rowid, id FROM {quote_name(table)} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
    rowids = sorted(by_rowid)
    found = hits.among(rowids)
    return {by_rowid[r] for r in rowids if r in found}


def ids_of(db: sqlite_utils.Database, table: str, rowids: Iterable[int]) -> set[Any]:
    """The ids of these rows of ``table``."""
    listed = sorted(rowids)
    out: set[Any] = set()
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start:start + CHUNK]
        out.update(r[0] for r in db.conn.execute(
            f"SELECT id FROM {quote_name(table)} WHERE rowid IN ({', '.join('?' for _ in chunk)})", chunk))
    return out


REFERRERS_AT = 200_000
"""Rows referring to a set of values are listed (for :class:`Referrers`) up to this many."""
SEEK_AT = 64
"""Up to this many values, the next referring row is sought per value in the column's index."""


class Referrers:
    """The rows of ``table`` whose ``column`` (indexed) holds one of ``values``, as far as a
    walk needs them: the first such row at a rowid or after it (:meth:`next_from`). A few
    values are sought one by one in the column's index; more are listed once, up to
    :data:`REFERRERS_AT` rows (past that, or for a column without an index of its own,
    :meth:`next_from` does not know: it answers the rowid asked, and ``known`` is false)."""

    def __init__(self, db: sqlite_utils.Database, table: str, column: str, values: Iterable[Any]):
        self.db = db
        self.values = json.dumps(sorted({v for v in values if v is not None}, key=str), ensure_ascii=False)
        self.count = len(json.loads(self.values))
        self.sql_table, self.sql_column = quote_name(table), quote_name(column)
        self._rowids: list[int] | None = None
        self.known = indexed(db, table, column)
        if self.known and self.count > SEEK_AT:
            found = [r[0] for r in db.conn.execute(
                f"SELECT t.rowid FROM {self.sql_table} AS t WHERE t.{self.sql_column} IN "
                "(SELECT value FROM json_each(?)) LIMIT ?", (self.values, REFERRERS_AT + 1))]
            self.known = len(found) <= REFERRERS_AT
            self._rowids = sorted(found)

    def next_from(self, rowid: int) -> int | None:
        """The first referring row at ``rowid`` or after (None: there is none)."""
        if not self.known:
            return rowid
        if self._rowids is not None:
            i = bisect.bisect_left(self._rowids, rowid)
            return self._rowids[i] if i < len(self._rowids) else None
        if not self.count:
            return None
        row = self.db.conn.execute(
            f"SELECT min((SELECT t.rowid FROM {self.sql_table} AS t WHERE t.{self.sql_column} = v.value "
            "AND t.rowid >= ? ORDER BY t.rowid LIMIT 1)) FROM json_each(?) AS v", (rowid, self.values)).fetchone()
        return None if row is None or row[0] is None else int(row[0])


def indexed(db: sqlite_utils.Database, table: str, column: str) -> bool:
    """Whether an index of every row of ``table`` starts with ``column``."""
    for row in db.conn.execute(f"PRAGMA index_list({quote_name(table)})").fetchall():
        if row[4]:  # partial: not every row
            continue
        first = db.conn.execute(f"PRAGMA index_info({quote_name(str(row[1]))})").fetchone()
        if first is not None and first[2] == column:
            return True
    return False
