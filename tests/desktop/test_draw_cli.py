"""``giledger plan add`` and ``giledger draw`` (desktop.cli_draw): the inspectors file (good,
GBK CSV, .xlsx, bad rows: nothing written), --json, redraw without reason refused, --verify
exit codes, history, publication and forms."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from db.connection import open_database
from desktop.cli import main
from desktop.ledger import Ledger

HEAD = "姓名,执法证号,单位,回避企业\n"
ROWS = ("张明,13012520190001,知识产权股,\n李华,13012520200002,执法大队,\n"
        "王芳,13012520210003,口头所,某某公司、91130125MA0D4E5F6A\n")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], ledger: Ledger, make):
    gi = make.add("gi")
    for _ in range(6):
        make.add("mark-user", gi_id=gi.id)

    def run(*argv: str) -> Result:
        out = io.StringIO()
        code = main(["--db", str(db_path), *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, out.getvalue(), captured.err)

    return run


def _counts(db_path: Path) -> tuple[int, int]:
    db = open_database(db_path)
    try:
        return (db.conn.execute("SELECT count(*) FROM inspector_roster").fetchone()[0],
                db.conn.execute("SELECT count(*) FROM inspection_plans").fetchone()[0])
    finally:
        db.close()


def _plan(cli, path: Path, *extra: str) -> Result:
    return cli("plan", "add", "--name", "2026年双随机抽查", "--year", "2026", "--inspectors", str(path), *extra)


def test_plan_add_from_a_utf8_csv_then_draw_json_verify_redraw(cli, tmp_path: Path, db_path: Path) -> None:
    f = tmp_path / "人员.csv"
    f.write_text(HEAD + ROWS, encoding="utf-8")
    r = _plan(cli, f, "--count", "2", "--per-target", "2")
    assert r.code == 0, r.err
    plan = r.out.strip()
    assert plan.startswith("P-130125-") and "新增 3" in r.err
    assert _counts(db_path) == (3, 1)
    r = cli("draw", "--plan", plan, "--seed", "2026137", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["plan"] == plan and data["seed"] == "2026137" and len(data["pool_hash"]) == 64
    assert len(data["targets"]) == 2 and all(len(t["inspectors"]) == 2 for t in data["targets"])
    assert all(set(t) == {"user", "inspectors"} for t in data["targets"])
    again = cli("draw", "--plan", plan, "--seed", "2026137")
    assert again.code == 3 and "理由" in again.err and "reason" in again.err
    assert cli("draw", "--plan", plan, "--verify").code == 0
    r = cli("draw", "--plan", plan, "--seed", "9", "--reason", "首次抽取对象已注销")
    assert r.code == 0 and "第 2 次抽取" in r.out
    r = cli("draw", "--plan", plan, "--history", "--json")
    assert [d["number"] for d in json.loads(r.out)] == [1, 2]
    assert cli("draw", "--plan", plan, "--verify", "--number", "1").code == 0
    # a user added: the pool changed, verify says so and exits 3
    assert cli("add", "mark-user", "--set", "name=新企业", "--set", "uscc=91130125MA0N4P5Q6U",
               "--set", "entity_type=enterprise", "--set", "status=applying",
               "--set", "gi_id=G-130125-000001").code == 0
    r = cli("draw", "--plan", plan, "--verify")
    assert r.code == 3 and "新增检查对象" in r.out and "检查对象库已变" in r.out
    assert cli("draw", "--plan", plan, "--publish", str(tmp_path / "公示.xlsx")).code == 0
    r = cli("draw", "--plan", plan, "--forms", str(tmp_path / "表.pdf"))
    assert r.code == 0 and "2 份" in r.out
    assert cli("draw", "--plan", "P-130125-999999").code == 3


def test_a_gbk_csv_and_an_xlsx_upsert_the_roster_by_cert_no(cli, tmp_path: Path, db_path: Path) -> None:
    f = tmp_path / "gbk.csv"
    f.write_bytes((HEAD + ROWS).encode("gbk"))
    assert _plan(cli, f, "--ratio", "50%").code == 0
    x = tmp_path / "人员.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["执法检查人员名单"])  # a title row above the header
    ws.append(["姓名", "执法证号", "单位"])
    ws.append(["张明", "13012520190001", "综合执法大队"])  # known: unit updated
    ws.append([None, None, None])
    ws.append(["赵强", 13012520220004, None])  # a number cell: its digits kept
    wb.save(x)
    r = _plan(cli, x, "--count", "1", "--filter", "gi=地理标志1")
    assert r.code == 0, r.err
    assert "新增 1、更新 1" in r.err
    assert _counts(db_path) == (4, 2)
    db = open_database(db_path)
    try:
        unit = db.conn.execute("SELECT unit FROM inspector_roster WHERE cert_no = '13012520190001'").fetchone()[0]
        pool, gis = db.conn.execute("SELECT inspector_pool, filter_gi FROM inspection_plans "
                                    "ORDER BY id DESC").fetchone()
    finally:
        db.close()
    assert unit == "综合执法大队" and "13012520220004" in pool and "G-130125-000001" in gis


@pytest.mark.parametrize(("body", "words"), [
    ("张明,,股,\n", ["第 3 行", "执法证号", "B 列", "必填", "row 3"]),
    ("张明,13012520190001,股,\n李华,13012520190001,股,\n", ["第 4 行", "重复", "第 3 行"]),
    (",13012520190001,股,\n", ["第 3 行", "姓名", "A 列"]),
])
def test_bad_rows_name_row_and_column_and_write_nothing(cli, tmp_path: Path, db_path: Path, body: str,
                                                        words: list[str]) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(HEAD + ROWS.splitlines(keepends=True)[2] + body, encoding="utf-8")  # row 2 is good
    r = _plan(cli, f, "--count", "2")
    assert r.code == 3 and r.out == ""
    for w in words:
        assert w in r.err, (w, r.err)
    assert "bad.csv" in r.err
    assert _counts(db_path) == (0, 0)


def test_other_refusals(cli, tmp_path: Path, db_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("名字,号码\n张,1\n", encoding="utf-8")
    r = _plan(cli, f, "--count", "2")
    assert r.code == 3 and "姓名" in r.err and "执法证号" in r.err
    good = tmp_path / "good.csv"
    good.write_text(HEAD + ROWS, encoding="utf-8")
    r = _plan(cli, good, "--count", "2", "--filter", "gi=没有的地标")
    assert r.code == 3 and "没有的地标" in r.err
    assert _plan(cli, good, "--ratio", "abc").code == 2
    assert _plan(cli, good, "--count", "2", "--filter", "color=red").code == 2
    r = _plan(cli, good, "--count", "2", "--per-target", "1")
    assert r.code == 3 and "per_target" in r.err
    assert _counts(db_path) == (0, 0)
    assert _plan(cli, tmp_path / "none.csv", "--count", "2").code == 3
