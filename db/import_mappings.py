"""The ``import_mappings`` table (migration 0006): column mappings clerks saved for
spreadsheets of their office's own layout. JSON columns are kept as text here; the meaning
is :mod:`desktop.tables.saved`'s."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

__all__ = ["MappingRow", "upsert", "get", "find_by_headers", "list_all", "delete"]

_COLUMNS = "name, kind, headers, header_key, mapping, value_maps, options, saved_at, saved_by"


@dataclass(frozen=True, slots=True)
class MappingRow:
    """One row of ``import_mappings`` (``headers``, ``mapping``, ``value_maps``, ``options``
    are JSON texts)."""

    name: str
    kind: str
    headers: str
    header_key: str
    mapping: str
    value_maps: str
    options: str
    saved_at: str
    saved_by: str | None


def upsert(db: sqlite_utils.Database, row: MappingRow) -> None:
    """Insert the mapping, or replace the one of the same name."""
    db.conn.execute(
        f"INSERT INTO import_mappings ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, headers = excluded.headers, "
        "header_key = excluded.header_key, mapping = excluded.mapping, "
        "value_maps = excluded.value_maps, options = excluded.options, "
        "saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        (row.name, row.kind, row.headers, row.header_key, row.mapping, row.value_maps,
         row.options, row.saved_at, row.saved_by))


def get(db: sqlite_utils.Database, name: str) -> MappingRow | None:
    found = db.conn.execute(f"SELECT {_COLUMNS} FROM import_mappings WHERE name = ?", (name,)).fetchone()
    return MappingRow(*found) if found else None


def find_by_headers(db: sqlite_utils.Database, kind: str, header_key: str) -> list[MappingRow]:
    """The mappings of ``kind`` saved for the same headers, newest first."""
    cur = db.conn.execute(f"SELECT {_COLUMNS} FROM import_mappings WHERE kind = ? AND header_key = ? "
                          "ORDER BY saved_at DESC, name", (kind, header_key))
    return [MappingRow(*r) for r in cur.fetchall()]


def list_all(db: sqlite_utils.Database, kind: str | None = None) -> list[MappingRow]:
    """Every saved mapping (of ``kind``), by name."""
    if kind is None:
        cur = db.conn.execute(f"SELECT {_COLUMNS} FROM import_mappings ORDER BY name")
    else:
        cur = db.conn.execute(f"SELECT {_COLUMNS} FROM import_mappings WHERE kind = ? ORDER BY name", (kind,))
    return [MappingRow(*r) for r in cur.fetchall()]


def delete(db: sqlite_utils.Database, name: str) -> bool:
    """Remove the mapping ``name``; whether there was one."""
    return db.conn.execute("DELETE FROM import_mappings WHERE name = ?", (name,)).rowcount > 0
