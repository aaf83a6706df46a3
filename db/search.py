"""The search index of the register tables: one FTS5 table per register, kept in step by triggers.

Each register table ``T`` has a contentless FTS5 table ``search_T`` keyed by ``T``'s rowid
(the documents are not stored: only the index), and ``search_T_src`` with the values each
document was made from (to take the document out again when the row changes). Three columns:
``head`` (what a record is found by from the records that refer to it: its title and USCC,
with their pinyin), ``body`` (every other textual field) and ``codes`` (one token per
coded value). What goes into a document is decided by :mod:`desktop.search`, which knows the
fields; this module only stores documents and runs the SQL.

Triggers on every register table put the rowid of each inserted, updated or deleted row into
``search_queue`` (plain SQL: any connection, even a bare :mod:`sqlite3` one, keeps the queue
right). Before a search, and at the end of long writes, the desktop turns the queued rows into
documents (:func:`desktop.search.flush`), so the index is never behind a search.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import sqlite_utils

from db.migrations import RECORD_TABLES
from db.records import quote_name, table_sql

__all__ = ["SEARCH_TABLES", "QUEUE", "VERSION_KEY", "fts_table", "src_table", "sources", "install",
           "recreate", "has_index", "queue_size", "queued", "rows_by_rowid", "write_documents", "dequeue",
           "requeue_all", "index_version", "set_index_version", "index_bytes", "QUEUED",
           "changes", "kept"]

log = logging.getLogger(__name__)

SEARCH_TABLES: tuple[str, ...] = tuple(t for t in RECORD_TABLES if t != "inspection_draws")
"""The register tables that have a search index (every table a register page shows)."""

QUEUE = "search_queue"
VERSION_KEY = "search_index_version"
"""The ``settings`` key holding the version of the documents in the index (see
:data:`desktop.search.INDEX_VERSION`): a different version rebuilds the whole index."""

QUEUED = "queued"
"""The version recorded when every row is queued and the index is empty (migration 0007)."""

_CHUNK = 500

_FTS_OPTIONS = ("head, body, codes, content = '', tokenize = 'unicode61 remove_diacritics 0', "
                "columnsize = 0, prefix = '1'")
"""Contentless (the rows are in the register table), no column sizes (no ranking), and an index
of one-character prefixes: a search of one character (``"2" *``: every token starting with 2) reads
one list instead of merging hundreds (0.4 ms instead of 53 ms for the first 200 hits of 100,000)."""


def _check(table: str) -> None:
    # Not table_sql(): it caches the columns, and a later migration in the same upgrade may add some.
    if table not in SEARCH_TABLES:
        raise ValueError(f"not a searchable register table: {table!r}")


def fts_table(table: str) -> str:
    """The name of ``table``'s search index."""
    return f"search_{table}"


def src_table(table: str) -> str:
    """The name of the table holding what ``table``'s documents were made from."""
    return f"search_{table}_src"


def install(db: sqlite_utils.Database, table: str) -> None:
    """Create ``table``'s search index, its triggers and the queue (if not there), and queue
    every row of ``table``: the next flush builds its documents."""
    _check(table)
    fts, name = quote_name(fts_table(table)), table.replace("'", "''")
    db.conn.execute(f"CREATE TABLE IF NOT EXISTS {QUEUE} (tbl TEXT NOT NULL, rid INTEGER NOT NULL, "
                    "PRIMARY KEY (tbl, rid)) WITHOUT ROWID")
    db.conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({_FTS_OPTIONS})")
    db.conn.execute(f"CREATE TABLE IF NOT EXISTS {quote_name(src_table(table))} "
                    "(rid INTEGER PRIMARY KEY, src TEXT NOT NULL)")
    # Not INSERT OR IGNORE: an outer statement's conflict clause (a packet's upsert) overrides it.
    queue_new, queue_old = (f"INSERT INTO {QUEUE}(tbl, rid) SELECT '{name}', {row}.rowid WHERE NOT EXISTS "
                            f"(SELECT 1 FROM {QUEUE} WHERE tbl = '{name}' AND rid = {row}.rowid);"
                            for row in ("new", "old"))
    t = quote_name(table)
    for event, body in (("INSERT", queue_new), ("UPDATE", queue_new),
                        ("DELETE", queue_old)):
        trigger = quote_name(f"{fts_table(table)}_{event.lower()}")
        db.conn.execute(f"CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {t} BEGIN {body} END")
    requeue_all(db, table)


def recreate(db: sqlite_utils.Database, table: str) -> None:
    """Drop ``table``'s search index and create it again as :func:`install` does now (a new
    option of the index itself, as migration 0008's prefix index), with every row queued."""
    _check(table)
    fts = quote_name(fts_table(table))
    db.conn.execute(f"DROP TABLE IF EXISTS {fts}")
    db.conn.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({_FTS_OPTIONS})")
    db.conn.execute(f"DELETE FROM {quote_name(src_table(table))}")
    db.conn.execute(f"INSERT OR IGNORE INTO {QUEUE}(tbl, rid) SELECT ?, rowid FROM {quote_name(table)}",
                    (table,))


def has_index(db: sqlite_utils.Database, table: str) -> bool:
    """Whether ``table`` has its search index."""
    return db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                           (fts_table(table),)).fetchone() is not None


def queue_size(db: sqlite_utils.Database, at_most: int | None = None) -> int:
    """How many rows wait for their documents (0 when the queue table is not there); counting
    stops past ``at_most`` (a count of millions takes a while)."""
    if db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (QUEUE,)).fetchone() is None:
        return 0
    if at_most is None:
        return int(db.conn.execute(f"SELECT count(*) FROM {QUEUE}").fetchone()[0])
    return int(db.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {QUEUE} LIMIT ?)",
                               (at_most + 1,)).fetchone()[0])


def queued(db: sqlite_utils.Database, limit: int) -> list[tuple[str, int]]:
    """Up to ``limit`` queued ``(table, rowid)``, by table."""
    return [(r[0], int(r[1])) for r in db.conn.execute(
        f"SELECT tbl, rid FROM {QUEUE} ORDER BY tbl, rid LIMIT ?", (limit,))]


def rows_by_rowid(db: sqlite_utils.Database, table: str, rowids: Sequence[int],
                  columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """``(rowid, id, *columns)`` of those rows of ``table`` still there."""
    t = table_sql(db, table)
    unknown = [c for c in columns if c not in t.columns]
    if unknown:
        raise ValueError(f"{table} has no column {unknown[0]!r}")
    select = ", ".join(["rowid", "id", *(quote_name(c) for c in columns)])
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(rowids), _CHUNK):
        chunk = list(rowids[start:start + _CHUNK])
        out.extend(db.conn.execute(f"SELECT {select} FROM {quote_name(table)} WHERE rowid IN "
                                   f"({', '.join('?' for _ in chunk)})", chunk))
    return out


def sources(db: sqlite_utils.Database, table: str, rowids: Sequence[int]) -> dict[int, str]:
    """What the indexed documents of these rows were made from (rows not indexed left out)."""
    src = quote_name(src_table(table))
    out: dict[int, str] = {}
    for start in range(0, len(rowids), _CHUNK):
        chunk = list(rowids[start:start + _CHUNK])
        out.update((int(r[0]), str(r[1])) for r in db.conn.execute(
            f"SELECT rid, src FROM {src} WHERE rid IN ({', '.join('?' for _ in chunk)})", chunk))
    return out


def write_documents(db: sqlite_utils.Database, table: str,
                    old: Iterable[tuple[int, str, str, str]],
                    new: Iterable[tuple[int, str, str, str, str]]) -> None:
    """Take the ``old`` documents ``(rowid, head, body, codes)`` out of ``table``'s index
    (exactly as they went in) and put the ``new`` ones ``(rowid, head, body, codes, source)``
    in, keeping each one's source."""
    fts, src = quote_name(fts_table(table)), quote_name(src_table(table))
    old = list(old)
    db.conn.executemany(f"INSERT INTO {fts}({fts}, rowid, head, body, codes) VALUES ('delete', ?, ?, ?, ?)",
                        old)
    db.conn.executemany(f"DELETE FROM {src} WHERE rid = ?", ((d[0],) for d in old))
    new = list(new)
    db.conn.executemany(f"INSERT INTO {fts}(rowid, head, body, codes) VALUES (?, ?, ?, ?)",
                        (d[:4] for d in new))
    db.conn.executemany(f"INSERT INTO {src}(rid, src) VALUES (?, ?)", ((d[0], d[4]) for d in new))


def dequeue(db: sqlite_utils.Database, table: str, rowids: Sequence[int]) -> None:
    """Take these rows of ``table`` off the queue, and give the table a new :func:`changes` token."""
    db.conn.executemany(f"DELETE FROM {QUEUE} WHERE tbl = ? AND rid = ?", ((table, r) for r in rowids))
    if rowids:
        db.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        (_CHANGES_KEY + table, secrets.token_hex(8)))


_CHANGES_KEY = "search_changes:"


def changes(db: sqlite_utils.Database, table: str) -> str | None:
    """A token that is new whenever rows of ``table`` were written since (every written row is
    queued, and its documents built, before a search): what is derived from the table's rows
    (:mod:`db.browse_runs`, :mod:`db.browse_spans`) is still true while the token is the same. Random, so a file put
    back from a backup never shows the token of another state. None: never indexed."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (_CHANGES_KEY + table,)).fetchone()
    return None if row is None else str(row[0])


_T = TypeVar("_T")
_kept: dict[tuple[str, str], tuple[tuple[str, ...], Any]] = {}
_kept_lock = threading.Lock()


def kept(db: sqlite_utils.Database, name: str, tables: Sequence[str], make: Callable[[], _T | None],
         *, read: bool = True) -> _T | None:
    """What ``make()`` derives from the rows of ``tables``, kept per database file under
    ``name`` while their :func:`changes` tokens are the same (and made again after). None when a
    table was never indexed or has rows queued (its token may be about to change), and, with
    ``read`` false, when nothing is kept (the caller does not wait for ``make``). A database in
    memory keeps nothing."""
    tokens = tuple(changes(db, t) for t in tables)
    if any(t is None for t in tokens) or db.conn.execute(
            f"SELECT 1 FROM {QUEUE} WHERE tbl IN ({', '.join('?' for _ in tables)}) LIMIT 1",
            tuple(tables)).fetchone() is not None:
        return None
    files = [str(r[2]) for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"]
    key = (files[0] if files else "", name)
    with _kept_lock:
        found = _kept.get(key) if key[0] else None
    if found is not None and found[0] == tokens:
        return found[1]  # type: ignore[no-any-return]
    if not read:
        return None
    made = make()
    if key[0]:
        with _kept_lock:
            _kept[key] = (tuple(str(t) for t in tokens), made)
    return made


def requeue_all(db: sqlite_utils.Database, table: str) -> None:
    """Empty ``table``'s index and queue all its rows (a rebuild)."""
    _check(table)
    fts = quote_name(fts_table(table))
    db.conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
    db.conn.execute(f"DELETE FROM {quote_name(src_table(table))}")
    db.conn.execute(f"INSERT OR IGNORE INTO {QUEUE}(tbl, rid) SELECT ?, rowid FROM {quote_name(table)}",
                    (table,))


def index_version(db: sqlite_utils.Database) -> str | None:
    """The version of the documents in the index (None: never built)."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (VERSION_KEY,)).fetchone()
    return None if row is None else str(row[0])


def set_index_version(db: sqlite_utils.Database, version: str) -> None:
    """Record the version of the documents the index holds."""
    db.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (VERSION_KEY, version))


def index_bytes(db: sqlite_utils.Database) -> int | None:
    """The bytes the search indexes take in the file (None when SQLite lacks ``dbstat``)."""
    try:
        row = db.conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search^_%' ESCAPE '^'"
                              ).fetchone()
    except Exception:  # noqa: BLE001 - dbstat is a compile-time option
        return None
    return int(row[0] or 0)
