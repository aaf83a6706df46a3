"""The next step after each pipeline stage (desktop.registers.candidate.NEXT_STEPS), what
advancing a candidate does with it, and the pipeline's overdue marks."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.pipeline import pipeline
from desktop.registers.candidate import (
    FINAL_APPROVED,
    NEXT_STEPS,
    NO_NEXT_STEP,
    STAGES,
    NextStep,
    next_step_after,
    next_step_overdue,
)

DAY = date(2026, 8, 31)


@pytest.mark.parametrize(("stage", "step", "deadline"), [
    ("tm_preliminary", "核准注册", date(2026, 11, 30)),  # 3-month opposition (art. 33)
    ("pp_preliminary", "认定公告", date(2026, 10, 31)),  # 2-month opposition (Order No. 80)
    ("tm_rejected", "提出驳回复审", date(2026, 9, 15)),  # review within 15 days (art. 34)
    ("tm_review", "等待复审决定", date(2027, 5, 31)),  # decision within 9 months
    ("tm_preparing", "提交申请", date(2026, 11, 30)),
    ("tm_registered", None, None),
    ("pp_approved", None, None),
    ("pp_refused", None, None),
])
def test_next_step_after_a_stage(stage: str, step: str | None, deadline: date | None) -> None:
    assert next_step_after(stage, DAY) == (step, deadline)


def test_every_stage_has_a_next_step_or_ends_the_route() -> None:
    codes = [c.code for c in STAGES]
    assert set(NEXT_STEPS) | NO_NEXT_STEP == set(codes)
    assert NO_NEXT_STEP == {"tm_registered", "pp_approved", "pp_refused"}  # noqa: SIM300 - the name is the value under test
    assert FINAL_APPROVED <= NO_NEXT_STEP
    for stage, step in NEXT_STEPS.items():
        assert step.zh != STAGES[codes.index(stage)].zh, f"{stage}: the next step is not the stage itself"
        assert step.basis_zh and step.basis_en and (step.months or step.days)
    assert next_step_after("tm_filed", None) == ("受理/形式审查", None)


def test_deadline_months_end_on_the_last_day_of_a_short_month() -> None:
    assert NextStep("x", "x", months=1).deadline(date(2027, 1, 31)) == date(2027, 2, 28)
    assert NextStep("x", "x", months=12).deadline(date(2027, 2, 28)) == date(2028, 2, 28)
    assert NextStep("x", "x", months=2, days=1).deadline(date(2026, 11, 30)) == date(2027, 1, 31)


def test_overdue_needs_a_passed_deadline_at_a_stage_with_a_next_step() -> None:
    today = date(2026, 11, 21)
    assert next_step_overdue({"stage": "tm_rejected", "next_deadline": date(2026, 11, 20)}, today)
    assert not next_step_overdue({"stage": "tm_rejected", "next_deadline": today}, today)
    assert not next_step_overdue({"stage": "tm_rejected", "next_deadline": None}, today)
    assert not next_step_overdue({"stage": "pp_refused", "next_deadline": date(2026, 1, 1)}, today)


def test_advancing_sets_the_next_step_of_the_stage_reached(make, ledger) -> None:
    cand = make.add("candidate", stage="tm_substantive", stage_date="2026-03-01",
                    next_step="实质审查", next_deadline="2026-04-01")
    moved = ledger.advance_stage(cand.id, "tm_preliminary", "2026-08-31")
    assert moved.values["next_step"] == "核准注册", "not the stage just reached"
    assert moved.values["next_deadline"] == date(2026, 11, 30)
    rejected = ledger.advance_stage(cand.id, "tm_rejected", "2026-09-01")
    assert (rejected.values["next_step"], rejected.values["next_deadline"]) == (
        "提出驳回复审", date(2026, 9, 16))
    registered = ledger.advance_stage(cand.id, "tm_registered", "2026-10-01", extra={
        "registration_no": "7654321", "registration_date": "2026-10-01"})
    assert registered.values["next_step"] is None and registered.values["next_deadline"] is None


def test_advancing_keeps_a_next_step_the_clerk_gives(make, ledger) -> None:
    cand = make.add("candidate", route="protected_product", stage="pp_technical",
                    stage_date="2026-06-01")
    moved = ledger.advance_stage(cand.id, "pp_preliminary", "2026-09-01", extra={
        "next_step": "组织异议答复", "next_deadline": "2026-10-15"})
    assert moved.values["next_step"] == "组织异议答复"
    assert moved.values["next_deadline"] == date(2026, 10, 15)
    only_step = ledger.advance_stage(cand.id, "pp_technical", "2026-09-02",
                                     extra={"next_step": "补充材料"})
    assert only_step.values["next_step"] == "补充材料"
    assert only_step.values["next_deadline"] == date(2027, 3, 2), "the default deadline"


def test_pipeline_cards_say_which_next_steps_are_overdue(make, ledger) -> None:
    late = make.add("candidate", stage="tm_rejected", stage_date="2026-11-01",
                    next_step="提出驳回复审", next_deadline="2026-11-16")
    on_time = make.add("candidate", stage="tm_filed", next_deadline="2026-12-01")
    (trademarks, _products) = pipeline(ledger)
    assert trademarks.overdue(ledger.today()) == {late.id}
    assert on_time.id not in trademarks.overdue(ledger.today())
