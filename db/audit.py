"""The audit log: one append-only row per change (who, when, what, before and after).

The table refuses UPDATE and DELETE by trigger; ``before``/``after`` are JSON objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils

__all__ = ["AuditEntry", "append", "for_record", "recent", "count"]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit row. ``before``/``after`` are None where they do not apply (create, delete)."""

    id: int
    at: str
    actor: str
    os_user: str | None
    office_code: str | None
    action: str
    kind: str | None
    record_id: str | None
    revision: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


def _dump(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def append(db: sqlite_utils.Database, *, at: str, actor: str, os_user: str | None,
           office_code: str | None, action: str, kind: str | None = None,
           record_id: str | None = None, revision: int | None = None,
           before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
           note: str | None = None) -> int:
    """Write one audit row; returns its id. Call in the same transaction as the change."""
    cur = db.conn.execute(
        "INSERT INTO audit_log(at, actor, os_user, office_code, action, kind, record_id, revision, "
        "before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, actor, os_user, office_code, action, kind, record_id, revision, _dump(before),
         _dump(after), note))
    return int(cur.lastrowid or 0)


_COLS = "id, at, actor, os_user, office_code, action, kind, record_id, revision, before, after, note"


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    return AuditEntry(*row[:9], before=json.loads(row[9]) if row[9] else None,  # type: ignore[misc]  # the first nine columns in field order
                      after=json.loads(row[10]) if row[10] else None, note=row[11])


def for_record(db: sqlite_utils.Database, record_id: str) -> list[AuditEntry]:
    """The history of one record, oldest first."""
    rows = db.conn.execute(f"SELECT {_COLS} FROM audit_log WHERE record_id = ? ORDER BY id",
                           (record_id,))
    return [_entry(r) for r in rows]


def recent(db: sqlite_utils.Database, limit: int = 100) -> Iterator[AuditEntry]:
    """The newest audit rows first."""
    for r in db.conn.execute(f"SELECT {_COLS} FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)):
        yield _entry(r)


def count(db: sqlite_utils.Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
