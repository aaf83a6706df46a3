"""The numbers of the desktop client's dashboard (首页), without Qt.

:func:`compute_dashboard` returns a :class:`Dashboard`:

- live resources per tier (挖掘/培育/保护) and per category, candidates per route and
  stage, protected GIs per type, mark users per status; each list in the order the
  register declares its choices, zero counts included, labelled from the choices;
- mark-use coverage (用标覆盖率) of GIs and of users, as numerator, denominator and ratio;
- what needs attention, each item with the kind and ids of the records behind it, so the
  window can open them (the window formats "label (count)").

The SQL is in :mod:`db.dashboard`; this module supplies the coded values and the labels
of the registers and decides the scope (which office, which day).

Rules, with ``today`` the ledger's day and last year ``today.year - 1``:

- 未报上年度年报: approved live users, approved by the end of last year (or with no approval
  date), without a live annual report for last year. A user approved this year owes no
  report for last year (the demo writes reports from the approval year on).
- 整改期限已过: live inspections with result 责令整改 whose rectification deadline is before
  today and whose re-check result is not 已整改.
- 下一步已逾期: live candidates whose next-step deadline is before today, at a stage that
  has a next step (not 核准注册, 认定公告, 不予认定; a rejected trademark's 提出驳回复审 is
  due): :func:`desktop.registers.candidate.next_step_overdue`, the one definition.
- 年报逾期未报: authorised users (:mod:`desktop.annual.status`) without a report for last
  year past the office's deadline for it, not yet listed for 未报年报 (the window proposes
  listing them in one step).
- 异常名录整改逾期: live abnormal-list entries without a removal date whose deadline is
  before today.
- 立案待登记: live inspections with result 立案 that no live case points to
  (:func:`desktop.inspection_case.pending_ids`).
- Coverage of GIs: live protected GIs (every type) with at least one live approved user,
  over live protected GIs. Coverage of users: users due a report for last year (as above)
  whose report has 标志使用数量 > 0, over those users. The ratio is None when nothing is
  counted.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from db import dashboard as queries
from desktop import inspection_case
from desktop.annual import status as annual_status
from desktop.cases.figures import CaseFigures, case_figures
from desktop.fields import Choice, Kind
from desktop.ledger import Ledger
from desktop.registers import REGISTRY, mark_user
from desktop.registers.candidate import NO_NEXT_STEP, STAGES, stages_for

__all__ = [
    "Count",
    "StageCount",
    "Coverage",
    "AttentionItem",
    "Dashboard",
    "ATTENTION",
    "FINAL_STAGES",
    "CODES",
    "CASE_PENDING",
    "compute_dashboard",
    "default_office_scope",
]

log = logging.getLogger(__name__)


def _code(kind_key: str, field_key: str, code: str) -> str:
    """``code``, checked to be a declared choice of the field (a misspelling fails at import)."""
    REGISTRY[kind_key].field(field_key).choice(code)
    return code


FINAL_STAGES: tuple[str, ...] = tuple(
    _code("candidate", "stage", c.code) for c in STAGES if c.code in NO_NEXT_STEP)
"""Candidate stages after which no next step is due (核准注册, 认定公告, 不予认定): those
without an entry in :data:`desktop.registers.candidate.NEXT_STEPS`. 驳回 is not one: a
review must be requested within 15 days."""

CODES = queries.DashboardCodes(
    user_approved=tuple(_code("mark-user", "status", c) for c in mark_user.AUTHORISED),
    result_rectify=_code("inspection", "result", "rectify"),
    recheck_rectified=_code("inspection", "recheck_result", "rectified"),
    final_stages=FINAL_STAGES,
    report_statuses=annual_status.AUTHORISED,
    no_report_reason=annual_status.LISTING_REASON,
)


@dataclass(frozen=True)
class Count:
    """How many live records hold one coded value, with the value's labels."""

    code: str
    zh: str
    en: str
    n: int


@dataclass(frozen=True)
class StageCount:
    """How many live candidates of one route are at one stage."""

    route: str
    stage_code: str
    zh: str
    en: str
    n: int


@dataclass(frozen=True)
class Coverage:
    """A share: ``numerator`` of ``denominator``; ``ratio`` is None when the denominator is 0."""

    numerator: int
    denominator: int
    ratio: float | None

    @classmethod
    def of(cls, numerator: int, denominator: int) -> Coverage:
        return cls(numerator, denominator, numerator / denominator if denominator else None)


@dataclass(frozen=True)
class AttentionItem:
    """Something that needs the clerk: a label, and the records behind it (kind key + ids)."""

    key: str
    zh: str
    en: str
    kind: str
    """The register key (``mark-user``, ``inspection`` ...) the ids belong to."""
    ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, as of one day."""

    tiers: list[Count]
    categories: list[Count]
    stages: list[StageCount]
    gi_types: list[Count]
    user_statuses: list[Count]
    coverage_products: Coverage
    coverage_users: Coverage
    attention: list[AttentionItem]
    """Always the items of :data:`ATTENTION`, in that order, then 立案待登记 (an empty one has
    no ids)."""
    as_of: date
    cases: CaseFigures | None = None
    """This year's cases, open cases, cases per act (:mod:`desktop.cases.figures`)."""


@dataclass(frozen=True)
class _Attention:
    key: str
    zh: str
    en: str
    kind: str
    rows_field: str


ATTENTION: tuple[_Attention, ...] = (
    _Attention("users_without_report", "未报上年度年报", "no annual report for last year",
               "mark-user", "users_without_report"),
    _Attention("rectification_overdue", "整改期限已过", "rectification deadline passed",
               "inspection", "overdue_rectifications"),
    _Attention("candidate_overdue", "下一步已逾期", "next step overdue",
               "candidate", "overdue_candidates"),
    _Attention("abnormal_overdue", "异常名录整改逾期", "abnormal-list deadline passed",
               "abnormal", "overdue_abnormal_entries"),
    _Attention("annual_overdue", "年报逾期未报", "annual report overdue",
               "mark-user", "overdue_reports"),
)
"""The attention items: key, labels, the kind of their records, and their list in
:class:`db.dashboard.DashboardRows`."""


CASE_PENDING = "case_pending"
"""The key of the attention item 立案待登记 (:mod:`desktop.inspection_case`)."""


def default_office_scope(ledger: Ledger) -> str | None:
    """The office a dashboard covers by default: a county its own, a city or province all."""
    return ledger.office.code if ledger.mode == "county" else None


def _counts(kind: Kind, field_key: str, found: Mapping[Any, int]) -> list[Count]:
    """One :class:`Count` per declared choice, in declared order; logs values it cannot place."""
    choices = kind.field(field_key).choices
    _warn_unplaced(kind, field_key, found, {c.code for c in choices})
    return [Count(c.code, c.zh, c.en, found.get(c.code, 0)) for c in choices]


def _stage_counts(kind: Kind, found: Mapping[Any, int]) -> list[StageCount]:
    out: list[StageCount] = []
    placed: set[tuple[str, str]] = set()
    for route in kind.field("route").choices:
        for stage in stages_for(route.code):
            placed.add((route.code, stage.code))
            out.append(_stage(route, stage, found.get((route.code, stage.code), 0)))
    _warn_unplaced(kind, "route/stage", found, placed)
    return out


def _stage(route: Choice, stage: Choice, n: int) -> StageCount:
    return StageCount(route.code, stage.code, stage.zh, stage.en, n)


def _warn_unplaced(kind: Kind, what: str, found: Mapping[Any, int], placed: set[Any]) -> None:
    stray = {k: n for k, n in found.items() if k not in placed}
    if stray:  # empty or unknown codes (a hand-edited file, a newer packet): `check` names them
        log.warning("dashboard: %s %s values not counted: %s", kind.key, what, stray)


def compute_dashboard(ledger: Ledger, today: date | None = None,
                      office_code: str | None = None) -> Dashboard:
    """The dashboard of ``ledger`` as of ``today`` (default: the ledger's today).

    ``office_code`` limits it to one office's records; None means the default scope
    (:func:`default_office_scope`: the own office in county mode, every office in city
    and province mode). Read-only; one consistent snapshot of the file.
    """
    day = today or ledger.today()
    office = office_code if office_code is not None else default_office_scope(ledger)
    rows = queries.load(ledger.db, CODES, today=day, report_year=day.year - 1, office_code=office)
    resource, candidate = REGISTRY["resource"], REGISTRY["candidate"]
    dashboard = Dashboard(
        tiers=_counts(resource, "tier", rows.tiers),
        categories=_counts(resource, "category", rows.categories),
        stages=_stage_counts(candidate, rows.stages),
        gi_types=_counts(REGISTRY["gi"], "gi_type", rows.gi_types),
        user_statuses=_counts(REGISTRY["mark-user"], "status", rows.user_statuses),
        coverage_products=Coverage.of(rows.gis_with_approved_user, rows.gis),
        coverage_users=Coverage.of(rows.users_marked, rows.users_due),
        attention=[*(AttentionItem(a.key, a.zh, a.en, a.kind, tuple(getattr(rows, a.rows_field)))
                     for a in ATTENTION),
                   AttentionItem(CASE_PENDING, "立案待登记", "case to be registered", "inspection",
                                 inspection_case.pending_ids(ledger, office))],
        as_of=day,
        cases=case_figures(ledger, day, office),
    )
    log.debug("dashboard of %s as of %s: %s", office or "all offices", day,
              {a.key: len(a.ids) for a in dashboard.attention})
    return dashboard
