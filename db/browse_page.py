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
filling the page (terms broad alone but rare together), or takes ``max_seconds``, gives up:
None, as for a query this way does not apply to. The answer is always the ordinary list's first
``limit`` ids: tests hold the two equal over whole demos.

The references a term follows (an annual report found by its enterprise's name) are resolved
per batch too: the referenced rows of the batch, asked of their own index by rowid range.

What the walk learns of the index (:class:`db.browse_hits.Hits`) spares it re-reading rows
without a match.

Matches far on (a county's name or code typed in a city, its records a million rows on) are
not walked to: after a batch without a match the walk leaps to the first row where every term
can match (:mod:`db.browse_leap`, within the runs of :mod:`db.browse_runs`), and once it has
taken a while, after every batch.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from db.browse import BrowseQuery, Match, SearchTerm, browse_ids, match_sql
from db.browse_hits import Hits, matching_ids, read_hits
from db.browse_leap import END, Leaper
from db.records import quote_name, table_sql

__all__ = ["Page", "first_ids", "BROAD_AT", "BATCH", "MAX_ROWS", "MAX_SECONDS", "LEAP_AFTER"]

log = logging.getLogger(__name__)

BROAD_AT = 20_000
"""A term with at least this many matches of its own (or through a reference) is broad: its
matches are dense enough that walking the register finds a page quickly. Below, listing all
matches costs at most a few tens of milliseconds."""
BATCH = 2_000
"""Rows of the register read per step of the walk."""
MAX_ROWS = 300_000
"""The walk gives up past this many rows (the ordinary list is used then)."""
MAX_SECONDS = 0.25
"""... or past this long: the matches are then far from the start of the display order (a
county's name typed in a city, when the county's records come late by id), and listing them
all is quicker than walking on."""
LEAP_AFTER = 0.02
"""A walk this long leaps after every batch, not only after one without a match."""
_AFTER_LEAP = 64
"""Rows read first where a leap lands; each batch after doubles up to ``batch``."""
_CHUNK = 500
_FAN_OUT = 4
"""A term is broad through a reference from a quarter of :data:`BROAD_AT` referenced rows."""


@dataclass(frozen=True)
class Page:
    """The first ids of a list, and whether they are the whole list."""

    ids: list[str]
    complete: bool


def first_ids(db: sqlite_utils.Database, q: BrowseQuery, limit: int, *, broad_at: int = BROAD_AT,
              batch: int = BATCH, max_rows: int = MAX_ROWS,
              max_seconds: float | None = MAX_SECONDS, leap: bool = True) -> Page | None:
    """The first ``limit`` ids :func:`db.browse.browse_ids` gives for ``q`` (and whether that is
    all of them), or None when ``q`` is not a search in id order (another sort, a list of ids,
    terms read from the tables) or the walk gave up (past ``max_rows`` rows or ``max_seconds``):
    the caller lists it the ordinary way. With ``leap`` (ascending order only), a batch
    without a match, and every batch once the walk has taken :data:`LEAP_AFTER`, is followed
    by a leap to where the next match can be (:class:`db.browse_leap.Leaper`)."""
    if not q.search or q.terms or q.ids is not None or limit < 1:
        return None
    descending = False
    if q.sort:
        if len(q.sort) != 1 or q.sort[0].expr != "id" or q.sort[0].order:
            return None
        descending = q.sort[0].descending
    read: dict[tuple[str, str], tuple[list[int], int]] = {}
    sized = [_sized(db, q, term, broad_at, read) for term in q.search]
    if not all(broad for broad, _ in sized):
        ids = browse_ids(db, replace(q, search=tuple(term for _, term in sized)), limit + 1)
        return Page(ids[:limit], len(ids) <= limit)
    started = time.perf_counter()
    walker = _Walker(db, q, descending)
    for (table, match), (rowids, asked) in read.items():  # the first matches, read already
        walker.index(table, match).learn_first(rowids, asked)
    leaper = Leaper(db, q, walker.index) if leap and not descending else None
    found: list[str] = []
    walked = 0
    after: str | None = None
    inclusive = False
    size = batch
    while True:
        rows = walker.batch(after, size, inclusive)
        if not rows:
            return Page(found, True)
        walked += len(rows)
        hits = walker.matching(rows)
        for row in rows:
            if row[0] in hits:
                if len(found) == limit:  # one more than the page: the list goes on
                    return Page(found, False)
                found.append(row[1])
        if len(rows) < size:
            return Page(found, True)
        after, inclusive = rows[-1][1], False
        size = min(batch, size * 2)
        # After a batch without a match, or once the matches prove sparse: on from the next
        # possible one, a small batch first (the matches may be single rows far apart).
        if leaper is not None and (not hits or time.perf_counter() - started > LEAP_AFTER):
            to = leaper.leap(rows[-1])
            if to is not None and to[0] == END:
                return Page(found, True)
            if to is not None:
                after, inclusive = to
                size = min(batch, _AFTER_LEAP)
        spent = leaper.spent if leaper is not None else 0.0  # reading a reference once, to leap by
        if walked >= max_rows or (max_seconds is not None and time.perf_counter() - started - spent > max_seconds):
            log.info("first page of %s: %d rows walked for %d matches; left to the whole list",
                     q.table, walked, len(found))
            return None


def _sized(db: sqlite_utils.Database, q: BrowseQuery, term: SearchTerm, broad_at: int,
           read: dict[tuple[str, str], tuple[list[int], int]]) -> tuple[bool, SearchTerm]:
    """Whether ``term`` has at least ``broad_at`` matches of its own or through one reference
    (read from the index, stopping at ``broad_at``), and the term to list when it has not: what
    was read then is all it finds, kept as found rows (the list does not read it again). What
    it read goes into ``read`` by ``(table, match)``, with how many were asked (a walk starts
    from it)."""
    found: list[Match] = []
    own: str | None = term.match
    if term.match is not None:
        rowids = read_hits(db, q.table, term.match, broad_at)
        read[(q.table, term.match)] = (rowids, broad_at)
        if len(rowids) >= broad_at:
            return True, term
        found.append(Match("rowid", "rowids", (json.dumps(rowids),)))
        own = None
    refs: list[tuple[str, str]] = []
    for column, match in term.refs:
        join = next((j for j in q.joins if j.column == column), None)
        if join is None:
            refs.append((column, match))
            continue
        at = broad_at // _FAN_OUT  # each brings its referrers (5 reports)
        rowids = read_hits(db, join.table, match, at)
        read[(join.table, match)] = (rowids, at)
        if len(rowids) >= at:
            return True, term
        found.append(Match(column, "ref_rowids", (join.table, json.dumps(rowids))))
    return False, replace(term, match=own, refs=tuple(refs), alternatives=(*found, *term.alternatives))


class _Walker:
    """Reads the register in display order a batch at a time and finds the matches in a batch."""

    def __init__(self, db: sqlite_utils.Database, q: BrowseQuery, descending: bool):
        self.db, self.q = db, q
        self.ref_columns = list(dict.fromkeys(c for term in q.search for c, _ in term.refs))
        columns = set(table_sql(db, q.table).columns)
        unknown = [c for c in self.ref_columns if c not in columns]
        # The units a term finds (``office_code IN (...)``) are looked up in each batch's rows
        # (the column read with them), not asked of SQL per batch.
        self.office_at = 2 + len(self.ref_columns) if any(
            _in_python(m) for term in q.search for m in term.alternatives) else None
        if unknown:
            raise ValueError(f"{q.table} has no column {unknown[0]!r}")
        self.table = quote_name(q.table)
        where, self.params = _filters(db, q)
        self.where = where
        self.op, self.direction = ("<", "DESC") if descending else (">", "ASC")
        self.select = ", ".join(["t.rowid", "t.id", *(f"t.{quote_name(c)}" for c in self.ref_columns),
                                 *(["t.office_code"] if self.office_at is not None else [])])
        self.hits: dict[tuple[str, str], Hits] = {}

    def index(self, table: str, match: str) -> Hits:
        """What the walk has learnt of ``match`` in ``table``'s index."""
        key = (table, match)
        if key not in self.hits:
            self.hits[key] = Hits(self.db, table, match)
        return self.hits[key]

    def batch(self, after: str | None, size: int, inclusive: bool = False) -> list[tuple[Any, ...]]:
        """The next ``size`` rows after id ``after`` (from it, ``inclusive``):
        ``(rowid, id, *reference columns[, office_code])``."""
        clauses = list(self.where)
        params = list(self.params)
        if after is not None:
            clauses.append(f"t.id {self.op}{'=' if inclusive else ''} ?")
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
            out |= self.index(self.q.table, term.match).among(rowids) & wanted
        for column, match in term.refs:
            join = next((j for j in self.q.joins if j.column == column), None)
            if join is None:
                raise ValueError(f"{self.q.table}: no join on {column!r}")
            at = 2 + self.ref_columns.index(column)
            values = {r[at] for r in rows if r[0] in wanted and r[0] not in out and r[at] is not None}
            if not values:
                continue
            matched = matching_ids(self.db, join.table, self.index(join.table, match), values)
            out |= {r[0] for r in rows if r[0] in wanted and r[at] in matched}
        for m in term.alternatives:
            if _in_python(m) and self.office_at is not None:
                values, at = set(m.values), self.office_at
                out |= {r[0] for r in rows if r[0] in wanted and r[at] in values}
            else:
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


def _in_python(m: Match) -> bool:
    """Whether ``m`` is a set of units, tested on the rows read (text against text, as SQL would)."""
    return m.op == "in" and m.expr == "office_code" and all(isinstance(v, str) for v in m.values)


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
