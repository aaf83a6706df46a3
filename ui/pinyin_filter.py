"""Pick-lists that find entries by pinyin initials or full pinyin (``xtdz`` → 行唐大枣).

:class:`PinyinCompleter` is the one completer every pick-list uses (a reference field's
enterprises or GIs, a county's towns, the city's units): its popup lists the labels that
:class:`desktop.pinyin_list.PinyinList` finds for the typed text (a substring, or pinyin as
:func:`desktop.pinyin.matches` reads it). The spellings of a long list (20,000 enterprises,
about 2.5 s) are made in slices of idle time after the list is loaded, so typing never waits;
until they are all made, labels not spelt yet are matched as text, and the popup is filled
again when the last is made. :func:`searchable_combo` gives a fixed drop-down (the city's unit
selector) the same typing, :func:`filter_menu` a long menu of checkable entries (a register
page's 单位 filter) a line that hides the entries the typed text does not find.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QMenu, QWidgetAction

from desktop import divisions
from desktop.pinyin_list import PinyinList

__all__ = ["PinyinCompleter", "searchable_combo", "filter_menu", "division_completer", "SLICE_S",
           "MENU_FILTER_MIN"]

log = logging.getLogger(__name__)

SLICE_S = 0.012
"""Seconds of spelling work per idle moment while a long list is prepared."""
MENU_FILTER_MIN = 8
"""A menu with at least this many checkable entries gets a filter line."""


class PinyinCompleter(QCompleter):
    """A popup completer over ``labels`` that matches by substring or pinyin.

    ``keys`` are what each label is found by (default: the label). ``picked(label)`` is called
    when the clerk picks an entry (besides the completer's own ``activated``).
    """

    def __init__(self, labels: Sequence[str], parent: QObject | None = None,
                 keys: Sequence[str] | None = None, picked: Callable[[str], None] | None = None):
        self.items = PinyinList(labels, keys)
        self.results = QStringListModel(list(self.items.labels))
        super().__init__(self.results, parent)
        self.results.setParent(self)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        self._query = ""
        self._partial = False
        """The results were made before every spelling was (filled again when all are)."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._prepare_slice)
        if picked is not None:
            self.activated[str].connect(picked)  # type: ignore[index]  # the str overload
        if not self.items.prepare(SLICE_S):
            self._timer.start()

    # ---- the filter -------------------------------------------------------------------

    def splitPath(self, path: str) -> list[str]:
        """Qt asks how to match ``path``: the results are filtered here, and every one of them
        matches the empty string Qt is handed back."""
        self.set_query(path)
        return [""]

    def set_query(self, text: str) -> None:
        """List the labels ``text`` finds."""
        if text == self._query and not self._partial:
            return
        self._query = text
        self._partial = not self.items.ready
        labels = self.items.filtered_labels(text, wait=False)
        if labels != self.results.stringList():
            self.results.setStringList(labels)

    def shown(self) -> list[str]:
        """The labels listed now."""
        return self.results.stringList()

    def wait_ready(self) -> None:
        """Make every spelling now (tests; a clerk never waits for this)."""
        self.items.prepare()
        self._done()

    # ---- spelling a long list in idle time -----------------------------------------------------

    def _prepare_slice(self) -> None:
        if self.items.prepare(SLICE_S):
            self._done()

    def _done(self) -> None:
        self._timer.stop()
        if self._partial:
            self.set_query(self._query)
            popup = self.popup()
            if popup is not None and popup.isVisible():
                self.complete()


def searchable_combo(combo: QComboBox) -> PinyinCompleter:
    """Let the clerk type into a fixed drop-down to find an entry by text or pinyin (the
    entries stay the only choices: text that names none is put back on leaving the box)."""
    labels = [combo.itemText(i) for i in range(combo.count())]
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = PinyinCompleter(labels, combo)
    combo.setCompleter(completer)
    edit = combo.lineEdit()
    assert isinstance(edit, QLineEdit)  # an editable combo box has one

    def restore() -> None:
        if combo.findText(combo.currentText()) < 0:
            combo.setEditText(combo.itemText(combo.currentIndex()))

    edit.editingFinished.connect(restore)
    return completer


def filter_menu(menu: QMenu) -> QLineEdit | None:
    """A line at the top of ``menu`` (filled, about to show) when it has many checkable entries:
    typing a name or its pinyin hides the entries it does not find. None for a short menu."""
    entries = [a for a in menu.actions() if a.isCheckable()]
    if len(entries) < MENU_FILTER_MIN:
        return None
    edit = QLineEdit(menu)
    edit.setObjectName("menu_filter")
    edit.setClearButtonEnabled(True)
    edit.setPlaceholderText(QCoreApplication.translate("PinyinFilter", "输入名称或拼音筛选"))
    holder = QWidgetAction(menu)
    holder.setDefaultWidget(edit)
    menu.insertAction(menu.actions()[0], holder)
    items = PinyinList([a.text() for a in entries])

    def show_found(text: str) -> None:
        found = set(items.filter(text))
        for n, action in enumerate(entries):
            action.setVisible(n in found)

    def focus() -> None:
        menu.setActiveAction(holder)
        edit.setFocus()

    edit.textChanged.connect(show_found)
    QTimer.singleShot(0, edit, focus)  # once the menu is shown, the keys go to the line
    return edit


def division_completer(edit: QLineEdit, office_code: str,
                       picked: Callable[[str, str], None]) -> PinyinCompleter:
    """A completer on a division-code line offering the divisions below ``office_code`` (a
    city's counties; a province's cities and their counties) as ``130183 晋州市``, found by
    code, name or pinyin; ``picked(code, name)`` once the line shows the code alone."""
    below = divisions.children(office_code)
    if below and all(d.level == "city" for d in below):
        below = [x for d in below for x in [d, *divisions.children(d.code)]]
    completer = PinyinCompleter([f"{d.code} {d.name}" for d in below], edit,
                                keys=[f"{d.code}{d.name}" for d in below])

    def chosen(label: str) -> None:
        code, _, name = label.partition(" ")

        def show() -> None:
            edit.setText(code)
            picked(code, name)

        QTimer.singleShot(0, edit, show)  # after the completer has put the label in the line

    completer.activated[str].connect(chosen)  # type: ignore[index]  # the str overload
    edit.setCompleter(completer)
    return completer
