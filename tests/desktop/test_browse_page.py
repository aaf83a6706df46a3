"""The first page of a search found by walking the register (db.browse_page) is the ordinary
list's first page, exactly: over the whole small demo, every register, searches of every kind
(the first letter of a name, pinyin, USCC, ids, years, coded labels, several terms, references),
with filters, deleted records, descending ids, and in a city with its units."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from db.browse_page import first_ids
from desktop.browse import Browser, BrowseState
from desktop.ledger import Ledger
from desktop.pinyin import forms
from desktop.registers import REGISTRY


def _texts(ledger: Ledger) -> list[str]:
    """Search texts taken from the demo: every prefix of a name, of its pinyin, of a USCC, of
    an id and of a year, coded labels, several terms, punctuation."""
    user = next(iter(ledger.list("mark-user")))
    name = str(user.values["name"])
    full, initials = forms(name[3:7])
    out = ["-", "果品", "已核准", "approved", "2023 行唐", "行 唐", "x 2", "zzzz"]
    for word in (name[:6], full[0][:6], initials[0], str(user.values["uscc"])[:6], user.id[:9], "2023"):
        out.extend(word[:k] for k in range(1, len(word) + 1))
    return list(dict.fromkeys(out))


def _states(kind: str) -> list[BrowseState]:
    states = [BrowseState(), BrowseState(include_deleted=True), BrowseState(sort_key="id", descending=True)]
    if kind == "mark-user":
        states.append(BrowseState(filters={"status": ["approved"]}))
    if kind == "annual-report":
        states.append(BrowseState(filters={"year": [2023, 2024]}))
    return states


def _check(ledger: Ledger, kinds: list[str], texts: list[str], **walk: Any) -> int:
    walked = 0
    if walk:  # a walk forced through: never left to the list because its matches are sparse
        walk.setdefault("sparse", False)
    for kind in kinds:
        browser = Browser(ledger, kind)
        for state, text in itertools.product(_states(kind), texts):
            state.search = text
            expected = browser.ids(state)
            q = browser.query(state)
            if not q.search:  # punctuation only: no search, the ordinary list
                assert first_ids(ledger.db, q, 7, **walk) is None
                continue
            for limit in (1, 7, 200):
                page = first_ids(ledger.db, q, limit, **walk)
                assert page is not None, (kind, text)
                assert page.ids == expected[:limit], (kind, text, state, limit)
                assert page.complete == (len(expected) <= limit), (kind, text, limit)
                walked += 1
    return walked


def test_the_walk_gives_the_ordinary_first_page_over_a_whole_demo(demo_county: Ledger) -> None:
    texts = _texts(demo_county)
    kinds = [k for k in REGISTRY if demo_county.count(k)]
    assert {"mark-user", "annual-report", "inspection", "case"} <= set(kinds)
    # broad_at=0: every search takes the walk; small batches cross many batch edges and ranges.
    assert _check(demo_county, kinds, texts, broad_at=0, batch=7) > 1000
    assert _check(demo_county, ["mark-user", "annual-report"], texts, broad_at=0, batch=500)


def test_the_walk_with_codes_by_their_pairs(demo_county: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.browse

    # Every code as if it had many matches: the walk reads it by the phrase of its pairs, from
    # what it learnt of the index (ranges read on to the next match), the list by its prefix query.
    monkeypatch.setattr(desktop.browse, "CODE_WALK_AT", 0)
    texts = _texts(demo_county)
    q = Browser(demo_county, "annual-report").query(BrowseState(search=texts[-1]))
    assert q.search[0].codes and all(c.ranged for c in q.search[0].codes)
    assert _check(demo_county, ["mark-user", "annual-report", "inspection"], texts, broad_at=0, batch=7) > 300
    assert _check(demo_county, ["annual-report"], texts, batch=50)


def test_narrow_searches_are_listed_the_ordinary_way(demo_county: Ledger) -> None:
    assert _check(demo_county, ["mark-user", "annual-report"], _texts(demo_county)) > 100


def test_the_walk_gives_up_past_its_rows(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "annual-report")
    q = browser.query(BrowseState(search="zzzz 2"))
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10, max_rows=30) is None
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10).ids == []
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10, max_seconds=0) is None  # and past its time
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10, max_seconds=None).ids == []


def test_not_for_another_sort_or_without_a_search(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "mark-user")
    assert browser.first_page(BrowseState(), 10) is None
    assert browser.first_page(BrowseState(search="2", sort_key="name"), 10) is None
    page = browser.first_page(BrowseState(search="2"), 10)
    assert page is not None and page.ids == browser.ids(BrowseState(search="2"))[:10]


@pytest.fixture
def city_of_demo(demo_county: Ledger, city: Ledger, tmp_path) -> Ledger:
    from tests.desktop.city_helpers import send

    send(demo_county, city, tmp_path / "out")
    return city


def test_in_a_city_with_its_units(city_of_demo: Ledger) -> None:
    texts = ["行唐县", "行唐县 2", "2", "xt", "U-1301"]
    states = [BrowseState(), BrowseState(units=["130125"])]
    for kind in ("mark-user", "annual-report"):
        browser = Browser(city_of_demo, kind)
        for state, text in itertools.product(states, texts):
            state.search = text
            expected = browser.ids(state)
            page = first_ids(city_of_demo.db, browser.query(state), 9, broad_at=0, batch=5, sparse=False)
            assert page is not None and page.ids == expected[:9], (kind, text)


def test_rows_without_a_match_are_read_from_the_index_about_once(demo_county: Ledger,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.browse

    monkeypatch.setattr(desktop.browse, "CODE_WALK_AT", 0)  # the walk, by the phrase of the pairs
    browser = Browser(demo_county, "annual-report")
    last = browser.ids(BrowseState())[-1]
    assert browser.ids(BrowseState(search=last)) == [last]   # (and the index brought up to date)
    q = browser.query(BrowseState(search=last))
    reads: list[str] = []
    demo_county.db.conn.set_trace_callback(lambda sql: reads.append(sql) if "MATCH" in sql else None)
    try:
        page = first_ids(demo_county.db, q, 5, broad_at=0, batch=3, max_seconds=None, sparse=False)
    finally:
        demo_county.db.conn.set_trace_callback(None)
    assert page is not None and page.ids == [last]
    batches = demo_county.count("annual-report") // 3
    assert batches > 20 and len(reads) <= 6, len(reads)   # not one read per batch


def test_a_code_read_whole_is_listed_when_its_matches_are_sparse(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "annual-report")
    last = browser.ids(BrowseState())[-1]
    text = last[2:-1]  # an id's digits without its prefix: not read from the id range
    expected = browser.ids(BrowseState(search=text))
    assert last in expected and len(expected) < 20
    q = browser.query(BrowseState(search=text))
    (code,) = [c for c in q.search[0].codes if c.table == "annual_reports"]
    assert code.ranged is None and code.ids is None and 0 < code.tokens < 40
    # Walked (forced): the first batches hold no match, the rest would take longer than the list.
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=3) is None
    page = first_ids(demo_county.db, q, 5, broad_at=0, batch=3, sparse=False)
    assert page is not None and page.ids == expected[:5]


def test_an_id_typed_from_its_start_is_read_from_its_range(demo_county: Ledger,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from db import browse_page

    db = demo_county.db
    # An id not of the program's form (a hostile or old packet's) is found the ordinary way.
    odd = "A-130125-0001_x"
    db.conn.execute("INSERT INTO annual_reports(id, office_code, created_at, updated_at, revision, deleted, "
                    "mark_user_id, year) SELECT ?, office_code, created_at, updated_at, 1, 0, mark_user_id, "
                    "1990 FROM annual_reports LIMIT 1", (odd,))
    browser = Browser(demo_county, "annual-report")
    users = Browser(demo_county, "mark-user")
    uid = users.ids(BrowseState())[-1]
    texts = ["A-1301", "A-13012", "a130125", "A-130125-0", "A-130125-00", "A-130125-0001", "A-130125-0001x",
             "A-130125-00013", "A-130125-000139", "A-2", "U-1301", uid, uid[:-2]]
    reads: list[int] = []
    real = browse_page._by_id_range

    def counted(*a: object, **k: object) -> object:
        page = real(*a, **k)  # type: ignore[arg-type]
        reads.append(page is not None)
        return page

    monkeypatch.setattr(browse_page, "_by_id_range", counted)
    for b in (browser, users):
        for state in (BrowseState(), BrowseState(include_deleted=True), BrowseState(sort_key="id", descending=True),
                      BrowseState(filters={"year": [2023]}) if b is browser else BrowseState(units=[])):
            for text in texts:
                state.search = text
                expected = b.ids(state)
                for limit in (1, 3, 200):
                    page = first_ids(db, b.query(state), limit)
                    assert page is not None and page.ids == expected[:limit], (text, state, limit)
                    assert page.complete == (len(expected) <= limit)
    assert sum(reads) > 50
    assert odd in browser.ids(BrowseState(search="A-130125-0001"))
