"""The first rows of a search in display order, without reading every match of a broad search.

A search as the clerk types starts broad: the first character (``2``, ``1``, ``x``) matches most
of a register, 880,000 of the 2.2 million annual reports of a full city. Listing every match in
id order (:func:`db.browse.browse_ids`) then reads and sorts them all: 0.3 to 2 seconds. The
window shows one page first, so :func:`first_ids` finds the first ``limit`` matches in id order
the other way round: it walks the register in id order (its primary key's index), a batch of
rows at a time, and asks the search index which rows of the batch match, by rowid range (rows
are stored in the order they arrived, which within a batch of ids is nearly always a few short
runs of rowids; FTS5 reads only the part of each list inside a range). A broad search fills the
page within a few batches. A narrow one (any term with fewer than ``broad_at`` matches) is
listed the ordinary way, which is fast for it. A walk that reads ``max_rows`` rows without
filling the page (terms broad alone but rare together) gives up: None, as for a query this way
does not apply to. The answer is always the ordinary
list's first ``limit`` ids: a test holds the two equal over whole demos.

The references a term follows (an annual report found by its enterprise's name) are resolved
per batch too: the referenced rows of the batch, asked of their own index by rowid range.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db import search
from db.browse import BrowseQuery, Match, SearchTerm, browse_ids, match_sql
from db.records import quote_name, table_sql

__all__ = ["Page", "first_ids", "BROAD_AT", "BATCH", "MAX_ROWS"]

log = logging.getLogger(__name__)

BROAD_AT = 20_000
"""A term with at least this many matches of its own (or through a reference) is broad: its
matches are dense enough that walking the register finds a page quickly. Below, listing all
matches costs at most a few tens of milliseconds."""
BATCH = 2_000
"""Rows of the register read per step of the walk."""
MAX_ROWS = 300_000
"""The walk gives up past this many rows (the ordinary list is used then)."""
_MAX_RANGES = 16
"""At most this many rowid ranges per batch (split at the largest gaps between rowids)."""
_GAP = 64
"""Rowids this far apart start a new range; closer ones share one (the rows between are read
from the index and dropped)."""
_CHUNK = 500
_FAN_OUT = 4
"""A term is broad through a reference from a quarter of :data:`BROAD_AT` referenced rows."""


@dataclass(frozen=True)
class Page:
    """The first ids of a list, and whether they are the whole list."""

    ids: list[str]
    complete: bool


def first_ids(db: sqlite_utils.Database, q: BrowseQuery, limit: int, *, broad_at: int = BROAD_AT,
              batch: int = BATCH, max_rows: int = MAX_ROWS) -> Page | None:
    """The first ``limit`` ids :func:`db.browse.browse_ids` gives for ``q`` (and whether that is
    all of them), or None when ``q`` is not a search in id order (another sort, a list of ids,
    terms read from the tables) or the walk gave up: the caller lists it the ordinary way."""
    if not q.search or q.terms or q.ids is not None or limit < 1:
        return None
    descending = False
    if q.sort:
        if len(q.sort) != 1 or q.sort[0].expr != "id" or q.sort[0].order:
            return None
        descending = q.sort[0].descending
    if not all(_is_broad(db, q, term, broad_at) for term in q.search):
        ids = browse_ids(db, q)
        return Page(ids[:limit], len(ids) <= limit)
    walker = _Walker(db, q, descending)
    found: list[str] = []
    read = 0
    after: str | None = None
    while True:
        rows = walker.batch(after, batch)
        if not rows:
            return Page(found, True)
        read += len(rows)
        hits = walker.matching(rows)
        for row in rows:
            if row[0] in hits:
                if len(found) == limit:  # one more than the page: the list goes on
                    return Page(found, False)
                found.append(row[1])
        if len(rows) < batch:
            return Page(found, True)
        if read >= max_rows:
            log.info("first page of %s: %d rows walked for %d matches; left to the whole list",
                     q.table, read, len(found))
            return None
        after = rows[-1][1]


def _is_broad(db: sqlite_utils.Database, q: BrowseQuery, term: SearchTerm, broad_at: int) -> bool:
    """Whether ``term`` has at least ``broad_at`` matches of its own or through one reference
    (counted in the index, stopping at ``broad_at``)."""
    broad = term.match is not None and _count(db, q.table, term.match, broad_at) >= broad_at
    for column, match in term.refs:
        join = next((j for j in q.joins if j.column == column), None)
        if join is not None:  # each referenced row brings its referrers (a user its 5 reports)
            broad = broad or _count(db, join.table, match, broad_at // _FAN_OUT) >= broad_at // _FAN_OUT
    return broad


def _count(db: sqlite_utils.Database, table: str, match: str, at_most: int) -> int:
    fts = quote_name(search.fts_table(table))
    return int(db.conn.execute(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
                               (match, at_most)).fetchone()[0])


def _ranges(rowids: Sequence[int]) -> list[tuple[int, int]]:
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


class _Walker:
    """Reads the register in display order a batch at a time and finds the matches in a batch."""

    def __init__(self, db: sqlite_utils.Database, q: BrowseQuery, descending: bool):
        self.db, self.q = db, q
        self.ref_columns = list(dict.fromkeys(c for term in q.search for c, _ in term.refs))
        columns = set(table_sql(db, q.table).columns)
        unknown = [c for c in self.ref_columns if c not in columns]
        if unknown:
            raise ValueError(f"{q.table} has no column {unknown[0]!r}")
        self.table = quote_name(q.table)
        where, self.params = _filters(db, q)
        self.where = where
        self.op, self.direction = ("<", "DESC") if descending else (">", "ASC")
        self.select = ", ".join(["t.rowid", "t.id", *(f"t.{quote_name(c)}" for c in self.ref_columns)])

    def batch(self, after: str | None, size: int) -> list[tuple[Any, ...]]:
        """The next ``size`` rows after id ``after``: ``(rowid, id, *reference columns)``."""
        clauses = list(self.where)
        params = list(self.params)
        if after is not None:
            clauses.append(f"t.id {self.op} ?")
            params.append(after)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT {self.select} FROM {self.table} AS t{where} ORDER BY t.id {self.direction} LIMIT ?"
        return self.db.conn.execute(sql, [*params, size]).fetchall()

    def matching(self, rows: Sequence[tuple[Any, ...]]) -> set[int]:
        """The rowids of ``rows`` that match every search term."""
        rowids = sorted(r[0] for r in rows)
        hits: set[int] | None = None
        for term in self.q.search:
            these = self._term(term, rows, rowids if hits is None else sorted(hits))
            hits = these if hits is None else hits & these
            if not hits:
                return set()
        return hits or set()

    def _term(self, term: SearchTerm, rows: Sequence[tuple[Any, ...]], rowids: list[int]) -> set[int]:
        wanted = set(rowids)
        out: set[int] = set()
        if term.match is not None:
            out |= _in_index(self.db, self.q.table, term.match, rowids) & wanted
        for column, match in term.refs:
            join = next((j for j in self.q.joins if j.column == column), None)
            if join is None:
                raise ValueError(f"{self.q.table}: no join on {column!r}")
            at = 2 + self.ref_columns.index(column)
            values = {r[at] for r in rows if r[0] in wanted and r[0] not in out and r[at] is not None}
            if not values:
                continue
            matched = _matching_ids(self.db, join.table, match, values)
            out |= {r[0] for r in rows if r[0] in wanted and r[at] in matched}
        for m in term.alternatives:
            out |= self._alternative(m, [r for r in rowids if r not in out])
        return out

    def _alternative(self, m: Match, rowids: list[int]) -> set[int]:
        out: set[int] = set()
        for start in range(0, len(rowids), _CHUNK):
            chunk = rowids[start:start + _CHUNK]
            clause, params = match_sql(self.db, self.q, m)
            sql = (f"SELECT t.rowid FROM {self.table} AS t WHERE t.rowid IN ({', '.join('?' for _ in chunk)}) "
                   f"AND {clause}")
            out.update(r[0] for r in self.db.conn.execute(sql, [*chunk, *params]))
        return out


def _filters(db: sqlite_utils.Database, q: BrowseQuery) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (and parameters) of ``q`` other than its search: deleted, office,
    column filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if not q.include_deleted:
        clauses.append("t.deleted = 0")
    if q.office_code is not None:
        # A county's own office holds (nearly) every row: not by the office's index, which
        # would make SQLite sort all of them before the first batch (94 ms of 100,000).
        clauses.append("+t.office_code = ?")
        params.append(q.office_code)
    for column, values in q.filters:
        clause, more = match_sql(db, q, Match(column, "in", tuple(values)))
        clauses.append(clause)
        params.extend(more)
    return clauses, params


def _in_index(db: sqlite_utils.Database, table: str, match: str, rowids: Sequence[int]) -> set[int]:
    """Which of the sorted ``rowids`` of ``table`` the index finds for ``match``: one query per
    range of rowids (and rows between them, dropped by the caller)."""
    fts = quote_name(search.fts_table(table))
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? AND rowid BETWEEN ? AND ?"
    out: set[int] = set()
    for first, last in _ranges(rowids):
        out.update(r[0] for r in db.conn.execute(sql, (match, first, last)))
    return out


def _matching_ids(db: sqlite_utils.Database, table: str, match: str, ids: set[Any]) -> set[Any]:
    """Which of these ``ids`` of ``table`` the index finds for ``match``."""
    by_rowid: dict[int, Any] = {}
    listed = list(ids)
    for start in range(0, len(listed), _CHUNK):
        chunk = listed[start:start + _CHUNK]
        by_rowid.update(db.conn.execute(
            f"SELECT rowid, id FROM {quote_name(table)} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
    rowids = sorted(by_rowid)
    found = _in_index(db, table, match, rowids)
    return {by_rowid[r] for r in rowids if r in found}
