"""One editor widget per field type (see :class:`desktop.fields.FieldType`).

Every editor is a :class:`FieldEditor`: ``value()`` gives what the clerk entered, as a
Python value or as text for :meth:`desktop.fields.Field.coerce` to read (None when
empty); ``set_value(v)`` shows a stored value; ``changed`` fires on every edit (and once
per ``set_value``; block the editor's signals while loading a record). Editors check
nothing themselves: parsing and rules live in :mod:`desktop` (``Field.coerce``,
``Ledger.validate``), so "1,234" or "2024年5月1日" are accepted exactly as the command
line and packets accept them.

``make_editor(field, ctx)`` picks the widget for a field. ``EditorContext`` holds what a
few editors need besides their field: the ledger (records a REF field can point to), the
towns of the record's office (the ``towns`` pick-list) and today's date (the calendar).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from db.records import RecordNotFound
from desktop import divisions
from desktop.browse import reference_options
from desktop.fields import LIST_SEPARATORS, Choice, Field, FieldError, FieldType
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import REGISTRY
from ui.editors import i18n
from ui.pinyin_filter import PinyinCompleter

__all__ = [
    "EditorContext",
    "RefIndex",
    "FieldEditor",
    "LineEditor",
    "UsccEditor",
    "NumberEditor",
    "LongTextEditor",
    "DateEditor",
    "BoolEditor",
    "ChoiceEditor",
    "MultiEditor",
    "ListEditor",
    "TownsEditor",
    "RefEditor",
    "make_editor",
    "ref_text",
    "record_caption",
    "unit_of",
]

MULTI_CHECKBOX_LIMIT = 6
"""Multi-choice fields with at most this many choices are a grid of check boxes; longer
ones a checkable list."""
LONGTEXT_MIN_LINES = 3
LONGTEXT_MAX_LINES = 12
"""A long-text box grows with its text up to this many lines, then scrolls."""
TOWN_COLUMNS = 4
_ID_IN_TEXT = re.compile(r"[（(]\s*([A-Za-z]+-[0-9A-Za-z]+-\d+)\s*[）)]\s*$")
_UNIT = re.compile(r"[（(]([^（）()]+)[）)]\s*$")



@contextmanager
def _quiet(*objects: QObject) -> Iterator[None]:
    """Block the signals of ``objects`` for the duration (programmatic changes)."""
    old = [o.blockSignals(True) for o in objects]
    try:
        yield
    finally:
        for o, was in zip(objects, old, strict=True):
            o.blockSignals(was)


def unit_of(label: str) -> str:
    """The unit in a label's trailing brackets: ``种植面积（亩）`` → ``亩``; ``""`` if none."""
    m = _UNIT.search(label)
    return m[1] if m else ""


def ref_text(rec: Record) -> str:
    """How a referenced record is named in a REF editor: ``title（id）``."""
    title_field = rec.kind.field(rec.kind.title_field)
    title = i18n.display(title_field, rec.values.get(rec.kind.title_field))
    return f"{title}（{rec.id}）" if title else rec.id


def record_caption(ledger: Ledger, rec: Record) -> str:
    """How a record is named to the clerk (in a confirmation, say): ``title（id）``. A record
    whose title is not a name (an annual report's year, an entry's reason) is named after
    the record it belongs to as well: ``某公司 2025（A-130125-000001）``."""
    kind = rec.kind
    title_field = kind.field(kind.title_field)
    title = i18n.display(title_field, rec.values.get(kind.title_field))
    if title_field.type is not FieldType.TEXT:
        owner = next((f for f in kind.refs() if f.required and rec.values.get(f.key)), None)
        if owner is not None and owner.ref:
            try:
                title = f"{ledger.get(owner.ref, rec.values[owner.key]).title} {title}".strip()
            except RecordNotFound:
                pass
    return f"{title}（{rec.id}）" if title else rec.id


@dataclass
class RefIndex:
    """The live records of one kind a REF field can point to, as ``title（id）`` labels."""

    ids: list[str] = dc_field(default_factory=list)
    labels: list[str] = dc_field(default_factory=list)
    by_label: dict[str, str] = dc_field(default_factory=dict)
    by_id: dict[str, str] = dc_field(default_factory=dict)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> RefIndex:
        """From ``(id, title)`` pairs (see :func:`desktop.browse.reference_options`)."""
        index = cls()
        for rid, title in pairs:
            label = f"{title}（{rid}）" if title else rid
            index.ids.append(rid)
            index.labels.append(label)
            index.by_label[label] = rid
            index.by_id[rid] = label
        return index


class EditorContext:
    """What editors need besides their field; shared by the editors of one form.

    ``office_code`` is the office whose towns the ``towns`` pick-list offers (the record's
    owner; this office for a new record). The referenced records of each kind are read
    once, on first need, and shared by every REF editor of that kind.
    """

    def __init__(self, ledger: Ledger | None = None, office_code: str | None = None,
                 today: Callable[[], date] | None = None):
        self.ledger = ledger
        self.office_code = office_code or (ledger.office.code if ledger is not None else "")
        self._today = today or (ledger.today if ledger is not None else date.today)
        self._refs: dict[str, RefIndex] = {}
        self._towns: list[str] | None = None

    def today(self) -> date:
        return self._today()

    def towns(self) -> list[str]:
        """Names of the towns (乡镇/街道) of the office, in code order."""
        if self._towns is None:
            self._towns = [name for _code, name in divisions.towns(self.office_code)] \
                if self.office_code else []
        return self._towns

    def is_loaded(self, kind_key: str) -> bool:
        return kind_key in self._refs

    def ref_index(self, kind_key: str) -> RefIndex:
        """Every live record of ``kind_key`` (one pass over the register, then cached)."""
        index = self._refs.get(kind_key)
        if index is None:
            index = (RefIndex.of(reference_options(self.ledger, kind_key, i18n.language()))
                     if self.ledger else RefIndex())
            self._refs[kind_key] = index
        return index

    def ref_label(self, kind_key: str, record_id: str) -> str:
        """``title（id）`` for one record id (the id alone if there is no such record)."""
        index = self._refs.get(kind_key)
        if index is not None and record_id in index.by_id:
            return index.by_id[record_id]
        if self.ledger is None or kind_key not in REGISTRY:
            return record_id
        try:
            return ref_text(self.ledger.get(kind_key, record_id))
        except RecordNotFound:
            return record_id


class FieldEditor(QWidget):
    """The common interface of the field editors."""

    changed = Signal()

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.ctx = ctx or EditorContext()
        self._read_only = False
        self.setObjectName(f"editor_{field.key}")
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(6)

    # ---- the interface --------------------------------------------------------

    def value(self) -> Any:
        """What the clerk entered: a Python value or text for ``Field.coerce``; None when empty."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (a stored Python value, or text); emits ``changed`` once."""
        self._set(value)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_read_only(read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    # ---- for subclasses -------------------------------------------------------

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def _apply_read_only(self, read_only: bool) -> None:
        for child in self.findChildren(QWidget):
            child.setEnabled(not read_only)

    def _chars(self, n: int) -> int:
        return self.fontMetrics().horizontalAdvance("0") * n + 24


class LineEditor(FieldEditor):
    """TEXT, PHONE, DIVISION: one line of text."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.key}")
        placeholder = self._placeholder()
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        self.edit.textChanged.connect(self._text_changed)
        self.box.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        if field.type is FieldType.PHONE:
            self._narrow(16)
        elif field.type is FieldType.DIVISION:
            self.edit.setMaxLength(6)
            self._narrow(8)

    def _narrow(self, chars: int, sample: str = "0") -> None:
        """A box for a short code: this many characters (like ``sample``) wide, left-aligned."""
        width = self.edit.fontMetrics().horizontalAdvance(sample * chars) + 28
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width)
        self.box.addStretch(1)

    def _placeholder(self) -> str:
        if self.field.type is FieldType.PHONE:  # a narrow box: the format (the tooltip has the help)
            return QCoreApplication.translate("FieldEditor", "手机号或区号-座机号，如 0311-8888888")
        return i18n.help_text(self.field)

    def _text_changed(self, _text: str) -> None:
        self.changed.emit()

    def value(self) -> Any:
        text = self.edit.text()
        return text if text.strip() else None

    def _set(self, value: Any) -> None:
        with _quiet(self.edit):
            self.edit.setText("" if value is None else self._format(value))
            self.edit.setCursorPosition(0)

    def _format(self, value: Any) -> str:
        return str(value)

    def _apply_read_only(self, read_only: bool) -> None:
        # Read-only rather than disabled: the text stays readable and can be copied.
        self.edit.setReadOnly(read_only)


class UsccEditor(LineEditor):
    """USCC: 18 characters, upper case as typed."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.edit.setMaxLength(18)
        self._narrow(18, "W")  # upper-case letters are wider than digits
        self.edit.textEdited.connect(self._upper)

    def _placeholder(self) -> str:
        return QCoreApplication.translate("FieldEditor", "18位，如 91130125MA0XXXXXXX")

    def _upper(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            pos = self.edit.cursorPosition()
            self.edit.setText(upper)
            self.edit.setCursorPosition(pos)


class NumberEditor(LineEditor):
    """INT, YEAR, DECIMAL: right-aligned text (``Field.coerce`` reads "1,234"), with the unit."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaximumWidth(self._chars(6 if field.type is FieldType.YEAR else 14))
        self.unit = QLabel(unit_of(i18n.field_label(field)), self)
        self.unit.setObjectName(f"unit_{field.key}")
        self.box.addWidget(self.unit)
        self.box.addStretch(1)

    def _placeholder(self) -> str:
        return ""

    def _format(self, value: Any) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.field.display(value)
        return str(value)


class LongTextEditor(FieldEditor):
    """LONGTEXT: a text box of at least three lines that grows with its text."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.edit = _GrowingText(self)
        self.edit.setObjectName(f"edit_{field.key}")
        self.edit.setTabChangesFocus(True)
        if i18n.help_text(field):
            self.edit.setPlaceholderText(i18n.help_text(field))
        self.edit.textChanged.connect(self.changed.emit)
        self.box.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def _set(self, value: Any) -> None:
        with _quiet(self.edit):
            self.edit.setPlainText("" if value is None else str(value))
        self.edit.fit()

    def _apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class _GrowingText(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        lines = int(self.document().size().height())  # in lines for a plain-text layout
        lines = max(LONGTEXT_MIN_LINES, min(LONGTEXT_MAX_LINES, lines))
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing()
                  + int(2 * self.document().documentMargin())
                  + margins.top() + margins.bottom() + 2)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:  # wrapping, hence the line count, follows the width
        super().resizeEvent(event)
        self.fit()


class DateEditor(FieldEditor):
    """DATE: typed (2024-05-01, 2024/5/1, 2024年5月1日, 20240501) or picked; can be empty."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.key}")
        self.edit.setPlaceholderText(QCoreApplication.translate("FieldEditor", "年-月-日"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(self._chars(13))
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._normalise)
        self.button = QToolButton(self)
        self.button.setObjectName(f"calendar_{field.key}")
        self.button.setText(QCoreApplication.translate("FieldEditor", "日历"))
        self.button.setToolTip(QCoreApplication.translate("FieldEditor", "从日历中选择日期"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.button.setMenu(self.menu)
        self.box.addWidget(self.edit)
        self.box.addWidget(self.button)
        self.box.addStretch(1)
        self.setFocusProxy(self.edit)

    def _text_changed(self, _text: str) -> None:
        self.changed.emit()

    def _parsed(self) -> date | None:
        try:
            v = self.field.coerce(self.edit.text())
        except FieldError:
            return None
        return v if isinstance(v, date) else None

    def _normalise(self) -> None:
        """Once the clerk leaves the box, show a readable date as 2024-05-01."""
        d = self._parsed()
        if d is not None and self.edit.text() != d.isoformat():
            self.edit.setText(d.isoformat())

    def _sync_calendar(self) -> None:
        d = self._parsed() or self.ctx.today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    def _picked(self, qd: QDate) -> None:
        self.edit.setText(date(qd.year(), qd.month(), qd.day()).isoformat())
        self.menu.close()
        self.edit.setFocus()

    def value(self) -> Any:
        text = self.edit.text()
        return text if text.strip() else None

    def _set(self, value: Any) -> None:
        text = "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
        with _quiet(self.edit):
            self.edit.setText(text)

    def _apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setClearButtonEnabled(not read_only)
        self.button.setVisible(not read_only)


class BoolEditor(FieldEditor):
    """BOOL: a check box that says 是/否, or 未填 while the value is empty.

    An empty value stays empty (None) until the clerk clicks the box, so opening and
    saving a record never turns "not stated" into "no".
    """

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self._value: bool | None = None
        self.check = QCheckBox(self)
        self.check.setObjectName(f"check_{field.key}")
        self.check.clicked.connect(self._clicked)
        self.box.addWidget(self.check)
        self.box.addStretch(1)
        self.setFocusProxy(self.check)
        self._show()

    def _clicked(self, checked: bool) -> None:
        self._value = bool(checked)
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        if self._value is None:
            self.check.setText(QCoreApplication.translate("FieldEditor", "未填"))
            self.check.setStyleSheet("color: #888;")
        else:
            self.check.setText(i18n.display(self.field, self._value))
            self.check.setStyleSheet("")

    def value(self) -> Any:
        return self._value

    def _set(self, value: Any) -> None:
        if value is None or isinstance(value, bool):
            self._value = value
        else:
            try:
                self._value = self.field.coerce(value)
            except FieldError:
                self._value = None
        with _quiet(self.check):
            self.check.setChecked(bool(self._value))
        self._show()


class _ComboBox(QComboBox):
    """A combo box that ignores the mouse wheel unless it has focus (scrolling the form
    must not change values)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceEditor(FieldEditor):
    """CHOICE: a drop-down of the labels; an empty first item when the field is optional,
    nothing chosen ("请选择") for a required field that is still empty."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None, choices: tuple[Choice, ...] | None = None):
        super().__init__(field, ctx, parent)
        self.combo = _ComboBox(self)
        self.combo.setObjectName(f"combo_{field.key}")
        self.combo.setPlaceholderText(QCoreApplication.translate("FieldEditor", "请选择"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumWidth(self._chars(10))
        if not field.required:
            self.combo.addItem("", None)
        for c in (field.choices if choices is None else choices):
            self.combo.addItem(i18n.choice_label(c), c.code)
        self.combo.setCurrentIndex(self._index_of(None))
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.box.addWidget(self.combo)
        self.box.addStretch(1)
        self.setFocusProxy(self.combo)

    def _index_changed(self, _index: int) -> None:
        self.changed.emit()

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        """Offer only ``choices`` (those that fit another field's value, see
        :meth:`desktop.fields.Field.choices_for`). The current value stays chosen even when
        it no longer fits, so nothing is lost silently and validation can say why."""
        current = self.value()
        with _quiet(self.combo):
            self.combo.clear()
            if not self.field.required:
                self.combo.addItem("", None)
            for c in choices:
                self.combo.addItem(i18n.choice_label(c), c.code)
            index = self._index_of(current)
            if index < 0 and current is not None:
                try:
                    text = i18n.choice_label(self.field.choice(current))
                except KeyError:
                    text = str(current)
                self.combo.addItem(text, current)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)

    def _index_of(self, code: Any) -> int:
        if code is None:
            return -1 if self.field.required else 0
        return self.combo.findData(code)

    def codes(self) -> list[str]:
        """The codes offered, in order (without the empty item)."""
        return [self.combo.itemData(i) for i in range(self.combo.count())
                if self.combo.itemData(i) is not None]

    def value(self) -> Any:
        return self.combo.currentData() if self.combo.currentIndex() >= 0 else None

    def _set(self, value: Any) -> None:
        with _quiet(self.combo):
            index = self._index_of(value)
            if index < 0 and value is not None:
                # Not a code of this field (text from elsewhere): keep it visible, coerce will say.
                self.combo.addItem(str(value), str(value))
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)


class MultiEditor(FieldEditor):
    """MULTI: check boxes in a grid (few choices) or a checkable list (many)."""

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self._codes = [c.code for c in field.choices]
        self.list: QListWidget | None = None
        self.checks: dict[str, QCheckBox] = {}
        if len(field.choices) <= MULTI_CHECKBOX_LIMIT:
            grid_host = QWidget(self)
            grid = QGridLayout(grid_host)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(16)
            columns = 3
            for n, c in enumerate(field.choices):
                box = QCheckBox(i18n.choice_label(c), grid_host)
                box.setObjectName(f"check_{field.key}_{c.code}")
                box.toggled.connect(self._toggled)
                grid.addWidget(box, n // columns, n % columns)
                self.checks[c.code] = box
            grid.setColumnStretch(columns, 1)
            self.box.addWidget(grid_host)
            self.setFocusProxy(next(iter(self.checks.values()), None))  # type: ignore[arg-type]  # None: no proxy
        else:
            self.list = QListWidget(self)
            self.list.setObjectName(f"list_{field.key}")
            for c in field.choices:
                item = QListWidgetItem(i18n.choice_label(c), self.list)
                item.setData(Qt.ItemDataRole.UserRole, c.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.list.itemChanged.connect(self._toggled)
            self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            rows = max(1, self.list.count())
            self.list.setFixedHeight(
                self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
            self.box.addWidget(self.list)
            self.setFocusProxy(self.list)

    def _toggled(self, *_args: Any) -> None:
        self.changed.emit()

    def _items(self) -> list[QListWidgetItem]:
        assert self.list is not None
        return [self.list.item(i) for i in range(self.list.count())]

    def value(self) -> Any:
        if self.list is None:
            codes = [code for code, box in self.checks.items() if box.isChecked()]
        else:
            codes = [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                     if item.checkState() == Qt.CheckState.Checked]
        return codes or None

    def _set(self, value: Any) -> None:
        wanted = list(value) if isinstance(value, (list, tuple)) else []
        if isinstance(value, str):
            try:
                wanted = self.field.coerce(value) or []
            except FieldError:
                wanted = []
        if self.list is None:
            with _quiet(*self.checks.values()):
                for code, box in self.checks.items():
                    box.setChecked(code in wanted)
        else:
            with _quiet(self.list):
                for item in self._items():
                    on = item.data(Qt.ItemDataRole.UserRole) in wanted
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def check(self, code: str, on: bool = True) -> None:
        """Tick (or untick) one choice as the clerk would (emits ``changed``)."""
        if self.list is None:
            self.checks[code].setChecked(on)
        else:
            for item in self._items():
                if item.data(Qt.ItemDataRole.UserRole) == code:
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _apply_read_only(self, read_only: bool) -> None:
        for box in self.checks.values():
            box.setEnabled(not read_only)
        if self.list is not None:
            self.list.setEnabled(not read_only)


class ListEditor(LineEditor):
    """LIST: items on one line, separated by semicolons (；; 、 also work)."""

    def _placeholder(self) -> str:
        if i18n.help_text(self.field):
            return i18n.help_text(self.field)
        return QCoreApplication.translate("FieldEditor", "用分号分隔")

    def _format(self, value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return "；".join(str(v) for v in value)
        return str(value)


class TownsEditor(FieldEditor):
    """The ``towns`` list: tick the office's towns, or type others.

    Names already in the record that are not towns of the office (an old name, a village)
    are shown ticked too, so nothing is lost; the order of the record is kept.
    """

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        host = QWidget(self)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(4)
        self._grid_host = QWidget(host)
        self.grid = QGridLayout(self._grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.checks: dict[str, QCheckBox] = {}
        self._office_towns = list(self.ctx.towns())
        for name in self._office_towns:
            self._add_box(name)
        self.grid.setColumnStretch(TOWN_COLUMNS, 1)
        self._grid_host.setVisible(bool(self.checks))
        v.addWidget(self._grid_host)
        self.free = QLineEdit(host)
        self.free.setObjectName(f"edit_{field.key}")
        if self.checks:
            self.free.setPlaceholderText(
                QCoreApplication.translate("FieldEditor", "其他地点，用分号分隔"))
        else:
            self.free.setPlaceholderText(
                QCoreApplication.translate("FieldEditor", "乡镇名称，用分号分隔"))
        self.free.textChanged.connect(self._free_changed)
        if self._office_towns:  # type a town's name or pinyin to tick it
            self.free.setCompleter(PinyinCompleter(self._office_towns, self.free, picked=self.pick_town))
        v.addWidget(self.free)
        self.box.addWidget(host)
        self._order: list[str] = []
        self.setFocusProxy(next(iter(self.checks.values()), self.free))

    def _add_box(self, name: str, extra: bool = False) -> QCheckBox:
        n = len(self.checks)
        box = QCheckBox(name, self._grid_host)
        box.setObjectName(f"town_{name}")
        if extra:
            box.setToolTip(QCoreApplication.translate("FieldEditor", "不在本单位乡镇名录中"))
            font = box.font()
            font.setItalic(True)
            box.setFont(font)
        box.toggled.connect(lambda on, name=name: self._toggled(name, on))
        self.grid.addWidget(box, n // TOWN_COLUMNS, n % TOWN_COLUMNS)
        self.checks[name] = box
        return box

    def pick_town(self, name: str) -> None:
        """Tick a town picked from the completer (its name leaves the free text)."""
        if name in self.checks:
            self.checks[name].setChecked(True)
            QTimer.singleShot(0, self.free, self.free.clear)

    def _toggled(self, name: str, on: bool) -> None:
        if on and name not in self._order:
            self._order.append(name)
        self.changed.emit()

    def _free_changed(self, _text: str) -> None:
        self.changed.emit()

    def value(self) -> Any:
        chosen = [n for n in self._order if n in self.checks and self.checks[n].isChecked()]
        free = [s.strip() for s in LIST_SEPARATORS.split(self.free.text()) if s.strip()]
        items = list(dict.fromkeys(chosen + free))
        return items or None

    def _set(self, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = self.field.coerce(value)
            except FieldError:
                value = [value]
        names = [str(v) for v in (value or [])]
        for name in names:
            if name not in self.checks:
                self._add_box(name, extra=True)
        self._grid_host.setVisible(bool(self.checks))
        with _quiet(*self.checks.values(), self.free):
            for name, box in self.checks.items():
                box.setChecked(name in names)
            self.free.clear()
        self._order = list(dict.fromkeys(names))

    def _apply_read_only(self, read_only: bool) -> None:
        for box in self.checks.values():
            box.setEnabled(not read_only)
        self.free.setReadOnly(read_only)


class _RefCombo(_ComboBox):
    """An editable combo that asks for its items the first time it is used."""

    def __init__(self, on_first_use: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._on_first_use: Callable[[], None] | None = on_first_use
        self.setEditable(True)
        edit = self.lineEdit()
        assert edit is not None  # an editable combo box has one
        edit.installEventFilter(self)

    def first_use(self) -> None:
        if self._on_first_use is not None:
            call, self._on_first_use = self._on_first_use, None
            call()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.first_use()
        return super().eventFilter(obj, event)

    def focusInEvent(self, event: Any) -> None:
        self.first_use()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.first_use()
        super().showPopup()


class RefEditor(FieldEditor):
    """REF: type part of a name or id and pick ``title（id）``; ``value()`` is the id.

    The referenced register (20,000 mark users, say) is read on first focus or popup, not
    when the form opens. Text that names no record is returned as typed, so validation
    can say "no such record".
    """

    def __init__(self, field: Field, ctx: EditorContext | None = None,
                 parent: QWidget | None = None):
        super().__init__(field, ctx, parent)
        self.kind_key = field.ref or ""
        self.combo = _RefCombo(self.load, self)
        self.combo.setObjectName(f"combo_{field.key}")
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self.combo.setMaxVisibleItems(15)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        ref_kind = REGISTRY.get(self.kind_key)
        what = i18n.kind_label(ref_kind) if ref_kind else self.kind_key
        edit = self.combo.lineEdit()
        assert edit is not None  # an editable combo box has one
        edit.setPlaceholderText(
            QCoreApplication.translate("FieldEditor", "输入{what}名称或编号查找").format(what=what))
        self.combo.editTextChanged.connect(self._text_changed)
        self.model: QStringListModel | None = None
        self.completer: QCompleter | None = None
        self.box.addWidget(self.combo)
        self.setFocusProxy(self.combo)

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def load(self) -> None:
        """Fill the drop-down and the completer with the live records (once)."""
        if self.model is not None:
            return
        index = self.ctx.ref_index(self.kind_key)
        text = self.combo.currentText()
        self.model = QStringListModel(index.labels, self.combo)
        with _quiet(self.combo):
            self.combo.setModel(self.model)
            self.combo.view().setUniformItemSizes(True)  # type: ignore[attr-defined]  # a QListView
            self.combo.setCurrentIndex(self.combo.findText(text) if text else -1)
            self.combo.setEditText(text)
        completer = PinyinCompleter(index.labels, self.combo)  # by name, id or pinyin (ui.pinyin_filter)
        self.combo.setCompleter(completer)
        self.completer = completer

    def _text_changed(self, _text: str) -> None:
        self.changed.emit()

    def value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        if self.ctx.is_loaded(self.kind_key):
            rid = self.ctx.ref_index(self.kind_key).by_label.get(text)
            if rid is not None:
                return rid
        m = _ID_IN_TEXT.search(text)
        return m[1] if m else text

    def _set(self, value: Any) -> None:
        text = "" if value is None else self.ctx.ref_label(self.kind_key, str(value))
        with _quiet(self.combo):
            if self.model is not None:
                self.combo.setCurrentIndex(self.combo.findText(text) if text else -1)
            self.combo.setEditText(text)
            edit = self.combo.lineEdit()
            assert edit is not None  # an editable combo box has one
            edit.setCursorPosition(0)

    def _apply_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


def make_editor(field: Field, ctx: EditorContext | None = None,
                parent: QWidget | None = None) -> FieldEditor:
    """The editor widget for ``field``."""
    t = field.type
    if t in (FieldType.TEXT, FieldType.PHONE, FieldType.DIVISION):
        return LineEditor(field, ctx, parent)
    if t is FieldType.USCC:
        return UsccEditor(field, ctx, parent)
    if t is FieldType.LONGTEXT:
        return LongTextEditor(field, ctx, parent)
    if t in (FieldType.INT, FieldType.YEAR, FieldType.DECIMAL):
        return NumberEditor(field, ctx, parent)
    if t is FieldType.DATE:
        return DateEditor(field, ctx, parent)
    if t is FieldType.BOOL:
        return BoolEditor(field, ctx, parent)
    if t is FieldType.CHOICE:
        return ChoiceEditor(field, ctx, parent)
    if t is FieldType.MULTI:
        return MultiEditor(field, ctx, parent)
    if t is FieldType.LIST:
        if field.key == "towns":
            return TownsEditor(field, ctx, parent)
        return ListEditor(field, ctx, parent)
    if t is FieldType.REF:
        return RefEditor(field, ctx, parent)
    raise AssertionError(t)
