"""The queries behind the city's work: per-unit figures for the city table, the targets and
the completeness view.

Each query is one aggregate statement grouped by ``office_code`` (never a loop over rows in
Python), so a city holding 22 large counties gets every unit's figures in one pass per table.
Coded values are passed in by the caller (:mod:`desktop.registers` owns them); dates are ISO
8601 text, which orders like the dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

__all__ = ["StatsRow", "latest_stats", "gi_counts_by_office", "products_using_mark_by_office",
           "stats_ids_by_office"]


@dataclass(frozen=True, slots=True)
class StatsRow:
    """A live statistics row as stored (``county_stats``)."""

    id: str
    office_code: str
    as_of: str
    revision: int
    updated_at: str
    registered_trademarks: int | None
    well_known_marks: int | None
    gi_trademarks: int | None
    gi_products: int | None
    gi_products_using_mark: int | None
    note: str | None


_STATS_COLUMNS = ("id, office_code, as_of, revision, updated_at, registered_trademarks, "
                  "well_known_marks, gi_trademarks, gi_products, gi_products_using_mark, note")


def latest_stats(db: sqlite_utils.Database, as_of: str,
                 offices: Sequence[str] | None = None) -> dict[str, StatsRow]:
    """Each office's live statistics row with the latest ``as_of`` on or before ``as_of``
    (offices without one are absent); only ``offices`` when given."""
    params: list[Any] = [as_of]
    only = ""
    if offices is not None:
        only = f" AND office_code IN ({', '.join('?' for _ in offices)})"
        params += list(offices)
    sql = (f"SELECT {_STATS_COLUMNS} FROM county_stats AS s WHERE deleted = 0 AND as_of <= ?{only} "
           "AND as_of = (SELECT max(t.as_of) FROM county_stats AS t WHERE t.office_code = s.office_code "
           "AND t.deleted = 0 AND t.as_of <= ?)")
    out: dict[str, StatsRow] = {}
    for row in db.conn.execute(sql, [*params, as_of]):
        out[row[1]] = StatsRow(*row)
    return out


def stats_ids_by_office(db: sqlite_utils.Database) -> dict[str, list[tuple[str, str]]]:
    """Every live statistics row as ``office → [(as_of, id), ...]``, latest first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for office, as_of, rid in db.conn.execute(
            "SELECT office_code, as_of, id FROM county_stats WHERE deleted = 0 "
            "ORDER BY office_code, as_of DESC"):
        out.setdefault(office, []).append((as_of, rid))
    return out


def gi_counts_by_office(db: sqlite_utils.Database, approved_by: str | None = None) -> dict[str, dict[str, int]]:
    """Live protected GIs counted per office and ``gi_type`` (approved on or before
    ``approved_by`` when given; a GI without an approval date counts)."""
    params: list[Any] = []
    when = ""
    if approved_by is not None:
        when = " AND (approval_date IS NULL OR approval_date <= ?)"
        params.append(approved_by)
    out: dict[str, dict[str, int]] = {}
    for office, gi_type, n in db.conn.execute(
            "SELECT office_code, gi_type, count(*) FROM protected_gis WHERE deleted = 0"
            f"{when} GROUP BY office_code, gi_type", params):
        out.setdefault(office, {})[gi_type] = int(n)
    return out


def products_using_mark_by_office(db: sqlite_utils.Database, product_type: str,
                                  user_approved: str) -> dict[str, int]:
    """Per office, its live GIs of ``product_type`` that have at least one live approved
    mark user (whichever office keeps the user)."""
    out: dict[str, int] = {}
    for office, n in db.conn.execute(
            "SELECT g.office_code, count(*) FROM protected_gis AS g WHERE g.deleted = 0 "
            "AND g.gi_type = ? AND EXISTS (SELECT 1 FROM mark_users AS u WHERE u.gi_id = g.id "
            "AND u.deleted = 0 AND u.status = ?) GROUP BY g.office_code",
            [product_type, user_approved]):
        out[office] = int(n)
    return out
