"""desktop.dashboard and db.dashboard: the dashboard's counts, coverage and attention lists.

Small exact scenarios built through Ledger.add (county 130125, today 2026-11-21, so
"last year" is 2025), plus the small demo checked against Ledger.count and against the
same rules evaluated record by record in Python.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import dashboard as queries
from db import records
from db.connection import now_utc, open_database, transaction
from desktop.dashboard import (
    ATTENTION,
    FINAL_STAGES,
    AttentionItem,
    Count,
    Coverage,
    Dashboard,
    compute_dashboard,
    default_office_scope,
)
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.record import Record, to_columns
from desktop.registers import REGISTRY
from desktop.registers.candidate import (
    NO_NEXT_STEP,
    PRODUCT_STAGES,
    TRADEMARK_STAGES,
    next_step_overdue,
    stages_for,
)
from desktop.registers.mark_user import AUTHORISED
from desktop.validation import uscc_check_char

TODAY = date(2026, 11, 21)
PAST = "2026-11-01"  # a deadline that has passed
FUTURE = "2026-12-01"


def attention(dash: Dashboard, key: str) -> tuple[str, ...]:
    (item,) = [a for a in dash.attention if a.key == key]
    return item.ids


def counts(items: list[Count]) -> dict[str, int]:
    return {c.code: c.n for c in items}


def approved_user(make: Any, **over: Any) -> Record:
    return make.add("mark-user", status="approved", announcement_no="公告第1号", **over)


def insert_foreign(ledger: Ledger, kind_key: str, office: str, number: int,
                   raw: dict[str, Any]) -> str:
    """Store a record of another office (as a packet merge would), bypassing Ledger.add."""
    kind = REGISTRY[kind_key]
    values, errors = kind.coerce_all(raw)
    assert not errors
    rid = records.format_id(kind.prefix, office, number)
    now = now_utc()
    with transaction(ledger.db):
        records.insert(ledger.db, records.StoredRecord(kind.table, rid, office, now, now, 1, False,
                                                       to_columns(kind, values)))
    return rid


# ---- shape and labels -------------------------------------------------------------------

def test_empty_ledger_lists_every_choice_with_zero_and_no_ratio(ledger) -> None:
    dash = compute_dashboard(ledger)
    assert dash.as_of == TODAY
    resource = REGISTRY["resource"]
    assert dash.tiers == [Count(c.code, c.zh, c.en, 0) for c in resource.field("tier").choices]
    assert [c.zh for c in dash.tiers] == ["挖掘", "培育", "保护"]
    assert dash.categories == [Count(c.code, c.zh, c.en, 0)
                               for c in resource.field("category").choices]
    assert dash.gi_types == [Count(c.code, c.zh, c.en, 0)
                             for c in REGISTRY["gi"].field("gi_type").choices]
    assert dash.user_statuses == [Count(c.code, c.zh, c.en, 0)
                                  for c in REGISTRY["mark-user"].field("status").choices]
    expected_stages = [(r.code, s.code, s.zh, s.en)
                       for r in REGISTRY["candidate"].field("route").choices
                       for s in stages_for(r.code)]
    assert [(s.route, s.stage_code, s.zh, s.en) for s in dash.stages] == expected_stages
    assert all(s.n == 0 for s in dash.stages)
    assert dash.coverage_products == Coverage(0, 0, None)
    assert dash.coverage_users == Coverage(0, 0, None)
    assert [(a.key, a.zh, a.kind, a.ids) for a in dash.attention] == [
        ("users_without_report", "未报上年度年报", "mark-user", ()),
        ("rectification_overdue", "整改期限已过", "inspection", ()),
        ("candidate_overdue", "下一步已逾期", "candidate", ()),
        ("abnormal_overdue", "异常名录整改逾期", "abnormal", ()),
        ("annual_overdue", "年报逾期未报", "mark-user", ()),
        ("case_pending", "立案待登记", "inspection", ()),
    ]
    assert all(a.kind in REGISTRY for a in ATTENTION)
    # 驳回 is not final: a review (复审) must be requested within 15 days of the rejection.
    assert set(FINAL_STAGES) == {"tm_registered", "pp_approved", "pp_refused"}
    assert set(FINAL_STAGES) == NO_NEXT_STEP


def test_the_result_is_frozen(ledger) -> None:
    dash = compute_dashboard(ledger)
    with pytest.raises(AttributeError):
        dash.as_of = date(2000, 1, 1)  # type: ignore[misc]  # the point: it is frozen
    item = dash.attention[0]
    assert isinstance(item, AttentionItem) and isinstance(item.ids, tuple) and item.count == 0


# ---- counts --------------------------------------------------------------------------------

def test_resources_per_tier_and_category_without_deleted_ones(make, ledger) -> None:
    make.add("resource", tier="discover", category="primary_agri")
    make.add("resource", tier="discover", category="medicinal")
    make.add("resource", tier="protect", category="handicraft")
    gone = make.add("resource", tier="cultivate", category="medicinal")
    ledger.delete("resource", gone.id)
    dash = compute_dashboard(ledger)
    assert counts(dash.tiers) == {"discover": 2, "cultivate": 0, "protect": 1}
    assert counts(dash.categories) == {"primary_agri": 1, "processed_food": 0, "medicinal": 1,
                                       "handicraft": 1, "other": 0}


def test_candidates_per_route_and_stage(make, ledger) -> None:
    make.add("candidate", route="collective_mark", stage="tm_filed")
    make.add("candidate", route="certification_mark", stage="tm_filed")
    make.add("candidate", route="certification_mark", stage="tm_filed")
    make.add("candidate", route="protected_product", stage="pp_province")
    gone = make.add("candidate", route="protected_product", stage="pp_province")
    ledger.delete("candidate", gone.id)
    dash = compute_dashboard(ledger)
    nonzero = {(s.route, s.stage_code): s.n for s in dash.stages if s.n}
    assert nonzero == {("collective_mark", "tm_filed"): 1, ("certification_mark", "tm_filed"): 2,
                       ("protected_product", "pp_province"): 1}
    (filed,) = [s for s in dash.stages if (s.route, s.stage_code) == ("collective_mark", "tm_filed")]
    assert (filed.zh, filed.en) == ("提交申请", "application filed")


def test_gis_per_type_and_users_per_status(make, ledger) -> None:
    gi = make.add("gi", gi_type="protected_product")
    make.add("gi", gi_type="collective_mark")
    gone_gi = make.add("gi", gi_type="agi")
    ledger.delete("gi", gone_gi.id)
    approved_user(make, gi_id=gi.id)
    make.add("mark-user", gi_id=gi.id, status="applying")
    make.add("mark-user", gi_id=gi.id, status="suspended")
    gone = approved_user(make, gi_id=gi.id)
    ledger.delete("mark-user", gone.id)
    dash = compute_dashboard(ledger)
    assert counts(dash.gi_types) == {"protected_product": 1, "collective_mark": 1,
                                     "certification_mark": 0, "agi": 0}
    assert counts(dash.user_statuses) == {"applying": 1, "approved": 1, "suspended": 1, "abnormal": 0,
                                          "disqualified": 0, "cancelled": 0}


# ---- coverage ------------------------------------------------------------------------------

def test_product_coverage_counts_gis_with_a_live_approved_user(make, ledger) -> None:
    covered = make.add("gi")
    applying_only = make.add("gi")
    lost_user = make.add("gi")
    approved_user(make, gi_id=covered.id)
    make.add("mark-user", gi_id=covered.id, status="suspended")
    make.add("mark-user", gi_id=applying_only.id, status="applying")
    gone = approved_user(make, gi_id=lost_user.id)
    ledger.delete("mark-user", gone.id)
    gone_gi = make.add("gi")
    ledger.delete("gi", gone_gi.id)
    assert compute_dashboard(ledger).coverage_products == Coverage(1, 3, 1 / 3)


def test_user_coverage_and_users_without_last_years_report(make, ledger) -> None:
    gi = make.add("gi")
    used = approved_user(make, gi_id=gi.id)
    make.add("annual-report", mark_user_id=used.id, year=2025, marks_used=100)
    unused = approved_user(make, gi_id=gi.id)
    make.add("annual-report", mark_user_id=unused.id, year=2025, marks_used=0)
    blank = approved_user(make, gi_id=gi.id)
    make.add("annual-report", mark_user_id=blank.id, year=2025)  # marks_used not filled in
    old_only = approved_user(make, gi_id=gi.id)
    make.add("annual-report", mark_user_id=old_only.id, year=2024, marks_used=50)
    make.add("annual-report", mark_user_id=old_only.id, year=2026, marks_used=50)
    withdrawn = approved_user(make, gi_id=gi.id, approval_date="2025-12-31")
    report = make.add("annual-report", mark_user_id=withdrawn.id, year=2025, marks_used=10)
    ledger.delete("annual-report", report.id)
    # Not due: not approved, or approved only this year (no 2025 to report on).
    make.add("mark-user", gi_id=gi.id, status="suspended")
    make.add("mark-user", gi_id=gi.id, status="applying")
    approved_user(make, gi_id=gi.id, approval_date="2026-01-01")
    gone = approved_user(make, gi_id=gi.id)
    ledger.delete("mark-user", gone.id)

    dash = compute_dashboard(ledger)
    assert dash.coverage_users == Coverage(1, 5, 0.2)
    assert attention(dash, "users_without_report") == (old_only.id, withdrawn.id)


def test_a_report_for_last_year_removes_the_user_from_the_list(make, ledger) -> None:
    user = approved_user(make)
    assert attention(compute_dashboard(ledger), "users_without_report") == (user.id,)
    assert compute_dashboard(ledger).coverage_users == Coverage(0, 1, 0.0)
    make.add("annual-report", mark_user_id=user.id, year=2025, marks_used=3)
    dash = compute_dashboard(ledger)
    assert attention(dash, "users_without_report") == ()
    assert dash.coverage_users == Coverage(1, 1, 1.0)


def test_last_year_follows_the_day_asked_for(make, ledger) -> None:
    user = approved_user(make, approval_date="2026-03-01")
    make.add("annual-report", mark_user_id=user.id, year=2025, marks_used=3)
    assert attention(compute_dashboard(ledger), "users_without_report") == ()
    later = compute_dashboard(ledger, today=date(2027, 2, 1))
    assert later.as_of == date(2027, 2, 1)
    assert attention(later, "users_without_report") == (user.id,)  # owes 2026 now
    assert later.coverage_users == Coverage(0, 1, 0.0)


# ---- attention: inspections, candidates, abnormal list ----------------------------------

def test_overdue_rectifications(make, ledger) -> None:
    user = make.add("mark-user")

    def inspection(**over: Any) -> Record:
        return make.add("inspection", mark_user_id=user.id, **over)

    open_order = inspection(result="rectify", rectify_deadline=PAST)
    not_rectified = inspection(result="rectify", rectify_deadline=PAST, recheck_date="2026-11-05",
                               recheck_result="not_rectified")
    inspection(result="rectify", rectify_deadline=PAST, recheck_date="2026-11-05",
               recheck_result="rectified")
    inspection(result="rectify", rectify_deadline=TODAY.isoformat())  # due today: not yet late
    inspection(result="rectify", rectify_deadline=FUTURE)
    inspection(result="case", rectify_deadline=PAST)
    inspection(result="no_problem")
    gone = inspection(result="rectify", rectify_deadline=PAST)
    ledger.delete("inspection", gone.id)

    assert attention(compute_dashboard(ledger), "rectification_overdue") == (
        open_order.id, not_rectified.id)
    ledger.edit("inspection", open_order.id, {"recheck_date": "2026-11-20",
                                              "recheck_result": "rectified"})
    assert attention(compute_dashboard(ledger), "rectification_overdue") == (not_rectified.id,)


def test_overdue_candidates_skip_final_stages(make, ledger) -> None:
    late = make.add("candidate", stage="tm_preliminary", next_deadline=PAST)
    late_product = make.add("candidate", route="protected_product", stage="pp_technical",
                            next_deadline="2026-06-01")
    make.add("candidate", stage="tm_filed", next_deadline=TODAY.isoformat())
    make.add("candidate", stage="tm_filed", next_deadline=FUTURE)
    make.add("candidate", stage="tm_filed")  # no deadline
    # 驳回 is not final: its next step (提出驳回复审, 15 days) can be overdue.
    rejected = make.add("candidate", stage="tm_rejected", next_step="提出驳回复审",
                        next_deadline=PAST)
    make.add("candidate", route="protected_product", stage="pp_refused", next_deadline=PAST)
    make.add("candidate", route="protected_product", stage="pp_approved", next_deadline=PAST,
             pp_approval_no="国家知识产权局公告第600号", pp_approval_date="2026-06-01")
    gone = make.add("candidate", stage="tm_filed", next_deadline=PAST)
    ledger.delete("candidate", gone.id)

    expected = tuple(sorted((late.id, late_product.id, rejected.id)))
    assert attention(compute_dashboard(ledger), "candidate_overdue") == expected
    ledger.advance_stage(late.id, "tm_registered", PAST,  # no next step after registration
                         extra={"registration_no": "76543210", "registration_date": PAST})
    assert attention(compute_dashboard(ledger), "candidate_overdue") == tuple(
        sorted((late_product.id, rejected.id)))


def test_overdue_is_one_definition(make, ledger) -> None:
    """The dashboard's SQL and next_step_overdue agree on every stage, with a deadline
    before, on and after today and none."""
    made = []
    for route, stages in (("collective_mark", TRADEMARK_STAGES),
                          ("protected_product", PRODUCT_STAGES)):
        for stage in stages:
            extra: dict[str, Any] = {}
            if stage.code == "tm_registered":
                extra = {"registration_no": "7654321", "registration_date": "2026-06-01"}
            elif stage.code == "pp_approved":
                extra = {"pp_approval_no": "公告第601号", "pp_approval_date": "2026-06-01"}
            for n, deadline in enumerate((PAST, TODAY.isoformat(), FUTURE, None)):
                numbered = {k: f"{v}{n}" if k.endswith("_no") else v for k, v in extra.items()}
                made.append(make.add("candidate", route=route, stage=stage.code,
                                     next_deadline=deadline, **numbered))
    ids = attention(compute_dashboard(ledger), "candidate_overdue")
    by_rule = tuple(sorted(c.id for c in made if next_step_overdue(c.values, TODAY)))
    assert ids == by_rule
    assert {ledger.get("candidate", i).values["stage"] for i in ids} == \
        {c.code for c in TRADEMARK_STAGES + PRODUCT_STAGES} - NO_NEXT_STEP


def test_overdue_abnormal_entries(make, ledger) -> None:
    user = make.add("mark-user")

    def entry(**over: Any) -> Record:
        return make.add("abnormal", mark_user_id=user.id, **over)

    late = entry(deadline=PAST)
    entry(deadline=PAST, removal_date="2026-11-10", removal_reason="已整改")
    entry(deadline=TODAY.isoformat())
    entry(deadline=FUTURE)
    entry()  # no deadline
    gone = entry(deadline=PAST)
    ledger.delete("abnormal", gone.id)
    assert attention(compute_dashboard(ledger), "abnormal_overdue") == (late.id,)


# ---- scope: which office -------------------------------------------------------------------

def test_a_county_sees_its_own_office_unless_asked_for_another(make, ledger) -> None:
    make.add("resource", tier="discover")
    other = insert_foreign(ledger, "resource", "130126", 1, {
        "name": "灵寿测试", "attribute": "grown", "category": "primary_agri", "tier": "protect",
        "survey_date": "2026-05-01"})
    assert other.startswith("R-130126-")
    assert default_office_scope(ledger) == "130125"
    assert counts(compute_dashboard(ledger).tiers) == {"discover": 1, "cultivate": 0, "protect": 0}
    assert counts(compute_dashboard(ledger, office_code="130126").tiers) == {
        "discover": 0, "cultivate": 0, "protect": 1}


def test_a_city_sees_every_office(tmp_path: Path) -> None:
    db = open_database(tmp_path / "city.db")
    try:
        init_office(db, "130100")
        city = Ledger(db, today=lambda: TODAY)
        assert default_office_scope(city) is None
        gi = city.add("gi", {"name": "市级地标", "gi_type": "collective_mark", "reference_no": "1"})
        insert_foreign(city, "gi", "130125", 1, {"name": "行唐大枣", "gi_type": "certification_mark",
                                                  "reference_no": "2"})
        body = "91130125000000001"
        user = insert_foreign(city, "mark-user", "130125", 1, {
            "name": "行唐县某公司", "uscc": body + uscc_check_char(body),
            "entity_type": "enterprise", "gi_id": gi.id, "status": "approved", "announcement_no": "1"})
        dash = compute_dashboard(city)
        assert counts(dash.gi_types)["collective_mark"] == 1
        assert counts(dash.gi_types)["certification_mark"] == 1
        assert dash.coverage_products == Coverage(1, 2, 0.5)
        assert attention(dash, "users_without_report") == (user,)
        own = compute_dashboard(city, office_code="130100")
        assert sum(c.n for c in own.gi_types) == 1 and own.coverage_products == Coverage(1, 1, 1.0)
        assert attention(own, "users_without_report") == ()
    finally:
        db.close()


# ---- the db layer ------------------------------------------------------------------------------

def test_group_counts_refuses_unknown_names(ledger) -> None:
    with pytest.raises(ValueError):
        queries.group_counts(ledger.db, "resources", ("tier; DROP TABLE resources",))
    with pytest.raises(ValueError):
        queries.group_counts(ledger.db, "sqlite_master", ("name",))
    with pytest.raises(ValueError):
        queries.group_counts(ledger.db, "resources", ())


def test_reads_leave_no_transaction_open_and_work_inside_one(make, ledger) -> None:
    make.add("resource")
    compute_dashboard(ledger)
    assert not ledger.db.conn.in_transaction
    with transaction(ledger.db):
        make.add("resource", tier="protect")
        assert counts(compute_dashboard(ledger).tiers)["protect"] == 1  # sees its own write
        assert ledger.db.conn.in_transaction


# ---- the small demo -------------------------------------------------------------------------

def _expected_attention(ledger: Ledger, day: date) -> dict[str, tuple[str, ...]]:
    """The attention rules evaluated record by record (the oracle for the SQL)."""
    year = day.year - 1
    reports = [r for r in ledger.list("annual-report") if r.get("year") == year]
    reported = {r.get("mark_user_id") for r in reports}
    due = [u for u in ledger.list("mark-user") if u.get("status") in AUTHORISED  # 异常 keeps it
           and (u.get("approval_date") is None or u.get("approval_date").year <= year)]
    by_rule = tuple(sorted(c.id for c in ledger.list("candidate")
                           if next_step_overdue(c.values, day)))
    expected = {
        "users_without_report": tuple(sorted(u.id for u in due if u.id not in reported)),
        "rectification_overdue": tuple(sorted(
            i.id for i in ledger.list("inspection") if i.get("result") == "rectify"
            and i.get("rectify_deadline") < day and i.get("recheck_result") != "rectified")),
        "candidate_overdue": tuple(sorted(
            c.id for c in ledger.list("candidate") if c.get("next_deadline") is not None
            and c.get("next_deadline") < day and c.get("stage") not in FINAL_STAGES)),
        "abnormal_overdue": tuple(sorted(
            b.id for b in ledger.list("abnormal") if b.get("removal_date") is None
            and b.get("deadline") is not None and b.get("deadline") < day)),
        "annual_overdue": tuple(sorted(
            u.id for u in ledger.list("mark-user") if u.get("status") in ("approved", "suspended", "abnormal")
            and (u.get("approval_date") is None or u.get("approval_date").year <= year)
            and u.id not in reported and day > date(year + 1, 3, 31)
            and not any(b.get("reason") == "no_annual_report" and b.get("removal_date") is None
                        for b in ledger.list("abnormal", {"mark_user_id": u.id})))),
        "case_pending": tuple(sorted(
            i.id for i in ledger.list("inspection") if i.get("result") == "case"
            and not ledger.count("case", {"inspection_id": i.id}))),
    }
    assert expected["candidate_overdue"] == by_rule, "one definition of overdue"
    return expected


def test_small_demo_totals_match_the_registers(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.db")
    try:
        generate_demo(db, size="small", seed=7, today=TODAY)
        ledger = Ledger(db, today=lambda: TODAY)
        dash = compute_dashboard(ledger)
        total = ledger.count
        assert sum(c.n for c in dash.tiers) == total("resource") > 0
        assert sum(c.n for c in dash.categories) == total("resource")
        assert sum(s.n for s in dash.stages) == total("candidate") > 0
        assert sum(c.n for c in dash.gi_types) == total("gi") > 0
        assert sum(c.n for c in dash.user_statuses) == total("mark-user") > 0
        for item in dash.user_statuses:
            assert item.n == total("mark-user", {"status": item.code})
        assert dash.coverage_products.denominator == total("gi")
        covered = sum(1 for g in ledger.list("gi")
                      if any(ledger.count("mark-user", {"gi_id": g.id, "status": s}) for s in AUTHORISED))
        assert dash.coverage_products.numerator == covered
        assert 0 < dash.coverage_users.denominator <= sum(total("mark-user", {"status": s}) for s in AUTHORISED)
        assert total("mark-user", {"status": "abnormal"}) > 0  # the demo's open entries list them
        assert {a.key: a.ids for a in dash.attention} == _expected_attention(ledger, TODAY)
        later = date(2027, 3, 1)
        assert ({a.key: a.ids for a in compute_dashboard(ledger, today=later).attention}
                == _expected_attention(ledger, later))
    finally:
        db.close()
