"""The completeness view (报送情况), like DHIS2's reporting-rate summary: for a period, which
units have sent their statistics row, which sent it on time, and which are overdue.

The rules, for a period (a year ``2024``, a quarter ``2024Q2`` or a month ``2024-05``) and a
grace of ``grace`` days (default :data:`DEFAULT_GRACE`):

- **The period's end** is the as-of date the unit's statistics row should carry
  (2024Q2 → 2024-06-30). The **deadline** is the end plus the grace (2024-07-15).
- **The row for the period** is the unit's live statistics row with the latest ``as_of``
  within the period (normally the period's end itself; an earlier date in the period is
  shown with its date, as the city table would take it for that end date).
  A unit *has reported* when that row has arrived.
- **When it arrived**: the receipt of the first merged packet of the unit logged at or after
  the row was created at the county (the first packet that can have carried it); when the
  clocks disagree and none is that late, the unit's last merged packet. It is **on time**
  when that is on or before the deadline.
- **Overdue**: the deadline has passed (before today) and no packet of the unit was received
  from the period's start to the deadline. A unit that sent a packet in time but without the
  period's row is not overdue: it is shown as 缺本期统计表 (row missing).
- Receipt times are the packet log's (UTC); a day is compared as its UTC date.
- **Reporting rate** = units that reported / units; **on-time rate** = units that reported on
  time / units (DHIS2's "reporting rate" and "reporting rate on time").

The units are :func:`desktop.city.units.current_units`, in their order; only merged data
counts (the packet log's merged packets, the statistics rows as merged).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db import city_reporting
from db.dashboard import read_snapshot
from desktop.city.sheets import Table, write_table
from desktop.city.units import current_units
from desktop.ledger import Ledger
from desktop.validation import Reason

__all__ = ["DEFAULT_GRACE", "Period", "PeriodError", "parse_period", "UnitReport", "Completeness",
           "completeness", "STATUSES", "status_text", "as_table", "write"]

log = logging.getLogger(__name__)

DEFAULT_GRACE = 15
"""Days after the period's end by which the unit's packet is due."""

STATUSES: dict[str, tuple[str, str]] = {
    "on_time": ("按时报送", "on time"),
    "late": ("逾期报送", "reported late"),
    "missing_row": ("缺本期统计表", "row missing"),
    "overdue": ("逾期未报", "overdue"),
    "pending": ("待报送", "not yet due"),
    "never": ("未报送", "never reported"),
}
"""Each unit's state for the period: code → (中文, English)."""


class PeriodError(ValueError):
    """A period that cannot be read (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


@dataclass(frozen=True)
class Period:
    """A reporting period: its label as typed (normalised), first and last day."""

    label: str
    start: date
    end: date

    @property
    def zh(self) -> str:
        """The period in words: 2024年、2024年第2季度、2024年5月."""
        if len(self.label) == 4:
            return f"{self.label}年"
        if "Q" in self.label:
            return f"{self.start.year}年第{self.label[-1]}季度"
        return f"{self.start.year}年{self.start.month}月"


_YEAR = re.compile(r"^(\d{4})年?$")
_QUARTER = re.compile(r"^(\d{4})\s*(?:[Qq]|年第|年\s*[Qq])([1-4])(?:季度)?$")
_MONTH = re.compile(r"^(\d{4})(?:-|/|年)(\d{1,2})月?$")
_QUARTER_WORDS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def parse_period(text: str) -> Period:
    """``2024`` (or 2024年), ``2024Q2`` (2024年第2季度, 2024年第二季度), ``2024-05``
    (2024/5, 2024年5月)."""
    t = text.strip()
    for word, digit in _QUARTER_WORDS.items():
        t = t.replace(f"第{word}季度", f"第{digit}季度")
    if m := _YEAR.match(t):
        y = int(m.group(1))
        return Period(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))
    if m := _QUARTER.match(t):
        y, q = int(m.group(1)), int(m.group(2))
        return Period(f"{y:04d}Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if (m := _MONTH.match(t)) and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return Period(f"{y:04d}-{mo:02d}", date(y, mo, 1), _month_end(y, mo))
    raise PeriodError(Reason(f"报送期间“{text}”无法识别，应为年份（2024）、季度（2024Q2）或月份（2024-05）",
                             f"cannot read the period {text!r}: give a year (2024), a quarter (2024Q2) "
                             "or a month (2024-05)"))


@dataclass(frozen=True)
class UnitReport:
    """One unit's line of the view."""

    position: int
    code: str
    name: str
    packets: int
    """Merged packets received from the unit (ever)."""
    last_sequence: int | None
    last_received: date | None
    stats_id: str | None
    stats_as_of: date | None
    stats_revision: int | None
    arrived: date | None
    """When the period's row arrived (see the module docstring)."""
    reported: bool
    on_time: bool
    overdue: bool
    status: str
    """A key of :data:`STATUSES`."""

    def to_json(self) -> dict[str, Any]:
        return {"position": self.position, "code": self.code, "name": self.name,
                "packets": self.packets, "last_sequence": self.last_sequence,
                "last_received": _iso(self.last_received), "stats_id": self.stats_id,
                "stats_as_of": _iso(self.stats_as_of), "stats_revision": self.stats_revision,
                "arrived": _iso(self.arrived), "reported": self.reported, "on_time": self.on_time,
                "overdue": self.overdue, "status": self.status,
                "status_zh": STATUSES[self.status][0], "status_en": STATUSES[self.status][1]}


@dataclass(frozen=True)
class Completeness:
    """The view for one period."""

    period: Period
    grace: int
    deadline: date
    today: date
    units: list[UnitReport]

    @property
    def expected(self) -> int:
        return len(self.units)

    @property
    def reported(self) -> int:
        return sum(u.reported for u in self.units)

    @property
    def on_time(self) -> int:
        return sum(u.on_time for u in self.units)

    @property
    def overdue(self) -> int:
        return sum(u.overdue for u in self.units)

    @property
    def reporting_rate(self) -> float | None:
        """Units reported / units (None without units)."""
        return self.reported / self.expected if self.units else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.expected if self.units else None

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period.label, "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(), "grace_days": self.grace,
                "deadline": self.deadline.isoformat(), "today": self.today.isoformat(),
                "units": [u.to_json() for u in self.units], "expected": self.expected,
                "reported": self.reported, "on_time": self.on_time, "overdue": self.overdue,
                "reporting_rate": self.reporting_rate, "on_time_rate": self.on_time_rate}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _day(stamp: str | None) -> date | None:
    return date.fromisoformat(stamp[:10]) if stamp else None


def completeness(ledger: Ledger, period: Period | str, *, grace: int = DEFAULT_GRACE,
                 today: date | None = None) -> Completeness:
    """The completeness of every unit for ``period`` (see the module docstring)."""
    if isinstance(period, str):
        period = parse_period(period)
    if grace < 0:
        raise PeriodError(Reason(f"宽限天数不能为负数：{grace}", f"the grace in days cannot be negative: {grace}"))
    today = today or ledger.today()
    deadline = period.end + timedelta(days=grace)
    units = current_units(ledger)
    with read_snapshot(ledger.db) as db:
        rows = city_reporting.period_rows(db, period.start.isoformat(), period.end.isoformat())
        sent = city_reporting.packet_summary(db, period.start.isoformat(),
                                             (deadline + timedelta(days=1)).isoformat())
    out = []
    for u in units:
        s, row = sent.get(u.code), rows.get(u.code)
        last_received = _day(s.last_at) if s else None
        arrived = (_day(row.arrived_at) or last_received) if row else None
        reported = row is not None
        on_time = reported and arrived is not None and arrived <= deadline
        passed = today > deadline
        overdue = passed and (s is None or s.in_window == 0)
        if s is None:
            status = "never"
        elif reported:
            status = "on_time" if on_time else "late"
        elif s.in_window:
            status = "missing_row"
        else:
            status = "overdue" if passed else "pending"
        out.append(UnitReport(u.position, u.code, u.name, s.merged if s else 0,
                              s.last_sequence if s else None, last_received,
                              row.id if row else None, date.fromisoformat(row.as_of) if row else None,
                              row.revision if row else None, arrived, reported, on_time, overdue, status))
    log.info("completeness %s: %d of %d units reported", period.label, sum(x.reported for x in out), len(out))
    return Completeness(period, grace, deadline, today, out)


def status_text(code: str, lang: str | None = None) -> str:
    """A status in one language (``zh``/``en``) or both (None)."""
    zh, en = STATUSES[code]
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


HEADER = ["序号", "单位代码", "单位名称", "最近数据包", "最近接收日期", "本期统计表截止日期",
          "统计表到达日期", "按时", "逾期", "状态"]
"""The printed table's columns."""


def as_table(view: Completeness) -> Table:
    """The view as a printable table (Chinese headers; overdue rows in red)."""
    rows: list[list[str | int | float | None]] = []
    colours: dict[tuple[int, int], str] = {}
    for i, u in enumerate(view.units):
        rows.append([u.position, u.code, u.name,
                     f"第 {u.last_sequence} 号" if u.last_sequence is not None else "",
                     _iso(u.last_received), _iso(u.stats_as_of), _iso(u.arrived),
                     "是" if u.on_time else "否", "是" if u.overdue else "",
                     STATUSES[u.status][0]])
        colour = ("red" if u.overdue or u.status == "never" else "green" if u.on_time
                  else "amber" if u.status in ("late", "missing_row") else None)
        if colour:
            colours[(i, 9)] = colour
            if colour == "red":
                colours.update({(i, c): "red" for c in (0, 1, 2, 8)})
    v = view
    footer = [f"应报单位 {v.expected} 个，已报 {v.reported} 个，报送率 {_pct(v.reporting_rate)}；"
              f"按时报送 {v.on_time} 个，按时报送率 {_pct(v.on_time_rate)}；逾期 {v.overdue} 个。",
              "已报：本期（期间内截止日期最晚的）统计表已合并；按时：该统计表所在数据包在报送期限前接收；"
              "逾期：报送期限已过，期间开始至期限内未收到数据包。"]
    return Table(title=f"各县（市、区）数据报送情况（{v.period.zh}）",
                 subtitle=f"报送期间 {v.period.start.isoformat()} 至 {v.period.end.isoformat()}，"
                          f"报送期限 {v.deadline.isoformat()}（期末后 {v.grace} 天），统计日 {v.today.isoformat()}",
                 header=list(HEADER), rows=rows, weights=[6, 10, 12, 10, 13, 16, 14, 6, 6, 14],
                 footer=footer, colours=colours, sheet_name="报送情况", centred=(0, 1, 3, 4, 5, 6, 7, 8),
                 form_no="地标市01表")


def write(ledger: Ledger, view: Completeness, path: Path) -> Path:
    """Print the view to ``path`` (``.xlsx`` or ``.pdf``)."""
    return write_table(ledger, as_table(view), path)
