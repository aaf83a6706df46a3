"""giledger abnormal add/remove, rectifications, rectify: exits, messages, the user's status, and
the abnormal list travelling in packets from the county to the city."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from desktop.ledger import Ledger

from .city_helpers import send


@pytest.fixture
def run(db_path: Path, ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """``run(*argv)``: giledger --db PATH argv in-process → (exit code, out, err)."""

    def go(*argv: str) -> tuple[int, str, str]:
        out = io.StringIO()
        code = main(["--db", str(db_path), "--clerk", "测试员", *argv], out=out)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return code, out.getvalue(), err

    return go


def _status(ledger: Ledger, user_id: str) -> str:
    return str(ledger.get("mark-user", user_id).values["status"])


def test_add_and_remove_change_the_status(run, make, ledger) -> None:
    user = make.add("mark-user", status="approved", approval_date="2024-01-01",
                    announcement_no="公告第1号")
    code, out, err = run("abnormal", "add", "--user", user.id, "--reason", "未报年报",
                         "--doc", "行市监异〔2026〕3号", "--date", "2026-11-01")
    assert code == EXIT_OK, err
    assert "已列入异常名录" in out and "列入异常名录 / on the abnormal list" in out
    (entry,) = ledger.list("abnormal", {"mark_user_id": user.id})
    assert entry.values["reason"] == "no_annual_report" and entry.values["prior_status"] == "approved"
    assert entry.values["document_no"] == "行市监异〔2026〕3号"
    assert _status(ledger, user.id) == "abnormal"
    # a second reason: two open entries
    code, out, err = run("abnormal", "add", "--user", user.id, "--reason", "unreachable")
    assert code == EXIT_OK, err
    second = next(e for e in ledger.list("abnormal", {"mark_user_id": user.id})
                  if e.values["reason"] == "unreachable")
    assert second.values["prior_status"] == "approved"  # the status before the first listing
    code, out, err = run("abnormal", "remove", "--id", entry.id, "--reason", "已补报年报",
                         "--doc", "行市监异移〔2026〕1号", "--date", "2026-11-20")
    assert code == EXIT_OK, err
    assert "仍有 1 条未移出" in out and _status(ledger, user.id) == "abnormal"
    code, out, err = run("abnormal", "remove", "--id", second.id, "--reason", "已取得联系")
    assert code == EXIT_OK, err
    assert _status(ledger, user.id) == "approved" and "已核准 / approved" in out
    removed = ledger.get("abnormal", entry.id).values
    assert removed["removal_doc_no"] == "行市监异移〔2026〕1号" and removed["removal_reason"] == "已补报年报"
    actors = {h.actor for h in ledger.history(user.id)}
    assert actors == {"测试员"}


@pytest.mark.parametrize(("argv", "expect", "exit_code"), [
    (("--reason", "莫须有"), "reason", EXIT_REFUSED),
    (("--reason", "未报年报", "--date", "2026-13-01"), "listed_date", EXIT_REFUSED),
    (("--reason", "未报年报", "--date", "2027-01-01"), "listed_date", EXIT_REFUSED),
    ((), "--reason", EXIT_USAGE),
])
def test_add_refusals(run, make, ledger, argv, expect, exit_code) -> None:
    user = make.add("mark-user")
    before = ledger.get("mark-user", user.id)
    code, _out, err = run("abnormal", "add", "--user", user.id, *argv)
    assert code == exit_code and expect in err
    assert ledger.get("mark-user", user.id) == before and ledger.count("abnormal") == 0


def test_add_refuses_an_unknown_user_and_a_repeat(run, make, ledger) -> None:
    code, _out, err = run("abnormal", "add", "--user", "U-130125-999999", "--reason", "未报年报")
    assert code == EXIT_REFUSED and "U-130125-999999" in err
    user = make.add("mark-user")
    assert run("abnormal", "add", "--user", user.id, "--reason", "未报年报")[0] == EXIT_OK
    code, _out, err = run("abnormal", "add", "--user", user.id, "--reason", "no_annual_report")
    assert code == EXIT_REFUSED and "已因此原因列入异常名录" in err and "already listed" in err
    assert ledger.count("abnormal") == 1


def test_remove_refusals(run, make, ledger) -> None:
    user = make.add("mark-user")
    assert run("abnormal", "add", "--user", user.id, "--reason", "未报年报")[0] == EXIT_OK
    (entry,) = ledger.list("abnormal")
    code, _o, err = run("abnormal", "remove", "--id", entry.id)
    assert code == EXIT_USAGE and "--reason" in err
    code, _o, err = run("abnormal", "remove", "--id", entry.id, "--reason", "  ")
    assert code == EXIT_REFUSED and "removal_reason" in err
    code, _o, err = run("abnormal", "remove", "--id", "B-130125-999999", "--reason", "x")
    assert code == EXIT_REFUSED and "B-130125-999999" in err
    assert run("abnormal", "remove", "--id", entry.id, "--reason", "已补报")[0] == EXIT_OK
    code, _o, err = run("abnormal", "remove", "--id", entry.id, "--reason", "再次")
    assert code == EXIT_REFUSED and "已于" in err


def test_rectifications_and_rectify(run, make, ledger) -> None:
    user = make.add("mark-user")
    late = make.add("inspection", mark_user_id=user.id, result="rectify", rectify_deadline="2026-11-01")
    soon = (date.today() + timedelta(days=30)).isoformat()  # the CLI's day is the real one
    make.add("inspection", mark_user_id=user.id, result="rectify", rectify_deadline=soon)
    code, out, _e = run("rectifications")
    assert code == EXIT_OK and "逾期未复查" in out and "整改中" in out and "共 2 条" in out
    code, out, _e = run("rectifications", "--overdue", "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert [r["inspection_id"] for r in data] == [late.id]
    assert data[0]["days_overdue"] == (date.today() - date(2026, 11, 1)).days
    code, out, err = run("rectify", "--inspection", late.id, "--recheck-date", "2026-11-18",
                         "--result", "not_rectified", "--note", "仍在使用旧包装")
    assert code == EXIT_OK, err
    assert "未整改" in out and "异常名录" in out and f"--user {user.id}" in out
    assert ledger.get("inspection", late.id).values["recheck_result"] == "not_rectified"
    code, _o, err = run("rectify", "--inspection", late.id, "--recheck-date", "2026-11-19",
                        "--result", "rectified")
    assert code == EXIT_REFUSED and "已于" in err
    code, _o, err = run("rectify", "--inspection", late.id, "--recheck-date", "2026-11-19",
                        "--result", "perhaps")
    assert code == EXIT_REFUSED and "recheck_result" in err
    code, out, _e = run("rectifications", "--all", "--json")
    assert {r["state"] for r in json.loads(out)} == {"not_rectified", "open"}


def test_the_abnormal_list_travels_to_the_city(make, ledger, new_office, tmp_path) -> None:
    city = new_office("130100", "city")
    user = make.add("mark-user", status="approved", approval_date="2024-01-01",
                    announcement_no="公告第1号")
    from desktop import abnormal

    listed = abnormal.list_user(ledger, user.id, "未报年报", document_no="行市监异〔2026〕3号")
    send(ledger, city, tmp_path / "out1")
    there = city.get("mark-user", user.id)
    assert there.values["status"] == "abnormal"
    entry = city.get("abnormal", listed.entry.id)
    assert entry.values["prior_status"] == "approved" and entry.values["document_no"] == "行市监异〔2026〕3号"
    abnormal.remove(ledger, listed.entry.id, "已补报年报", document_no="移〔2026〕1号")
    send(ledger, city, tmp_path / "out2")
    assert city.get("mark-user", user.id).values["status"] == "approved"
    gone = city.get("abnormal", listed.entry.id).values
    assert gone["removal_reason"] == "已补报年报" and gone["removal_doc_no"] == "移〔2026〕1号"
    assert gone["removal_date"] is not None
