"""Runs of a register: stretches of its display order (by id) where rowids grow with the ids.

Rows are stored in the order they arrived, and in most registers that is the order of their
ids: a city holding 22 counties stores each county's packet in id order, one run for its
2.2 million annual reports. Within a run the rows after a given one, in id order, are exactly
the run's rows with a greater rowid; so a walk in id order (:mod:`db.browse_page`) that knows
the next rowid that can match may skip every row of the run before it, and a run that has no
such rowid altogether, instead of reading them 2,000 at a time.

The runs are read once (the rowids in primary-key order: half a second for 2.2 million rows)
and kept, per database file and table, for as long as the table's :func:`db.search.changes`
token is the same. None when the rows are too scattered for runs to help (more than
:data:`MAX_RUNS`), when the table has rows waiting in the search queue (the token may be about
to change), or when it was never indexed.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass

import sqlite_utils

from db import search
from db.records import quote_name, table_sql

__all__ = ["Runs", "runs", "MAX_RUNS"]

log = logging.getLogger(__name__)

MAX_RUNS = 2_000
"""More runs than this and a register is left to the plain walk."""


@dataclass(frozen=True)
class Runs:
    """The runs of one table, in id order: run ``i`` holds the ids ``first_ids[i]`` to
    ``last_ids[i]`` and, in the same order, the rowids ``first_rowids[i]`` to ``last_rowids[i]``
    (other rows may have rowids between: they belong to other runs)."""

    first_ids: tuple[str, ...]
    last_ids: tuple[str, ...]
    first_rowids: tuple[int, ...]
    last_rowids: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.first_ids)

    def of(self, row_id: str) -> int | None:
        """The run holding the row of id ``row_id`` (None: no row has that id)."""
        i = bisect.bisect_right(self.first_ids, row_id) - 1
        return i if i >= 0 and row_id <= self.last_ids[i] else None


def runs(db: sqlite_utils.Database, table: str) -> Runs | None:
    """The runs of ``table`` (see the module), read again only after it changed."""
    table_sql(db, table)
    return search.kept(db, f"runs:{table}", (table,), lambda: _read(db, table))


def _read(db: sqlite_utils.Database, table: str) -> Runs | None:
    """Where the runs of ``table`` start and end: a row whose rowid is below the previous
    row's in id order starts one. The rowids in id order are read from the primary key and
    compared here (three times quicker than SQL's window functions); the ids of the rows
    that start and end runs are looked up after."""
    table_sql(db, table)
    name = quote_name(table)
    starts: list[int] = []
    ends: list[int] = []
    previous: int | None = None
    rows = db.conn.execute(f"SELECT rowid FROM {name} ORDER BY id")
    for (rowid,) in rows:
        if previous is None or rowid < previous:
            if len(starts) == MAX_RUNS:
                rows.close()
                log.info("%s: more than %d runs of ids in rowid order; walked without them", table, MAX_RUNS)
                return None
            if previous is not None:
                ends.append(previous)
            starts.append(rowid)
        previous = rowid
    if previous is not None:
        ends.append(previous)

    def ids(rowids: list[int]) -> tuple[str, ...]:
        return tuple(str(db.conn.execute(f"SELECT id FROM {name} WHERE rowid = ?", (r,)).fetchone()[0])
                     for r in rowids)

    return Runs(ids(starts), ids(ends), tuple(starts), tuple(ends))
