"""Copying register rows as tab-separated text for Excel/WPS (desktop.tsv), without Qt."""

from __future__ import annotations

import csv
import io
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.browse import Browser, BrowseState
from desktop.tsv import format_tsv, quote_cell, register_rows_tsv


def parse(text: str) -> list[list[str]]:
    """How a spreadsheet reads pasted text: Excel's tab-separated dialect."""
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))


@pytest.mark.parametrize(("value", "cell"), [
    ("行唐大枣", "行唐大枣"),
    ("", ""),
    ("a\tb", '"a\tb"'),
    ("第一行\n第二行", '"第一行\n第二行"'),
    ("a\r\nb", '"a\r\nb"'),
    ('他说"好"', '"他说""好"""'),
    ('"', '""""'),
])
def test_a_cell_is_quoted_only_when_it_would_break_the_table(value: str, cell: str) -> None:
    assert quote_cell(value) == cell


def test_rows_end_with_crlf_like_excel() -> None:
    assert format_tsv([["编号", "产品名称"], ["R-1", "行唐大枣"]]) == "编号\t产品名称\r\nR-1\t行唐大枣\r\n"


@given(st.lists(st.lists(st.text(), min_size=2, max_size=4).map(tuple), min_size=1, max_size=5)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_any_cells_come_back_as_the_same_rows_and_columns(rows: list[tuple[str, ...]]) -> None:
    assert [tuple(r) for r in parse(format_tsv(rows))] == rows


def test_register_rows_as_shown_in_the_table(ledger, make) -> None:
    first = make.add("resource", name="行唐大枣", tier="cultivate",
                     history='始载于《行唐县志》\n清代"贡枣"')
    second = make.add("resource", name="行唐宫面", tier="discover")
    browser = Browser(ledger, "resource")
    text = register_rows_tsv(browser, [second.id, first.id], ["id", "name", "tier", "history"])
    assert parse(text) == [
        ["编号", "产品名称", "培育层级", "历史渊源/文献出处"],
        [second.id, "行唐宫面", "挖掘", ""],
        [first.id, "行唐大枣", "培育", '始载于《行唐县志》\n清代"贡枣"'],
    ]
    english = parse(register_rows_tsv(browser, [first.id], ["tier", "name"], "en"))
    assert english == [["Tier", "Product name"], ["cultivate", "行唐大枣"]]


def test_references_show_the_referenced_record_title(ledger, make) -> None:
    user = make.add("mark-user", name="行唐县宁晟农产品有限公司")
    report = make.add("annual-report", mark_user_id=user.id)
    text = register_rows_tsv(Browser(ledger, "annual-report"), [report.id], ["mark_user_id"])
    assert parse(text)[1] == ["行唐县宁晟农产品有限公司"]


def test_an_unknown_column_is_refused_by_name(ledger) -> None:
    with pytest.raises(ValueError, match="no column nonsense"):
        register_rows_tsv(Browser(ledger, "resource"), [], ["id", "nonsense"])


def test_five_thousand_rows_copy_whole_in_order_and_quickly(ledger) -> None:
    ledger.bulk_add("resource", [{"name": f"产品{n}", "attribute": "grown", "category": "primary_agri",
                                  "tier": "discover", "survey_date": "2026-05-01"}
                                 for n in range(5000)], note="test")
    browser = Browser(ledger, "resource")
    ids = browser.ids(BrowseState())
    keys = [c.key for c in browser.columns]
    started = time.perf_counter()
    rows = parse(register_rows_tsv(browser, ids, keys))
    elapsed = time.perf_counter() - started
    assert len(rows) == 5001 and all(len(r) == len(keys) for r in rows)
    assert [r[0] for r in rows[1:]] == ids
    assert elapsed < 5, f"copying 5,000 rows took {elapsed:.1f} s"

