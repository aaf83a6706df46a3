"""The main window's find box: one text searched in every register as the clerk types (Ctrl+K).

A box on the window's tool bar; typing waits :data:`DELAY_MS` after the last key, then searches
the registers one at a time (:func:`desktop.find.iter_find`, a register per idle moment), so a
new key drops the search under way and its results. The popup under the box lists each
register's matches under a header (用标主体（共 N 条）), with 显示全部 to show them all on the
register's page (its search box set to the text); arrow keys move, Enter or a click opens the
record in its editor on its page, Esc closes the popup. The window hooks it in with
:func:`install_find_box`.

On a large file (:func:`ui.background.is_large`: a city holding all its counties) a broad text
can take seconds in one register, too long for an idle moment: the search then runs on a thread
of its own, on a connection of its own, and hands each register's group to the box as it is
found; a new key stops it (its cancel flag, and SQLite's ``interrupt`` for the query under way)
and what it still hands over is dropped.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QMenu, QToolBar, QWidget

from desktop.find import PER_KIND, FindGroup, iter_find, searchable
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from ui.background import is_large
from ui.editors.i18n import kind_label, language

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.pages.register_page import RegisterPage

__all__ = ["FindBox", "FindPopup", "install_find_box", "SHORTCUT", "DELAY_MS", "HIT", "ALL"]

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+K"
DELAY_MS = 150
"""The search starts this long after the last key."""
BOX_CHARS = 26
"""The box is this many average characters wide."""
POPUP_MIN_WIDTH = 640
HIT = 1
ALL = 2
"""Item roles in the popup (Qt.UserRole): a record (kind, id) or a register's 显示全部 (kind)."""
_ROLE = Qt.ItemDataRole.UserRole


class _Relay(QObject):
    """Hands what the background search finds to the GUI thread (queued signals)."""

    group = Signal(int, object)
    """(generation, FindGroup)"""
    done = Signal(int)
    """generation: the search of that text has ended (found all, or stopped)"""


class FindPopup(QListWidget):
    """The list under the find box: a header per register, its hits, and 显示全部.

    A child of the window (drawn over the page), never focused: the keys stay in the box.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("find_popup")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setStyleSheet("QListWidget#find_popup { border: 1px solid palette(mid); background: palette(base); }"
                           "QListWidget#find_popup::item { padding: 3px 8px; }")
        self.hide()

    def add_group(self, group: FindGroup, text: str) -> None:
        """Append one register's header, hits and 显示全部."""
        kind = REGISTRY[group.kind]
        title = QCoreApplication.translate("FindBox", "{0}（共 {1} 条）").format(kind_label(kind), group.total)
        header = QListWidgetItem(title, self)
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, never chosen
        font = QFont(self.font())
        font.setBold(True)
        header.setFont(font)
        header.setBackground(self.palette().alternateBase())
        for hit in group.hits:
            label = f"{hit.title}　{hit.detail}　{hit.id}" if hit.detail else f"{hit.title}　{hit.id}"
            item = QListWidgetItem("    " + label, self)
            item.setData(_ROLE, (HIT, hit.kind, hit.id))
            item.setToolTip(label)
        every = QCoreApplication.translate("FindBox", "显示全部 {0} 条…").format(group.total)
        more = QListWidgetItem("    " + every, self)
        more.setData(_ROLE, (ALL, group.kind, text))
        more.setForeground(self.palette().link())
        if self.currentRow() < 0:
            self.move_by(1)

    def say(self, text: str) -> None:
        """A line that is no record (nothing found, still searching)."""
        item = QListWidgetItem(text, self)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def entries(self) -> list[QListWidgetItem]:
        """The items that can be chosen (hits and 显示全部), in order."""
        return [it for i in range(self.count()) if (it := self.item(i)) is not None and it.data(_ROLE)]

    def move_by(self, step: int) -> None:
        """Move the current item to the next (``step`` 1) or previous (-1) that can be chosen."""
        row = self.currentRow()
        n = self.count()
        start = row if row >= 0 else (-1 if step > 0 else n)
        r = start + step
        while 0 <= r < n:
            item = self.item(r)
            if item is not None and item.data(_ROLE):
                self.setCurrentRow(r)
                if r == next(i for i in range(n) if (it := self.item(i)) is not None and it.data(_ROLE)):
                    self.scrollToTop()  # the first entry: its register's header shown too
                else:
                    self.scrollToItem(item)
                return
            r += step


class FindBox(QLineEdit):
    """The find-anything box of a :class:`ui.main_window.MainWindow`.

    Emits ``searched(text)`` when a search has listed every register (tests wait on it).
    """

    searched = Signal(str)

    def __init__(self, window: MainWindow, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("find_box")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(QCoreApplication.translate("FindBox", "查找全部台账（{0}）").format(SHORTCUT))
        self.setToolTip(QCoreApplication.translate(
            "FindBox", "按名称、编号、信用代码或拼音查找各类记录（{0}）").format(SHORTCUT))
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * BOX_CHARS + 30)
        self.popup = FindPopup(window)
        self.popup.itemClicked.connect(self._choose)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._step_timer = QTimer(self)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self.step)
        self._search: Iterator[FindGroup] | None = None
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.group.connect(self._found_in_background)
        self._relay.done.connect(self._ended_in_background)
        self._stop_flag: threading.Event | None = None
        self._readers: dict[int, sqlite3.Connection] = {}
        """Generation → the connection its background search runs on (to interrupt it)."""
        self._text = ""
        self._found = 0
        self.textChanged.connect(self._edited)
        window.installEventFilter(self)

    # ---- searching, a register at a time ----------------------------------------------

    def _edited(self, _text: str) -> None:
        self._stop()
        self._timer.start()

    def _stop(self) -> None:
        self._generation += 1  # what a stopped background search still hands over is dropped
        if self._stop_flag is not None:
            self._stop_flag.set()
            self._stop_flag = None
        for reader in list(self._readers.values()):
            try:
                reader.interrupt()  # the query under way ends with "interrupted"
            except sqlite3.ProgrammingError:  # it ended and closed meanwhile
                pass
        self._readers.clear()
        self._step_timer.stop()
        if self._search is not None:
            close = getattr(self._search, "close", None)
            if close is not None:
                close()
        self._search = None

    def run_now(self) -> None:
        """Search the text now, without waiting for the pause after the last key."""
        self._timer.stop()
        self._start()

    def _start(self) -> None:
        self._stop()
        text = self.text().strip()
        self.popup.clear()
        self._text = text
        self._found = 0
        if not searchable(text):
            self.popup.hide()
            return
        self.popup.say(QCoreApplication.translate("FindBox", "正在查找…"))
        self._place()
        path = self.window_.ledger.path
        if path is not None and is_large(self.window_.ledger):
            self._search_in_background(path, text)
            return
        self._search = iter_find(self.window_.ledger, text, per_kind=PER_KIND, lang=language())
        self._step_timer.start()

    def _search_in_background(self, path: Path, text: str) -> None:
        generation, lang, relay = self._generation, language(), self._relay
        stop = self._stop_flag = threading.Event()

        def work() -> None:
            try:
                with Ledger.open(path) as worker:
                    if stop.is_set():
                        return
                    self._readers[generation] = worker.db.conn
                    try:
                        for group in iter_find(worker, text, per_kind=PER_KIND, lang=lang, cancelled=stop.is_set):
                            if stop.is_set():
                                break
                            try:
                                relay.group.emit(generation, group)
                            except RuntimeError:  # the box (and its relay) went away meanwhile
                                return
                    finally:
                        self._readers.pop(generation, None)
            except (Cancelled, sqlite3.OperationalError) as e:
                if not stop.is_set():
                    log.warning("find %r: %s", text, e)
            except Exception:  # a thread nobody watches: logged, and the box says nothing found
                log.exception("find %r in %s", text, path)
            try:
                relay.done.emit(generation)
            except RuntimeError:  # the box (and its relay) went away meanwhile
                log.debug("find %r: nobody waits for it any more", text)

        threading.Thread(target=work, name="find", daemon=True).start()

    def _found_in_background(self, generation: int, group: FindGroup) -> None:
        if generation != self._generation:
            return
        if self._found == 0:
            self.popup.clear()
        self._found += 1
        self.popup.add_group(group, self._text)
        self._place()

    def _ended_in_background(self, generation: int) -> None:
        if generation == self._generation:
            self._finish()

    def step(self) -> None:
        """Search the next register of the search under way and list what it found (the
        window calls this in idle moments)."""
        search = self._search
        if search is None:
            self._step_timer.stop()
            return
        try:
            group = next(search)
        except StopIteration:
            self._finish()
            return
        except Cancelled:
            self._stop()
            return
        if self._found == 0:
            self.popup.clear()
        self._found += 1
        self.popup.add_group(group, self._text)
        self._place()

    def _finish(self) -> None:
        self._stop()
        if self._found == 0:
            self.popup.clear()
            self.popup.say(QCoreApplication.translate("FindBox", "没有找到“{0}”").format(self._text))
            self._place()
        self.searched.emit(self._text)

    # ---- the popup ------------------------------------------------------------------

    def _place(self) -> None:
        """Put the popup under the box, as tall as its items (up to most of the window)."""
        window = self.window_
        popup = self.popup
        top_left = self.mapTo(window, QPoint(0, self.height()))
        width = max(self.width(), POPUP_MIN_WIDTH)
        left = max(0, min(top_left.x(), window.width() - width))
        rows = sum(popup.sizeHintForRow(i) for i in range(popup.count())) + 2 * popup.frameWidth() + 4
        height = max(40, min(rows, window.height() - top_left.y() - 30))
        popup.setGeometry(left, top_left.y(), min(width, window.width()), height)
        popup.show()
        popup.raise_()

    def close_popup(self) -> None:
        self.popup.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.popup.isVisible():
            self.popup.move_by(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self._search is not None:
                self._timer.stop()
                self._run_to_end()
            item: QListWidgetItem | None = self.popup.currentItem()
            if item is None or not item.data(_ROLE):
                entries = self.popup.entries()
                item = entries[0] if entries else None
            if item is not None:
                self._choose(item)
            return
        if key == Qt.Key.Key_Escape:
            if self.popup.isVisible():
                self.close_popup()
            else:
                self.clear()
            return
        super().keyPressEvent(event)

    def _run_to_end(self) -> None:
        """Enter pressed before the search ended: finish it now (the clerk waits for it)."""
        if self._search is None:
            self._start()
        while self._search is not None:
            self.step()

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]  # a QFocusEvent
        QTimer.singleShot(150, self, self._close_unless_focused)

    def _close_unless_focused(self) -> None:
        if not self.hasFocus():
            self.close_popup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Resize and self.popup.isVisible():
            self._place()
        return False

    # ---- opening what was chosen -----------------------------------------------------

    def _choose(self, item: QListWidgetItem) -> None:
        data = item.data(_ROLE)
        if not data:
            return
        role, kind, value = data
        self.close_popup()
        if role == HIT:
            open_found(self.window_, kind, value)
        else:
            show_all(self.window_, kind, value)

    def focus(self) -> None:
        """Ctrl+K: the cursor into the box, its text selected (the popup back if it had one)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.popup.count() and searchable(self.text()):
            self._place()


def open_found(window: MainWindow, kind: str, record_id: str) -> None:
    """Open a record found: its register's page in front, the record selected (the page's
    search and filters cleared if they hide it) and its editor open."""
    page = window.register_page(kind)
    if not page.select_id(record_id):
        _search_page(page, "")
        if not page.select_id(record_id):
            log.warning("a record found is not on its page: %s %s", kind, record_id)
            return
    page.edit_current()


def show_all(window: MainWindow, kind: str, text: str) -> None:
    """显示全部: the register's page with its search box set to the text and no filters, so it
    lists every match the find box counted."""
    page = window.register_page(kind)
    _search_page(page, text)
    page.view.setFocus()


def _search_page(page: RegisterPage, text: str) -> None:
    """The page's search set to ``text`` (now, not after the box's pause), every filter and
    restriction to some records taken off."""
    state = page.model.state
    if state.ids is not None:
        page.show_ids(None)
    for key, values in list(state.filters.items()):
        if values:
            page.set_filter(key, [])
    if state.units:
        page.set_units([])
    page.search.setText(text)
    if state.search != text:
        page.model.set_search(text)  # now, not after the search box's pause


def install_find_box(window: MainWindow, menu: QMenu) -> FindBox:
    """The find box on the window's tool bar (made once; the language changed: made again)
    and 查找全部台账 (Ctrl+K) in ``menu``."""
    bar = window.findChild(QToolBar, "find_toolbar")
    if bar is None:
        bar = QToolBar(window)
        bar.setObjectName("find_toolbar")
        bar.setMovable(False)
        window.addToolBar(bar)
    bar.clear()
    old = getattr(window, "find_box", None)
    if isinstance(old, FindBox):
        old.popup.deleteLater()
        old.deleteLater()
    bar.setWindowTitle(QCoreApplication.translate("FindBox", "查找"))
    box = FindBox(window, bar)
    bar.addWidget(box)
    action = QAction(QCoreApplication.translate("FindBox", "查找全部台账…"), window)
    action.setObjectName("action_find_anything")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(box.focus)
    menu.addAction(action)
    window.addAction(action)
    window.find_box = box  # type: ignore[attr-defined]  # an attribute set at run time
    window.action_find_anything = action  # type: ignore[attr-defined]  # an attribute set at run time
    return box
