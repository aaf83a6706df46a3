"""The first page of a search found by walking the register (db.browse_page) is the ordinary
list's first page, exactly: over the whole small demo, every register, searches of every kind
(the first letter of a name, pinyin, USCC, ids, years, coded labels, several terms, references),
with filters, deleted records, descending ids, and in a city with its units."""

from __future__ import annotations

import itertools

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


def _check(ledger: Ledger, kinds: list[str], texts: list[str], **walk: int) -> int:
    walked = 0
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


def test_narrow_searches_are_listed_the_ordinary_way(demo_county: Ledger) -> None:
    assert _check(demo_county, ["mark-user", "annual-report"], _texts(demo_county)) > 100


def test_the_walk_gives_up_past_its_rows(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "annual-report")
    q = browser.query(BrowseState(search="zzzz 2"))
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10, max_rows=30) is None
    assert first_ids(demo_county.db, q, 5, broad_at=0, batch=10).ids == []


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
            page = first_ids(city_of_demo.db, browser.query(state), 9, broad_at=0, batch=5)
            assert page is not None and page.ids == expected[:9], (kind, text)
