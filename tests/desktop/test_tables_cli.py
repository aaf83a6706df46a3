"""``giledger import-table`` (desktop.cli_import_table): output, messages and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from db import maintenance
from desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from desktop.ledger import Ledger

from .tables_helpers import HEADERS, csv_file, xlsx


@pytest.fixture
def run(db_path: Path, ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> Any:
    def call(*argv: str) -> tuple[int, str, str]:
        out = io.StringIO()
        code = main(["--db", str(db_path), "import-table", *argv], out=out)
        return code, out.getvalue(), capsys.readouterr().err

    return call


@pytest.fixture
def gi(make: Any) -> Any:
    return make.add("gi", name="行唐大枣")


def _file(tmp_path: Path, make: Any, **kw: Any) -> Path:
    rows: list[list[Any]] = [list(HEADERS)]
    for i in (1, 2):
        rows.append([i, f"企业{i}", make.uscc(200 + i), "企业", "行唐大枣", "正常", "2021年5月3日", None])
    return xlsx(tmp_path / "名单.xlsx", rows, **kw)


def test_dry_run_refused_then_value_map_then_import(run: Any, ledger: Ledger, make: Any, gi: Any,
                                                   tmp_path: Path) -> None:
    path = _file(tmp_path, make)
    code, out, err = run("mark-user", str(path), "--dry-run")
    assert code == EXIT_REFUSED and "import refused, nothing written" in err
    assert "未知取值" in out and "“正常”（2 行，首见第 4 行）" in out and "--report" in out
    assert "第 4 行 F 列（状态）" in out and "row 4 column F (状态)" in out
    before = maintenance.content_digest(ledger.db)
    code, out, _err = run("mark-user", str(path), "--dry-run", "--value", "status:正常=applying")
    assert code == EXIT_OK and "新增 2" in out and "dry run, nothing written" in out
    assert maintenance.content_digest(ledger.db) == before
    code, out, _err = run("mark-user", str(path), "--value", "status:正常=申请中", "--save-mapping", "旧名单")
    assert code == EXIT_OK and "已导入" in out and ledger.count("mark-user") == 2
    code, out, _err = run("mark-user", str(path), "--json")  # the saved mapping (value map) found again
    data = json.loads(out)
    assert code == EXIT_OK and data["counts"]["unchanged"] == 2 and data["written"] is True


def test_refused_with_report_and_json(run: Any, ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _file(tmp_path, make)
    report = tmp_path / "问题.xlsx"
    before = maintenance.content_digest(ledger.db)
    code, out, err = run("mark-user", str(path), "--report", str(report), "--json")
    assert "import refused" in err
    assert code == EXIT_REFUSED and maintenance.content_digest(ledger.db) == before
    data = json.loads(out)
    assert data["refused"] and data["report"] == str(report) and data["header_row"] == 3
    assert {(p["row"], p["column"], p["field"]) for p in data["problems"]} == {(4, "F", "status"), (5, "F", "status")}
    assert data["unknown_values"][0]["values"] == [{"text": "正常", "count": 2, "first_row": 4}]
    assert load_workbook(report).sheetnames[0] == "问题清单"


def test_map_match_update_and_header_row(run: Any, ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rec = make.add("mark-user", gi_id=gi.id, name="企业1", uscc=make.uscc(201), contact="旧")
    rows = [["单位", "代码", "对接人"], ["企业1", make.uscc(201), "新"]]
    path = csv_file(tmp_path / "a.csv", [["说明：县局整理"], *rows], "gbk")
    args = ("mark-user", str(path), "--header-row", "2", "--map", "单位=name", "--map", "代码=uscc",
            "--map", "对接人=contact")
    code, out, _err = run(*args, "--dry-run")
    assert code == EXIT_OK and "未变 1" in out and "gb18030" in out
    code, out, _err = run(*args, "--update", "all")
    assert code == EXIT_OK and "修改 1" in out
    assert ledger.get("mark-user", rec.id).values["contact"] == "新"
    code, out, _err = run(*args[:2], "--map", "单位=name", "--match", "name", "--update", "none", "--dry-run")
    assert code == EXIT_OK and "跳过（已有记录） 1" in out  # the header found by the headers mapped
    code, out, _err = run(*args[:2], "--map", "单位=name", "--header-row", "2", "--update", "none", "--dry-run")
    assert code == EXIT_REFUSED and "every row is new" in out and "必填" in out  # matched by USCC: not mapped


def test_usage_and_refusals(run: Any, make: Any, gi: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, make)
    assert run("mark-user", str(path), "--map", "nonsense")[0] == EXIT_USAGE
    assert run("mark-user", str(path), "--value", "status正常")[0] == EXIT_USAGE
    assert run("mark-user", str(path), "--update", "sometimes")[0] == EXIT_USAGE
    code, _out, err = run("mark-user", str(path), "--map", "企业名称=nosuch")
    assert code == EXIT_REFUSED and "nosuch" in err
    code, _out, err = run("mark-user", str(path), "--mapping", "没有这个")
    assert code == EXIT_REFUSED and "没有这个" in err
    code, _out, err = run("mark-user", str(tmp_path / "missing.xlsx"))
    assert code == EXIT_REFUSED and "找不到文件" in err and "no such file" in err
    code, _out, err = run("no-such-kind", str(path))
    assert code == EXIT_REFUSED and "no-such-kind" in err
    code, _out, err = run("mark-user", str(path), "--match", "nosuch")
    assert code == EXIT_REFUSED and "nosuch" in err
