"""SQL of the annual-report cycle (年报): the deadline of each year (``report_deadlines``) and
the report status of every authorised mark user for a year, each read in one query.

The status query joins the office's live mark users with their live annual report of the
year (the ``annual_reports_user_year`` index) and says whether an open abnormal-list entry of
a given reason already lists the user (the ``abnormal_entries_user`` index): no query per user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlite_utils

__all__ = ["default_deadline", "DeadlineRow", "UserReportRow", "get_deadline", "set_deadline", "deadlines",
           "user_report_rows", "overdue_unfiled"]


def default_deadline(year: int) -> date:
    """The deadline of ``year``'s reports where the office set none: 31 March of the next year."""
    return date(year + 1, 3, 31)


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """A deadline set by an office for one year's reports."""

    office_code: str
    year: int
    deadline: str
    set_at: str
    set_by: str


@dataclass(frozen=True, slots=True)
class UserReportRow:
    """One authorised mark user and its live report of the year (if any)."""

    user_id: str
    office_code: str
    name: str
    uscc: str | None
    user_status: str
    approval_date: str | None
    report_id: str | None
    review_status: str | None
    listed: bool
    """An open abnormal-list entry of the reason asked for lists the user."""


def get_deadline(db: sqlite_utils.Database, office_code: str, year: int) -> DeadlineRow | None:
    """The deadline the office set for ``year``, or None (the default applies)."""
    row = db.conn.execute("SELECT office_code, year, deadline, set_at, set_by FROM report_deadlines "
                          "WHERE office_code = ? AND year = ?", (office_code, year)).fetchone()
    return DeadlineRow(*row) if row else None


def deadlines(db: sqlite_utils.Database, office_code: str) -> list[DeadlineRow]:
    """Every deadline the office set, by year."""
    rows = db.conn.execute("SELECT office_code, year, deadline, set_at, set_by FROM report_deadlines "
                           "WHERE office_code = ? ORDER BY year", (office_code,))
    return [DeadlineRow(*r) for r in rows]


def set_deadline(db: sqlite_utils.Database, office_code: str, year: int, deadline: date,
                 *, at: str, actor: str) -> None:
    """Set (or replace) the office's deadline for ``year``; call inside a transaction."""
    db.conn.execute(
        "INSERT INTO report_deadlines(office_code, year, deadline, set_at, set_by) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(office_code, year) DO UPDATE SET deadline = excluded.deadline, "
        "set_at = excluded.set_at, set_by = excluded.set_by",
        (office_code, year, deadline.isoformat(), at, actor))


def user_report_rows(db: sqlite_utils.Database, *, year: int, statuses: Sequence[str],
                     listed_reason: str, office_code: str | None) -> list[UserReportRow]:
    """The live mark users of ``office_code`` (every office when None) whose status is one of
    ``statuses`` and who were approved by the end of ``year`` (or have no approval date on
    file), each with its live report of ``year`` (a join on ``annual_reports_user_year``);
    ordered by user id. One query."""
    marks = ", ".join("?" for _ in statuses) or "NULL"
    where = " AND u.office_code = ?" if office_code is not None else ""
    sql = (
        "SELECT u.id, u.office_code, u.name, u.uscc, u.status, u.approval_date, r.id, r.review_status, "
        "EXISTS (SELECT 1 FROM abnormal_entries AS b WHERE b.mark_user_id = u.id AND b.deleted = 0 "
        " AND b.removal_date IS NULL AND b.reason = ?) "
        "FROM mark_users AS u LEFT JOIN annual_reports AS r ON r.mark_user_id = u.id AND r.year = ? "
        f"AND r.deleted = 0 WHERE u.deleted = 0 AND u.status IN ({marks}) "
        f"AND (u.approval_date IS NULL OR u.approval_date <= ?){where} ORDER BY u.id, r.id")
    params: list[object] = [listed_reason, year, *statuses, date(year, 12, 31).isoformat()]
    if office_code is not None:
        params.append(office_code)
    out: list[UserReportRow] = []
    for r in db.conn.execute(sql, params):
        if out and out[-1].user_id == r[0]:
            continue  # a second live report of the user and year (another office's): the first counts
        out.append(UserReportRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])))
    return out


def overdue_unfiled(db: sqlite_utils.Database, *, year: int, today: date, default_deadline: date,
                    statuses: Sequence[str], listed_reason: str, office_code: str | None) -> list[str]:
    """Ids of the users of :func:`user_report_rows` without a live report of ``year`` whose
    office's deadline (``default_deadline`` where none is set) is before ``today``, and not
    already listed for ``listed_reason``; sorted. One query (for the dashboard)."""
    marks = ", ".join("?" for _ in statuses) or "NULL"
    where = " AND u.office_code = ?" if office_code is not None else ""
    sql = (
        "SELECT u.id FROM mark_users AS u WHERE u.deleted = 0 "
        f"AND u.status IN ({marks}) AND (u.approval_date IS NULL OR u.approval_date <= ?){where} "
        "AND coalesce((SELECT d.deadline FROM report_deadlines AS d WHERE d.office_code = u.office_code "
        " AND d.year = ?), ?) < ? "
        "AND NOT EXISTS (SELECT 1 FROM annual_reports AS r INDEXED BY annual_reports_user_year "
        " WHERE r.mark_user_id = u.id AND r.year = ? AND r.deleted = 0) "
        "AND NOT EXISTS (SELECT 1 FROM abnormal_entries AS b WHERE b.mark_user_id = u.id AND b.deleted = 0 "
        " AND b.removal_date IS NULL AND b.reason = ?) ORDER BY u.id")
    params: list[object] = [*statuses, date(year, 12, 31).isoformat()]
    if office_code is not None:
        params.append(office_code)
    params += [year, default_deadline.isoformat(), today.isoformat(), year, listed_reason]
    return [r[0] for r in db.conn.execute(sql, params)]
