"""Every register's fields and rules, through Ledger.add (required fields, cross-field
rules, references, uniqueness), and the registers against the schema."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from db import records
from db.connection import now_utc
from desktop.fields import FieldError, FieldType, ValidationFailed
from desktop.record import to_columns
from desktop.registers import CLI_KINDS, REGISTRY, get_kind, kind_by_prefix

ALL_KINDS = list(REGISTRY)
REQUIRED = [(k.key, f.key) for k in REGISTRY.values() for f in k.fields if f.required]


# ---- every register accepts a valid record ------------------------------------------------

@pytest.mark.parametrize("kind", ALL_KINDS)
def test_valid_minimal_record_is_accepted(make_for, kind: str) -> None:
    make = make_for(kind)
    ledger = make.ledger
    office = ledger.office.code
    values = make.values(kind)
    rec = ledger.add(kind, values)
    k = REGISTRY[kind]
    assert rec.id == f"{k.prefix}-{office}-{int(rec.id.rsplit('-', 1)[1]):06d}"
    assert rec.office_code == office and rec.revision == 1 and not rec.deleted
    stored = ledger.get(kind, rec.id)
    assert stored.values == rec.values
    for key, raw in values.items():
        assert stored.values[key] == k.field(key).coerce(raw)
    assert set(stored.values) == {f.key for f in k.fields}


def test_cli_kinds_are_registered() -> None:
    assert set(CLI_KINDS) <= set(REGISTRY)
    for kind in REGISTRY.values():
        assert kind_by_prefix(kind.prefix) is kind
    assert len({k.prefix for k in REGISTRY.values()}) == len(REGISTRY)


def test_a_register_is_kept_only_at_the_levels_that_keep_it(make, city_ledger) -> None:
    """A county keeps no units, targets, work plans, tasks or reviews (one writer per record:
    the city writes them, the unit writes its progress and answers)."""
    from desktop.ledger import NotOwner

    for kind in ("unit", "target", "work-plan", "task", "review"):
        with pytest.raises(NotOwner) as info:
            make.ledger.add(kind, {})
        assert "县级" in str(info.value) and "county" in str(info.value)
    with pytest.raises(NotOwner):
        make.ledger.bulk_add("task", [{}], note="x")
    assert make.ledger.count("work-plan", include_deleted=True) == 0
    assert city_ledger.add("work-plan", {"name": "计划", "year": 2026}).office_code == "130100"
    make.add("progress")  # a county reports progress on its city's task


def test_unknown_kind_is_a_bilingual_field_error(bilingual) -> None:
    with pytest.raises(FieldError) as info:
        get_kind("resources")
    bilingual(info.value)
    assert "resource" in info.value.reason.en


# ---- required fields ------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "key"), REQUIRED)
def test_missing_required_field_is_named(make_for, kind: str, key: str) -> None:
    errors = make_for(kind).refused(kind, **{key: None})
    f = REGISTRY[kind].field(key)
    assert key in errors, f"{kind}.{key} not named: {list(errors)}"
    e = errors[key]
    assert e.reason.zh == "必填" and e.reason.en == "required"
    assert key in str(e) and f.zh in str(e) and f.zh in e.message_zh


@pytest.mark.parametrize(("kind", "key"), REQUIRED)
def test_blank_text_counts_as_missing(make_for, kind: str, key: str) -> None:
    assert key in make_for(kind).refused(kind, **{key: "   "})


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_an_empty_record_names_every_required_field_at_once(make_for, kind: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        make_for(kind).ledger.add(kind, {})
    k = REGISTRY[kind]
    named = [e.field_key for e in info.value.errors]
    assert [n for n in named if k.field(n).required] == [f.key for f in k.fields if f.required]
    order = [f.key for f in k.fields]
    assert named == sorted(named, key=order.index)  # listed in form order
    assert info.value.kind_zh == REGISTRY[kind].zh


def test_unknown_field_key_is_refused_naming_known_keys(make, bilingual) -> None:
    errors = make.refused("resource", colour="red")
    assert "colour" in errors
    assert "survey_date" in errors["colour"].reason.en


def test_bad_values_and_rule_breaks_are_reported_together(make) -> None:
    errors = make.refused("resource", town_count="many", survey_date="2026-12-01", tier=None)
    assert set(errors) == {"town_count", "survey_date", "tier"}


# ---- cross-field rules (table-driven: kind, changes, fields named, words in the reason) -----

RULE_CASES: list[tuple[str, str, dict[str, Any], tuple[str, ...], str]] = [
    # resource
    ("survey-date-future", "resource", {"survey_date": "2026-11-22"}, ("survey_date",), "不能晚于今天"),
    ("protection-none-combined", "resource", {"protection": "无;证明商标"}, ("protection",), "无"),
    ("town-count-below-towns", "resource", {"towns": "龙州镇;南桥镇;上碑镇", "town_count": 2},
     ("town_count",), "（3）"),
    ("bad-applicant-uscc", "resource", {"applicant_uscc": "914403001922038217"},
     ("applicant_uscc",), "第18位"),
    ("bad-phone", "resource", {"phone": "12800138000"}, ("phone",), "手机号"),
    # candidate
    ("stage-of-other-route", "candidate", {"route": "protected_product", "stage": "tm_filed"},
     ("stage",), "地理标志保护产品路径"),
    ("product-stage-on-trademark", "candidate", {"stage": "pp_province"}, ("stage",), "证明商标路径"),
    ("registered-needs-numbers", "candidate", {"stage": "tm_registered"},
     ("registration_no", "registration_date"), "核准注册"),
    ("approved-needs-numbers", "candidate", {"route": "protected_product", "stage": "pp_approved"},
     ("pp_approval_no", "pp_approval_date"), "认定公告"),
    ("product-fields-on-trademark", "candidate",
     {"pp_applicant": "行唐县人民政府", "pp_approval_no": "2024-1"},
     ("pp_applicant", "pp_approval_no"), "不属于本路径"),
    ("trademark-fields-on-product", "candidate",
     {"route": "protected_product", "stage": "pp_local", "tm_name": "行唐大枣", "nice_class": 31},
     ("tm_name", "nice_class"), "不属于本路径"),
    ("next-deadline-before-stage", "candidate", {"next_deadline": "2026-05-31"},
     ("next_deadline",), "阶段日期"),
    ("exclusive-same-day", "candidate",
     {"registration_date": "2016-01-07", "exclusive_until": "2016-01-07"},
     ("exclusive_until",), "应晚于注册日"),
    ("exclusive-before", "candidate",
     {"registration_date": "2016-01-07", "exclusive_until": "2015-01-07"}, ("exclusive_until",), "注册日"),
    ("registered-before-filed", "candidate",
     {"filing_date": "2015-03-01", "registration_date": "2015-02-28"}, ("registration_date",), "申请日"),
    ("stage-date-future", "candidate", {"stage_date": "2027-01-01"}, ("stage_date",), "不能晚于今天"),
    ("nice-class-range", "candidate", {"nice_class": 46}, ("nice_class",), "45"),
    ("event-date-future", "stage-event", {"event_date": "2026-11-22"}, ("event_date",), "今天"),
    # protected GI
    ("gi-approval-future", "gi", {"approval_date": "2027-01-01"}, ("approval_date",), "今天"),
    # mark user
    ("approved-without-basis", "mark-user", {"status": "已核准"}, ("announcement_no",), "核准公告号"),
    ("approved-with-tm-number-only", "mark-user",
     {"status": "approved", "tm_registration_no": "12345678"}, ("announcement_no",), "许可备案号"),
    ("approved-with-licence-only", "mark-user",
     {"status": "approved", "license_record_no": "备2024-1"}, ("announcement_no",), "许可备案号"),
    ("model-level-without-year", "mark-user", {"model_level": "省级"}, ("model_year",), "示范企业级别"),
    ("model-year-future", "mark-user", {"model_level": "city", "model_year": 2027},
     ("model_year",), "今年"),
    ("mark-user-approval-future", "mark-user", {"approval_date": "2026-12-01"},
     ("approval_date",), "今天"),
    # annual report
    ("marked-output-above-output", "annual-report", {"output_t": 10, "marked_output_t": 10.01},
     ("marked_output_t",), "产量（吨）"),
    ("marked-sales-above-sales", "annual-report", {"sales_10k": 5, "marked_sales_10k": 6},
     ("marked_sales_10k",), "销售额"),
    ("export-above-output", "annual-report", {"output_t": 5, "export_t": 6}, ("export_t",), "产量"),
    ("report-year-future", "annual-report", {"year": 2027}, ("year",), "今年（2026）"),
    ("report-date-before-year", "annual-report", {"year": 2025, "report_date": "2024-12-31"},
     ("report_date",), "2025年"),
    ("report-date-future", "annual-report", {"report_date": "2026-11-22"}, ("report_date",), "今天"),
    # inspection
    ("one-inspector", "inspection", {"inspectors": "张三"}, ("inspectors",), "两名"),
    ("same-inspector-twice", "inspection", {"inspectors": "张三、张三"}, ("inspectors",), "两名"),
    ("no-problem-with-failed-item", "inspection", {"item_label": "不合格"}, ("result",), "标识规范"),
    ("rectify-without-deadline", "inspection", {"result": "责令整改"}, ("rectify_deadline",), "责令整改"),
    ("deadline-same-day", "inspection",
     {"result": "rectify", "item_mark": "fail", "rectify_deadline": "2026-10-01"},
     ("rectify_deadline",), "检查日期"),
    ("deadline-before", "inspection", {"result": "rectify", "rectify_deadline": "2026-09-30"},
     ("rectify_deadline",), "检查日期"),
    ("recheck-result-without-date", "inspection", {"recheck_result": "已整改"},
     ("recheck_date",), "复查结果"),
    ("recheck-before-inspection", "inspection", {"recheck_date": "2026-09-01"},
     ("recheck_date",), "检查日期"),
    ("inspection-date-future", "inspection", {"inspection_date": "2026-11-22"},
     ("inspection_date",), "今天"),
    # abnormal list
    ("removal-before-listed", "abnormal", {"removal_date": "2026-08-31", "removal_reason": "已整改"},
     ("removal_date",), "列入日期"),
    ("removal-without-reason", "abnormal", {"removal_date": "2026-10-01"}, ("removal_reason",),
     "移出日期"),
    ("abnormal-deadline-same-day", "abnormal", {"deadline": "2026-09-01"}, ("deadline",), "列入日期"),
    ("listed-future", "abnormal", {"listed_date": "2026-12-01"}, ("listed_date",), "今天"),
    # plan
    ("plan-without-ratio-or-count", "plan", {"sample_count": None}, ("ratio_pct",), "至少填一项"),
    ("plan-end-before-start", "plan", {"start_date": "2026-05-01", "end_date": "2026-04-30"},
     ("end_date",), "开始日期"),
    ("plan-ratio-above-100", "plan", {"ratio_pct": "100.5"}, ("ratio_pct",), "100"),
    # statistics
    ("using-mark-above-products", "stats", {"gi_products": 2, "gi_products_using_mark": 3},
     ("gi_products_using_mark",), "地理标志保护产品数量"),
    ("well-known-above-registered", "stats", {"registered_trademarks": 1, "well_known_marks": 2},
     ("well_known_marks",), "有效注册商标"),
    ("stats-as-of-future", "stats", {"as_of": "2026-12-31"}, ("as_of",), "今天"),
]


@pytest.mark.parametrize(("kind", "changes", "keys", "words"),
                         [pytest.param(*c[1:], id=c[0]) for c in RULE_CASES])
def test_rule_refuses(make, kind: str, changes: dict[str, Any], keys: tuple[str, ...],
                      words: str) -> None:
    errors = make.refused(kind, **changes)
    assert set(keys) <= set(errors), f"expected {keys}, got {list(errors)}"
    assert all(words in errors[k].reason.zh for k in keys), [str(errors[k]) for k in keys]


ACCEPTED_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("survey-today", "resource", {"survey_date": "2026-11-21"}),
    ("protection-none-alone", "resource", {"protection": "无"}),
    ("protection-several", "resource", {"protection": "证明商标;申请中"}),
    ("town-count-equal", "resource", {"towns": "龙州镇;南桥镇", "town_count": 2}),
    ("town-count-more", "resource", {"towns": "龙州镇", "town_count": 5}),
    ("product-route", "candidate", {"route": "protected_product", "stage": "pp_local",
                                    "pp_applicant": "行唐县人民政府"}),
    ("registered", "candidate", {"stage": "tm_registered", "registration_no": "12345678",
                                 "registration_date": "2016-01-07", "exclusive_until": "2026-01-06"}),
    ("deadline-same-day-as-stage", "candidate", {"next_deadline": "2026-06-01"}),
    ("approved-with-announcement", "mark-user", {"status": "approved", "announcement_no": "第123号"}),
    ("approved-with-trademark-licence", "mark-user",
     {"status": "approved", "tm_registration_no": "12345678", "license_record_no": "备2024-1"}),
    ("model-enterprise", "mark-user", {"model_level": "provincial", "model_year": 2026}),
    ("marked-equals-output", "annual-report", {"output_t": 10, "marked_output_t": 10}),
    ("reported-next-year", "annual-report", {"year": 2025, "report_date": "2026-01-15"}),
    ("rectify-with-deadline", "inspection",
     {"result": "rectify", "item_label": "fail", "rectify_deadline": "2026-10-31"}),
    ("items-na-no-problem", "inspection", {"item_area": "不涉及", "item_label": "合格"}),
    ("removed-on-listing-day", "abnormal", {"removal_date": "2026-09-01", "removal_reason": "已联系"}),
    ("plan-ratio-only", "plan", {"sample_count": None, "ratio_pct": 5}),
    ("stats-all-using", "stats", {"gi_products": 2, "gi_products_using_mark": 2}),
]


@pytest.mark.parametrize(("kind", "changes"), [pytest.param(*c[1:], id=c[0]) for c in ACCEPTED_CASES])
def test_rule_accepts(make, kind: str, changes: dict[str, Any]) -> None:
    rec = make.add(kind, **changes)
    for key, raw in changes.items():
        assert rec.values[key] == REGISTRY[kind].field(key).coerce(raw)


def test_rules_are_rechecked_on_edit(make, ledger) -> None:
    rec = make.add("inspection")
    with pytest.raises(ValidationFailed) as info:
        ledger.edit("inspection", rec.id, {"result": "rectify"})
    assert [e.field_key for e in info.value.errors] == ["rectify_deadline"]
    assert ledger.get("inspection", rec.id).revision == 1


# ---- duplicates -----------------------------------------------------------------------------

def test_duplicate_annual_report_names_the_other_record(make, ledger) -> None:
    first = make.add("annual-report", year=2025)
    user = first.values["mark_user_id"]
    errors = make.refused("annual-report", mark_user_id=user, year="2025")
    assert first.id in errors["year"].reason.zh and first.id in errors["year"].reason.en
    assert "用标主体、年度" in errors["year"].reason.zh
    make.add("annual-report", mark_user_id=user, year=2024)  # another year is fine
    ledger.delete("annual-report", first.id)
    make.add("annual-report", mark_user_id=user, year=2025)  # the tombstone does not count


def test_uniqueness_ignores_deleted_records(make, ledger) -> None:
    first = make.add("resource", name="行唐大枣")
    errors = make.refused("resource", name="行唐大枣")
    assert first.id in errors["name"].reason.zh
    ledger.delete("resource", first.id)
    second = make.add("resource", name="行唐大枣")
    assert second.id != first.id
    # ... and the deleted one cannot come back while its name is taken
    with pytest.raises(ValidationFailed) as info:
        ledger.restore("resource", first.id)
    assert second.id in str(info.value)


def test_uniqueness_is_per_office(make, ledger) -> None:
    kind = REGISTRY["resource"]
    values, errors = kind.coerce_all(make.values("resource", name="行唐大枣"))
    assert not errors
    now = now_utc()
    records.insert(ledger.db, records.StoredRecord(
        kind.table, "R-130126-000001", "130126", now, now, 1, False, to_columns(kind, values)))
    mine = make.add("resource", name="行唐大枣")
    assert mine.office_code == "130125"
    assert make.refused("resource", name="行唐大枣")["name"].reason.zh.count(mine.id) == 1


def test_check_judges_uniqueness_within_each_records_own_office(make, ledger) -> None:
    """A county's record is compared with its own county's records, not the open office's."""
    from desktop import checks

    kind = REGISTRY["resource"]
    values, _ = kind.coerce_all(make.values("resource", name="赞皇大枣"))
    now = now_utc()
    for rid in ("R-130129-000001", "R-130129-000002"):
        ledger.db.conn.execute("DROP INDEX IF EXISTS resources_live_name")
        records.insert(ledger.db, records.StoredRecord(
            kind.table, rid, "130129", now, now, 1, False, to_columns(kind, values)))
    make.add("resource", name="赞皇大枣")  # this office may have its own
    found = {(f.record_id, f.field) for f in checks.check_file(ledger).findings}
    assert ("R-130129-000001", "name") in found and ("R-130129-000002", "name") in found
    assert not any(rid.startswith("R-130125") for rid, _ in found)


@pytest.mark.parametrize(("kind", "key", "typed", "code"), [
    ("gi", "gi_type", "证明商标", "certification_mark"),
    ("gi", "gi_type", "地理标志产品", "protected_product"),
    ("candidate", "route", "集体商标", "collective_mark"),
    ("resource", "planned_route", "地理标志证明商标", "certification_mark"),
])
def test_short_labels_clerks_use_are_accepted(kind: str, key: str, typed: str, code: str) -> None:
    assert REGISTRY[kind].field(key).coerce(typed) == code


def test_editing_a_record_does_not_collide_with_itself(make, ledger) -> None:
    a = make.add("resource", name="甲")
    b = make.add("resource", name="乙")
    assert ledger.edit("resource", a.id, {"name": "甲", "tier": "protect"}).revision == 2
    with pytest.raises(ValidationFailed) as info:
        ledger.edit("resource", b.id, {"name": "甲"})
    assert a.id in str(info.value)


def test_mark_user_unique_per_gi(make) -> None:
    user = make.add("mark-user")
    uscc = user.values["uscc"]
    errors = make.refused("mark-user", uscc=uscc, gi_id=user.values["gi_id"])
    assert user.id in errors["gi_id"].reason.zh
    make.add("mark-user", uscc=uscc)  # the same enterprise may use another GI


def test_candidate_unique_per_resource_and_route(make) -> None:
    cand = make.add("candidate")
    res = cand.values["resource_id"]
    assert cand.id in make.refused("candidate", resource_id=res)["route"].reason.zh
    make.add("candidate", resource_id=res, route="collective_mark")


def test_gi_unique_per_type_and_reference(make) -> None:
    gi = make.add("gi", reference_no="6094327")
    assert gi.id in make.refused("gi", reference_no="6094327")["reference_no"].reason.zh
    make.add("gi", reference_no="6094327", gi_type="collective_mark")


# ---- references -------------------------------------------------------------------------------

def test_reference_to_a_missing_record_is_refused(make) -> None:
    errors = make.refused("candidate", resource_id="R-130125-999999")
    assert "R-130125-999999" in errors["resource_id"].reason.zh


def test_reference_to_a_deleted_record_is_refused(make, ledger) -> None:
    res = make.add("resource")
    ledger.delete("resource", res.id)
    errors = make.refused("candidate", resource_id=res.id)
    assert "已删除" in errors["resource_id"].reason.zh


def test_reference_to_a_record_of_another_kind_is_refused(make) -> None:
    gi = make.add("gi")
    assert "mark_user_id" in make.refused("annual-report", mark_user_id=gi.id)


@pytest.mark.parametrize(("kind", "key"), [(k.key, f.key) for k in REGISTRY.values()
                                           for f in k.refs()])
def test_every_reference_field_checks_its_target(make_for, kind: str, key: str) -> None:
    errors = make_for(kind).refused(kind, **{key: "X-000000-000001"})
    assert "X-000000-000001" in errors[key].reason.zh


# ---- the registers against the schema -------------------------------------------------------

_AFFINITY = {FieldType.INT: "INTEGER", FieldType.YEAR: "INTEGER", FieldType.BOOL: "INTEGER",
             FieldType.DECIMAL: "REAL"}


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_fields_match_table_columns(db, kind: str) -> None:
    k = REGISTRY[kind]
    assert records.data_columns(db, k.table) == tuple(f.key for f in k.fields)
    declared = {r[1]: r[2] for r in db.conn.execute(f'PRAGMA table_info("{k.table}")')}
    for f in k.fields:
        assert declared[f.key] == _AFFINITY.get(f.type, "TEXT"), f"{k.table}.{f.key}"


def test_every_field_has_bilingual_labels() -> None:
    for k in REGISTRY.values():
        assert k.zh and k.en and k.title_field in {f.key for f in k.fields}
        for f in k.fields:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in f.zh), f"{k.key}.{f.key}"
            assert f.en and f.en.isascii(), f"{k.key}.{f.key}"
            for c in f.choices:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in c.zh) and c.en.isascii()
            if f.type is FieldType.REF:
                assert f.ref in REGISTRY


def _garbage(field_type: FieldType) -> Any:
    if field_type in (FieldType.TEXT, FieldType.LONGTEXT, FieldType.REF, FieldType.LIST):
        return "坏\x07值"
    return "坏值"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_field_refuses_garbage_in_both_languages(make_for, kind: str) -> None:
    k = REGISTRY[kind]
    garbage = {f.key: _garbage(f.type) for f in k.fields}
    errors = make_for(kind).refused(kind, **garbage)  # checks every message is bilingual
    assert set(errors) == set(garbage)


def test_validate_on_a_ledger_lists_problems_without_saving(make, ledger) -> None:
    k = REGISTRY["resource"]
    values, _ = k.coerce_all(make.values("resource", survey_date="2027-01-01"))
    problems = ledger.validate(k, values)
    assert [p.field_key for p in problems] == ["survey_date"]
    assert ledger.count("resource") == 0
    assert date(2027, 1, 1) == values["survey_date"]


def test_mark_user_uscc_is_stored_upper_case(make, ledger) -> None:
    rec = make.add("mark-user", uscc="91440300708461136t")
    assert ledger.get("mark-user", rec.id).values["uscc"] == "91440300708461136T"
    coop = make.add("mark-user", uscc=make.uscc(5, entity="93"), entity_type="农民专业合作社")
    assert coop.values["uscc"].startswith("93130125")
    errors = make.refused("mark-user", uscc=make.uscc(6)[:17] + "I")
    assert "“I”" in errors["uscc"].reason.zh
