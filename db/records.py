"""Queries on the register tables, all sharing the common columns (see :mod:`db.migrations`).

Values go in and come out as SQLite values keyed by column; turning them into typed
Python values is :mod:`desktop.fields`' business. Table and column names are checked
against the schema, so a caller cannot smuggle SQL through a name.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from db.migrations import RECORD_TABLES

__all__ = [
    "StoredRecord",
    "StaleRevision",
    "RecordNotFound",
    "META_COLUMNS",
    "get",
    "find",
    "count",
    "exists_live",
    "insert",
    "insert_many",
    "update",
    "find_duplicate",
    "next_ids",
    "find_in_other_offices",
    "release_ids",
    "next_hand_ids",
    "data_columns",
    "TableSql",
    "table_sql",
    "quote_name",
    "record_from_row",
    "record_params",
]

META_COLUMNS: tuple[str, ...] = ("id", "office_code", "created_at", "updated_at", "revision", "deleted")


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One row of a register table: the common columns plus the data columns in ``values``."""

    table: str
    id: str
    office_code: str
    created_at: str
    updated_at: str
    revision: int
    deleted: bool
    values: dict[str, Any] = field(default_factory=dict)


class StaleRevision(Exception):
    """The record changed since it was read (someone else saved first); nothing was written."""

    def __init__(self, table: str, record_id: str, expected: int, actual: int):
        self.table, self.record_id, self.expected, self.actual = table, record_id, expected, actual
        super().__init__(
            f"记录 {record_id} 已被修改（版本 {actual}，而不是 {expected}），请重新打开后再改。\n"
            f"Record {record_id} was changed meanwhile (revision {actual}, not {expected}); "
            f"reload it and try again.")


class RecordNotFound(KeyError):
    """No record with that id in that table."""


@dataclass(frozen=True, slots=True)
class TableSql:
    """A register table's data columns (schema order) and its SELECT and INSERT of every
    column, common columns first (the order of :func:`record_from_row` and :func:`record_params`)."""

    columns: tuple[str, ...]
    select: str
    insert: str


_sql_cache: weakref.WeakKeyDictionary[sqlite_utils.Database, dict[str, TableSql]] = (
    weakref.WeakKeyDictionary())


def table_sql(db: sqlite_utils.Database, table: str) -> TableSql:
    """Column list and statement texts of a register table, built once per open database."""
    per_db = _sql_cache.setdefault(db, {})
    cached = per_db.get(table)
    if cached is None:
        if table not in RECORD_TABLES:
            raise ValueError(f"not a register table: {table!r}")
        names = [r[1] for r in db.conn.execute(f"PRAGMA table_info({quote_name(table)})")]
        cols = tuple(n for n in names if n not in META_COLUMNS)
        every = (*META_COLUMNS, *cols)
        cached = TableSql(
            columns=cols,
            select=f"SELECT {', '.join(quote_name(c) for c in every)} FROM {quote_name(table)}",
            insert=(f"INSERT INTO {quote_name(table)} ({', '.join(quote_name(c) for c in every)}) "
                    f"VALUES ({', '.join('?' for _ in every)})"))
        per_db[table] = cached
    return cached


def data_columns(db: sqlite_utils.Database, table: str) -> tuple[str, ...]:
    """The data columns of a register table (everything but the common columns), in schema order."""
    return table_sql(db, table).columns


def quote_name(name: str) -> str:
    """A table or column name as an SQL identifier (double-quoted); check the name against the
    schema first (:func:`table_sql`, :func:`data_columns`)."""
    return '"' + name.replace('"', '""') + '"'


def _check_columns(db: sqlite_utils.Database, table: str, names: Iterable[str]) -> None:
    known = set(data_columns(db, table)) | set(META_COLUMNS)
    bad = [n for n in names if n not in known]
    if bad:
        raise ValueError(f"{table} has no column(s) {', '.join(bad)}")


def record_from_row(table: str, cols: Sequence[str], row: Sequence[Any]) -> StoredRecord:
    """The record of a row selected as :attr:`TableSql.select` does: the common columns, then
    the data columns ``cols``."""
    meta = row[: len(META_COLUMNS)]
    return StoredRecord(
        table=table, id=meta[0], office_code=meta[1], created_at=meta[2], updated_at=meta[3],
        revision=meta[4], deleted=bool(meta[5]),
        values=dict(zip(cols, row[len(META_COLUMNS):], strict=True)),
    )


def _select(db: sqlite_utils.Database, table: str) -> tuple[str, tuple[str, ...]]:
    t = table_sql(db, table)
    return t.select, t.columns


def get(db: sqlite_utils.Database, table: str, record_id: str) -> StoredRecord | None:
    """The record with this id (tombstoned or not), or None."""
    sql, cols = _select(db, table)
    row = db.conn.execute(f"{sql} WHERE id = ?", (record_id,)).fetchone()
    return record_from_row(table, cols, row) if row else None


def _where(db: sqlite_utils.Database, table: str, where: Mapping[str, Any],
           include_deleted: bool, office_code: str | None) -> tuple[str, list[Any]]:
    _check_columns(db, table, where)
    clauses: list[str] = []
    params: list[Any] = []
    for key, value in where.items():
        if value is None:
            clauses.append(f"{quote_name(key)} IS NULL")
        else:
            clauses.append(f"{quote_name(key)} = ?")
            params.append(value)
    if not include_deleted:
        clauses.append("deleted = 0")
    if office_code is not None:
        clauses.append("office_code = ?")
        params.append(office_code)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def find(db: sqlite_utils.Database, table: str, *, where: Mapping[str, Any] | None = None,
         include_deleted: bool = False, office_code: str | None = None,
         order_by: Sequence[str] = ("id",), limit: int | None = None,
         offset: int = 0) -> Iterator[StoredRecord]:
    """Records matching ``where`` (column → SQLite value, all must match), streamed."""
    sql, cols = _select(db, table)
    clause, params = _where(db, table, where or {}, include_deleted, office_code)
    order = [o.lstrip("-") for o in order_by]
    _check_columns(db, table, order)
    order_sql = ", ".join(f"{quote_name(o.lstrip('-'))} {'DESC' if o.startswith('-') else 'ASC'}"
                          for o in order_by)
    sql = f"{sql}{clause} ORDER BY {order_sql}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    for row in db.conn.execute(sql, params):
        yield record_from_row(table, cols, row)


def exists_live(db: sqlite_utils.Database, table: str, record_id: str) -> bool:
    """Whether a record with this id exists in ``table`` and is not tombstoned."""
    table_sql(db, table)
    row = db.conn.execute(f"SELECT 1 FROM {quote_name(table)} WHERE id = ? AND deleted = 0",
                          (record_id,)).fetchone()
    return row is not None


def count(db: sqlite_utils.Database, table: str, *, where: Mapping[str, Any] | None = None,
          include_deleted: bool = False, office_code: str | None = None) -> int:
    """How many records match."""
    data_columns(db, table)
    clause, params = _where(db, table, where or {}, include_deleted, office_code)
    return int(db.conn.execute(f"SELECT count(*) FROM {quote_name(table)}{clause}", params).fetchone()[0])


def _insert_sql(db: sqlite_utils.Database, table: str) -> str:
    return table_sql(db, table).insert


def record_params(db: sqlite_utils.Database, record: StoredRecord) -> tuple[Any, ...]:
    """A record's values in the order of :attr:`TableSql.insert`; refuses a value for a
    column the table lacks."""
    cols = data_columns(db, record.table)
    extra = set(record.values) - set(cols)
    if extra:
        raise ValueError(f"{record.table} has no column(s) {', '.join(sorted(extra))}")
    return (record.id, record.office_code, record.created_at, record.updated_at, record.revision,
            int(record.deleted), *(record.values.get(c) for c in cols))


def insert(db: sqlite_utils.Database, record: StoredRecord) -> None:
    """Insert one new record (the id must be new)."""
    db.conn.execute(_insert_sql(db, record.table), record_params(db, record))


def insert_many(db: sqlite_utils.Database, table: str, records: Iterable[StoredRecord]) -> int:
    """Insert many new records of one table with one prepared statement; returns the count.

    Call inside :func:`db.connection.transaction`: outside one, every row would commit alone.
    """
    n = 0

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal n
        for r in records:
            if r.table != table:
                raise ValueError(f"record of {r.table} passed for {table}")
            n += 1
            yield record_params(db, r)

    db.conn.executemany(_insert_sql(db, table), rows())
    return n


def update(db: sqlite_utils.Database, table: str, record_id: str, changes: Mapping[str, Any], *,
           expected_revision: int, updated_at: str, deleted: bool | None = None) -> StoredRecord:
    """Change columns of one record if it is still at ``expected_revision``; bump its revision.

    Raises :class:`StaleRevision` if another save came first, :class:`RecordNotFound` if there
    is no such record. Returns the record as stored afterwards.
    """
    _check_columns(db, table, changes)
    bad = set(changes) & set(META_COLUMNS)
    if bad:
        raise ValueError(f"cannot change {', '.join(sorted(bad))} through update()")
    sets = [f"{quote_name(k)} = ?" for k in changes]
    params: list[Any] = list(changes.values())
    if deleted is not None:
        sets.append("deleted = ?")
        params.append(int(deleted))
    sets += ["revision = revision + 1", "updated_at = ?"]
    params += [updated_at, record_id, expected_revision]
    cur = db.conn.execute(
        f"UPDATE {quote_name(table)} SET {', '.join(sets)} WHERE id = ? AND revision = ?", params)
    if cur.rowcount != 1:
        current = get(db, table, record_id)
        if current is None:
            raise RecordNotFound(record_id)
        raise StaleRevision(table, record_id, expected_revision, current.revision)
    after = get(db, table, record_id)
    assert after is not None
    return after


def find_duplicate(db: sqlite_utils.Database, table: str, office_code: str,
                   where: Mapping[str, Any], exclude_id: str | None) -> str | None:
    """The id of a live record of ``office_code`` whose columns equal ``where``, other than ``exclude_id``."""
    clause, params = _where(db, table, where, False, office_code)
    sql = f"SELECT id FROM {quote_name(table)}{clause}"
    if exclude_id is not None:
        sql += " AND id <> ?"
        params.append(exclude_id)
    row = db.conn.execute(sql + " LIMIT 1", params).fetchone()
    return row[0] if row else None


def find_in_other_offices(db: sqlite_utils.Database, table: str, column: str,
                          values: Sequence[Any], office_code: str) -> list[tuple[Any, str, str]]:
    """``(value, office, id)`` of live records of other offices whose ``column`` is one of
    ``values`` (for cross-office checks such as one USCC registered in two counties)."""
    _check_columns(db, table, [column])
    out: list[tuple[Any, str, str]] = []
    for start in range(0, len(values), 500):
        chunk = list(values[start:start + 500])
        sql = (f"SELECT {quote_name(column)}, office_code, id FROM {quote_name(table)} WHERE deleted = 0 "
               f"AND office_code <> ? AND {quote_name(column)} IN ({', '.join('?' for _ in chunk)}) ORDER BY id")
        out.extend(db.conn.execute(sql, [office_code, *chunk]).fetchall())
    return out


def next_ids(db: sqlite_utils.Database, office_code: str, prefix: str, n: int = 1) -> list[str]:
    """Reserve ``n`` new record ids ``PREFIX-OFFICE-NNNNNN``; never hands out an id twice.

    The counter only goes up (deleted records keep their ids), and it always starts above
    the highest such id already in the file, so ids of records that arrived later by packet
    (a restore, say) are never handed out again.
    """
    if n < 1:
        return []
    row = db.conn.execute("SELECT last FROM id_sequences WHERE office_code = ? AND prefix = ?",
                          (office_code, prefix)).fetchone()
    last = max(row[0] if row else 0, _highest_existing(db, office_code, prefix))
    db.conn.execute(
        "INSERT INTO id_sequences(office_code, prefix, last) VALUES (?, ?, ?) "
        "ON CONFLICT(office_code, prefix) DO UPDATE SET last = excluded.last",
        (office_code, prefix, last + n))
    return [format_id(prefix, office_code, last + i) for i in range(1, n + 1)]


def next_hand_ids(db: sqlite_utils.Database, table: str, office_code: str, prefix: str,
                  n: int) -> list[str]:
    """Ids for records of ``office_code`` that were typed into its packet by hand and arrive
    without one: ``R-130125-H00001`` ..., a series the office's own counter never uses (its
    numbers are all digits), so the office can never hand out the same id later."""
    table_sql(db, table)
    stem = f"{prefix}-{office_code}-H"
    top = db.conn.execute(f"SELECT max(id) FROM {quote_name(table)} WHERE id >= ? AND id < ?",
                          (stem, stem[:-1] + "I")).fetchone()[0]
    last = int(top[len(stem):]) if top and top[len(stem):].isdigit() else 0
    return [f"{stem}{last + i:05d}" for i in range(1, n + 1)]


def release_ids(db: sqlite_utils.Database, office_code: str, prefix: str, n: int) -> None:
    """Give back the last ``n`` ids reserved by :func:`next_ids` in this same transaction, unused."""
    db.conn.execute("UPDATE id_sequences SET last = last - ? WHERE office_code = ? AND prefix = ?",
                    (n, office_code, prefix))


def format_id(prefix: str, office_code: str, number: int) -> str:
    """``R-130125-000012``."""
    return f"{prefix}-{office_code}-{number:06d}"


def _highest_existing(db: sqlite_utils.Database, office_code: str, prefix: str) -> int:
    """The highest number of ``PREFIX-OFFICE-`` ids in any register table (0 if none).

    A range on the primary key (``'R-130125-' <= id < 'R-130125.'``) is an index lookup;
    numbers have six digits, so the greatest id has the greatest number.
    """
    stem = f"{prefix}-{office_code}-"
    upper = stem[:-1] + chr(ord("-") + 1)
    best = 0
    for table in RECORD_TABLES:
        top = db.conn.execute(f"SELECT max(id) FROM {quote_name(table)} WHERE id >= ? AND id < ?",
                              (stem, upper)).fetchone()[0]
        if top and top[len(stem):].isdigit():
            best = max(best, int(top[len(stem):]))
    return best
