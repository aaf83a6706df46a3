"""template KIND: the register's empty workbook: headers exactly the Chinese labels, required
ones in bold red, dropdowns (inline or on the hidden 选项 sheet), date and number validation,
input messages within Excel's limits, text format on code columns, the 填表说明 sheet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from desktop.cli import EXIT_OK, EXIT_USAGE, main
from desktop.registers import get_kind
from desktop.tables import template as tp
from desktop.tables.export import ExportRefused
from desktop.tables.template import HELP_SHEET, OPTIONS_SHEET, write_template


def validations(ws: Any) -> dict[str, Any]:
    """Column letter → its data validation (each covers rows 2 to TEMPLATE_ROWS + 1)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        ref = str(dv.sqref)
        letter = ref.split(":")[0].rstrip("0123456789")
        assert ref == f"{letter}2:{letter}{tp.TEMPLATE_ROWS + 1}"
        out[letter] = dv
    return out


def column_format(ws: Any, column: int) -> str:
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= column <= dim.max:
            return str(dim.number_format)
    return "General"


def open_template(ledger: Any, kind: str, path: Path, **kw: Any) -> tuple[Any, dict[str, str]]:
    result = write_template(ledger, kind, path, **kw)
    wb = openpyxl.load_workbook(path)
    letters = {key: get_column_letter(n) for n, key in enumerate(result.columns, start=1)}
    return wb, letters


def test_headers_are_the_chinese_labels_required_ones_bold_red(ledger, tmp_path) -> None:
    wb, _letters = open_template(ledger, "mark-user", tmp_path / "t.xlsx")
    kind = get_kind("mark-user")
    ws = wb.worksheets[0]
    assert ws.title == "用标主体" and wb.active.title == "用标主体"
    assert [c.value for c in ws[1]] == [f.zh for f in kind.fields]
    for cell, f in zip(ws[1], kind.fields, strict=True):
        assert cell.font.b
        red = cell.font.color is not None and cell.font.color.rgb == "FFC00000"
        assert red == f.required, f.key
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 1  # empty: nothing to import by mistake


def test_dropdowns_dates_numbers_and_input_messages(ledger, make, tmp_path) -> None:
    wb, col = open_template(ledger, "resource", tmp_path / "t.xlsx")
    ws = wb.worksheets[0]
    dv = validations(ws)
    kind = get_kind("resource")
    tier = dv[col["tier"]]
    assert tier.type == "list" and tier.formula1 == '"挖掘,培育,保护"'
    assert dv[col["authentic"]].type == "list" and dv[col["authentic"]].formula1 == '"是,否"'
    survey = dv[col["survey_date"]]
    assert survey.type == "date" and survey.operator in (None, "between")  # between: the default
    assert (survey.formula1, survey.formula2) == ("61", "2958465")  # 1900-03-01 to 9999-12-31
    count = dv[col["enterprises"]]
    assert count.type == "whole" and count.operator == "greaterThanOrEqual" and count.formula1 == "0"
    towns = dv[col["town_count"]]
    assert towns.type == "whole" and (towns.formula1, towns.formula2) == ("0", "1000")
    assert dv[col["area_mu"]].type == "decimal"
    assert dv[col["applicant_uscc"]].type == "textLength" and dv[col["applicant_uscc"]].formula1 == "18"
    name = kind.field("name")
    assert dv[col["name"]].promptTitle == "产品名称" and dv[col["name"]].prompt == name.help_zh
    for key, letter in col.items():
        v = dv[letter]
        assert v.showInputMessage and v.prompt, key
        assert len(v.promptTitle) <= tp.TITLE_LIMIT and len(v.prompt) <= tp.MESSAGE_LIMIT


def test_text_format_on_code_columns(ledger, tmp_path) -> None:
    wb, col = open_template(ledger, "mark-user", tmp_path / "t.xlsx")
    ws = wb.worksheets[0]
    letters = list(col)
    for key in ("uscc", "phone", "name", "announcement_no", "gi_id"):
        assert column_format(ws, letters.index(key) + 1) == "@", key
    assert column_format(ws, letters.index("approval_date") + 1) == "yyyy-mm-dd"
    assert column_format(ws, letters.index("entity_type") + 1) != "@"


def test_a_long_list_goes_to_the_hidden_options_sheet(ledger, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tp, "LIST_LIMIT", 60)  # 当前阶段's 16 stages are 102 characters
    wb, col = open_template(ledger, "candidate", tmp_path / "t.xlsx")
    ws = wb.worksheets[0]
    options = wb[OPTIONS_SHEET]
    assert options.sheet_state == "hidden"
    stage = validations(ws)[col["stage"]]
    assert stage.type == "list" and stage.formula1.startswith(f"'{OPTIONS_SHEET}'!$")
    letter = stage.formula1.split("!$")[1].split("$")[0]
    listed = [c.value for c in options[letter]]
    assert listed[0] == "当前阶段"
    assert listed[1:] == [c.zh for c in get_kind("candidate").field("stage").choices]
    assert stage.formula1 == f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(listed)}"
    route = validations(ws)[col["route"]]
    assert route.formula1.startswith('"')  # short lists stay in the rule


def test_no_options_sheet_without_a_long_list(ledger, tmp_path) -> None:
    wb, _col = open_template(ledger, "stats", tmp_path / "t.xlsx")
    assert wb.sheetnames == ["统计表", HELP_SHEET]


def test_a_reference_offers_the_existing_records_and_takes_a_uscc(ledger, make, tmp_path, monkeypatch) -> None:
    first = make.add("mark-user", name="甲公司")
    make.add("mark-user", name="乙公司")
    wb, col = open_template(ledger, "annual-report", tmp_path / "t.xlsx")
    user = validations(wb.worksheets[0])[col["mark_user_id"]]
    assert user.type == "list" and user.errorStyle == "warning"  # a USCC typed in is kept
    letter = user.formula1.split("!$")[1].split("$")[0]
    listed = [c.value for c in wb[OPTIONS_SHEET][letter]][1:]
    assert set(listed) == {"甲公司", "乙公司"}
    assert "统一社会信用代码或企业名称" in user.prompt and first.id not in user.prompt

    monkeypatch.setattr(tp, "MAX_REFERENCE_CHOICES", 1)
    wb, col = open_template(ledger, "annual-report", tmp_path / "t2.xlsx")
    user = validations(wb.worksheets[0])[col["mark_user_id"]]
    assert user.type is None and "统一社会信用代码" in user.prompt  # no list, the message stays


def test_the_help_sheet_lists_every_field(ledger, tmp_path) -> None:
    wb, _col = open_template(ledger, "mark-user", tmp_path / "t.xlsx")
    kind = get_kind("mark-user")
    ws = wb[HELP_SHEET]
    assert "红色粗体" in str(ws["A2"].value) and "必填" in str(ws["A2"].value)
    assert [c.value for c in ws[4]] == ["列", "表头", "必填", "允许的值", "格式", "说明"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert list(rows) == [f.zh for f in kind.fields]
    assert rows["统一社会信用代码"][:3] == ("B", "统一社会信用代码", "是")
    assert rows["法定代表人"][2] == "否"
    assert rows["主体类型"][3] == "、".join(c.zh for c in kind.field("entity_type").choices)
    assert "18 位" in rows["统一社会信用代码"][4]
    assert rows["核准日期"][4].startswith("日期")
    assert rows["使用的地理标志"][4] == "填写已保护地理标志的地理标志名称"  # a reference takes a natural key
    assert rows["使用的地理标志"][5] == rows["使用的地理标志"][4]  # not the help's "编号"


def test_english_help_keeps_chinese_headers(ledger, tmp_path) -> None:
    wb, col = open_template(ledger, "mark-user", tmp_path / "t.xlsx", lang="en")
    ws = wb.worksheets[0]
    assert ws["A1"].value == "企业名称"
    assert validations(ws)[col["name"]].promptTitle == "Enterprise name"
    assert wb[HELP_SHEET]["A4"].value == "Column"


def test_refusals_leave_no_file(ledger, tmp_path) -> None:
    with pytest.raises(ExportRefused):
        write_template(ledger, "mark-user", tmp_path / "t.csv")
    with pytest.raises(OSError) as info:
        write_template(ledger, "mark-user", tmp_path / "missing" / "t.xlsx")
    assert info.value.filename == str(tmp_path / "missing" / "t.xlsx")
    assert list(tmp_path.glob("t.*")) == []


def test_cli_template(db_path, ledger, tmp_path, capsys) -> None:
    out = io.StringIO()
    target = tmp_path / "模板.xlsx"
    assert main(["--db", str(db_path), "template", "abnormal", "-o", str(target)], out=out) == EXIT_OK
    assert str(target) in out.getvalue()
    assert [c.value for c in openpyxl.load_workbook(target).worksheets[0][1]] == [
        f.zh for f in get_kind("abnormal").fields]
    assert main(["--db", str(db_path), "template", "abnormal", "-o", str(tmp_path / "t.csv")],
                out=io.StringIO()) == EXIT_USAGE
    assert ".xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["resource", "candidate", "gi", "mark-user", "annual-report", "inspection",
                                  "abnormal", "stats"])
def test_an_export_has_the_templates_headers(ledger, tmp_path, kind) -> None:
    """An export's columns (all of them) are headed as the template's, the id column aside: the
    importer maps both without asking."""
    from desktop.browse import Browser
    from desktop.tables.export import export_table

    keys = [c.key for c in Browser(ledger, kind).columns]
    export_table(ledger, kind, tmp_path / "e.xlsx", columns=keys)
    write_template(ledger, kind, tmp_path / "t.xlsx")
    exported = [c.value for c in openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0][1]]
    template = [c.value for c in openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0][1]]
    assert exported == ["编号", *template]


def test_no_dropdown_of_records_not_known_by_a_name(ledger, make, tmp_path) -> None:
    make.add("review-answer")  # its review (a verdict, not a name) stored as the city sent it
    assert ledger.count("review") == 1
    wb, col = open_template(ledger, "review-answer", tmp_path / "t.xlsx")
    assert validations(wb.worksheets[0])[col["review_id"]].type is None
    assert OPTIONS_SHEET not in wb.sheetnames
