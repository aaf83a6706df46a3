"""The random draws of inspection plans (table ``inspection_draws``; not a register: a draw is
written once and never changed or removed, a trigger refuses deleting one)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db import records

__all__ = ["StoredDraw", "insert_draw", "draws_of_plan", "get_draw", "next_number"]

_COLS = ("id, office_code, created_at, plan_id, number, seed, drawn_at, drawn_by, reason, pool_hash, "
         "pools, algorithm, targets, inspectors")


@dataclass(frozen=True)
class StoredDraw:
    """One stored draw; ``pools``, ``targets`` and ``inspectors`` are decoded JSON."""

    id: str
    office_code: str
    created_at: str
    plan_id: str
    number: int
    seed: str
    drawn_at: str
    drawn_by: str
    reason: str | None
    pool_hash: str | None
    pools: dict[str, Any] | None
    algorithm: str | None
    targets: list[Any]
    inspectors: Any


def _draw(row: tuple[Any, ...]) -> StoredDraw:
    return StoredDraw(row[0], row[1], row[2], row[3], int(row[4]), row[5], row[6], row[7], row[8], row[9],
                      json.loads(row[10]) if row[10] else None, row[11], json.loads(row[12] or "[]"),
                      json.loads(row[13] or "null"))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def next_number(db: sqlite_utils.Database, plan_id: str) -> int:
    """The number the plan's next draw gets (1 for its first)."""
    top = db.conn.execute("SELECT max(number) FROM inspection_draws WHERE plan_id = ?", (plan_id,)).fetchone()[0]
    return int(top or 0) + 1


def insert_draw(db: sqlite_utils.Database, *, office_code: str, at: str, plan_id: str, number: int,
                seed: str, drawn_by: str, reason: str | None, pool_hash: str, pools: Any,
                algorithm: str, targets: Any, inspectors: Any) -> str:
    """Store a draw (call inside a transaction, with its audit row); returns its new id ``Q-…``."""
    draw_id = records.next_ids(db, office_code, "Q")[0]
    db.conn.execute(
        "INSERT INTO inspection_draws(id, office_code, created_at, updated_at, revision, deleted, plan_id, "
        "seed, drawn_at, drawn_by, targets, inspectors, number, reason, pool_hash, pools, algorithm) "
        "VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draw_id, office_code, at, at, plan_id, seed, at, drawn_by, _dump(targets), _dump(inspectors),
         number, reason, pool_hash, _dump(pools), algorithm))
    return draw_id


def draws_of_plan(db: sqlite_utils.Database, plan_id: str) -> list[StoredDraw]:
    """Every draw of the plan, first first."""
    rows = db.conn.execute(f"SELECT {_COLS} FROM inspection_draws WHERE plan_id = ? AND deleted = 0 "
                           "ORDER BY number", (plan_id,))
    return [_draw(r) for r in rows]


def get_draw(db: sqlite_utils.Database, draw_id: str) -> StoredDraw | None:
    row = db.conn.execute(f"SELECT {_COLS} FROM inspection_draws WHERE id = ?", (draw_id,)).fetchone()
    return _draw(row) if row else None
