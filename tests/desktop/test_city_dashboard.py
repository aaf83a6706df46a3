"""The city dashboard's figures (desktop.city.dashboard) and the 单位 column and filter of the
register tables (desktop.browse) on a small city built here: city 130100 石家庄市 importing
the packets of two counties, 130125 行唐县 (the ``ledger`` fixture) and 130102 长安区.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.browse import UNIT_KEY, Browser, BrowseState, describe_filters
from desktop.city import dashboard as citydash
from desktop.ledger import Ledger
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import

TODAY = date(2026, 11, 21)


def take(city: Ledger, county: Ledger, path: Path) -> None:
    """Export ``county``'s packet and merge it at ``city``."""
    export_packet(county, path)
    outcome = apply_import(city, plan_import(city, path)).plan
    assert outcome.status == MERGE, outcome


def fill(make: Any, region: str, *, users: int, marked: int, stats: dict[str, int] | None,
         stages: tuple[str, ...] = (), shared_uscc: str | None = None, unreported: int = 0) -> None:
    """Records of one county: ``users`` approved mark users (``marked`` of them used the mark
    in 2025, the last ``unreported`` without a 2025 report), candidates at ``stages``, a
    statistics row as of 2025-12-31."""
    gi = make.add("gi", gi_type="protected_product")
    for n in range(users):
        uscc = shared_uscc if shared_uscc and n == 0 else make.uscc(100 + n, region)
        user = make.add("mark-user", gi_id=gi.id, status="approved", approval_date="2024-03-01",
                        announcement_no=f"公告{n}", uscc=uscc)
        if n < users - unreported:
            make.add("annual-report", mark_user_id=user.id, year=2025, marks_used=100 if n < marked else 0)
    for stage in stages:
        make.add("candidate", stage=stage,
                 route="protected_product" if stage.startswith("pp_") else "certification_mark")
    if stats is not None:
        make.add("stats", as_of="2025-12-31", **stats)


@pytest.fixture
def small_city(ledger: Ledger, make: Any, city: Ledger, new_office: Callable[..., Ledger],
               tmp_path: Path) -> Ledger:
    """City 130100 holding 行唐县 (4 users, 3 marked, stats) and 长安区 (6 users, 4 marked,
    1 without a report, no statistics row); the two share one USCC."""
    shared = make.uscc(777)
    fill(make, "130125", users=4, marked=3, stages=("tm_filed", "tm_filed", "pp_province"), shared_uscc=shared,
         stats={"registered_trademarks": 4120, "well_known_marks": 2, "gi_trademarks": 1,
                "gi_products": 1, "gi_products_using_mark": 1})
    changan = new_office("130102")
    other = type(make)(changan)
    fill(other, "130102", users=6, marked=4, stages=("tm_preparing",), shared_uscc=shared, stats=None,
         unreported=1)
    take(city, ledger, tmp_path / "130125.xlsx")
    take(city, changan, tmp_path / "130102.xlsx")
    return city


def test_city_dashboard_figures_per_unit(small_city: Ledger) -> None:
    d = citydash.compute_city_dashboard(small_city, TODAY)
    codes = [u.code for u in d.units]
    assert codes[:2] == ["130102", "130104"] and len(codes) == 22  # 石家庄's 22 units, in order
    assert d.stats_as_of == date(2025, 12, 31)
    assert d.table["registered_trademarks"]["130125"] == 4120
    assert d.table["gi_products_using_mark"]["130125"] == 1
    assert d.table["registered_trademarks"]["130102"] is None  # 未报送, not 0
    assert "130102" in d.missing_stats and "130125" not in d.missing_stats
    assert d.pipeline["130125"] == {"tm_filed": 2, "pp_province": 1}
    assert d.pipeline["130102"] == {"tm_preparing": 1}
    assert [s.code for s in d.stages] == ["tm_preparing", "tm_filed", "pp_province"]
    assert (d.coverage["130125"].numerator, d.coverage["130125"].denominator) == (3, 4)
    assert (d.coverage["130102"].numerator, d.coverage["130102"].denominator) == (4, 6)
    assert d.coverage["130104"].ratio is None
    p = d.packets["130125"]
    assert p.last_sequence == 1 and p.merged == 1 and p.last_merged is not None and not p.overdue
    assert d.packets["130104"].overdue and d.packets["130104"].last_sequence is None
    assert d.duplicates["mark-user"]["130125"] == 1 and d.duplicates["mark-user"]["130102"] == 1
    assert d.duplicates_of("130104") == 0


def test_a_packet_older_than_the_setting_is_overdue(small_city: Ledger) -> None:
    later = date.today().replace(year=date.today().year + 1)
    assert citydash.compute_city_dashboard(small_city, later).packets["130125"].overdue
    citydash.set_overdue_days(small_city, 3660)
    d = citydash.compute_city_dashboard(small_city, later)
    assert d.overdue_days == 3660 and not d.packets["130125"].overdue
    with pytest.raises(citydash.OverdueDaysError) as info:
        citydash.set_overdue_days(small_city, 0)
    assert "逾期天数" in str(info.value) and "overdue days" in str(info.value)
    audited = small_city.db.conn.execute(
        "SELECT after FROM audit_log WHERE action = 'settings' ORDER BY id DESC").fetchone()
    assert audited is not None and "3660" in audited[0]  # audited; the refused 0 wrote nothing
    assert citydash.overdue_days(small_city) == 3660


def test_a_reviewed_duplicate_no_longer_waits(small_city: Ledger) -> None:
    user = next(r for r in small_city.list("mark-user", office_code="130125") if r.values["uscc"]
                in {u.values["uscc"] for u in small_city.list("mark-user", office_code="130102")})
    small_city.add("review", {"record_id": user.id, "record_revision": user.revision, "verdict": "checked",
                              "review_date": "2026-11-20", "reviewer": "市局"})
    d = citydash.compute_city_dashboard(small_city, TODAY)
    assert d.duplicates["mark-user"]["130125"] == 0 and d.duplicates["mark-user"]["130102"] == 1


def test_unit_breakdown(small_city: Ledger) -> None:
    lines = {line.code: line for line in citydash.unit_breakdown(small_city, TODAY)}
    assert lines["130125"].users_approved == 4 and lines["130102"].users_approved == 6
    assert lines["130125"].users_without_report == 0 and lines["130102"].users_without_report == 1
    assert lines["130125"].candidates == 3 and lines["130125"].gis == 1
    assert lines["130102"].coverage_users.numerator == 4
    assert lines["130104"].resources == 0


def test_register_tables_show_and_filter_units(small_city: Ledger) -> None:
    browser = Browser(small_city, "mark-user")
    assert [c.key for c in browser.columns[:2]] == ["id", UNIT_KEY]
    everyone = browser.ids(BrowseState())
    assert len(everyone) == 10
    changan = browser.ids(BrowseState(units=["130102"]))
    assert len(changan) == 6 and all("-130102-" in i for i in changan)
    both = browser.ids(BrowseState(units=["130102", "130125"]))
    assert len(both) == 10
    rows = browser.rows(changan[:2])
    assert {r.texts[UNIT_KEY] for r in rows.values()} == {"长安区"}
    options = browser.unit_options()
    assert [o.value for o in options][:2] == ["130102", "130104"]
    assert "130125" in [o.value for o in options]
    # sort by unit: the list's order (长安区 before 行唐县)
    ordered = browser.ids(BrowseState(sort_key=UNIT_KEY))
    assert all("-130102-" in i for i in ordered[:6]) and all("-130125-" in i for i in ordered[6:])
    backwards = browser.ids(BrowseState(sort_key=UNIT_KEY, descending=True))
    assert all("-130125-" in i for i in backwards[:4])
    # search by the unit's name
    assert len(browser.ids(BrowseState(search="行唐"))) == 4
    assert describe_filters(browser, {}, "zh", ["130102"]) == "单位=长安区"
    assert describe_filters(browser, {}, "en", ["130102", "130125"]) == "unit=长安区, 行唐县"


def test_a_county_table_has_no_unit_column(ledger: Ledger, make: Any) -> None:
    make.add("mark-user")
    browser = Browser(ledger, "mark-user")
    assert UNIT_KEY not in [c.key for c in browser.columns]
    assert browser.unit_options() == []
    assert len(browser.ids(BrowseState(units=["130102"]))) == 1  # ignored in county mode


def test_the_group_by_variants_agree_with_the_dashboards_queries(small_city: Ledger) -> None:
    from db import dashboard as q
    from desktop.dashboard import CODES

    db = small_city.db
    coverage = q.user_coverage_by_office(db, CODES, 2025)
    figures = q.user_figures_by_office(db, CODES, 2025)
    statuses = q.group_counts(db, "mark_users", ("office_code", "status"))
    for office in ("130125", "130102"):
        assert coverage[office] == q.user_coverage(db, CODES, 2025, office)
        approved, marked, due, without = figures[office]
        assert approved == statuses[(office, "approved")]
        assert (marked, due) == coverage[office]
        assert without == len(q.users_without_report(db, CODES, 2025, office))
    assert sum(n for n, _d in coverage.values()) == q.user_coverage(db, CODES, 2025)[0]


def test_a_province_lists_its_cities_as_units(new_office: Callable[..., Ledger]) -> None:
    province = new_office("130000")
    browser = Browser(province, "mark-user")
    assert browser.units is not None and browser.units.order[0] == "130100"
    assert browser.units.label("130100") == "石家庄市"
    assert [c.key for c in browser.columns[:2]] == ["id", UNIT_KEY]
    d = citydash.compute_city_dashboard(province, TODAY)
    assert d.units[0].code == "130100" and all(p.overdue for p in d.packets.values())
