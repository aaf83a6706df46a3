"""The 随机抽取 dialog: the plan's pools (counts), the seed (typed or generated, shown before the
draw), draw and redraw (with a required reason), verify, every draw of the plan, the result
table (target, inspectors, result), entering a target's inspection result pre-filled, the
publication sheet (xlsx/PDF) and the pre-filled inspection forms."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import forms
from desktop.draw import publication, service
from desktop.draw.forms import inspection_defaults
from desktop.draw.pools import DrawRefused
from desktop.ledger import Ledger
from desktop.messages import pick
from desktop.undo import AddRecord, EditRecord
from ui.editors.i18n import language
from ui.undo import LedgerUndo

__all__ = ["DrawDialog"]

log = logging.getLogger(__name__)


class DrawDialog(QDialog):
    """The draws of one plan. Emits ``changed`` after a draw or an entered result."""

    changed = Signal()

    def __init__(self, ledger: Ledger, plan_id: str, *, undo: LedgerUndo | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.plan_id = plan_id
        self.undo = undo
        self.draws: list[service.Draw] = []
        self.tasks: list[publication.Task] = []
        self.setObjectName("draw_dialog")
        self.setWindowTitle(self.tr("随机抽取"))
        self._build()
        self.reload()

    # ---- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("plan_label")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        self.pools_label = QLabel(self)
        self.pools_label.setObjectName("pools_label")
        self.pools_label.setWordWrap(True)
        layout.addWidget(self.pools_label)

        box = QGroupBox(self.tr("抽取"), self)
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("随机种子"), box), 0, 0)
        self.seed = QLineEdit(box)
        self.seed.setObjectName("seed")
        self.seed.setPlaceholderText(self.tr("输入公开的随机数（如当期彩票开奖号码），或点“生成”"))
        self.seed.textChanged.connect(self._update_buttons)
        grid.addWidget(self.seed, 0, 1)
        self.generate = QPushButton(self.tr("生成"), box)
        self.generate.setObjectName("generate_seed")
        self.generate.clicked.connect(lambda: self.seed.setText(service.new_seed()))
        grid.addWidget(self.generate, 0, 2)
        grid.addWidget(QLabel(self.tr("重新抽取理由"), box), 1, 0)
        self.reason = QLineEdit(box)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("已抽取过的计划重新抽取时必须填写"))
        self.reason.textChanged.connect(self._update_buttons)
        grid.addWidget(self.reason, 1, 1, 1, 2)
        row = QHBoxLayout()
        self.draw_button = QPushButton(self.tr("抽取"), box)
        self.draw_button.setObjectName("draw")
        self.draw_button.clicked.connect(self.do_draw)
        self.verify_button = QPushButton(self.tr("复核"), box)
        self.verify_button.setObjectName("verify")
        self.verify_button.setToolTip(self.tr("按记录的种子和现在的检查对象库重新计算，比较结果"))
        self.verify_button.clicked.connect(self.do_verify)
        row.addWidget(self.draw_button)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        grid.addLayout(row, 2, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        layout.addWidget(box)

        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("抽取记录"), self))
        self.history = QComboBox(self)
        self.history.setObjectName("history")
        self.history.currentIndexChanged.connect(self._show_draw)
        line.addWidget(self.history, 1)
        layout.addLayout(line)
        self.draw_label = QLabel(self)
        self.draw_label.setObjectName("draw_label")
        self.draw_label.setWordWrap(True)
        self.draw_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.draw_label)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("result")
        self.table.setHorizontalHeaderLabels([self.tr("序号"), self.tr("检查对象"), self.tr("统一社会信用代码"),
                                              self.tr("检查人员"), self.tr("检查结果")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.enter_result())
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.enter_button = QPushButton(self.tr("录入检查结果"), self)
        self.enter_button.setObjectName("enter_result")
        self.enter_button.clicked.connect(self.enter_result)
        self.xlsx_button = QPushButton(self.tr("公示表 Excel"), self)
        self.xlsx_button.setObjectName("export_xlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self.tr("公示表 PDF"), self)
        self.pdf_button.setObjectName("export_pdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.forms_button = QPushButton(self.tr("打印检查记录表"), self)
        self.forms_button.setObjectName("print_forms")
        self.forms_button.clicked.connect(self.print_forms)
        for b in (self.enter_button, self.xlsx_button, self.pdf_button, self.forms_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 620)

    # ---- state ----------------------------------------------------------------------

    def _text(self, error: BaseException) -> str:
        if isinstance(error, DrawRefused):
            return error.text.en if language() == "en" else error.text.zh
        return pick(str(error), language())

    def reload(self, select_last: bool = True) -> None:
        """Read the plan, its pools now and its draws again."""
        plan = self.ledger.get("plan", self.plan_id)
        self.plan_label.setText(self.tr("抽查计划：{0}（{1}）").format(plan.values.get("name") or "", plan.id))
        try:
            pp = service.preview(self.ledger, self.plan_id)
            p = pp.pools
            text = self.tr("检查对象库 {0} 户，抽取 {1} 户；执法检查人员库 {2} 人，每户 {3} 人").format(
                len(p.users), p.count, len(p.inspectors), p.per_target)
            if pp.unknown:
                text += "\n" + self.tr("不在执法检查人员名录中：{0}").format("、".join(pp.unknown))
        except DrawRefused as e:
            text = self._text(e)
        self.pools_label.setText(text)
        self.draws = service.history(self.ledger, self.plan_id)
        self.history.blockSignals(True)
        self.history.clear()
        for d in self.draws:
            s = d.stored
            label = self.tr("第 {0} 次抽取（{1}，{2}）").format(s.number, s.drawn_at[:16].replace("T", " "), s.drawn_by)
            if s.reason:
                label += self.tr("：{0}").format(s.reason)
            self.history.addItem(label, s.id)
        self.history.blockSignals(False)
        if self.draws:
            self.history.setCurrentIndex(len(self.draws) - 1 if select_last else self.history.currentIndex())
        self.draw_button.setText(self.tr("重新抽取") if self.draws else self.tr("抽取"))
        self._show_draw()

    def current_draw(self) -> service.Draw | None:
        index = self.history.currentIndex()
        return self.draws[index] if 0 <= index < len(self.draws) else None

    def _show_draw(self, *_args: Any) -> None:
        draw = self.current_draw()
        self.table.setRowCount(0)
        self.tasks = []
        if draw is None:
            self.draw_label.setText(self.tr("尚未抽取。"))
        else:
            s = draw.stored
            self.draw_label.setText(self.tr("随机种子：{0}\n检查对象库校验值（SHA-256）：{1}").format(
                s.seed, s.pool_hash))
            self.tasks = publication.tasks(self.ledger, draw)
            self.table.setRowCount(len(self.tasks))
            for r, t in enumerate(self.tasks):
                result = self.tr("未检查") if t.inspection is None else self._result(t)
                cells = [str(t.n), t.user_name, t.uscc, "、".join(t.inspector_names), result]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c == 1:
                        item.setToolTip(t.user_id)
                    self.table.setItem(r, c, item)
            self.table.resizeColumnsToContents()
            if self.tasks:
                self.table.selectRow(0)
        self._update_buttons()

    def _result(self, task: publication.Task) -> str:
        assert task.inspection is not None
        f = task.inspection.kind.field("result")
        value = task.inspection.values.get("result")
        choice = next((c for c in f.choices if c.code == value), None)
        if choice is None:
            return self.tr("已检查")
        return choice.en if language() == "en" else choice.zh

    def _update_buttons(self, *_args: Any) -> None:
        has_seed = bool(self.seed.text().strip())
        needs_reason = bool(self.draws)
        self.draw_button.setEnabled(has_seed and (not needs_reason or bool(self.reason.text().strip())))
        have = self.current_draw() is not None
        for b in (self.verify_button, self.xlsx_button, self.pdf_button, self.forms_button):
            b.setEnabled(have)
        self.enter_button.setEnabled(have and bool(self.tasks))

    # ---- actions --------------------------------------------------------------------

    def do_draw(self) -> service.Draw | None:
        """Draw (or redraw, with the reason) with the seed shown; the new draw is selected."""
        try:
            draw = service.make_draw(self.ledger, self.plan_id, self.seed.text(), self.reason.text() or None)
        except DrawRefused as e:
            QMessageBox.warning(self, self.tr("随机抽取"), self._text(e))
            return None
        self.seed.clear()
        self.reason.clear()
        self.reload()
        self.changed.emit()
        return draw

    def do_verify(self) -> service.Verification | None:
        """Verify the selected draw against the registers now; the answer in a message box."""
        draw = self.current_draw()
        if draw is None:
            return None
        try:
            v = service.verify(self.ledger, self.plan_id, draw.number)
        except DrawRefused as e:
            QMessageBox.warning(self, self.tr("复核"), self._text(e))
            return None
        lines = []
        if v.same:
            lines.append(self.tr("结果一致：检查对象库未变，按记录的种子重新计算，结果相同。"))
        else:
            lines.append(self.tr("检查对象库已变。") if not v.same_pools else self.tr("检查对象库未变。"))
            lines.append(self.tr("重新计算的结果不同。") if not v.same_result else self.tr("重新计算的结果相同。"))
            for label, items in ((self.tr("新增检查对象"), v.users_added), (self.tr("移出检查对象"), v.users_removed),
                                 (self.tr("新增检查人员"), v.inspectors_added),
                                 (self.tr("移出检查人员"), v.inspectors_removed),
                                 (self.tr("信息有变"), v.changed)):
                if items:
                    lines.append(f"{label}：{'、'.join(items)}")
            if not v.stored_result_reproduced:
                lines.append(self.tr("记录的结果无法由记录的检查对象库和种子重现。"))
        self.last_verification = v
        box = QMessageBox.information if v.same else QMessageBox.warning
        box(self, self.tr("复核"), "\n".join(lines))
        return v

    def enter_result(self) -> Any:
        """The selected target's inspection record: a new one pre-filled (plan, user,
        inspectors, task number), or the one entered already."""
        from ui.editors import RecordEditor

        draw = self.current_draw()
        row = self.table.currentRow()
        if draw is None or not 0 <= row < len(self.tasks):
            return None
        task = self.tasks[row]
        existing = task.inspection

        def save(values: dict[str, Any]) -> Any:
            if existing is None:
                change: Any = AddRecord("inspection", values)
            else:
                change = EditRecord("inspection", existing.id, values, expected_revision=existing.revision)
            if self.undo is not None:
                return self.undo.apply(change)
            if existing is None:
                return self.ledger.add("inspection", values)
            return self.ledger.edit("inspection", existing.id, values, expected_revision=existing.revision)

        editor = RecordEditor(self.ledger, "inspection", record=existing,
                              defaults=None if existing else inspection_defaults(task, draw.stored.plan_id),
                              save=save, parent=self)
        self.editor = editor
        if editor.exec():
            self._show_draw()
            self.changed.emit()
            return editor.saved_record
        return None

    def export(self, suffix: str, path: Path | None = None) -> Path | None:
        """The publication sheet of the selected draw as .xlsx or .pdf (the clerk picks the file)."""
        from ui.save_dialog import ask_save_path

        draw = self.current_draw()
        if draw is None:
            return None
        if path is None:
            path = ask_save_path(self, self.tr("导出抽查结果公示表"), f"抽查结果公示-{draw.id}.{suffix}", suffix)
            if path is None:
                return None
        try:
            return publication.write(self.ledger, draw, path)
        except (DrawRefused, OSError) as e:
            QMessageBox.warning(self, self.tr("导出抽查结果公示表"), self._text(e))
            return None

    def print_forms(self) -> Any:
        """The inspection forms of the selected draw, one per target, pre-filled (print preview)."""
        from ui.printing.run import print_request

        draw = self.current_draw()
        if draw is None:
            return None
        return print_request(self, self.ledger, forms.PrintRequest("inspection-draw", ids=(draw.id,)))
