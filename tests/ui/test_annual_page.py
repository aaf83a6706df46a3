"""The 年报 › 报送情况 tab: the year's users with status, deadline and overdue, the filter, the
deadline, workbooks written on a worker thread, returned workbooks dry-run then imported (an
error workbook when refused), the overdue users listed on the abnormal list in one step;
screenshots at 1024×700 in Chinese and English."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from desktop.annual import layout
from desktop.ledger import Ledger
from ui.annual.status_page import AnnualStatusPage
from ui.main_window import MainWindow


def _new_users(ledger: Ledger, n: int) -> list[str]:
    gi = next(iter(ledger.list("gi"))).id
    out = []
    for k in range(n):
        from tests.desktop.conftest import make_uscc

        rec = ledger.add("mark-user", {"name": f"未报企业{k}", "uscc": make_uscc(900 + k), "entity_type": "enterprise",
                                       "gi_id": gi, "status": "approved", "approval_date": date(2024, 3, 1),
                                       "announcement_no": f"2024年第{90 + k}号"})
        out.append(rec.id)
    return out


@pytest.fixture
def page(qtbot: Any, demo_ledger: Ledger) -> AnnualStatusPage:
    p = AnnualStatusPage(demo_ledger)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    p.confirm = lambda title, text: True  # type: ignore[method-assign]
    p.warnings: list[str] = []  # type: ignore[misc]
    p.warn = lambda title, text: p.warnings.append(text)  # type: ignore[method-assign]
    return p


def _filter(page: AnnualStatusPage, code: str) -> int:
    page.filter.setCurrentIndex(page.filter.findData(code))
    return page.shown_rows()


def test_status_filter_and_bulk_listing(page: AnnualStatusPage, demo_ledger: Ledger, qtbot: Any) -> None:
    assert page.year.value() == 2025
    total = _filter(page, "all")
    assert total == len(page.view.users) > 0
    late = _new_users(demo_ledger, 2)
    page.refresh()
    assert _filter(page, "none") == 2
    assert {page.model.text(r, 0) for r in range(2)} == set(late)
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None  # red
    assert "应报" in page.summary.text() and "2026-03-31" in page.summary.text()
    assert page.list_button.isEnabled() and "2" in page.list_button.text()
    asked: list[str] = []
    page.confirm = lambda title, text: asked.append(text) or True  # type: ignore[method-assign]
    with qtbot.waitSignal(page.data_changed):
        assert page.list_overdue() == 2
    assert "2 户" in asked[0]
    assert all(demo_ledger.get("mark-user", uid).values["status"] == "abnormal" for uid in late)
    assert not page.list_button.isEnabled()
    # the deadline: later than today, nothing overdue
    page.deadline.setDate(page.deadline.date().fromString("2026-12-31", "yyyy-MM-dd"))
    assert page.set_deadline()
    assert _filter(page, "overdue") == 0
    page.deadline.setDate(page.deadline.date().fromString("2025-06-01", "yyyy-MM-dd"))
    assert not page.set_deadline() and "12月31日" in page.warnings[-1]


def test_workbooks_import_and_errors(page: AnnualStatusPage, demo_ledger: Ledger, qtbot: Any, tmp_path: Path) -> None:
    [uid] = _new_users(demo_ledger, 1)
    page.refresh()
    (tmp_path / "out").mkdir()
    job = page.write_workbooks(tmp_path / "out", per_user=True)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    files = sorted((tmp_path / "out").glob("*.xlsx"))
    assert len(files) == len(page.view.users)
    mine = next(f for f in files if uid in f.name)
    book = load_workbook(mine)
    ws = book.worksheets[1]
    _placed, where = layout.place_fields()
    ws.cell(where["output_t"], 2).value = 50
    ws.cell(where["marked_output_t"], 2).value = 40
    book.save(tmp_path / "good.xlsx")
    ws.cell(where["marked_output_t"], 2).value = 60
    book.save(tmp_path / "bad.xlsx")
    job = page.dry_run([tmp_path / "bad.xlsx"])
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    assert page.preview_box.isVisible() and not page.import_button.isEnabled()
    assert "不能大于产量" in page.preview.toPlainText()
    saved = page.save_errors(tmp_path / "errors.xlsx")
    assert saved is not None and load_workbook(saved).sheetnames[0] == "问题清单"
    job = page.dry_run([tmp_path / "good.xlsx"])
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    assert page.import_button.isEnabled() and "新增" in page.preview.toPlainText()
    job = page.confirm_import()
    with qtbot.waitSignal(page.data_changed, timeout=60_000):
        pass
    [rec] = list(demo_ledger.list("annual-report", {"mark_user_id": uid, "year": 2025}))
    assert rec.values["output_t"] == 50 and rec.values["review_status"] == "submitted"
    assert _filter(page, "submitted") >= 1 and "已导入" in page.preview.toPlainText()


def test_tab_in_the_window_at_1024x700(qtbot: Any, demo_ledger: Ledger, qsettings: Any, lang: str,
                                       tmp_path: Path) -> None:
    _new_users(demo_ledger, 1)
    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    tabs = window.show_page("annual-report")
    assert isinstance(tabs, QTabWidget)
    tabs.setCurrentIndex(1)
    QApplication.processEvents()
    status = tabs.currentWidget()
    assert isinstance(status, AnnualStatusPage)
    assert tabs.tabText(1) == ("报送情况" if lang == "zh" else "Submission status")
    assert status.list_overdue.__self__ is status
    label = status.list_button.text()
    assert ("列入异常名录" in label) if lang == "zh" else label.startswith("List on the abnormal list")
    assert window.width() <= 1024 and status.table.isVisible()
    shot = tmp_path / f"annual_{lang}.png"
    assert window.grab().save(str(shot))


def test_dashboard_proposes_the_overdue_users(qtbot: Any, demo_ledger: Ledger) -> None:
    from ui.annual.proposal import propose_listing
    from ui.pages.dashboard_page import DashboardPage

    late = _new_users(demo_ledger, 3)
    dash = DashboardPage(demo_ledger)
    qtbot.addWidget(dash)
    dash.refresh()
    label = dash.attention_labels["annual_overdue"]
    assert "年报逾期未报" in label.text() and "<b>3</b>" in label.text()
    link = dash.findChild(QLabel, "annual_overdue_list")
    assert link is not None and "列入异常名录" in link.text()
    asked: list[str] = []
    assert propose_listing(dash, demo_ledger, 2025, late, confirm=lambda text: asked.append(text) or False) == 0
    assert "3 户" in asked[0] and demo_ledger.get("mark-user", late[0]).values["status"] == "approved"
    assert propose_listing(dash, demo_ledger, 2025, late, confirm=lambda text: True) == 3
    assert {demo_ledger.get("mark-user", uid).values["status"] for uid in late} == {"abnormal"}
    dash.refresh()
    assert dash.findChild(QLabel, "annual_overdue_list") is None or "<b>" not in dash.attention_labels[
        "annual_overdue"].text()
