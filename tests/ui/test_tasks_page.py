"""The 工作任务 page (ui.pages.tasks_page): a city's plans, tasks and grid; a county's tasks
and 报告进展; both fit 1024×700 in Chinese and English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from db.connection import open_database
from desktop.city import tasks
from desktop.ledger import Ledger, init_office
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from ui import i18n
from ui.editors import RecordEditor
from ui.main_window import MainWindow
from ui.pages.tasks_page import TasksPage

TODAY = date(2026, 11, 21)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Callable[[str], Ledger]]:
    opened: list[Ledger] = []

    def make(code: str) -> Ledger:
        (tmp_path / code).mkdir()
        db = open_database(tmp_path / code / "office.db")
        init_office(db, code, clerk=f"{code}经办人")
        led = Ledger(db, today=lambda: TODAY)
        opened.append(led)
        return led

    yield make
    for led in opened:
        led.close()


@pytest.fixture
def world(office: Callable[[str], Ledger], tmp_path: Path) -> dict[str, Any]:
    """A city with a plan of three tasks sent to two counties, and their progress merged."""
    city, xingtang, lingshou = office("130100"), office("130125"), office("130126")
    plan = tasks.add_plan(city, "2024年全市商标、地理标志高质量发展工作计划", 2024, document_no="石市监函〔2024〕15号")
    every = tasks.add_task(city, plan.id, "1", "开展潜在地理标志保护资源普查，建立培育名录",
                           section="一、夯实地理标志工作基础", deadline="2024-12-31")
    some = tasks.add_task(city, plan.id, "2", "指导行唐大枣申请地理标志证明商标", units=["130125"])
    tasks.add_task(city, plan.id, "3", "做好专用标志使用年报工作", units=["130125", "130126"])
    ref = special.make_reference_packet(city, tmp_path / "ref.xlsx")
    for county in (xingtang, lingshou):
        assert special.import_reference(county, ref.path).status == MERGE
    tasks.report_progress(xingtang, every.id, "done", "普查完成，名录已建立", report_date="2024-10-31")
    tasks.report_progress(xingtang, some.id, "difficulty", "产地范围待县政府确认", report_date="2024-09-01")
    tasks.report_progress(lingshou, every.id, "in_progress", "已完成3个乡镇", report_date="2024-06-30")
    for n, county in enumerate((xingtang, lingshou)):
        exported = export_packet(county, tmp_path / f"c{n}.xlsx")
        assert apply_import(city, plan_import(city, exported.path)).plan.status == MERGE
    return {"city": city, "xingtang": xingtang, "lingshou": lingshou, "plan": plan, "every": every, "some": some}


@pytest.fixture(params=["zh", "en"])
def lang(request: Any, qapp: Any) -> Iterator[str]:
    try:
        assert i18n.install(request.param)
        yield request.param
    finally:
        i18n.install("zh")


def test_city_page_shows_plans_tasks_and_the_coloured_grid(qtbot: Any, world: dict[str, Any], qsettings: Any,
                                                           lang: str, tmp_path: Path) -> None:
    window = MainWindow(world["city"], settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 700)
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage) and page.plans is not None and page.received is None
    view = page.plans
    assert view.plans.rowCount() == 1 and view.tasks.rowCount() == 3
    everyone = "全部单位" if lang == "zh" else "All units"
    assert view.tasks.item(0, 3).text() == everyone and view.tasks.item(1, 3).text() == "行唐县"
    view.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    m = view.matrix
    headers = [m.horizontalHeaderItem(c).text() for c in range(m.columnCount())]
    col = {h: n for n, h in enumerate(headers)}
    assert m.rowCount() == 3 and "行唐县" in col and len(headers) == 2 + 22
    done = m.item(0, col["行唐县"])
    assert done.text().startswith("已完成" if lang == "zh" else "done")
    assert done.background().color().name().upper() == "#C6EFCE"
    assert m.item(1, col["灵寿县"]).text() == "—"
    assert m.item(0, col["长安区"]).text() == ("未报" if lang == "zh" else "not reported")
    assert window.width() <= 1024 and window.height() <= 700
    window.grab().save(str(tmp_path / f"city-tasks-grid-{lang}.png"))
    view.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    window.grab().save(str(tmp_path / f"city-tasks-{lang}.png"))

    pdf = view.write_grid(tmp_path / "grid.pdf")
    xlsx = view.write_grid(tmp_path / "grid.xlsx")
    assert pdf is not None and pdf.stat().st_size > 1000 and xlsx is not None and xlsx.exists()


def test_city_adds_a_task_with_the_register_editor(qtbot: Any, world: dict[str, Any], monkeypatch: Any) -> None:
    city = world["city"]
    undo = MainWindow(city).undo
    page = TasksPage(city, undo)
    qtbot.addWidget(page)
    assert page.plans is not None

    def fake_exec(editor: RecordEditor) -> int:
        assert editor.defaults == {"plan_id": world["plan"].id}
        for key, value in (("number", "4"), ("text", "开展地理标志运用促进工程")):
            editor.editor(key).set_value(value)
            editor._edited(key)
        assert editor.save(), editor.errors()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecordEditor, "exec", fake_exec)
    rec = page.plans.new_task()
    assert rec is not None and rec.values["number"] == "4" and not rec.values["units"]
    assert page.plans.tasks.rowCount() == 4 and page.plans.matrix.rowCount() == 4
    undo.stack.undo()
    assert city.get("task", rec.id).deleted


def test_county_page_lists_its_tasks_and_reports_progress(qtbot: Any, world: dict[str, Any], qsettings: Any,
                                                          monkeypatch: Any, lang: str, tmp_path: Path) -> None:
    lingshou = world["lingshou"]
    window = MainWindow(lingshou, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 700)
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage) and page.plans is None and page.received is not None
    view = page.received
    assert view.table.rowCount() == 2  # task 2 is 行唐's only
    assert view.table.item(0, 4).text() == ("进行中" if lang == "zh" else "in progress")
    assert view.table.item(1, 4).text() == ("未报" if lang == "zh" else "not reported")
    window.grab().save(str(tmp_path / f"county-tasks-{lang}.png"))

    def fake_exec(editor: RecordEditor) -> int:
        assert editor.defaults["status"] == "in_progress"
        for key, value in (("status", "done"), ("text", "普查全部完成")):
            editor.editor(key).set_value(value)
            editor._edited(key)
        assert editor.save(), editor.errors()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecordEditor, "exec", fake_exec)
    view.table.selectRow(0)
    rec = view.report_progress()
    assert rec is not None and rec.office_code == "130126" and rec.values["task_id"] == world["every"].id
    assert view.table.item(0, 4).text() == ("已完成" if lang == "zh" else "done")
    assert view.table.item(0, 6).text() == "普查全部完成"


def test_city_pastes_plan_text_all_or_none(qtbot: Any, world: dict[str, Any], monkeypatch: Any) -> None:
    city = world["city"]
    page = TasksPage(city, MainWindow(city).undo)
    qtbot.addWidget(page)
    view = page.plans
    assert view is not None
    added = view.paste_tasks("5、推进地理标志产品保护（责任单位：灵寿县）\n6、开展专用标志宣传\n")
    assert [t.values["number"] for t in added] == ["5", "6"] and added[0].values["units"] == ["130126"]
    assert view.tasks.rowCount() == 5
    warned: list[str] = []
    monkeypatch.setattr("ui.pages.tasks_page.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert view.paste_tasks("7、新任务\n5、序号重复的任务\n") == []
    assert warned and city.count("task") == 5
