"""Work-plan tasks both ways (desktop.city.tasks): the city's plan and tasks go down in the
reference packet, the counties' progress comes up in their packets, the city's grid shows it.

The city is 130100 石家庄市; the counties 130125 行唐县 and 130126 灵寿县.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.city import tasks
from desktop.city.tasks import NOT_APPLICABLE, TaskError
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger, NotOwner
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import


def merge(city: Ledger, path: Path) -> Any:
    plan = plan_import(city, path)
    return apply_import(city, plan).plan


@pytest.fixture
def offices(new_office: Callable[..., Ledger]) -> tuple[Ledger, Ledger, Ledger]:
    return new_office("130100"), new_office("130125"), new_office("130126")


def city_plan(city: Ledger) -> tuple[Any, Any, Any]:
    plan = tasks.add_plan(city, "2024年全市商标、地理标志高质量发展工作计划", 2024,
                          document_no="石市监函〔2024〕15号")
    every = tasks.add_task(city, plan.id, "1", "开展地理标志资源普查，建立培育名录",
                           section="一、夯实地理标志工作基础", deadline="2024-12-31")
    some = tasks.add_task(city, plan.id, "2", "指导行唐大枣申请地理标志证明商标",
                          section="二、深入实施地理标志运用促进工程", units=["130125"])
    return plan, every, some


def send_down(city: Ledger, counties: list[Ledger], tmp_path: Path, name: str = "ref.xlsx") -> None:
    ref = special.make_reference_packet(city, tmp_path / name)
    for county in counties:
        result = special.import_reference(county, ref.path)
        assert result.status == MERGE, result.refusals + [p.describe() for p in result.problems]


def send_up(county: Ledger, city: Ledger, tmp_path: Path, name: str) -> None:
    exported = export_packet(county, tmp_path / name)
    result = merge(city, exported.path)
    assert result.status == MERGE, result.refusals


def test_task_round_trip_through_packets(offices: tuple[Ledger, Ledger, Ledger], tmp_path: Path) -> None:
    city, xingtang, lingshou = offices
    plan, every, some = city_plan(city)
    send_down(city, [xingtang, lingshou], tmp_path)

    # each county sees the tasks for it; the task for some units is not 灵寿's
    assert [u.task.id for u in tasks.my_tasks(xingtang)] == [every.id, some.id]
    assert [u.task.id for u in tasks.my_tasks(lingshou)] == [every.id]
    assert all(u.latest is None for u in tasks.my_tasks(xingtang))
    with pytest.raises(TaskError) as info:
        tasks.report_progress(lingshou, some.id, "in_progress", "不是本县的任务")
    assert "责任单位不包括本单位" in str(info.value)

    tasks.report_progress(xingtang, every.id, "进行中", "已完成5个乡镇的普查", report_date="2024-06-30")
    tasks.report_progress(xingtang, every.id, "done", "普查完成，名录已建立", report_date="2024-10-31")
    tasks.report_progress(xingtang, some.id, "有困难", "申请材料中产地范围待县政府确认",
                          report_date="2024-09-01")
    tasks.report_progress(lingshou, every.id, "not_started", None, report_date="2024-06-30")
    mine = {u.task.id: u.latest for u in tasks.my_tasks(xingtang)}
    assert mine[every.id] is not None and mine[every.id].status == "done"
    send_up(xingtang, city, tmp_path, "xingtang.xlsx")
    send_up(lingshou, city, tmp_path, "lingshou.xlsx")

    grid = tasks.task_grid(city, plan.id)
    assert [t.id for t in grid.tasks] == [every.id, some.id]
    assert [u.code for u in grid.units][:3] == ["130102", "130104", "130108"]  # the city's order
    done = grid.cell(every.id, "130125")
    assert done.status == "done" and done.text() == "已完成 2024-10-31\n普查完成，名录已建立"
    assert grid.cell(some.id, "130125").text().startswith("有困难 2024-09-01")
    assert grid.cell(every.id, "130126").text() == "未开始 2024-06-30"
    assert grid.cell(some.id, "130126").text() == NOT_APPLICABLE
    assert grid.cell(every.id, "130102").text() == "未报"
    assert grid.cell(every.id, "130102").text("en") == "not reported"
    assert grid.counts(every.id) == {"done": 1, "not_started": 1, "none": 20}
    data = grid.to_json()
    assert data["tasks"][1]["cells"]["130126"]["applies"] is False
    assert data["tasks"][0]["cells"]["130125"]["status_label"] == "已完成"

    # one writer per record: the city cannot edit a county's progress, a county not a task
    progress_id = done.progress.id if done.progress else ""
    with pytest.raises(NotOwner):
        city.edit("progress", progress_id, {"text": "市局改写"})
    with pytest.raises(NotOwner):
        xingtang.edit("task", every.id, {"text": "县局改写"})
    with pytest.raises(NotOwner):
        xingtang.add("task", {"plan_id": plan.id, "number": "9", "text": "县局自定任务"})


def test_grid_follows_a_changed_task_and_a_newer_report(offices: tuple[Ledger, Ledger, Ledger],
                                                        tmp_path: Path) -> None:
    city, xingtang, lingshou = offices
    plan, _every, some = city_plan(city)
    send_down(city, [xingtang, lingshou], tmp_path)
    assert [u.task.id for u in tasks.my_tasks(lingshou)] == [_every.id]
    city.edit("task", some.id, {"units": ["130125", "130126"]})  # 灵寿 added to task 2
    send_down(city, [xingtang, lingshou], tmp_path, "ref2.xlsx")
    assert [u.task.id for u in tasks.my_tasks(lingshou)] == [_every.id, some.id]
    tasks.report_progress(lingshou, some.id, "in_progress", "第一次", report_date="2024-05-01")
    tasks.report_progress(lingshou, some.id, "done", "第二次，同日晚些", report_date="2024-05-01")
    send_up(lingshou, city, tmp_path, "l.xlsx")
    assert tasks.task_grid(city, plan.id).cell(some.id, "130126").status == "done"


def test_tasks_refused_with_reasons(offices: tuple[Ledger, Ledger, Ledger]) -> None:
    city, xingtang, _ = offices
    plan, every, _some = city_plan(city)
    with pytest.raises(TaskError) as info:
        tasks.add_task(city, plan.id, "3", "某任务", units=["130225"])  # 唐山's county
    assert "130225" in str(info.value) and "unit list" in str(info.value)
    with pytest.raises(ValidationFailed):
        tasks.add_task(city, plan.id, "1", "重复序号")
    with pytest.raises(NotOwner):  # a county keeps no plans
        tasks.add_plan(xingtang, "县计划", 2024)
    with pytest.raises(TaskError):  # the city does not report on its own task
        tasks.report_progress(city, every.id, "done", "自报")
    assert city.count("task") == 2


def test_number_order_is_natural() -> None:
    numbers = ["10", "2", "1", "（三）2", "（三）10", "（三）1"]
    assert sorted(numbers, key=tasks.number_key) == ["1", "2", "10", "（三）1", "（三）2", "（三）10"]


def test_parse_pasted_plan_lines() -> None:
    names = {"130125": "行唐县", "130126": "灵寿县"}
    text = ("一、夯实基础\n"
            "1、开展地理标志资源普查（责任单位：行唐县、灵寿县）\n"
            "2、培育地理标志商标（责任单位：各县（市、区）市场监管局）\n"
            "3\t三、运用促进\t推进专用标志使用\t灵寿县\n")
    rows = tasks.parse_plan_lines(text, names)
    assert rows[0] == {"number": "1", "text": "开展地理标志资源普查", "section": "一、夯实基础",
                       "units": ["130125", "130126"]}
    assert rows[1]["units"] == [] and rows[1]["section"] == "一、夯实基础"
    assert rows[2] == {"number": "3", "text": "推进专用标志使用", "section": "三、运用促进", "units": ["130126"]}


def test_parse_strips_a_nested_responsible_clause() -> None:
    rows = tasks.parse_plan_lines("4、做好年报（责任单位：各县（市、区）市场监管局）", {})
    assert rows == [{"number": "4", "text": "做好年报", "section": None, "units": []}]


def _reported_grid(offices: tuple[Ledger, Ledger, Ledger], tmp_path: Path) -> tuple[Ledger, Any]:
    city, xingtang, lingshou = offices
    plan, every, some = city_plan(city)
    send_down(city, [xingtang, lingshou], tmp_path)
    tasks.report_progress(xingtang, every.id, "done", "普查完成，名录已建立", report_date="2024-10-31")
    tasks.report_progress(xingtang, some.id, "difficulty", "产地范围待县政府确认", report_date="2024-09-01")
    tasks.report_progress(lingshou, every.id, "in_progress", "已完成3个乡镇", report_date="2024-06-30")
    send_up(xingtang, city, tmp_path, "x.xlsx")
    send_up(lingshou, city, tmp_path, "l.xlsx")
    return city, tasks.task_grid(city, plan.id)


def test_grid_printed_as_pdf(offices: tuple[Ledger, Ledger, Ledger], tmp_path: Path, pdf: Any) -> None:
    from desktop.city.task_grid_print import write_grid

    city, grid = _reported_grid(offices, tmp_path)
    out = write_grid(city, grid, tmp_path / "grid.pdf")
    text = pdf.text(out)
    assert "任务进展情况表" in text and "石市监函〔2024〕15号" in text
    for piece in ("长安区", "新乐市", "行唐县", "灵寿县", "已完成", "有困难", "进行中", "未报",
                  "普查完成，名录已建立", "产地范围待县政府确认", "（2）"):
        assert piece in text, piece
    size = [line for line in pdf._run("pdfinfo", str(out)).splitlines() if line.startswith("Page size")]
    assert "841.89 x 595.27" in size[0]  # landscape A4
    assert not list(tmp_path.glob("grid.pdf*.part"))


def test_grid_exported_as_xlsx(offices: tuple[Ledger, Ledger, Ledger], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desktop.city.task_grid_print import write_grid
    from desktop.city.tasks import STATUS_COLOURS

    city, grid = _reported_grid(offices, tmp_path)
    out = write_grid(city, grid, tmp_path / "grid.xlsx")
    ws = load_workbook(out).active
    heads = [c.value for c in ws[3]]
    assert heads[:3] == ["序号", "工作任务", "长安区"] and len(heads) == 2 + 22
    col = {name: n for n, name in enumerate(heads, 1)}
    assert ws.cell(row=4, column=col["行唐县"]).value == "已完成 2024-10-31\n普查完成，名录已建立"
    assert ws.cell(row=4, column=col["行唐县"]).fill.fgColor.rgb.endswith(STATUS_COLOURS["done"])
    assert ws.cell(row=5, column=col["灵寿县"]).value == "—"
    assert ws.cell(row=4, column=col["长安区"]).value == "未报"
    with pytest.raises(ValueError):
        write_grid(city, grid, tmp_path / "grid.csv")


def test_one_level_up_a_province_gives_tasks_to_its_cities(new_office: Callable[..., Ledger],
                                                           tmp_path: Path) -> None:
    province, city = new_office("130000"), new_office("130100")
    plan = tasks.add_plan(province, "全省地理标志工作要点", 2024)
    task = tasks.add_task(province, plan.id, "1", "各市汇总报送地理标志统计表")
    only_tangshan = tasks.add_task(province, plan.id, "2", "唐山市开展试点", units=["130200"])
    send_down(province, [city], tmp_path)
    assert [u.task.id for u in tasks.my_tasks(city)] == [task.id]
    assert tasks.plans(city) == [] and [p.id for p in tasks.plans(city, own=False)] == [plan.id]
    tasks.report_progress(city, task.id, "done", "已汇总22个单位", report_date="2024-12-31")
    send_up(city, province, tmp_path, "city.xlsx")
    grid = tasks.task_grid(province, plan.id)
    assert grid.cell(task.id, "130100").status == "done"
    assert grid.cell(only_tangshan.id, "130100").text() == NOT_APPLICABLE
    assert grid.cell(only_tangshan.id, "130200").text() == "未报"
