"""Searching, filtering and sorting registers in SQL (desktop.browse over db.browse)."""

from __future__ import annotations

from desktop.browse import Browser, BrowseState


def _names(b: Browser, state: BrowseState) -> list[str]:
    ids = b.ids(state)
    rows = b.rows(ids)
    return [rows[i].record.values["name"] for i in ids]


def test_search_matches_text_codes_by_label_and_references_by_title(make, ledger) -> None:
    gi = make.add("gi", name="行唐大枣")
    other_gi = make.add("gi", name="赞皇大枣")
    a = make.add("mark-user", name="行唐县红枣合作社", gi_id=gi.id, entity_type="cooperative")
    b = make.add("mark-user", name="石家庄食品有限公司", gi_id=other_gi.id, entity_type="enterprise")
    users = Browser(ledger, "mark-user")
    assert users.ids(BrowseState(search="红枣")) == [a.id]
    assert users.ids(BrowseState(search="农民专业合作社")) == [a.id]      # Chinese label of a code
    assert users.ids(BrowseState(search="cooperative")) == [a.id]      # English label
    assert users.ids(BrowseState(search="赞皇")) == [b.id]              # the referenced GI's name
    assert users.ids(BrowseState(search=a.values["uscc"][-6:])) == [a.id]
    assert users.ids(BrowseState(search="行唐 合作社")) == [a.id]        # every word must match
    assert users.ids(BrowseState(search="100%_")) == []                 # LIKE wildcards are literal


def test_filters_and_sorting(make, ledger) -> None:
    make.add("resource", name="乙", tier="protect", category="primary_agri", output_t=5)
    make.add("resource", name="甲", tier="discover", category="handicraft", output_t=50)
    make.add("resource", name="丙", tier="cultivate", category="primary_agri", output_t=None)
    b = Browser(ledger, "resource")
    assert _names(b, BrowseState(filters={"category": ["primary_agri"]})) == ["乙", "丙"]
    # coded columns sort in the order the register declares (挖掘, 培育, 保护), not by code
    assert _names(b, BrowseState(sort_key="tier")) == ["甲", "丙", "乙"]
    assert _names(b, BrowseState(sort_key="tier", descending=True)) == ["乙", "丙", "甲"]
    # numbers sort as numbers; empty values come last either way
    assert _names(b, BrowseState(sort_key="output_t")) == ["乙", "甲", "丙"]
    assert _names(b, BrowseState(sort_key="output_t", descending=True)) == ["甲", "乙", "丙"]


def test_deleted_records_only_on_request_and_id_restriction(make, ledger) -> None:
    keep = make.add("resource", name="留")
    gone = make.add("resource", name="删")
    ledger.delete("resource", gone.id)
    b = Browser(ledger, "resource")
    assert b.ids(BrowseState()) == [keep.id]
    assert set(b.ids(BrowseState(include_deleted=True))) == {keep.id, gone.id}
    assert b.ids(BrowseState(ids=(gone.id,), include_deleted=True)) == [gone.id]
    assert b.ids(BrowseState(ids=())) == []


def test_rows_show_labels_and_reference_titles(make, ledger) -> None:
    user = make.add("mark-user", name="行唐县枣业公司")
    report = make.add("annual-report", mark_user_id=user.id, year=2025, review_status="approved")
    b = Browser(ledger, "annual-report")
    view = b.rows([report.id])[report.id]
    assert view.texts["mark_user_id"] == "行唐县枣业公司"
    assert view.texts["review_status"] == "审核通过"
    assert b.rows([report.id], lang="en")[report.id].texts["review_status"] == "approved"


def test_year_filter_offers_the_years_present(make, ledger) -> None:
    user = make.add("mark-user")
    for year in (2023, 2025):
        make.add("annual-report", mark_user_id=user.id, year=year)
    b = Browser(ledger, "annual-report")
    assert [o.value for o in b.filter_options("year")] == [2025, 2023]
    assert len(b.ids(BrowseState(filters={"year": [2023]}))) == 1
    assert {f.key for f in b.filter_fields()} >= {"year", "review_status"}


def test_a_city_sees_all_offices_a_county_only_its_own(make, ledger) -> None:
    from db import records
    from db.connection import now_utc
    from desktop.record import to_columns
    from desktop.registers import REGISTRY

    mine = make.add("resource", name="本县")
    kind = REGISTRY["resource"]
    values, _ = kind.coerce_all(make.values("resource", name="外县"))
    now = now_utc()
    records.insert(ledger.db, records.StoredRecord(kind.table, "R-130126-000001", "130126", now, now,
                                                   1, False, to_columns(kind, values)))
    assert Browser(ledger, "resource").ids(BrowseState()) == [mine.id]
