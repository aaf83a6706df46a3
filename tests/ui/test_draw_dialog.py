"""The 随机抽取 dialog of a plan (ui.draw): the seed shown before the draw, draw, redraw only
with a reason, the draws listed, verify, the result pre-filling an inspection record, the
publication sheet; it fits 1024x700 in Chinese and English."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.draw import service
from ui.draw import open_draw_dialog
from ui.draw.dialog import DrawDialog
from ui.main_window import MainWindow

SHOTS = Path("/work/notes/shots/draw")


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    out: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: out.append(text))
    return out


def _plan(demo_ledger) -> str:
    return next(p.id for p in demo_ledger.list("plan"))


def test_draw_redraw_verify_and_enter_a_result(qtbot, lang, demo_ledger, qsettings, said, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    page = window.register_page("plan")
    assert "draw" in page.buttons
    plan = _plan(demo_ledger)
    assert page.select_id(plan)
    dialog = open_draw_dialog(page)
    assert isinstance(dialog, DrawDialog)
    qtbot.addWidget(dialog)
    count = service.preview(demo_ledger, plan).pools.count
    assert not dialog.draw_button.isEnabled()  # no seed yet
    dialog.generate.click()
    seed = dialog.seed.text()
    assert len(seed) == 16 and dialog.draw_button.isEnabled()
    dialog.draw_button.click()
    assert dialog.table.rowCount() == count and dialog.history.count() == 1
    assert seed in dialog.draw_label.text()
    first = service.history(demo_ledger, plan)[0]
    assert first.stored.seed == seed and first.stored.drawn_by == demo_ledger.actor.clerk
    # a redraw needs a reason
    dialog.seed.setText("2026137 03 08 14")
    assert not dialog.draw_button.isEnabled()
    dialog.reason.setText("抽中的企业已注销")
    dialog.draw_button.click()
    assert dialog.history.count() == 2 and dialog.history.currentIndex() == 1
    assert [d.number for d in service.history(demo_ledger, plan)] == [1, 2]
    dialog.verify_button.click()
    assert said and ("结果一致" in said[-1] or "same" in said[-1].lower())
    # entering the first target's result: a new inspection record pre-filled
    seen: dict[str, Any] = {}

    def fake_exec(editor: Any) -> int:
        seen.update(editor.new_values())
        return 0

    monkeypatch.setattr("ui.editors.RecordEditor.exec", fake_exec)
    dialog.table.selectRow(0)
    dialog.enter_result()
    task = dialog.tasks[0]
    assert seen["plan_id"] == plan and seen["mark_user_id"] == task.user_id
    assert seen["task_no"] == task.task_no and seen["inspectors"] == list(task.inspector_names)
    demo_ledger.add("inspection", {**seen, "method": "onsite", "inspection_date": "2026-11-20",
                                   "result": "no_problem"})
    dialog.reload()
    assert dialog.table.item(0, 4).text() in ("未发现问题", "no problem found")
    out = dialog.export("xlsx", tmp_path / "公示.xlsx")
    assert out is not None
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert "未发现问题" in cells and "2026137 03 08 14" in "\n".join(map(str, cells))
    # the window at 1024x700: the dialog fits and is looked at
    window.resize(1024, 700)
    dialog.resize(1000, 660)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    shot = tmp_path / f"draw_{lang}.png"
    dialog.grab().save(str(shot))
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(shot, SHOTS / shot.name)


def test_a_refused_draw_says_why(qtbot, lang, demo_ledger, said) -> None:
    plan = demo_ledger.add("plan", {"name": "空计划", "year": 2026, "sample_count": 2, "inspector_pool": ["无此人"]})
    dialog = DrawDialog(demo_ledger, plan.id)
    qtbot.addWidget(dialog)
    assert "无此人" in dialog.pools_label.text()
    dialog.seed.setText("1")
    assert dialog.do_draw() is None
    assert said and "无此人" in said[-1]
    assert service.history(demo_ledger, plan.id) == []
    assert not dialog.verify_button.isEnabled() and not dialog.xlsx_button.isEnabled()


def test_print_forms_asks_for_the_draws_forms(qtbot, demo_ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(demo_ledger)
    draw = service.make_draw(demo_ledger, plan, "print")
    asked: list[Any] = []
    monkeypatch.setattr("ui.printing.run.print_request", lambda _p, _l, request, **_k: asked.append(request))
    dialog = DrawDialog(demo_ledger, plan)
    qtbot.addWidget(dialog)
    dialog.print_forms()
    assert asked and asked[0].form == "inspection-draw" and asked[0].ids == (draw.id,)


def test_the_plan_page_with_its_draw_button_fits_1024x700(qtbot, lang, demo_ledger, qsettings,
                                                         tmp_path: Path) -> None:
    from PySide6.QtCore import QPoint, QRect

    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.register_page("plan")
    window.show_page("inspection")
    qtbot.waitExposed(window)
    button = page.buttons["draw"]
    assert button.isVisible() and button.text() in ("随机抽取", "Random draw")
    rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
    assert QRect(QPoint(0, 0), window.size()).contains(rect)
    shot = tmp_path / f"plan_page_{lang}.png"
    window.grab().save(str(shot))
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(shot, SHOTS / shot.name)
