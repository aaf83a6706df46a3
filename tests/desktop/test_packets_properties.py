"""Property: any value a clerk can enter comes back from a packet exactly, with the content hash
the export computed (so an unedited packet never looks edited).

Plus explicit examples of values a spreadsheet cannot keep (packet-facts.md), which entry
refuses or normalises.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.connection import open_database
from desktop.fields import DATE_MIN, LONGTEXT_MAX, TEXT_MAX, FieldError
from desktop.ledger import Ledger, init_office
from desktop.packets import format as fmt
from desktop.packets.export import export_packet
from desktop.packets.reader import read_packet
from desktop.registers import REGISTRY

TODAY = date(2026, 11, 21)
RESOURCE = REGISTRY["resource"]

# What check_text refuses (controls other than tab, newline, carriage return; U+FFFE/U+FFFF,
# not allowed in XML) and surrogates (not text).
REFUSED = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
NOT_XML = "\ufffe\uffff"
chars = st.characters(blacklist_categories=["Cs"], blacklist_characters=REFUSED + NOT_XML)
line_chars = st.characters(blacklist_categories=["Cs"], blacklist_characters=REFUSED + NOT_XML + "\n\r")
special = st.sampled_from(["", "=", "+", "-", "@", " ", "  ", "=1+2", "+86", "-负号", "@SUM(A1)",
                           "𠀀𪚥😀", "0", "012345", "TRUE", "1e5", "_x000D_", "<&>"])


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 units (the unit of the text limits)."""
    while utf16(text) > limit:
        text = text[:-1]
    return text


@st.composite
def line_text(draw: Any, limit: int) -> str | None:
    """One-line text (a TEXT field): formula-like prefixes, outer spaces, astral characters."""
    text = draw(special) + draw(st.text(line_chars, max_size=min(limit, 40))) + draw(special)
    return fit(text, limit) or None


@st.composite
def long_text(draw: Any) -> str | None:
    """Long text: newlines (\\n, \\r), tabs, outer spaces; sometimes exactly at the limit."""
    text = draw(special) + draw(st.text(chars, max_size=200)) + draw(special)
    if draw(st.booleans()):  # exactly at the limit
        filler = draw(st.sampled_from(["长", "行唐大枣\n", " =A1 ", "a\tb", "𪚥"]))
        text = text + filler * ((LONGTEXT_MAX - utf16(text)) // utf16(filler) + 1)
        text = fit(text, LONGTEXT_MAX - 1) + draw(st.sampled_from([" ", "\n", "x"]))
        text += "x" * (LONGTEXT_MAX - utf16(text))
        assert utf16(text) == LONGTEXT_MAX
    return text or None


towns = st.lists(st.text(line_chars.filter(lambda c: c not in ";；、"), min_size=1, max_size=12)
                 .map(str.strip).filter(bool), max_size=4, unique=True)


def export_and_read(raw: dict[str, Any], base: Path) -> None:
    """Store ``raw`` as a resource of a fresh county (in a new folder inside ``base``, the test's
    temporary folder), export, read back, compare."""
    with tempfile.TemporaryDirectory(dir=base) as folder:
        db = open_database(Path(folder) / "county.db")
        try:
            init_office(db, "130125", clerk="测试员")
            county = Ledger(db, today=lambda: TODAY)
            rec = county.add("resource", raw)
            exported = export_packet(county, Path(folder) / "p.xlsx")
            packet = read_packet(exported.path)
        finally:
            db.close()
    assert packet.edits == [] and packet.problems == []
    assert packet.content_hash == exported.content_hash == packet.meta["content_hash"]
    [row] = packet.rows["resource"]
    assert row.id == rec.id and row.revision == rec.revision and row.deleted is False
    assert (row.created_at, row.updated_at, row.office_code) == (rec.created_at, rec.updated_at,
                                                                 "130125")
    for field in RESOURCE.fields:
        assert row.values.get(field.key) == rec.values.get(field.key), field.key
    # and each value's canonical text is what the export hashed
    for i, column in enumerate(fmt.sheet_columns(RESOURCE)):
        if column.field is not None:
            assert row.canon[i] == fmt.canonical(column, rec.values.get(column.key)), column.key


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.large_base_example])
@given(name=line_text(50).filter(lambda s: s is not None and s.strip() != ""),
       coordinates=line_text(500), contact=line_text(30), standard_no=line_text(60),
       history=long_text(), quality=long_text(), towns=towns,
       area=st.none() | st.floats(min_value=0, max_value=1e9, allow_nan=False),
       households=st.none() | st.integers(min_value=0, max_value=10**12),
       authentic=st.none() | st.booleans(),
       survey=st.dates(min_value=DATE_MIN, max_value=TODAY))
def test_any_value_survives_a_packet(name: str, coordinates: str | None, contact: str | None,
                                     standard_no: str | None, history: str | None,
                                     quality: str | None, towns: list[str], area: float | None,
                                     households: int | None, authentic: bool | None,
                                     survey: date, tmp_path_factory: pytest.TempPathFactory) -> None:
    export_and_read({
        "name": name, "attribute": "grown", "category": "primary_agri", "tier": "cultivate",
        "survey_date": survey, "coordinates": coordinates, "contact": contact,
        "standard_no": standard_no, "history": history, "quality": quality,
        "towns": towns or None, "area_mu": area, "households": households, "authentic": authentic,
    }, tmp_path_factory.mktemp("packet"))


def test_the_limits_are_under_excels_cell_limit() -> None:
    assert LONGTEXT_MAX <= 32_767 and TEXT_MAX <= 32_767


def test_empty_and_blank_values_are_no_value(tmp_path: Path) -> None:
    export_and_read({"name": "空值", "attribute": "grown", "category": "primary_agri",
                     "tier": "cultivate", "survey_date": "2026-05-01", "coordinates": "",
                     "history": "   ", "towns": [], "contact": None, "area_mu": ""}, tmp_path)


# ---- values a spreadsheet cannot keep: refused or normalised at entry ---------------------

BASE = {"name": "行唐大枣", "attribute": "grown", "category": "primary_agri", "tier": "cultivate",
        "survey_date": "2026-05-01"}


def test_long_text_of_astral_characters_at_the_limit(make, tmp_path: Path) -> None:
    """Excel's limit counts UTF-16 units; so does the entry limit (xlsxwriter would cut the
    text silently at 32,767 units)."""
    export_and_read({**BASE, "history": "𠀀" * (LONGTEXT_MAX // 2)}, tmp_path)
    errors = make.refused("resource", history="𠀀" * (LONGTEXT_MAX // 2) + "x")
    assert str(LONGTEXT_MAX) in errors["history"].reason.zh


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_xml_non_characters_are_refused_at_entry(char: str, make) -> None:
    """Not allowed in XML: xlsxwriter would write "_xFFFE_" and it would come back as that."""
    errors = make.refused("resource", history=f"a{char}b")
    assert f"U+{ord(char):04X}" in errors["history"].reason.zh


def test_list_item_holding_a_separator(tmp_path: Path) -> None:
    """A packet cell joins list items with "；": an item holding a separator is two items."""
    export_and_read({**BASE, "towns": ["东;西村", "城关镇"]}, tmp_path)


@pytest.mark.parametrize(("field", "value"), [("households", 123456789012345678),
                                              ("stock_count", 9007199254740993),
                                              ("stock_count", 10**15),
                                              ("value_10k", 12_345_678_901_234.56)])
def test_sixteen_digit_numbers_are_refused_at_entry(field: str, value: float, make) -> None:
    """Spreadsheets keep 15 significant digits (packet-facts.md)."""
    errors = make.refused("resource", **{field: value})
    assert "15" in errors[field].reason.zh


def test_fifteen_digit_numbers_survive_a_packet(tmp_path: Path) -> None:
    export_and_read({**BASE, "households": 10**15 - 1, "value_10k": 9_999_999_999_999.99,
                     "stock_count": 9007199254740}, tmp_path)


@pytest.mark.parametrize("typed", ["1900-02-28", "1900/1/1", date(1899, 12, 31), "19000101"])
def test_a_date_spreadsheets_cannot_keep_is_refused_at_entry(typed: object) -> None:
    """Before 1900-03-01 Excel and LibreOffice number days differently (Excel counts a 29
    February 1900), so such a date would come back from a packet a day off (found by
    test_any_value_survives_a_packet: 1900-01-01 came back as 1900-01-02)."""
    survey_date = REGISTRY["resource"].field("survey_date")
    with pytest.raises(FieldError) as info:
        survey_date.coerce(typed)
    assert "1900年3月1日" in info.value.message_zh and "1900-03-01" in info.value.message_en
    assert survey_date.coerce("1900-03-01") == DATE_MIN
