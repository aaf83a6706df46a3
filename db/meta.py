"""Settings of this database file and the offices it knows (its own and, at a city, its counties)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

__all__ = ["Office", "get_setting", "set_setting", "settings", "self_office", "get_office",
           "list_offices", "upsert_office"]


@dataclass(frozen=True, slots=True)
class Office:
    """A market-supervision office: a county, a city or a province bureau."""

    code: str
    name: str
    level: str
    parent_code: str | None
    is_self: bool
    email: str | None
    note: str | None
    created_at: str
    updated_at: str


def get_setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_setting(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    db.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def settings(db: sqlite_utils.Database) -> dict[str, str | None]:
    return dict(db.conn.execute("SELECT key, value FROM settings").fetchall())


_COLS = "code, name, level, parent_code, is_self, email, note, created_at, updated_at"


def _office(row: tuple[Any, ...]) -> Office:
    code, name, level, parent, is_self, email, note, created, updated = row
    return Office(code, name, level, parent, bool(is_self), email, note, created, updated)


def self_office(db: sqlite_utils.Database) -> Office | None:
    """The office this database belongs to, or None before ``init``."""
    row = db.conn.execute(f"SELECT {_COLS} FROM offices WHERE is_self = 1").fetchone()
    return _office(row) if row else None


def get_office(db: sqlite_utils.Database, code: str) -> Office | None:
    row = db.conn.execute(f"SELECT {_COLS} FROM offices WHERE code = ?", (code,)).fetchone()
    return _office(row) if row else None


def list_offices(db: sqlite_utils.Database) -> list[Office]:
    return [_office(r) for r in db.conn.execute(f"SELECT {_COLS} FROM offices ORDER BY code")]


def upsert_office(db: sqlite_utils.Database, office: Office) -> None:
    db.conn.execute(
        f"INSERT INTO offices({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
        "parent_code = excluded.parent_code, is_self = excluded.is_self, email = excluded.email, "
        "note = excluded.note, updated_at = excluded.updated_at",
        (office.code, office.name, office.level, office.parent_code, int(office.is_self),
         office.email, office.note, office.created_at, office.updated_at))
