"""The use cases of desktop.ledger: ids, edit/delete/restore with audit, ownership,
candidate stages and approval, bulk add; plus desktop.stats and desktop.checks."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from db import audit, maintenance, meta, records
from db.connection import now_utc, open_database
from desktop import checks, stats
from desktop.fields import FieldError, ValidationFailed
from desktop.jobs import Cancelled
from desktop.ledger import (
    Ledger,
    NotInitialised,
    NotOwner,
    RecordNotFound,
    StaleRevision,
    StillReferenced,
    init_office,
)
from desktop.record import to_columns
from desktop.registers import REGISTRY


def audit_rows(db) -> list[audit.AuditEntry]:
    return list(reversed(list(audit.recent(db, 10_000))))


# ---- init -------------------------------------------------------------------------------

def test_init_office_records_the_office_and_an_audit_row(ledger, db) -> None:
    assert ledger.office.code == "130125" and ledger.office.name == "行唐县"
    assert ledger.mode == "county" and ledger.office.parent_code == "130100"
    assert meta.get_setting(db, "office_code") == "130125"
    assert meta.get_setting(db, "clerk") == "测试员"
    (entry,) = audit_rows(db)
    assert entry.action == "init" and entry.actor == "测试员"
    assert entry.after == {"office": "130125", "name": "行唐县", "mode": "county"}
    assert ledger.actor.clerk == "测试员"


def test_init_twice_is_refused(db) -> None:
    with pytest.raises(FieldError) as info:
        init_office(db, "130126")
    assert "130125" in info.value.reason.zh
    assert meta.self_office(db).code == "130125"


def test_init_city_mode_and_retired_code(tmp_path) -> None:
    city = open_database(tmp_path / "city.db")
    try:
        assert init_office(city, "130100").level == "city"
        assert Ledger(city).mode == "city"
    finally:
        city.close()
    other = open_database(tmp_path / "old.db")
    try:
        with pytest.raises(FieldError) as info:
            init_office(other, "130124")
        assert "130111" in info.value.reason.zh and "2014" in info.value.reason.en
        assert meta.self_office(other) is None
    finally:
        other.close()


def test_ledger_on_an_empty_file_is_not_initialised(tmp_path) -> None:
    empty = open_database(tmp_path / "empty.db")
    try:
        with pytest.raises(NotInitialised):
            Ledger(empty)
    finally:
        empty.close()


def test_clerk_from_argument_and_environment(db, monkeypatch) -> None:
    assert Ledger(db, clerk="王五").actor.clerk == "王五"
    monkeypatch.setenv("GILEDGER_CLERK", "赵六")
    assert Ledger(db).actor.clerk == "赵六"


# ---- ids ----------------------------------------------------------------------------------

def test_ids_count_up_per_prefix(make) -> None:
    ids = [make.add("resource").id for _ in range(3)]
    assert ids == ["R-130125-000001", "R-130125-000002", "R-130125-000003"]
    gi = make.add("gi")
    assert gi.id == "G-130125-000001"


def test_ids_are_never_reused_after_delete(make, ledger) -> None:
    a = make.add("resource")
    b = make.add("resource")
    ledger.delete("resource", b.id)
    c = make.add("resource")
    assert (a.id, b.id, c.id) == ("R-130125-000001", "R-130125-000002", "R-130125-000003")
    ledger.delete("resource", c.id)
    ledger.delete("resource", a.id)
    assert make.add("resource").id == "R-130125-000004"


def test_a_refused_add_uses_no_id(make, ledger) -> None:
    make.refused("resource", survey_date="2030-01-01")
    assert make.add("resource").id == "R-130125-000001"


def test_get_unknown_record(ledger) -> None:
    with pytest.raises(RecordNotFound) as info:
        ledger.get("resource", "R-130125-000099")
    assert "R-130125-000099" in str(info.value)


# ---- edit ----------------------------------------------------------------------------------

def test_edit_bumps_revision_and_audits_before_and_after(make, ledger, db) -> None:
    rec = make.add("resource", tier="培育", output_t="12.5")
    edited = ledger.edit("resource", rec.id, {"tier": "保护", "output_t": 13},
                         expected_revision=1)
    assert edited.revision == 2 and edited.values["tier"] == "protect"
    assert edited.values["output_t"] == 13.0
    assert ledger.get("resource", rec.id).values == edited.values
    create, update = ledger.history(rec.id)
    assert (create.action, create.revision, create.before) == ("create", 1, None)
    assert create.after["tier"] == "cultivate" and create.after["name"] == rec.values["name"]
    assert update.action == "update" and update.revision == 2
    assert update.actor == "测试员" and update.office_code == "130125" and update.kind == "resource"
    assert update.before["tier"] == "cultivate" and update.after["tier"] == "protect"
    assert update.before["output_t"] == 12.5 and update.after["output_t"] == 13.0
    assert update.before["revision"] == 1 and update.after["revision"] == 2
    assert update.after["survey_date"] == "2026-05-01"  # JSON values in the image


def test_edit_with_stale_revision_changes_nothing(make, ledger, db) -> None:
    rec = make.add("resource")
    ledger.edit("resource", rec.id, {"tier": "protect"}, expected_revision=1)
    digest = maintenance.content_digest(db)
    with pytest.raises(StaleRevision) as info:
        ledger.edit("resource", rec.id, {"tier": "discover"}, expected_revision=1)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert rec.id in str(info.value)
    assert maintenance.content_digest(db) == digest


def test_editing_nothing_writes_nothing(make, ledger, db) -> None:
    rec = make.add("resource", tier="cultivate", towns="甲镇;乙镇")
    digest = maintenance.content_digest(db)
    same = ledger.edit("resource", rec.id, {"tier": "培育", "towns": ["甲镇", "乙镇"],
                                            "name": rec.values["name"]})
    assert same.revision == 1
    assert ledger.edit("resource", rec.id, {}).revision == 1
    assert maintenance.content_digest(db) == digest
    assert len(ledger.history(rec.id)) == 1


def test_edit_refused_value_changes_nothing(make, ledger, db) -> None:
    rec = make.add("resource")
    digest = maintenance.content_digest(db)
    with pytest.raises(ValidationFailed):
        ledger.edit("resource", rec.id, {"town_count": -1})
    with pytest.raises(ValidationFailed):
        ledger.edit("resource", rec.id, {"survey_date": "2026-11-22"})
    assert maintenance.content_digest(db) == digest


def test_edit_can_empty_an_optional_field(make, ledger) -> None:
    rec = make.add("resource", phone="13800138000")
    edited = ledger.edit("resource", rec.id, {"phone": ""})
    assert edited.values["phone"] is None
    assert ledger.history(rec.id)[-1].before["phone"] == "13800138000"


def test_edit_of_a_deleted_record_is_refused(make, ledger) -> None:
    rec = make.add("resource")
    ledger.delete("resource", rec.id)
    with pytest.raises(NotOwner) as info:
        ledger.edit("resource", rec.id, {"tier": "protect"})
    assert "已删除" in str(info.value)


# ---- delete and restore --------------------------------------------------------------------

def test_delete_tombstones_and_audits(make, ledger, db) -> None:
    keep = make.add("resource")
    rec = make.add("resource")
    gone = ledger.delete("resource", rec.id)
    assert gone.deleted and gone.revision == 2
    row = db.conn.execute("SELECT deleted, revision FROM resources WHERE id = ?", (rec.id,)).fetchone()
    assert row == (1, 2)
    assert ledger.get("resource", rec.id).deleted
    assert [r.id for r in ledger.list("resource")] == [keep.id]
    assert [r.id for r in ledger.list("resource", include_deleted=True)] == [keep.id, rec.id]
    assert ledger.count("resource") == 1 and ledger.count("resource", include_deleted=True) == 2
    entry = ledger.history(rec.id)[-1]
    assert entry.action == "delete" and entry.revision == 2 and entry.actor == "测试员"
    assert entry.before["deleted"] is False and entry.after["deleted"] is True
    # deleting again is a no-op
    before = audit.count(db)
    assert ledger.delete("resource", rec.id).revision == 2
    assert audit.count(db) == before


def test_delete_with_stale_revision(make, ledger) -> None:
    rec = make.add("resource")
    ledger.edit("resource", rec.id, {"tier": "protect"})
    with pytest.raises(StaleRevision):
        ledger.delete("resource", rec.id, expected_revision=1)
    assert not ledger.get("resource", rec.id).deleted


def test_delete_refused_while_referenced(make, ledger, db) -> None:
    cand = make.add("candidate")
    res_id = cand.values["resource_id"]
    digest = maintenance.content_digest(db)
    with pytest.raises(StillReferenced) as info:
        ledger.delete("resource", res_id)
    assert cand.id in str(info.value) and "培育对象" in str(info.value)
    assert maintenance.content_digest(db) == digest
    # a candidate with only its stage events can go; then the resource can too
    assert ledger.count("stage-event", {"candidate_id": cand.id}) == 1
    ledger.delete("candidate", cand.id)
    ledger.delete("resource", res_id)
    assert ledger.get("resource", res_id).deleted


def test_deleted_referrers_do_not_block(make, ledger) -> None:
    user = make.add("mark-user")
    report = make.add("annual-report", mark_user_id=user.id)
    with pytest.raises(StillReferenced) as info:
        ledger.delete("mark-user", user.id)
    assert report.id in str(info.value)
    ledger.delete("annual-report", report.id)
    assert ledger.delete("mark-user", user.id).deleted


def test_restore_brings_it_back(make, ledger) -> None:
    rec = make.add("resource")
    ledger.delete("resource", rec.id)
    back = ledger.restore("resource", rec.id)
    assert not back.deleted and back.revision == 3
    assert [r.id for r in ledger.list("resource")] == [rec.id]
    entry = ledger.history(rec.id)[-1]
    assert entry.action == "restore" and entry.revision == 3
    assert entry.before["deleted"] is True and entry.after["deleted"] is False
    assert [e.action for e in ledger.history(rec.id)] == ["create", "delete", "restore"]
    # restoring a live record is a no-op
    assert ledger.restore("resource", rec.id).revision == 3


def test_restore_refused_when_its_reference_is_gone(make, ledger) -> None:
    cand = make.add("candidate")
    ledger.delete("candidate", cand.id)
    ledger.delete("resource", cand.values["resource_id"])
    with pytest.raises(ValidationFailed) as info:
        ledger.restore("candidate", cand.id)
    assert info.value.errors[0].field_key == "resource_id"
    assert ledger.get("candidate", cand.id).deleted


# ---- ownership --------------------------------------------------------------------------------

@pytest.fixture
def foreign(ledger, make):
    """A resource of 灵寿县 (130126), as a packet would bring it into the file."""
    kind = REGISTRY["resource"]
    values, errors = kind.coerce_all(make.values("resource", name="灵寿某产品"))
    assert not errors
    now = now_utc()
    stored = records.StoredRecord(kind.table, "R-130126-000001", "130126", now, now, 1, False,
                                  to_columns(kind, values))
    records.insert(ledger.db, stored)
    return stored


def test_not_owner_cannot_edit_or_delete(ledger, foreign, db) -> None:
    digest = maintenance.content_digest(db)
    with pytest.raises(NotOwner) as info:
        ledger.edit("resource", foreign.id, {"tier": "protect"})
    assert "130126" in str(info.value) and foreign.id in str(info.value)
    with pytest.raises(NotOwner):
        ledger.delete("resource", foreign.id)
    with pytest.raises(NotOwner):
        ledger.restore("resource", foreign.id)
    assert maintenance.content_digest(db) == digest


def test_not_owner_message_names_a_known_office(ledger, foreign, db) -> None:
    now = now_utc()
    meta.upsert_office(db, meta.Office("130126", "灵寿县", "county", "130100", False, None, None,
                                       now, now))
    with pytest.raises(NotOwner) as info:
        ledger.edit("resource", foreign.id, {"tier": "protect"})
    assert "130126 灵寿县" in str(info.value)


def test_foreign_records_are_readable_and_referrable(ledger, foreign, make) -> None:
    assert ledger.get("resource", foreign.id).office_code == "130126"
    assert foreign.id in [r.id for r in ledger.list("resource")]
    # ids of this office are not disturbed by another office's ids
    assert make.add("resource").id == "R-130125-000001"


# ---- list ----------------------------------------------------------------------------------

def test_list_filters_with_clerk_values(make, ledger) -> None:
    a = make.add("resource", tier="培育")
    make.add("resource", tier="protect")
    c = make.add("resource", tier="cultivate", one_county_one_product="是")
    assert [r.id for r in ledger.list("resource", {"tier": "培育"})] == [a.id, c.id]
    assert [r.id for r in ledger.list("resource", {"tier": "cultivate"})] == [a.id, c.id]
    assert [r.id for r in ledger.list("resource", {"one_county_one_product": "yes"})] == [c.id]
    assert [r.id for r in ledger.list("resource", {"survey_date": "2026/5/1"}, limit=1)] == [a.id]
    assert ledger.count("resource", {"tier": "保护"}) == 1
    with pytest.raises(ValidationFailed):
        list(ledger.list("resource", {"colour": "red"}))
    with pytest.raises(ValidationFailed):
        list(ledger.list("resource", {"towns": "甲镇"}))
    with pytest.raises(ValidationFailed):
        list(ledger.list("resource", {"tier": "unknown"}))


def test_record_json(make) -> None:
    rec = make.add("resource", towns="甲镇;乙镇", eu_china="否")
    out = rec.to_json()
    assert out["id"] == rec.id and out["survey_date"] == "2026-05-01"
    assert out["towns"] == ["甲镇", "乙镇"] and out["eu_china"] is False
    assert out["tier"] == "cultivate" and out["revision"] == 1 and out["deleted"] is False


# ---- candidates: stage events and approval ----------------------------------------------------

def test_adding_a_candidate_writes_a_stage_event(make, ledger) -> None:
    cand = make.add("candidate", stage="材料准备", stage_date="2026-06-01")
    (event,) = ledger.list("stage-event", {"candidate_id": cand.id})
    assert event.values == {"candidate_id": cand.id, "from_stage": None, "stage": "tm_preparing",
                            "event_date": date(2026, 6, 1), "note": None}
    assert ledger.history(event.id)[0].action == "create"


def test_advance_stage_writes_another_event(make, ledger) -> None:
    cand = make.add("candidate")
    moved = ledger.advance_stage(cand.id, "tm_filed", "2026年7月1日", note="已网上提交",
                                 expected_revision=1)
    assert moved.values["stage"] == "tm_filed" and moved.revision == 2
    assert moved.values["stage_date"] == date(2026, 7, 1)
    events = sorted(ledger.list("stage-event", {"candidate_id": cand.id}), key=lambda e: e.id)
    assert [(e.values["from_stage"], e.values["stage"]) for e in events] == [
        (None, "tm_preparing"), ("tm_preparing", "tm_filed")]
    assert events[1].values["event_date"] == date(2026, 7, 1)
    assert events[1].values["note"] == "已网上提交"
    assert ledger.count("gi") == 0


def test_advance_stage_refused_changes_nothing(make, ledger, db) -> None:
    cand = make.add("candidate")
    digest = maintenance.content_digest(db)
    with pytest.raises(ValidationFailed):
        ledger.advance_stage(cand.id, "pp_province", "2026-07-01")  # not a trademark stage
    with pytest.raises(ValidationFailed):
        ledger.advance_stage(cand.id, "tm_registered", "2026-07-01")  # numbers missing
    with pytest.raises(StaleRevision):
        ledger.advance_stage(cand.id, "tm_filed", "2026-07-01", expected_revision=5)
    assert maintenance.content_digest(db) == digest


def test_trademark_registration_creates_one_protected_gi(make, ledger) -> None:
    cand = make.add("candidate", route="certification_mark", tm_name="行唐大枣",
                    registrant="行唐县红枣协会")
    ledger.advance_stage(cand.id, "tm_registered", "2026-08-01",
                         extra={"registration_no": "6094327", "registration_date": "2026-08-01"})
    (gi,) = ledger.list("gi")
    assert gi.values["gi_type"] == "certification_mark"
    assert gi.values["reference_no"] == "6094327"
    assert gi.values["name"] == "行唐大枣" and gi.values["holder"] == "行唐县红枣协会"
    assert gi.values["approval_date"] == date(2026, 8, 1)
    assert gi.values["candidate_id"] == cand.id
    assert gi.values["resource_id"] == cand.values["resource_id"]
    assert ledger.history(gi.id)[0].note.startswith(f"培育对象 {cand.id}")
    # the same stage again is refused; a round trip through review does not make a second GI
    with pytest.raises(ValidationFailed, match="already at this stage"):
        ledger.advance_stage(cand.id, "tm_registered", "2026-08-02")
    ledger.advance_stage(cand.id, "tm_review", "2026-09-01")
    ledger.advance_stage(cand.id, "tm_registered", "2026-10-01")
    assert ledger.count("gi") == 1
    stages = [e.values["stage"] for e in ledger.list("stage-event", {"candidate_id": cand.id})]
    assert stages == ["tm_preparing", "tm_registered", "tm_review", "tm_registered"]
    # the approved candidate is now referenced by its GI
    with pytest.raises(StillReferenced) as info:
        ledger.delete("candidate", cand.id)
    assert gi.id in str(info.value)


def test_product_approval_creates_one_protected_gi(make, ledger) -> None:
    cand = make.add("candidate", route="protected_product", stage="pp_technical",
                    pp_applicant="行唐县人民政府", pp_area="龙州镇、南桥镇", standard_no="DB13/T 1")
    ledger.advance_stage(cand.id, "pp_preliminary", "2026-07-01",
                         extra={"pp_preliminary_no": "第600号", "pp_preliminary_date": "2026-07-01"})
    assert ledger.count("gi") == 0
    ledger.advance_stage(cand.id, "pp_approved", "2026-10-10",
                         extra={"pp_approval_no": "第620号", "pp_approval_date": "2026-10-10"})
    (gi,) = ledger.list("gi", {"candidate_id": cand.id})
    assert gi.values["gi_type"] == "protected_product"
    assert gi.values["reference_no"] == "第620号"
    assert gi.values["name"] == cand.values["name"]
    assert gi.values["holder"] == "行唐县人民政府"
    assert gi.values["protected_area"] == "龙州镇、南桥镇"
    assert gi.values["standard_no"] == "DB13/T 1"
    ledger.advance_stage(cand.id, "pp_refused", "2026-10-11")
    ledger.advance_stage(cand.id, "pp_approved", "2026-10-12")
    assert ledger.count("gi") == 1


def test_advance_stage_keeps_its_note_on_the_new_event(make, ledger) -> None:
    cand = make.add("candidate", route="protected_product", stage="pp_local", note=None)
    ledger.advance_stage(cand.id, "pp_province", "2026-03-01", "省局已受理初审")
    ledger.advance_stage(cand.id, "pp_accepted", "2026-04-01", "国家局受理")
    events = sorted(ledger.list("stage-event", {"candidate_id": cand.id}), key=lambda e: e.id)
    assert [(e.values["stage"], e.values["from_stage"], e.values["note"]) for e in events] == [
        ("pp_local", None, None),
        ("pp_province", "pp_local", "省局已受理初审"),
        ("pp_accepted", "pp_province", "国家局受理"),
    ]


def test_candidate_added_at_its_final_stage_is_protected_at_once(make, ledger) -> None:
    cand = make.add("candidate", stage="核准注册", registration_no="123",
                    registration_date="2015-05-01")
    (gi,) = ledger.list("gi")
    assert gi.values["candidate_id"] == cand.id and gi.values["reference_no"] == "123"


def test_approval_refused_when_the_gi_would_duplicate(make, ledger, db) -> None:
    make.add("gi", gi_type="certification_mark", reference_no="6094327")
    cand = make.add("candidate")
    digest = maintenance.content_digest(db)
    with pytest.raises(ValidationFailed) as info:
        ledger.advance_stage(cand.id, "tm_registered", "2026-08-01",
                             extra={"registration_no": "6094327", "registration_date": "2026-08-01"})
    assert info.value.errors[0].field_key == "reference_no"
    assert maintenance.content_digest(db) == digest


# ---- bulk add --------------------------------------------------------------------------------

def test_bulk_add_inserts_with_one_audit_row(make, ledger, db) -> None:
    before = audit.count(db)
    rows = [make.values("resource") for _ in range(25)]
    progress: list[tuple[int, int]] = []
    ids = ledger.bulk_add("resource", rows, note="导入普查表", total=25,
                          progress=lambda d, t: progress.append((d, t)))
    assert ids == [f"R-130125-{n:06d}" for n in range(1, 26)]
    assert ledger.count("resource") == 25
    assert audit.count(db) == before + 1
    entry = next(audit.recent(db, 1))
    assert entry.action == "bulk-create" and entry.kind == "resource" and entry.actor == "测试员"
    assert entry.after == {"count": 25, "first": ids[0], "last": ids[-1]}
    assert entry.note == "导入普查表"
    assert progress[-1] == (25, 25)
    # the unused ids of the reserved chunk are given back
    assert make.add("resource").id == "R-130125-000026"


def test_bulk_add_refuses_the_whole_batch_naming_the_row(make, ledger, db) -> None:
    make.add("resource")
    digest = maintenance.content_digest(db)
    rows = [make.values("resource") for _ in range(5)]
    rows[3]["survey_date"] = "2027-01-01"
    with pytest.raises(ValidationFailed) as info:
        ledger.bulk_add("resource", rows, note="导入")
    (e,) = info.value.errors
    assert e.field_key == "survey_date"
    assert "第4条" in e.message_zh and "row 4" in e.message_en
    assert maintenance.content_digest(db) == digest


def test_bulk_add_sees_its_own_rows(make, ledger, db) -> None:
    digest = maintenance.content_digest(db)
    rows = [make.values("resource", name="行唐大枣"), make.values("resource", name="行唐大枣")]
    with pytest.raises(ValidationFailed) as info:
        ledger.bulk_add("resource", rows, note="导入")
    assert "第2条" in info.value.errors[0].message_zh
    assert "R-130125-000001" in info.value.errors[0].reason.zh
    assert maintenance.content_digest(db) == digest


def test_bulk_add_cancel_leaves_the_database_unchanged(make, ledger, db) -> None:
    digest = maintenance.content_digest(db)
    rows = ({"name": f"产品{n}", "attribute": "grown", "category": "other", "tier": "discover",
             "survey_date": "2026-01-01"} for n in range(1200))
    with pytest.raises(Cancelled):
        ledger.bulk_add("resource", rows, note="导入", cancelled=lambda: True)
    assert maintenance.content_digest(db) == digest
    assert make.add("resource").id == "R-130125-000001"


def test_bulk_add_of_nothing(ledger, db) -> None:
    assert ledger.bulk_add("resource", [], note="空") == []
    assert next(audit.recent(db, 1)).after == {"count": 0, "first": None, "last": None}


# ---- the audit log is append-only ----------------------------------------------------------------

def test_audit_log_refuses_update_and_delete(make, db) -> None:
    make.add("resource")
    n = audit.count(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("UPDATE audit_log SET actor = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("DELETE FROM audit_log")
    assert audit.count(db) == n
    assert {e.actor for e in audit.recent(db)} == {"测试员"}


# ---- statistics -----------------------------------------------------------------------------------

STATS = {"as_of": "2025-12-31", "registered_trademarks": "1203", "well_known_marks": "2",
         "gi_trademarks": "1", "gi_products": "0", "gi_products_using_mark": "0", "note": None}


def test_stats_set_row_adds_then_updates(ledger) -> None:
    first = stats.set_row(ledger, dict(STATS))
    assert first.revision == 1 and first.values["registered_trademarks"] == 1203
    second = stats.set_row(ledger, {**STATS, "as_of": "2025/12/31", "registered_trademarks": 1250})
    assert second.id == first.id and second.revision == 2
    assert second.values["registered_trademarks"] == 1250
    assert ledger.count("stats") == 1
    other = stats.set_row(ledger, {**STATS, "as_of": "2024-12-31"})
    assert other.id != first.id
    assert stats.latest_row(ledger).id == first.id


def test_stats_derive_counts_the_registers(make, ledger) -> None:
    make.add("gi", gi_type="collective_mark")
    make.add("gi", gi_type="certification_mark")
    product = make.add("gi", gi_type="protected_product")
    make.add("gi", gi_type="protected_product")
    make.add("gi", gi_type="agi")
    make.add("mark-user", gi_id=product.id, status="approved", announcement_no="第1号")
    make.add("mark-user", gi_id=product.id, status="approved", announcement_no="第2号")
    derived = stats.derive(ledger)
    assert derived == stats.DerivedCounts(gi_trademarks=2, gi_products=2, gi_products_using_mark=1)
    row = stats.set_row(ledger, {**STATS, "gi_trademarks": 2, "gi_products": 2,
                                 "gi_products_using_mark": 1})
    assert stats.disagreements(row, derived) == []
    row = stats.set_row(ledger, {**STATS, "gi_trademarks": 3, "gi_products": 2,
                                 "gi_products_using_mark": 1})
    assert stats.disagreements(row, derived) == [("gi_trademarks", 3, 2)]


def test_stats_default_as_of() -> None:
    assert stats.as_of_default(date(2026, 11, 21)) == date(2025, 12, 31)


# ---- whole-file check -----------------------------------------------------------------------------

def test_check_file_clean(make, ledger) -> None:
    make.add("inspection")
    make.add("candidate")
    report = checks.check_file(ledger)
    assert report.findings == [] and report.errors == []
    # gi, mark user, inspection; resource, candidate, stage event
    assert report.records_checked == 6
    assert report.to_json()["errors"] == 0


def test_check_file_finds_a_record_broken_behind_its_back(make, ledger, db) -> None:
    res = make.add("resource")
    db.conn.execute("UPDATE resources SET survey_date = '2027-03-01' WHERE id = ?", (res.id,))
    report = checks.check_file(ledger)
    (finding,) = report.findings
    assert (finding.severity, finding.kind, finding.record_id, finding.field) == (
        "error", "resource", res.id, "survey_date")
    assert "今天" in finding.message_zh and "today" in finding.message_en
    assert report.to_json()["errors"] == 1


def test_check_file_finds_an_unknown_code_and_unreadable_value(make, ledger, db) -> None:
    a = make.add("resource")
    b = make.add("resource")
    db.conn.execute("UPDATE resources SET tier = 'bogus' WHERE id = ?", (a.id,))
    db.conn.execute("UPDATE resources SET survey_date = 'not a date' WHERE id = ?", (b.id,))
    found = {(f.record_id, f.field) for f in checks.check_file(ledger).errors}
    assert (a.id, "tier") in found
    assert (b.id, "") in found


def test_check_file_ignores_tombstones(make, ledger, db) -> None:
    res = make.add("resource")
    ledger.delete("resource", res.id)
    db.conn.execute("UPDATE resources SET survey_date = '2027-03-01' WHERE id = ?", (res.id,))
    assert checks.check_file(ledger).findings == []


def test_check_file_warns_when_statistics_disagree(make, ledger) -> None:
    make.add("gi", gi_type="collective_mark")
    stats.set_row(ledger, {**STATS, "gi_trademarks": 4})
    report = checks.check_file(ledger)
    (finding,) = report.findings
    assert finding.severity == "warning" and finding.kind == "stats"
    assert finding.field == "gi_trademarks"
    assert "4" in finding.message_zh and "1" in finding.message_zh
    assert report.errors == [] and report.to_json()["warnings"] == 1


def test_daily_backup_makes_one_copy_a_day(tmp_path) -> None:
    db = open_database(tmp_path / "county.db")
    init_office(db, "130125", clerk="测试员")
    ledger = Ledger(db)
    first = ledger.daily_backup()
    assert first is not None and first.exists() and first.parent.name == "backups"
    assert ledger.daily_backup() is None, "a second call the same day makes no new copy"
    copy = open_database(first)
    assert meta.self_office(copy).code == "130125"
    copy.close()
    ledger.close()
