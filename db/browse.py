"""Browsing a register table: filter, search and sort in SQL, fetch rows by id in pages.

The desktop client shows registers of tens of thousands of rows; it asks this module for
the ordered list of matching ids (cheap: a few hundred kilobytes for 100,000 rows) and then
for the rows it actually shows, a page at a time. What to search and how to sort is decided
by :mod:`desktop.browse`; this module only turns that description into SQL.

Expressions name a column of the main table (``"name"``), or the title column of a joined
table by the join's alias (``"@gi_id"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db import search
from db.records import META_COLUMNS, StoredRecord, quote_name, record_from_row, table_sql

__all__ = ["Join", "Match", "SearchTerm", "SortKey", "BrowseQuery", "browse_ids", "match_sql", "fetch",
           "distinct_values", "titles", "office_codes"]

FETCH_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Join:
    """A reference column shown (and searched, and sorted) by the referenced record's title."""

    column: str
    table: str
    title_column: str

    @property
    def alias(self) -> str:
        return "@" + self.column


@dataclass(frozen=True, slots=True)
class Match:
    """One way a search term can match: ``expr`` LIKE ``%value%``, ``expr`` IN ``values``,
    or a JSON list column containing one of ``values`` (``op`` = like / in / json_has); rows
    already found (``rowids``: ``values[0]`` a JSON list of their rowids), or a reference column
    pointing to rows of table ``values[0]`` already found (``ref_rowids``: rowids ``values[1]``)."""

    expr: str
    op: str
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """One search term through the search index (:mod:`db.search`): rows whose document
    matches the FTS5 query ``match``, or whose reference column ``refs[i][0]`` points to a row
    whose document matches ``refs[i][1]``, or that match one of ``alternatives`` (columns of
    the main table). A term with none of these matches nothing."""

    match: str | None = None
    refs: tuple[tuple[str, str], ...] = ()
    alternatives: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class SortKey:
    """Sort by ``expr``; ``order`` lists codes in their display order for coded columns."""

    expr: str
    descending: bool = False
    order: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BrowseQuery:
    """What rows of ``table`` to list, and in which order.

    ``filters``: column → allowed values (all filters must hold). ``terms``: each term is a
    tuple of alternative :class:`Match` es; every term must match at least one of its own.
    ``search``: terms through the search index, each must match (see :class:`SearchTerm`).
    """

    table: str
    joins: tuple[Join, ...] = ()
    filters: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    terms: tuple[tuple[Match, ...], ...] = ()
    sort: tuple[SortKey, ...] = ()
    include_deleted: bool = False
    office_code: str | None = None
    ids: tuple[str, ...] | None = None
    search: tuple[SearchTerm, ...] = ()


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _Builder:
    def __init__(self, db: sqlite_utils.Database, q: BrowseQuery):
        self.q, self.db = q, db
        self.columns = set(table_sql(db, q.table).columns) | set(META_COLUMNS)
        self.joins = {j.alias: (f"j{n}", j) for n, j in enumerate(q.joins)}
        for j in q.joins:
            if j.column not in self.columns:
                raise ValueError(f"{q.table} has no column {j.column}")
            table_sql(db, j.table)  # checks the table name
        self.params: list[Any] = []

    def expr(self, name: str) -> str:
        if name in self.joins:
            alias, join = self.joins[name]
            return f"{alias}.{quote_name(join.title_column)}"
        if name not in self.columns:
            raise ValueError(f"{self.q.table} has no column {name!r}")
        return f"t.{quote_name(name)}"

    def hits(self) -> str:
        """``WITH`` the rowids matching every search term (empty without search terms)."""
        if not self.q.search:
            return ""
        table = quote_name(self.q.table)
        ctes = []
        for n, term in enumerate(self.q.search):
            ways = []
            if term.match is not None:
                fts = quote_name(search.fts_table(self.q.table))
                ways.append(f"SELECT rowid AS rid FROM {fts} WHERE {fts} MATCH ?")
                self.params.append(term.match)
            for column, match in term.refs:
                join = next((j for j in self.q.joins if j.column == column), None)
                if join is None:
                    raise ValueError(f"{self.q.table}: no join on {column!r}")
                fts = quote_name(search.fts_table(join.table))
                ways.append(f"SELECT r.rowid FROM {table} AS r WHERE r.{quote_name(column)} IN "
                            f"(SELECT x.id FROM {quote_name(join.table)} AS x WHERE x.rowid IN "
                            f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ?))")
                self.params.append(match)
            for m in term.alternatives:
                if m.op == "rowids":  # the rowids themselves (the join below keeps the rows there)
                    self.params.append(m.values[0])
                    ways.append("SELECT value FROM json_each(?)")
                else:
                    ways.append(f"SELECT t.rowid FROM {table} AS t WHERE {self.match(m)}")
            ctes.append(f"s{n}(rid) AS ({' UNION '.join(ways) if ways else 'SELECT NULL WHERE 0'})")
        every = " INTERSECT ".join(f"SELECT rid FROM s{n}" for n in range(len(ctes)))
        return "WITH " + ", ".join(ctes) + f", hits(rid) AS ({every}) "

    def from_clause(self) -> str:
        if self.q.search:  # the matching rows first: never a scan of the whole table
            parts = [f"hits CROSS JOIN {quote_name(self.q.table)} AS t ON t.rowid = hits.rid"]
        else:
            parts = [f"{quote_name(self.q.table)} AS t"]
        for alias, join in self.joins.values():
            parts.append(f"LEFT JOIN {quote_name(join.table)} AS {alias} ON {alias}.id = t.{quote_name(join.column)}")
        return " ".join(parts)

    def match(self, m: Match) -> str:
        if m.op == "rowids":  # rows found already (their rowids as a JSON list)
            self.params.append(m.values[0])
            return "t.rowid IN (SELECT value FROM json_each(?))"
        e = self.expr(m.expr)
        if m.op == "ref_rowids":  # a reference to rows of values[0] found already (rowids, JSON)
            table_sql(self.db, str(m.values[0]))
            self.params.append(m.values[1])
            return (f"{e} IN (SELECT x.id FROM {quote_name(str(m.values[0]))} AS x WHERE x.rowid IN "
                    "(SELECT value FROM json_each(?)))")
        if m.op == "like":
            self.params.append(f"%{_like_escape(str(m.values[0]))}%")
            return f"{e} LIKE ? ESCAPE '\\'"
        if not m.values:
            return "0"
        if m.op == "in":
            self.params.extend(m.values)
            return f"{e} IN ({', '.join('?' for _ in m.values)})"
        if m.op == "json_has":
            ors = []
            for v in m.values:
                self.params.append(f'%"{_like_escape(str(v))}"%')
                ors.append(f"{e} LIKE ? ESCAPE '\\'")
            return "(" + " OR ".join(ors) + ")"
        raise ValueError(f"unknown match operator {m.op!r}")

    def where(self) -> str:
        clauses: list[str] = []
        if not self.q.include_deleted:
            clauses.append("t.deleted = 0")
        if self.q.office_code is not None:
            clauses.append("t.office_code = ?")
            self.params.append(self.q.office_code)
        if self.q.ids is not None:
            if not self.q.ids:
                clauses.append("0")
            else:
                clauses.append(f"t.id IN ({', '.join('?' for _ in self.q.ids)})")
                self.params.extend(self.q.ids)
        for column, values in self.q.filters:
            clauses.append(self.match(Match(column, "in", tuple(values))))
        for alternatives in self.q.terms:
            clauses.append("(" + " OR ".join(self.match(m) for m in alternatives) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else ""

    def order(self) -> str:
        parts = []
        keys = list(self.q.sort)
        if not any(k.expr == "id" for k in keys):
            keys.append(SortKey("id"))  # a stable order among equal values
        for key in keys:
            e = self.expr(key.expr)
            direction = "DESC" if key.descending else "ASC"
            if key.order:
                cases = " ".join(f"WHEN ? THEN {n}" for n in range(len(key.order)))
                self.params.extend(key.order)
                parts.append(f"CASE {e} {cases} ELSE {len(key.order)} END {direction}")
            elif key.expr == "id":
                parts.append(f"{e} {direction}")  # never empty; the primary key's order
            else:
                # Empty values last in either direction: a clerk looks for what is there.
                parts.append(f"({e} IS NULL) ASC, {e} {direction}")
        return " ORDER BY " + ", ".join(parts)


def match_sql(db: sqlite_utils.Database, q: BrowseQuery, m: Match) -> tuple[str, list[Any]]:
    """The SQL condition (on the main table as ``t``) and its parameters for one :class:`Match`."""
    b = _Builder(db, q)
    return b.match(m), b.params


def browse_ids(db: sqlite_utils.Database, q: BrowseQuery, limit: int | None = None) -> list[str]:
    """The ids of the matching rows, in display order (the first ``limit`` of them)."""
    b = _Builder(db, q)
    sql = b.hits() + f"SELECT t.id FROM {b.from_clause()}"
    sql += b.where()
    sql += b.order()
    if limit is not None:
        sql += " LIMIT ?"
        b.params.append(limit)
    return [r[0] for r in db.conn.execute(sql, b.params)]


def fetch(db: sqlite_utils.Database, table: str, ids: Sequence[str],
          joins: Iterable[Join] = ()) -> dict[str, tuple[StoredRecord, dict[str, str | None]]]:
    """The rows with these ids, each with the titles of its joined references (by alias)."""
    t = table_sql(db, table)
    joins = tuple(joins)
    select = ", ".join(f"t.{quote_name(c)}" for c in (*META_COLUMNS, *t.columns))
    join_sql = ""
    for n, j in enumerate(joins):
        table_sql(db, j.table)
        select += f", j{n}.{quote_name(j.title_column)}"
        join_sql += f" LEFT JOIN {quote_name(j.table)} AS j{n} ON j{n}.id = t.{quote_name(j.column)}"
    out: dict[str, tuple[StoredRecord, dict[str, str | None]]] = {}
    width = len(META_COLUMNS) + len(t.columns)
    for start in range(0, len(ids), FETCH_CHUNK):
        chunk = list(ids[start:start + FETCH_CHUNK])
        sql = (f"SELECT {select} FROM {quote_name(table)} AS t{join_sql} "
               f"WHERE t.id IN ({', '.join('?' for _ in chunk)})")
        for row in db.conn.execute(sql, chunk):
            rec = record_from_row(table, t.columns, row[:width])
            out[rec.id] = (rec, {j.alias: row[width + n] for n, j in enumerate(joins)})
    return out


def _live(db: sqlite_utils.Database, table: str, column: str,
          office_code: str | None) -> tuple[str, list[Any]]:
    """``FROM table WHERE`` live rows (of one office) — after checking ``column`` exists."""
    if column not in table_sql(db, table).columns:
        raise ValueError(f"{table} has no column {column!r}")
    where = f" FROM {quote_name(table)} WHERE deleted = 0"
    if office_code is None:
        return where, []
    return where + " AND office_code = ?", [office_code]


def distinct_values(db: sqlite_utils.Database, table: str, column: str,
                    office_code: str | None = None) -> list[Any]:
    """The distinct non-empty values of a column among live rows, sorted."""
    where, params = _live(db, table, column, office_code)
    name = quote_name(column)
    sql = f"SELECT DISTINCT {name}{where} AND {name} IS NOT NULL ORDER BY {name}"
    return [r[0] for r in db.conn.execute(sql, params)]


def titles(db: sqlite_utils.Database, table: str, title_column: str,
           office_code: str | None = None) -> list[tuple[str, str]]:
    """``(id, title)`` of every live row, ordered by title: for pick-lists of references."""
    where, params = _live(db, table, title_column, office_code)
    sql = f"SELECT id, {quote_name(title_column)}{where} ORDER BY {quote_name(title_column)}, id"
    return [(r[0], "" if r[1] is None else str(r[1])) for r in db.conn.execute(sql, params)]


def office_codes(db: sqlite_utils.Database, table: str) -> list[str]:
    """The offices holding rows of ``table`` (tombstones too), by code: one pass over its
    office index, never over the rows (440,000 mark users in a city)."""
    table_sql(db, table)  # checks the table name
    sql = f"SELECT DISTINCT office_code FROM {quote_name(table)} ORDER BY office_code"
    return [r[0] for r in db.conn.execute(sql)]
