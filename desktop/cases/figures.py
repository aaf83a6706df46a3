"""The case register's counts for the dashboards (行政保护案件统计), without Qt.

Rules (live cases only, the filing date deciding the year):

- 本年立案: cases filed in the ledger's year (``today.year``);
- 未结案件 (open): cases whose status is 立案, 调查 or 处罚决定 (:data:`OPEN_STATUSES`),
  whatever the year; 结案 and 移送司法 end a case here;
- per act: this year's cases per 违法行为, every declared act listed (zero counts included),
  in the register's order;
- at a city: per unit, per year and per act, from the merged county data (each case belongs
  to the office that owns it); the city's own cases are a unit too.

The SQL is one ``GROUP BY`` (:func:`db.cases.case_counts`); this module sums its groups.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from db import cases as queries
from desktop.ledger import Ledger
from desktop.registers.case import ACTS, KIND, STATUSES

__all__ = ["ACTS", "OPEN_STATUSES", "ActCount", "CaseFigures", "UnitCases", "CityCaseFigures",
           "case_figures", "city_case_figures", "act_label"]

log = logging.getLogger(__name__)


def _status(code: str) -> str:
    KIND.field("status").choice(code)  # a misspelling fails at import
    return code


OPEN_STATUSES: tuple[str, ...] = tuple(_status(c) for c in ("filed", "investigating", "decided"))
"""The statuses of a case still open (立案, 调查, 处罚决定)."""


def act_label(code: str | None, lang: str = "zh") -> str:
    """The act's label (Chinese or English); the bare code when it is not a declared act."""
    for c in ACTS:
        if c.code == code:
            return c.en if lang == "en" else c.zh
    return code or ""


@dataclass(frozen=True)
class ActCount:
    """How many cases concern one act, with its labels."""

    code: str
    zh: str
    en: str
    n: int


def _acts(found: dict[str | None, int]) -> list[ActCount]:
    stray = {k: n for k, n in found.items() if k not in {c.code for c in ACTS}}
    if stray:
        log.warning("cases: act values not counted: %s", stray)
    return [ActCount(c.code, c.zh, c.en, found.get(c.code, 0)) for c in ACTS]


@dataclass(frozen=True)
class CaseFigures:
    """A county's (or one office's) case figures as of one day."""

    year: int
    this_year: int
    """Cases filed in :attr:`year`."""
    open: int
    """Cases still open (:data:`OPEN_STATUSES`), any year."""
    typical: int
    """Cases marked typical, any year."""
    by_act: list[ActCount]
    """This year's cases per act, every act in declared order."""
    per_year: dict[int, int]
    """Cases per filing year (years with cases only)."""
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.per_year.values())

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "this_year": self.this_year, "open": self.open,
                "typical": self.typical, "total": self.total,
                "by_act": {a.code: a.n for a in self.by_act},
                "per_year": {str(y): n for y, n in sorted(self.per_year.items())},
                "by_status": dict(self.by_status)}


def _figures(groups: Iterable[queries.CaseGroup], year: int) -> CaseFigures:
    this_year = open_ = typical = 0
    acts: dict[str | None, int] = {}
    per_year: dict[int, int] = {}
    statuses: dict[str, int] = {c.code: 0 for c in STATUSES}
    for g in groups:
        if g.year is not None:
            per_year[g.year] = per_year.get(g.year, 0) + g.n
        if g.year == year:
            this_year += g.n
            acts[g.act] = acts.get(g.act, 0) + g.n
        if g.status in OPEN_STATUSES:
            open_ += g.n
        if g.typical:
            typical += g.n
        if g.status is not None:
            statuses[g.status] = statuses.get(g.status, 0) + g.n
    return CaseFigures(year, this_year, open_, typical, _acts(acts), per_year, statuses)


def case_figures(ledger: Ledger, today: date | None = None,
                 office_code: str | None = None) -> CaseFigures:
    """The case figures of ``office_code`` (None: every office in the file) as of ``today``
    (default: the ledger's today)."""
    day = today or ledger.today()
    return _figures(queries.case_counts(ledger.db, office_code), day.year)


@dataclass(frozen=True)
class UnitCases:
    """One unit's cases at a city."""

    code: str
    name: str
    figures: CaseFigures
    per_year_act: dict[int, dict[str, int]]
    """Filing year → act → cases."""

    def acts(self, year: int | None = None) -> dict[str, int]:
        """Cases per act, of one year or of every year."""
        out: dict[str, int] = {}
        for y, per_act in self.per_year_act.items():
            if year is None or y == year:
                for act, n in per_act.items():
                    out[act] = out.get(act, 0) + n
        return out


@dataclass(frozen=True)
class CityCaseFigures:
    """The cases of a city's units: per unit, per year, per act."""

    as_of: date
    units: list[UnitCases]
    years: list[int]
    """Every filing year some unit has cases in, ascending."""

    def unit(self, code: str) -> UnitCases | None:
        return next((u for u in self.units if u.code == code), None)

    def per_year(self, code: str) -> dict[int, int]:
        u = self.unit(code)
        return dict(u.figures.per_year) if u else {}

    def total_per_year(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for u in self.units:
            for y, n in u.figures.per_year.items():
                out[y] = out.get(y, 0) + n
        return out

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "years": self.years,
                "units": [{"code": u.code, "name": u.name, **u.figures.to_json(),
                           "per_year_act": {str(y): dict(a) for y, a in sorted(u.per_year_act.items())}}
                          for u in self.units]}


def city_case_figures(ledger: Ledger, today: date | None = None) -> CityCaseFigures:
    """Per unit (the city's list in order, then any other office with cases, then the city's
    own cases when it has some): its figures and its cases per year and act."""
    from desktop.city.unit_labels import unit_labels

    day = today or ledger.today()
    groups = queries.case_counts(ledger.db)
    by_office: dict[str, list[queries.CaseGroup]] = {}
    for g in groups:
        by_office.setdefault(g.office_code, []).append(g)
    labels = unit_labels(ledger)
    me = ledger.office.code
    codes = [c for c in labels.ordered(set(by_office) - {me}) if c != me]
    if me in by_office:
        codes.append(me)
    units: list[UnitCases] = []
    for code in codes:
        mine = by_office.get(code, [])
        per_year_act: dict[int, dict[str, int]] = {}
        for g in mine:
            if g.year is not None and g.act is not None:
                per_act = per_year_act.setdefault(g.year, {})
                per_act[g.act] = per_act.get(g.act, 0) + g.n
        name = ledger.office.name if code == me else labels.label(code)
        units.append(UnitCases(code, name, _figures(mine, day.year), per_year_act))
    years = sorted({g.year for g in groups if g.year is not None})
    return CityCaseFigures(day, units, years)
