"""Printed forms: what the PDF says (labels, values, ticks, continuation pages, QR codes),
read back with poppler and zbar."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from desktop import registers
from desktop.fields import Field, FieldType
from desktop.forms import PrintRequest, render
from desktop.forms.fonts import load_fonts
from desktop.registers import get_kind


def _label(f: Field) -> str:
    return f.zh.replace(" ", "")


def _no_ws(text: str) -> str:
    return "".join(text.split())


def test_blank_survey_form_holds_every_label_and_its_serial(ledger, pdf, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    result = render(ledger, PrintRequest("survey-blank", copies=2), out)
    assert result.forms == 2 and len(set(result.serials)) == 2
    assert result.pages == pdf.pages(out)
    text = pdf.text(out)
    assert "潜在地理标志保护资源普查表" in text and "填报单位（盖章）：" in text
    assert "填报日期：" in text and "第1页共" in text and "填表说明" in text
    for f in get_kind("resource").fields:
        assert _label(f) in text, f.zh
    for c in get_kind("resource").field("category").choices:
        assert f"□{c.zh}" in text
    for word in ("填表人", "联系电话", "审核人", "单位负责人"):
        assert word in text
    for serial in result.serials:
        assert f"编号：{serial}" in text
    assert "☑" not in text  # nothing is ticked on a blank form


def test_help_texts_make_the_notes_page(ledger, pdf, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    render(ledger, PrintRequest("survey-blank"), out)
    text = pdf.text(out)
    for f in get_kind("resource").fields:
        if f.help_zh:
            assert _no_ws(f"{f.zh}：{f.help_zh}") in text


def test_filled_survey_form_ticks_the_chosen_values(ledger, make, pdf, tmp_path: Path) -> None:
    rec = make.add("resource", name="行唐大枣", category="processed_food", protection="gi_product;applying",
                   history="据《行唐县志》记载，年平均气温13.5℃，面积100㎡，№1，①号地块。",
                   output_t="1234.5", eu_china="是", survey_date="2026-05-01")
    out = tmp_path / "survey.pdf"
    result = render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
    assert result.forms == 1 and result.serials == ()
    text = pdf.text(out)
    assert "行唐大枣" in text and "1234.50" in text and "2026年05月01日" in text
    assert "☑加工食品" in text and "□初级农产品" in text  # unchecked choices still shown
    assert "☑地理标志产品" in text and "☑申请中" in text and "□集体商标" in text
    assert "13.5℃" in text and "100㎡" in text and "№1" in text and "①号地块" in text
    assert f"编号：{rec.id}" in text


def test_a_field_added_to_a_register_appears_on_its_forms(ledger, make, pdf, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rec = make.add("resource")
    kind = get_kind("resource")
    extra = (Field("test_soil", "土壤类型测试栏", "soil type", FieldType.CHOICE,
                   choices=(registers.resource.PROTECTION[0],)),
             Field("test_note", "补充说明测试栏", "extra note", FieldType.LONGTEXT,
                   help_zh="测试用的填表说明文字"))
    wider = dataclasses.replace(kind, fields=kind.fields + extra, _index={})
    monkeypatch.setitem(registers.REGISTRY, "resource", wider)
    out = tmp_path / "blank.pdf"
    render(ledger, PrintRequest("survey-blank"), out)
    text = pdf.text(out)
    assert "土壤类型测试栏" in text and "补充说明测试栏" in text
    assert "补充说明测试栏：测试用的填表说明文字" in text
    filled = tmp_path / "filled.pdf"  # the stored row has no column for it yet: shown empty
    render(ledger, PrintRequest("survey", ids=(rec.id,)), filled)
    assert "土壤类型测试栏" in pdf.text(filled) and "补充说明测试栏" in pdf.text(filled)


def test_sections_of_the_field_description_are_printed(ledger, pdf, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    kind = get_kind("resource")
    fields = []
    for n, f in enumerate(kind.fields):
        g = dataclasses.replace(f)
        object.__setattr__(g, "section", "一、基本情况测试" if n < 5 else "二、其他情况测试")
        fields.append(g)
    monkeypatch.setitem(registers.REGISTRY, "resource",
                        dataclasses.replace(kind, fields=tuple(fields), _index={}))
    out = tmp_path / "blank.pdf"
    render(ledger, PrintRequest("survey-blank"), out)
    text = pdf.text(out)
    assert text.count("一、基本情况测试") == 1 and text.count("二、其他情况测试") == 1
    assert text.index("一、基本情况测试") < text.index(_label(kind.fields[0]))


def test_units_of_the_field_description_are_printed(ledger, pdf, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    kind = get_kind("resource")
    fields = list(kind.fields)
    g = dataclasses.replace(kind.field("town_count"))
    object.__setattr__(g, "unit", "个")
    fields[fields.index(kind.field("town_count"))] = g
    monkeypatch.setitem(registers.REGISTRY, "resource",
                        dataclasses.replace(kind, fields=tuple(fields), _index={}))
    out = tmp_path / "blank.pdf"
    render(ledger, PrintRequest("survey-blank"), out)
    text = pdf.text(out)
    assert "涉及乡镇数（个）" in text
    assert "种植面积（亩）" in text and "种植面积（亩）（" not in text


def test_long_text_flows_onto_continuation_pages(ledger, make, pdf, tmp_path: Path) -> None:
    sentences = [f"第{i:04d}句行唐大枣历史悠久。" for i in range(1, 1335)]
    long = "".join(sentences)
    assert 20_000 <= len(long) <= 30_000
    rec = make.add("resource", history=long, quality="品质优良")
    out = tmp_path / "long.pdf"
    result = render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
    assert result.pages >= 8
    text = pdf.text(out)
    assert "历史渊源/文献出处（续）" in text and "潜在地理标志保护资源普查表（续）" in text
    # without each page's header and footer (drawn first, from 表号 to the footer's 编号) and
    # the continuation label, the pages read as the whole text, in order, nothing cut
    body = re.sub(rf"表号：.*?编号：{rec.id}", "", text).replace("历史渊源/文献出处（续）", "")
    assert long in body
    assert f"第{result.pages}页共{result.pages}页" in text
    # the record id's QR code in the same corner of every page
    for page in (1, result.pages // 2, result.pages):
        assert pdf.qr(out, page) == [rec.id]


def test_qr_code_gives_back_the_serial(ledger, pdf, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    result = render(ledger, PrintRequest("survey-blank", copies=2), out)
    assert pdf.qr(out, 1) == [result.serials[0]]
    first_form_pages = result.pages // 2
    assert pdf.qr(out, first_form_pages + 1) == [result.serials[1]]


def test_font_is_embedded_when_a_truetype_cjk_font_is_present(ledger, make, pdf,
                                                              tmp_path: Path) -> None:
    if not load_fonts(None).embedded:
        pytest.skip("no TrueType CJK font on this machine (.ci/run installs fonts-wqy-microhei)")
    rec = make.add("resource")
    out = tmp_path / "survey.pdf"
    render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
    fonts = pdf.fonts(out)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts


def test_candidate_form_has_stage_history_and_material_checklist(ledger, make, pdf,
                                                                 tmp_path: Path) -> None:
    cand = make.add("candidate", materials="rules;testing", stage="tm_preparing")
    ledger.advance_stage(cand.id, "tm_filed", "2026-07-01", note="已提交国家知识产权局")
    out = tmp_path / "cand.pdf"
    render(ledger, PrintRequest("candidate", ids=(cand.id,)), out)
    text = pdf.text(out)
    assert "申报材料清单" in text and "培育阶段记录" in text
    assert "使用管理规则☑已备齐" in text and "产地范围证明□未备齐" in text
    assert "材料准备提交申请2026年07月01日已提交国家知识产权局" in text
    assert cand.values["name"] in text
    assert pdf.qr(out, 1) == [cand.id]


def test_inspection_forms_carry_the_enterprise(ledger, make, pdf, tmp_path: Path) -> None:
    user = make.add("mark-user", name="行唐县枣业有限公司", address="行唐县龙州镇1号")
    out = tmp_path / "insp-blank.pdf"
    result = render(ledger, PrintRequest("inspection-blank", ids=(user.id,)), out)
    text = pdf.text(out)
    assert "行唐县枣业有限公司" in text and "行唐县龙州镇1号" in text and user.values["uscc"] in text
    assert "检查项目合格不合格不涉及" in text and "产地范围☐" not in text
    assert result.serials[0].startswith("JC-130125-2026-")
    insp = make.add("inspection", mark_user_id=user.id, item_area="fail", result="rectify",
                    rectify_deadline="2026-12-01", findings="标识不规范")
    out2 = tmp_path / "insp.pdf"
    render(ledger, PrintRequest("inspection", ids=(insp.id,)), out2)
    text2 = pdf.text(out2)
    assert "行唐县枣业有限公司" in text2 and "标识不规范" in text2 and "☑责令整改" in text2
    assert "产地范围□☑□" in text2  # the failed item ticked under 不合格
    assert pdf.qr(out2, 1) == [insp.id]


def test_annual_report_blanks_for_every_user(ledger, make, pdf, tmp_path: Path) -> None:
    users = [make.add("mark-user") for _ in range(3)]
    out = tmp_path / "annual.pdf"
    result = render(ledger, PrintRequest("annual-report-blank", all=True, year=2025), out)
    assert result.forms == 3 and all(s.startswith("NB-130125-2026-") for s in result.serials)
    text = pdf.text(out)
    assert "（2025年度）" in text
    for u in users:
        assert u.values["name"] in text


def test_register_list_is_filtered(ledger, make, pdf, tmp_path: Path) -> None:
    keep = make.add("resource", name="保留的资源", tier="protect")
    drop = make.add("resource", name="筛掉的资源", tier="discover")
    out = tmp_path / "list.pdf"
    render(ledger, PrintRequest("register", kind="resource", where=(("tier", "protect"),)), out)
    text = pdf.text(out)
    assert "潜在地理标志保护资源名录" in text and "共1条" in text
    assert keep.id in text and "保留的资源" in text and drop.id not in text


def test_register_list_repeats_its_header_on_every_page(ledger, make, pdf, tmp_path: Path) -> None:
    for _ in range(40):
        make.add("resource")
    out = tmp_path / "list.pdf"
    result = render(ledger, PrintRequest("register", kind="resource"), out)
    assert result.pages >= 2
    for page in range(1, result.pages + 1):
        assert "序号编号产品名称" in pdf.text(out, first=page, last=page)


def test_stats_table(ledger, make, pdf, tmp_path: Path) -> None:
    make.add("stats", registered_trademarks=2820)
    out = tmp_path / "stats.pdf"
    render(ledger, PrintRequest("stats"), out)
    text = pdf.text(out)
    assert "2820" in text and "有效注册商标" in text and "行唐县" in text


def test_any_register_prints_as_a_record_form(ledger, make, pdf, tmp_path: Path) -> None:
    from desktop.forms import form_for_kind

    assert form_for_kind("resource") == "survey" and form_for_kind("gi") == "record"
    gi = make.add("gi", name="行唐大枣地理标志", holder="行唐县红枣协会")
    out = tmp_path / "gi.pdf"
    render(ledger, PrintRequest("record", kind="gi", ids=(gi.id,)), out)
    text = pdf.text(out)
    assert f"{get_kind('gi').zh}登记表" in text
    for f in get_kind("gi").fields:
        assert _label(f) in text
    assert "行唐大枣地理标志" in text and "行唐县红枣协会" in text and "☑地理标志证明商标" in text
    assert pdf.qr(out, 1) == [gi.id]


def test_pagination_never_loses_a_row(ledger) -> None:
    """Every row of a grid is on one page (a long value split over pages, in order), whatever
    the page height; a section heading never ends a page when what it heads follows."""
    from desktop.forms.fonts import load_fonts
    from desktop.forms.kit import Cell, Grid, Row, paginate
    from desktop.forms.text import Typesetter

    ts = Typesetter(load_fonts(None))
    labels: list[str] = []
    values: list[str] = []
    spec: list[tuple[str, str | None]] = []
    for n in range(30):
        if n % 7 == 0:
            spec.append((f"第{n}节", None))
        labels.append(f"栏目{n}")
        values.append(f"值{n}。" * (n * 9 + 1))
        spec.append((labels[-1], values[-1]))
    for height in (45.0, 60.0, 120.0, 300.0, 700.0):
        rows = [Row([Cell(text=a, span=2)], keep_with_next=True) if b is None else
                Row([Cell(text=a), Cell(text=b, splittable=True)], min_height=20) for a, b in spec]
        pages = paginate([Grid(ts, [80, 300], rows)], height, height)
        got_labels: list[str] = []
        got_values: list[str] = []
        for page in pages:
            for grid in page:
                for row in grid.rows:
                    if len(row.cells) == 2:
                        got_labels += row.cells[0].lines or []
                        got_values += row.cells[1].lines or []
            last = page[-1].rows[-1]
            if page is not pages[-1]:
                assert not last.keep_with_next or len(page[-1].rows) == 1
        assert got_labels == labels, height
        assert "".join(got_values) == "".join(values), height


def test_a_heading_over_a_tall_row_does_not_overflow_the_page(ledger) -> None:
    from desktop.forms.fonts import load_fonts
    from desktop.forms.kit import Cell, Grid, Row, paginate
    from desktop.forms.text import Typesetter

    ts = Typesetter(load_fonts(None))
    rows = [Row([Cell(text="一、基本情况", span=2)], min_height=20, keep_with_next=True),
            Row([Cell(text="选项"), Cell(options=("甲", "乙"))], min_height=90),
            Row([Cell(text="栏目"), Cell(text="值")], min_height=20)]
    pages = paginate([Grid(ts, [80, 300], rows)], 100.0, 100.0)
    assert all(sum(b.height for b in page) <= 100.0 for page in pages)
    # the heading alone on the first page (the tall row cannot follow it there), then the rest
    assert [[len(g.rows) for g in page] for page in pages] == [[1], [1], [1]]
