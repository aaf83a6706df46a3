"""The city dashboard (全市看板), without Qt: every figure per unit, from merged data only.

:func:`compute_city_dashboard` returns a :class:`CityDashboard`:

- the city table's columns per unit (有效注册商标, 驰名商标, 地理标志商标, 地理标志保护产品,
  已使用专用标志产品) from each unit's latest statistics row on or before the end of last year
  (:func:`db.city.latest_stats`); a unit without one is ``None`` (未报送), never 0;
- the cultivation pipeline: live candidates per unit and stage;
- mark-use coverage per unit against :data:`COVERAGE_TARGET` (80%, 许昌), with the
  dashboard's user-coverage definition (:func:`db.dashboard.user_coverage_by_office`);
- packets per unit: the last merged sequence and when it was merged, overdue when none was
  merged within :func:`overdue_days` days (the setting ``packet_overdue_days``, default 100:
  a quarter and some slack);
- cross-county duplicates waiting for review: a unit's live mark users whose USCC, and live
  resources whose product name, another unit holds too (the import's cross checks,
  :data:`desktop.packets.policy.CROSS_FIELDS`), that have no review yet.

:func:`unit_breakdown` gives the home page's per-unit lines (records per register, coverage,
missing annual reports). Each figure is one query grouped by ``office_code``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from db import audit, meta
from db import city as city_queries
from db import city_dashboard as queries
from db import dashboard as dash_queries
from db.connection import now_utc, transaction
from desktop.cases.figures import CityCaseFigures, city_case_figures
from desktop.city.unit_labels import UnitLabels, unit_labels
from desktop.dashboard import CODES, Coverage
from desktop.ledger import Ledger
from desktop.packets.policy import CROSS_FIELDS
from desktop.registers import REGISTRY
from desktop.registers.candidate import STAGES
from desktop.validation import Reason

__all__ = ["TABLE_COLUMNS", "COVERAGE_TARGET", "OVERDUE_SETTING", "DEFAULT_OVERDUE_DAYS",
           "UnitRef", "StageRef", "UnitPackets", "CityDashboard", "UnitLine", "compute_city_dashboard",
           "unit_breakdown", "overdue_days", "set_overdue_days", "OverdueDaysError"]

log = logging.getLogger(__name__)

TABLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("registered_trademarks", "有效注册商标", "registered trademarks"),
    ("well_known_marks", "驰名商标", "well-known marks"),
    ("gi_trademarks", "地理标志商标", "GI trademarks"),
    ("gi_products", "地理标志保护产品", "GI products"),
    ("gi_products_using_mark", "已使用专用标志产品", "GI products using the mark"),
)
"""The city table's figure columns: statistics field, Chinese and English label."""

COVERAGE_TARGET = 0.8
"""Mark-use coverage a unit should reach (许昌: 80% by 2025)."""

OVERDUE_SETTING = "packet_overdue_days"
DEFAULT_OVERDUE_DAYS = 100
"""A unit is overdue when no packet of it was merged within this many days (a quarter and
some slack)."""


@dataclass(frozen=True)
class UnitRef:
    """A unit as the dashboard lists it."""

    code: str
    name: str


@dataclass(frozen=True)
class StageRef:
    """A pipeline stage, with its labels."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class UnitPackets:
    """One unit's packets as merged here."""

    last_sequence: int | None
    last_merged: date | None
    merged: int
    """How many of its packets were merged."""
    days_since: int | None
    overdue: bool


@dataclass(frozen=True)
class CityDashboard:
    """Every figure of the city dashboard, per unit (codes in :attr:`units` order)."""

    as_of: date
    stats_as_of: date
    """The statistics rows are the latest on or before this day (the end of last year)."""
    units: list[UnitRef]
    table: dict[str, dict[str, int | None]]
    """Table column → unit → figure (None: no statistics row, 未报送)."""
    stages: list[StageRef]
    """The stages some unit has candidates at, in pipeline order."""
    pipeline: dict[str, dict[str, int]]
    """Unit → stage → live candidates."""
    coverage: dict[str, Coverage]
    packets: dict[str, UnitPackets]
    overdue_days: int
    duplicates: dict[str, dict[str, int]]
    """Register key (``mark-user``, ``resource``) → unit → duplicates waiting for review."""
    cases: CityCaseFigures | None = None
    """Cases per unit, per year and per act (:mod:`desktop.cases.figures`)."""

    @property
    def missing_stats(self) -> list[str]:
        """Units without a statistics row on or before :attr:`stats_as_of`."""
        first = TABLE_COLUMNS[0][0]
        return [u.code for u in self.units if self.table[first].get(u.code) is None]

    def duplicates_of(self, code: str) -> int:
        return sum(per_unit.get(code, 0) for per_unit in self.duplicates.values())


@dataclass(frozen=True)
class UnitLine:
    """One unit's line of the home page's breakdown."""

    code: str
    name: str
    resources: int
    candidates: int
    gis: int
    users_approved: int
    coverage_users: Coverage
    users_without_report: int


class OverdueDaysError(ValueError):
    """A number of days that cannot be the overdue setting (both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


def overdue_days(ledger: Ledger) -> int:
    """The setting ``packet_overdue_days`` (default :data:`DEFAULT_OVERDUE_DAYS`)."""
    raw = meta.get_setting(ledger.db, OVERDUE_SETTING)
    try:
        return int(raw) if raw is not None else DEFAULT_OVERDUE_DAYS
    except ValueError:
        log.warning("setting %s is not a number: %r; using %d", OVERDUE_SETTING, raw, DEFAULT_OVERDUE_DAYS)
        return DEFAULT_OVERDUE_DAYS


def set_overdue_days(ledger: Ledger, days: int) -> None:
    """Change the overdue setting (1 to 3,660 days), audited like every setting."""
    if not 1 <= days <= 3660:
        raise OverdueDaysError(Reason(f"逾期天数应在 1 到 3660 之间，不是 {days}",
                                      f"the overdue days must be 1 to 3660, not {days}"))
    with transaction(ledger.db):
        old = meta.get_setting(ledger.db, OVERDUE_SETTING)
        meta.set_setting(ledger.db, OVERDUE_SETTING, str(days))
        audit.append(ledger.db, at=now_utc(), actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code, action="settings",
                     before={OVERDUE_SETTING: old}, after={OVERDUE_SETTING: str(days)})


def _units(labels: UnitLabels, *present: Mapping[str, object]) -> list[UnitRef]:
    """The unit list in order, then other offices some figure has, by code."""
    extra = {code for figures in present for code in figures}
    return [UnitRef(code, labels.label(code)) for code in labels.ordered(extra)]


def _packets(states: Mapping[str, queries.PacketState], codes: list[str], today: date,
             days: int) -> dict[str, UnitPackets]:
    out: dict[str, UnitPackets] = {}
    for code in codes:
        state = states.get(code)
        merged = (datetime.fromisoformat(state.last_received_at.replace("Z", "+00:00")).date()
                  if state is not None and state.last_received_at else None)
        since = (today - merged).days if merged is not None else None
        out[code] = UnitPackets(state.last_sequence if state else None, merged,
                                state.merged if state else 0, since, since is None or since > days)
    return out


def compute_city_dashboard(ledger: Ledger, today: date | None = None) -> CityDashboard:
    """The city dashboard of ``ledger`` (a city or province) as of ``today``."""
    day = today or ledger.today()
    stats_day = date(day.year - 1, 12, 31)
    db = ledger.db
    labels = unit_labels(ledger)
    with dash_queries.read_snapshot(db):
        stats = city_queries.latest_stats(db, stats_day.isoformat())
        found_stages = dash_queries.group_counts(db, "candidates", ("office_code", "stage"))
        coverage = dash_queries.user_coverage_by_office(db, CODES, day.year - 1)
        states = queries.packet_states(db)
        duplicates = {kind: queries.cross_office_duplicates(db, REGISTRY[kind].table, column)
                      for kind, column in CROSS_FIELDS.items()}
    me = ledger.office.code
    stats = {k: v for k, v in stats.items() if k != me}
    pipeline: dict[str, dict[str, int]] = {}
    for (office, stage), n in found_stages.items():
        pipeline.setdefault(office, {})[stage] = n
    units = _units(labels, stats, pipeline, coverage, *duplicates.values())
    units = [u for u in units if u.code != me]
    codes = [u.code for u in units]
    table = {key: {c: (getattr(stats[c], key) if c in stats else None) for c in codes}
             for key, _zh, _en in TABLE_COLUMNS}
    used = {stage for per_unit in pipeline.values() for stage, n in per_unit.items() if n}
    days = overdue_days(ledger)
    return CityDashboard(
        as_of=day, stats_as_of=stats_day, units=units, table=table,
        stages=[StageRef(s.code, s.zh, s.en) for s in STAGES if s.code in used],
        pipeline={c: pipeline.get(c, {}) for c in codes},
        coverage={c: Coverage.of(*coverage.get(c, (0, 0))) for c in codes},
        packets=_packets(states, codes, day, days), overdue_days=days,
        duplicates={kind: {c: per_unit.get(c, 0) for c in codes} for kind, per_unit in duplicates.items()},
        cases=city_case_figures(ledger, day),
    )


def unit_breakdown(ledger: Ledger, today: date | None = None) -> list[UnitLine]:
    """Per unit: live resources, candidates, protected GIs, approved mark users, user
    coverage and users without last year's report (the home page's breakdown)."""
    day = today or ledger.today()
    db = ledger.db
    by_office = ("office_code",)
    with dash_queries.read_snapshot(db):
        resources = dash_queries.group_counts(db, "resources", by_office)
        candidates = dash_queries.group_counts(db, "candidates", by_office)
        gis = dash_queries.group_counts(db, "protected_gis", by_office)
        users = dash_queries.user_figures_by_office(db, CODES, day.year - 1)
    approved = {office: figures[0] for office, figures in users.items()}
    labels = unit_labels(ledger)
    units = _units(labels, resources, candidates, gis, approved)
    return [UnitLine(u.code, u.name, resources.get(u.code, 0), candidates.get(u.code, 0),
                     gis.get(u.code, 0), approved.get(u.code, 0),
                     Coverage.of(*users.get(u.code, (0, 0, 0, 0))[1:3]), users.get(u.code, (0, 0, 0, 0))[3])
            for u in units if u.code != ledger.office.code or resources.get(u.code) or gis.get(u.code)]
