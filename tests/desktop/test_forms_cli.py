"""``giledger print FORM``: the commands of issue 12 and their exit codes
(0 done, 2 usage, 3 refused, 4 database)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.cli import EXIT_DATABASE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


@pytest.fixture
def run(db_path: Path, capsys: pytest.CaptureFixture[str]):
    def go(*argv: str, db: Path = db_path) -> tuple[int, str, str]:
        out = io.StringIO()
        code = main(["--db", str(db), *argv], out=out)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return code, out.getvalue(), err

    return go


@pytest.fixture
def records(ledger, make) -> dict[str, str]:
    user = make.add("mark-user")
    return {"resource": make.add("resource", tier="protect").id,
            "candidate": make.add("candidate").id, "user": user.id,
            "inspection": make.add("inspection", mark_user_id=user.id).id,
            "stats": make.add("stats").id}


def test_every_form_of_the_issue(run, records, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    commands = [
        ["survey-blank", "-n", "2"],
        ["survey", "--id", records["resource"]],
        ["survey", "--all", "--where", "tier=protect"],
        ["candidate", "--id", records["candidate"]],
        ["candidate", "--all"],
        ["inspection-blank", "--user", records["user"]],
        ["inspection", "--id", records["inspection"]],
        ["annual-report-blank", "--user", records["user"], "--year", "2025"],
        ["annual-report-blank", "--all", "--year", "2025"],
        ["register", "candidate"],
        ["register", "resource", "--where", "tier=protect"],
        ["stats"],
    ]
    for argv in commands:
        out.unlink(missing_ok=True)
        code, text, err = run("print", *argv, "-o", str(out))
        assert code == EXIT_OK, (argv, err)
        assert out.read_bytes()[:5] == b"%PDF-", argv
        assert "form(s)" in text
    code, text, _ = run("print", "survey-blank", "-n", "2", "-o", str(out))
    assert text.count("PB-130125-") == 2


def test_usage_errors_exit_2(run, records, tmp_path: Path) -> None:
    out = str(tmp_path / "out.pdf")
    for argv in (["print"], ["print", "nonsense", "-o", out], ["print", "survey", "-o", out],
                 ["print", "survey-blank"], ["print", "survey", "--id", "X", "--all", "-o", out],
                 ["print", "annual-report-blank", "--all", "-o", out],
                 ["print", "register", "nokind", "-o", out],
                 ["print", "survey-blank", "-o", str(tmp_path / "missing" / "x.pdf")]):
        code, _text, err = run(*argv)
        assert code == EXIT_USAGE, (argv, err)


def test_refusals_exit_3(run, records, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    for argv in (["survey", "--id", "R-130125-999999"],
                 ["survey", "--all", "--where", "tier=zzz"],
                 ["survey", "--all", "--where", "tier=discover"],
                 ["inspection", "--id", records["resource"]],
                 ["inspection-blank", "--user", "U-130125-999999"],
                 ["survey-blank", "-n", "0"]):
        code, _text, err = run("print", *argv, "-o", str(out))
        assert code == EXIT_REFUSED, (argv, err)
        assert err.strip()
        assert not out.exists()


def test_database_problems_exit_4(run, tmp_path: Path) -> None:
    code, _text, err = run("print", "stats", "-o", str(tmp_path / "x.pdf"),
                           db=tmp_path / "none.db")
    assert code == EXIT_DATABASE and err
