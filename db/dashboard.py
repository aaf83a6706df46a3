"""The queries behind the desktop client's dashboard (首页): counts and attention lists.

Every query counts live records only (``deleted = 0``) and, when ``office_code`` is given,
only that office's records (a county shows its own; a city passes None and sees all).
Each number is one aggregate statement (``GROUP BY``, ``EXISTS`` or ``IN`` sub-queries),
never a loop over rows in Python, so the dashboard stays fast on a large file (20,000 mark
users, 100,000 annual reports: see ``bench/bench_dashboard.py``).

Whether a user has a (used) report for a year is one probe of ``annual_reports_user_year``
(mark_user_id, year, marks_used; live rows), which covers it: on a city of 440,000 users and 2.2
million reports this is 4-5 times faster than building the list of the year's reporting users
(``u.id IN (SELECT ...)``) and testing every user against it.
Whole-table passes say ``NOT INDEXED``: without ``ANALYZE`` statistics SQLite prefers to walk
the partial unique indexes (``WHERE deleted = 0``) and then fetch every row from the table,
three to four times slower than reading the table once; an ``IN (subquery)`` reads the year's
annual reports once instead of probing them per user.

Coded values (``'approved'``, ``'rectify'`` ...) belong to the registers in
:mod:`desktop.registers`; the caller passes them in :class:`DashboardCodes`, so this module
holds SQL only. Dates are compared as ISO 8601 text, which orders like the dates.

Existence tests look across offices: a GI "has an approved user" and a user "has a report"
whichever office keeps that user or report (as :func:`desktop.stats.derive` counts); only the
records being counted are restricted to ``office_code``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from db import annual
from db.records import META_COLUMNS, data_columns
from db.statuses import status_in

__all__ = [
    "USED_REPORT",
    "HAS_REPORT",
    "DashboardCodes",
    "DashboardRows",
    "load",
    "read_snapshot",
    "group_counts",
    "gi_coverage",
    "user_coverage",
    "user_coverage_by_office",
    "users_without_report",
    "user_figures_by_office",
    "overdue_rectifications",
    "overdue_candidates",
    "overdue_abnormal_entries",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DashboardCodes:
    """The coded values the dashboard's queries test for (from the registers' choices)."""

    user_approved: str | tuple[str, ...]
    """``mark_users.status`` values of an authorised user (已核准, and 列入异常名录: a user on
    the abnormal list keeps its authorisation); one code or several."""
    result_rectify: str
    """``inspections.result`` of an order to rectify (责令整改)."""
    recheck_rectified: str
    """``inspections.recheck_result`` that closes the order (已整改)."""
    final_stages: tuple[str, ...]
    """``candidates.stage`` values after which no next step is due."""
    report_statuses: tuple[str, ...] = ()
    """``mark_users.status`` values that owe an annual report (:mod:`db.annual`)."""
    no_report_reason: str = ""
    """``abnormal_entries.reason`` of 未报年报 (a user listed for it is not counted again)."""


@dataclass(frozen=True, slots=True)
class DashboardRows:
    """The dashboard's raw numbers: counts keyed by stored code (``None`` for empty)
    and the ids behind each attention list, sorted."""

    tiers: dict[str | None, int]
    categories: dict[str | None, int]
    stages: dict[tuple[str | None, str | None], int]
    """(route, stage) → live candidates."""
    gi_types: dict[str | None, int]
    user_statuses: dict[str | None, int]
    gis: int
    """Live protected GIs (the denominator of product coverage)."""
    gis_with_approved_user: int
    users_due: int
    """Approved users that owe a report for the report year."""
    users_marked: int
    """Of those, users whose report for the year has ``marks_used > 0``."""
    users_without_report: list[str]
    overdue_rectifications: list[str]
    overdue_candidates: list[str]
    overdue_abnormal_entries: list[str]
    overdue_reports: list[str] = dataclasses.field(default_factory=list)
    """Users without a report for the report year past their office's deadline (年报逾期未报)."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _office(alias: str, office_code: str | None) -> tuple[str, list[Any]]:
    """The ``AND <alias>.office_code = ?`` clause (empty for all offices) and its parameter."""
    if office_code is None:
        return "", []
    return f" AND {alias}.office_code = ?", [office_code]


@contextlib.contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run several reads on one consistent snapshot of the file (a deferred transaction,
    which takes no write lock); inside an open transaction, just use that one."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN DEFERRED")
    try:
        yield db
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")  # nothing was written: ends the read snapshot


def group_counts(db: sqlite_utils.Database, table: str, columns: Sequence[str],
                 office_code: str | None = None) -> dict[Any, int]:
    """Live records of ``table`` counted per value of ``columns`` (one ``GROUP BY``).

    Keys are the stored value for one column, a tuple of values for several. Only values
    that occur are present. Table and column names are checked against the schema.
    """
    if not columns:
        raise ValueError("group_counts needs at least one column")
    known = set(data_columns(db, table)) | set(META_COLUMNS)
    bad = [c for c in columns if c not in known]
    if bad:
        raise ValueError(f"{table} has no column(s) {', '.join(bad)}")
    cols = ", ".join(_q(c) for c in columns)
    where, params = _office("t", office_code)
    sql = (f"SELECT {cols}, count(*) FROM {_q(table)} AS t NOT INDEXED WHERE t.deleted = 0{where} "
           f"GROUP BY {cols}")
    out: dict[Any, int] = {}
    for row in db.conn.execute(sql, params):
        key = row[0] if len(columns) == 1 else tuple(row[:-1])
        out[key] = int(row[-1])
    return out


def gi_coverage(db: sqlite_utils.Database, codes: DashboardCodes,
                office_code: str | None = None) -> tuple[int, int]:
    """``(GIs with at least one live approved mark user, live GIs)`` of the office."""
    where, params = _office("g", office_code)
    authorised, statuses = status_in("u.status", codes.user_approved)
    row = db.conn.execute(
        "SELECT coalesce(sum(EXISTS (SELECT 1 FROM mark_users AS u"
        f"  WHERE u.gi_id = g.id AND u.deleted = 0 AND {authorised})), 0), count(*) "
        f"FROM protected_gis AS g WHERE g.deleted = 0{where}",
        [*statuses, *params]).fetchone()
    return int(row[0]), int(row[1])


USED_REPORT = ("EXISTS (SELECT 1 FROM annual_reports AS r INDEXED BY annual_reports_user_year "
         "WHERE r.mark_user_id = u.id AND r.deleted = 0 AND r.year = ? AND r.marks_used > 0)")
"""A user ``u`` has a live report for the year (parameter) with marks used."""
HAS_REPORT = ("EXISTS (SELECT 1 FROM annual_reports AS r INDEXED BY annual_reports_user_year "
             "WHERE r.mark_user_id = u.id AND r.deleted = 0 AND r.year = ?)")
"""A user ``u`` has a live report for the year (parameter)."""


def _due_users(codes: DashboardCodes, year: int, office_code: str | None) -> tuple[str, list[Any]]:
    """``FROM ... WHERE`` of the approved live users that owe a report for ``year``: those
    approved by the end of that year (or with no approval date on file)."""
    where, params = _office("u", office_code)
    authorised, statuses = status_in("u.status", codes.user_approved)
    sql = (f"FROM mark_users AS u NOT INDEXED WHERE u.deleted = 0 AND {authorised} "
           f"AND (u.approval_date IS NULL OR u.approval_date <= ?){where}")
    return sql, [*statuses, date(year, 12, 31).isoformat(), *params]


def user_coverage(db: sqlite_utils.Database, codes: DashboardCodes, year: int,
                  office_code: str | None = None) -> tuple[int, int]:
    """``(users whose live report for year has marks_used > 0, approved users due a
    report for year)`` of the office."""
    body, params = _due_users(codes, year, office_code)
    row = db.conn.execute(
        f"SELECT coalesce(sum({USED_REPORT}), 0), count(*) {body}", [year, *params]).fetchone()
    return int(row[0]), int(row[1])


def user_coverage_by_office(db: sqlite_utils.Database, codes: DashboardCodes,
                            year: int) -> dict[str, tuple[int, int]]:
    """:func:`user_coverage` of every office at once (one ``GROUP BY``): office →
    ``(users whose report for year has marks_used > 0, approved users due a report)``."""
    body, params = _due_users(codes, year, None)
    sql = f"SELECT u.office_code, coalesce(sum({USED_REPORT}), 0), count(*) {body} GROUP BY u.office_code"
    return {r[0]: (int(r[1]), int(r[2])) for r in db.conn.execute(sql, [year, *params])}


def user_figures_by_office(db: sqlite_utils.Database, codes: DashboardCodes,
                           year: int) -> dict[str, tuple[int, int, int, int]]:
    """Per office, in one pass over its live mark users: ``(approved users, users whose
    report for year has marks_used > 0, users due a report for year, users due without a
    live report)`` — the numbers of :func:`user_coverage` and :func:`users_without_report`,
    counted alike (the two report lists are read once each, not probed per user)."""
    authorised, a = status_in("u.status", codes.user_approved)
    due = f"({authorised} AND (u.approval_date IS NULL OR u.approval_date <= ?))"
    end = date(year, 12, 31).isoformat()
    sql = (f"SELECT u.office_code, coalesce(sum({authorised}), 0), "
           f"coalesce(sum({due} AND {USED_REPORT}), 0), "
           f"coalesce(sum({due}), 0), "
           f"coalesce(sum({due} AND NOT {HAS_REPORT}), 0) "
           "FROM mark_users AS u NOT INDEXED WHERE u.deleted = 0 GROUP BY u.office_code")
    params = [*a, *a, end, year, *a, end, *a, end, year]
    return {r[0]: (int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in db.conn.execute(sql, params)}


def users_without_report(db: sqlite_utils.Database, codes: DashboardCodes, year: int,
                         office_code: str | None = None) -> list[str]:
    """Ids of approved live users due a report for ``year`` that have no live report for it."""
    body, params = _due_users(codes, year, office_code)
    sql = f"SELECT u.id {body} AND NOT {HAS_REPORT} ORDER BY u.id"
    return [r[0] for r in db.conn.execute(sql, [*params, year])]


def overdue_rectifications(db: sqlite_utils.Database, codes: DashboardCodes, today: date,
                           office_code: str | None = None) -> list[str]:
    """Ids of live inspections ordering rectification whose deadline is before ``today``
    and whose re-check has not found the matter rectified."""
    where, params = _office("i", office_code)
    sql = ("SELECT i.id FROM inspections AS i WHERE i.deleted = 0 AND i.result = ? "
           "AND i.rectify_deadline < ? AND (i.recheck_result IS NULL OR i.recheck_result <> ?)"
           f"{where} ORDER BY i.id")
    args = [codes.result_rectify, today.isoformat(), codes.recheck_rectified, *params]
    return [r[0] for r in db.conn.execute(sql, args)]


def overdue_candidates(db: sqlite_utils.Database, codes: DashboardCodes, today: date,
                       office_code: str | None = None) -> list[str]:
    """Ids of live candidates not at a final stage whose next-step deadline is before ``today``."""
    where, params = _office("c", office_code)
    finals = ", ".join("?" for _ in codes.final_stages) or "NULL"
    sql = ("SELECT c.id FROM candidates AS c WHERE c.deleted = 0 AND c.next_deadline < ? "
           f"AND (c.stage IS NULL OR c.stage NOT IN ({finals})){where} ORDER BY c.id")
    return [r[0] for r in db.conn.execute(sql, [today.isoformat(), *codes.final_stages, *params])]


def overdue_abnormal_entries(db: sqlite_utils.Database, today: date,
                             office_code: str | None = None) -> list[str]:
    """Ids of live abnormal-list entries not removed whose deadline is before ``today``."""
    where, params = _office("b", office_code)
    sql = ("SELECT b.id FROM abnormal_entries AS b WHERE b.deleted = 0 AND b.removal_date IS NULL "
           f"AND b.deadline < ?{where} ORDER BY b.id")
    return [r[0] for r in db.conn.execute(sql, [today.isoformat(), *params])]


def load(db: sqlite_utils.Database, codes: DashboardCodes, *, today: date, report_year: int,
         office_code: str | None = None) -> DashboardRows:
    """Every number of the dashboard, read on one snapshot of the file.

    ``today`` decides what is overdue (a deadline before today); ``report_year`` is the
    year whose annual reports are expected (normally last year).
    """
    with read_snapshot(db):
        gis_with_user, gis = gi_coverage(db, codes, office_code)
        users_marked, users_due = user_coverage(db, codes, report_year, office_code)
        return DashboardRows(
            tiers=group_counts(db, "resources", ("tier",), office_code),
            categories=group_counts(db, "resources", ("category",), office_code),
            stages=group_counts(db, "candidates", ("route", "stage"), office_code),
            gi_types=group_counts(db, "protected_gis", ("gi_type",), office_code),
            user_statuses=group_counts(db, "mark_users", ("status",), office_code),
            gis=gis,
            gis_with_approved_user=gis_with_user,
            users_due=users_due,
            users_marked=users_marked,
            users_without_report=users_without_report(db, codes, report_year, office_code),
            overdue_rectifications=overdue_rectifications(db, codes, today, office_code),
            overdue_candidates=overdue_candidates(db, codes, today, office_code),
            overdue_abnormal_entries=overdue_abnormal_entries(db, today, office_code),
            overdue_reports=annual.overdue_unfiled(
                db, year=report_year, today=today, default_deadline=annual.default_deadline(report_year),
                statuses=codes.report_statuses, listed_reason=codes.no_report_reason, office_code=office_code),
        )
