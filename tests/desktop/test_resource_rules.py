"""The resource register: 涉及乡镇数 derived from the towns (Kind.derived), and 细分类型
narrowed by 产品类别 (Field.narrowed_by, checked as a cross-field rule)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.cli import EXIT_OK, main
from desktop.demo import PRODUCTS
from desktop.registers import REGISTRY
from desktop.registers.resource import SUBTYPES_BY_CATEGORY

KIND = REGISTRY["resource"]


# ---- 涉及乡镇数 -------------------------------------------------------------------------------

def test_a_new_resource_counts_its_towns(make, ledger) -> None:
    rec = make.add("resource", towns="龙州镇;南桥镇;上碑镇")
    assert rec.values["town_count"] == 3
    assert ledger.get("resource", rec.id).values["town_count"] == 3


def test_a_count_typed_without_towns_stays(make) -> None:
    assert make.add("resource", town_count=4).values["town_count"] == 4


def test_a_count_above_the_towns_listed_stays_and_one_below_is_refused(make) -> None:
    assert make.add("resource", towns="龙州镇", town_count=5).values["town_count"] == 5
    assert set(make.refused("resource", towns="龙州镇;南桥镇", town_count=1)) == {"town_count"}


def test_an_edit_of_the_towns_moves_a_count_that_followed_them(make, ledger) -> None:
    rec = make.add("resource", towns="龙州镇;南桥镇")
    rec = ledger.edit("resource", rec.id, {"towns": "龙州镇;南桥镇;上碑镇"})
    assert rec.values["town_count"] == 3
    rec = ledger.edit("resource", rec.id, {"towns": None})
    assert rec.values["town_count"] is None, "no towns: nothing to count"
    typed = make.add("resource", towns="龙州镇", town_count=6)
    typed = ledger.edit("resource", typed.id, {"towns": "龙州镇;南桥镇"})
    assert typed.values["town_count"] == 6, "a count typed by hand stays"
    both = ledger.edit("resource", typed.id, {"towns": "龙州镇;南桥镇;上碑镇", "town_count": 3})
    assert both.values["town_count"] == 3


def test_an_old_record_without_a_count_gets_it_on_its_next_save(make, ledger) -> None:
    rec = make.add("resource", town_count=None)
    ledger.db.conn.execute("UPDATE resources SET towns = ? WHERE id = ?",
                           (json.dumps(["龙州镇", "南桥镇"], ensure_ascii=False), rec.id))
    rec = ledger.edit("resource", rec.id, {"contact": "张三"})
    assert rec.values["town_count"] == 2


def test_the_cli_counts_the_towns_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"

    def run(*argv: str) -> str:
        out = io.StringIO()
        assert main(["--db", str(db), *argv], out=out) == EXIT_OK, capsys.readouterr().err
        return out.getvalue().strip()

    run("init", "--office", "130125")
    rid = run("add", "resource", "--set", "name=行唐大枣", "--set", "attribute=grown",
              "--set", "category=primary_agri", "--set", "tier=discover",
              "--set", "survey_date=2026-05-01", "--set", "towns=龙州镇；南桥镇")
    shown = json.loads(run("show", "resource", rid, "--json"))
    assert shown["town_count"] == 2


# ---- 细分类型 by 产品类别 ----------------------------------------------------------------------

def codes(category: str | None) -> list[str]:
    return [c.code for c in KIND.field("subtype").choices_for(category)]


def test_sub_types_offered_for_each_category() -> None:
    assert "liquor" not in codes("primary_agri") and "craft" not in codes("primary_agri")
    assert codes("handicraft") == ["craft", "other"]
    assert "liquor" in codes("processed_food")
    all_codes = [c.code for c in KIND.field("subtype").choices]
    assert codes("other") == all_codes and codes(None) == all_codes
    assert {k for k, _ in SUBTYPES_BY_CATEGORY} < {c.code for c in KIND.field("category").choices}


def test_a_sub_type_of_another_category_is_saved_with_a_warning(make, ledger) -> None:
    """Pointed out, not refused: records saved before the narrowing must still save and
    still travel in packets."""
    rec = make.add("resource", category="primary_agri", subtype="liquor")
    assert ledger.get("resource", rec.id).values["subtype"] == "liquor"  # saved
    warned = {w.field_key: w for w in ledger.warnings_of(rec)}
    assert set(warned) == {"subtype"}
    assert "“酒”不属于产品类别“初级农产品”" in warned["subtype"].message_zh
    assert "liquor" in warned["subtype"].message_en
    other = make.add("resource", category="handicraft", subtype="fruit")
    assert {w.field_key for w in ledger.warnings_of(other)} == {"subtype"}
    for fitting in (make.add("resource", category="processed_food", subtype="liquor"),
                    make.add("resource", category="other", subtype="craft"),
                    make.add("resource", category="handicraft")):  # no sub-type
        assert ledger.warnings_of(fitting) == []


def test_the_demo_products_use_fitting_pairs() -> None:
    for p in PRODUCTS:
        assert p.subtype in codes(p.category), p.generic


def test_fields_describes_the_narrowing(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["fields", "resource", "--json"], out=out) == EXIT_OK
    (subtype,) = [f for f in json.loads(out.getvalue()) if f["key"] == "subtype"]
    assert subtype["narrowed_by"]["field"] == "category"
    assert subtype["narrowed_by"]["choices"]["handicraft"] == ["craft", "other"]
