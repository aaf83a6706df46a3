"""The 打印 actions: which PrintRequest each register page and record editor asks for
(render stood in by a fake), and a real print from the window end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import forms
from desktop.browse import BrowseState
from desktop.forms import PrintRequest
from tests.ui.printing_helpers import FakeRender
from ui.main_window import MainWindow
from ui.printing.requests import filter_where, list_request


@pytest.fixture
def spool(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "spool"
    folder.mkdir()
    monkeypatch.setattr("ui.printing.run.spool_dir", lambda: folder)
    return folder


@pytest.fixture
def fake(monkeypatch, spool: Path) -> FakeRender:
    render = FakeRender()
    monkeypatch.setattr(forms, "render", render)
    return render


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> MainWindow:
    w = MainWindow(demo_ledger, qsettings, lang="zh")
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    return w


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    return said


def _finish(qtbot, job) -> object:
    assert job is not None
    qtbot.waitUntil(lambda: getattr(job, "preview", None) is not None, timeout=60_000)
    return job.preview  # a child of the page; deletes itself when closed


def test_filters_with_one_value_each_are_the_where_of_the_command_line() -> None:
    state = BrowseState(filters={"tier": ["cultivate"], "category": [], "year": [2025]})
    assert filter_where(state) == (("tier", "cultivate"), ("year", "2025"))
    assert list_request("resource", state, ["R-1"], lambda where: 1) == PrintRequest(
        "register", kind="resource", where=(("tier", "cultivate"), ("year", "2025")))


@pytest.mark.parametrize("state", [
    BrowseState(search="大枣"),
    BrowseState(filters={"tier": ["cultivate", "protect"]}),
    BrowseState(sort_key="name"),
    BrowseState(ids=("R-2", "R-1")),
])
def test_a_view_where_cannot_say_prints_the_ids_shown_in_order(state: BrowseState) -> None:
    assert list_request("resource", state, ["R-2", "R-1"]) == PrintRequest(
        "register", kind="resource", ids=("R-2", "R-1"))


def test_where_selecting_more_than_the_table_shows_prints_the_ids() -> None:
    state = BrowseState(filters={"tier": ["cultivate"]})
    request = list_request("plan", state, ["P-1"], lambda where: 3)  # other offices' records too
    assert request == PrintRequest("register", kind="plan", ids=("P-1",))


def test_list_print_of_a_filtered_register_page(window, fake, qtbot, demo_ledger) -> None:
    page = window.register_page("resource")
    page.set_filter("tier", ["cultivate"])
    preview = _finish(qtbot, page.printing.print_list())
    assert fake.requests == [PrintRequest("register", kind="resource",
                                          where=(("tier", "cultivate"),))]
    assert preview.page_count == fake.forms
    assert "3 份表" in preview.note.text()


def test_list_print_of_a_search_prints_what_the_table_shows(window, fake, qtbot) -> None:
    page = window.register_page("resource")
    page.search.setText("枣")
    page._apply_search()
    shown = tuple(page.model.ids())
    assert 0 < len(shown) < page.ledger.count("resource")
    _finish(qtbot, page.printing.print_list())
    assert fake.requests == [PrintRequest("register", kind="resource", ids=shown)]


def test_list_print_leaves_deleted_records_out(window, fake, qtbot, demo_ledger) -> None:
    page = window.register_page("resource")
    victim = next(r for r in demo_ledger.list("resource")
                  if not demo_ledger.count("candidate", {"resource_id": r.id})
                  and not demo_ledger.count("gi", {"resource_id": r.id}))
    demo_ledger.delete("resource", victim.id)
    page.show_deleted.setChecked(True)
    assert victim.id in page.model.ids()
    _finish(qtbot, page.printing.print_list())
    # The whole register, which render prints without tombstones (not the ids shown).
    assert fake.requests == [PrintRequest("register", kind="resource")]
    page.search.setText("")
    page.set_filter("tier", [demo_ledger.get("resource", victim.id).values["tier"]])
    page.view.sortByColumn(1, page.view.horizontalHeader().sortIndicatorOrder())
    _finish(qtbot, page.printing.print_list())
    request = fake.requests[-1]
    assert request.ids and victim.id not in request.ids  # sorted: the ids, live ones only


@pytest.mark.parametrize("kind,form", [("resource", "survey"), ("candidate", "candidate"),
                                       ("inspection", "inspection")])
def test_selected_records_print_their_filled_forms(window, fake, qtbot, kind, form) -> None:
    page = window.register_page(kind)
    page.view.selectRow(0)
    page.view.selectionModel().select(page.model.index(1, 0),
                                      page.view.selectionModel().SelectionFlag.Select
                                      | page.view.selectionModel().SelectionFlag.Rows)
    ids = tuple(page.selected_ids())
    assert len(ids) == 2
    _finish(qtbot, page.printing.print_selected())
    assert fake.requests == [PrintRequest(form, ids=ids)]


def test_selected_records_of_other_registers_print_the_record_form(window, fake, qtbot) -> None:
    page = window.register_page("mark-user")
    page.view.selectRow(0)
    _finish(qtbot, page.printing.print_selected())
    assert fake.requests == [PrintRequest("record", kind="mark-user", ids=(page.current_id(),))]


def test_blank_forms_of_each_register(window, fake, qtbot, demo_ledger) -> None:
    resources = window.register_page("resource")
    _finish(qtbot, resources.printing.print_survey_blank(copies=3))
    users = window.register_page("mark-user")
    users.view.selectRow(0)
    user = users.current_id()
    _finish(qtbot, users.printing.print_inspection_blank())
    _finish(qtbot, users.printing.print_annual_report_blank(year=2025))
    inspections = window.register_page("inspection")
    inspections.view.selectRow(0)
    inspected = demo_ledger.get("inspection", inspections.current_id()).values["mark_user_id"]
    _finish(qtbot, inspections.printing.print_inspection_blank())
    reports = window.register_page("annual-report")
    _finish(qtbot, reports.printing.print_annual_report_blank(year=2025))
    assert fake.requests == [
        PrintRequest("survey-blank", copies=3),
        PrintRequest("inspection-blank", ids=(user,)),
        PrintRequest("annual-report-blank", ids=(user,), year=2025),
        PrintRequest("inspection-blank", ids=(inspected,)),
        PrintRequest("annual-report-blank", all=True, year=2025),
    ]


def test_the_menu_of_each_page_offers_its_forms(window) -> None:
    def keys(kind: str) -> list[str]:
        return [key for key, *_rest in window.register_page(kind).printing.entries()]

    assert keys("resource") == ["list", "selected", "survey_blank"]
    assert keys("mark-user") == ["list", "selected", "inspection_blank", "annual_report_blank"]
    assert keys("annual-report") == ["list", "selected", "annual_report_blank"]
    window.show_page("stats")
    assert keys("stats") == ["stats", "list", "selected"]
    page = window.register_page("resource")
    page.printing.menu.aboutToShow.emit()
    texts = [a.text() for a in page.printing.menu.actions()]
    assert texts[0].startswith("打印列表") and "普查表" in texts[1]


def test_statistics_page_prints_the_statistics_table(window, fake, qtbot) -> None:
    window.show_page("stats")
    _finish(qtbot, window.register_pages["stats"].printing.print_stats())
    assert fake.requests == [PrintRequest("stats")]


def test_record_editor_prints_its_record(window, fake, qtbot, demo_ledger) -> None:
    from ui.editors import RecordEditor

    record = next(iter(demo_ledger.list("resource")))
    editor = RecordEditor(demo_ledger, "resource", record=record, save=lambda v: record)
    qtbot.addWidget(editor)
    assert editor.print_button.isVisible() or not editor.isVisible()
    editor.print_button.click()
    _finish(qtbot, editor.print_job)
    assert fake.requests == [PrintRequest("survey", ids=(record.id,))]
    user = next(iter(demo_ledger.list("mark-user")))
    other = RecordEditor(demo_ledger, "mark-user", record=user, save=lambda v: user)
    qtbot.addWidget(other)
    other.print_button.click()
    _finish(qtbot, other.print_job)
    assert fake.requests[-1] == PrintRequest("record", kind="mark-user", ids=(user.id,))
    new = RecordEditor(demo_ledger, "resource", save=lambda v: record)
    qtbot.addWidget(new)
    new.show()
    assert not new.print_button.isVisible()  # nothing stored to print yet


def test_nothing_to_print_is_said_in_a_message(window, qtbot, spool, monkeypatch, warnings) -> None:
    def refuse(*_a, **_k):
        raise forms.NothingToPrint("没有符合条件的资源\nno resource matches")

    monkeypatch.setattr(forms, "render", refuse)
    job = window.register_page("resource").printing.print_list()
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert "没有符合条件的资源" in warnings[0] and "Traceback" not in warnings[0]
    assert not hasattr(job, "preview")


def test_a_real_print_from_a_register_page(window, spool, qtbot, demo_ledger) -> None:
    page = window.register_page("resource")
    page.view.selectRow(0)
    rid = page.current_id()
    preview = _finish(qtbot, page.printing.print_selected())
    assert preview.page_count >= 1
    qtbot.waitUntil(lambda: preview.view.image(0) is not None, timeout=30_000)
    text = _pdf_text(preview.path)
    assert rid in text and "普查表" in text
    spooled = preview.path
    preview.reject()
    assert not spooled.exists()


def test_a_cancelled_batch_leaves_no_file(window, spool, qtbot, demo_ledger) -> None:
    page = window.register_page("resource")
    page.view.selectAll()
    assert len(page.selected_ids()) == demo_ledger.count("resource")
    errors: list[BaseException] = []
    progress: list[int] = []
    job = page.printing.print_selected()
    job.error.connect(errors.append)

    def cancel_once_started(done: int, _total: int) -> None:  # on the worker thread
        progress.append(done)
        job.cancel.set()  # what the progress dialog's 取消 sets (below)

    job.worker.progressed.connect(cancel_once_started, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: bool(errors) or hasattr(job, "preview"), timeout=60_000)
    assert progress[-1] < demo_ledger.count("resource")
    from desktop.jobs import Cancelled

    assert isinstance(errors[0], Cancelled)
    assert not hasattr(job, "preview")
    assert list(spool.iterdir()) == []


def test_the_progress_dialogs_cancel_stops_the_print(window, fake, qtbot) -> None:
    job = window.register_page("resource").printing.print_list()
    job.dialog.canceled.emit()  # the 取消 button
    assert job.cancel.is_set()
    qtbot.waitUntil(lambda: not job.thread.isRunning(), timeout=30_000)


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(len(doc)))
    finally:
        doc.close()
