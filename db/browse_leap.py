"""Where a walk in id order (:mod:`db.browse_page`) can go on after rows without a match.

A search whose matches come late in the display order (a county's name or code typed in a city
holding 22 counties: its records are a million rows on) would have the walk read every row
before them, 2,000 at a time. Within a run of the register (:mod:`db.browse_runs`: ids and
rowids in the same order) the next match in id order is the run's first row at or past the
first rowid where every search term can match; the index gives that rowid for a term's own
text (its next match), the column indexes give it for a reference whose matches are known and
for a unit (the next row referring to one of them). A term of which that is not known (a
reference matching too many records to list) can match anywhere: it never moves the rowid,
the others still may. Runs with no such rowid are skipped whole.

Only for the ascending order: a walk in descending id order reads on batch by batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import sqlite_utils

from db.browse import BrowseQuery, Match, SearchTerm
from db.browse_hits import SEEK_AT, Hits, Referrers, ids_of, read_hits
from db.browse_runs import Runs, runs
from db.browse_spans import OrderedBound, SpanBound, spans
from db.records import quote_name, table_sql

__all__ = ["Leaper", "REF_SET_AT", "SPAN_SET_AT", "END"]

log = logging.getLogger(__name__)

REF_SET_AT = 50_000
"""A reference matching up to this many records is listed to find the rows referring to them
(when the column has no spans)."""
SPAN_SET_AT = 500_000
"""... up to this many, bounded by the column's spans."""
_MAX_ROUNDS = 32
"""Rounds of agreeing between the terms on one rowid before the walk takes the rowid it has."""
_MAX_SECONDS = 0.05
"""A leap looks through runs for this long at most (it then goes on from the last one it passed)."""
_LOOK_AHEAD = 16
"""Rows past a run's rowid read to find the run's own (rows of other runs may lie between)."""

END = ""
"""What :meth:`Leaper.leap` says when no row after the one read can match."""


class Leaper:
    """Finds, after a batch without a match, the id the walk should read from next."""

    def __init__(self, db: sqlite_utils.Database, q: BrowseQuery,
                 index: Callable[[str, str], Hits]):
        self.db, self.q, self.index = db, q, index
        self._runs: Runs | None = None
        self._read_runs = False
        self._referrers: dict[tuple[Any, ...], Referrers | SpanBound | OrderedBound | None] = {}
        self.spent = 0.0
        """Seconds spent reading where a reference's matches are referred to (once per walk and
        reference: not the walk's own slowness, see :func:`db.browse_page.first_ids`)."""

    def leap(self, last: tuple[Any, ...]) -> tuple[str, bool] | None:
        """Where to read next after the row ``last`` (``(rowid, id, ...)``, the last read):
        ``(id, True)`` to read from that id on, ``(id, False)`` to read after it, :data:`END`
        as the id when no row after ``last`` can match; None when the walk should just go on."""
        if not self._read_runs:
            self._runs, self._read_runs = runs(self.db, self.q.table), True
        found = self._runs
        k = found.of(last[1]) if found is not None else None
        if found is None or k is None:
            return None
        started = time.perf_counter()
        for j in range(k, len(found)):
            first = last[0] + 1 if j == k else found.first_rowids[j]
            end = found.last_rowids[j]
            at = self._bound(first, end) if first <= end else None
            if at is not None:
                if j == k and at == first:
                    return None  # a match may come next: nothing to skip
                target = self._first_of_run(found, j, at)
                if target is not None:
                    return target, True
                return (found.last_ids[j - 1], False) if j > k else None
            if time.perf_counter() - started > _MAX_SECONDS and j + 1 < len(found):
                return found.last_ids[j], False
        return END, False

    def _first_of_run(self, found: Runs, j: int, rowid: int) -> str | None:
        """The id of run ``j``'s first row at ``rowid`` or past it (None: not among the next
        rows; a row of another run has an id outside the run's)."""
        for row_id, in self.db.conn.execute(
                f"SELECT id FROM {quote_name(self.q.table)} WHERE rowid >= ? AND rowid <= ? ORDER BY rowid LIMIT ?",
                (rowid, found.last_rowids[j], _LOOK_AHEAD)):
            if found.first_ids[j] <= row_id <= found.last_ids[j]:
                return str(row_id)
        return None

    def _bound(self, first: int, end: int) -> int | None:
        """The first rowid from ``first`` to ``end`` where every term may match (None: none)."""
        at = first
        for _ in range(_MAX_ROUNDS):
            moved = False
            for term in self.q.search:
                nxt = self._term_next(term, at)
                if nxt is None or nxt > end:
                    return None
                if nxt > at:
                    at, moved = nxt, True
            if not moved:
                break
        return at

    def _term_next(self, term: SearchTerm, at: int) -> int | None:
        """The first rowid at ``at`` or past it where ``term`` may match (None: none)."""
        best: int | None = None
        for part in range(1 + len(term.refs) + len(term.alternatives)):
            if part == 0:
                if term.match is None:
                    continue
                value = self.index(self.q.table, term.match).next_from(at)
            elif part <= len(term.refs):
                column, match = term.refs[part - 1]
                value = self._referring(column, match, at)
            else:
                value = self._alternative(term.alternatives[part - 1 - len(term.refs)], at)
            if value is not None and value <= at:
                return at
            if value is not None and (best is None or value < best):
                best = value
        return best

    def _referring(self, column: str, match: str, at: int) -> int | None:
        key = ("ref", column, match)
        if key not in self._referrers:
            started = time.perf_counter()
            self._referrers[key] = self._ref_rows(column, match)
            self.spent += time.perf_counter() - started
        referrers = self._referrers[key]
        return at if referrers is None else referrers.next_from(at)

    def _ref_rows(self, column: str, match: str) -> Referrers | SpanBound | OrderedBound | None:
        """Where the rows referring, through ``column``, to a record matching ``match`` are: a few
        sought in the column's index; more followed one by one through the column's ordered
        spans (:mod:`db.browse_spans`), or bounded by the union of their spans, or listed; None
        when that is not known (too many records)."""
        join = next((j for j in self.q.joins if j.column == column), None)
        if join is None:
            return None
        rowids = read_hits(self.db, join.table, match, SEEK_AT + 1)
        if len(rowids) > SEEK_AT:
            bounds = spans(self.db, self.q.table, column, join.table, read=False)  # kept ones only
            following = bounds.following(self.index(join.table, match).next_from) if bounds is not None else None
            if following is not None:
                return following
            rowids = read_hits(self.db, join.table, match, SPAN_SET_AT + 1)
            if len(rowids) > SPAN_SET_AT:
                return None
            if bounds is not None:
                return bounds.of(rowids)
            if len(rowids) > REF_SET_AT:
                return None
        referrers = Referrers(self.db, self.q.table, column, ids_of(self.db, join.table, rowids))
        return referrers if referrers.known else None

    def _alternative(self, m: Match, at: int) -> int | None:
        key = ("alt", m.expr, m.op, m.values)
        if key not in self._referrers:
            self._referrers[key] = None
            if m.op == "in" and m.expr in ("office_code", *table_sql(self.db, self.q.table).columns):
                listed = Referrers(self.db, self.q.table, m.expr, m.values)
                self._referrers[key] = listed if listed.known else None
        referrers = self._referrers[key]
        return at if referrers is None else referrers.next_from(at)
