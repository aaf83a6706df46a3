"""The table model of a register: ids in display order, rows fetched a page at a time.

Filtering and sorting run in SQL (:mod:`desktop.browse`), never in a
``QSortFilterProxyModel``: a proxy over a Python model took 8.6 s to filter 100,000 rows.
The model keeps only the ordered id list and a small cache of fetched pages.

On a large file (:func:`ui.background.is_large`: 2.3 million annual reports in a full city
take 2.4 s to list) the first list is read in the background, on a connection of its own, so
the window that opens on a register is drawn at once; ``loading`` is true meanwhile. A new search
text shows its first page at once (:meth:`desktop.browse.Browser.first_page`, milliseconds even
for the first letter typed in a full city); when more match, the whole list (seconds in a full
city) is read in the background and added below it, and the clerk goes on typing meanwhile: a
newer search interrupts the one under way (SQLite's ``interrupt``) and only the last one's list
is shown. Every other reload (filter, sort, a change) is read at once, and supersedes a list
still read in the background.
"""

from __future__ import annotations

import copy
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.browse import Browser, BrowseState, Page, RowView
from desktop.fields import FieldType
from desktop.ledger import Ledger
from desktop.tsv import register_rows_tsv
from ui.background import is_large, read_in_background

__all__ = ["RegisterModel", "ID_ROLE", "RECORD_ROLE"]

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

log = logging.getLogger(__name__)
PAGE = 200
MAX_PAGES = 40
FIRST_PAGE = 200
"""Matches shown at once for a new search text; the rest follow from the background."""

_Index = QModelIndex | QPersistentModelIndex
_NUMERIC = {FieldType.INT, FieldType.YEAR, FieldType.DECIMAL}


class RegisterModel(QAbstractTableModel):
    """Rows of one register as the :class:`BrowseState` selects and orders them."""

    reloaded = Signal(int)
    """Emitted after every reload with the new row count."""

    def __init__(self, browser: Browser, lang: str = "zh", parent: Any = None):
        super().__init__(parent)
        self.browser = browser
        self.state = BrowseState()
        self.lang = lang
        self._ids: list[str] = []
        self._pages: OrderedDict[int, dict[str, RowView]] = OrderedDict()
        self._deleted_font = QFont()
        self._deleted_font.setStrikeOut(True)
        self._generation = 0
        self._readers: dict[int, sqlite3.Connection] = {}
        """Generation → the connection a background read of it runs on (to interrupt it)."""
        self.loading = False
        """True while the first list of a large file is read in the background."""
        path = browser.ledger.path
        self._large_path = path if path is not None and is_large(browser.ledger) else None
        """The file, when it is large enough for its lists to be read in the background."""
        if self._large_path is not None:
            self._load_in_background(self._large_path)
        else:
            self.reload()

    # ---- state --------------------------------------------------------------------

    def _interrupt_readers(self) -> None:
        """Stop the background reads under way: a newer list supersedes them."""
        for conn in list(self._readers.values()):
            try:
                conn.interrupt()  # allowed from another thread; the read ends with "interrupted"
            except sqlite3.ProgrammingError:  # it finished and closed meanwhile
                pass
        self._readers.clear()

    def _load_in_background(self, path: Any, *, below: bool = False, first: bool = False) -> None:
        """Read the list on a connection of its own; then show it. ``below``: the rest of a
        search whose first page is shown (same generation), added under it; ``first``: a new
        search text, its first page read first (then the rest, if more match)."""
        if not below:
            self._interrupt_readers()
            self._generation += 1
        self.loading = True
        generation, state, kind = self._generation, copy.deepcopy(self.state), self.browser.kind.key

        def read(worker: Ledger) -> list[str] | Page:
            if generation != self._generation:
                return []  # superseded before it started
            self._readers[generation] = worker.db.conn
            try:
                browser = Browser(worker, kind)
                page = browser.first_page(state, FIRST_PAGE) if first else None
                return page if page is not None else browser.ids(state)
            finally:
                self._readers.pop(generation, None)

        def done(result: object) -> None:
            if generation != self._generation:
                return  # a reload since has read the list already (or a newer search)
            if isinstance(result, Page):
                self._show_first_page(result, path)
                return
            if not isinstance(result, list):
                log.warning("the list of %s could not be read in the background: %s", kind, result)
                self.reload()
                return
            self.loading = False
            if below:
                self._extend(result)
            else:
                self.beginResetModel()
                self._ids = result
                self._pages.clear()
                self.endResetModel()
            self.reloaded.emit(len(self._ids))

        read_in_background(self, path, read, done, name=f"list-{kind}")

    def reload(self) -> None:
        """Query again (after a change, a new search, filter or sort)."""
        self._interrupt_readers()
        self._generation += 1
        self.loading = False
        self.beginResetModel()
        self._ids = self.browser.ids(self.state)
        self._pages.clear()
        self.endResetModel()
        self.reloaded.emit(len(self._ids))

    def set_search(self, text: str) -> None:
        """Search as the clerk types: the first page of matches is shown first
        (:meth:`desktop.browse.Browser.first_page`: a few milliseconds even for the first
        letter in a full city); when more match, ``loading`` stays true while the whole list is
        read in the background and then added below the first page (selection and scroll
        position kept). On a large file the first page too is read in the background (a long
        id typed in a full city can take a second), and a newer text interrupts it."""
        if text == self.state.search:
            return
        self.state.search = text
        if self._large_path is not None:
            self._load_in_background(self._large_path, first=bool(text.strip()))
            return
        page = self.browser.first_page(self.state, FIRST_PAGE) if text.strip() else None
        if page is None:
            self.reload()
            return
        self._interrupt_readers()
        self._generation += 1
        self._show_first_page(page, self.browser.ledger.path)

    def _show_first_page(self, page: Page, path: Any) -> None:
        """Show a search's first page; read the rest (in the background when there is a file)."""
        self.beginResetModel()
        self._ids = page.ids
        self._pages.clear()
        self.endResetModel()
        if page.complete:
            self.loading = False
        elif path is None:  # a database in memory (tests): no second connection to read on
            self.loading = False
            self._extend(self.browser.ids(self.state))
        else:
            self._load_in_background(path, below=True)
        self.reloaded.emit(len(self._ids))

    def _extend(self, ids: list[str]) -> None:
        """The whole list, after its first page is shown: the rows past the page are inserted
        (a reset when the first page changed meanwhile, which a write in between can do)."""
        shown = len(self._ids)
        if ids[:shown] != self._ids:
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
        elif len(ids) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self._pages.clear()  # a page fetched with the first page's ids lacks the rows after
            self.endInsertRows()

    def set_filter(self, key: str, values: list[Any]) -> None:
        self.state.filters[key] = list(values)
        self.reload()

    def set_units(self, units: list[str]) -> None:
        """City and province mode: show only the records of these units (empty: all)."""
        self.state.units = list(units)
        self.reload()

    def set_ids(self, ids: tuple[str, ...] | None, label: str = "") -> None:
        """Show only these records (None: all)."""
        self.state.ids = ids
        self.state.ids_label = label if ids is not None else ""
        self.reload()

    def set_include_deleted(self, on: bool) -> None:
        self.state.include_deleted = on
        self.reload()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._pages.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, self.columnCount() - 1))

    def ids(self) -> list[str]:
        return list(self._ids)

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rows_as_tsv(self, rows: Sequence[int], columns: Sequence[int]) -> str:
        """These rows and columns (in the order given) as tab-separated text with a header
        line, for pasting into Excel or WPS. Reads the records in chunks straight from the
        database, not through the page cache, so copying thousands of rows stays quick."""
        ids = [self._ids[r] for r in rows if 0 <= r < len(self._ids)]
        keys = [self.browser.columns[c].key for c in columns if 0 <= c < len(self.browser.columns)]
        return register_rows_tsv(self.browser, ids, keys, self.lang)

    # ---- Qt model -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.browser.columns)

    def _row(self, row: int) -> RowView | None:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self.browser.rows(self._ids[page_no * PAGE:(page_no + 1) * PAGE], self.lang)
            self._pages[page_no] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        column = self.browser.columns[index.column()]
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.TextAlignmentRole, RECORD_ROLE):
            return None
        view = self._row(index.row())
        if view is None:  # deleted by someone else since the list was made
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == RECORD_ROLE:
            return view.record
        if role == Qt.ItemDataRole.DisplayRole:
            text = view.texts.get(column.key, "")
            return text if len(text) <= 120 else text[:118] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = view.texts.get(column.key, "")
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.ForegroundRole and view.record.deleted:
            return QBrush(QColor("#999999"))
        if role == Qt.ItemDataRole.FontRole and view.record.deleted:
            return self._deleted_font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.field is not None \
                and column.field.type in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.browser.columns)):
            if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
                return section + 1
            return None
        column = self.browser.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.zh if self.lang == "zh" else column.en[:1].upper() + column.en[1:]
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.zh if self.lang == "zh" else column.en[:1].upper() + column.en[1:]  # in full
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.browser.columns)):
            return
        self.layoutAboutToBeChanged.emit()
        self.state.sort_key = self.browser.columns[column].key
        self.state.descending = order == Qt.SortOrder.DescendingOrder
        old = self.persistentIndexList()
        old_ids = [self.id_at(i.row()) for i in old]
        self._interrupt_readers()
        self._generation += 1  # supersedes a list still read in the background
        self.loading = False
        self._ids = self.browser.ids(self.state)
        self._pages.clear()
        if old:  # keep the selection on the same records
            position = {rid: row for row, rid in enumerate(self._ids)}
            self.changePersistentIndexList(old, [
                self.index(position[rid], i.column()) if rid in position else QModelIndex()
                for rid, i in zip(old_ids, old, strict=True)])
        self.layoutChanged.emit()
        self.reloaded.emit(len(self._ids))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
