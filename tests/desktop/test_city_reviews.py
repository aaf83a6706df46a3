"""Review both ways (desktop.city.reviews): the city reviews its counties' records, the reviews
go down in the reference packet (each county gets only its own), the answers come up.

The city is 130100 石家庄市; the counties 130125 行唐县 and 130126 灵寿县.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db import records
from desktop.city import reviews
from desktop.city.reviews import ReviewError
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger, NotOwner
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import


def merge(city: Ledger, path: Path) -> Any:
    return apply_import(city, plan_import(city, path)).plan


def send_up(county: Ledger, city: Ledger, tmp_path: Path, name: str) -> None:
    result = merge(city, export_packet(county, tmp_path / name).path)
    assert result.status == MERGE, result.refusals


def send_down(city: Ledger, county: Ledger, tmp_path: Path, name: str) -> Any:
    result = special.import_reference(county, special.make_reference_packet(city, tmp_path / name).path)
    assert result.status == MERGE, result.refusals + [p.describe() for p in result.problems]
    return result


@pytest.fixture
def offices(new_office: Callable[..., Ledger], make: Any) -> tuple[Ledger, Ledger, Ledger, Any, Any]:
    city, a, b = new_office("130100"), new_office("130125"), new_office("130126")
    res_a = a.add("resource", make.values("resource", name="行唐大枣"))
    stats_b = b.add("stats", make.values("stats", as_of="2023-12-31"))
    return city, a, b, res_a, stats_b


def test_review_round_trip_through_packets(offices: tuple[Ledger, Ledger, Ledger, Any, Any],
                                           tmp_path: Path) -> None:
    city, a, b, res_a, stats_b = offices
    send_up(a, city, tmp_path, "a1.xlsx")
    send_up(b, city, tmp_path, "b1.xlsx")
    assert reviews.state_of(city, res_a.id).state == "none"

    returned = reviews.review_record(city, res_a.id, "退回", "普查日期与照片不符，请核实")
    assert returned.values["record_revision"] == 1 and returned.values["verdict"] == "returned"
    reviews.review_record(city, stats_b.id, "checked")
    state = reviews.state_of(city, res_a.id)
    assert state.state == "returned" and state.label() == "退回待答复" and state.comment.startswith("普查日期")
    assert reviews.state_of(city, stats_b.id).state == "checked"
    assert {s.record_id for s in reviews.list_reviews(city, open_only=True)} == {res_a.id}

    # down: A gets only the review of its own record
    result = send_down(city, a, tmp_path, "ref1.xlsx")
    assert result.counts["review"]["left_out"] == 1
    assert [s.record_id for s in reviews.list_reviews(a)] == [res_a.id]
    open_a = reviews.open_reviews(a)
    assert [s.review_id for s in open_a] == [returned.id] and open_a[0].open_for_unit
    assert records.get(a.db, "reviews", reviews.state_of(city, stats_b.id).review_id or "") is None
    send_down(city, b, tmp_path, "ref1b.xlsx")
    assert [s.record_id for s in reviews.list_reviews(b)] == [stats_b.id] and not reviews.open_reviews(b)

    # one writer per record
    with pytest.raises(NotOwner):
        a.edit("review", returned.id, {"verdict": "checked"})
    with pytest.raises(NotOwner):
        city.edit("resource", res_a.id, {"name": "市局改名"})
    with pytest.raises(NotOwner):
        a.add("review", {"record_id": res_a.id, "verdict": "checked", "review_date": "2026-11-01"})
    with pytest.raises(ReviewError):
        reviews.answer_review(b, reviews.list_reviews(b)[0].review_id or "", "无需答复")  # a checked review

    # A answers; up it goes; the city sees 已答复待复核
    answer = reviews.answer_review(a, returned.id, "已核实，普查日期改为2024年5月1日")
    assert answer.values["review_revision"] == 1
    assert reviews.open_reviews(a) == []
    send_up(a, city, tmp_path, "a2.xlsx")
    state = reviews.state_of(city, res_a.id)
    assert state.state == "answered" and state.label("en") == "answered, awaiting a new review"
    assert state.answer.startswith("已核实")
    with pytest.raises(NotOwner):
        city.edit("review-answer", answer.id, {"answer": "市局改写"})

    # the city re-reviews: 已核 (the same review, edited)
    again = reviews.review_record(city, res_a.id, "checked")
    assert again.id == returned.id and again.revision == 2
    assert city.count("review", {"record_id": res_a.id}) == 1
    assert reviews.state_of(city, res_a.id).state == "checked"
    assert reviews.list_reviews(city, open_only=True) == []

    # the county edits the record: 记录已修改
    a.edit("resource", res_a.id, {"survey_date": "2024-05-01"})
    send_up(a, city, tmp_path, "a3.xlsx")
    assert reviews.state_of(city, res_a.id).state == "modified"
    assert reviews.state_of(city, res_a.id).label() == "记录已修改"

    # returned again: a new answer is needed at the new revision
    third = reviews.review_record(city, res_a.id, "returned", "照片仍缺")
    assert third.revision == 3 and third.values["record_revision"] == 2
    send_down(city, a, tmp_path, "ref2.xlsx")
    assert [s.review_id for s in reviews.open_reviews(a)] == [returned.id]
    assert reviews.state_of(a, res_a.id).state == "returned"
    reviews.answer_review(a, returned.id, "已补照片")
    send_up(a, city, tmp_path, "a4.xlsx")
    assert reviews.state_of(city, res_a.id).state == "answered"


def test_review_refusals(offices: tuple[Ledger, Ledger, Ledger, Any, Any], tmp_path: Path) -> None:
    city, a, _b, res_a, _stats_b = offices
    own = city.add("work-plan", {"name": "计划", "year": 2024})
    with pytest.raises(ReviewError) as info:
        reviews.review_record(city, own.id, "checked")
    assert "own record" in str(info.value)
    with pytest.raises(ReviewError):
        reviews.review_record(city, res_a.id, "checked")  # not merged here
    with pytest.raises(ReviewError):
        reviews.review_record(city, "nonsense", "checked")
    send_up(a, city, tmp_path, "a.xlsx")
    with pytest.raises(ValidationFailed):  # a return without a reason
        reviews.review_record(city, res_a.id, "returned")
    with pytest.raises(NotOwner):  # a county writes no reviews
        reviews.review_record(a, res_a.id, "checked")
    assert city.count("review") == 0
    with pytest.raises(ReviewError):
        reviews.answer_review(a, "V-130100-000001", "答复")


def test_states_of_many_records_use_one_lookup_each_chunk(offices: tuple[Ledger, Ledger, Ledger, Any, Any],
                                                           tmp_path: Path) -> None:
    city, a, _b, res_a, _stats_b = offices
    send_up(a, city, tmp_path, "a.xlsx")
    reviews.review_record(city, res_a.id, "checked")
    ids = [res_a.id] + [f"R-130125-{n:06d}" for n in range(100, 1300)]
    states = reviews.review_states(city, ids)
    assert states[res_a.id].state == "checked" and states["R-130125-000100"].state == "none"
    assert len(states) == len(ids)


def test_review_lookups_never_scan_a_register(offices: tuple[Ledger, Ledger, Ledger, Any, Any],
                                              tmp_path: Path) -> None:
    """Every statement behind the states and the lists finds records by an index (a city may
    hold millions of records); only the list of the reviews received walks the reviews."""
    city, a, _b, res_a, _stats_b = offices
    send_up(a, city, tmp_path, "a.xlsx")
    reviews.review_record(city, res_a.id, "returned", "请补充")
    seen: list[str] = []
    city.db.conn.set_trace_callback(seen.append)
    try:
        reviews.review_states(city, [res_a.id, "R-130125-000099"])
        reviews.list_reviews(city)
        reviews.list_reviews(city, received=True, open_only=True)
    finally:
        city.db.conn.set_trace_callback(None)
    selects = [s for s in seen if "FROM reviews" in s]
    assert len(selects) == 3
    for sql in selects:
        assert "?" not in sql  # the trace shows the statement with its values bound
        plan = [row[3] for row in city.db.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not [p for p in plan if p.startswith("SCAN") and not p.startswith("SCAN v ")], plan
    assert any("SEARCH v USING INDEX reviews_record" in row[3]
               for row in city.db.conn.execute("EXPLAIN QUERY PLAN " + selects[0]))
