"""Every page fits a 1024×700 and a 1366×768 screen, in Chinese and in English.

A row of filter buttons used to set the window's minimum width (1,079 px in Chinese and
1,494 px in English on 检查记录), so on a small screen the search box shrank to "…" and the
right side, the status bar included, was cut off.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTabWidget, QWidget

from ui.main_window import NAVIGATION, MainWindow
from ui.pages.register_page import RegisterPage

SCREENS = ((1024, 700), (1366, 768))
SEARCH_MIN = 150


def views(window: MainWindow) -> Iterator[str]:
    """Bring every page (and every tab of a page) to the front in turn; yields its name."""
    for n, (key, _zh, _en) in enumerate(NAVIGATION):
        window.nav.setCurrentRow(n)
        page = window.page(key)
        if isinstance(page, QTabWidget):
            for t in range(page.count()):
                page.setCurrentIndex(t)
                QApplication.processEvents()
                yield f"{key}/{t}"
        else:
            QApplication.processEvents()
            yield key


def in_scrolled_content(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: it may extend past the window and be scrolled to."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def outside(window: MainWindow) -> list[str]:
    """Visible widgets that reach past the window's edges."""
    bounds = QRect(QPoint(0, 0), window.size())
    out = []
    for w in window.findChildren(QWidget):
        if w.isWindow() or not w.isVisible() or in_scrolled_content(w):
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not bounds.contains(rect):
            out.append(f"{type(w).__name__} {w.objectName()!r} {rect.getRect()}")
    return out


def test_every_page_fits_small_screens(qtbot, demo_ledger, qsettings, lang: str) -> None:
    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.show()
    for width, height in SCREENS:
        window.resize(width, height)
        for name in views(window):
            where = f"{lang} {name} at {width}×{height}"
            hint, minimum = window.minimumSizeHint(), window.minimumSize()
            assert hint.width() <= width and hint.height() <= height, f"{where}: needs {hint}"
            assert minimum.width() <= width and minimum.height() <= height, f"{where}: {minimum}"
            assert (window.width(), window.height()) == (width, height), where
            assert outside(window) == [], where

            bar = window.statusBar()
            assert bar.isVisible() and window.office_label.isVisible(), where
            assert window.office_label.width() >= window.office_label.sizeHint().width(), where

            page = window.current_register()
            if page is None:
                continue
            assert isinstance(page, RegisterPage)
            assert page.search.isVisible() and page.search.width() >= SEARCH_MIN, \
                f"{where}: search box {page.search.width()} px"
            controls = [*page.filter_buttons.values(), page.show_deleted, *page.buttons.values()]
            for control in controls:
                assert control.isVisible(), f"{where}: {control.text()}"
                assert control.width() >= control.sizeHint().width(), \
                    f"{where}: {control.text()!r} squeezed to {control.width()} px"
            assert page.view.isVisible() and page.view.height() >= 200, where


def test_long_filter_labels_are_cut_with_the_whole_name_in_the_tooltip(
        qtbot, demo_ledger, qsettings, lang: str) -> None:
    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    page = window.register_page("inspection")
    field = page.kind.field("item_mark")
    button = page.filter_buttons[field.key]
    full = field.zh if lang == "zh" else field.en[:1].upper() + field.en[1:]
    assert full in button.toolTip()
    label = button.text().removesuffix(" ▾")
    if lang == "en":  # "Printing and use of the mark" is long; "专用标志印制/使用" is not
        assert label.endswith("…") and full.startswith(label[:-1])
    else:
        assert label == full
    page.set_filter(field.key, ["pass"])
    assert button.text() == f"{label}（1）▾"


def test_a_long_restricted_view_label_wraps_inside_the_window(
        qtbot, demo_ledger, qsettings, lang: str) -> None:
    window = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.register_page("annual-report")
    page.show_ids(tuple(page.model.ids()[:2]), "行唐县康禾粉条种植有限公司的年报" * 6)
    QApplication.processEvents()
    assert page.ids_label.isVisible() and page.ids_label.height() > page.search.height()  # wrapped
    assert window.minimumSizeHint().width() <= 1024 and window.width() == 1024
    assert outside(window) == []
    page.show_ids(None)
    assert not page.ids_label.isVisible()


@pytest.mark.parametrize("kind", ["stats", "inspection", "annual-report"])
def test_column_titles_are_wide_enough_or_cut_with_an_ellipsis(
        qtbot, demo_ledger, qsettings, lang: str, kind: str) -> None:
    from PySide6.QtCore import Qt

    from ui.undo import LedgerUndo

    page = RegisterPage(demo_ledger, kind, LedgerUndo(demo_ledger), qsettings)
    qtbot.addWidget(page)
    header = page.view.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    cap = page.view.fontMetrics().averageCharWidth() * 20
    for n in range(page.model.columnCount()):
        if page.view.isColumnHidden(n):  # long texts, shown from the header's menu
            continue
        title = page.model.headerData(n, Qt.Orientation.Horizontal)
        assert page.model.headerData(n, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        needed = min(header.fontMetrics().horizontalAdvance(title), cap)
        assert page.view.columnWidth(n) >= needed, f"{title!r}: {page.view.columnWidth(n)} px"
