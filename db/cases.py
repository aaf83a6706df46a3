"""The queries behind the case register's figures and its typical-case list (行政保护案件).

- :func:`case_counts`: live cases counted per office, filing year, act, status and the typical
  flag in one ``GROUP BY``; the caller sums the groups it needs (per year, per act, open).
- :func:`typical_cases`: the live cases marked typical (典型案例), each with the name of the GI
  it concerns (the protected GI's name when ``gi_id`` names one, else ``gi_name``).

Coded values (statuses, acts) belong to :mod:`desktop.registers.case`; this module holds SQL
only. Dates are ISO 8601 text, so the year is its first four characters.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import sqlite_utils

__all__ = ["CaseGroup", "TypicalRow", "case_counts", "typical_cases"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CaseGroup:
    """How many live cases share an office, filing year, act, status and typical flag."""

    office_code: str
    year: int | None
    """The filing year (None when the stored date cannot be read)."""
    act: str | None
    status: str | None
    typical: bool
    n: int


@dataclass(frozen=True, slots=True)
class TypicalRow:
    """A typical case as the publication sheet lists it."""

    id: str
    office_code: str
    case_no: str
    filed_date: str
    party_name: str
    gi: str
    """The protected GI's name (``gi_id``), else the name typed in ``gi_name``."""
    act: str | None
    status: str | None
    fine_yuan: float | None
    confiscated_yuan: float | None
    confiscated_goods: str | None
    decision_no: str | None
    decision_date: str | None
    public_summary: str | None


def _where(office_code: str | None, year: int | None) -> tuple[str, list[Any]]:
    sql, params = "", []
    if office_code is not None:
        sql += " AND c.office_code = ?"
        params.append(office_code)
    if year is not None:
        sql += " AND substr(c.filed_date, 1, 4) = ?"
        params.append(f"{year:04d}")
    return sql, params


def _year(text: Any) -> int | None:
    try:
        return int(str(text)[:4])
    except (TypeError, ValueError):
        return None


def case_counts(db: sqlite_utils.Database, office_code: str | None = None) -> list[CaseGroup]:
    """Live cases per (office, filing year, act, status, typical), for one office or all."""
    where, params = _where(office_code, None)
    sql = ("SELECT c.office_code, substr(c.filed_date, 1, 4), c.act, c.status, "
           "coalesce(c.typical, 0) <> 0, count(*) FROM cases AS c WHERE c.deleted = 0"
           f"{where} GROUP BY 1, 2, 3, 4, 5")
    return [CaseGroup(r[0], _year(r[1]), r[2], r[3], bool(r[4]), int(r[5]))
            for r in db.conn.execute(sql, params)]


def typical_cases(db: sqlite_utils.Database, year: int | None = None,
                  office_code: str | None = None) -> list[TypicalRow]:
    """Live typical cases (filed in ``year`` when given; of one office when given), by office,
    filing date and case number."""
    where, params = _where(office_code, year)
    sql = ("SELECT c.id, c.office_code, c.case_no, c.filed_date, c.party_name, "
           "coalesce(g.name, c.gi_name, ''), c.act, c.status, c.fine_yuan, c.confiscated_yuan, "
           "c.confiscated_goods, c.decision_no, c.decision_date, c.public_summary "
           "FROM cases AS c LEFT JOIN protected_gis AS g ON g.id = c.gi_id AND g.deleted = 0 "
           f"WHERE c.deleted = 0 AND coalesce(c.typical, 0) <> 0{where} "
           "ORDER BY c.office_code, c.filed_date, c.case_no")
    return [TypicalRow(*r) for r in db.conn.execute(sql, params)]
