"""Who owes an annual report for a year, and where each one stands (未报 / 已报 / 已审核 / 退回).

For ``year``: every live mark user of the office whose status is authorised (已核准, 暂停 or
列入异常名录) and who was approved by the end of the year (or has no approval date on file),
with its live report's review status. The deadline is the office's, set with
:func:`set_deadline` (audited), or 31 March of the next year. A user is overdue when its report
is 未报 or 退回 and today is after the deadline. Read in one query (:mod:`db.annual`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from db import annual as queries
from db import audit
from db.connection import now_utc, transaction
from desktop.abnormal import Listed, list_users
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.validation import Reason

__all__ = ["AUTHORISED", "STATUSES", "StatusLabel", "UserStatus", "YearStatus", "LISTING_REASON",
           "default_deadline", "deadline_of", "set_deadline", "year_status", "status_label", "list_overdue"]

log = logging.getLogger(__name__)

AUTHORISED: tuple[str, ...] = ("approved", "suspended", "abnormal")
"""Mark-user statuses that owe an annual report."""
for _code in AUTHORISED:
    REGISTRY["mark-user"].field("status").choice(_code)  # a misspelling fails at import

LISTING_REASON = "no_annual_report"
"""The abnormal-list reason of an overdue report (未报年报)."""
REGISTRY["abnormal"].field("reason").choice(LISTING_REASON)


@dataclass(frozen=True)
class StatusLabel:
    """A report status: its code, Chinese and English label."""

    code: str
    zh: str
    en: str


STATUSES: tuple[StatusLabel, ...] = (
    StatusLabel("none", "未报", "not filed"),
    StatusLabel("submitted", "已报", "filed"),
    StatusLabel("approved", "已审核", "approved"),
    StatusLabel("returned", "退回", "returned"),
)
"""The four report statuses, in order; the last three are the report's review status."""
_OVERDUE_WHEN = frozenset({"none", "returned"})


def status_label(code: str) -> StatusLabel:
    """The label of a status code (``none``, ``submitted``, ``approved``, ``returned``)."""
    for s in STATUSES:
        if s.code == code:
            return s
    raise KeyError(code)


@dataclass(frozen=True)
class UserStatus:
    """One user's report of the year."""

    user_id: str
    name: str
    uscc: str | None
    user_status: str
    report_id: str | None
    status: str
    """``none``, ``submitted``, ``approved`` or ``returned``."""
    deadline: date
    overdue: bool
    listed: bool
    """Already on the abnormal list for 未报年报 (an open entry)."""

    def to_json(self) -> dict[str, Any]:
        label = status_label(self.status)
        return {"id": self.user_id, "name": self.name, "uscc": self.uscc, "user_status": self.user_status,
                "status": self.status, "status_zh": label.zh, "report_id": self.report_id,
                "deadline": self.deadline.isoformat(), "overdue": self.overdue, "listed": self.listed}


@dataclass(frozen=True)
class YearStatus:
    """Every user owing a report for ``year``, as of ``today``."""

    year: int
    deadline: date
    deadline_set: bool
    """Whether the office set the deadline (else the default)."""
    today: date
    users: list[UserStatus]

    def counts(self) -> dict[str, int]:
        """Users per status code (every status, zero included) and ``overdue``."""
        found = Counter(u.status for u in self.users)
        out = {s.code: found.get(s.code, 0) for s in STATUSES}
        out["overdue"] = sum(u.overdue for u in self.users)
        return out

    def overdue_to_list(self) -> list[UserStatus]:
        """Overdue users with no report at all and not yet listed for 未报年报: those the bulk
        proposal puts on the abnormal list."""
        return [u for u in self.users if u.overdue and u.status == "none" and not u.listed]


def default_deadline(year: int) -> date:
    """31 March of the year after ``year`` (:func:`db.annual.default_deadline`)."""
    return queries.default_deadline(year)


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        f = REGISTRY["annual-report"].field("year")
        raise ValidationFailed([FieldError.of(f, Reason("年度应在2000至2100之间",
                                                         "the year must be between 2000 and 2100"))], "年报")


def deadline_of(ledger: Ledger, year: int) -> tuple[date, bool]:
    """The deadline of ``year``'s reports at this office, and whether it was set (not default)."""
    row = queries.get_deadline(ledger.db, ledger.office.code, year)
    return (date.fromisoformat(row.deadline), True) if row else (default_deadline(year), False)


def set_deadline(ledger: Ledger, year: int, deadline: date | str) -> date:
    """Set this office's deadline for ``year``'s reports (audited with the one it replaces).
    The deadline must fall after the year ends."""
    _check_year(year)
    f = REGISTRY["annual-report"].field("report_date")
    try:
        day = f.coerce(deadline) if not isinstance(deadline, date) else deadline
    except FieldError as e:
        raise ValidationFailed([FieldError("deadline", "报送截止日期", "deadline", e.reason)], "年报") from None
    if day <= date(year, 12, 31):
        raise ValidationFailed([FieldError("deadline", "报送截止日期", "deadline", Reason(
            f"应晚于{year}年12月31日", f"must be after 31 December {year}"))], "年报")
    now = now_utc()
    with transaction(ledger.db):
        before = queries.get_deadline(ledger.db, ledger.office.code, year)
        queries.set_deadline(ledger.db, ledger.office.code, year, day, at=now, actor=ledger.actor.clerk)
        audit.append(ledger.db, at=now, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code, action="report-deadline", kind="annual-report",
                     before={"year": year, "deadline": before.deadline} if before else None,
                     after={"year": year, "deadline": day.isoformat()},
                     note=f"{year}年度年报截止日期 {day.isoformat()}")
    log.info("report deadline of %s set to %s", year, day)
    return day


def year_status(ledger: Ledger, year: int, today: date | None = None) -> YearStatus:
    """Every user of this office owing a report for ``year`` and its status (one query)."""
    _check_year(year)
    day = today or ledger.today()
    deadline, was_set = deadline_of(ledger, year)
    rows = queries.user_report_rows(ledger.db, year=year, statuses=AUTHORISED,
                                    listed_reason=LISTING_REASON, office_code=ledger.office.code)
    late = day > deadline
    users = []
    for r in rows:
        status = r.review_status if r.report_id is not None and r.review_status else "none"
        users.append(UserStatus(r.user_id, r.name, r.uscc, r.user_status, r.report_id, status, deadline,
                                late and status in _OVERDUE_WHEN, r.listed))
    return YearStatus(year, deadline, was_set, day, users)


def list_overdue(ledger: Ledger, year: int, user_ids: Sequence[str] | None = None) -> list[Listed]:
    """Put the overdue users of ``year`` without a report (:meth:`YearStatus.overdue_to_list`,
    or those of ``user_ids`` among them) on the abnormal list for 未报年报, in one transaction
    (:func:`desktop.abnormal.list_users`: each user's status becomes 列入异常名录)."""
    due = [u.user_id for u in year_status(ledger, year).overdue_to_list()]
    ids = due if user_ids is None else [uid for uid in user_ids if uid in set(due)]
    if not ids:
        return []
    return list_users(ledger, ids, LISTING_REASON, note=f"{year}年度年报逾期未报")
