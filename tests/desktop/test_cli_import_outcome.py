"""``giledger import-packet A B ...``: a line per file (merged, nothing to do, refused and why)
and an exit code that says whether the database changed: 0 no file refused, 3 refused and
nothing merged, 5 some merged and some refused; ``--dry-run`` gives the code of the real run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from db import packets
from db.connection import open_database
from desktop.cli import EXIT_OK, EXIT_PARTLY_MERGED, EXIT_REFUSED, main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """A demo county's packets 1 and 2, a file that is not a packet, and a training city
    (which takes demo packets)."""
    county, city = tmp_path / "county.db", tmp_path / "city.db"
    assert run("--db", str(county), "demo", "--size", "small")[0] == EXIT_OK
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert run("--db", str(county), "export-packet", "-o", str(first))[0] == EXIT_OK
    assert run("--db", str(county), "export-packet", "-o", str(second))[0] == EXIT_OK
    bad = tmp_path / "bad.xlsx"
    bad.write_text("名称,数量\n大枣,3\n", encoding="utf-8")
    assert run("--db", str(city), "init", "--office", "130100", "--training")[0] == EXIT_OK
    capsys.readouterr()
    return {"city": city, "first": first, "second": second, "bad": bad}


def outcome(text: str) -> list[str]:
    """The lines after the outcome head."""
    lines = text.splitlines()
    head = next(n for n, line in enumerate(lines) if line.startswith("汇总 / outcome"))
    return lines[head + 1:]


def merged_up_to(city: Path) -> int:
    db = open_database(city)
    try:
        return max([o.last_sequence or 0 for o in packets.pinned_offices(db)], default=0)
    finally:
        db.close()


def test_one_merged_and_one_refused_says_so_per_file_and_exits_5(files: dict[str, Path]) -> None:
    code, text = run("--db", str(files["city"]), "import-packet", str(files["first"]), str(files["bad"]))
    assert code == EXIT_PARTLY_MERGED == 5
    first, bad = outcome(text)
    assert first == f"  {files['first']}: 已合并 / merged"
    assert bad.startswith(f"  {files['bad']}: 拒绝导入 / refused: ") and len(bad) > len(files["bad"].name) + 40
    assert merged_up_to(files["city"]) == 1  # the database changed


def test_refused_and_nothing_merged_exits_3(files: dict[str, Path]) -> None:
    assert run("--db", str(files["city"]), "import-packet", str(files["first"]))[0] == EXIT_OK
    code, text = run("--db", str(files["city"]), "import-packet", str(files["first"]), str(files["bad"]))
    assert code == EXIT_REFUSED
    again, bad = outcome(text)
    assert again == f"  {files['first']}: 无需导入 / nothing to do"
    assert "拒绝导入 / refused: " in bad
    code, text = run("--db", str(files["city"]), "import-packet", str(files["bad"]))
    assert code == EXIT_REFUSED and "汇总 / outcome" not in text  # one file: its report says it


def test_no_file_refused_exits_0(files: dict[str, Path]) -> None:
    code, text = run("--db", str(files["city"]), "import-packet", str(files["first"]), str(files["second"]),
                     str(files["second"]))
    assert code == EXIT_OK
    assert outcome(text) == [f"  {files['first']}: 已合并 / merged", f"  {files['second']}: 已合并 / merged",
                             f"  {files['second']}: 无需导入 / nothing to do"]
    assert merged_up_to(files["city"]) == 2


def test_a_dry_run_gives_the_code_of_the_real_run_and_changes_nothing(files: dict[str, Path]) -> None:
    code, text = run("--db", str(files["city"]), "import-packet", "--dry-run", str(files["first"]),
                     str(files["bad"]))
    assert code == EXIT_PARTLY_MERGED
    assert outcome(text)[0] == f"  {files['first']}: 可以合并 / can be merged"
    assert merged_up_to(files["city"]) == 0


def test_the_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import-packet", "--help")[0] == EXIT_OK
    shown = " ".join(capsys.readouterr().out.split())
    assert "0 没有文件被拒绝" in shown and "3 有文件被拒绝且没有文件合并" in shown and "5 部分合并、部分拒绝" in shown
