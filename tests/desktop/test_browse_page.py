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
    # A little broad: the walk starts from the first matches the sizing read, and goes past them.
    assert _check(demo_county, ["mark-user", "annual-report"], texts, broad_at=40, batch=7)


def test_the_walk_with_codes_by_their_grams(demo_county: Ledger) -> None:
    # Codes (USCC and id fragments, years) are phrases of their grams, walked from what the walk
    # learnt of the index (ranges read on to the next match) like any other phrase.
    texts = _texts(demo_county)
    q = Browser(demo_county, "annual-report").query(BrowseState(search="2023"))
    assert '"2023"' in (q.search[0].match or "") and q.search[0].refs == (("mark_user_id", 'head : "2023"'),)
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
            page = first_ids(city_of_demo.db, browser.query(state), 9, broad_at=0, batch=5)
            assert page is not None and page.ids == expected[:9], (kind, text)


def test_rows_without_a_match_are_read_from_the_index_about_once(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "annual-report")
    last = browser.ids(BrowseState())[-1]
    assert browser.ids(BrowseState(search=last)) == [last]   # (and the index brought up to date)
    q = browser.query(BrowseState(search=last))
    reads: list[str] = []
    demo_county.db.conn.set_trace_callback(lambda sql: reads.append(sql) if "MATCH" in sql else None)
    try:
        page = first_ids(demo_county.db, q, 5, broad_at=0, batch=3, max_seconds=None)
    finally:
        demo_county.db.conn.set_trace_callback(None)
    assert page is not None and page.ids == [last]
    batches = demo_county.count("annual-report") // 3
    assert batches > 20 and len(reads) <= 6, len(reads)   # not one read per batch


def test_ids_typed_from_their_start_give_the_ordinary_first_page(demo_county: Ledger) -> None:
    db = demo_county.db
    # An id not of the program's form (a hostile or old packet's) is found the same way.
    odd = "A-130125-0001_x"
    db.conn.execute("INSERT INTO annual_reports(id, office_code, created_at, updated_at, revision, deleted, "
                    "mark_user_id, year) SELECT ?, office_code, created_at, updated_at, 1, 0, mark_user_id, "
                    "1990 FROM annual_reports LIMIT 1", (odd,))
    browser = Browser(demo_county, "annual-report")
    users = Browser(demo_county, "mark-user")
    uid = users.ids(BrowseState())[-1]
    texts = ["A-1301", "A-13012", "a130125", "A-130125-0", "A-130125-00", "A-130125-0001", "A-130125-0001x",
             "A-130125-00013", "A-130125-000139", "A-2", "U-1301", uid, uid[:-2]]
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
    assert odd in browser.ids(BrowseState(search="A-130125-0001"))


def _scatter(ledger: Ledger, table: str) -> None:
    """Store ``table``'s rows out of id order, as years of edits and imports may: the second
    half's rowids between the first half's, and a block of 30 in reverse order far on."""
    ids = [r[0] for r in ledger.db.conn.execute(f"SELECT id FROM {table} ORDER BY id")]
    half, block = len(ids) // 2, range(len(ids) // 4, len(ids) // 4 + 30)
    _restore(ledger, table, {row_id: (10 ** 6 - i if i in block else 2 * i + 10 if i < half else 2 * (i - half) + 11)
                             for i, row_id in enumerate(ids)})


def _restore(ledger: Ledger, table: str, rowid: dict[str, int]) -> None:
    """Store ``table``'s rows again, each at the rowid given for its id (those not given dropped)."""
    from db.connection import transaction
    from desktop.search import flush

    db = ledger.db
    columns = ", ".join(f'"{r[1]}"' for r in db.conn.execute(f"PRAGMA table_info({table})"))
    db.conn.execute("PRAGMA foreign_keys = OFF")  # the same rows are back at the commit
    with transaction(db):
        db.conn.execute(f"CREATE TEMP TABLE kept AS SELECT {columns} FROM {table}")
        db.conn.execute(f"DELETE FROM {table}")
        db.conn.executemany(f"INSERT INTO {table}(rowid, {columns}) SELECT ?, {columns} FROM temp.kept WHERE id = ?",
                            [(r, i) for i, r in rowid.items()])
        db.conn.execute("DROP TABLE temp.kept")
    db.conn.execute("PRAGMA foreign_keys = ON")
    flush(db)


def _leaps(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    from db import browse_leap

    seen: list[Any] = []
    real = browse_leap.Leaper.leap

    def leap(self: browse_leap.Leaper, last: tuple[Any, ...]) -> Any:
        seen.append(real(self, last))
        return seen[-1]

    monkeypatch.setattr(browse_leap.Leaper, "leap", leap)
    return seen


def test_the_walk_leaps_to_the_next_match_through_runs_of_rowids(demo_county: Ledger,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from db.browse_runs import runs

    for table in ("mark_users", "annual_reports"):
        _scatter(demo_county, table)
    found = runs(demo_county.db, "annual_reports")
    assert found is not None and len(found) > 30
    leaps = _leaps(monkeypatch)
    last_user = Browser(demo_county, "mark-user").ids(BrowseState())[-1]
    user = demo_county.get("mark-user", last_user)
    late = [str(user.values["name"])[3:], str(user.values["uscc"])[2:10], last_user, last_user[2:], "zzzz 2"]
    texts = [*_texts(demo_county), *late]
    assert _check(demo_county, ["mark-user", "annual-report"], texts, broad_at=0, batch=7) > 500
    kinds = {"on" if to is None else "end" if to[0] == "" else "from" if to[1] else "after" for to in leaps}
    assert {"on", "end", "from"} <= kinds, kinds
    # Leaps after every batch (as once a walk proves slow), small batches where they land.
    from db import browse_page

    monkeypatch.setattr(browse_page, "LEAP_AFTER", 0)
    monkeypatch.setattr(browse_page, "_AFTER_LEAP", 3)
    leaps.clear()
    assert _check(demo_county, ["mark-user", "annual-report"], texts, broad_at=0, batch=20) > 300
    assert sum(1 for to in leaps if to is not None and to[1]) > 100
    # A leap that finds only other runs' rows past the rowid, or runs out of time, goes on
    # from the start of the run it reached.
    from db import browse_leap

    monkeypatch.setattr(browse_leap, "_LOOK_AHEAD", 1)
    monkeypatch.setattr(browse_leap, "_MAX_SECONDS", 0)
    assert _check(demo_county, ["annual-report"], texts, broad_at=0, batch=3, max_seconds=None)
    kinds = {"on" if to is None else "end" if to[0] == "" else "from" if to[1] else "after" for to in leaps}
    assert kinds == {"on", "end", "from", "after"}, kinds  # every way a leap ends, all held to the list


def test_leaps_bound_references_by_their_spans(demo_county: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    from db import browse_leap, browse_page, browse_spans
    from db.browse_spans import spans

    monkeypatch.setattr(browse_spans, "SPANS_FROM", 0)  # (the demo is small)
    _scatter(demo_county, "annual_reports")  # (the enterprises' rowids stay dense: spans apply)
    assert spans(demo_county.db, "annual_reports", "mark_user_id", "mark_users") is not None
    monkeypatch.setattr(browse_leap, "SEEK_AT", 0)  # every reference by its spans
    monkeypatch.setattr(browse_page, "LEAP_AFTER", 0)
    bounded: list[int] = []
    real_of = browse_spans.Spans.of
    monkeypatch.setattr(browse_spans.Spans, "of", lambda self, rowids: bounded.append(1) or real_of(self, rowids))
    leaps = _leaps(monkeypatch)
    last_user = Browser(demo_county, "mark-user").ids(BrowseState())[-1]
    texts = [*_texts(demo_county), last_user, last_user[2:], "zzzz 2"]
    assert _check(demo_county, ["annual-report"], texts, broad_at=0, batch=7) > 300
    assert bounded and sum(1 for to in leaps if to is not None and to[1]) > 50


def test_without_leaps_the_walk_reads_every_batch(demo_county: Ledger) -> None:
    browser = Browser(demo_county, "annual-report")
    last = browser.ids(BrowseState())[-1]
    assert browser.ids(BrowseState(search=last[2:])) == [last]  # (and the index brought up to date)
    q = browser.query(BrowseState(search=last[2:]))  # not from the id's start: walked
    reads: list[str] = []
    demo_county.db.conn.set_trace_callback(lambda sql: reads.append(sql) if "ORDER BY t.id" in sql else None)
    try:
        leapt = first_ids(demo_county.db, q, 5, broad_at=0, batch=3, max_seconds=None)
        batches = len(reads)
        walked = first_ids(demo_county.db, q, 5, broad_at=0, batch=3, max_seconds=None, leap=False)
    finally:
        demo_county.db.conn.set_trace_callback(None)
    assert leapt is not None and walked is not None and leapt.ids == walked.ids == [last]
    assert batches <= 3 < len(reads) - batches, (batches, len(reads))


def test_runs_are_read_again_after_a_write(demo_county: Ledger) -> None:
    from db.browse_runs import runs
    from desktop.search import flush

    db = demo_county.db
    assert runs(db, "annual_reports") is None  # the demo's rows wait in the search queue
    flush(db)
    first = runs(db, "annual_reports")
    assert first is not None and len(first) == 1 and runs(db, "annual_reports") is first  # kept
    # A row with an early id stored last: a run of its own, once its documents are built.
    db.conn.execute("INSERT INTO annual_reports(id, office_code, created_at, updated_at, revision, deleted, "
                    "mark_user_id, year) SELECT 'A-000000-000001', office_code, created_at, updated_at, 1, 0, "
                    "mark_user_id, 1990 FROM annual_reports LIMIT 1")
    assert runs(db, "annual_reports") is None  # queued: not yet
    flush(db)
    again = runs(db, "annual_reports")
    assert again is not None and again.first_ids[0] == "A-000000-000001" and len(again) == 2
    assert again.of("A-000000-000001") == 0 and again.of(first.first_ids[0]) == 1 and again.of("B") is None


def test_referring_rows_sought_per_value_or_listed_agree(demo_county: Ledger) -> None:
    from db import browse_hits

    db = demo_county.db
    real = [r[0] for r in db.conn.execute("SELECT id FROM mark_users ORDER BY id DESC LIMIT 20")]
    users = [*real, *(f"U-999999-{n:06d}" for n in range(60))]  # and ids nobody refers to
    rowids = sorted(r[0] for r in db.conn.execute(
        f"SELECT rowid FROM annual_reports WHERE mark_user_id IN ({', '.join('?' for _ in real)})", real))
    few = [browse_hits.Referrers(db, "annual_reports", "mark_user_id", users[:k]) for k in (0, 3)]
    many = browse_hits.Referrers(db, "annual_reports", "mark_user_id", users)
    assert many.known and many.count == 80 > 64 and few[1].count == 3 and len(rowids) > 20
    for at in [0, *rowids, rowids[-1] + 1]:
        assert many.next_from(at) == next((r for r in rowids if r >= at), None)
        assert few[0].next_from(at) is None
    three = sorted(r[0] for r in db.conn.execute(
        "SELECT rowid FROM annual_reports WHERE mark_user_id IN (?, ?, ?)", users[:3]))
    for at in [0, *three, three[-1] + 1]:
        assert few[1].next_from(at) == next((r for r in three if r >= at), None)
    # A column without an index of its own is not sought: the rowid asked comes back.
    unindexed = browse_hits.Referrers(db, "annual_reports", "year", [2023])
    assert not unindexed.known and unindexed.next_from(7) == 7


def test_spans_bound_the_rows_referring_to_a_set_of_records(demo_county: Ledger,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from db import browse_spans
    from db.browse_spans import spans
    from desktop.search import flush

    db = demo_county.db
    flush(db)
    assert spans(db, "annual_reports", "mark_user_id", "mark_users") is None  # a small table: none
    monkeypatch.setattr(browse_spans, "SPANS_FROM", 0)
    assert spans(db, "annual_reports", "year", "mark_users") is None  # a column without an index
    db.conn.execute("UPDATE annual_reports SET updated_at = updated_at WHERE rowid = 1")  # queued
    assert spans(db, "annual_reports", "mark_user_id", "mark_users") is None  # rows queued
    flush(db)
    assert spans(db, "annual_reports", "mark_user_id", "mark_users", read=False) is None  # not read yet
    found = spans(db, "annual_reports", "mark_user_id", "mark_users")
    assert found is not None and spans(db, "annual_reports", "mark_user_id", "mark_users", read=False) is found
    users = [r[0] for r in db.conn.execute("SELECT rowid FROM mark_users ORDER BY rowid")]
    last = int(db.conn.execute("SELECT max(rowid) FROM annual_reports").fetchone()[0])
    for chosen in (users[::7], users[-3:], users[:1], []):
        ids = [db.conn.execute("SELECT id FROM mark_users WHERE rowid = ?", (r,)).fetchone()[0] for r in chosen]
        referring = sorted(r[0] for r in db.conn.execute(
            f"SELECT rowid FROM annual_reports WHERE mark_user_id IN ({', '.join('?' for _ in ids)})", ids))
        bound = found.of(chosen)
        for at in range(0, last + 2):
            truth = next((r for r in referring if r >= at), None)
            got = bound.next_from(at)
            assert (got is None) == (truth is None), (at, got, truth)
            assert got is None or truth is None or at <= got <= truth
            if truth == at:
                assert got == at
    # A report written: the spans are read again once its documents are built.
    db.conn.execute("INSERT INTO annual_reports(id, office_code, created_at, updated_at, revision, deleted, "
                    "mark_user_id, year) SELECT 'A-000000-000001', office_code, created_at, updated_at, 1, 0, "
                    "mark_user_id, 1990 FROM annual_reports ORDER BY rowid LIMIT 1")
    assert spans(db, "annual_reports", "mark_user_id", "mark_users") is None
    flush(db)
    again = spans(db, "annual_reports", "mark_user_id", "mark_users")
    assert again is not None and again is not found
    first_user = db.conn.execute("SELECT u.rowid FROM mark_users u JOIN annual_reports a ON a.mark_user_id = u.id "
                                 "WHERE a.id = 'A-000000-000001'").fetchone()[0]
    assert again.lasts[first_user] == last + 1 and found.lasts[first_user] < last + 1


@pytest.mark.parametrize("window", [1, 5, 2_048])
def test_what_the_walk_learns_of_the_index_is_the_index(demo_county: Ledger, monkeypatch: pytest.MonkeyPatch,
                                                       window: int) -> None:
    """Hits answers as the index does, whatever it read ahead: sequential next matches (the
    window grows), ranges in and out of order (it does not), for sparse and dense queries."""
    import random

    from db import browse_hits
    from db.browse_hits import Hits, read_hits

    monkeypatch.setattr(browse_hits, "_WINDOW_MIN", window)
    monkeypatch.setattr(browse_hits, "_WINDOW_MAX", 4 * window)
    browser = Browser(demo_county, "annual-report")
    browser.ids(BrowseState(search="2"))  # (the index brought up to date)
    db = demo_county.db
    top = db.conn.execute("SELECT max(rowid) FROM annual_reports").fetchone()[0]
    user = next(iter(demo_county.list("mark-user")))
    sparse = browser.query(BrowseState(search=user.id[2:])).search[0]  # (its reports, by the raw id)
    queries = ['"2"*', '"20 02 23"', '"23"', '"9"*', sparse.match or ""]
    rng = random.Random(7)
    for match in queries:
        truth = sorted(r[0] for r in db.conn.execute(
            "SELECT rowid FROM search_annual_reports WHERE search_annual_reports MATCH ?", (match,)))
        assert truth, match
        reads: list[str] = []

        def trace(sql: str, reads: list[str] = reads) -> None:
            if "MATCH" in sql:
                reads.append(sql)

        db.conn.set_trace_callback(trace)
        try:
            hits = Hits(db, "annual_reports", match)
            at, seen = 1, []
            while (nxt := hits.next_from(at)) is not None:  # through every match in order
                seen.append(nxt)
                at = nxt + 1
        finally:
            db.conn.set_trace_callback(None)
        assert seen == truth, match
        if window > 1 and len(truth) > 100:
            assert len(reads) < len(truth) // 4, (match, len(reads))  # read ahead, not once per match
        # Ranges and next matches in any order, on a fresh walk: knowing nothing, or starting
        # from the first matches the walk's sizing read (some, or all of them).
        for asked in (0, 0, 1, len(truth) // 3, len(truth), len(truth) + 5):
            hits = Hits(db, "annual_reports", match)
            hits.learn_first(read_hits(db, "annual_reports", match, asked), asked)
            for _ in range(60):
                first = rng.randrange(1, top + 2)
                last = min(top + 1, first + rng.choice([0, 3, 40, 400]))
                rowids = list(range(first, last + 1))
                if rng.random() < 0.5:
                    assert hits.among(rowids) & set(rowids) == set(truth) & set(rowids), match
                else:
                    expected = next((r for r in truth if r >= first), None)
                    assert hits.next_from(first) == expected, (match, first)


def test_ordered_spans_follow_the_matching_records_one_by_one(demo_county: Ledger,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports stored in the order of their enterprises (a city's counties, each one's packet
    after the last): a reference matching too many enterprises to list is followed through
    them one by one, never past a referring row, and the walk still gives the ordinary list."""
    from db import browse_leap, browse_page, browse_spans
    from db.browse_spans import spans

    monkeypatch.setattr(browse_spans, "SPANS_FROM", 0)  # (the demo is small)
    db = demo_county.db
    users = [r[0] for r in db.conn.execute("SELECT rowid FROM mark_users ORDER BY rowid")]
    unreferred = set(users[3::10])  # enterprises nothing refers to, among the others
    order = [r[0] for r in db.conn.execute(
        "SELECT a.id, u.rowid FROM annual_reports a JOIN mark_users u ON u.id = a.mark_user_id "
        "ORDER BY u.rowid, a.id") if r[1] not in unreferred]
    _restore(demo_county, "annual_reports", {row_id: n + 1 for n, row_id in enumerate(order)})
    found = spans(db, "annual_reports", "mark_user_id", "mark_users")
    assert found is not None and found.ordered is not None
    last = len(order)
    for chosen in (users[::7], users[3::10], users[-3:], users[:1], sorted({*users[::5], *users[3::10]}), []):
        ids = [db.conn.execute("SELECT id FROM mark_users WHERE rowid = ?", (r,)).fetchone()[0] for r in chosen]
        referring = sorted(r[0] for r in db.conn.execute(
            f"SELECT rowid FROM annual_reports WHERE mark_user_id IN ({', '.join('?' for _ in ids)})", ids))
        def next_match(at: int, chosen: list[int] = chosen) -> int | None:
            return next((r for r in chosen if r >= at), None)

        bound = found.following(next_match)
        assert bound is not None
        for at in range(0, last + 2):
            truth = next((r for r in referring if r >= at), None)
            got = bound.next_from(at)
            assert (got is None) == (truth is None), (at, got, truth)
            assert got is None or truth is None or at <= got <= truth
            if truth == at:
                assert got == at
    # Leaps by them (every reference's records as if too many to seek: followed).
    monkeypatch.setattr(browse_leap, "SEEK_AT", 0)
    monkeypatch.setattr(browse_page, "LEAP_AFTER", 0)
    followed: list[int] = []
    real = browse_spans.OrderedBound.next_from
    monkeypatch.setattr(browse_spans.OrderedBound, "next_from",
                        lambda self, at: followed.append(at) or real(self, at))
    last_user = Browser(demo_county, "mark-user").ids(BrowseState())[-1]
    texts = [*_texts(demo_county), last_user, last_user[2:], "zzzz 2"]
    assert _check(demo_county, ["annual-report"], texts, broad_at=0, batch=7) > 300
    assert len(followed) > 100
    # One report of the first enterprise stored last (its span holds every other): not ordered.
    _restore(demo_county, "annual_reports", {row_id: (n + 1 if n else last + 1) for n, row_id in enumerate(order)})
    late = spans(db, "annual_reports", "mark_user_id", "mark_users")
    assert late is not None and late.ordered is None
    # Stored out of their enterprises' order: not ordered.
    _scatter(demo_county, "annual_reports")
    scattered = spans(db, "annual_reports", "mark_user_id", "mark_users")
    assert scattered is not None and scattered.ordered is None and scattered.following(lambda at: at) is None
