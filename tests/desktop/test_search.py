"""The search index (desktop.search over db.search) through Browser: pinyin, substrings, codes,
references, and the index following every write."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from db import search as s
from db.connection import open_database
from desktop import search
from desktop.browse import Browser, BrowseState
from desktop.cli import EXIT_OK, main
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.undo import EditRecord

FIXTURES = Path(__file__).resolve().parents[1] / "db" / "fixtures"


def _ids(ledger: Ledger, kind: str, text: str, **state: object) -> list[str]:
    return Browser(ledger, kind).ids(BrowseState(search=text, **state))  # type: ignore[arg-type]


def test_pinyin_initials_full_and_heteronyms(make, ledger) -> None:
    gi = make.add("gi", name="行唐大枣")
    pear = make.add("gi", name="晋州鸭梨")
    make.add("gi", name="赞皇金丝枣")
    assert _ids(ledger, "gi", "xtdz") == [gi.id]
    assert _ids(ledger, "gi", "XTDZ") == [gi.id]           # case-blind
    assert _ids(ledger, "gi", "jinzhou") == [pear.id]
    assert _ids(ledger, "gi", "xingtang") == [gi.id]       # 行 read xing
    assert _ids(ledger, "gi", "hangtang") == [gi.id]       # and hang (a heteronym)
    assert _ids(ledger, "gi", "htdz") == [gi.id]
    assert _ids(ledger, "gi", "tangda") == [gi.id]         # a substring of the pinyin
    assert _ids(ledger, "gi", "xtdzz") == []


def test_chinese_substrings_uscc_id_codes_and_terms(make, ledger) -> None:
    a = make.add("mark-user", name="行唐县红枣合作社", entity_type="cooperative")
    b = make.add("mark-user", name="石家庄食品有限公司", entity_type="enterprise")
    assert _ids(ledger, "mark-user", "枣") == [a.id]                     # one character
    assert _ids(ledger, "mark-user", "红枣") == [a.id]                   # two
    assert _ids(ledger, "mark-user", "合作") == [a.id]
    assert _ids(ledger, "mark-user", "枣红") == []                       # order counts
    assert _ids(ledger, "mark-user", b.values["uscc"][-7:]) == [b.id]    # a USCC fragment
    assert _ids(ledger, "mark-user", b.id) == [b.id]                     # the id
    assert _ids(ledger, "mark-user", b.id.lower()[2:]) == [b.id]         # a fragment, any case
    assert _ids(ledger, "mark-user", "农民专业合作社") == [a.id]          # a code's label
    assert _ids(ledger, "mark-user", "cooperative") == [a.id]
    assert _ids(ledger, "mark-user", "行唐 合作社") == [a.id]            # every term must match
    assert _ids(ledger, "mark-user", "行唐 食品") == []
    assert _ids(ledger, "mark-user", "sjz 公司") == [b.id]               # pinyin and Chinese terms
    assert _ids(ledger, "mark-user", "100%_") == []


def test_reference_by_the_referenced_title_and_its_pinyin(make, ledger) -> None:
    user = make.add("mark-user", name="晋州鸭梨种植专业合作社")
    other = make.add("mark-user", name="行唐县枣业公司")
    report = make.add("annual-report", mark_user_id=user.id, year=2025)
    make.add("annual-report", mark_user_id=other.id, year=2024)
    assert _ids(ledger, "annual-report", "鸭梨") == [report.id]
    assert _ids(ledger, "annual-report", "jzyl") == [report.id]
    assert _ids(ledger, "annual-report", user.values["uscc"][-8:]) == [report.id]  # the user's USCC
    assert _ids(ledger, "annual-report", "2025") == [report.id]                    # the year
    assert _ids(ledger, "annual-report", "鸭梨 2024") == []


def test_index_follows_add_edit_delete_restore_and_undo(make, ledger) -> None:
    r = make.add("resource", name="行唐大枣")
    assert _ids(ledger, "resource", "大枣") == [r.id]
    ledger.edit("resource", r.id, {"name": "赞皇核桃"}, expected_revision=1)
    assert _ids(ledger, "resource", "大枣") == []
    assert _ids(ledger, "resource", "zhht") == [r.id]
    ledger.delete("resource", r.id)
    assert _ids(ledger, "resource", "核桃") == []
    assert _ids(ledger, "resource", "核桃", include_deleted=True) == [r.id]
    ledger.restore("resource", r.id)
    assert _ids(ledger, "resource", "核桃") == [r.id]
    change = EditRecord("resource", r.id, {"name": "晋州鸭梨"}, ledger.get("resource", r.id).revision)
    change.apply(ledger)
    assert _ids(ledger, "resource", "jzyl") == [r.id]
    change.undo(ledger)
    assert _ids(ledger, "resource", "jzyl") == []
    assert _ids(ledger, "resource", "核桃") == [r.id]


def test_plain_sqlite_writes_are_queued_and_found(make, ledger, db_path) -> None:
    r = make.add("resource", name="行唐大枣")
    assert _ids(ledger, "resource", "大枣") == [r.id]
    conn = sqlite3.connect(db_path)   # no function of ours registered: the triggers are plain SQL
    conn.execute("UPDATE resources SET name = '深州蜜桃' WHERE id = ?", (r.id,))
    conn.commit()
    conn.close()
    assert s.queue_size(ledger.db) == 1
    assert _ids(ledger, "resource", "大枣") == []
    assert _ids(ledger, "resource", "szmt") == [r.id]
    assert s.queue_size(ledger.db) == 0


def test_packet_import_is_searchable(make, ledger, city, tmp_path) -> None:
    from tests.desktop.city_helpers import send
    user = make.add("mark-user", name="行唐县枣业公司")
    send(ledger, city, tmp_path / "out")
    assert _ids(city, "mark-user", "xtxzy") == [user.id]
    ledger.edit("mark-user", user.id, {"name": "行唐县鸭梨公司"}, expected_revision=1)
    send(ledger, city, tmp_path / "out2")
    assert _ids(city, "mark-user", "枣业") == []
    assert _ids(city, "mark-user", "鸭梨") == [user.id]


def test_new_index_version_rebuilds(make, ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    r = make.add("resource", name="行唐大枣")
    assert _ids(ledger, "resource", "大枣") == [r.id]
    monkeypatch.setattr(search, "INDEX_VERSION", "test-version")
    stats = search.flush(ledger.db)
    assert stats.rebuilt and stats.rows >= 1
    assert s.index_version(ledger.db) == "test-version"
    assert _ids(ledger, "resource", "xtdz") == [r.id]


def test_migration_builds_the_index_of_a_v6_file(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    shutil.copy(FIXTURES / "schema_v6.db", path)
    db = open_database(path)
    try:
        assert s.index_version(db) == s.QUEUED and s.queue_size(db) > 0
        ledger = Ledger(db)
        found = _ids(ledger, "resource", "xtdz")
        assert len(found) == 1
        assert _ids(ledger, "mark-user", "行唐县枣业") and _ids(ledger, "annual-report", "枣业")
        assert s.queue_size(db) == 0 and s.index_version(db) == search.INDEX_VERSION
    finally:
        db.close()


def test_cli_list_search_matches_the_browser(make, ledger, db_path) -> None:
    gi = make.add("gi", name="行唐大枣")
    make.add("gi", name="晋州鸭梨")
    out = io.StringIO()
    assert main(["--db", str(db_path), "list", "gi", "--search", "xtdz"], out=out) == EXIT_OK
    text = out.getvalue()
    assert gi.id in text and "晋州鸭梨" not in text and "共 1 条" in text
    out = io.StringIO()
    assert main(["--db", str(db_path), "list", "gi", "--search", "hangtang", "--json"], out=out) == EXIT_OK
    assert gi.id in out.getvalue() and "晋州" not in out.getvalue()


def test_documents(make, ledger) -> None:
    assert search.normalise("R-130125-00001２") == "r130125000012"
    assert search.pairs("行唐大枣") == "行唐 唐大 大枣 枣"
    assert search.text_query("行") == '"行" *'
    assert search.text_query("--") is None
    r = make.add("resource", name="行唐大枣", output_t=1234.5)
    assert _ids(ledger, "resource", "1234") == []     # numbers are not in the index (documented)
    assert _ids(ledger, "resource", "--") == [r.id]   # a term of punctuation only: left out


def test_a_long_build_is_not_done_in_a_keystroke(make, ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    r = make.add("resource", name="行唐大枣")
    monkeypatch.setattr(search, "FLUSH_AT_SEARCH", 0)
    assert search.pending(ledger.db) == 1
    assert _ids(ledger, "resource", "大枣") == [r.id]   # searched in the table meanwhile
    assert _ids(ledger, "resource", "xtdz") == []       # (no pinyin there)
    assert search.pending(ledger.db) == 1
    seen: list[tuple[int, int]] = []
    assert search.flush(ledger.db, progress=lambda done, total: seen.append((done, total))).rows == 1
    assert seen[-1] == (1, 1) and search.pending(ledger.db) == 0
    assert _ids(ledger, "resource", "xtdz") == [r.id]


def test_cancelled_build_keeps_the_rest_queued(make, ledger) -> None:
    for n in range(3):
        make.add("resource", name=f"行唐大枣{n}")
    assert search.flush(ledger.db, cancelled=lambda: True).rows == 0
    assert search.pending(ledger.db) == 3
    assert len(_ids(ledger, "resource", "xtdz")) == 3


def test_background_build_on_its_own_connection(make, ledger, db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from desktop.search_build import BackgroundBuild
    for n in range(3):
        make.add("resource", name=f"晋州鸭梨{n}")
    monkeypatch.setattr(search, "FLUSH_AT_SEARCH", 1)
    build = BackgroundBuild(db_path, interval=0.05).start()
    try:
        deadline = time.monotonic() + 20
        while search.pending(ledger.db) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        assert build.stop()
    assert build.built == 3 and search.pending(ledger.db) == 0
    assert len(_ids(ledger, "resource", "jzyl")) == 3


def test_background_build_reads_the_runs_a_search_walks_by(make, ledger, db_path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from db import browse_runs
    from desktop.search_build import BackgroundBuild

    make.add("resource", name="晋州鸭梨")
    search.flush(ledger.db)
    read: list[str] = []
    real = browse_runs._read
    monkeypatch.setattr(browse_runs, "_read", lambda db, table: read.append(table) or real(db, table))
    build = BackgroundBuild(db_path, interval=0.05).start()
    try:
        deadline = time.monotonic() + 20
        while "resources" not in read and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        assert build.stop()
    assert "resources" in read
    count = len(read)
    runs = browse_runs.runs(ledger.db, "resources")   # the window's connection: read already
    assert runs is not None and len(runs) == 1 and len(read) == count


def test_city_finds_a_unit_by_name(make, ledger, city, tmp_path) -> None:
    from tests.desktop.city_helpers import send
    user = make.add("mark-user", name="石家庄食品有限公司")
    send(ledger, city, tmp_path / "out")
    assert _ids(city, "mark-user", "行唐县") == [user.id]     # the unit 130125, not the name
    assert _ids(city, "mark-user", "行唐县 食品") == [user.id]
    assert _ids(city, "mark-user", "赞皇县") == []


def test_codes_are_stored_as_their_grams_too() -> None:
    kind = REGISTRY["annual-report"]
    _, body, _ = search.document(kind, "A-130125-000012", {})
    tokens = body.split()
    assert tokens[-11:] == ["a130", "1301", "3012", "0125", "1250", "2500", "5000", "0000", "0001", "0012", "012"]
    assert "a130125000012" not in tokens and "130125000012" not in tokens   # grams, not suffixes
    assert search.segments("a130125054") == ["a130", "1301", "3012", "0125", "1250", "2505", "5054", "054"]
    assert search.segments("行唐gbt19630大枣abcdef12") == ["gbt1", "bt19", "t196", "1963", "9630", "630",
                                                          "abcd", "bcde", "cdef", "def1", "ef12", "f12"]
    assert search.segments("2023") == ["2023", "023"]
    assert search.segments("abcdefg") == [] and search.segments("123") == []   # no digit; too short
    assert search.code_text("A-130125-05") == "a13012505"
    assert search.code_text("２０２３") == "2023"                              # full-width digits
    for not_code in ("202", "行唐2023", "abcd", "2023é", "--"):
        assert search.code_text(not_code) is None, not_code
    assert search.code_query("a13012505") == '"a130 1301 3012 0125 1250 2505"'
    assert search.code_query("2023") == '"2023"'


def test_a_code_is_not_found_across_two_codes(make, ledger) -> None:
    """Two codes in one value (apart by a Chinese character): each code's last characters end
    its grams, so the phrase of a text running from one into the other does not match."""
    rec = make.add("mark-user", name="甲ab7907乙9071cd丙")
    assert _ids(ledger, "mark-user", "79071") == [] == _ids(ledger, "mark-user", "7907907")
    assert _ids(ledger, "mark-user", "b7907") == [rec.id] == _ids(ledger, "mark-user", "9071c")
    assert _ids(ledger, "mark-user", "7907乙9071") == [rec.id]   # (the phrase of pairs)


def _code_texts(ledger: Ledger) -> list[str]:
    """Code-like texts from the demo: ids and their fragments, USCC fragments, dates, years,
    phones, a reference's id, with punctuation as typed."""
    out = ["2023", "20230", "2023-0", "0001", "91130", "130125", "1301250", "zz9zz", "k3f2", "kabc1"]
    for kind in ("mark-user", "annual-report", "inspection", "resource", "case", "gi"):
        for rec in list(ledger.list(kind))[:3]:
            out += [rec.id, rec.id[2:], rec.id[-5:], rec.id[:-2]]
            for value in rec.values.values():
                text = search.normalise(str(value))
                if any(c.isdigit() for c in text) and len(text) >= 6:
                    out += [str(value), text[1:6], text[-6:]]
    return list(dict.fromkeys(t for t in out if search.code_text(t)))


def test_a_code_finds_what_the_phrase_of_its_pairs_finds_over_a_whole_demo(
        demo_county: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _code_texts(demo_county)
    assert len(texts) > 60
    kinds = [k for k in REGISTRY if demo_county.count(k)]
    coded = {k: [Browser(demo_county, k).ids(BrowseState(search=t)) for t in texts] for k in kinds}
    assert sum(map(len, (ids for lists in coded.values() for ids in lists))) > 100
    grams = search.code_query(search.code_text(texts[0]) or "")
    assert grams in (Browser(demo_county, "mark-user").query(BrowseState(search=texts[0])).search[0].match or "")
    monkeypatch.setattr(search, "code_text", lambda text: None)   # every text as the phrase of its pairs
    for kind in kinds:
        browser = Browser(demo_county, kind)
        assert grams not in (browser.query(BrowseState(search=texts[0])).search[0].match or "")
        for text, ids in zip(texts, coded[kind], strict=True):
            assert browser.ids(BrowseState(search=text)) == ids, (kind, text)
