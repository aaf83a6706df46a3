"""The city's targets (工作目标): the defaults from the seeds, duplicates refused, and each
unit's green / amber / red with figures and reasons from merged data only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.city import targets as tg
from desktop.ledger import Ledger, NotOwner

from .city_helpers import send
from .conftest import make_uscc

A, B, NEVER = "130102", "130104", "130108"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def gi(county: Ledger, name: str, gi_type: str, approved: str | None) -> str:
    return county.add("gi", {"name": name, "gi_type": gi_type, "reference_no": name,
                             "approval_date": approved}).id


def user(county: Ledger, gi_id: str, n: int, *, model: int | None = None, used: int | None = None) -> str:
    values: dict[str, object] = {"gi_id": gi_id, "name": f"企业{n}", "uscc": make_uscc(n, county.office.code),
              "entity_type": "enterprise", "status": "approved", "announcement_no": f"公告{n}",
              "approval_date": "2024-05-01"}
    if model is not None:
        values.update(model_level="city", model_year=model)
    uid = county.add("mark-user", values).id
    if used is not None:
        county.add("annual-report", {"mark_user_id": uid, "year": 2025, "marks_used": used,
                                     "review_status": "submitted"})
    return uid


@pytest.fixture
def small_city(city: Ledger, new_office: Callable[..., Ledger], tmp_path: Path) -> Ledger:
    """City 130100 with 长安区 (a GI product of 2025 used by two users, one of them reporting
    the mark used in 2025 and a model enterprise of 2024; a certification mark of 2024) and
    桥西区 (no GI; an AGI only; a user of 长安区's GI reporting use, a model enterprise of 2026);
    裕华区 and the others never sent a packet."""
    a, b = new_office(A), new_office(B)
    product = gi(a, "长安梨", "protected_product", "2025-03-01")
    gi(a, "长安枣", "certification_mark", "2024-09-01")
    user(a, product, 1, model=2024, used=500)
    user(a, product, 2, used=0)
    gi(b, "桥西菜", "agi", "2020-01-01")
    # a user in 桥西区 of a GI it does not hold (the GI is 长安区's, merged at the city)
    other = gi(b, "桥西米", "agi", None)
    user(b, other, 3, model=2026, used=20)
    send(a, city, tmp_path / "packets")
    send(b, city, tmp_path / "packets")
    return city


def test_the_defaults_come_from_the_seeds(city: Ledger) -> None:
    added = tg.add_defaults(city, 2025)
    got = {(r.values["measure"], r.values["threshold"], r.values["scope"]) for r in added}
    assert got == {("gi_any", 1, "per_unit"), ("coverage_pct", 80, "city_total"),
                   ("new_products", 1, "city_total"), ("new_trademarks", 1, "city_total"),
                   ("model_enterprises", 10, "city_total")}
    sources = {r.values["measure"]: r.values["source"] for r in added}
    assert "001_8540e882885c34e4.txt" in sources["gi_any"] and "每县（区）注册一件地理标志商标" in sources["gi_any"]
    for measure in ("coverage_pct", "new_products", "new_trademarks", "model_enterprises"):
        assert "003_9f3f21046d9d98b9.txt" in sources[measure]
    assert "覆盖率达到80%" in sources["coverage_pct"] and "示范企业10家" in sources["model_enterprises"]
    assert all(r.values["year"] == 2025 and r.values.get("due") is None for r in added)
    # audited through the ledger: each has its create entry
    assert all(city.history(r.id)[0].action == "create" for r in added)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are beside the project only")
def test_every_quoted_phrase_is_in_its_seed_file() -> None:
    for d in tg.DEFAULTS:
        for name in ("001_8540e882885c34e4.txt", "003_9f3f21046d9d98b9.txt"):
            if name not in d.source:
                continue
            text = (SEEDS / name).read_text(encoding="utf-8").replace("\n", "").replace(" ", "")
            quoted = d.source.split("：“", 1)[1].split("”", 1)[0].replace("‘", "“").replace("’", "”")
            assert quoted in text, (name, quoted)


def test_the_defaults_twice_are_refused_and_add_nothing(city: Ledger) -> None:
    tg.add_defaults(city, 2025)
    with pytest.raises(tg.TargetError) as info:
        tg.add_defaults(city, 2025)
    assert "2025" in str(info.value) and "already" in str(info.value) and "已有" in str(info.value)
    assert city.count("target") == 5
    tg.add_defaults(city, 2026)  # another year is fine
    assert city.count("target") == 10


def test_one_clashing_target_refuses_them_all(city: Ledger) -> None:
    city.add("target", {"year": 2025, "measure": "model_enterprises", "threshold": 5, "scope": "city_total"})
    with pytest.raises(tg.TargetError, match="示范企业"):
        tg.add_defaults(city, 2025)
    assert city.count("target") == 1


def test_a_county_cannot_add_targets(ledger: Ledger) -> None:
    with pytest.raises(NotOwner):
        tg.add_defaults(ledger, 2025)
    assert ledger.count("target") == 0


def marks(ev: tg.Evaluation, measure: str, scope: str) -> tuple[dict[str, tg.Mark], tg.Mark]:
    t = next(t for t in ev.targets if t.measure == measure and t.scope == scope)
    return {u.code: ev.marks[(u.code, t.id)] for u in ev.units}, ev.totals[t.id]


def test_per_unit_green_amber_red_and_not_reported(small_city: Ledger) -> None:
    tg.add_defaults(small_city, 2025)
    units, total = marks(tg.evaluate(small_city, 2025, date(2025, 6, 30)), "gi_any", "per_unit")
    assert units[A].status == "green" and units[A].value == 2  # a product and a certification mark
    assert "已达标" in units[A].reason_zh and "2 件" in units[A].reason_zh and "met" in units[A].reason_en
    assert units[B].status == "amber" and units[B].value == 0  # AGIs do not count
    assert "期限 2025-12-31" in units[B].reason_zh
    assert units[NEVER].status == "red" and units[NEVER].reason_zh.startswith("未报送")
    assert total.status == "red" and total.value == 1 and "22 个单位中 1 个达标" in total.reason_zh
    units, _ = marks(tg.evaluate(small_city, 2025, date(2026, 1, 5)), "gi_any", "per_unit")
    assert units[B].status == "red" and "已过" in units[B].reason_zh and "has passed" in units[B].reason_en
    assert units[A].status == "green"


def test_before_the_approval_the_gi_does_not_count(small_city: Ledger) -> None:
    tg.add_defaults(small_city, 2024)
    units, _ = marks(tg.evaluate(small_city, 2024, date(2024, 6, 30)), "gi_any", "per_unit")
    assert units[A].value == 0 and units[A].status == "amber"
    units, _ = marks(tg.evaluate(small_city, 2024, date(2025, 6, 30)), "gi_any", "per_unit")
    assert units[A].value == 1 and units[A].status == "green"  # the 2024 mark, as of the end of 2024


def test_city_total_targets_and_each_units_contribution(small_city: Ledger) -> None:
    tg.add_defaults(small_city, 2025)
    ev = tg.evaluate(small_city, 2025, date(2025, 6, 30))
    units, total = marks(ev, "new_products", "city_total")
    assert total.status == "green" and total.value == 1
    assert units[A].status is None and units[A].value == 1 and units[A].reason_zh.startswith("计入全市")
    assert units[B].status is None and units[B].value == 0
    assert units[NEVER].status == "red" and "未报送" in units[NEVER].reason_zh
    units, total = marks(ev, "new_trademarks", "city_total")
    assert total.status == "amber" and total.value == 0  # the mark of 2024 is not new in 2025
    units, total = marks(ev, "model_enterprises", "city_total")
    assert total.value == 1 and total.status == "amber" and "目标 ≥ 10" in total.reason_zh  # 2026's not yet
    units, total = marks(tg.evaluate(small_city, 2025, date(2026, 2, 1)), "model_enterprises", "city_total")
    assert total.status == "red"


def test_coverage_per_unit_and_for_the_city(small_city: Ledger) -> None:
    tg.add_defaults(small_city, 2025)
    small_city.add("target", {"year": 2025, "measure": "coverage_pct", "threshold": 80, "scope": "per_unit",
                              "due": "2025-09-30"})
    ev = tg.evaluate(small_city, 2025, date(2025, 10, 1))
    units, total = marks(ev, "coverage_pct", "city_total")
    assert (total.numerator, total.denominator) == (2, 3) and total.value == pytest.approx(200 / 3)
    assert total.status == "amber" and "66.7%" in total.reason_zh  # due at the end of 2025
    units, total = marks(ev, "coverage_pct", "per_unit")
    assert units[A].status == "red" and units[A].value == 50 and "1/2" in units[A].reason_zh
    assert "期限 2025-09-30 已过" in units[A].reason_zh
    assert units[B].status == "green" and units[B].value == 100
    assert total.status == "red"


def test_evaluation_without_targets_and_as_json(small_city: Ledger) -> None:
    ev = tg.evaluate(small_city, 2030, date(2030, 1, 1))
    assert ev.targets == [] and ev.to_json()["targets"] == []
    tg.add_defaults(small_city, 2025)
    data = tg.evaluate(small_city, 2025, date(2025, 6, 30)).to_json()
    first = data["units"][0]
    assert first["code"] == A and first["reported"] is True
    assert {m["status"] for m in first["marks"].values()} <= {"green", "amber", "red", None}
    assert len(data["total"]) == 5


def test_the_grid_prints_as_xlsx_and_pdf(small_city: Ledger, tmp_path: Path, pdf) -> None:
    tg.add_defaults(small_city, 2025)
    ev = tg.evaluate(small_city, 2025, date(2025, 6, 30))
    ws = openpyxl.load_workbook(tg.write(small_city, ev, tmp_path / "目标.xlsx"))["工作目标"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "2025 年地理标志工作目标完成情况"
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[head + 1][1] == "长安区" and rows[head + 1][2] == "2 达标"
    assert rows[head + 23][1] == "全市"
    assert ws.cell(row=head + 2, column=3).fill.fgColor.rgb.endswith("C6EFCE")
    assert ws.cell(row=head + 3, column=3).fill.fgColor.rgb.endswith("FFEB9C")
    assert ws.cell(row=head + 4, column=3).fill.fgColor.rgb.endswith("FFC7CE")
    text = pdf.text(tg.write(small_city, ev, tmp_path / "目标.pdf"))
    for expected in ("工作目标完成情况", "长安区", "全市", "未报送", "达标"):
        assert expected in text, expected


def test_coverage_by_unit_is_the_dashboards_coverage(small_city: Ledger) -> None:
    from db import city_targets, dashboard

    codes = dashboard.DashboardCodes(user_approved="approved", result_rectify="rectify",
                                     recheck_rectified="rectified", final_stages=())
    grouped = city_targets.user_coverage_by_office(small_city.db, "approved", 2025)
    for office in (A, B):
        assert grouped[office] == dashboard.user_coverage(small_city.db, codes, 2025, office)
    assert NEVER not in grouped


def test_a_province_counts_a_citys_counties_for_the_city(small_city: Ledger) -> None:
    from db import city_targets

    db = small_city.db
    assert city_targets.gi_counts(db, tg.GI_ANY_TYPES, "2026-12-31", by_city=True) == {"130100": 2}
    assert city_targets.user_coverage_by_office(db, "approved", 2025, by_city=True) == {"130100": (2, 3)}
    assert city_targets.model_enterprises_by_office(db, 2026, by_city=True) == {"130100": 2}
