"""Moving a cultivation candidate to another stage of its route (``Ledger.advance_stage``).

The dialog offers the stages of the candidate's route
(:func:`desktop.registers.candidate.stages_for`) except the current one, the date (today by
default), a note for the stage event, and the candidate fields that belong with the chosen
stage: the numbers and dates of :data:`STAGE_EXTRAS`, plus any field the candidate rules require at that stage (found by
validating the candidate as it would be, so a new rule shows up here by itself), and the
next step with its deadline, pre-filled from the stage and date chosen (the rules in
:data:`desktop.registers.candidate.NEXT_STEPS`), never the old, passed deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from db.records import RecordNotFound, StaleRevision
from desktop.fields import Field, FieldError, ValidationFailed
from desktop.ledger import Ledger, NotOwner
from desktop.record import Record
from desktop.registers import REGISTRY
from desktop.registers.candidate import NEXT_STEPS, next_step_after, stages_for
from ui.editors import i18n
from ui.editors.record_editor import (
    VALIDATE_DELAY_MS,
    FieldRow,
    exception_message,
    message_line,
    office_name,
    refusal_lines,
)
from ui.editors.widgets import ChoiceEditor, EditorContext, FieldEditor, make_editor

__all__ = ["AdvanceStageDialog", "STAGE_EXTRAS", "NEXT_KEYS"]

STAGE_EXTRAS: dict[str, tuple[str, ...]] = {
    # stage → candidate fields usually filled in when the candidate reaches it
    "tm_filed": ("application_no", "filing_date"),
    "tm_preliminary": ("preliminary_issue",),
    "tm_registered": ("registration_no", "registration_date", "exclusive_until"),
    "pp_accepted": ("pp_acceptance_no",),
    "pp_preliminary": ("pp_preliminary_no", "pp_preliminary_date"),
    "pp_approved": ("pp_approval_no", "pp_approval_date"),
}

NEXT_KEYS: tuple[str, ...] = ("next_step", "next_deadline")
"""Offered at every stage, pre-filled with the stage's default next step and deadline
(:func:`desktop.registers.candidate.next_step_after`) until the clerk changes them."""

Apply = Callable[[str, date, "str | None", dict[str, Any]], Record]


class AdvanceStageDialog(QDialog):
    """Pick the next stage, its date, a note and the stage's fields; ``apply`` does the move.

    ``apply(stage, date, note, extra)`` is called on OK (typically wrapping
    ``ledger.advance_stage`` in an undoable command); its refusals are shown next to the
    fields, the dialog stays open. Without ``apply`` the dialog just accepts, and the caller
    reads :meth:`values`. ``saved_record`` is what ``apply`` returned.
    """

    def __init__(self, ledger: Ledger, candidate: Record, apply: Apply | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.candidate = candidate
        self.kind = REGISTRY["candidate"]
        self.event_kind = REGISTRY["stage-event"]
        self._apply = apply
        self.saved_record: Record | None = None
        self.ctx = EditorContext(ledger, candidate.office_code)
        route = candidate.values["route"]
        self.current_stage = candidate.values["stage"]
        order = [c.code for c in stages_for(route)]
        self.stages = [c for c in stages_for(route) if c.code != self.current_stage]
        self.read_only = candidate.office_code != ledger.office.code or candidate.deleted
        self.rows: dict[str, FieldRow] = {}
        self._values: dict[str, Any] = {}
        self._coerce_errors: dict[str, FieldError] = {}
        self._rule_errors: dict[str, list[FieldError]] = {}
        self._extra_keys: list[str] = []
        self._required_extras: set[str] = set()
        self._next_typed: set[str] = set()  # next-step fields the clerk changed by hand
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self.setWindowTitle(self.tr("推进阶段 {id}").format(id=candidate.id))
        self.setObjectName("AdvanceStageDialog")

        layout = QVBoxLayout(self)
        stage_field = self.kind.field("stage")
        self.main_form = QFormLayout()
        self.main_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head = self.main_form
        head.addRow(self.tr("培育对象："), QLabel(f"{candidate.title}（{candidate.id}）", self))
        head.addRow(self.tr("申请路径："), QLabel(i18n.display(self.kind.field("route"), route), self))
        when = candidate.values.get("stage_date")
        current = i18n.display(stage_field, self.current_stage)
        self.current_label = QLabel(
            f"{current}（{when.isoformat()}）" if isinstance(when, date) else current, self)
        head.addRow(self.tr("当前阶段："), self.current_label)
        self.stage_editor = ChoiceEditor(stage_field, self.ctx, self, choices=tuple(self.stages))
        self._add_row(self.main_form, stage_field, self.stage_editor, self.tr("新阶段"), True)
        date_field = self.kind.field("stage_date")
        self.date_editor = make_editor(date_field, self.ctx, self)
        self._add_row(self.main_form, date_field, self.date_editor, self.tr("日期"), True)
        note_field = self.event_kind.field("note")
        self.note_editor = make_editor(note_field, self.ctx, self)
        self._add_row(self.main_form, note_field, self.note_editor, self.tr("说明"), False,
                      key="__note__")
        layout.addLayout(self.main_form)

        self.extras_box = QGroupBox(self.tr("本阶段的信息"), self)
        self.extras_box.setObjectName("extras_box")
        self.extra_form = QFormLayout(self.extras_box)
        self.extra_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.extras_box)

        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #c62828;")
        self.general_error.setVisible(False)
        layout.addWidget(self.general_error)
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("read_only_note")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(False)
        layout.addWidget(self.read_only_note)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("推进"))
        self.ok_button.setObjectName("ok_button")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Preselect the stage after the current one (or the first one offered).
        position = order.index(self.current_stage) if self.current_stage in order else -1
        following = [code for code in order[position + 1:] if code != self.current_stage]
        preselect = following[0] if following else (self.stages[0].code if self.stages else None)
        for editor, value in ((self.stage_editor, preselect), (self.date_editor, ledger.today())):
            editor.blockSignals(True)
            editor.set_value(value)
            editor.blockSignals(False)
        for key in ("stage", "stage_date", "__note__"):
            self._coerce(key)
        self._stage_changed()

        if self.read_only:
            owner = office_name(ledger, candidate.office_code)
            self.read_only_note.setText(
                self.tr("此记录属于 {office}，只读").format(office=owner)
                if candidate.office_code != ledger.office.code
                else self.tr("此记录已删除，只读（恢复后才能修改）"))
            self.read_only_note.setVisible(True)
            self.ok_button.setEnabled(False)
        if not self.stages:
            self.ok_button.setEnabled(False)
        self.setMinimumWidth(560)
        self.resize(560, self.sizeHint().height())

    # ---- rows -------------------------------------------------------------------------

    def _add_row(self, form: QFormLayout, f: Field, editor: FieldEditor, text: str | None = None,
                 required: bool = False, key: str | None = None) -> FieldRow:
        key = key or f.key
        label = QLabel(self)
        label.setObjectName(f"label_{key}")
        label.setTextFormat(Qt.TextFormat.RichText)
        host = QWidget(self)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(editor)
        line, error, _warning = message_line(host, key)
        v.addWidget(line)
        form.addRow(label, host)
        label.setBuddy(editor)
        row = FieldRow(f, editor, label, error)
        self.rows[key] = row
        self._set_label(row, text or i18n.field_label(f), required)
        editor.changed.connect(lambda key=key: self._edited(key))
        return row

    def _set_label(self, row: FieldRow, text: str, required: bool) -> None:
        star = '<span style="color:#c62828">*</span>' if required else ""
        colon = ":" if i18n.language() == "en" else "："
        row.label.setText(f"{text}{star}{colon}")
        row.label.setToolTip(row.field.en if i18n.language() == "zh" else row.field.zh)

    def _extra_row(self, key: str) -> FieldRow:
        row = self.rows.get(key)
        if row is None:
            f = self.kind.field(key)
            editor = make_editor(f, self.ctx, self.extras_box)
            editor.blockSignals(True)
            editor.set_value(self.candidate.values.get(key))
            editor.blockSignals(False)
            row = self._add_row(self.extra_form, f, editor)
            self._coerce(key)
        return row

    def _show_extras(self, keys: list[str], required: set[str]) -> None:
        self._extra_keys = list(dict.fromkeys(keys))
        self._required_extras = set(required)
        for key in self._extra_keys:
            self._extra_row(key)
        for key, row in self.rows.items():
            if key in ("stage", "stage_date", "__note__"):
                continue
            shown = key in self._extra_keys
            self.extra_form.setRowVisible(row.label, shown)
            if shown:
                self._set_label(row, i18n.field_label(row.field), key in self._required_extras)
        self.extras_box.setVisible(bool(self._extra_keys))

    def _extras_for(self, stage: str | None) -> tuple[list[str], set[str]]:
        """The fields to offer at ``stage`` and which of them its rules require."""
        if stage is None:
            return [], set()
        keys = [k for k in (*STAGE_EXTRAS.get(stage, ()), *NEXT_KEYS) if self.kind.has_field(k)]
        probe = {**self.candidate.values, "stage": stage,
                 "stage_date": self._values.get("stage_date") or self.ledger.today(),
                 **{k: None for k in keys}}
        required: set[str] = set()
        for e in self.ledger.validate(self.kind, probe, self.candidate.id,
                                      self.candidate.office_code):
            if e.field_key in ("stage", "stage_date") or not self.kind.has_field(e.field_key):
                continue
            if probe.get(e.field_key) is None:
                required.add(e.field_key)
            if e.field_key not in keys:  # required now, or in conflict with the move
                keys.append(e.field_key)
        return keys, required

    # ---- editing ----------------------------------------------------------------------

    @property
    def extra_keys(self) -> list[str]:
        """The candidate fields offered for the chosen stage, in order."""
        return list(self._extra_keys)

    def is_required(self, key: str) -> bool:
        """Whether the chosen stage's rules require this offered field."""
        return key in self._required_extras

    def _coerce(self, key: str) -> None:
        row = self.rows[key]
        try:
            self._values[key] = row.field.coerce(row.editor.value())
            self._coerce_errors.pop(key, None)
        except FieldError as e:
            self._values[key] = None
            self._coerce_errors[key] = e

    def _edited(self, key: str) -> None:
        self._coerce(key)
        self._rule_errors.pop(key, None)  # stale now; the next check (debounced) decides
        if key in NEXT_KEYS:
            self._next_typed.add(key)
        if key == "stage":
            self._stage_changed()
        elif key == "stage_date":
            self._fill_next_step()
        self._refresh_errors()
        self._timer.start()

    def _stage_changed(self) -> None:
        keys, required = self._extras_for(self._values.get("stage"))
        self._show_extras(keys, required)
        self._fill_next_step()
        self._rule_errors = {}
        self._refresh_errors()
        self.adjustSize()

    def next_step_default(self) -> tuple[str | None, date | None]:
        """The next step and deadline that follow from the stage and date chosen now."""
        return next_step_after(self._values.get("stage"), self._values.get("stage_date"))

    def _fill_next_step(self) -> None:
        """Show the default next step and deadline of the chosen stage and date, except in
        a field the clerk has changed by hand."""
        stage = self._values.get("stage")
        defaults = dict(zip(NEXT_KEYS, self.next_step_default(), strict=True))
        step = NEXT_STEPS.get(stage or "")
        for key, value in defaults.items():
            row = self.rows.get(key)
            if row is None or key in self._next_typed:
                continue
            row.editor.blockSignals(True)
            row.editor.set_value(value)
            row.editor.blockSignals(False)
            self._coerce(key)
            self._rule_errors.pop(key, None)
            if step is None:
                tip = self.tr("此阶段之后没有下一步")
            elif i18n.language() == "en":
                tip = self.tr("默认：{step}（{basis}）").format(step=step.en, basis=step.basis_en)
            else:
                tip = self.tr("默认：{step}（{basis}）").format(step=step.zh, basis=step.basis_zh)
            row.editor.setToolTip(tip)

    def _merged(self) -> dict[str, Any]:
        merged = dict(self.candidate.values)
        merged["stage"] = self._values.get("stage")
        merged["stage_date"] = self._values.get("stage_date")
        for key in self._extra_keys:
            merged[key] = self._values.get(key)
        return merged

    def validate_now(self) -> list[FieldError]:
        self._timer.stop()
        errors = self.ledger.validate(self.kind, self._merged(), self.candidate.id,
                                      self.candidate.office_code)
        self._rule_errors = {}
        for e in errors:
            self._rule_errors.setdefault(e.field_key, []).append(e)
        # A rule broken by a field not on the form (a deadline now before the stage date):
        # offer that field too, so the clerk can put it right here.
        missing = [e.field_key for e in errors
                   if self.kind.has_field(e.field_key) and e.field_key not in self._extra_keys
                   and e.field_key not in ("stage", "stage_date")]
        if missing:
            self._show_extras(self._extra_keys + missing, self._required_extras)
        self._refresh_errors()
        return errors

    def errors(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key in self.rows:
            if key in self._coerce_errors:
                out[key] = [i18n.reason_text(self._coerce_errors[key].reason)]
            elif key in self._rule_errors and (key in self._extra_keys
                                               or key in ("stage", "stage_date")):
                out[key] = list(dict.fromkeys(i18n.reason_text(e.reason)
                                              for e in self._rule_errors[key]))
        return out

    def _refresh_errors(self) -> None:
        shown = self.errors()
        for key, row in self.rows.items():
            row.show_error("；".join(shown.get(key, [])))
        other = [e for key, errs in self._rule_errors.items() if key not in self.rows
                 for e in errs]
        text = "\n".join(refusal_lines(other, self.kind))
        self.general_error.setText(text)
        self.general_error.setVisible(bool(text))

    # ---- result -----------------------------------------------------------------------

    def values(self) -> tuple[str, date, str | None, dict[str, Any]]:
        """``(stage, date, note, extra)``: ``extra`` holds the stage's fields that differ
        from the candidate's current values."""
        extra = {key: self._values.get(key) for key in self._extra_keys
                 if key not in self._coerce_errors
                 and self._values.get(key) != self.candidate.values.get(key)}
        # apply() calls this only once the stage and its date are checked.
        return cast(tuple[str, date, str | None, dict[str, Any]],
                    (self._values.get("stage"), self._values.get("stage_date"), self._values.get("__note__"), extra))

    def apply(self) -> bool:
        """Check, then call ``apply``; on success close. Returns whether the stage moved."""
        if self.read_only:
            return False
        self.validate_now()
        errors = list(self._coerce_errors.values())
        errors += [e for key, errs in self._rule_errors.items() if key not in self._coerce_errors
                   for e in errs]
        if errors:
            self._refuse(errors)
            return False
        stage, when, note, extra = self.values()
        if self._apply is None:
            self.accept()
            return True
        try:
            rec = self._apply(stage, when, note, extra)
        except ValidationFailed as e:
            self._rule_errors = {}
            for err in e.errors:
                self._rule_errors.setdefault(err.field_key, []).append(err)
            self._refresh_errors()
            self._refuse(e.errors)
            return False
        except (NotOwner, StaleRevision, RecordNotFound) as e:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("无法保存：") + "\n" + exception_message(e))
            return False
        self.saved_record = rec
        self.accept()
        return True

    def _refuse(self, errors: list[FieldError]) -> None:
        lines = []
        note_error = self._coerce_errors.get("__note__")
        for e in errors:
            if e is note_error:
                lines.append(f"{i18n.field_label(self.event_kind.field('note'))}："
                             f"{i18n.reason_text(e.reason)}")
            else:
                lines += refusal_lines([e], self.kind)
        QMessageBox.warning(self, self.windowTitle(),
                            self.tr("无法保存：") + "\n" + "\n".join(dict.fromkeys(lines)))
