"""Step 4 of 导入表格: how rows meet existing records (match field, update mode), and the
dry run's rows: new / updated (fields, before → after) / unchanged / skipped / refused (why),
with the counts on top and a filter by status."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.fields import Kind
from desktop.tables.model import ID_KEY, Action, ImportPlan, RowPlan, Update
from desktop.tables.plan import match_fields
from ui import i18n
from ui.editors.i18n import display, field_label
from ui.i18n import gap

__all__ = ["PlanPage", "PlanModel", "action_label", "STATUS_COLOURS"]

log = logging.getLogger(__name__)

STATUS_COLOURS = {Action.NEW: "#e3f4e1", Action.UPDATED: "#fff3c4", Action.UNCHANGED: "#eeeeee",
                  Action.SKIPPED: "#eeeeee", Action.REFUSED: "#fbe0e0"}
DETAIL_MAX = 400
"""Characters of a row's explanation shown in the table (the tooltip has it whole)."""


def action_label(action: Action) -> str:
    """新增 / 更新 / 未变 / 跳过 / 拒绝 in the UI language."""
    if action is Action.NEW:
        return QCoreApplication.translate("ImportPlan", "新增")
    if action is Action.UPDATED:
        return QCoreApplication.translate("ImportPlan", "更新")
    if action is Action.UNCHANGED:
        return QCoreApplication.translate("ImportPlan", "未变")
    if action is Action.SKIPPED:
        return QCoreApplication.translate("ImportPlan", "跳过（不改已有）")
    return QCoreApplication.translate("ImportPlan", "拒绝")


class PlanModel(QAbstractTableModel):
    """The plan's rows (those of one status when filtered): 行, 状态, 记录, 说明."""

    def __init__(self, kind: Kind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.plan: ImportPlan | None = None
        self.shown: list[RowPlan] = []
        self.status: Action | None = None
        self.headers = [QCoreApplication.translate("ImportPlan", "行"),
                        QCoreApplication.translate("ImportPlan", "状态"),
                        QCoreApplication.translate("ImportPlan", "记录"),
                        QCoreApplication.translate("ImportPlan", "说明")]

    def set_plan(self, plan: ImportPlan | None, status: Action | None = None) -> None:
        self.beginResetModel()
        self.plan, self.status = plan, status
        rows = plan.rows if plan is not None else ()
        self.shown = [r for r in rows if status is None or r.action is status]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return QBrush(QColor(STATUS_COLOURS[row.action]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return str(row.row)
        if column == 1:
            return action_label(row.action)
        if column == 2:
            return row.record_id or "—"
        text = self.explain(row)
        if role == Qt.ItemDataRole.DisplayRole:
            text = text.replace("\n", gap())
            return text[:DETAIL_MAX] + ("…" if len(text) > DETAIL_MAX else "")
        return text

    def _label(self, key: str) -> str:
        if key == ID_KEY or not self.kind.has_field(key):
            return QCoreApplication.translate("ImportPlan", "编号")
        return field_label(self.kind.field(key))

    def _shown(self, key: str, value: Any) -> str:
        if value is None or value == "":
            return QCoreApplication.translate("ImportPlan", "（空）")
        if key == ID_KEY or not self.kind.has_field(key):
            return str(value)
        try:
            return display(self.kind.field(key), value) or str(value)
        except (KeyError, ValueError, TypeError, AttributeError):  # a value the field cannot show
            return str(value)

    def explain(self, row: RowPlan) -> str:
        """Why the row gets its status: the problems, the changed fields, the new record."""
        lang = i18n.current()
        if row.action is Action.REFUSED:
            return "\n".join(p.describe(lang) for p in row.problems)
        if row.action is Action.UPDATED:
            return "\n".join(f"{self._label(c.field_key)}：{self._shown(c.field_key, c.before)} → "
                             f"{self._shown(c.field_key, c.after)}" for c in row.changes)
        if row.action is Action.NEW:
            title = row.values.get(self.kind.title_field)
            return self._shown(self.kind.title_field, title) if title is not None else ""
        if row.action is Action.SKIPPED:
            return QCoreApplication.translate("ImportPlan", "已有记录，按所选方式不修改")
        return QCoreApplication.translate("ImportPlan", "与已有记录相同")


class PlanPage(QWidget):
    """Options, the 试导入 button, the counts, the filter and the rows.

    ``options_changed()`` when the match field or the update mode changes;
    ``dry_run()`` when 试导入 is pressed.
    """

    options_changed = Signal()
    dry_run = Signal()

    def __init__(self, kind: Kind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("按此字段匹配已有记录："), self))
        self.match_combo = QComboBox(self)
        self.match_combo.setObjectName("match_field")
        default = "、".join(self._label(k) for k in match_fields(kind.key))
        self.match_combo.addItem(self.tr("默认（{0}）").format(default), None)
        for f in kind.fields:
            self.match_combo.addItem(field_label(f), f.key)
        self.match_combo.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        row.addWidget(self.match_combo)
        row.addStretch(1)
        layout.addLayout(row)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("已有的记录："), self))
        self.update_group = QButtonGroup(self)
        self.update_buttons: dict[Update, QRadioButton] = {}
        for mode, text, tip in (
                (Update.EMPTY, self.tr("只填空白"), self.tr("只填写记录中空着的字段，已有的内容不变")),
                (Update.ALL, self.tr("覆盖"), self.tr("文件中有值的字段都改成文件中的值")),
                (Update.NONE, self.tr("不改已有"), self.tr("已有的记录一律不改，只新增记录"))):
            button = QRadioButton(text, self)
            button.setObjectName(f"update_{mode}")
            button.setToolTip(tip)
            self.update_group.addButton(button)
            self.update_buttons[mode] = button
            row.addWidget(button)
        self.update_buttons[Update.EMPTY].setChecked(True)
        self.update_group.buttonToggled.connect(self._update_toggled)
        row.addStretch(1)
        self.run_button = QPushButton(self.tr("试导入"), self)
        self.run_button.setObjectName("dry_run")
        self.run_button.setToolTip(self.tr("只检查，不写入：列出每一行将如何导入"))
        self.run_button.clicked.connect(self.dry_run.emit)
        row.addWidget(self.run_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("plan_counts")
        self.counts_label.setWordWrap(True)
        row.addWidget(self.counts_label, 1)
        row.addWidget(QLabel(self.tr("显示："), self))
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("status_filter")
        self.filter_combo.currentIndexChanged.connect(self._filter)
        row.addWidget(self.filter_combo)
        layout.addLayout(row)

        self.notes_label = QLabel(self)
        self.notes_label.setObjectName("plan_notes")
        self.notes_label.setWordWrap(True)
        layout.addWidget(self.notes_label)

        self.model = PlanModel(kind, self)
        self.view = QTableView(self)
        self.view.setObjectName("plan_table")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("row_details")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("选择上面的一行，查看完整说明。"))
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * 5 + 12)
        layout.addWidget(self.details)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.show_plan(None)

    def _update_toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:
            self.options_changed.emit()

    def _label(self, key: str) -> str:
        return field_label(self.kind.field(key)) if self.kind.has_field(key) else key

    # ---- the options -------------------------------------------------------------

    def match(self) -> str | None:
        data = self.match_combo.currentData()
        return str(data) if data else None

    def update_mode(self) -> Update:
        for mode, button in self.update_buttons.items():
            if button.isChecked():
                return mode
        return Update.EMPTY

    def set_options(self, match: str | None, update: Update) -> None:
        """Show saved options (no options_changed)."""
        self.blockSignals(True)
        self.match_combo.setCurrentIndex(max(self.match_combo.findData(match), 0) if match else 0)
        self.update_buttons[update].setChecked(True)
        self.blockSignals(False)

    # ---- the plan ------------------------------------------------------------------

    def show_plan(self, plan: ImportPlan | None, waiting: str = "") -> None:
        """The dry run's rows, or ``waiting`` (why there are none yet)."""
        status = self.filter_combo.currentData() if plan is not None else None
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(self.tr("全部"), None)
        counts = plan.counts() if plan is not None else {}
        for action in Action:
            self.filter_combo.addItem(f"{action_label(action)}（{counts.get(str(action), 0)}）", str(action))
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(status), 0) if status else 0)
        self.filter_combo.setEnabled(plan is not None)
        self.filter_combo.blockSignals(False)
        self.model.set_plan(plan, Action(status) if status else None)
        self.details.clear()
        if plan is None:
            self.counts_label.setText(waiting or self.tr("尚未试导入。"))
            self.counts_label.setStyleSheet("")
            self.notes_label.setText("")
            self.notes_label.hide()
            return
        parts = [self.tr("共 {0} 行").format(len(plan.rows))]
        parts += [f"{action_label(a)} {counts[str(a)]}" for a in Action if counts[str(a)]]
        self.counts_label.setText(gap().join(parts))
        self.counts_label.setStyleSheet("color: #c62828; font-weight: bold;" if plan.refused else "font-weight: bold;")
        lang = i18n.current()
        notes = [i18n.shown(n) for n in plan.notes] + [p.describe(lang) for p in plan.problems]
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setStyleSheet("color: #c62828;" if plan.problems else "color: #555555;")
        self.notes_label.setVisible(bool(notes))
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self.view.setColumnWidth(2, max(self.view.fontMetrics().horizontalAdvance("MU-130125-000000") + 16, 120))

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        shown = self.model.shown
        if current.isValid() and current.row() < len(shown):
            row = shown[current.row()]
            self.details.setPlainText(self.tr("第 {0} 行：{1}").format(row.row, action_label(row.action)) + "\n"
                                      + self.model.explain(row))
        else:
            self.details.clear()

    def set_filter(self, action: Action | None) -> None:
        """Show the rows of one status (None: all) as the clerk would."""
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(str(action)) if action else 0)

    def _filter(self, index: int) -> None:
        data = self.filter_combo.itemData(index)
        self.model.set_plan(self.model.plan, Action(data) if data else None)
        self.details.clear()
