"""``giledger city-table`` and ``giledger units`` on a small city: a unit that has not reported
(未报送, blank, not counted, named by the command), figures that disagree with the registers
(备注), where a row comes from as packets follow each other, the unit list's edits (audited),
refusals and usage errors, and the province's table."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from db.connection import open_database
from tests.desktop.city_table_helpers import build_county, cli, ok


@pytest.fixture
def small_city(tmp_path: Path) -> Path:
    """长安区 reported and agrees, 桥西区 typed 3 GI trademarks but keeps 2, nobody else reported."""
    p1 = build_county(tmp_path, "130102", [50575, 4, 1, 1, 1])
    p2 = build_county(tmp_path, "130104", [37177, 2, 2, 0, 0], typed=[37177, 2, 3, 0, 0])
    city = tmp_path / "city.db"
    ok("--db", str(city), "init", "--office", "130100")
    ok("--db", str(city), "import-packet", str(p1), str(p2))
    return city


def test_missing_units_are_blank_named_and_not_counted(small_city: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    text = ok("--db", str(small_city), "city-table", "--as-of", "2023-12-31", "-o", str(out))
    assert "已报送 2，未报送 20" in text
    assert "裕华区（130108）" in text and "新乐市（130184）" in text and "长安区（130102）" not in text
    ws = openpyxl.load_workbook(out)["统计表"]
    yuhua = [ws.cell(6, c).value for c in range(1, 9)]
    assert yuhua == [3, "裕华区", None, None, None, None, None, "未报送"]
    total = [ws.cell(26, c).value for c in range(1, 9)]
    assert total[:7] == ["小计", "全市", 50575 + 37177, 6, 1 + 3, 1, 1]
    assert "20个单位未报送" in total[7]
    table = json.loads(ok("--db", str(small_city), "city-table", "--as-of", "2023-12-31", "--json"))
    assert len(table["missing"]) == 20 and {"code": "130108", "name": "裕华区"} in table["missing"]
    row = table["rows"][2]
    assert row["missing"] and row["figures"]["registered_trademarks"] is None


def test_disagreeing_figures_keep_the_typed_figure_and_say_so(small_city: Path) -> None:
    code, text = cli("--db", str(small_city), "city-table", "--as-of", "2023-12-31")
    assert code == 0
    assert "桥西区（130104）地理标志商标填报3，台账2" in text
    table = json.loads(ok("--db", str(small_city), "city-table", "--as-of", "2023-12-31", "--json"))
    qiaoxi = table["rows"][1]
    assert qiaoxi["figures"]["gi_trademarks"] == 3 and qiaoxi["counted"]["gi_trademarks"] == 2
    assert qiaoxi["note"] == "地理标志商标填报3，台账2"
    assert qiaoxi["disagreements"] == [{"column": "gi_trademarks", "typed": 3, "counted": 2}]
    changan = table["rows"][0]
    assert changan["note"] == "" and changan["counted"] == {"gi_trademarks": 1, "gi_products": 1,
                                                            "gi_products_using_mark": 1}


def test_the_source_is_the_first_packet_that_carried_the_row(tmp_path: Path) -> None:
    county = str(tmp_path / "130102.db")
    p1 = build_county(tmp_path, "130102", [100, 1, 0, 0, 0], gis=False)
    p2 = tmp_path / "p2.xlsx"
    ok("--db", county, "add", "gi", "--set", "name=长安测试", "--set", "gi_type=agi", "--set", "reference_no=A1")
    ok("--db", county, "export-packet", "-o", str(p2))  # the statistics row unchanged
    city = str(tmp_path / "city.db")
    ok("--db", city, "init", "--office", "130100")
    ok("--db", city, "import-packet", str(p1), str(p2))
    src = json.loads(ok("--db", city, "city-table", "--as-of", "2023-12-31", "--json"))["sources"][0]
    assert (src["packet_sequence"], src["revision"]) == (1, 1)
    ok("--db", county, "stats", "set", "--as-of", "2023-12-31", "--registered-trademarks", "120",
       "--well-known-marks", "1", "--gi-trademarks", "0", "--gi-products", "0", "--gi-products-using-mark", "0")
    p3 = tmp_path / "p3.xlsx"
    ok("--db", county, "export-packet", "-o", str(p3))
    ok("--db", city, "import-packet", str(p3))
    table = json.loads(ok("--db", city, "city-table", "--as-of", "2023-12-31", "--json"))
    src = table["sources"][0]
    assert (src["packet_sequence"], src["revision"]) == (3, 2) and src["fingerprint"]
    assert table["rows"][0]["figures"]["registered_trademarks"] == 120


def test_a_later_row_is_not_used_for_an_earlier_date(tmp_path: Path) -> None:
    county = str(tmp_path / "130102.db")
    build_county(tmp_path, "130102", [100, 1, 0, 0, 0], as_of="2023-12-31", gis=False)
    ok("--db", county, "stats", "set", "--as-of", "2024-06-30", "--registered-trademarks", "150",
       "--well-known-marks", "1", "--gi-trademarks", "0", "--gi-products", "0", "--gi-products-using-mark", "0")
    ok("--db", county, "export-packet", "-o", str(tmp_path / "p.xlsx"))
    city = str(tmp_path / "city.db")
    ok("--db", city, "init", "--office", "130100")
    ok("--db", city, "import-packet", str(tmp_path / "p.xlsx"))
    end_2023 = json.loads(ok("--db", city, "city-table", "--as-of", "2023-12-31", "--json"))
    mid_2024 = json.loads(ok("--db", city, "city-table", "--as-of", "2024-06-30", "--json"))
    assert end_2023["rows"][0]["figures"]["registered_trademarks"] == 100
    assert mid_2024["rows"][0]["figures"]["registered_trademarks"] == 150
    assert mid_2024["title"].endswith("（截止到2024年6月30日）")


def _audited(city: Path, action: str) -> int:
    db = open_database(city)
    try:
        return int(db.conn.execute("SELECT count(*) FROM audit_log WHERE kind = 'unit' AND action = ?",
                                   (action,)).fetchone()[0])
    finally:
        db.close()


def test_unit_list_edits_are_audited_and_shape_the_table(small_city: Path) -> None:
    db = str(small_city)
    listed = json.loads(ok("--db", db, "units", "--json"))
    assert len(listed) == 22 and listed[0]["default"] and listed[4]["code"] == "130171"
    assert _audited(small_city, "create") == 0
    ok("--db", db, "units", "rename", "130102", "长安")
    assert _audited(small_city, "create") == 22  # the first change stores the defaults
    ok("--db", db, "units", "move", "130104", "1")
    ok("--db", db, "units", "remove", "130108")
    ok("--db", db, "units", "add", "130181", "--position", "2")
    listed = json.loads(ok("--db", db, "units", "list", "--json"))
    assert [u["code"] for u in listed[:3]] == ["130104", "130181", "130102"]
    assert listed[2]["name"] == "长安" and len(listed) == 22 and not listed[0]["default"]
    assert "130108" not in {u["code"] for u in listed}
    assert _audited(small_city, "delete") == 1 and _audited(small_city, "update") >= 2
    table = json.loads(ok("--db", db, "city-table", "--as-of", "2023-12-31", "--json"))
    assert [(r["position"], r["name"]) for r in table["rows"][:3]] == [(1, "桥西区"), (2, "辛集市"), (3, "长安")]
    assert table["rows"][1]["missing"]
    text = ok("--db", db, "units")
    assert " 1  130104  桥西区" in text and "共 22 个单位" in text


def test_refusals_and_usage_errors(small_city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(small_city)
    assert cli("--db", db, "units", "remove", "130999")[0] == 3
    assert "130999" in capsys.readouterr().err
    assert cli("--db", db, "units", "add", "130102")[0] == 3  # already listed
    assert cli("--db", db, "units", "add", "139999")[0] == 3  # no division, no name
    assert cli("--db", db, "units", "move", "130102", "0")[0] == 2
    assert cli("--db", db, "city-table", "--as-of", "2023-13-01")[0] == 2
    assert cli("--db", db, "city-table", "--as-of", "2023-12-31", "-o", str(tmp_path / "t.csv"))[0] == 2
    assert cli("--db", db, "city-table", "--as-of", "2023-12-31", "-o", str(tmp_path / "no" / "t.xlsx"))[0] == 3
    assert _audited(small_city, "create") == 0  # nothing was stored by the refusals
    county = str(tmp_path / "130102.db")
    code, _ = cli("--db", county, "city-table", "--as-of", "2023-12-31")
    err = capsys.readouterr().err
    assert code == 3 and "县级数据库" in err and "county database" in err
    assert cli("--db", county, "units")[0] == 3


def test_a_province_lists_its_cities(tmp_path: Path) -> None:
    db = str(tmp_path / "province.db")
    ok("--db", db, "init", "--office", "130000")
    table = json.loads(ok("--db", db, "city-table", "--as-of", "2023-12-31", "--json"))
    assert table["unit_header"] == "各市" and table["title"].startswith("各市注册商标")
    assert table["rows"][0]["code"] == "130100" and table["total"]["name"] == "全省"
    out = tmp_path / "p.xlsx"
    ok("--db", db, "city-table", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out)["统计表"]
    assert ws.cell(2, 2).value == "各市" and ws.cell(1, 1).value.startswith("各市")


def test_older_log_rows_fall_back_to_the_merge_time_and_the_pinned_key(small_city: Path) -> None:
    db = open_database(small_city)
    try:
        db.conn.execute("UPDATE packet_log SET detail = json_remove(detail, '$.exported_at', '$.fingerprint')")
    finally:
        db.close()
    table = json.loads(ok("--db", str(small_city), "city-table", "--as-of", "2023-12-31", "--json"))
    packets = json.loads(ok("--db", str(small_city), "packets", "--json"))
    keys = {o["code"]: o["key_fingerprint"] for o in packets["offices"]}
    for src in table["sources"]:
        assert src["packet_sequence"] == 1 and src["fingerprint"] == keys[src["code"]]
        assert src["exported_at"] == src["merged_at"] and src["export_date"]
