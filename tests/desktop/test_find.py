"""Find anything (desktop.find): one text over every register, grouped, matched as each
register page's search box matches; and the pick-lists' pinyin (desktop.pinyin_list)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from db.connection import open_database
from desktop.browse import Browser, BrowseState
from desktop.demo import generate_demo
from desktop.find import FIND_KINDS, find_all, iter_find, searchable
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from desktop.pinyin_list import PinyinList, search_divisions

from .city_helpers import send

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """County 130125 with the small demo (read only in these tests)."""
    db = open_database(tmp_path_factory.mktemp("find") / "demo.db")
    generate_demo(db, size="small", seed=7, today=TODAY, clerk="测试员")
    ledger = Ledger(db, today=lambda: TODAY)
    yield ledger
    ledger.close()


def _group(groups, kind):
    found = [g for g in groups if g.kind == kind]
    assert found, f"no {kind} group in {[g.kind for g in groups]}"
    return found[0]


def test_a_mark_user_by_name_with_its_detail(demo: Ledger) -> None:
    user = next(iter(demo.list("mark-user")))
    groups = find_all(demo, user.values["name"])
    group = _group(groups, "mark-user")
    hit = next(h for h in group.hits if h.id == user.id)
    assert hit.title == user.values["name"]
    assert user.values["uscc"] in hit.detail  # the detail: USCC and the GI
    gi = demo.get("gi", user.values["gi_id"])
    assert gi.values["name"] in hit.detail


def test_by_uscc_fragment_and_by_id(demo: Ledger) -> None:
    report = next(iter(demo.list("annual-report")))
    user = demo.get("mark-user", report.values["mark_user_id"])
    fragment = user.values["uscc"][6:14]
    assert user.id in [h.id for h in _group(find_all(demo, fragment, per_kind=50), "mark-user").hits]
    by_id = find_all(demo, user.id)
    group = _group(by_id, "mark-user")
    assert group.total == 1 and group.hits[0].id == user.id
    # the user's reports are found by the user's id too (their reference), named after the user
    reports = _group(by_id, "annual-report")
    assert reports.hits and all(h.title == user.values["name"] for h in reports.hits)
    assert all(str(r.values["year"]) in h.detail for h in reports.hits
               for r in [demo.get("annual-report", h.id)])


def test_groups_and_totals_are_those_of_each_register_page(demo: Ledger) -> None:
    groups = find_all(demo, "行唐", per_kind=3)
    kinds = [g.kind for g in groups]
    assert kinds == [k for k in FIND_KINDS if k in kinds]  # in the declared order
    assert {"mark-user", "gi", "resource"} <= set(kinds)
    for g in groups:
        ids = Browser(demo, g.kind).ids(BrowseState(search="行唐"))
        assert g.total == len(ids)
        assert [h.id for h in g.hits] == ids[:3]
        assert g.more == max(0, len(ids) - 3)
    gi = _group(groups, "gi")
    assert all(h.title.startswith("行唐") for h in gi.hits)


def test_english_details(demo: Ledger) -> None:
    gi = _group(find_all(demo, "行唐大枣", lang="en"), "gi").hits[0]
    assert "certification mark" in gi.detail.lower()
    assert "证明商标" in _group(find_all(demo, "行唐大枣"), "gi").hits[0].detail


def test_short_texts(demo: Ledger) -> None:
    assert not searchable("") and not searchable("  ") and not searchable("a") and not searchable("1")
    assert searchable("枣") and searchable("ab")
    assert find_all(demo, "") == [] and find_all(demo, "x") == []
    assert _group(find_all(demo, "枣"), "gi").total >= 1
    assert find_all(demo, "没有这样的名字") == []


def test_cancelled_between_registers(demo: Ledger) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Cancelled):
        find_all(demo, "行唐", cancelled=cancelled)
    search = iter_find(demo, "行唐")
    first = next(search)
    assert first.kind == "mark-user"
    search.close()  # the window drops a stale search like this


def test_a_gi_by_pinyin_initials_through_browser(demo: Ledger) -> None:
    gi = _group(find_all(demo, "xtdz"), "gi")
    assert "行唐大枣" in [h.title for h in gi.hits]


def test_city_finds_the_records_of_every_unit(new_office, tmp_path: Path) -> None:
    city = new_office("130100")
    names = {"130125": "行唐县寻找测试有限公司", "130183": "晋州市寻找测试有限公司"}
    for code, name in names.items():
        county = new_office(code)
        gi = county.add("gi", {"name": f"{county.office.name}测试标志", "gi_type": "certification_mark",
                               "reference_no": "12345678"})
        from desktop.validation import uscc_check_char

        first17 = f"91{code}000000001"
        county.add("mark-user", {"name": name, "uscc": first17 + uscc_check_char(first17),
                                 "entity_type": "enterprise", "status": "applying", "gi_id": gi.id})
        send(county, city, tmp_path / "packets" / code)
    group = _group(find_all(city, "寻找测试"), "mark-user")
    assert group.total == 2
    assert sorted(h.title for h in group.hits) == sorted(names.values())
    assert all(("行唐" in h.detail) or ("晋州" in h.detail) for h in group.hits)  # the unit named


# ---- pick-lists (desktop.pinyin_list) -------------------------------------------------------

def test_pinyin_list_filters_by_text_initials_and_full_pinyin() -> None:
    items = PinyinList(["行唐大枣（G-1）", "晋州鸭梨（G-2）", "赵县雪梨（G-3）", "ABC公司"])
    assert items.filtered_labels("xtdz") == ["行唐大枣（G-1）"]
    assert items.filtered_labels("jinzhou") == ["晋州鸭梨（G-2）"]
    assert items.filtered_labels("li") == ["晋州鸭梨（G-2）", "赵县雪梨（G-3）"]
    assert items.filtered_labels("G-3") == ["赵县雪梨（G-3）"]
    assert items.filtered_labels("abc") == ["ABC公司"]
    assert items.filtered_labels("") == items.labels
    assert items.filtered_labels("鸭梨") == ["晋州鸭梨（G-2）"]
    assert items.filtered_labels("htdz") == ["行唐大枣（G-1）"]  # 行 read hang too


def test_pinyin_list_made_in_slices_matches_text_meanwhile() -> None:
    labels = [f"用标企业{n}号" for n in range(400)] + ["行唐大枣合作社"]
    keys = labels
    items = PinyinList(labels, keys)
    assert not items.ready
    assert items.filter("xtdz", wait=False) == []  # not spelt yet: text only
    assert items.filter("大枣", wait=False) == [400]
    while not items.prepare(0.0):
        pass
    assert items.ready and items.filter("xtdz", wait=False) == [400]
    assert PinyinList(["甲"], ["行唐"]).filtered_labels("xt") == ["甲"]  # found by its key
    with pytest.raises(ValueError):
        PinyinList(["a", "b"], ["a"])


def test_office_search_by_pinyin() -> None:
    assert "晋州市" in [d.name for d in search_divisions("jinzhou")]
    assert [d.code for d in search_divisions("130125")] == ["130125"]
    assert search_divisions("xingtang")[0].code == "130125"
    assert [d.name for d in search_divisions("晋州")] == ["晋州市"]
    assert len(search_divisions("s", limit=7)) == 7
