"""Whole-file checks: integrity, foreign keys, and a content fingerprint for tests and tools."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Collection
from pathlib import Path

import sqlite_utils

__all__ = ["integrity_problems", "integrity_problems_at", "CheckInterrupted", "foreign_key_problems",
           "content_digest", "table_counts"]


class CheckInterrupted(Exception):
    """:func:`integrity_problems_at` was stopped by its ``stop`` flag before it ended."""


def integrity_problems(db: sqlite_utils.Database, limit: int = 50) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; empty when the file is sound. A check that
    SQLite itself gives up on a damaged page ends the list with SQLite's error."""
    return _problems(db.conn, limit)


def _problems(conn: sqlite3.Connection, limit: int) -> list[str]:
    rows: list[str] = []
    try:
        for (row,) in conn.execute(f"PRAGMA integrity_check({int(limit)})"):
            rows.append(str(row))
    except sqlite3.OperationalError:
        raise  # interrupted, locked: not a finding about the file
    except sqlite3.DatabaseError as e:  # "database disk image is malformed" half-way
        rows.append(str(e))
    return [] if rows == ["ok"] else rows


def integrity_problems_at(path: Path, *, limit: int = 50, stop: Callable[[], bool] | None = None,
                          poll_seconds: float = 0.1) -> list[str]:
    """What ``PRAGMA integrity_check`` reports on the file at ``path``, on a read-only
    connection of its own (opened and closed here, on the calling thread): in WAL mode it
    reads one snapshot and blocks no writer of another connection. Empty when sound.

    ``stop()`` is polled every ``poll_seconds`` while the check runs; when it turns true the
    check is interrupted and :class:`CheckInterrupted` raised. A file that cannot be read as
    a database raises :class:`sqlite3.DatabaseError`.
    """
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    done = threading.Event()
    stopped = threading.Event()

    def watch() -> None:
        while not done.wait(poll_seconds):
            if stop is not None and stop():
                stopped.set()
                conn.interrupt()
                return

    watcher = threading.Thread(target=watch, name="integrity-check-stop", daemon=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        watcher.start()
        try:
            problems = _problems(conn, limit)
        except sqlite3.OperationalError:
            if stopped.is_set():
                raise CheckInterrupted("integrity check stopped") from None
            raise
    finally:
        done.set()
        if watcher.is_alive():
            watcher.join()
        conn.close()
    return problems


def foreign_key_problems(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """``(table, record id, referenced table)`` for every dangling reference."""
    out = []
    for table, rowid, parent, _ in db.conn.execute("PRAGMA foreign_key_check"):
        row = db.conn.execute(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        out.append((table, row[0] if row else str(rowid), parent))
    return out


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table (all tables, tombstones included)."""
    return {t: int(db.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
            for t, _ in _stored_tables(db)}


def _stored_tables(db: sqlite_utils.Database) -> list[tuple[str, bool]]:
    """``(name, has rowid)`` of the ordinary tables, sorted: not virtual tables (the search
    index, FTS5, which cannot be scanned) nor their shadow tables."""
    return sorted((r[1], not r[4]) for r in db.conn.execute("PRAGMA main.table_list")
                  if r[2] == "table" and r[1] != "sqlite_schema")


def content_digest(db: sqlite_utils.Database, exclude: Collection[str] = ()) -> str:
    """A SHA-256 over every row of every table (but ``exclude``) in a fixed order: equal
    digests, equal content."""
    h = hashlib.sha256()
    for table, rowid in _stored_tables(db):
        if table in exclude:
            continue
        h.update(table.encode())
        order = " ORDER BY rowid" if rowid else ""  # WITHOUT ROWID: in primary key order
        for row in db.conn.execute(f'SELECT * FROM "{table}"{order}'):
            h.update(repr(row).encode())
    return h.hexdigest()
