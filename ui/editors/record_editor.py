"""The record editor: a form generated from a register's fields (:class:`desktop.fields.Kind`).

Problems are shown next to their field as the clerk types: each edit is read at once
with ``Field.coerce`` (format, range, allowed values), and ~300 ms after the last edit the
whole record is checked with ``Ledger.validate`` (required fields, references,
uniqueness, cross-field rules). The editor decides nothing itself; the caller's ``save``
callback does the writing (``ledger.add``/``ledger.edit``, usually through an undoable
command) and the editor shows what it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db import meta
from db.records import RecordNotFound, StaleRevision
from desktop import divisions
from desktop.fields import Field, FieldError, Kind, ValidationFailed
from desktop.ledger import Ledger, NotOwner, StillReferenced
from desktop.record import Record
from desktop.registers import get_kind
from ui.editors import i18n
from ui.editors.history import HistoryDialog, local_time
from ui.editors.rows import ERROR_COLOUR, WARNING_COLOUR, FieldRow, message_line
from ui.editors.widgets import ChoiceEditor, EditorContext, FieldEditor, make_editor

__all__ = ["RecordEditor", "VALIDATE_DELAY_MS", "FieldRow", "sections_of",
           "office_name", "refusal_lines", "exception_message", "message_line"]

VALIDATE_DELAY_MS = 300
"""How long after the last keystroke the whole record is validated."""


def sections_of(kind: Kind) -> list[tuple[str, str, list[Field]]]:
    """The kind's fields cut into ``(zh title, en title, fields)`` sections, by
    :attr:`Field.section` (the description the printed forms group by too); a kind whose
    fields have no sections is one untitled section. Layout only: the field order stays."""
    out: list[tuple[str, str, list[Field]]] = []
    for f in kind.fields:
        if not out or (f.section, f.section_en) != out[-1][:2]:
            out.append((f.section, f.section_en, []))
        out[-1][2].append(f)
    return out


def office_name(ledger: Ledger, code: str) -> str:
    """``130123 正定县`` for an office code (the code alone if unknown)."""
    office = meta.get_office(ledger.db, code)
    if office is not None:
        return f"{code} {office.name}"
    division = divisions.lookup(code)
    return f"{code} {division.name}" if division else code


class RecordEditor(QDialog):
    """Add or edit one record of ``kind``.

    ``save(values)`` writes and returns the stored record: for a new record it gets every
    non-empty value (merged over ``defaults``), for an existing one only the fields that
    changed. When nothing changed, ``save`` is not called and the dialog just closes.
    After ``accept()``, ``saved_record`` is the stored record.
    """

    scroll: QScrollArea  # type: ignore[assignment]  # shadows QWidget.scroll(dx, dy), which nothing calls

    def __init__(self, ledger: Ledger, kind: Kind | str, record: Record | None = None,
                 defaults: Mapping[str, Any] | None = None,
                 save: Callable[[dict[str, Any]], Record] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        if save is None:
            raise TypeError("RecordEditor needs a save callback")
        self.ledger = ledger
        self.kind = get_kind(kind) if isinstance(kind, str) else kind
        self.record = record
        self.defaults = dict(defaults or {})
        self._save_callback = save
        self.saved_record: Record | None = None
        self.history_dialog: HistoryDialog | None = None
        self.owner_code = record.office_code if record is not None else ledger.office.code
        self.read_only = record is not None and (
            record.office_code != ledger.office.code or record.deleted)
        self.ctx = EditorContext(ledger, self.owner_code)
        self.rows: dict[str, FieldRow] = {}
        self._values: dict[str, Any] = {}
        self._initial: dict[str, Any] = {}
        self._coerce_errors: dict[str, FieldError] = {}
        self._rule_errors: dict[str, list[FieldError]] = {}
        self._warnings: dict[str, list[FieldError]] = {}
        self._derived: set[str] = set()  # fields filled from others (Kind.derived) in this form
        self._touched: set[str] = set()
        self._attempted = False
        self._saved = False
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)

        what = i18n.kind_label(self.kind)
        if record is None:
            self.setWindowTitle(self.tr("新增{kind}").format(kind=what))
        else:
            self.setWindowTitle(self.tr("编辑{kind} {id}").format(kind=what, id=record.id))
        self.setObjectName(f"RecordEditor_{self.kind.key}")
        self._build()
        self._load()
        if not self.read_only:
            self.validate_now()
        self.resize(self._initial_size())

    # ---- building the form ----------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("read_only_note")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c060; padding: 6px; color: #5c4400;")
        self.read_only_note.setVisible(False)
        outer.addWidget(self.read_only_note)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("form_scroll")
        content = QWidget(self.scroll)
        content.setObjectName("form")
        body = QVBoxLayout(content)
        body.setContentsMargins(8, 8, 8, 8)
        body.setSpacing(10)
        labels: list[QLabel] = []
        for zh, en, fields in sections_of(self.kind):
            title = en if i18n.language() == "en" else zh
            if title:
                group = QGroupBox(title, content)
                group.setObjectName(f"section_{fields[0].key}")
                form = QFormLayout(group)
                body.addWidget(group)
            else:
                host = QWidget(content)
                form = QFormLayout(host)
                form.setContentsMargins(0, 0, 0, 0)
                body.addWidget(host)
            self._style_form(form)
            for f in fields:
                labels.append(self._add_row(form, f))
        body.addStretch(1)
        # One label column for all sections, so the editors line up across group boxes.
        width = max((lab.sizeHint().width() for lab in labels), default=0)
        for lab in labels:
            lab.setMinimumWidth(width)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)

        buttons = QHBoxLayout()
        self.history_button = QPushButton(self.tr("修改历史"), self)
        self.history_button.setObjectName("history_button")
        self.history_button.setVisible(self.record is not None)
        self.history_button.clicked.connect(self.show_history)
        buttons.addWidget(self.history_button)
        self._add_print_button(buttons)
        buttons.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #c62828;")
        buttons.addWidget(self.status)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.history_button, self.save_button, self.cancel_button):
            b.setAutoDefault(False)  # Enter in a line edit must not save a half-typed record
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.save)

    def _add_print_button(self, buttons: QHBoxLayout) -> None:
        """打印: the saved record's form, previewed (ui.printing)."""
        from ui.printing.editor_actions import print_button

        self.print_button = print_button(self)
        buttons.addWidget(self.print_button)

    @staticmethod
    def _style_form(form: QFormLayout) -> None:
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(2)  # each row's message line adds its own space

    def _add_row(self, form: QFormLayout, f: Field) -> QLabel:
        label_text = i18n.field_label(f)
        label = QLabel(self)
        label.setObjectName(f"label_{f.key}")
        star = '<span style="color:#c62828">*</span>' if f.required else ""
        label.setText(f"{label_text}{star}：" if i18n.language() == "zh" else f"{label_text}{star}:")
        label.setTextFormat(Qt.TextFormat.RichText)
        help_text = i18n.help_text(f)
        tip = [help_text] if help_text else []
        tip.append(f.zh if i18n.language() == "en" else f.en)
        if f.required:
            tip.append(self.tr("必填"))
        label.setToolTip("\n".join(tip))
        host = QWidget(self)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        editor = make_editor(f, self.ctx, host)
        editor.setToolTip("\n".join(tip))
        v.addWidget(editor)
        line, error, warning = message_line(host, f.key)
        v.addWidget(line)
        label.setBuddy(editor)
        form.addRow(label, host)
        self.rows[f.key] = FieldRow(f, editor, label, error, warning)
        editor.changed.connect(lambda key=f.key: self._edited(key))
        return label

    def _initial_size(self) -> QSize:
        screen = self.screen().availableGeometry() if self.screen() else None
        form = self.scroll.widget()
        assert form is not None  # set in __init__
        content = form.sizeHint()
        width = max(720, min(content.width() + 60, 980))
        height = content.height() + 140
        if screen is not None:
            height = min(height, int(screen.height() * 0.9))
            width = min(width, int(screen.width() * 0.95))
        return QSize(width, max(height, 360))

    # ---- loading ------------------------------------------------------------------

    def _load(self) -> None:
        if self.record is not None:
            values = dict(self.record.values)
        else:
            values = {}
            for key, raw in self.defaults.items():
                if not self.kind.has_field(key):
                    continue
                try:
                    values[key] = self.kind.field(key).coerce(raw)
                except FieldError as e:
                    self._coerce_errors[key] = e
                    values[key] = raw
        for key, row in self.rows.items():
            v = values.get(key)
            row.editor.blockSignals(True)
            try:
                row.editor.set_value(v)
            finally:
                row.editor.blockSignals(False)
            self._values[key] = None if key in self._coerce_errors else v
        self._initial = dict(self._values)
        self._narrow()
        for d in self.kind.derived:
            shown = self.rows.get(d.key)
            edit = getattr(shown.editor, "edit", None) if shown is not None else None
            if edit is not None and not self.read_only:
                sources = "、".join(i18n.field_label(self.kind.field(k)) for k in d.sources)
                edit.setPlaceholderText(self.tr("按{0}自动计算").format(sources))
        self._show_note()
        if self.read_only:
            for row in self.rows.values():
                row.editor.set_read_only(True)
            self.save_button.setVisible(False)
            self.save_shortcut.setEnabled(False)
            self.cancel_button.setText(self.tr("关闭"))
        self._refresh_errors()

    def _show_note(self) -> None:
        rec = self.record
        if rec is None:
            self.note.setText(self.tr("带 <span style='color:#c62828'>*</span> 的为必填项。"
                                      "日期可输入 2024-05-01、2024/5/1 或 2024年5月1日。"))
        else:
            self.note.setText(self.tr("编号 {id} · 第 {revision} 版 · 最后修改 {at}").format(
                id=rec.id, revision=rec.revision, at=local_time(rec.updated_at)))
        self.note.setStyleSheet("color: #555;")
        if rec is not None and rec.office_code != self.ledger.office.code:
            self.read_only_note.setText(self.tr("此记录属于 {office}，只读").format(
                office=office_name(self.ledger, rec.office_code)))
            self.read_only_note.setVisible(True)
        elif rec is not None and rec.deleted:
            self.read_only_note.setText(self.tr("此记录已删除，只读（恢复后才能修改）"))
            self.read_only_note.setVisible(True)

    # ---- editing and validation ----------------------------------------------------

    def editor(self, key: str) -> FieldEditor:
        """The editor widget of one field."""
        return self.rows[key].editor

    def _edited(self, key: str) -> None:
        before = dict(self._values)
        self._touched.add(key)
        self._coerce(key)
        self._rule_errors.pop(key, None)  # stale now; the next check (debounced) decides
        self._derive(before, key)
        self._narrow(key)
        self._refresh_errors()
        self._validate_timer.start()

    def _derive(self, before: Mapping[str, Any], editing: str) -> None:
        """Show what the ledger will derive on save (涉及乡镇数 from the towns ticked), live;
        never in the field the clerk is typing in (``editing``)."""
        typed = {k for k in self._touched if k not in self._derived}
        for key, value in self.kind.derive(self._values, before=before, given=typed).items():
            row = self.rows.get(key)
            if row is None or key == editing:
                continue
            row.editor.blockSignals(True)
            try:
                row.editor.set_value(value)
            finally:
                row.editor.blockSignals(False)
            self._coerce(key)
            self._rule_errors.pop(key, None)
            self._derived.add(key)

    def _narrow(self, key: str | None = None) -> None:
        """Offer in each narrowed choice field only what fits the field narrowing it
        (细分类型 by 产品类别); ``key``: those narrowed by that field, or that field itself
        (a value that no longer fitted leaves the list once another is picked); None: all."""
        for row in self.rows.values():
            f = row.field
            if f.narrowed_by is None or (key is not None and key not in (f.narrowed_by, f.key)):
                continue
            if isinstance(row.editor, ChoiceEditor):
                row.editor.set_choices(f.choices_for(self._values.get(f.narrowed_by)))

    def _coerce(self, key: str) -> None:
        row = self.rows[key]
        try:
            self._values[key] = row.field.coerce(row.editor.value())
            self._coerce_errors.pop(key, None)
        except FieldError as e:
            self._values[key] = None
            self._coerce_errors[key] = e

    def validate_now(self) -> list[FieldError]:
        """Check the whole record now (what the debounce timer does); returns the problems."""
        self._validate_timer.stop()
        if self.read_only:
            return []
        rid = self.record.id if self.record else None
        errors = self.ledger.validate(self.kind, self._values, rid, self.owner_code)
        self._rule_errors = {}
        for e in errors:
            self._rule_errors.setdefault(e.field_key, []).append(e)
        self._warnings = {}
        for w in self.ledger.warnings(self.kind, self._values, rid, self.owner_code):
            self._warnings.setdefault(w.field_key, []).append(w)
        self._refresh_errors()
        return errors

    def warnings(self) -> dict[str, list[str]]:
        """Field key → the plausibility warnings shown next to it now (they never stop a
        save; a field with an error shows the error instead)."""
        shown = self.errors()
        return {key: list(dict.fromkeys(i18n.reason_text(w.reason) for w in ws))
                for key, ws in self._warnings.items()
                if key in self.rows and key not in shown and key not in self._coerce_errors}

    def _hidden(self, key: str) -> bool:
        """Empty fields the clerk has not reached yet are not nagged about: a required one
        until a save is attempted, others (需至少填一项 ...) until the clerk starts typing."""
        if self._attempted or key in self._touched or key not in self.rows:
            return False
        if self._values.get(key) is not None:
            return False
        return self.rows[key].field.required or not self._touched

    def errors(self) -> dict[str, list[str]]:
        """Field key → the problems shown next to it now."""
        out: dict[str, list[str]] = {}
        for key in self.rows:
            if key in self._coerce_errors:
                out[key] = [i18n.reason_text(self._coerce_errors[key].reason)]
            elif key in self._rule_errors and not self._hidden(key):
                out[key] = list(dict.fromkeys(i18n.reason_text(e.reason)
                                              for e in self._rule_errors[key]))
        return out

    def _refresh_errors(self) -> None:
        shown = self.errors()
        warned = self.warnings()
        for key, row in self.rows.items():
            texts = warned.get(key)
            row.show_warning(self.tr("提醒：") + "；".join(texts) if texts else "")
            row.show_error("；".join(shown.get(key, [])))
        n = len(shown)
        if n:
            self.status.setText(self.tr("{n} 处需要修改").format(n=n))
            self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif warned:
            self.status.setText(self.tr("{n} 处提醒，请核对（不影响保存）").format(n=len(warned)))
            self.status.setStyleSheet(f"color: {WARNING_COLOUR};")
        else:
            self.status.setText("")

    def _all_errors(self) -> list[FieldError]:
        """Every problem the save would meet: unreadable values first, then the rules."""
        self.validate_now()
        errors = list(self._coerce_errors.values())
        named = set(self._coerce_errors)
        for key, errs in self._rule_errors.items():
            if key not in named:
                errors.extend(errs)
        return errors

    # ---- what would be saved --------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """For an existing record: the fields the clerk changed, with their new values."""
        assert self.record is not None
        return {key: self._values[key] for key in self.rows
                if (key in self._touched or key in self._derived) and key not in self._coerce_errors
                and self._values[key] != self.record.values.get(key)}

    def new_values(self) -> dict[str, Any]:
        """For a new record: the non-empty values, over the defaults that are not fields."""
        out = {k: v for k, v in self.defaults.items() if not self.kind.has_field(k)}
        out.update({k: v for k, v in self._values.items() if v is not None})
        return out

    def is_dirty(self) -> bool:
        """Whether the clerk changed anything that is not saved."""
        if self._saved or self.read_only:
            return False
        return any(key in self._coerce_errors or self._values.get(key) != self._initial.get(key)
                   for key in self._touched)

    # ---- saving ---------------------------------------------------------------------

    def save(self) -> bool:
        """Save through the callback; on success close the dialog. Returns whether it saved."""
        if self.read_only:
            return False
        self._attempted = True
        errors = self._all_errors()
        if errors:
            self._refuse(errors)
            return False
        if self.record is not None:
            payload = self.changes()
            if not payload:
                self.saved_record = self.record
                self._saved = True
                self.accept()
                return True
        else:
            payload = self.new_values()
        try:
            rec = self._save_callback(payload)
        except ValidationFailed as e:
            self._refuse(e.errors, from_save=True)
            return False
        except FieldError as e:
            self._refuse([e], from_save=True)
            return False
        except (NotOwner, StaleRevision, StillReferenced, RecordNotFound) as e:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("无法保存：") + "\n" + exception_message(e))
            return False
        self.saved_record = rec
        self._saved = True
        self.accept()
        return True

    def _refuse(self, errors: list[FieldError], from_save: bool = False) -> None:
        """Show every reason next to its field and list them in a message box."""
        if from_save:
            self._rule_errors = {}
            for e in errors:
                if e.field_key not in self._coerce_errors:
                    self._rule_errors.setdefault(e.field_key, []).append(e)
            self._refresh_errors()
        errors = sorted(errors, key=_by_field_order(self.kind))
        lines = refusal_lines(errors, self.kind)
        first = next((self.rows[e.field_key] for e in errors if e.field_key in self.rows), None)
        if first is not None:
            self.scroll.ensureWidgetVisible(first.editor)
            first.editor.setFocus()
        QMessageBox.warning(self, self.windowTitle(), self.tr("无法保存：") + "\n" + "\n".join(lines))

    # ---- closing and history --------------------------------------------------------

    def reject(self) -> None:
        """Cancel (also Esc and the window's close button): asks first if changes would be lost."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.windowTitle(), self.tr("有未保存的修改，确定放弃吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._validate_timer.stop()
        super().reject()

    def done(self, result: int) -> None:
        self._validate_timer.stop()
        super().done(result)

    def show_history(self) -> HistoryDialog | None:
        """Open the record's audit history (existing records only)."""
        if self.record is None:
            return None
        self.history_dialog = HistoryDialog(self.ledger, self.record.id, self)
        self.history_dialog.open()
        return self.history_dialog


def _by_field_order(kind: Kind) -> Callable[[FieldError], int]:
    order = {f.key: n for n, f in enumerate(kind.fields)}
    return lambda e: order.get(e.field_key, len(order))


def refusal_lines(errors: list[FieldError], kind: Kind) -> list[str]:
    """``字段：原因`` for each refused value (once each), with labels in the current language."""
    lines = []
    for e in errors:
        label = i18n.field_label(kind.field(e.field_key)) if kind.has_field(e.field_key) \
            else i18n.error_label(e)
        lines.append(f"{label}：{i18n.reason_text(e.reason)}")
    return list(dict.fromkeys(lines))


def exception_message(e: Exception) -> str:
    """An exception's message in the current language (core messages are "中文\\nEnglish")."""
    text = str(e).strip("'\"")
    parts = text.split("\n", 1)
    if len(parts) == 2:
        return parts[1] if i18n.language() == "en" else parts[0]
    return text

