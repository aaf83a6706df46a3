"""The annual-report cycle's status per user, the deadline, the stock warnings and the CLI."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.annual import status
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger
from desktop.registers import REGISTRY


def _user(make: Any, status_code: str = "approved", approved: date | None = date(2024, 5, 1)) -> str:
    make.counter = getattr(make, "counter", 0) + 1
    return make.add("mark-user", status=status_code, approval_date=approved,
                    announcement_no=f"2024年第{make.counter}号").id


def test_every_authorised_user_with_its_status(ledger: Ledger, make: Any) -> None:
    none = _user(make)
    filed = _user(make)
    approved = _user(make, "suspended")
    returned = _user(make, "abnormal")
    _user(make, "applying")  # not authorised
    _user(make, "approved", date(2026, 1, 5))  # approved after the year
    no_date = _user(make, "approved", None)
    make.add("annual-report", mark_user_id=filed, year=2025)
    make.add("annual-report", mark_user_id=approved, year=2025, review_status="approved")
    make.add("annual-report", mark_user_id=returned, year=2025, review_status="returned")
    make.add("annual-report", mark_user_id=none, year=2024)  # another year
    st = status.year_status(ledger, 2025)
    got = {u.user_id: u.status for u in st.users}
    assert got == {none: "none", filed: "submitted", approved: "approved", returned: "returned",
                   no_date: "none"}
    assert st.deadline == date(2026, 3, 31) and not st.deadline_set
    # today 2026-11-21 is after the default deadline: 未报 and 退回 are overdue
    assert {u.user_id for u in st.users if u.overdue} == {none, returned, no_date}
    assert st.counts() == {"none": 2, "submitted": 1, "approved": 1, "returned": 1, "overdue": 3}
    assert {u.user_id for u in st.overdue_to_list()} == {none, no_date}


def test_deadline_settable_audited_and_decides_overdue(ledger: Ledger, make: Any) -> None:
    uid = _user(make)
    status.set_deadline(ledger, 2025, "2026-12-31")
    st = status.year_status(ledger, 2025)
    assert st.deadline == date(2026, 12, 31) and st.deadline_set
    assert not any(u.overdue for u in st.users) and st.users[0].user_id == uid
    rows = ledger.db.execute("SELECT actor, after FROM audit_log WHERE action = 'report-deadline'").fetchall()
    assert rows[0][0] == "测试员" and json.loads(rows[0][1]) == {"year": 2025, "deadline": "2026-12-31"}
    with pytest.raises(ValidationFailed) as e:
        status.set_deadline(ledger, 2025, "2025-06-30")
    assert "12月31日" in e.value.errors[0].reason.zh
    with pytest.raises(ValidationFailed):
        status.set_deadline(ledger, 2025, "明天")


def test_listed_user_not_proposed_again(ledger: Ledger, make: Any) -> None:
    from desktop.abnormal import list_users

    uid = _user(make)
    st = status.year_status(ledger, 2025)
    list_users(ledger, [u.user_id for u in st.overdue_to_list()], "未报年报")
    again = status.year_status(ledger, 2025)
    assert again.users[0].user_id == uid and again.users[0].listed
    assert again.overdue_to_list() == []


def test_one_query_on_many_users(ledger: Ledger, make: Any) -> None:
    for _ in range(30):
        _user(make)
    statements: list[str] = []
    ledger.db.conn.set_trace_callback(statements.append)
    try:
        status.year_status(ledger, 2025)
    finally:
        ledger.db.conn.set_trace_callback(None)
    assert len([s for s in statements if "FROM mark_users" in s]) == 1
    assert len(statements) <= 3


def _stock(make: Any, ledger: Ledger, prev_stock: int | None, **now: Any) -> list[str]:
    uid = _user(make)
    if prev_stock is not None:
        make.add("annual-report", mark_user_id=uid, year=2024, marks_in_stock=prev_stock)
    values = make.values("annual-report", mark_user_id=uid, year=2025, **now)
    coerced, errors = REGISTRY["annual-report"].coerce_all(values)
    assert not errors
    return [w.reason.zh for w in ledger.warnings(REGISTRY["annual-report"], coerced)]


def test_stock_adds_up_warning_with_the_figures(ledger: Ledger, make: Any) -> None:
    got = _stock(make, ledger, 500, marks_printed=1000, marks_used=300, marks_in_stock=1100)
    assert got == ["结存应为 1200（上年结存 500 + 印制 1000 − 使用 300），填报为 1100"]
    assert _stock(make, ledger, 500, marks_printed=1000, marks_used=300, marks_in_stock=1200) == []


def test_used_more_than_printed_and_carried_over(ledger: Ledger, make: Any) -> None:
    got = _stock(make, ledger, 500, marks_printed=1000, marks_used=1600, marks_in_stock=0)
    assert got[0] == "使用数量 1600 超过印制数量 1000 与上年结存 500 之和 1500"
    assert len(got) == 2  # and the stock does not add up (−100 expected)


def test_no_previous_report_no_stock_warning(ledger: Ledger, make: Any) -> None:
    assert _stock(make, ledger, None, marks_printed=10, marks_used=300, marks_in_stock=7) == []


def test_existing_rules_still_refuse(ledger: Ledger, make: Any) -> None:
    errors = make.refused("annual-report", output_t=10, marked_output_t=11)
    assert "marked_output_t" in errors
    errors = make.refused("annual-report", sales_10k=10, marked_sales_10k=11)
    assert "marked_sales_10k" in errors


def test_edit_warns_through_ledger(ledger: Ledger, make: Any) -> None:
    uid = _user(make)
    make.add("annual-report", mark_user_id=uid, year=2024, marks_in_stock=100)
    rec = make.add("annual-report", mark_user_id=uid, year=2025, marks_printed=0, marks_used=50,
                   marks_in_stock=50)
    assert ledger.warnings_of(rec) == []
    rec = ledger.edit("annual-report", rec.id, {"marks_in_stock": 60})
    assert [w.field_key for w in ledger.warnings_of(rec)] == ["marks_in_stock"]


def _run(db_path: Path, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--db", str(db_path), *argv], out)
    return code, out.getvalue()


def test_cli_annual_reports(ledger: Ledger, make: Any, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uid = _user(make)
    code, text = _run(db_path, "annual-reports", "--year", "2025", "--json")
    assert code == 0
    data = json.loads(text)
    assert data["counts"]["none"] == 1 and data["deadline"] == "2026-03-31"
    row = data["users"][0]
    assert {"id", "name", "uscc", "status", "report_id", "deadline", "overdue"} <= set(row)
    assert row["id"] == uid and row["status"] == "none" and row["report_id"] is None
    code, text = _run(db_path, "annual-reports", "--year", "2025", "--set-deadline", "2099-01-01")
    assert code == 0 and "2099-01-01" in text and "未报 1" in text
    code, _text = _run(db_path, "annual-reports", "--year", "2025", "--set-deadline", "2025-01-01")
    assert code == 3 and "12月31日" in capsys.readouterr().err


def test_dashboard_overdue_and_bulk_listing(ledger: Ledger, make: Any) -> None:
    from desktop.dashboard import compute_dashboard

    late, filed = _user(make), _user(make)
    make.add("annual-report", mark_user_id=filed, year=2025)

    def item() -> tuple[str, ...]:
        return next(a.ids for a in compute_dashboard(ledger).attention if a.key == "annual_overdue")

    assert item() == (late,)  # 2026-11-21 is past 2026-03-31
    assert next(a for a in compute_dashboard(ledger).attention if a.key == "annual_overdue").zh == "年报逾期未报"
    status.set_deadline(ledger, 2025, "2026-12-31")
    assert item() == ()
    status.set_deadline(ledger, 2025, "2026-06-30")
    listed = status.list_overdue(ledger, 2025)
    assert [e.entry.values["mark_user_id"] for e in listed] == [late]
    assert listed[0].entry.values["reason"] == "no_annual_report"
    assert ledger.get("mark-user", late).values["status"] == "abnormal"
    assert item() == () and status.list_overdue(ledger, 2025) == []
    # still overdue in the status list (abnormal users owe reports too), but listed
    [u] = [u for u in status.year_status(ledger, 2025).users if u.user_id == late]
    assert u.overdue and u.listed
