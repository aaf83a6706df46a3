"""Whole-file checks: integrity, foreign keys, and a content fingerprint for tests and tools."""

from __future__ import annotations

import hashlib

import sqlite_utils

__all__ = ["integrity_problems", "foreign_key_problems", "content_digest", "table_counts"]


def integrity_problems(db: sqlite_utils.Database, limit: int = 50) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; empty when the file is sound."""
    rows = [r[0] for r in db.conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    return [] if rows == ["ok"] else rows


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
            for t in db.table_names()}


def content_digest(db: sqlite_utils.Database) -> str:
    """A SHA-256 over every row of every table in a fixed order: equal digests, equal content."""
    h = hashlib.sha256()
    for table in sorted(db.table_names()):
        h.update(table.encode())
        for row in db.conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            h.update(repr(row).encode())
    return h.hexdigest()
