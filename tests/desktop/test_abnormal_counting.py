"""A user on the abnormal list (列入异常名录) keeps its authorisation: it still counts as an
authorised user in the dashboard's coverage and report lists and in the statistics."""

from __future__ import annotations

from desktop import abnormal, stats
from desktop.dashboard import compute_dashboard
from desktop.registers.mark_user import AUTHORISED


def test_an_abnormal_user_still_counts_as_authorised(make, ledger) -> None:
    assert AUTHORISED == ("approved", "abnormal")
    gi = make.add("gi", gi_type="protected_product")
    user = make.add("mark-user", gi_id=gi.id, status="approved", approval_date="2024-01-01",
                    announcement_no="公告第1号")
    before = compute_dashboard(ledger)
    assert before.coverage_products.numerator == 1 and before.coverage_users.denominator == 1
    assert stats.derive(ledger).gi_products_using_mark == 1
    abnormal.list_user(ledger, user.id, "未报年报")
    assert ledger.get("mark-user", user.id).values["status"] == "abnormal"
    after = compute_dashboard(ledger)
    assert after.coverage_products == before.coverage_products
    assert after.coverage_users == before.coverage_users
    users_without = {a.key: a.ids for a in after.attention}["users_without_report"]
    assert users_without == (user.id,)  # still owes its report
    assert stats.derive(ledger).gi_products_using_mark == 1
    # a suspended user does not count
    ledger.db.conn.execute("UPDATE mark_users SET status = 'suspended'")
    assert compute_dashboard(ledger).coverage_products.numerator == 0
