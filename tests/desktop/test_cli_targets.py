"""``giledger completeness`` and ``giledger targets``: output, --json, files and exit codes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.cli import COMMANDS, EXIT_DATABASE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from desktop.ledger import Ledger

from .city_helpers import send, stats


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def city_db(city: Ledger, new_office: Callable[..., Ledger], tmp_path: Path) -> Path:
    """City 130100 where 长安区 sent its 2024Q2 row on time."""
    county = new_office("130102")
    stats(county, "2024-06-30")
    send(county, city, tmp_path / "packets", "2024-07-10T02:00:00+00:00")
    assert city.path is not None
    return city.path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(db: Path, *argv: str) -> Result:
        out = io.StringIO()
        code = main(["--db", str(db), *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in out.getvalue()
        return Result(code, out.getvalue(), captured.err)

    return run


def test_the_commands_are_registered() -> None:
    assert "completeness" in COMMANDS and "targets" in COMMANDS


def test_completeness_text_and_json(cli, city_db: Path) -> None:
    r = cli(city_db, "completeness", "--period", "2024Q2")
    assert r.code == EXIT_OK, r.err
    assert "长安区" in r.out and "按时报送" in r.out and "报送率" in r.out and "1/22" in r.out
    r = cli(city_db, "completeness", "--period", "2024Q2", "--grace", "5", "--json")
    assert r.code == EXIT_OK, r.err
    data = r.json()
    assert data["deadline"] == "2024-07-05" and data["grace_days"] == 5
    assert data["units"][0]["code"] == "130102" and data["units"][0]["status"] == "late"
    assert data["units"][1]["status"] == "never" and data["expected"] == 22


@pytest.mark.parametrize("name", ["报送情况.xlsx", "报送情况.pdf"])
def test_completeness_to_a_file(cli, city_db: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    r = cli(city_db, "completeness", "--period", "2024-06", "-o", str(target))
    assert r.code == EXIT_OK, r.err
    assert target.stat().st_size > 1000 and str(target) in r.out
    if name.endswith(".xlsx"):
        assert openpyxl.load_workbook(target)["报送情况"]["A1"].value.endswith("（2024年6月）")


@pytest.mark.parametrize(("argv", "code", "says"), [
    (("completeness", "--period", "2024Q9"), EXIT_REFUSED, "period"),
    (("completeness", "--period", "2024", "--grace", "-1"), EXIT_REFUSED, "grace"),
    (("completeness", "--period", "2024", "-o", "a.csv"), EXIT_REFUSED, ".xlsx"),
    (("completeness", "--period", "2024", "-o", "/no/such/folder/a.xlsx"), EXIT_REFUSED, "folder"),
    (("completeness",), EXIT_USAGE, ""),
    (("targets", "evaluate", "--year", "2025", "--as-of", "明天"), EXIT_REFUSED, "date"),
    (("targets", "evaluate"), EXIT_USAGE, ""),
    (("targets", "defaults"), EXIT_USAGE, ""),
])
def test_wrong_input_is_refused(cli, city_db: Path, argv: tuple[str, ...], code: int, says: str) -> None:
    r = cli(city_db, *argv)
    assert r.code == code
    assert says in r.err


def test_no_database(cli, tmp_path: Path) -> None:
    assert cli(tmp_path / "none.db", "completeness", "--period", "2024").code == EXIT_DATABASE
    assert cli(tmp_path / "none.db", "targets").code == EXIT_DATABASE


def test_targets_defaults_list_and_evaluate(cli, city_db: Path, tmp_path: Path) -> None:
    r = cli(city_db, "targets")
    assert r.code == EXIT_OK and "还没有工作目标" in r.out
    r = cli(city_db, "targets", "defaults", "--year", "2025")
    assert r.code == EXIT_OK, r.err
    assert len(r.out.strip().splitlines()) == 5
    r = cli(city_db, "targets", "defaults", "--year", "2025")
    assert r.code == EXIT_REFUSED and "already" in r.err and "已有" in r.err
    r = cli(city_db, "add", "target", "--set", "year=2025", "--set", "measure=覆盖率", "--set", "threshold=60",
            "--set", "scope=每个单位")
    assert r.code == EXIT_OK, r.err
    r = cli(city_db, "targets", "list", "--year", "2025", "--json")
    assert r.code == EXIT_OK and len(r.json()) == 6
    r = cli(city_db, "targets", "list")
    assert r.code == EXIT_OK and "示范企业" in r.out
    r = cli(city_db, "targets", "evaluate", "--year", "2025", "--as-of", "2025年6月30日", "--json")
    assert r.code == EXIT_OK, r.err
    data = r.json()
    assert data["as_of"] == "2025-06-30" and len(data["targets"]) == 6
    first = data["units"][0]
    assert first["code"] == "130102" and first["reported"]
    gi_any = next(t["id"] for t in data["targets"] if t["measure"] == "gi_any")
    assert first["marks"][gi_any]["status"] == "amber"
    assert data["units"][1]["marks"][gi_any]["status"] == "red"
    r = cli(city_db, "targets", "evaluate", "--year", "2025", "--as-of", "2026-01-01")
    assert r.code == EXIT_OK and "×未达标" in r.out and "未报送" in r.out and "全市" in r.out
    target = tmp_path / "目标.xlsx"
    r = cli(city_db, "targets", "evaluate", "--year", "2025", "-o", str(target))
    assert r.code == EXIT_OK and target.is_file()


def test_a_county_cannot_add_targets(cli, tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    assert cli(db, "init", "--office", "130125", "--clerk", "测试员").code == EXIT_OK
    r = cli(db, "targets", "defaults", "--year", "2025")
    assert r.code == EXIT_REFUSED and r.err
