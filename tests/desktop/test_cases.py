"""The case register (行政保护案件) end to end: the command line (add, edit, list, show,
history, delete, fields, search), its rules, the printed form, a table round trip, packets
county → city (and a packet of a version without the case sheet), the dashboards' counts and
the typical-case list for publication (``giledger cases --typical``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cases.figures import case_figures, city_case_figures
from desktop.cases.typical import HEADER, typical_cases, write_typical
from desktop.cli import EXIT_OK, EXIT_REFUSED, main
from desktop.ledger import Ledger
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from desktop.packets.report import describe_plan

CASE = ["--set", "case_no=行市监立字〔2026〕7号", "--set", "filed_date=2026-03-02",
        "--set", "source=投诉举报", "--set", "act=伪造或冒用地理标志", "--set", "party_name=行唐县嘉通商行",
        "--set", "gi_name=赣南脐橙", "--set", "status=调查", "--set", "handlers=张三、李四"]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli(*argv)``: ``giledger --db tmp/cli.db argv`` in-process (no traceback, ever)."""

    def run(*argv: str) -> Result:
        out = io.StringIO()
        code = main(["--db", str(tmp_path / "cli.db"), *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + out.getvalue()
        return Result(code, out.getvalue(), captured.err)

    assert run("init", "--office", "130125", "--clerk", "测试员").code == EXIT_OK
    return run


# ---- the command line ------------------------------------------------------------------------


def test_cli_add_edit_list_show_history_delete(cli: Callable[..., Result]) -> None:
    fields = cli("fields", "case")
    assert fields.code == EXIT_OK
    for key in ("case_no", "act", "typical", "public_summary", "closed_date"):
        assert key in fields.out
    added = cli("--clerk", "王五", "add", "case", *CASE)
    assert added.code == EXIT_OK, added.err
    rid = added.out.strip().split()[0]
    assert rid.startswith("K-130125-")
    shown = cli("show", "case", rid, "--json").json()
    assert shown["act"] == "counterfeit" and shown["handlers"] == ["张三", "李四"]

    # closing needs the closing date: refused, and nothing changed
    refused = cli("edit", "case", rid, "--set", "status=结案")
    assert refused.code == EXIT_REFUSED and "closed_date" in refused.err and "结案日期" in refused.err
    assert cli("show", "case", rid, "--json").json()["status"] == "investigating"
    done = cli("--clerk", "赵六", "edit", "case", rid, "--set", "status=结案", "--set", "closed_date=2026-06-01")
    assert done.code == EXIT_OK, done.err

    listed = cli("list", "case")
    assert "行市监立字〔2026〕7号" in listed.out and "共 1 条" in listed.out
    history = cli("history", rid, "--json").json()
    assert [(h["actor"], h["action"]) for h in history] == [("王五", "create"), ("赵六", "update")]
    assert history[1]["before"]["status"] == "investigating" and history[1]["after"]["status"] == "closed"

    # found by its number, its party and the party's pinyin
    for term in ("7号", "嘉通", "jiatong", "xtxjtsh"):
        assert rid in cli("list", "case", "--search", term).out, term
    assert rid not in cli("list", "case", "--search", "wuchang").out

    assert cli("delete", "case", rid).code == EXIT_OK
    assert "共 0 条" in cli("list", "case").out
    assert rid in cli("list", "case", "--deleted").out


def test_cli_cases_figures_and_typical(cli: Callable[..., Result], tmp_path: Path, pdf: Any) -> None:
    typical = [*CASE[:-4], "--set", "status=结案", "--set", "closed_date=2026-05-20",
               "--set", "decision_no=行市监罚〔2026〕3号", "--set", "decision_date=2026-05-01",
               "--set", "fine_yuan=20000", "--set", "typical=是",
               "--set", "public_summary=依法查处一起冒用地理标志案，罚款两万元。"]
    assert cli("add", "case", *typical).code == EXIT_OK
    second = [a.replace("7号", "8号").replace("伪造或冒用地理标志", "使用近似标志") for a in CASE]
    assert cli("add", "case", *second).code == EXIT_OK
    figures = cli("cases", "--json", "--year", "2026").json()
    assert figures["this_year"] == 2 and figures["open"] == 1 and figures["typical"] == 1
    assert figures["by_act"]["counterfeit"] == 1 and figures["by_act"]["similar_mark"] == 1

    listed = cli("cases", "--typical", "--json").json()
    assert [c["case_no"] for c in listed] == ["行市监立字〔2026〕7号"]
    assert listed[0]["penalty"].startswith("罚款 20,000 元")
    assert cli("cases", "--typical", "--year", "2025", "--json").json() == []

    out = tmp_path / "典型案例.pdf"
    r = cli("cases", "--typical", "-o", str(out))
    assert r.code == EXIT_OK and out.exists(), r.err
    text = pdf.text(out)
    assert "典型案例" in text and "行唐县嘉通商行" in text and "依法查处一起冒用地理标志案" in text

    assert cli("cases", "--typical", "-o", str(tmp_path / "x.docx")).code == EXIT_REFUSED
    assert cli("cases", "--typical", "-o", str(tmp_path / "no" / "x.xlsx")).code == EXIT_REFUSED
    assert cli("cases", "-o", str(tmp_path / "x.xlsx")).code == EXIT_REFUSED


# ---- the rules -------------------------------------------------------------------------------


def test_rules(make: Any) -> None:
    assert "gi_id" in make.refused("case", gi_name=None)
    assert "closed_date" in make.refused("case", status="closed")
    assert "public_summary" in make.refused("case", typical=True)
    assert "decision_no" in make.refused("case", status="decided")
    assert "decision_date" in make.refused("case", decision_no="行市监罚〔2026〕1号")
    assert "closed_date" in make.refused("case", status="closed", closed_date="2026-08-01")  # before filing
    assert "filed_date" in make.refused("case", filed_date="2027-01-01")  # after today
    gi = make.add("gi")
    assert make.add("case", gi_name=None, gi_id=gi.id).values["gi_id"] == gi.id
    rec = make.add("case", status="decided", decision_no="行市监罚〔2026〕1号", decision_date="2026-10-01")
    assert rec.values["status"] == "decided"
    make.add("case", case_no="唯一号")
    assert "case_no" in make.refused("case", case_no="唯一号")


def test_printed_record_form(make: Any, pdf: Any, tmp_path: Path) -> None:
    from desktop.forms.build import render
    from desktop.forms.model import PrintRequest

    rec = make.add("case", typical=True, public_summary="公开的案例简介")
    result = render(make.ledger, PrintRequest(form="record", kind="case", ids=(rec.id,)), tmp_path / "k.pdf")
    text = pdf.text(result.path)
    for part in ("行政保护案件登记表", rec.id, rec.values["case_no"], "某某食品店", "公开的案例简介", "典型案例"):
        assert part in text, part


def test_table_round_trip(make: Any, tmp_path: Path, new_office: Callable[..., Ledger]) -> None:
    from desktop.fields import FieldType
    from desktop.registers import REGISTRY

    kind = REGISTRY["case"]
    make.add("case", handlers=["张三", "李四"], facts="=不是公式", fine_yuan="12345.67",
             confiscated_goods="假冒标识2000枚", status="closed", closed_date="2026-10-02")
    make.add("case", typical=True, public_summary="简介", source="online", act="kind_style")
    columns = ",".join(f.key for f in kind.fields if f.type is not FieldType.REF)
    db = make.ledger.path
    out = tmp_path / "cases.xlsx"
    assert main(["--db", str(db), "export-table", "case", "-o", str(out), "--columns", columns],
                out=io.StringIO()) == EXIT_OK
    other = new_office("130126")
    assert main(["--db", str(other.path), "import-table", "case", str(out)], out=io.StringIO()) == EXIT_OK
    assert main(["--db", str(db), "template", "case", "-o", str(tmp_path / "t.xlsx")], out=io.StringIO()) == EXIT_OK

    def values(ledger: Ledger) -> list[dict[str, Any]]:
        return sorted(({k: v for k, v in r.values.items() if kind.field(k).type is not FieldType.REF}
                       for r in ledger.list("case")), key=lambda v: v["case_no"])

    assert len(values(other)) == 2
    assert values(other) == values(make.ledger)


# ---- packets and the city --------------------------------------------------------------------


def _send(county: Ledger, city: Ledger, folder: Path) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    result = export_packet(county, folder / f"{county.office.code}.xlsx")
    plan = plan_import(city, result.path)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    outcome = apply_import(city, plan)
    assert outcome.merged
    return outcome


def _county_cases(county: Ledger, n: int, typical: int, year: int = 2026) -> None:
    gi = county.add("gi", {"name": f"{county.office.name}大枣", "gi_type": "certification_mark",
                           "reference_no": f"{county.office.code}{year}"})
    for i in range(n):
        values: dict[str, Any] = {
            "case_no": f"市监立字〔{year}〕{i + 1}号", "filed_date": f"{year}-0{i % 9 + 1}-03",
            "source": "complaint", "act": ("counterfeit", "similar_mark")[i % 2],
            "party_name": f"某商行{i}", "gi_id": gi.id, "status": "investigating"}
        if i < typical:
            values.update(status="closed", closed_date=f"{year}-10-01", typical=True, fine_yuan=5000 * (i + 1),
                          public_summary=f"{county.office.name}典型案例{i}",
                          decision_no=f"市监罚〔{year}〕{i + 1}号", decision_date=f"{year}-09-20")
        county.add("case", values)


def test_packets_carry_cases_to_the_city(new_office: Callable[..., Ledger], tmp_path: Path, pdf: Any) -> None:
    city = new_office("130100")
    a, b = new_office("130125"), new_office("130126")
    _county_cases(a, 3, typical=1)
    _county_cases(b, 2, typical=2, year=2025)
    a.add("case", {"case_no": "旧案", "filed_date": "2024-02-02", "source": "online", "act": "other",
                   "party_name": "某店", "gi_name": "五常大米", "status": "transferred"})
    for county in (a, b):
        _send(county, city, tmp_path / "out")
    for county in (a, b):  # every value arrives intact
        mine = {r.id: r.values for r in county.list("case")}
        theirs = {r.id: r.values for r in city.list("case", office_code=county.office.code)}
        assert theirs == mine
    figures = city_case_figures(city)
    codes = [u.code for u in figures.units]  # every unit of the city's list, in its order
    from desktop.city.unit_labels import unit_labels

    assert codes == [c for c in unit_labels(city).ordered() if c != "130100"]
    assert sum(u.figures.total for u in figures.units) == 6
    assert figures.years == [2024, 2025, 2026]
    ua, ub = figures.unit("130125"), figures.unit("130126")
    assert ua is not None and ub is not None
    assert ua.figures.per_year == {2024: 1, 2026: 3} and ub.figures.per_year == {2025: 2}
    assert ua.acts(2026) == {"counterfeit": 2, "similar_mark": 1} and ub.acts() == {"counterfeit": 1, "similar_mark": 1}
    assert ua.figures.open == 2 and ub.figures.open == 0
    assert figures.total_per_year() == {2024: 1, 2025: 2, 2026: 3}

    # the city dashboard carries them
    from desktop.city.dashboard import compute_city_dashboard

    dash = compute_city_dashboard(city)
    assert dash.cases is not None and dash.cases.unit("130126") is not None

    # the typical cases across the units, for publication
    found = typical_cases(city)  # in the city's unit order (130126 before 130125)
    assert [(c.office_code, c.summary) for c in found] == [
        ("130126", f"{b.office.name}典型案例0"), ("130126", f"{b.office.name}典型案例1"),
        ("130125", f"{a.office.name}典型案例0")]
    assert found[2].gi == f"{a.office.name}大枣" and found[2].unit == "行唐县"
    assert [c.office_code for c in typical_cases(city, 2025)] == ["130126", "130126"]
    xlsx = write_typical(city, tmp_path / "典型案例.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[head] == HEADER
    body = [r for r in rows[head + 1:] if isinstance(r[0], int)]
    assert [r[0] for r in body] == [1, 2, 3]
    assert (body[2][1], body[2][2], body[2][3], body[2][4], body[2][5]) == (
        "行唐县", "市监立字〔2026〕1号", "某商行0", f"{a.office.name}大枣", "伪造或冒用地理标志")
    assert body[1][6] == "罚款 10,000 元（市监罚〔2025〕2号）" and body[1][7] == f"{b.office.name}典型案例1"
    # the command line at the city: counts per unit and year, the typical cases of every unit
    text = io.StringIO()
    assert main(["--db", str(city.path), "cases", "--year", "2026"], out=text) == EXIT_OK
    lines = {line.split("\t")[0]: line.split("\t") for line in text.getvalue().splitlines()}
    assert lines[f"130125 {ua.name}"][1:4] == ["1", "0", "3"] and lines["合计 / total"][1:4] == ["1", "2", "3"]
    listed = io.StringIO()
    assert main(["--db", str(city.path), "cases", "--typical", "--json"], out=listed) == EXIT_OK
    assert [c["office_code"] for c in json.loads(listed.getvalue())] == ["130126", "130126", "130125"]
    out = write_typical(city, tmp_path / "典型案例.pdf", 2025)
    text = pdf.text(out)
    assert f"{b.office.name}典型案例1" in text and f"{a.office.name}典型案例0" not in text


def test_packet_without_the_case_sheet_still_imports(new_office: Callable[..., Ledger], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A packet of a version before the case register (no 行政保护案件 sheet) merges; the city
    keeps no cases of that county until a packet with the sheet arrives."""
    from openpyxl import load_workbook

    from desktop.packets import format as fmt

    city, county = new_office("130100"), new_office("130125")
    _county_cases(county, 2, typical=0)
    with monkeypatch.context() as m:
        m.setattr(fmt, "EXCLUDED_KINDS", frozenset({"case"}))
        old = export_packet(county, tmp_path / "old.xlsx")
    assert "行政保护案件" not in load_workbook(old.path, read_only=True).sheetnames
    plan = plan_import(city, old.path)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    assert apply_import(city, plan).merged
    assert list(city.list("gi", office_code="130125")) and not list(city.list("case", office_code="130125"))
    _send(county, city, tmp_path / "new")
    assert len(list(city.list("case", office_code="130125"))) == 2
    # an old-format packet after that (a county still on the old version) leaves them alone
    with monkeypatch.context() as m:
        m.setattr(fmt, "EXCLUDED_KINDS", frozenset({"case"}))
        again = export_packet(county, tmp_path / "again.xlsx")
    plan = plan_import(city, again.path)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    assert apply_import(city, plan).merged
    assert len(list(city.list("case", office_code="130125"))) == 2


# ---- the county dashboard ---------------------------------------------------------------------


def test_dashboard_counts(make: Any) -> None:
    from desktop.dashboard import compute_dashboard

    make.add("case", act="counterfeit")
    make.add("case", act="counterfeit", status="closed", closed_date="2026-10-01")
    make.add("case", act="off_spec", filed_date="2025-04-01", status="investigating")
    make.add("case", act="other", filed_date="2025-05-01", status="transferred")
    gone = make.add("case", act="other")
    make.ledger.delete("case", gone.id)
    d = compute_dashboard(make.ledger)
    assert d.cases is not None
    f = d.cases
    assert (f.year, f.this_year, f.open, f.total) == (2026, 2, 2, 4)
    assert {a.code: a.n for a in f.by_act} == {"unauthorised_mark": 0, "counterfeit": 2, "similar_mark": 0,
                                              "kind_style": 0, "off_spec": 0, "other": 0}
    assert f.per_year == {2025: 2, 2026: 2}
    assert case_figures(make.ledger, date(2025, 6, 1)).this_year == 2
