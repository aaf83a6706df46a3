"""Step 2 of 导入表格: each column of the file → a field of the register (or 不导入), the
proposed field preselected with its reason; saved mappings offered; 保存映射."""

from __future__ import annotations

import logging
from itertools import islice

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.fields import Kind
from desktop.tables.mapping import field_choices
from desktop.tables.model import ID_KEY, ColumnMapping, Table
from desktop.tables.saved import SavedMapping
from ui import i18n
from ui.editors.i18n import capitalised, field_label, language
from ui.packets.common import cell, read_only_table
from ui.tables.wizard_file import cell_text

__all__ = ["MappingPage", "missing_required", "SAMPLE_VALUES"]

log = logging.getLogger(__name__)

COL_LETTER, COL_HEADER, COL_SAMPLE, COL_FIELD, COL_REASON = range(5)
SAMPLE_VALUES = 3
"""Values of each column shown beside its header."""
SAMPLE_WIDTH = 240
"""The sample values' column is no wider than this many pixels (the tooltip has them whole)."""


def missing_required(kind: Kind, mapping: ColumnMapping) -> list[str]:
    """The keys of the register's required fields no column goes to (in field order)."""
    return [f.key for f in kind.fields if f.required and mapping.column_of(f.key) is None]


class MappingPage(QWidget):
    """The columns of the file and the field each goes to.

    Emits ``mapping_changed(column, field key or None)`` when the clerk picks a field,
    ``apply_saved(name)`` (a saved mapping chosen; "" = the proposal without it) and
    ``save_requested()`` (保存映射…).
    """

    mapping_changed = Signal(int, object)
    apply_saved = Signal(str)
    save_requested = Signal()

    def __init__(self, kind: Kind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._filling = False
        self.combos: dict[int, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(self.tr("核对每一列导入到哪个字段。程序按表头猜出的字段已选好，右边是依据；"
                              "不需要的列选“不导入”。"), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        saved_row = QHBoxLayout()
        self.saved_label = QLabel(self.tr("已保存的映射："), self)
        saved_row.addWidget(self.saved_label)
        self.saved_combo = QComboBox(self)
        self.saved_combo.setObjectName("saved_mappings")
        self.saved_combo.setMinimumContentsLength(18)
        self.saved_combo.activated.connect(self._saved_chosen)
        saved_row.addWidget(self.saved_combo)
        self.saved_note = QLabel(self)
        self.saved_note.setObjectName("saved_note")
        self.saved_note.setWordWrap(True)
        saved_row.addWidget(self.saved_note, 1)
        self.save_button = QPushButton(self.tr("保存映射…"), self)
        self.save_button.setObjectName("save_mapping")
        self.save_button.setToolTip(self.tr("以后导入表头相同的文件时，自动使用这个映射"))
        self.save_button.clicked.connect(self.save_requested.emit)
        saved_row.addWidget(self.save_button)
        layout.addLayout(saved_row)

        self.table = read_only_table(self, [
            self.tr("列"), self.tr("表头"), self.tr("示例值"), self.tr("导入到字段"), self.tr("依据")],
            stretch=COL_REASON, name="mapping_table")
        layout.addWidget(self.table, 1)

        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("missing_required")
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)

    # ---- what the wizard shows -----------------------------------------------------

    def show_saved(self, offered: list[SavedMapping], applied: str) -> None:
        """The saved mappings for these headers ("" applied: the proposal)."""
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("（不使用）"), "")
        for s in offered:
            self.saved_combo.addItem(s.name, s.name)
        self.saved_combo.setCurrentIndex(max(self.saved_combo.findData(applied), 0))
        visible = bool(offered)
        self.saved_label.setVisible(visible)
        self.saved_combo.setVisible(visible)
        if applied:
            self.saved_note.setText(self.tr("已找到为相同表头保存的映射，并已应用“{0}”。").format(applied))
        elif offered:
            self.saved_note.setText(self.tr("有 {0} 个为相同表头保存的映射，可以选用。").format(len(offered)))
        else:
            self.saved_note.setText("")

    def show_mapping(self, table: Table, mapping: ColumnMapping) -> None:
        """One line per column of the file, its field chosen."""
        self._filling = True
        choices = field_choices(self.kind)
        self.table.setRowCount(len(mapping.columns))
        self.combos.clear()
        for row, choice in enumerate(mapping.columns):
            self.table.setItem(row, COL_LETTER, cell(choice.letter))
            self.table.setItem(row, COL_HEADER, cell(choice.header or self.tr("（无表头）"), tip=choice.header))
            shown = list(islice((t for t in (cell_text(r.cell(choice.column)) for r in table.rows) if t),
                                SAMPLE_VALUES))  # the first few: a long file is not read whole
            self.table.setItem(row, COL_SAMPLE, cell("、".join(s[:16] for s in shown), tip="\n".join(shown)))
            combo = QComboBox(self.table)
            combo.setObjectName(f"field_{choice.column}")
            combo.addItem(self.tr("不导入"), None)
            for key, zh, en in choices:
                label = self.tr("编号（记录号）") if key == ID_KEY else (capitalised(en) if language() == "en" else zh)
                f = self.kind.field(key) if self.kind.has_field(key) else None
                if f is not None and f.required:
                    label += " *"
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(choice.field_key), 0))
            combo.currentIndexChanged.connect(lambda _i, c=choice.column, box=combo: self._field_chosen(c, box))
            self.combos[choice.column] = combo
            self.table.setCellWidget(row, COL_FIELD, combo)
            reason = i18n.shown(choice.reason)
            if choice.field_key is not None and choice.confidence < 1.0:
                reason += self.tr("（把握 {0}%）").format(round(choice.confidence * 100))
            item = cell(reason, tip=reason)
            if choice.field_key is None:
                item.setForeground(QBrush(QColor("#888888")))
            self.table.setItem(row, COL_REASON, item)
        self.table.horizontalHeader().setSectionResizeMode(COL_SAMPLE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(COL_SAMPLE, min(self.table.sizeHintForColumn(COL_SAMPLE) + 12, SAMPLE_WIDTH))
        self._filling = False
        missing = missing_required(self.kind, mapping)
        if missing:
            names = "、".join(field_label(self.kind.field(k)) for k in missing)
            self.missing_label.setText(self.tr("必填字段没有对应的列：{0}。新增的记录会因此被拒绝（只更新已有记录时可以不管）。").format(
                names))
            self.missing_label.setStyleSheet("color: #c62828;")
        else:
            self.missing_label.setText(self.tr("所有必填字段都有对应的列。"))
            self.missing_label.setStyleSheet("color: #2e7d32;")

    # ---- the clerk's choices ---------------------------------------------------------

    def choose(self, column: int, field_key: str | None) -> None:
        """Pick the field of ``column`` as the clerk would."""
        combo = self.combos[column]
        combo.setCurrentIndex(0 if field_key is None else combo.findData(field_key))

    def _field_chosen(self, column: int, combo: QComboBox) -> None:
        if not self._filling:
            self.mapping_changed.emit(column, combo.currentData())

    def _saved_chosen(self, index: int) -> None:
        self.apply_saved.emit(str(self.saved_combo.itemData(index) or ""))
