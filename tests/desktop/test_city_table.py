"""Proof (issue 14): the 22 units of 石家庄 built through the command line from the figures of
the seed's attachment (as of 2023-12-31), their packets exported and imported into a city
database for 130100; ``city-table`` reproduces every cell of the attachment, in order, in the
``.xlsx`` and in the PDF's text; the 数据来源 sheet names each row and its packet.

Building the 22 counties takes about 25 s, so one city is shared by the tests of this module.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db.connection import open_database
from tests.desktop.city_table_helpers import (
    SEED_FILE,
    SEED_TABLE,
    SHIJIAZHUANG_CODES,
    build_shijiazhuang,
    cli,
    ok,
    seed_rows,
    seed_title,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_shijiazhuang(tmp_path_factory.mktemp("shijiazhuang"))


def _cell(value: str) -> Any:
    """A seed cell as the workbook holds it: numbers as numbers, a blank as no value."""
    if value == "":
        return None
    return int(value) if value.isdigit() else value


def test_the_seed_table_is_the_attachment() -> None:
    seed = Path(__file__).resolve().parents[3] / "shared" / "seeds" / SEED_FILE
    if not seed.is_file():
        pytest.skip("the seeds are not beside this checkout")
    assert seed.read_text(encoding="utf-8").rstrip().endswith(SEED_TABLE.rstrip())


def test_xlsx_reproduces_every_cell_of_the_attachment(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "统计表.xlsx"
    text = ok("--db", str(city), "city-table", "--as-of", "2023-12-31", "-o", str(out))
    assert "未报送 0" in text and "323851 59 68 8 4" in text
    ws = openpyxl.load_workbook(out)["统计表"]
    assert ws.cell(1, 1).value == seed_title()
    rows = seed_rows()
    for r, seed_row in enumerate(rows, start=2):
        got = [ws.cell(r, c).value for c in range(1, 9)]
        assert got == [_cell(v) for v in seed_row], f"row {r}"
    assert ws.max_row == len(rows) + 1
    assert [ws.cell(len(rows) + 1, c).value for c in range(1, 8)] == ["小计", "全市", 323851, 59, 68, 8, 4]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2", "H2:H3"} <= merged
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.cell(4, 3).border.left.style == "thin"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdf_text_reproduces_every_row_of_the_attachment(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "统计表.pdf"
    ok("--db", str(city), "city-table", "--as-of", "2023-12-31", "-o", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.rstrip("\f").count("\f") == 0, "one page"
    assert seed_title() in text.replace(" ", "")
    lines = [line.split() for line in text.splitlines() if line.strip()]
    at = 0
    for seed_row in seed_rows()[2:]:
        want = [v for v in seed_row if v]
        while at < len(lines) and lines[at] != want:
            at += 1
        assert at < len(lines), f"row {want} not found in order"
    assert ["小计", "全市", "323851", "59", "68", "8", "4"] in lines
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    if fonts:
        assert re.search(r"\byes\b", fonts.splitlines()[-1]), "the font is embedded"


def test_json_gives_rows_total_and_sources(city: Path) -> None:
    code, text = cli("--db", str(city), "city-table", "--as-of", "2023-12-31", "--json")
    assert code == 0
    table = json.loads(text)
    assert [r["name"] for r in table["rows"]] == list(SHIJIAZHUANG_CODES)
    assert [r["code"] for r in table["rows"]] == list(SHIJIAZHUANG_CODES.values())
    assert table["total"]["figures"] == {"registered_trademarks": 323851, "well_known_marks": 59,
                                         "gi_trademarks": 68, "gi_products": 8, "gi_products_using_mark": 4}
    assert not table["missing"] and all(not r["missing"] and r["note"] == "" for r in table["rows"])
    xinle = table["rows"][-1]
    assert xinle["counted"] == {"gi_trademarks": 1, "gi_products": 2, "gi_products_using_mark": 2}
    assert len(table["sources"]) == 22 and table["title"] == seed_title()


def test_sources_sheet_names_the_row_and_the_packet(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    ok("--db", str(city), "city-table", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out)["数据来源"]
    header = [c.value for c in ws[1]]
    assert header[:10] == ["序号", "单位代码", "单位名称", "统计表编号", "统计截止日期", "版本", "数据包序号",
                           "导出日期", "内容校验", "签名公钥指纹"]
    packets = json.loads(ok("--db", str(city), "packets", "--json"))
    keys = {o["code"]: o["key_fingerprint"] for o in packets["offices"]}
    hashes = {e["office_code"]: e["content_hash"] for e in packets["log"] if e["status"] == "merged"}
    db = open_database(city)
    try:
        stats = {r[0]: r[1] for r in db.conn.execute("SELECT office_code, id FROM county_stats")}
    finally:
        db.close()
    for r, code in enumerate(SHIJIAZHUANG_CODES.values(), start=2):
        row = [c.value for c in ws[r]]
        assert row[1] == code
        assert row[3] == stats[code] and row[4] == "2023-12-31" and row[5] == 1
        assert row[6] == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", row[7])
        assert row[8] == hashes[code] and row[9] == keys[code]


def test_a_date_before_every_row_leaves_every_unit_missing(city: Path) -> None:
    table = json.loads(ok("--db", str(city), "city-table", "--as-of", "2023-06-30", "--json"))
    assert table["title"].endswith("（截止到2023年6月30日）")
    assert len(table["missing"]) == 22 and all(v == 0 for v in table["total"]["figures"].values())
    assert all(r["note"] == "未报送" and set(r["figures"].values()) == {None} for r in table["rows"])
