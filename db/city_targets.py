"""The queries behind the city's targets (工作目标): per-unit figures from the merged registers.

Each figure is one aggregate statement grouped by the unit's key (never a loop over rows in
Python). The unit's key is the record's ``office_code`` (a city, whose units are its counties)
or, for a province whose units are its cities, the city part of it
(``substr(office_code, 1, 4) || '00'``: 130125 → 130100, 130171 → 130100). Coded values are
passed in by the caller (:mod:`desktop.registers` owns them); dates are ISO 8601 text, which
orders like the dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

from db.dashboard import USED_REPORT
from db.statuses import status_in

__all__ = ["gi_counts", "user_coverage_by_office", "model_enterprises_by_office"]

_BY_OFFICE = "office_code"
_BY_CITY = "substr(office_code, 1, 4) || '00'"


def _key(by_city: bool, alias: str = "") -> str:
    expr = _BY_CITY if by_city else _BY_OFFICE
    return expr.replace("office_code", f"{alias}.office_code") if alias else expr


def gi_counts(db: sqlite_utils.Database, gi_types: Sequence[str], approved_by: str, *,
              approved_from: str | None = None, by_city: bool = False) -> dict[str, int]:
    """Live protected GIs of ``gi_types`` counted per unit: approved on or before
    ``approved_by`` (and on or after ``approved_from`` when given). Without ``approved_from``
    a GI with no approval date on file counts (it is protected; only its date is missing);
    with it, it does not (it cannot be shown to be new in the period)."""
    marks = ", ".join("?" for _ in gi_types) or "NULL"
    params: list[Any] = list(gi_types)
    if approved_from is None:
        when = " AND (approval_date IS NULL OR approval_date <= ?)"
        params.append(approved_by)
    else:
        when = " AND approval_date >= ? AND approval_date <= ?"
        params += [approved_from, approved_by]
    key = _key(by_city)
    sql = (f"SELECT {key}, count(*) FROM protected_gis WHERE deleted = 0 AND gi_type IN ({marks})"
           f"{when} GROUP BY {key}")
    return {str(k): int(n) for k, n in db.conn.execute(sql, params)}


def user_coverage_by_office(db: sqlite_utils.Database, user_approved: str | Sequence[str], year: int, *,
                            by_city: bool = False) -> dict[str, tuple[int, int]]:
    """Per unit, ``(users whose live report for year has marks_used > 0, approved users due a
    report for year)``: :func:`db.dashboard.user_coverage` grouped by unit in one query
    (users approved by the end of ``year``, or with no approval date on file)."""
    key = _key(by_city, "u")
    authorised, codes = status_in("u.status", user_approved)
    sql = ("SELECT " + key + f", coalesce(sum({USED_REPORT}), 0), count(*) "
           f"FROM mark_users AS u NOT INDEXED WHERE u.deleted = 0 AND {authorised} "
           f"AND (u.approval_date IS NULL OR u.approval_date <= ?) GROUP BY {key}")
    params = [year, *codes, f"{year:04d}-12-31"]
    return {str(k): (int(a), int(b)) for k, a, b in db.conn.execute(sql, params)}


def model_enterprises_by_office(db: sqlite_utils.Database, year: int, *,
                                by_city: bool = False) -> dict[str, int]:
    """Per unit, live mark users with a model-enterprise level whose title year is ``year``
    or earlier."""
    key = _key(by_city)
    sql = ("SELECT " + key + ", count(*) FROM mark_users NOT INDEXED WHERE deleted = 0 AND model_level IS NOT NULL "
           f"AND model_year <= ? GROUP BY {key}")
    return {str(k): int(n) for k, n in db.conn.execute(sql, [year])}
