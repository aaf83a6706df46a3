"""The command-line contract (desktop.cli.main): output, stderr messages and exit codes
0 ok / 2 usage / 3 input refused / 4 database unusable."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import desktop
from db.connection import open_database
from desktop.cli import EXIT_DATABASE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main

ROOT = Path(desktop.__file__).resolve().parent.parent

RESOURCE = ["--set", "name=行唐大枣", "--set", "attribute=种植/养殖产品", "--set", "category=初级农产品",
            "--set", "tier=培育", "--set", "survey_date=2024-05-01"]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]):
    """``cli(*argv, db=path)`` runs ``giledger --db PATH argv`` in-process."""

    def run(*argv: str, db: Path | None = db_path) -> Result:
        out = io.StringIO()
        prefix = ["--db", str(db)] if db is not None else []
        code = main([*prefix, *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in out.getvalue()
        assert captured.out == "", "everything goes to `out` or stderr"
        return Result(code, out.getvalue(), captured.err)

    return run


@pytest.fixture
def county(cli) -> None:
    assert cli("init", "--office", "130125", "--clerk", "测试员").code == EXIT_OK


def add_resource(cli, *extra: str) -> str:
    r = cli("add", "resource", *RESOURCE, *extra)
    assert r.code == EXIT_OK, r.err
    return r.out.strip()


# ---- init -----------------------------------------------------------------------------------

def test_init_county(cli, db_path) -> None:
    r = cli("init", "--office", "130125")
    assert r.code == EXIT_OK
    assert "130125 行唐县" in r.out and "县级模式 / county mode" in r.out
    assert str(db_path) in r.out and db_path.exists()


def test_init_city(cli) -> None:
    r = cli("init", "--office", "130100")
    assert r.code == EXIT_OK
    assert "石家庄市" in r.out and "市级模式 / city mode" in r.out


def test_init_with_name_and_clerk(cli) -> None:
    r = cli("init", "--office", "130125", "--name", "行唐县市场监督管理局", "--clerk", "张三")
    assert r.code == EXIT_OK and "130125 行唐县市场监督管理局" in r.out
    r = cli("--clerk", "李四", "add", "resource", *RESOURCE)
    assert r.code == EXIT_OK
    (entry,) = cli("history", r.out.strip(), "--json").json()
    assert entry["actor"] == "李四" and entry["action"] == "create"


def test_init_twice_is_refused(cli, county) -> None:
    r = cli("init", "--office", "130126")
    assert r.code == EXIT_REFUSED
    assert "130125" in r.err and "office" in r.err


def test_init_unknown_code(cli, db_path) -> None:
    r = cli("init", "--office", "999999")
    assert r.code == EXIT_REFUSED
    assert "999999" in r.err and "不是已知" in r.err
    assert not db_path.exists(), "a refused init leaves no file behind"


def test_init_retired_code_names_its_successor(cli) -> None:
    r = cli("init", "--office", "130124")
    assert r.code == EXIT_REFUSED
    assert "130111" in r.err and "栾城区" in r.err


# ---- fields -------------------------------------------------------------------------------------

def test_fields_json(cli) -> None:
    r = cli("fields", "resource", "--json", db=None)
    assert r.code == EXIT_OK
    fields = r.json()
    by_key = {f["key"]: f for f in fields}
    assert next(iter(by_key)) == "name" and "survey_date" in by_key
    for f in fields:
        assert {"key", "zh", "en", "type", "required"} <= set(f)
    assert by_key["name"]["required"] is True and by_key["name"]["zh"] == "产品名称"
    assert by_key["phone"]["required"] is False and by_key["phone"]["type"] == "phone"
    tiers = by_key["tier"]["choices"]
    assert {"code": "cultivate", "zh": "培育", "en": "cultivate"} in tiers
    assert by_key["survey_date"]["type"] == "date"
    assert by_key["output_t"]["decimals"] == 2 and by_key["output_t"]["minimum"] == 0


def test_fields_text(cli) -> None:
    r = cli("fields", "candidate", db=None)
    assert r.code == EXIT_OK
    assert "培育对象" in r.out and "resource_id" in r.out and "→ resource" in r.out
    assert "tm_registered=核准注册" in r.out


# ---- add / edit / delete / restore / show / list ---------------------------------------------

def test_add_prints_the_id(cli, county) -> None:
    assert add_resource(cli) == "R-130125-000001"
    r = cli("add", "gi", "--set", "name=行唐大枣", "--set", "gi_type=地理标志证明商标",
            "--set", "reference_no=6094327")
    assert (r.code, r.out) == (EXIT_OK, "G-130125-000001\n")


def test_add_invalid_names_the_field(cli, county) -> None:
    r = cli("add", "resource", *RESOURCE[:-2], "--set", "survey_date=2024-02-30",
            "--set", "phone=12800138000")
    assert r.code == EXIT_REFUSED
    assert "survey_date" in r.err and "填报日期" in r.err
    assert "phone" in r.err and "联系电话" in r.err and "mobile" in r.err
    assert r.out == ""
    r = cli("add", "resource", "--set", "name=行唐大枣")
    assert r.code == EXIT_REFUSED
    assert "tier" in r.err and "培育层级" in r.err and "必填" in r.err and "required" in r.err
    assert cli("list", "resource", "--json").json() == []


def test_add_unknown_field(cli, county) -> None:
    r = cli("add", "resource", *RESOURCE, "--set", "colour=red")
    assert r.code == EXIT_REFUSED and "colour" in r.err


def test_edit(cli, county) -> None:
    rid = add_resource(cli)
    r = cli("edit", "resource", rid, "--set", "tier=保护", "--set", "output_t=12.5")
    assert r.code == EXIT_OK and r.out == f"{rid} 版本/revision 2\n"
    shown = cli("show", "resource", rid, "--json").json()
    assert shown["tier"] == "protect" and shown["output_t"] == 12.5 and shown["revision"] == 2
    stale = cli("edit", "resource", rid, "--revision", "1", "--set", "tier=挖掘")
    assert stale.code == EXIT_REFUSED and "revision 2" in stale.err
    bad = cli("edit", "resource", rid, "--set", "output_t=-1")
    assert bad.code == EXIT_REFUSED and "不能为负数" in bad.err
    assert cli("show", "resource", rid, "--json").json()["revision"] == 2
    missing = cli("edit", "resource", "R-130125-000404", "--set", "tier=挖掘")
    assert missing.code == EXIT_REFUSED and "R-130125-000404" in missing.err


def test_delete_and_restore(cli, county) -> None:
    rid = add_resource(cli)
    r = cli("delete", "resource", rid)
    assert r.code == EXIT_OK and rid in r.out
    assert cli("list", "resource", "--json").json() == []
    assert [x["id"] for x in cli("list", "resource", "--json", "--deleted").json()] == [rid]
    assert cli("show", "resource", rid, "--json").json()["deleted"] is True
    r = cli("restore", "resource", rid)
    assert r.code == EXIT_OK and rid in r.out
    assert [x["id"] for x in cli("list", "resource", "--json").json()] == [rid]
    history = cli("history", rid, "--json").json()
    assert [h["action"] for h in history] == ["create", "delete", "restore"]
    assert {h["actor"] for h in history} == {"测试员"}


def test_delete_refused_while_referenced(cli, county) -> None:
    rid = add_resource(cli)
    r = cli("add", "candidate", "--set", f"resource_id={rid}", "--set", "name=行唐大枣",
            "--set", "route=地理标志证明商标", "--set", "stage=材料准备", "--set", "stage_date=2024-06-01")
    assert r.code == EXIT_OK
    cand = r.out.strip()
    r = cli("delete", "resource", rid)
    assert r.code == EXIT_REFUSED and cand in r.err


def test_show(cli, county) -> None:
    rid = add_resource(cli, "--set", "towns=龙州镇;南桥镇")
    rec = cli("show", "resource", rid, "--json").json()
    assert rec["id"] == rid and rec["name"] == "行唐大枣" and rec["tier"] == "cultivate"
    assert rec["towns"] == ["龙州镇", "南桥镇"] and rec["survey_date"] == "2024-05-01"
    assert rec["office_code"] == "130125"
    text = cli("show", "resource", rid)
    assert text.code == EXIT_OK
    assert "产品名称" in text.out and "行唐大枣" in text.out and "培育" in text.out
    r = cli("show", "resource", "R-130125-000404")
    assert r.code == EXIT_REFUSED and "R-130125-000404" in r.err


def test_list_json_and_where(cli, county) -> None:
    a = add_resource(cli)
    b = cli("add", "resource", "--set", "name=行唐核桃", "--set", "attribute=grown",
            "--set", "category=primary_agri", "--set", "tier=discover",
            "--set", "survey_date=2024-05-02").out.strip()
    rows = cli("list", "resource", "--json").json()
    assert [r["id"] for r in rows] == [a, b]
    assert all({"id", "name", "tier", "survey_date", "revision"} <= set(r) for r in rows)
    assert [r["id"] for r in cli("list", "resource", "--json", "--where", "tier=培育").json()] == [a]
    assert [r["id"] for r in cli("list", "resource", "--json", "--where", "tier=cultivate").json()] == [a]
    assert [r["id"] for r in cli("list", "resource", "--json", "--where", "tier=discover",
                                  "--where", "survey_date=2024/5/2").json()] == [b]
    assert cli("list", "resource", "--json", "--where", "tier=protect").json() == []
    assert len(cli("list", "resource", "--json", "--limit", "1").json()) == 1
    text = cli("list", "resource")
    assert text.code == EXIT_OK and a in text.out and "共 2 条" in text.out


def test_list_where_unknown_key_or_value(cli, county) -> None:
    r = cli("list", "resource", "--where", "colour=red")
    assert r.code == EXIT_REFUSED and "colour" in r.err
    r = cli("list", "resource", "--where", "tier=maybe")
    assert r.code == EXIT_REFUSED and "挖掘、培育、保护" in r.err


# ---- usage errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["add", "resource"],                          # missing --set
    ["add", "resource", "--set", "name"],         # --set without '='
    ["add", "resource", "--set", "=x"],           # --set without a key
    ["list", "resource", "--where", "tier"],      # --where without '='
    ["list", "resources"],                        # unknown KIND
    ["add", "nothing", "--set", "a=b"],
    ["frobnicate"],                               # unknown command
    ["stats"],                                    # no action
    ["edit", "resource", "--set", "a=b"],         # no id
    ["list", "resource", "--limit", "many"],
])
def test_usage_errors_exit_2(cli, county, argv: list[str]) -> None:
    r = cli(*argv)
    assert r.code == EXIT_USAGE
    assert "用法错误" in r.err or "usage" in r.err


def test_no_subcommand_prints_help_and_exits_2(cli) -> None:
    r = cli()
    assert r.code == EXIT_USAGE and "init" in r.out and "list" in r.out


def test_version(cli, capsys) -> None:
    out = io.StringIO()
    assert main(["--version"], out=out) == EXIT_OK
    assert desktop.__version__ in capsys.readouterr().out


# ---- the database ---------------------------------------------------------------------------------

def test_missing_database_exits_4_and_creates_nothing(cli, tmp_path) -> None:
    path = tmp_path / "nowhere" / "missing.db"
    r = cli("list", "resource", db=path)
    assert r.code == EXIT_DATABASE
    assert "不存在" in r.err and "does not exist" in r.err
    assert not path.exists() and not path.parent.exists()


def test_corrupt_database_exits_4(cli, db_path) -> None:
    db_path.write_bytes(b"\x00garbage" * 1000)
    r = cli("list", "resource")
    assert r.code == EXIT_DATABASE
    assert "备份" in r.err and "backup" in r.err.lower()
    assert cli("init", "--office", "130125").code == EXIT_DATABASE


def test_database_not_initialised_exits_4(cli, db_path) -> None:
    open_database(db_path).close()
    r = cli("list", "resource")
    assert r.code == EXIT_DATABASE
    assert "init" in r.err and "尚未初始化" in r.err


def test_default_database_from_the_environment(cli, tmp_path, monkeypatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("GILEDGER_DB", str(path))
    assert cli("init", "--office", "130125", db=None).code == EXIT_OK
    assert path.exists()


# ---- stats and check ---------------------------------------------------------------------------------

def test_stats_set_and_show(cli, county) -> None:
    argv = ["stats", "set", "--as-of", "2025-12-31", "--registered-trademarks", "1203",
            "--well-known-marks", "2", "--gi-trademarks", "1", "--gi-products", "0",
            "--gi-products-using-mark", "0"]
    r = cli(*argv)
    assert r.code == EXIT_OK and r.out.startswith("S-130125-000001 版本/revision 1")
    assert "地理标志商标" in r.out and "台账中为 0" in r.out  # 1 typed, none in the registers
    r = cli(*argv[:-1], "0", "--note", "据商标局统计")
    assert r.code == EXIT_OK and "revision 2" in r.out
    rows = cli("stats", "show", "--json").json()
    assert len(rows) == 1
    assert rows[0]["as_of"] == "2025-12-31" and rows[0]["registered_trademarks"] == 1203
    assert rows[0]["note"] == "据商标局统计" and rows[0]["revision"] == 2
    bad = cli(*argv[:-3], "1", "--gi-products-using-mark", "2")
    assert bad.code == EXIT_REFUSED and "gi_products_using_mark" in bad.err
    assert cli("stats", "show").code == EXIT_OK


def test_check_clean_then_corrupted(cli, county, db_path) -> None:
    rid = add_resource(cli)
    r = cli("check")
    assert r.code == EXIT_OK and "未发现问题" in r.out
    report = cli("check", "--json").json()
    assert report["errors"] == 0 and report["records_checked"] == 1

    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE resources SET tier = 'bogus' WHERE id = ?", (rid,))
    con.close()
    r = cli("check")
    assert r.code == EXIT_REFUSED
    assert rid in r.out and "tier" in r.out and "[error]" in r.out
    report = cli("check", "--json").json()
    assert report["errors"] == 1
    assert report["findings"][0]["record_id"] == rid and report["findings"][0]["field"] == "tier"


def test_check_statistics_disagreement_is_only_a_warning(cli, county) -> None:
    cli("stats", "set", "--as-of", "2025-12-31", "--registered-trademarks", "10",
        "--well-known-marks", "0", "--gi-trademarks", "3", "--gi-products", "0",
        "--gi-products-using-mark", "0")
    r = cli("check", "--json")
    assert r.code == EXIT_OK
    report = r.json()
    assert report["errors"] == 0 and report["warnings"] == 1


# ---- as a program ------------------------------------------------------------------------------------

def test_python_m_desktop_runs(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.db"), "fields", "resource"],
        cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")  # piped output is UTF-8 on every platform
    assert "survey_date" in out and "产品名称" in out
    assert not (tmp_path / "x.db").exists()  # `fields` needs no database
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.db"),
                           "list", "resource"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert proc.returncode == EXIT_DATABASE
    assert b"Traceback" not in proc.stderr
