"""What a screen says: every text a clerk can see in a window, and which of it is in the wrong
language (for the language-switch tests)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
"""A word with a small letter (not a code such as a key fingerprint's FFCD)."""
LATIN_IN_CHINESE = frozenset({"GI", "ID", "Excel", "WPS", "PDF", "xlsx", "eml", "USCC", "QR", "Ed25519",
                              "SHA", "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "Del",
                              "TrueType", "ttf", "ttc", "otf", "STSong", "Light"})
"""Words a Chinese screen may hold: names of things, and the keys (as a Chinese keyboard and
Windows label them)."""


def _menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(cast(QMenu, action.menu()))
        elif not action.isSeparator():
            yield "menu item", action.text()
            yield "menu item tooltip", action.toolTip() if action.toolTip() != action.text() else ""


def _view_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", lambda: None)()
    if header is not None and header.isVisible():
        for column in range(model.columnCount()):
            if not header.isSectionHidden(column):
                yield "header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                yield "header tooltip", str(tip or "")


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible widget's text, title, header, placeholder and tooltip,
    the menus and the window title. Table cells (records) are left out: they are data."""
    out: list[tuple[str, str]] = [("window title", window.windowTitle())]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.menu() is not None:
                out += _menu_texts(cast(QMenu, action.menu()))
        out.append(("status", window.statusBar().currentMessage()))
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or isinstance(w, QMenu):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            out.append((name, w.currentText()))
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            out.append((name, w.toPlainText()))
        elif isinstance(w, QTabWidget):
            out += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QListWidget):
            out += [(f"{name} item", w.item(i).text()) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView):
            out += [(f"{name} {k}", t) for k, t in _view_texts(w)]
    return [(where, text) for where, text in out if text]


def _without(text: str, data: Iterable[str]) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: the tags are not shown
    text = re.sub(r"--[a-z][a-z-]*", " ", text)  # a command-line option is a name
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def wrong_language(texts: Iterable[tuple[str, str]], lang: str, data: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The texts not in ``lang`` once the ``data`` strings (office names, record values) are
    taken out: Chinese characters or full-width punctuation on an English screen; English words
    on a Chinese one (names of things such as Excel excepted)."""
    data = list(data)
    wrong = []
    for where, text in texts:
        rest = _without(text, data)
        if lang == "en":
            if CJK.search(rest):
                wrong.append((where, text))
        elif any(len(word) > 2 and word not in LATIN_IN_CHINESE for word in ENGLISH_WORD.findall(rest)):
            wrong.append((where, text))
    return wrong
