"""The completeness view (报送情况): a small city of 石家庄 whose counties sent (or did not send)
their packets, the statuses, the rates, and the printed xlsx and PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.city import completeness as cp
from desktop.ledger import Ledger

from .city_helpers import send, stats

ON_TIME, LATE, NEVER, NO_ROW = "130102", "130104", "130108", "130105"


@pytest.fixture
def small_city(city: Ledger, new_office: Callable[..., Ledger], tmp_path: Path) -> Ledger:
    """City 130100 with four of its units in 2024Q2 (end 2024-06-30, deadline 2024-07-15):
    长安区 on time, 桥西区 late (overdue), 裕华区 never sent anything, 新华区 sent a packet in time
    without its row for the period (its row is as of 2024-03-31)."""
    folder = tmp_path / "packets"
    a, b, d = new_office(ON_TIME), new_office(LATE), new_office(NO_ROW)
    stats(a, "2024-06-30")
    send(a, city, folder, "2024-07-10T02:00:00+00:00")
    stats(b, "2024-06-30")
    send(b, city, folder, "2024-08-01T02:00:00+00:00")
    stats(d, "2024-03-31")
    send(d, city, folder, "2024-07-01T02:00:00+00:00")
    return city


def by_code(view: cp.Completeness) -> dict[str, cp.UnitReport]:
    return {u.code: u for u in view.units}


def test_on_time_overdue_never_and_row_missing(small_city: Ledger) -> None:
    view = cp.completeness(small_city, "2024Q2")
    assert view.deadline == date(2024, 7, 15) and view.grace == 15
    units = by_code(view)
    a, b, c, d = units[ON_TIME], units[LATE], units[NEVER], units[NO_ROW]
    assert (a.status, a.reported, a.on_time, a.overdue) == ("on_time", True, True, False)
    assert a.last_sequence == 1 and a.last_received == date(2024, 7, 10)
    assert a.stats_as_of == date(2024, 6, 30) and a.stats_id and a.arrived == date(2024, 7, 10)
    assert (b.status, b.reported, b.on_time, b.overdue) == ("late", True, False, True)
    assert (c.status, c.reported, c.overdue, c.packets, c.last_sequence) == ("never", False, True, 0, None)
    assert (d.status, d.reported, d.overdue) == ("missing_row", False, False)
    assert d.last_received == date(2024, 7, 1) and d.stats_id is None
    # the units in the city's order, all 22 of them
    assert [u.code for u in view.units][:4] == ["130102", "130104", "130108", "130105"]
    assert len(view.units) == 22


def test_rates(small_city: Ledger) -> None:
    view = cp.completeness(small_city, "2024Q2")
    assert (view.expected, view.reported, view.on_time) == (22, 2, 1)
    assert view.reporting_rate == pytest.approx(2 / 22)
    assert view.on_time_rate == pytest.approx(1 / 22)
    assert view.overdue == 20  # 桥西区 and the 19 units that never sent anything
    data = view.to_json()
    assert data["reported"] == 2 and data["units"][0]["status_zh"] == "按时报送"


def test_a_longer_grace_makes_the_late_unit_on_time(small_city: Ledger) -> None:
    units = by_code(cp.completeness(small_city, "2024Q2", grace=40))
    assert units[LATE].status == "on_time" and not units[LATE].overdue


def test_before_the_deadline_nothing_is_overdue(small_city: Ledger) -> None:
    view = cp.completeness(small_city, "2024Q2", today=date(2024, 7, 12))
    units = by_code(view)
    assert not any(u.overdue for u in view.units)
    assert units[NEVER].status == "never"
    assert view.overdue == 0


def test_the_row_for_the_period_is_the_latest_within_it(small_city: Ledger) -> None:
    # 新华区's row as of 2024-03-31 is the row of Q1 (and of March), not of Q2
    assert by_code(cp.completeness(small_city, "2024Q1"))[NO_ROW].reported
    assert by_code(cp.completeness(small_city, "2024-03"))[NO_ROW].stats_as_of == date(2024, 3, 31)
    assert not by_code(cp.completeness(small_city, "2024-04"))[NO_ROW].reported
    # the year 2024: 长安区's row as of 2024-06-30 is its latest within the year
    assert by_code(cp.completeness(small_city, "2024"))[ON_TIME].stats_as_of == date(2024, 6, 30)


@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("2024", "2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024年", "2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024Q2", "2024Q2", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024q4", "2024Q4", date(2024, 10, 1), date(2024, 12, 31)),
    ("2024年第二季度", "2024Q2", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024-05", "2024-05", date(2024, 5, 1), date(2024, 5, 31)),
    ("2024/2", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024年12月", "2024-12", date(2024, 12, 1), date(2024, 12, 31)),
])
def test_periods(text: str, label: str, start: date, end: date) -> None:
    p = cp.parse_period(text)
    assert (p.label, p.start, p.end) == (label, start, end)


@pytest.mark.parametrize("text", ["2024Q5", "2024-13", "24", "下个月", ""])
def test_a_period_that_cannot_be_read_is_refused_in_both_languages(text: str) -> None:
    with pytest.raises(cp.PeriodError) as info:
        cp.parse_period(text)
    assert "报送期间" in str(info.value) and "period" in str(info.value)


def test_the_xlsx_reads_back(small_city: Ledger, tmp_path: Path) -> None:
    path = cp.write(small_city, cp.completeness(small_city, "2024Q2"), tmp_path / "报送情况.xlsx")
    ws = openpyxl.load_workbook(path)["报送情况"]
    assert ws["A1"].value == "各县（市、区）数据报送情况（2024年第2季度）"
    rows = list(ws.iter_rows(values_only=True))
    head = rows.index(tuple(cp.HEADER))
    body = rows[head + 1:head + 23]
    assert body[0][:3] == (1, ON_TIME, "长安区") and body[0][3] == "第 1 号" and body[0][-1] == "按时报送"
    assert body[1][-1] == "逾期报送" and body[1][8] == "是"
    assert body[2][-1] == "未报送" and body[3][-1] == "缺本期统计表"
    assert body[0][4] == "2024-07-10" and body[0][5] == "2024-06-30"
    status_col = len(cp.HEADER)
    assert ws.cell(row=head + 3, column=status_col).fill.fgColor.rgb.endswith("FFC7CE")  # 桥西区 red
    assert ws.cell(row=head + 2, column=status_col).fill.fgColor.rgb.endswith("C6EFCE")  # 长安区 green
    footer = " ".join(str(r[0]) for r in rows[head + 23:] if r[0])
    assert "报送率 9.1%" in footer and "按时报送率 4.5%" in footer


def test_the_pdf_reads_back(small_city: Ledger, tmp_path: Path, pdf) -> None:
    path = cp.write(small_city, cp.completeness(small_city, "2024Q2"), tmp_path / "报送情况.pdf")
    text = pdf.text(path)
    for expected in ("数据报送情况", "2024年第2季度", "长安区", "按时报送", "逾期报送", "未报送",
                     "缺本期统计表", "2024-07-15", "报送率", "新乐市"):
        assert expected in text, expected


def test_another_file_type_is_refused(small_city: Ledger, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        cp.write(small_city, cp.completeness(small_city, "2024Q2"), tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()
