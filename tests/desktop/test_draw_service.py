"""Draws stored, redrawn with a reason, verified against today's registers; the tasks, the
publication sheet and the draw's pre-filled inspection forms."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from db import audit
from desktop import forms
from desktop.draw import publication, service
from desktop.draw.forms import draw_prefills
from desktop.draw.pools import DrawRefused, current_pools
from desktop.ledger import Ledger


@pytest.fixture
def plan(ledger: Ledger, make) -> str:
    gi = make.add("gi")
    for n in range(8):
        make.add("mark-user", gi_id=gi.id, address=f"河北省行唐县{'口头镇' if n % 2 else '龙州镇'}{n}号",
                 status="approved" if n < 6 else "applying",
                 announcement_no=f"第{n}号" if n < 6 else None)
    certs = []
    for _ in range(4):
        rec = make.add("inspector")
        certs.append(rec.values["cert_no"])
    return make.add("plan", sample_count=3, inspector_pool=certs).id


def test_a_draw_is_stored_with_its_frozen_pools_hash_and_audit(ledger: Ledger, plan: str) -> None:
    draw = service.make_draw(ledger, plan, " 2026137 03 08 ")
    s = draw.stored
    assert s.number == 1 and s.seed == "2026137 03 08" and s.drawn_by == "测试员" and s.id.startswith("Q-130125-")
    assert len(draw.outcome.targets) == 3 and all(len(c) == 2 for _, c in draw.outcome.targets)
    stored_text = ledger.db.conn.execute("SELECT pools FROM inspection_draws WHERE id = ?", (s.id,)).fetchone()[0]
    assert hashlib.sha256(stored_text.encode("utf-8")).hexdigest() == s.pool_hash
    assert len(draw.pools.users) == 8 and len(draw.pools.inspectors) == 4
    rows = audit.for_record(ledger.db, s.id)
    assert [r.action for r in rows] == ["draw"] and rows[0].actor == "测试员"
    assert rows[0].after and rows[0].after["seed"] == "2026137 03 08"
    with pytest.raises(sqlite3.DatabaseError, match="never removed"):
        ledger.db.conn.execute("DELETE FROM inspection_draws")


def test_a_redraw_needs_a_reason_and_both_stay(ledger: Ledger, plan: str) -> None:
    first = service.make_draw(ledger, plan, "a")
    with pytest.raises(service.NeedsReason) as info:
        service.make_draw(ledger, plan, "b")
    assert "理由" in info.value.text.zh and "reason" in info.value.text.en
    assert len(service.history(ledger, plan)) == 1
    second = service.make_draw(ledger, plan, "b", reason="第一次抽中的企业已注销")
    done = service.history(ledger, plan)
    assert [d.number for d in done] == [1, 2] and done[0].id == first.id and done[1].id == second.id
    assert done[1].stored.reason == "第一次抽中的企业已注销"


def test_verify_same_then_changed_pool(ledger: Ledger, plan: str, make) -> None:
    service.make_draw(ledger, plan, "2026")
    v = service.verify(ledger, plan)
    assert v.same and v.same_pools and v.same_result
    new = make.add("mark-user")  # the pool takes every user of the office: a new one changes it
    v = service.verify(ledger, plan)
    assert not v.same and not v.same_pools and v.users_added == (new.id,)
    assert v.stored_result_reproduced


def test_verify_sees_a_changed_avoid_list(ledger: Ledger, plan: str) -> None:
    draw = service.make_draw(ledger, plan, "x")
    uid, certs = draw.outcome.targets[0]
    inspector = next(ledger.list("inspector", {"cert_no": certs[0]}))
    ledger.edit("inspector", inspector.id, {"avoid": [ledger.get("mark-user", uid).values["uscc"]]})
    v = service.verify(ledger, plan)
    assert not v.same_pools and not v.same_result and certs[0] in v.changed


def test_filters_select_the_pool(ledger: Ledger, plan: str) -> None:
    rec = ledger.get("plan", plan)
    ledger.edit("plan", plan, {"filter_status": ["approved"], "filter_town": ["口头镇"]},
                expected_revision=rec.revision)
    users = current_pools(ledger, plan).pools.users
    assert len(users) == 3
    for u in users:
        values = ledger.get("mark-user", u.id).values
        assert values["status"] == "approved" and "口头镇" in values["address"]


def test_refusals_write_nothing(ledger: Ledger, make) -> None:
    gi = make.add("gi")
    user = make.add("mark-user", gi_id=gi.id)
    a = make.add("inspector", avoid=[user.values["uscc"]])
    b = make.add("inspector")
    c = make.add("inspector")
    plan = make.add("plan", sample_count=1, per_target=3,
                    inspector_pool=[a.values["cert_no"], b.values["cert_no"], c.values["cert_no"]]).id
    with pytest.raises(DrawRefused) as info:
        service.make_draw(ledger, plan, "s")
    assert user.id in str(info.value) and "2" in info.value.text.zh
    unknown = make.add("plan", sample_count=1, inspector_pool=["无此人", b.values["cert_no"]]).id
    with pytest.raises(DrawRefused, match="无此人"):
        service.make_draw(ledger, unknown, "s")
    with pytest.raises(DrawRefused):
        service.make_draw(ledger, unknown, "   ")
    assert ledger.db.conn.execute("SELECT count(*) FROM inspection_draws").fetchone()[0] == 0


def test_tasks_and_publication_fill_in_as_results_are_entered(ledger: Ledger, plan: str, make,
                                                              tmp_path: Path) -> None:
    draw = service.make_draw(ledger, plan, "pub")
    tasks = publication.tasks(ledger, draw)
    assert [t.result_text for t in tasks] == ["未检查"] * 3
    first = tasks[0]
    make.add("inspection", mark_user_id=first.user_id, plan_id=plan, inspectors=list(first.inspector_names),
             task_no=first.task_no, result="rectify", rectify_deadline="2026-12-30")
    tasks = publication.tasks(ledger, draw)
    assert tasks[0].result_text == "责令整改" and tasks[1].result_text == "未检查"
    out = publication.write(ledger, draw, tmp_path / "公示.xlsx")
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    text = "\n".join(map(str, cells))
    assert draw.stored.seed in text and str(draw.stored.pool_hash) in text and "责令整改" in text
    assert first.uscc in cells and "未检查" in cells
    pdf = publication.write(ledger, draw, tmp_path / "公示.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(DrawRefused):
        publication.write(ledger, draw, tmp_path / "公示.doc")


def test_the_draws_forms_are_prefilled_and_bring_the_values_back(ledger: Ledger, plan: str,
                                                                 tmp_path: Path, pdf) -> None:
    draw = service.make_draw(ledger, plan, "forms")
    fills = draw_prefills(ledger, (draw.id,))
    assert [f["mark_user_id"] for f in fills] == [u for u, _ in draw.outcome.targets]
    assert all(f["plan_id"] == plan and len(f["inspectors"]) == 2 for f in fills)
    result = forms.render(ledger, forms.PrintRequest("inspection-draw", ids=(plan,)), tmp_path / "f.pdf")
    assert result.forms == 3 and len(result.serials) == 3
    text = pdf.text(result.path)
    assert fills[0]["task_no"] in text and fills[0]["inspectors"][0] in text
    code = forms.resolve_code(ledger, result.serials[0])
    assert code.kind == "inspection" and dict(code.defaults) == fills[0]
    with pytest.raises(forms.NothingToPrint):
        draw_prefills(ledger, ("Q-130125-999999",))
