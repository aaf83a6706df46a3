"""Undo and redo of changes (desktop.undo), all through the ledger and its audit log."""

from __future__ import annotations

import pytest

from db import audit
from db.records import StaleRevision
from desktop.ledger import StillReferenced
from desktop.undo import AddRecord, AdvanceStage, DeleteRecord, EditRecord


def test_undo_add_tombstones_and_redo_restores_the_same_record(make, ledger) -> None:
    change = AddRecord("resource", make.values("resource", name="新乐甜瓜"))
    rec = change.apply(ledger)
    change.undo(ledger)
    assert ledger.get("resource", rec.id).deleted
    assert ledger.count("resource") == 0
    change.redo(ledger)
    assert not ledger.get("resource", rec.id).deleted
    assert [e.action for e in ledger.history(rec.id)] == ["create", "delete", "restore"]


def test_undo_edit_restores_the_record_values(make, ledger) -> None:
    rec = make.add("resource", name="行唐大枣", tier="discover", output_t=10)
    change = EditRecord("resource", rec.id, {"tier": "protect", "output_t": "12.5"},
                        expected_revision=rec.revision)
    change.apply(ledger)
    assert ledger.get("resource", rec.id).values["tier"] == "protect"
    change.undo(ledger)
    back = ledger.get("resource", rec.id)
    assert back.values == rec.values
    change.redo(ledger)
    again = ledger.get("resource", rec.id)
    assert again.values["tier"] == "protect" and again.values["output_t"] == 12.5
    assert len(ledger.history(rec.id)) == 4


def test_undo_refuses_to_overwrite_a_later_change(make, ledger) -> None:
    rec = make.add("resource", name="行唐大枣", tier="discover")
    change = EditRecord("resource", rec.id, {"tier": "protect"})
    change.apply(ledger)
    ledger.edit("resource", rec.id, {"tier": "cultivate"})  # someone else, in between
    before = audit.count(ledger.db)
    with pytest.raises(StaleRevision):
        change.undo(ledger)
    assert ledger.get("resource", rec.id).values["tier"] == "cultivate"
    assert audit.count(ledger.db) == before


def test_undo_delete_restores(make, ledger) -> None:
    rec = make.add("resource")
    change = DeleteRecord("resource", rec.id)
    change.apply(ledger)
    change.undo(ledger)
    assert not ledger.get("resource", rec.id).deleted
    change.redo(ledger)
    assert ledger.get("resource", rec.id).deleted


def test_undo_add_refuses_when_something_uses_the_new_record(make, ledger) -> None:
    change = AddRecord("resource", make.values("resource", name="赞皇大枣"))
    rec = change.apply(ledger)
    make.add("candidate", resource_id=rec.id)
    with pytest.raises(StillReferenced):
        change.undo(ledger)


def test_undo_advance_stage_withdraws_the_gi_it_created_and_redo_keeps_one(make, ledger) -> None:
    cand = make.add("candidate", route="protected_product", stage="pp_preliminary")
    change = AdvanceStage(cand.id, "pp_approved", "2026-10-10", "认定",
                          extra={"pp_approval_no": "第620号", "pp_approval_date": "2026-10-10"})
    change.apply(ledger)
    assert ledger.count("gi") == 1
    change.undo(ledger)
    assert ledger.get("candidate", cand.id).values["stage"] == "pp_preliminary"
    assert ledger.count("gi") == 0
    change.redo(ledger)
    assert ledger.get("candidate", cand.id).values["stage"] == "pp_approved"
    assert ledger.count("gi") == 1 and ledger.count("gi", include_deleted=True) == 1
