"""The city's targets (工作目标): the defaults from the seeds, and the evaluation of each unit.

Targets are records of the register ``target`` (year, measure, threshold, scope, due,
source), added and edited like any record. :func:`add_defaults` adds the seeds' targets for
a year. :func:`evaluate` gives each unit green / amber / red per target, with the figure and
the reason, from merged data only (the registers as merged from the units' packets):

- **Figures** for target year Y, counted up to ``cutoff`` = the as-of date or the end of Y,
  whichever is earlier:
  ``gi_any`` (一县一品) live protected GIs that are a GI product or a GI trademark
  (保护产品、集体商标、证明商标; the former agricultural GIs do not count), approved by the
  cutoff (a GI without an approval date counts); ``new_products`` GI products approved from
  1 January of Y to the cutoff; ``new_trademarks`` GI collective and certification marks
  approved in that time; ``model_enterprises`` live mark users with a model-enterprise level
  whose title year is Y or earlier; ``coverage_pct`` the dashboard's user coverage
  (:func:`db.dashboard.user_coverage`) for the annual reports of Y: approved users due a report
  for Y whose report says the mark was used, in percent.
- **Status**: met (figure ≥ threshold) → green; not met and the due date (the target's
  ``due``, else 31 December of Y) is before the as-of date → red; not met but still in time
  → amber. A unit that has sent no packet at all → red, 未报送.
- **Scope**: a ``per_unit`` target is evaluated for each unit; the 全市 row counts the units
  that met it (green when all did). A ``city_total`` target is evaluated on the city's total
  (the sum over the units; coverage as the summed numerators over the summed denominators),
  shown on the 全市 row; each unit shows its contribution (no colour, except 未报送 in red).

A province evaluates its cities the same way: the records of a city's counties count for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from db import city_reporting, city_targets
from db.connection import transaction
from db.dashboard import read_snapshot
from desktop.city.sheets import Table, write_table
from desktop.city.units import Unit, current_units
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import mark_user
from desktop.registers.city_units import MEASURES
from desktop.validation import Reason

__all__ = ["DEFAULTS", "DefaultTarget", "TargetError", "add_defaults", "Target", "Mark", "Evaluation",
           "evaluate", "as_table", "write", "measure_label", "short_label", "SHORT_LABELS", "GI_ANY_TYPES"]

log = logging.getLogger(__name__)

GI_ANY_TYPES = ("protected_product", "collective_mark", "certification_mark")
"""The protected-GI types that make 一县一品: a GI product or a GI trademark."""
_PRODUCT = ("protected_product",)
_TRADEMARKS = ("collective_mark", "certification_mark")
_USER_APPROVED = mark_user.AUTHORISED  # 已核准 and 列入异常名录: both keep the authorisation

_XUCHANG = "许昌市地理标志高质量发展行动实施方案（2023—2025年）（seeds/003_9f3f21046d9d98b9.txt）"
_PUYANG = "濮阳市知识产权（商标、地理标志）工作文件（seeds/001_8540e882885c34e4.txt）"


@dataclass(frozen=True)
class DefaultTarget:
    """A target the seeds set: measure, threshold, scope and where it is written."""

    measure: str
    threshold: int
    scope: str
    source: str
    note: str


DEFAULTS: tuple[DefaultTarget, ...] = (
    DefaultTarget("gi_any", 1, "per_unit",
                  f"{_PUYANG}：“力争在‘十四五’期间每县（区）注册一件地理标志商标或申请一件地理标志产品”；"
                  "许昌同上方案：实现“一县一品（一标）”",
                  "一县一品（一标）：每个县（市、区）至少1件地理标志产品或地理标志商标"),
    DefaultTarget("coverage_pct", 80, "city_total",
                  f"{_XUCHANG}：“地理标志经营主体使用地理标志专用标志覆盖率达到80%”",
                  "许昌：到2025年底"),
    DefaultTarget("new_products", 1, "city_total",
                  f"{_XUCHANG}：“全市新增地理标志保护产品1个以上”", "许昌：到2025年底，每年不少于1个"),
    DefaultTarget("new_trademarks", 1, "city_total",
                  f"{_XUCHANG}：“新增地理标志商标1件以上”", "许昌：到2025年底，每年不少于1件"),
    DefaultTarget("model_enterprises", 10, "city_total",
                  f"{_XUCHANG}：“培育地理标志示范企业10家”", "许昌：到2025年底"),
)
"""The seeds' targets: 一县一品 (濮阳, also 许昌), and 许昌's coverage, new GIs and model
enterprises."""


class TargetError(ValueError):
    """Targets that cannot be added (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


SHORT_LABELS: dict[str, tuple[str, str]] = {
    "gi_any": ("一县一品", "one GI per county"), "coverage_pct": ("用标覆盖率", "mark-use coverage"),
    "new_products": ("新增保护产品", "new GI products"), "new_trademarks": ("新增地理标志商标", "new GI trademarks"),
    "model_enterprises": ("示范企业", "model enterprises"),
}
"""A measure's name in a column heading."""


def short_label(measure: str, lang: str = "zh") -> str:
    """A measure's short name (a column heading) in ``zh`` or ``en``."""
    zh, en = SHORT_LABELS.get(measure, (measure, measure))
    return zh if lang == "zh" else en


def measure_label(measure: str, lang: str = "zh") -> str:
    """A measure's label in ``zh`` or ``en``."""
    for c in MEASURES:
        if c.code == measure:
            return c.zh if lang == "zh" else c.en
    return measure


def add_defaults(ledger: Ledger, year: int) -> list[Record]:
    """Add the seeds' targets for ``year`` through the ledger (audited), all or none; refuses
    when a target of the same year, measure and scope is there already, naming it."""
    live = {(r.values["year"], r.values["measure"], r.values["scope"]): r
            for r in ledger.list("target", {"year": year}, office_code=ledger.office.code)}
    clash = [live[(year, d.measure, d.scope)] for d in DEFAULTS if (year, d.measure, d.scope) in live]
    if clash:
        names = "、".join(f"{measure_label(r.values['measure'])}（{r.id}）" for r in clash)
        names_en = ", ".join(f"{measure_label(r.values['measure'], 'en')} ({r.id})" for r in clash)
        raise TargetError(Reason(f"{year} 年已有这些目标，未添加任何目标：{names}",
                                 f"{year} has these targets already; nothing was added: {names_en}"))
    with transaction(ledger.db):
        added = [ledger.add("target", {"year": year, "measure": d.measure, "threshold": d.threshold,
                                       "scope": d.scope, "source": d.source, "note": d.note})
                 for d in DEFAULTS]
    log.info("added the %d default targets of %d", len(added), year)
    return added


@dataclass(frozen=True)
class Target:
    """A target as evaluated."""

    id: str
    year: int
    measure: str
    threshold: float
    scope: str
    due: date
    source: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "year": self.year, "measure": self.measure, "threshold": self.threshold,
                "scope": self.scope, "due": self.due.isoformat(), "source": self.source}


@dataclass(frozen=True)
class Mark:
    """One cell of the grid: the status (``green``/``amber``/``red``, or None for a unit's
    contribution to a city-wide target), the figure and the reason."""

    status: str | None
    value: float | None
    reason_zh: str
    reason_en: str
    numerator: int | None = None
    denominator: int | None = None

    def reason(self, lang: str | None = None) -> str:
        return self.reason_zh if lang == "zh" else self.reason_en if lang == "en" \
            else f"{self.reason_zh} / {self.reason_en}"

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "reason_zh": self.reason_zh, "reason_en": self.reason_en}


@dataclass(frozen=True)
class Evaluation:
    """The grid units × targets for one year and as-of date, and the 全市 row."""

    year: int
    as_of: date
    targets: list[Target]
    units: list[Unit]
    reported: set[str]
    """Units that have sent at least one merged packet."""
    marks: dict[tuple[str, str], Mark]
    """(unit code, target id) → its cell."""
    totals: dict[str, Mark]
    """target id → the 全市 cell."""

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "as_of": self.as_of.isoformat(),
                "targets": [t.to_json() for t in self.targets],
                "units": [{"position": u.position, "code": u.code, "name": u.name,
                           "reported": u.code in self.reported,
                           "marks": {t.id: self.marks[(u.code, t.id)].to_json() for t in self.targets}}
                          for u in self.units],
                "total": {t.id: self.totals[t.id].to_json() for t in self.targets}}


def _targets(ledger: Ledger, year: int) -> list[Target]:
    order = [c.code for c in MEASURES]
    recs = ledger.list("target", {"year": year}, office_code=ledger.office.code)
    out = [Target(r.id, year, r.values["measure"], float(r.values["threshold"]), r.values["scope"],
                  r.values.get("due") or date(year, 12, 31), r.values.get("source")) for r in recs]
    return sorted(out, key=lambda t: (order.index(t.measure) if t.measure in order else 99, t.scope, t.id))


@dataclass
class _Figures:
    counts: dict[str, dict[str, int]]
    coverage: dict[str, tuple[int, int]]


def _figures(ledger: Ledger, year: int, cutoff: date) -> tuple[_Figures, set[str]]:
    by_city = ledger.office.level == "province"
    upto, start = cutoff.isoformat(), date(year, 1, 1).isoformat()
    with read_snapshot(ledger.db) as db:
        counts = {
            "gi_any": city_targets.gi_counts(db, GI_ANY_TYPES, upto, by_city=by_city),
            "new_products": city_targets.gi_counts(db, _PRODUCT, upto, approved_from=start, by_city=by_city),
            "new_trademarks": city_targets.gi_counts(db, _TRADEMARKS, upto, approved_from=start,
                                                     by_city=by_city),
            "model_enterprises": city_targets.model_enterprises_by_office(db, min(year, cutoff.year),
                                                                          by_city=by_city),
        }
        coverage = city_targets.user_coverage_by_office(db, _USER_APPROVED, year, by_city=by_city)
        sent = set(city_reporting.packet_summary(db, "", "").keys())
    return _Figures(counts, coverage), sent


def _num(v: float) -> str:
    return f"{v:g}"


def _figure_text(t: Target, value: float | None, num: int | None, den: int | None) -> tuple[str, str]:
    if t.measure == "coverage_pct":
        if not den:
            return (f"无应报 {t.year} 年报的已核准用标主体", f"no approved user due a {t.year} report")
        return (f"用标覆盖率 {value:.1f}%（{t.year} 年报用标 {num}/{den}）",
                f"coverage {value:.1f}% ({num} of {den} users used the mark in {t.year})")
    n = _num(value or 0)
    return {
        "gi_any": (f"地理标志产品和商标 {n} 件", f"{n} GI product(s) and trademark(s)"),
        "new_products": (f"{t.year} 年新增地理标志保护产品 {n} 个", f"{n} new GI product(s) in {t.year}"),
        "new_trademarks": (f"{t.year} 年新增地理标志商标 {n} 件", f"{n} new GI trademark(s) in {t.year}"),
        "model_enterprises": (f"示范企业 {n} 家", f"{n} model enterprise(s)"),
    }.get(t.measure, (n, n))


def _judge(t: Target, value: float | None, num: int | None, den: int | None, as_of: date) -> Mark:
    fz, fe = _figure_text(t, value, num, den)
    th = _num(t.threshold)
    if value is not None and value >= t.threshold:
        return Mark("green", value, f"已达标：{fz}，目标 ≥ {th}", f"met: {fe}, target ≥ {th}", num, den)
    if as_of > t.due:
        return Mark("red", value, f"未达标：{fz}，目标 ≥ {th}，期限 {t.due.isoformat()} 已过",
                    f"not met: {fe}, target ≥ {th}, due {t.due.isoformat()} has passed", num, den)
    return Mark("amber", value, f"尚未达标：{fz}，目标 ≥ {th}，期限 {t.due.isoformat()}",
                f"not met yet: {fe}, target ≥ {th}, due {t.due.isoformat()}", num, den)


def _value(t: Target, fig: _Figures, codes: list[str]) -> tuple[float | None, int | None, int | None]:
    if t.measure == "coverage_pct":
        num = sum(fig.coverage.get(c, (0, 0))[0] for c in codes)
        den = sum(fig.coverage.get(c, (0, 0))[1] for c in codes)
        return (100.0 * num / den if den else None), num, den
    return float(sum(fig.counts.get(t.measure, {}).get(c, 0) for c in codes)), None, None


_NOT_REPORTED = Mark("red", None, "未报送：该单位尚未报送任何数据包", "not reported: no packet from this unit yet")


def evaluate(ledger: Ledger, year: int, as_of: date | None = None) -> Evaluation:
    """Each unit's status per target of ``year`` as of ``as_of`` (default today)."""
    as_of = as_of or ledger.today()
    cutoff = min(as_of, date(year, 12, 31))
    targets = _targets(ledger, year)
    units = current_units(ledger)
    fig, sent = _figures(ledger, year, cutoff)
    reported = {u.code for u in units if u.code in sent}
    marks: dict[tuple[str, str], Mark] = {}
    totals: dict[str, Mark] = {}
    for t in targets:
        for u in units:
            value, num, den = _value(t, fig, [u.code])
            if u.code not in reported:
                marks[(u.code, t.id)] = _NOT_REPORTED
            elif t.scope == "per_unit":
                marks[(u.code, t.id)] = _judge(t, value, num, den, as_of)
            else:
                fz, fe = _figure_text(t, value, num, den)
                marks[(u.code, t.id)] = Mark(None, value, f"计入全市：{fz}", f"counts towards the city: {fe}",
                                             num, den)
        if t.scope == "per_unit":
            cells = [marks[(u.code, t.id)] for u in units]
            met = sum(m.status == "green" for m in cells)
            status = ("green" if cells and met == len(cells)
                      else "red" if any(m.status == "red" for m in cells) else "amber")
            totals[t.id] = Mark(status, float(met), f"{len(cells)} 个单位中 {met} 个达标",
                                f"{met} of {len(cells)} units met it", met, len(cells))
        else:
            value, num, den = _value(t, fig, [u.code for u in units])
            totals[t.id] = _judge(t, value, num, den, as_of)
    log.info("evaluated %d target(s) of %d for %d units", len(targets), year, len(units))
    return Evaluation(year, as_of, targets, units, reported, marks, totals)


_WORDS = {"green": "达标", "amber": "未达标（期限未到）", "red": "未达标", None: ""}


def _cell_text(t: Target, m: Mark) -> str:
    if m.value is None:
        return "未报送" if m is _NOT_REPORTED else "—"
    text = f"{m.value:.1f}%" if t.measure == "coverage_pct" else _num(m.value)
    return f"{text} {_WORDS[m.status]}".strip()


def as_table(ev: Evaluation) -> Table:
    """The grid as a printable table: a row per unit and the 全市 row, a column per target
    (its figure and status, coloured), then the reasons of the cells that are not green."""
    header = ["序号", "单位", *(f"{short_label(t.measure)}（≥{_num(t.threshold)}"
                                f"{'，全市' if t.scope == 'city_total' else ''}）" for t in ev.targets)]
    rows: list[list[str | int | float | None]] = []
    colours: dict[tuple[int, int], str] = {}
    notes: list[str] = []
    for i, u in enumerate(ev.units):
        rows.append([u.position, u.name, *(_cell_text(t, ev.marks[(u.code, t.id)]) for t in ev.targets)])
        for c, t in enumerate(ev.targets):
            m = ev.marks[(u.code, t.id)]
            if m.status:
                colours[(i, c + 2)] = m.status
            if m.status in ("amber", "red") and m is not _NOT_REPORTED:
                notes.append(f"{u.name}·{measure_label(t.measure)}：{m.reason_zh}")
    rows.append(["", "全市", *(_cell_text(t, ev.totals[t.id]) for t in ev.targets)])
    for c, t in enumerate(ev.targets):
        m = ev.totals[t.id]
        if m.status:
            colours[(len(ev.units), c + 2)] = m.status
        notes.append(f"全市·{measure_label(t.measure)}：{m.reason_zh}")
    missing = [u.name for u in ev.units if u.code not in ev.reported]
    if missing:
        notes.append(f"未报送任何数据包的单位（{len(missing)} 个）：{'、'.join(missing)}")
    return Table(title=f"{ev.year} 年地理标志工作目标完成情况", header=header, rows=rows,
                 weights=[6, 12, *(18 for _ in ev.targets)],
                 subtitle=f"统计截至 {ev.as_of.isoformat()}；仅计已合并的各单位数据；"
                          "绿：达标，黄：未达标但期限未到，红：未达标且已过期限或未报送",
                 footer=notes, colours=colours, sheet_name="工作目标",
                 centred=(0, *range(2, 2 + len(ev.targets))), form_no="地标市02表")


def write(ledger: Ledger, ev: Evaluation, path: Path) -> Path:
    """Print the evaluation to ``path`` (``.xlsx`` or ``.pdf``)."""
    return write_table(ledger, as_table(ev), path)
