"""desktop.demo: the demo county's data are valid, consistent, deterministic, and never
mixed into (or half-written to) a real database.

Only the small size runs here; ``bench/bench_demo.py`` times the large one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from db import maintenance, meta, records
from db.connection import open_database
from db.migrations import RECORD_TABLES
from desktop import checks, demo, divisions, stats
from desktop.demo import KIND_ORDER, DemoRefused, generate_demo
from desktop.jobs import Cancelled
from desktop.ledger import Ledger, init_office
from desktop.registers import REGISTRY
from desktop.registers.candidate import FINAL_APPROVED, stages_for
from desktop.validation import check_uscc

TODAY = date(2026, 11, 21)

SMALL_RANGES: dict[str, tuple[int, int]] = {
    "resource": (30, 30), "candidate": (8, 8), "stage-event": (8, 8 * 8), "gi": (3, 6),
    "mark-user": (40, 40), "annual-report": (50, 200), "plan": (1, 3), "inspection": (40, 40),
    "abnormal": (1, 10), "stats": (1, 1),
}


@pytest.fixture
def new_db(tmp_path: Path) -> Any:
    """Open a fresh, uninitialised database file; closes them all at the end."""
    opened: list[sqlite_utils.Database] = []

    def make(name: str = "demo.db") -> sqlite_utils.Database:
        database = open_database(tmp_path / name)
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def small(new_db: Any) -> tuple[sqlite_utils.Database, demo.DemoSummary]:
    database = new_db()
    return database, generate_demo(database, size="small", seed=7, today=TODAY)


def ledger_of(database: sqlite_utils.Database) -> Ledger:
    return Ledger(database, today=lambda: TODAY)


def content(database: sqlite_utils.Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every register row, without the created/updated timestamps."""
    out = {}
    for table in RECORD_TABLES:
        out[table] = [(r.id, r.office_code, r.revision, r.deleted, sorted(r.values.items()))
                      for r in records.find(database, table, include_deleted=True)]
    return out


# ---- what the small demo writes ----------------------------------------------------------


def test_small_demo_writes_every_kind_with_plausible_counts(small) -> None:
    database, summary = small
    assert summary.office_code == "130125"
    assert list(summary.counts) == list(KIND_ORDER)
    for kind, (lo, hi) in SMALL_RANGES.items():
        assert lo <= summary.counts[kind] <= hi, (kind, summary.counts[kind])
    ledger = ledger_of(database)
    for kind, n in summary.counts.items():
        assert ledger.count(kind, include_deleted=True) == n, kind
    assert meta.get_setting(database, "demo") == "small"
    assert ledger.office.name == "行唐县"
    assert summary.seconds > 0


def test_small_demo_passes_the_whole_file_check(small) -> None:
    """Integrity, references, every record's rules and the statistics row: no finding at all."""
    database, summary = small
    report = checks.check_file(ledger_of(database))
    assert report.findings == []
    assert report.records_checked == sum(summary.counts.values())


def test_real_facts_of_the_county(small) -> None:
    ledger = ledger_of(small[0])
    gis = {(g.get("name"), g.get("gi_type")) for g in ledger.list("gi")}
    assert ("行唐大枣", "certification_mark") in gis
    (cand,) = ledger.list("candidate", {"name": "行唐大枣"})
    assert (cand.get("route"), cand.get("stage")) == ("protected_product", "pp_technical")
    (flagship,) = ledger.list("resource", {"name": "行唐大枣"})
    assert flagship.get("one_county_one_product") is True
    assert flagship.get("protection") == ["certification_mark", "applying"]
    towns = {name for _, name in divisions.towns("130125")}
    for res in ledger.list("resource"):
        assert set(res.get("towns") or []) <= towns
        assert len(res.get("name")) >= 3


@pytest.mark.parametrize(("code", "name", "gi_type"), [
    ("130183", "晋州鸭梨", "protected_product"),
    ("130109", "藁城宫面", "protected_product"),
    ("130129", "赞皇大枣", "protected_product"),
])
def test_other_units_get_their_own_gis(new_db, code: str, name: str, gi_type: str) -> None:
    database = new_db()
    summary = generate_demo(database, office_code=code, today=TODAY)
    ledger = ledger_of(database)
    assert summary.office_code == code == ledger.office.code
    assert any(g.get("name") == name and g.get("gi_type") == gi_type for g in ledger.list("gi"))
    assert checks.check_file(ledger).findings == []


def test_jinzhou_pear_has_twelve_users_approved_in_2024(new_db) -> None:
    database = new_db()
    generate_demo(database, office_code="130183", today=TODAY)
    ledger = ledger_of(database)
    (pear,) = ledger.list("gi", {"name": "晋州鸭梨", "gi_type": "protected_product"})
    users = [u for u in ledger.list("mark-user", {"gi_id": pear.id})
             if u.get("approval_date") and u.get("approval_date").year == 2024]
    assert len(users) >= 12


@pytest.mark.parametrize("code", ["130171", "110101", "410926"])
def test_any_county_gets_valid_generated_data(new_db, code: str) -> None:
    database = new_db()
    generate_demo(database, office_code=code, seed=3, today=TODAY)
    assert checks.check_file(ledger_of(database)).findings == []


def test_an_initialised_empty_database_keeps_its_office(db) -> None:
    """The ``db`` fixture is 行唐县; an initialised, empty file keeps its own office."""
    init_office_code = meta.self_office(db).code
    summary = generate_demo(db, office_code="130183", today=TODAY)
    assert summary.office_code == init_office_code == "130125"


# ---- identifiers, references and consistency ------------------------------------------------


def test_every_uscc_is_valid_and_user_codes_are_unique(small) -> None:
    ledger = ledger_of(small[0])
    codes = [u.get("uscc") for u in ledger.list("mark-user")]
    codes += [g.get("holder_uscc") for g in ledger.list("gi")]
    codes += [r.get("applicant_uscc") for r in ledger.list("resource") if r.get("applicant_uscc")]
    assert len(codes) > 40
    for code in codes:
        assert check_uscc(code) is None, code
        assert code[2:8] == "130125"
    kinds = {"enterprise": "91", "individual": "92", "cooperative": "93"}
    users = list(ledger.list("mark-user"))
    assert len({u.get("uscc") for u in users}) == len(users)
    for u in users:
        assert u.get("uscc")[:2] == kinds[u.get("entity_type")]
        assert u.get("phone")[:1] in "10"


def test_candidates_last_stage_event_matches_their_stage(small) -> None:
    ledger = ledger_of(small[0])
    cands = list(ledger.list("candidate"))
    routes = Counter(c.get("route") for c in cands)
    assert routes["protected_product"] and (routes["collective_mark"] + routes["certification_mark"])
    for cand in cands:
        events = sorted(ledger.list("stage-event", {"candidate_id": cand.id}), key=lambda e: e.id)
        assert events, cand.id
        last = events[-1]
        assert (last.get("stage"), last.get("event_date")) == (cand.get("stage"), cand.get("stage_date"))
        order = [c.code for c in stages_for(cand.get("route"))]
        assert events[0].get("from_stage") is None and events[0].get("stage") == order[0]
        for before, after in pairwise(events):
            assert after.get("from_stage") == before.get("stage")
            assert after.get("event_date") > before.get("event_date")
        if cand.get("stage") in FINAL_APPROVED:
            (gi,) = ledger.list("gi", {"candidate_id": cand.id})
            assert gi.get("approval_date") == cand.get("stage_date")
            assert gi.get("gi_type") == cand.get("route")


def test_stats_row_agrees_with_the_generated_gis(small) -> None:
    ledger = ledger_of(small[0])
    (row,) = ledger.list("stats")
    derived = stats.derive(ledger)
    assert stats.disagreements(row, derived) == []
    gis = list(ledger.list("gi"))
    assert row.get("gi_trademarks") == sum(
        g.get("gi_type") in ("collective_mark", "certification_mark") for g in gis)
    assert row.get("gi_products") == sum(g.get("gi_type") == "protected_product" for g in gis)
    assert row.get("gi_trademarks") + row.get("gi_products") >= 3


def test_dates_are_anchored_on_today(small) -> None:
    ledger = ledger_of(small[0])
    years = {r.get("year") for r in ledger.list("annual-report")}
    assert years <= set(range(TODAY.year - 5, TODAY.year))
    for res in ledger.list("resource"):
        assert (TODAY - res.get("survey_date")).days <= 3 * 366
    for ins in ledger.list("inspection"):
        assert 0 <= (TODAY - ins.get("inspection_date")).days <= 3 * 366
        assert len(set(ins.get("inspectors"))) >= 2
        if ins.get("result") == "rectify":
            assert ins.get("rectify_deadline") > ins.get("inspection_date")
    entries = list(ledger.list("abnormal"))
    assert any(e.get("removal_date") is None for e in entries)


# ---- determinism --------------------------------------------------------------------------


def test_same_seed_and_day_give_identical_records_and_another_seed_differs(new_db) -> None:
    a, b, c = new_db("a.db"), new_db("b.db"), new_db("c.db")
    generate_demo(a, seed=11, today=TODAY)
    generate_demo(b, seed=11, today=TODAY)
    generate_demo(c, seed=12, today=TODAY)
    assert content(a) == content(b)
    assert content(a) != content(c)
    names = {r.get("name") for r in ledger_of(a).list("mark-user")}
    assert names != {r.get("name") for r in ledger_of(c).list("mark-user")}


# ---- refusal, cancel, progress --------------------------------------------------------------


def test_refuses_a_database_that_holds_a_record_and_leaves_it_unchanged(db) -> None:
    Ledger(db, today=lambda: TODAY).add("resource", {
        "name": "行唐大枣", "attribute": "grown", "category": "primary_agri", "tier": "protect",
        "survey_date": "2026-05-01"})
    before = maintenance.content_digest(db)
    with pytest.raises(DemoRefused) as info:
        generate_demo(db, today=TODAY)
    message = str(info.value)
    assert "演示数据" in message and "demo data" in message
    assert maintenance.content_digest(db) == before
    assert meta.get_setting(db, "demo") is None


def test_refuses_an_unknown_size(new_db) -> None:
    database = new_db()
    before = maintenance.content_digest(database)
    with pytest.raises(DemoRefused, match="small"):
        generate_demo(database, size="huge", today=TODAY)
    assert maintenance.content_digest(database) == before


@pytest.mark.parametrize("initialised", [False, True])
def test_a_cancel_leaves_the_file_exactly_as_before(tmp_path: Path, initialised: bool) -> None:
    path = tmp_path / "demo.db"
    database = open_database(path)
    if initialised:
        init_office(database, "130125", clerk="测试员")
    before = maintenance.content_digest(database)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)

    with pytest.raises(Cancelled):
        generate_demo(database, today=TODAY, progress=progress,
                      cancelled=lambda: any(n > 0 for n in seen))
    assert max(seen) > 0  # it had started writing
    assert maintenance.content_digest(database) == before
    database.close()
    reopened = open_database(path)
    try:
        assert maintenance.content_digest(reopened) == before
        assert (meta.self_office(reopened) is not None) == initialised
    finally:
        reopened.close()


def test_progress_counts_every_row_up_to_the_total(new_db) -> None:
    calls: list[tuple[int, int]] = []
    summary = generate_demo(new_db(), today=TODAY, progress=lambda d, t: calls.append((d, t)))
    total = sum(summary.counts.values())
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] == 0 and done[-1] == total


def test_full_report_mode_gives_exactly_five_reports_per_user(new_db, monkeypatch) -> None:
    """The large size's exact counts (5 years × every user), on a size that runs fast."""
    medium = dataclasses.replace(demo.SIZES["large"], resources=60, candidates=20, gis=8,
                                 mark_users=300, inspections=300, abnormal=20, plans=3)
    monkeypatch.setitem(demo.SIZES, "medium", medium)
    database = new_db()
    summary = generate_demo(database, size="medium", today=TODAY)
    assert summary.counts["annual-report"] == 5 * summary.counts["mark-user"] == 1500
    assert summary.counts["resource"] == 60 and summary.counts["inspection"] == 300
    assert summary.counts["gi"] == 8
    per_user = Counter(r.get("mark_user_id") for r in ledger_of(database).list("annual-report"))
    assert set(per_user.values()) == {5}
    assert checks.check_file(ledger_of(database)).findings == []


def test_sizes_match_the_benchmark_contract() -> None:
    large = demo.SIZES["large"]
    assert (large.resources, large.mark_users, large.inspections) == (2_000, 20_000, 20_000)
    assert large.full_reports and demo.REPORT_YEARS == 5  # 100,000 annual reports
    assert set(REGISTRY) >= set(KIND_ORDER)
