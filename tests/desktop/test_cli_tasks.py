"""The command line of tasks and reviews (desktop.cli_tasks): the round trips through packets,
typed as a clerk would type them, and the refusals' exit codes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(db: Path, *argv: str) -> Result:
        out = io.StringIO()
        code = main(["--db", str(db), *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in out.getvalue()
        return Result(code, out.getvalue(), captured.err)
    return run


@pytest.fixture
def dbs(tmp_path: Path, cli: Callable[..., Result]) -> dict[str, Path]:
    out = {}
    for name, code in (("city", "130100"), ("a", "130125"), ("b", "130126")):
        (tmp_path / name).mkdir()
        out[name] = tmp_path / name / "office.db"
        assert cli(out[name], "init", "--office", code).code == EXIT_OK
    return out


def ok(r: Result) -> str:
    assert r.code == EXIT_OK, r.err
    return r.out.strip()


def test_tasks_and_reviews_round_trip_on_the_command_line(cli: Callable[..., Result], dbs: dict[str, Path],
                                                          tmp_path: Path) -> None:
    city, a, b = dbs["city"], dbs["a"], dbs["b"]
    plan = ok(cli(city, "work-plan", "add", "--name", "2024年地理标志工作计划", "--year", "2024",
                  "--doc", "石市监函〔2024〕15号"))
    every = ok(cli(city, "task", "add", "--plan", plan, "--number", "1", "--text", "开展资源普查",
                   "--deadline", "2024-12-31"))
    some = ok(cli(city, "task", "add", "--plan", plan, "--number", "2", "--text", "申报证明商标",
                  "--units", "130125"))
    assert plan in ok(cli(city, "work-plan", "list"))
    ok(cli(city, "reference-packet", "-o", str(tmp_path / "ref1.xlsx")))
    for county in (a, b):
        ok(cli(county, "import-packet", str(tmp_path / "ref1.xlsx")))
    a_tasks = cli(a, "task", "list", "--json").json()
    assert [t["id"] for t in a_tasks] == [every, some] and a_tasks[0]["latest"] is None
    assert [t["id"] for t in cli(b, "task", "list", "--json").json()] == [every]
    assert "未报" in ok(cli(b, "task", "list"))

    ok(cli(a, "progress", "--task", every, "--status", "进行中", "--text", "已普查5个乡镇", "--date", "2024-06-30"))
    ok(cli(a, "progress", "--task", some, "--status", "有困难", "--text", "产地范围待定", "--date", "2024-07-01",
           "--attachment", "产地范围图.pdf"))
    ok(cli(b, "progress", "--task", every, "--status", "done", "--text", "普查完成", "--date", "2024-09-30"))
    refused = cli(b, "progress", "--task", some, "--status", "done")
    assert refused.code == EXIT_REFUSED and "不包括本单位" in refused.err and "not for this office" in refused.err
    resource = ok(cli(a, "add", "resource", "--set", "name=行唐大枣", "--set", "attribute=种植/养殖产品",
                      "--set", "category=初级农产品", "--set", "tier=培育", "--set", "survey_date=2024-05-01"))
    for name, county in (("a", a), ("b", b)):
        ok(cli(county, "export-packet", "-o", str(tmp_path / f"{name}1.xlsx")))
        ok(cli(city, "import-packet", str(tmp_path / f"{name}1.xlsx")))

    grid = cli(city, "task", "grid", "--plan", plan, "--json").json()
    cells = {t["number"]: t["cells"] for t in grid["tasks"]}
    assert cells["1"]["130125"]["status"] == "in_progress" and cells["1"]["130125"]["text"] == "已普查5个乡镇"
    assert cells["1"]["130126"]["status_label"] == "已完成"
    assert cells["2"]["130126"]["applies"] is False and cells["1"]["130102"]["status_label"] == "未报"
    text = ok(cli(city, "task", "grid", "--plan", plan))
    assert "行唐县：进行中 2024-06-30 已普查5个乡镇" in text and "长安区：未报" in text
    for suffix in ("pdf", "xlsx"):
        out = tmp_path / f"grid.{suffix}"
        assert str(out) in ok(cli(city, "task", "grid", "--plan", plan, "-o", str(out)))
        assert out.stat().st_size > 1000
    bad = cli(city, "task", "grid", "--plan", plan, "-o", str(tmp_path / "grid.txt"))
    assert bad.code == EXIT_REFUSED and ".pdf" in bad.err

    # review: returned with a reason, down, answered, up, re-reviewed
    review = ok(cli(city, "review", resource, "--return", "照片缺失，请补充"))
    assert cli(city, "reviews", "--open", "--json").json()[0]["state"] == "returned"
    ok(cli(city, "reference-packet", "-o", str(tmp_path / "ref2.xlsx")))
    ok(cli(a, "import-packet", str(tmp_path / "ref2.xlsx")))
    ok(cli(b, "import-packet", str(tmp_path / "ref2.xlsx")))
    assert cli(b, "reviews", "--json").json() == []
    received = cli(a, "reviews", "--open", "--json").json()
    assert [r["review_id"] for r in received] == [review] and received[0]["comment"] == "照片缺失，请补充"
    assert "退回待答复" in ok(cli(a, "reviews"))
    ok(cli(a, "answer", review, "已补充照片3张"))
    assert cli(a, "reviews", "--open", "--json").json() == []
    ok(cli(a, "export-packet", "-o", str(tmp_path / "a2.xlsx")))
    ok(cli(city, "import-packet", str(tmp_path / "a2.xlsx")))
    listed = cli(city, "reviews", "--json").json()
    assert listed[0]["state"] == "answered" and listed[0]["answer"] == "已补充照片3张"
    assert ok(cli(city, "review", resource, "--checked")) == review
    assert cli(city, "reviews", "--open", "--json").json() == []

    # refusals: exit 3 with the reason, exit 2 for usage
    r = cli(a, "review", resource, "--checked")
    assert r.code == EXIT_REFUSED and "county" in r.err
    r = cli(a, "edit", "review", review, "--set", "verdict=退回")
    assert r.code == EXIT_REFUSED
    r = cli(city, "answer", review, "答复")
    assert r.code == EXIT_REFUSED and "written here" in r.err
    r = cli(city, "review", "R-130125-999999", "--checked")
    assert r.code == EXIT_REFUSED and "no record" in r.err
    assert cli(city, "review", resource).code == EXIT_USAGE
    r = cli(city, "task", "add", "--plan", plan, "--number", "3", "--text", "x", "--units", "130225")
    assert r.code == EXIT_REFUSED and "130225" in r.err
    r = cli(city, "progress", "--task", every, "--status", "未知状态")
    assert r.code == EXIT_REFUSED


def test_tasks_imported_from_pasted_plan_text_all_or_none(cli: Callable[..., Result], dbs: dict[str, Path],
                                                         tmp_path: Path) -> None:
    city = dbs["city"]
    plan = ok(cli(city, "work-plan", "add", "--name", "分工方案", "--year", "2024"))
    text = tmp_path / "plan.txt"
    text.write_text("一、夯实基础\n1、开展资源普查（责任单位：行唐县、灵寿县）\n2、做好年报工作\n", encoding="utf-8")
    ids = ok(cli(city, "task", "import", "--plan", plan, str(text))).splitlines()
    listed = cli(city, "task", "list", "--json").json()
    assert [t["id"] for t in listed] == ids and listed[0]["units"] == ["130125", "130126"]
    assert listed[0]["section"] == "一、夯实基础" and not listed[1]["units"]
    again = cli(city, "task", "import", "--plan", plan, str(text))  # number 1 exists: nothing added
    assert again.code == EXIT_REFUSED and len(cli(city, "task", "list", "--json").json()) == 2
    text.write_text("没有编号的一段话\n", encoding="utf-8")
    r = cli(city, "task", "import", "--plan", plan, str(text))
    assert r.code == EXIT_REFUSED and "no task found" in r.err
