"""导出 Excel and 下载模板 on a register page: the file holds what the page shows (visible
columns in header order, filter, search, sort), written on a worker thread; both languages at
1024x700."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.main_window import MainWindow
from ui.tables.export_action import TableExport


@pytest.fixture
def said(monkeypatch) -> dict[str, list[str]]:
    """What the message boxes would have said (they would block the test)."""
    out: dict[str, list[str]] = {"information": [], "warning": []}
    for name in out:
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, _n=name, **k: out[_n].append(text))
    return out


def make_window(qtbot, ledger, qsettings, lang: str) -> MainWindow:
    w = MainWindow(ledger, qsettings, lang=lang)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    return w


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> MainWindow:
    return make_window(qtbot, demo_ledger, qsettings, "zh")


def finish(qtbot, export: TableExport, job: Any) -> Any:
    assert job is not None
    qtbot.waitUntil(lambda: export.last_result is not None or export.last_error is not None, timeout=60_000)
    assert export.last_error is None, export.last_error
    return export.last_result


def shown_table(page) -> tuple[list[str], list[list[str]]]:
    """The header and every row's texts as the table view shows them (visible columns in order)."""
    columns = page.visible_columns()
    header = [str(page.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
    rows = [[str(page.model.index(r, c).data() or "") for c in columns] for r in range(page.model.rowCount())]
    return header, rows


def arrange(page) -> None:
    """What a clerk does: a column dragged to the front, one hidden, a filter, a search, a sort."""
    keys = [c.key for c in page.browser.columns]
    header = page.view.horizontalHeader()
    header.moveSection(header.visualIndex(keys.index("status")), 0)
    page.view.setColumnHidden(keys.index("legal_rep"), True)
    page.set_filter("status", ["approved"])
    page.search.setText("合作社")
    page._apply_search()
    page.model.sort(keys.index("name"), Qt.SortOrder.DescendingOrder)


def test_export_writes_what_the_page_shows(window, qtbot, tmp_path, said) -> None:
    page = window.register_page("mark-user")
    arrange(page)
    header, rows = shown_table(page)
    assert 0 < len(rows) < page.ledger.count("mark-user")
    export = page.table_export
    assert page.buttons["export"].text() == "导出 Excel" and page.buttons["template"].text() == "下载模板"
    target = tmp_path / "shown.xlsx"
    result = finish(qtbot, export, export.export(target))
    assert result.rows == len(rows)
    ws = openpyxl.load_workbook(target).worksheets[0]
    got = list(ws.iter_rows(values_only=True))
    assert list(got[0]) == header
    assert header[0] == "状态" and "法定代表人" not in header
    written = [["" if v is None else (v.date().isoformat() if hasattr(v, "date") else str(v)) for v in row]
               for row in got[1:]]
    assert written == rows  # the same rows, order and texts as the table
    names = [r[header.index("企业名称")] for r in rows]
    assert names == sorted(names, reverse=True) and all("合作社" in n for n in names)
    assert said["information"] and str(target) in said["information"][-1] and str(len(rows)) in said["information"][-1]


def test_export_to_csv_chosen_in_the_dialog(window, qtbot, tmp_path, said, monkeypatch) -> None:
    page = window.register_page("mark-user")
    arrange(page)
    header, rows = shown_table(page)
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(chosen), "CSV 文件（UTF-8）(*.csv)"))
    export = page.table_export
    finish(qtbot, export, export.export())
    target = tmp_path / "chosen.csv"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    got = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert got[0] == header and got[1:] == rows


def test_a_cancelled_dialog_exports_nothing(window, tmp_path, said, monkeypatch) -> None:
    page = window.register_page("mark-user")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert page.table_export.export() is None
    assert page.table_export.download_template() is None
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_file_that_cannot_be_written_is_said_so(window, qtbot, tmp_path, said) -> None:
    page = window.register_page("mark-user")
    export = page.table_export
    target = tmp_path / "missing" / "x.xlsx"
    export.export(target)
    qtbot.waitUntil(lambda: export.last_error is not None, timeout=60_000)
    assert said["warning"] and "文件无法写入" in said["warning"][-1] and str(target) in said["warning"][-1]


def test_download_template(window, qtbot, tmp_path, said) -> None:
    page = window.register_page("annual-report")
    export = page.table_export
    target = tmp_path / "模板.xlsx"
    finish(qtbot, export, export.download_template(target))
    wb = openpyxl.load_workbook(target)
    assert [c.value for c in wb.worksheets[0][1]][:3] == ["用标主体", "年度", "产量（吨）"]
    assert "填表说明" in wb.sheetnames
    assert "必填" in said["information"][-1]


def test_the_buttons_at_1024x700(qtbot, demo_ledger, qsettings, tmp_path, said, lang) -> None:
    w = make_window(qtbot, demo_ledger, qsettings, lang)
    page = w.register_page("mark-user")
    qtbot.waitUntil(lambda: page.buttons["export"].isVisible())
    qtbot.wait(50)
    for key in ("export", "template"):
        button = page.buttons[key]
        assert button.isVisible()
        right = button.mapTo(w, button.rect().topRight()).x()
        assert right <= w.width(), f"{key} is cut off at 1024 px in {lang}"
        assert button.sizeHint().width() <= button.width() + 1
    assert w.width() <= 1024
    if lang == "en":
        assert page.buttons["export"].text() == "Export to Excel"
        assert page.buttons["template"].text() == "Download template"
        target = tmp_path / "en.xlsx"
        finish(qtbot, page.table_export, page.table_export.export(target))
        header = [c.value for c in openpyxl.load_workbook(target).worksheets[0][1]]
        assert header == shown_table(page)[0] and "Enterprise name" in header


def test_a_cancelled_export_leaves_no_file_and_no_warning(window, qtbot, tmp_path, said, monkeypatch) -> None:
    from desktop.jobs import Cancelled
    from ui.operations import Job
    from ui.tables import export_action

    real = export_action.export_table
    threads: list[bool] = []

    def cancelled_at_once(*args: Any, **kw: Any) -> Any:
        import threading

        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **{**kw, "cancelled": lambda: True})  # the clerk pressed 取消

    monkeypatch.setattr(export_action, "export_table", cancelled_at_once)
    page = window.register_page("mark-user")
    target = tmp_path / "cancelled.xlsx"
    job = page.table_export.export(target)
    assert isinstance(job, Job)
    qtbot.waitUntil(lambda: page.table_export.last_error is not None, timeout=60_000)
    assert isinstance(page.table_export.last_error, Cancelled)
    assert threads == [False]  # on the worker thread, not the window's
    assert not target.exists() and list(tmp_path.glob("cancelled*")) == []
    assert said["warning"] == [] and said["information"] == []
