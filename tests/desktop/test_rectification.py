"""desktop.rectification: the states of a rectification, the open and overdue lists, the re-check
that closes it; desktop.inspection_case: 立案 links to a case (立案待登记)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.connection import open_database
from desktop import inspection_case, rectification
from desktop.dashboard import CASE_PENDING, compute_dashboard
from desktop.demo import generate_demo
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger
from desktop.rectification import is_overdue, list_rectifications, record_recheck, state_of

TODAY = date(2026, 11, 21)
PAST, FUTURE = "2026-11-01", "2026-12-15"


def _inspection(make: Any, **over: Any) -> Any:
    return make.add("inspection", result="rectify", **over)


def test_states_from_the_fields() -> None:
    base = {"result": "rectify", "rectify_deadline": date(2026, 11, 21)}
    assert state_of({"result": "no_problem"}, TODAY) == "none"
    assert state_of({"result": "case", "rectify_deadline": date(2026, 1, 1)}, TODAY) == "none"
    assert state_of(base, TODAY) == "open"  # due today is not late
    assert state_of(base, date(2026, 11, 22)) == "overdue"
    assert state_of({**base, "recheck_result": "rectified"}, date(2027, 1, 1)) == "rectified"
    assert state_of({**base, "recheck_result": "not_rectified"}, TODAY) == "not_rectified"
    assert not is_overdue({**base, "recheck_result": "not_rectified"}, TODAY)
    assert is_overdue({**base, "recheck_result": "not_rectified"}, date(2026, 11, 22))
    assert not is_overdue({**base, "recheck_result": "rectified"}, date(2026, 11, 22))


def test_lists_open_overdue_and_closed(make, ledger) -> None:
    user = make.add("mark-user")
    late = _inspection(make, mark_user_id=user.id, rectify_deadline=PAST)
    later = _inspection(make, mark_user_id=user.id, rectify_deadline="2026-11-10")
    running = _inspection(make, mark_user_id=user.id, rectify_deadline=FUTURE)
    done = _inspection(make, mark_user_id=user.id, rectify_deadline=PAST, recheck_date="2026-11-05",
                       recheck_result="rectified")
    failed = _inspection(make, mark_user_id=user.id, rectify_deadline=PAST, recheck_date="2026-11-05",
                         recheck_result="not_rectified")
    make.add("inspection", mark_user_id=user.id)  # no problem: no rectification at all
    gone = _inspection(make, mark_user_id=user.id, rectify_deadline=PAST)
    ledger.delete("inspection", gone.id)

    open_list = list_rectifications(ledger)
    assert [r.inspection_id for r in open_list] == [late.id, failed.id, later.id, running.id]
    by_id = {r.inspection_id: r for r in open_list}
    assert by_id[late.id].state == "overdue" and by_id[late.id].days_overdue == 20
    assert by_id[late.id].user_name == user.values["name"]
    assert by_id[running.id].state == "open" and by_id[running.id].days_overdue == 0
    assert by_id[failed.id].proposal is not None and "异常名录" in by_id[failed.id].proposal.zh
    assert by_id[late.id].to_json()["state_zh"] == "逾期未复查"

    overdue = [r.inspection_id for r in list_rectifications(ledger, overdue_only=True)]
    assert overdue == [late.id, failed.id, later.id]
    # one definition: the dashboard's 整改期限已过 is the same set
    dash = {a.key: a.ids for a in compute_dashboard(ledger).attention}
    assert set(dash["rectification_overdue"]) == set(overdue)
    every = {r.inspection_id for r in list_rectifications(ledger, include_closed=True)}
    assert every == {late.id, later.id, running.id, done.id, failed.id}


def test_recheck_closes_it_and_keeps_the_followup(make, ledger) -> None:
    rec = _inspection(make, rectify_deadline=PAST, rectify_followup="2026-10-20 电话督促")
    done = record_recheck(ledger, rec.id, "2026-11-15", "已整改", note="标识已更换")
    assert done.values["recheck_result"] == "rectified"
    assert done.values["recheck_date"] == date(2026, 11, 15)
    assert done.values["rectify_followup"] == "2026-10-20 电话督促\n2026-11-15 复查：已整改。标识已更换"
    assert rectification.rectification_of(ledger, done).state == "rectified"
    assert not list_rectifications(ledger)
    last = ledger.history(rec.id)[-1]
    assert last.actor == "测试员" and "复查" in (last.note or "")
    dash = {a.key: a.ids for a in compute_dashboard(ledger).attention}
    assert dash["rectification_overdue"] == ()


@pytest.mark.parametrize(("over", "args", "field"), [
    ({"result": "no_problem"}, ("2026-11-15", "rectified"), "result"),
    ({"result": "rectify", "rectify_deadline": PAST, "recheck_date": "2026-11-05",
      "recheck_result": "not_rectified"}, ("2026-11-15", "rectified"), "recheck_result"),
    ({"result": "rectify", "rectify_deadline": PAST}, ("2026-09-01", "rectified"), "recheck_date"),
    ({"result": "rectify", "rectify_deadline": PAST}, ("2026-12-01", "rectified"), "recheck_date"),
    ({"result": "rectify", "rectify_deadline": PAST}, ("2026-11-15", "maybe"), "recheck_result"),
    ({"result": "rectify", "rectify_deadline": PAST}, ("31.31.2026", "rectified"), "recheck_date"),
])
def test_recheck_refusals_change_nothing(make, ledger, bilingual, over, args, field) -> None:
    rec = make.add("inspection", **over)
    with pytest.raises(ValidationFailed) as e:
        record_recheck(ledger, rec.id, *args)
    assert field in {fe.field_key for fe in e.value.errors}
    for fe in e.value.errors:
        bilingual(fe)
    assert ledger.get("inspection", rec.id) == rec


# ---- 立案 → case ---------------------------------------------------------------------------

def test_case_pending_until_a_case_points_to_it(make, ledger) -> None:
    gi = make.add("gi")
    user = make.add("mark-user", gi_id=gi.id)
    found = make.add("inspection", mark_user_id=user.id, result="case", findings="包装使用未核准的专用标志",
                     item_label="fail")
    other = make.add("inspection", result="case")
    make.add("inspection", result="no_problem")
    assert inspection_case.pending_ids(ledger) == tuple(sorted((found.id, other.id)))
    assert inspection_case.is_pending(ledger, found)
    dash = {a.key: (a.kind, a.ids) for a in compute_dashboard(ledger).attention}
    assert dash[CASE_PENDING] == ("inspection", tuple(sorted((found.id, other.id))))

    defaults = inspection_case.case_defaults(ledger, found.id)
    assert defaults["inspection_id"] == found.id and defaults["source"] == "inspection"
    assert defaults["mark_user_id"] == user.id and defaults["party_name"] == user.values["name"]
    assert defaults["party_uscc"] == user.values["uscc"] and defaults["gi_id"] == gi.id
    assert defaults["filed_date"] == TODAY and defaults["facts"] == "包装使用未核准的专用标志"
    case = ledger.add("case", {**defaults, "case_no": "行市监立字〔2026〕9号", "act": "unauthorised_mark"})
    assert inspection_case.cases_of(ledger, found.id) == [case]
    assert inspection_case.pending_ids(ledger) == (other.id,)
    assert not inspection_case.is_pending(ledger, found)
    ledger.delete("case", case.id)  # a deleted case no longer registers it
    assert found.id in inspection_case.pending_ids(ledger)


def test_demo_attention_agrees_with_the_rules(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.db")
    try:
        generate_demo(db, size="small", seed=3, today=TODAY)
        ledger = Ledger(db, today=lambda: TODAY)
        dash = {a.key: a.ids for a in compute_dashboard(ledger).attention}
        expected = tuple(sorted(i.id for i in ledger.list("inspection") if i.values["result"] == "case"
                                and not ledger.count("case", {"inspection_id": i.id})))
        assert dash[CASE_PENDING] == expected
        overdue = tuple(sorted(r.inspection_id for r in list_rectifications(ledger, overdue_only=True)))
        assert dash["rectification_overdue"] == overdue
    finally:
        db.close()


# ---- undo ------------------------------------------------------------------------------------

def test_undo_of_listing_removal_and_recheck(make, ledger) -> None:
    from desktop.supervision_undo import ListAbnormal, Recheck, RemoveAbnormal

    user = make.add("mark-user", status="approved", approval_date="2024-01-01", announcement_no="公告第1号")
    first = ListAbnormal(user.id, "未报年报", "2026-11-01", "异〔2026〕1号")
    entry = first.apply(ledger)
    second = ListAbnormal(user.id, "unreachable")
    other = second.apply(ledger)
    assert not second.user_edits.edits  # already abnormal: the second listing changed no status
    removal = RemoveAbnormal(entry.id, "已补报")
    removal.apply(ledger)
    assert ledger.get("mark-user", user.id).values["status"] == "abnormal"  # the other is open
    removal.undo(ledger)
    assert ledger.get("abnormal", entry.id).values["removal_date"] is None
    second.undo(ledger)
    assert ledger.get("abnormal", other.id).deleted
    assert ledger.get("mark-user", user.id).values["status"] == "abnormal"
    first.undo(ledger)
    assert ledger.get("abnormal", entry.id).deleted
    assert ledger.get("mark-user", user.id).values["status"] == "approved"
    first.redo(ledger)
    assert not ledger.get("abnormal", entry.id).deleted
    assert ledger.get("mark-user", user.id).values["status"] == "abnormal"

    found = make.add("inspection", mark_user_id=user.id, result="rectify", rectify_deadline=PAST)
    check = Recheck(found.id, "2026-11-15", "rectified", "已更换包装")
    check.apply(ledger)
    check.undo(ledger)
    back = ledger.get("inspection", found.id).values
    assert back["recheck_result"] is None and back["recheck_date"] is None and not back["rectify_followup"]
    check.redo(ledger)
    assert ledger.get("inspection", found.id).values["recheck_result"] == "rectified"


def test_undo_refuses_to_overwrite_a_later_change(make, ledger) -> None:
    from desktop.supervision_undo import ListAbnormal, UndoRefused

    user = make.add("mark-user", status="approved", approval_date="2024-01-01", announcement_no="公告第1号")
    listing = ListAbnormal(user.id, "未报年报")
    entry = listing.apply(ledger)
    ledger.edit("mark-user", user.id, {"status": "suspended"})  # the clerk changed it meanwhile
    with pytest.raises(UndoRefused) as e:
        listing.undo(ledger)
    assert "status" in str(e.value) and "无法撤销" in str(e.value)
    assert not ledger.get("abnormal", entry.id).deleted  # nothing half-done
    assert ledger.get("mark-user", user.id).values["status"] == "suspended"
