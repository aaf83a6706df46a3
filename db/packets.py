"""Queries for packets: the office's key pair, pinned keys and merge state of other offices,
the packet log, and replicating another office's records exactly as they were sent."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import sqlite_utils

from db.records import META_COLUMNS, StoredRecord, quote_name, record_from_row, record_params, table_sql

__all__ = ["OfficeKey", "PinnedOffice", "PacketLogEntry", "get_key", "save_key", "pinned",
           "pin", "set_merge_state", "log_packet", "packet_log", "last_sent", "mark_received",
           "replicate", "replicate_rows", "stage_new_rows", "existing_rows", "existing_by_id",
           "live_holders", "has_id_prefix", "office_count", "office_ids",
           "pinned_offices"]


@dataclass(frozen=True, slots=True)
class OfficeKey:
    office_code: str
    private_key: bytes
    public_key: bytes
    created_at: str


@dataclass(frozen=True, slots=True)
class PinnedOffice:
    """What this database knows of another office: its pinned key and what was merged."""

    code: str
    name: str
    public_key: str | None
    key_fingerprint: str | None
    key_pinned_at: str | None
    last_sequence: int | None
    last_content_hash: str | None
    last_received_at: str | None


@dataclass(frozen=True, slots=True)
class PacketLogEntry:
    id: int
    direction: str
    office_code: str
    sequence: int | None
    file_name: str | None
    content_hash: str | None
    at: str
    status: str
    detail: dict[str, Any] | None
    file_hash: str | None
    archive_path: str | None
    packet_kind: str | None


def get_key(db: sqlite_utils.Database, office_code: str) -> OfficeKey | None:
    row = db.conn.execute("SELECT office_code, private_key, public_key, created_at FROM office_keys "
                          "WHERE office_code = ?", (office_code,)).fetchone()
    return OfficeKey(*row) if row else None


def save_key(db: sqlite_utils.Database, key: OfficeKey) -> None:
    db.conn.execute("INSERT INTO office_keys(office_code, private_key, public_key, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (key.office_code, key.private_key, key.public_key, key.created_at))


_PIN_COLS = ("code, name, public_key, key_fingerprint, key_pinned_at, last_sequence, "
             "last_content_hash, last_received_at")


def pinned(db: sqlite_utils.Database, code: str) -> PinnedOffice | None:
    row = db.conn.execute(f"SELECT {_PIN_COLS} FROM offices WHERE code = ?", (code,)).fetchone()
    return PinnedOffice(*row) if row else None


def pinned_offices(db: sqlite_utils.Database) -> list[PinnedOffice]:
    return [PinnedOffice(*r) for r in
            db.conn.execute(f"SELECT {_PIN_COLS} FROM offices WHERE is_self = 0 ORDER BY code")]


def pin(db: sqlite_utils.Database, code: str, name: str, level: str, parent: str | None,
        public_key: str, fingerprint: str, at: str) -> None:
    """Record (or replace, on re-enrolment) the key of another office."""
    db.conn.execute(
        "INSERT INTO offices(code, name, level, parent_code, is_self, created_at, updated_at, "
        "public_key, key_fingerprint, key_pinned_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET public_key = excluded.public_key, "
        "key_fingerprint = excluded.key_fingerprint, key_pinned_at = excluded.key_pinned_at, "
        "updated_at = excluded.updated_at",
        (code, name, level, parent, at, at, public_key, fingerprint, at))


def set_merge_state(db: sqlite_utils.Database, code: str, sequence: int, content_hash: str,
                    at: str) -> None:
    db.conn.execute("UPDATE offices SET last_sequence = ?, last_content_hash = ?, "
                    "last_received_at = ?, updated_at = ? WHERE code = ?",
                    (sequence, content_hash, at, at, code))


def log_packet(db: sqlite_utils.Database, *, direction: str, office_code: str, sequence: int | None,
               file_name: str | None, content_hash: str | None, at: str, status: str,
               detail: Mapping[str, Any] | None = None, file_hash: str | None = None,
               archive_path: str | None = None, packet_kind: str | None = None) -> int:
    cur = db.conn.execute(
        "INSERT INTO packet_log(direction, office_code, sequence, file_name, content_hash, at, "
        "status, detail, file_hash, archive_path, packet_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (direction, office_code, sequence, file_name, content_hash, at, status,
         json.dumps(detail, ensure_ascii=False) if detail is not None else None, file_hash,
         archive_path, packet_kind))
    return int(cur.lastrowid or 0)


_LOG_COLS = ("id, direction, office_code, sequence, file_name, content_hash, at, status, detail, "
             "file_hash, archive_path, packet_kind")


def _entry(row: tuple[Any, ...]) -> PacketLogEntry:
    values = list(row)
    values[8] = json.loads(values[8]) if values[8] else None
    return PacketLogEntry(*values)


def packet_log(db: sqlite_utils.Database, office_code: str | None = None) -> list[PacketLogEntry]:
    """The packet log, newest first."""
    sql = f"SELECT {_LOG_COLS} FROM packet_log"
    params: list[Any] = []
    if office_code is not None:
        sql += " WHERE office_code = ?"
        params.append(office_code)
    return [_entry(r) for r in db.conn.execute(sql + " ORDER BY id DESC", params)]


def last_sent(db: sqlite_utils.Database, office_code: str) -> PacketLogEntry | None:
    """The packet this office sent last (highest sequence)."""
    row = db.conn.execute(f"SELECT {_LOG_COLS} FROM packet_log WHERE direction = 'sent' AND "
                          "office_code = ? ORDER BY sequence DESC, id DESC LIMIT 1",
                          (office_code,)).fetchone()
    return _entry(row) if row else None


def mark_received(db: sqlite_utils.Database, office_code: str, sequence: int,
                  content_hash: str, at: str) -> bool:
    """Mark a sent packet as acknowledged by a receipt; False if no such packet was sent."""
    cur = db.conn.execute(
        "UPDATE packet_log SET status = 'receipted', detail = json_set(coalesce(detail, '{}'), "
        "'$.receipt_at', ?) WHERE direction = 'sent' AND office_code = ? AND sequence = ? "
        "AND content_hash = ?", (at, office_code, sequence, content_hash))
    return cur.rowcount > 0


def existing_rows(db: sqlite_utils.Database, table: str, office_code: str) -> dict[str, StoredRecord]:
    """Every record (tombstones too) of one office in a table, by id."""
    t = table_sql(db, table)
    cols = t.columns
    return {row[0]: record_from_row(table, cols, row)
            for row in db.conn.execute(f"{t.select} WHERE office_code = ?", (office_code,))}


_BATCH = 400
"""Values per ``IN (...)`` list: well below SQLite's smallest limit on parameters (999)."""


def existing_by_id(db: sqlite_utils.Database, table: str, ids: Iterable[str]) -> dict[str, StoredRecord]:
    """The records (tombstones too, of any office) of ``table`` with these ids, by id."""
    t = table_sql(db, table)
    cols = t.columns
    unique = list(dict.fromkeys(ids))
    out: dict[str, StoredRecord] = {}
    for start in range(0, len(unique), _BATCH):
        chunk = unique[start:start + _BATCH]
        for row in db.conn.execute(f"{t.select} WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            out[row[0]] = record_from_row(table, cols, row)
    return out


def live_holders(db: sqlite_utils.Database, table: str, office_code: str, columns: Sequence[str],
                 values: Iterable[tuple[Any, ...]]) -> dict[tuple[Any, ...], list[str]]:
    """For each tuple of stored values of ``columns`` (none of them NULL), the ids of the live
    records of ``office_code`` that hold it: what a unique index over them would clash with."""
    t = table_sql(db, table)
    unknown = set(columns) - set(t.columns)
    if unknown:
        raise ValueError(f"{table} has no column(s) {', '.join(sorted(unknown))}")
    names = ", ".join(quote_name(c) for c in columns)
    wanted = set(values)
    firsts = list(dict.fromkeys(v[0] for v in wanted))
    out: dict[tuple[Any, ...], list[str]] = {}
    # By the first column (the unique index over office and the columns serves it), the rest
    # compared here: a row-value IN list is not looked up in the index.
    for start in range(0, len(firsts), _BATCH):
        chunk = firsts[start:start + _BATCH]
        sql = (f"SELECT {names}, id FROM {quote_name(table)} WHERE office_code = ? AND deleted = 0 AND "
               f"{quote_name(columns[0])} IN ({', '.join('?' * len(chunk))}) ORDER BY id")
        for row in db.conn.execute(sql, [office_code, *chunk]):
            value = tuple(row[:-1])
            if value in wanted:
                out.setdefault(value, []).append(row[-1])
    return out


def has_id_prefix(db: sqlite_utils.Database, table: str, prefix: str) -> bool:
    """Whether a record (of any office, tombstones too) of ``table`` has an id starting with
    ``prefix`` (looked up in the primary key's index)."""
    table_sql(db, table)
    if not prefix:
        return db.conn.execute(f"SELECT 1 FROM {quote_name(table)} LIMIT 1").fetchone() is not None
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return db.conn.execute(f"SELECT 1 FROM {quote_name(table)} WHERE id >= ? AND id < ? LIMIT 1",
                           (prefix, end)).fetchone() is not None


def office_count(db: sqlite_utils.Database, table: str, office_code: str) -> int:
    """How many records (tombstones too) one office has in a table."""
    table_sql(db, table)
    return int(db.conn.execute(f"SELECT count(*) FROM {quote_name(table)} WHERE office_code = ?",
                               (office_code,)).fetchone()[0])


def office_ids(db: sqlite_utils.Database, table: str, office_code: str) -> set[str]:
    """The ids of every record (tombstones too) of one office in a table."""
    table_sql(db, table)
    return set(map(itemgetter(0), db.conn.execute(f"SELECT id FROM {quote_name(table)} WHERE office_code = ?",
                                                  (office_code,))))


def replicate(db: sqlite_utils.Database, table: str, records: Iterable[StoredRecord],
              present: Set[str] | None = None) -> int:
    """Insert or replace records exactly as another office sent them (id, revision, times).

    ``present``: the ids of ``records`` that are in the table already, if the caller knows
    (the others must not be). Only for merging packets: the caller has checked ownership and
    validity."""
    t = table_sql(db, table)
    columns = t.columns
    known = frozenset(columns)

    def params(rec: StoredRecord) -> tuple[Any, ...]:
        if rec.table != table or not known.issuperset(rec.values):
            return record_params(db, rec)  # another table's record, or a column the table lacks
        values = rec.values
        return (rec.id, rec.office_code, rec.created_at, rec.updated_at, rec.revision,
                int(rec.deleted), *map(values.get, columns))

    return replicate_rows(db, table, columns, list(map(params, records)), present)


def replicate_rows(db: sqlite_utils.Database, table: str, columns: Sequence[str],
                   rows: Sequence[Sequence[Any]], present: Set[str] | None = None) -> int:
    """:func:`replicate` for records given as rows of parameters: id, office code, created at,
    updated at, revision, deleted (0 or 1), then the value of each of ``columns`` (data columns
    of the table, in any order; those of the table not listed are written empty)."""
    insert, upsert = _replicate_sql(db, table, tuple(columns))
    if not db.conn.in_transaction:
        db.conn.executemany(upsert, rows)
        return len(rows)
    seen = set(present) if present is not None else _present_ids(db, table, [r[0] for r in rows])
    if len({r[0] for r in rows}) == len(rows):
        # Through a staging table: the rows are bound there (no index, no constraint), then
        # written with one INSERT ... SELECT each for the records already there and the new
        # ones, a good part faster than an INSERT per row. The changed records go first, so a
        # unique value one of them gives up is free for a new record.
        stage, fill, empty, from_stage, upsert_from_stage = _stage_sql(db, table, tuple(columns))
        db.conn.execute(stage)
        for part, write in (([r for r in rows if r[0] in seen], upsert_from_stage),
                            ([r for r in rows if r[0] not in seen], from_stage)):
            if part:
                db.conn.executemany(fill, part)
                db.conn.execute(write)
                db.conn.execute(empty)
        return len(rows)
    # An id twice: record by record, in order (a plain INSERT for a record whose id is not in
    # the table yet: SQLite checks the foreign keys of an upsert about three times slower).
    start = 0
    run_is_new = False
    for n, row in enumerate(rows):
        is_new = row[0] not in seen
        if is_new:
            seen.add(row[0])
        if n > start and is_new != run_is_new:
            db.conn.executemany(insert if run_is_new else upsert, rows[start:n])
            start = n
        run_is_new = is_new
    if start < len(rows):
        db.conn.executemany(insert if run_is_new else upsert, rows[start:])
    return len(rows)


def stage_new_rows(db: sqlite_utils.Database, table: str, columns: Sequence[str],
                   values: Sequence[Sequence[Any]]) -> Callable[[], None]:
    """Bind new records (ids not in the table, none twice) to the staging table, inside the
    open transaction. ``values`` holds them column by column: id, office code, created at,
    updated at, revision, deleted (0 or 1), then each of ``columns`` (data columns of the table;
    those of the table not listed are written empty). A column with one value throughout is
    bound once, not for every record.

    The call returned writes them to ``table`` with one INSERT ... SELECT and empties the
    staging table: nothing else may use the connection until it returns, but it may be made on
    another thread (SQLite writes without the GIL, so the caller's thread goes on meanwhile)."""
    if not db.conn.in_transaction:
        raise RuntimeError("stage_new_rows() works inside a transaction")
    count = len(values[0]) if values else 0
    if count == 0:
        return lambda: None
    if not STAGING:  # the slow path: one INSERT per record
        insert = _replicate_sql(db, table, tuple(columns))[0]
        rows = list(zip(*values, strict=True))

        def insert_each() -> None:
            db.conn.executemany(insert, rows)

        return insert_each
    # One value throughout, of one type (1, 1.0 and True are equal but are not bound alike);
    # the ids are always staged (at least one column is)
    same = tuple(n > 0 and column[-1] == column[0] and column.count(column[0]) == count
                 and len(set(map(type, column))) == 1
                 for n, column in enumerate(values))
    stage, _fill_one, empty, into, _upsert = _stage_sql(db, table, tuple(columns), same)
    db.conn.execute(stage)
    _fill(db, [column for column, one in zip(values, same, strict=True) if not one], count)
    once = [column[0] for column, one in zip(values, same, strict=True) if one]
    conn = db.conn

    def write() -> None:
        try:
            conn.execute(into, once)
        finally:
            conn.execute(empty)

    return write


STAGING = True
"""New records of a packet go through the staging table (:func:`stage_new_rows`); False: one
INSERT per record (the slow path, for the benchmark and the tests that compare the two).
Kept because it pays in CPU: a large county packet into an empty city took 8-10% less process
CPU with it (medians of 5 interleaved runs, 2026-12-02), the wall time equal on a busy machine."""

ROWS_PER_FILL = 64
"""Rows bound by one INSERT of the staging table: one statement run per row costs as much again
as the binding itself."""


def _fill(db: sqlite_utils.Database, columns: list[Sequence[Any]], count: int) -> None:
    """Put ``count`` rows, given column by column, in the staging table of ``len(columns)``
    columns: :data:`ROWS_PER_FILL` rows to a statement (within SQLite's limit on bound values),
    the rest one by one."""
    width = len(columns)
    per = max(1, min(ROWS_PER_FILL, db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    full = count - count % per if per > 1 else 0
    if full:
        flat: list[Any] = [None] * (full * width)
        for n, column in enumerate(columns):  # row-major: the values of row i at i*width ...
            flat[n::width] = column[:full]
        step = per * width
        db.conn.executemany(_fill_sql(width, per), (flat[i:i + step] for i in range(0, len(flat), step)))
    if full < count:
        db.conn.executemany(_fill_sql(width, 1), zip(*(column[full:] for column in columns), strict=True))


def _stage_name(width: int) -> str:
    """The staging table of ``width`` columns."""
    return f"temp.giledger_stage_{width}"


def _fill_sql(width: int, rows: int) -> str:
    """The INSERT of ``rows`` rows into the staging table of ``width`` columns."""
    row = f"({', '.join('?' * width)})"
    return f"INSERT INTO {_stage_name(width)} VALUES {', '.join([row] * rows)}"


def _stage_sql(db: sqlite_utils.Database, table: str, columns: tuple[str, ...],
               once: tuple[bool, ...] | None = None) -> tuple[str, str, str, str, str]:
    """The staging table (a table of the connection's own temporary database, one for each
    number of columns staged, made in the merge's transaction): making it, filling it, emptying
    it, and writing it to ``table`` as new records and as records that are there already.
    ``once``: for each given column, whether it is bound once in the writing statement (a ?
    there) instead of staged."""
    t = table_sql(db, table)
    given = [*META_COLUMNS, *columns]
    once = once or (False,) * len(given)
    staged = [f"c{n}" for n in range(sum(1 for one in once if not one))]
    names = iter(staged)
    every = [*given, *(c for c in t.columns if c not in columns)]
    picked = [*("?" if one else next(names) for one in once), *(["NULL"] * (len(every) - len(given)))]
    stage = _stage_name(len(staged))
    into = (f"INSERT INTO {quote_name(table)} ({', '.join(quote_name(c) for c in every)}) "
            f"SELECT {', '.join(picked)} FROM {stage}")
    updates = ", ".join(f"{quote_name(c)} = excluded.{quote_name(c)}" for c in every if c != "id")
    return (f"CREATE TABLE IF NOT EXISTS {stage} ({', '.join(staged)})",
            _fill_sql(len(staged), 1), f"DELETE FROM {stage}",
            into, into + f" WHERE true ON CONFLICT(id) DO UPDATE SET {updates}")


_REPLICATE_SQL: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}


def _replicate_sql(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> tuple[str, str]:
    """The INSERT and the upsert of :func:`replicate_rows` for these columns."""
    t = table_sql(db, table)
    cached = _REPLICATE_SQL.get((t.insert, columns))
    if cached is not None:
        return cached
    unknown = [c for c in columns if c not in t.columns]
    if unknown or len(set(columns)) != len(columns):
        raise ValueError(f"{table}: not its data columns, or one twice: {', '.join(columns)}")
    given = [*META_COLUMNS, *columns]
    every = [*given, *(c for c in t.columns if c not in columns)]
    slots = ["?"] * len(given) + ["NULL"] * (len(every) - len(given))
    insert = (f"INSERT INTO {quote_name(table)} ({', '.join(quote_name(c) for c in every)}) "
              f"VALUES ({', '.join(slots)})")
    updates = ", ".join(f"{quote_name(c)} = excluded.{quote_name(c)}" for c in every if c != "id")
    cached = _REPLICATE_SQL[(t.insert, columns)] = (insert, insert + f" ON CONFLICT(id) DO UPDATE SET {updates}")
    return cached


def _present_ids(db: sqlite_utils.Database, table: str, ids: list[str]) -> set[str]:
    """Those of ``ids`` that are in ``table`` (a register table, checked by the caller)."""
    found: set[str] = set()
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        found.update(r[0] for r in db.conn.execute(
            f"SELECT id FROM {quote_name(table)} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
    return found
