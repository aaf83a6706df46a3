"""Step 3 of 导入表格: the values of coded columns the register does not know, each shown
once (however many rows hold it), with the allowed values to map it to."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from desktop.fields import FieldType, Kind
from desktop.tables.model import UnknownValues, ValueMaps, column_letter
from ui.editors.i18n import choice_label, display, field_label, kind_label, language
from ui.packets.common import cell, read_only_table

__all__ = ["ValuesPage", "allowed_values"]

log = logging.getLogger(__name__)

COL_COLUMN, COL_FIELD, COL_VALUE, COL_COUNT, COL_FIRST, COL_TARGET = range(6)


def allowed_values(kind: Kind, field_key: str) -> list[tuple[str, str]]:
    """(code, label in the UI language) a value of the field may be mapped to."""
    f = kind.field(field_key)
    if f.type is FieldType.BOOL:
        return [("yes", display(f, True)), ("no", display(f, False))]
    return [(c.code, choice_label(c)) for c in f.choices]


class ValuesPage(QWidget):
    """One line per distinct unknown value; ``value_chosen(field key, text, code or "")``."""

    value_chosen = Signal(str, str, str)

    def __init__(self, kind: Kind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._filling = False
        self.combos: dict[tuple[str, str], QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self)
        self.hint.setObjectName("values_hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table = read_only_table(self, [
            self.tr("列"), self.tr("字段"), self.tr("文件中的值"), self.tr("行数"), self.tr("首次出现"),
            self.tr("对应为")], stretch=COL_VALUE, name="values_table")
        layout.addWidget(self.table, 1)

    def show_unknown(self, unknown: list[UnknownValues], maps: ValueMaps) -> None:
        """The unknown values, each with its combo (the clerk's earlier choice selected)."""
        self._filling = True
        self.combos.clear()
        lines = [(u, v) for u in unknown for v in u.values]
        self.table.setRowCount(len(lines))
        for row, (column, value) in enumerate(lines):
            f = self.kind.field(column.field_key)
            where = (f"{column_letter(column.column)} ({column.header})" if language() == "en"
                     else f"{column_letter(column.column)}（{column.header}）")
            self.table.setItem(row, COL_COLUMN, cell(where, tip=column.header))
            self.table.setItem(row, COL_FIELD, cell(field_label(f)))
            self.table.setItem(row, COL_VALUE, cell(value.text, tip=value.text))
            self.table.setItem(row, COL_COUNT, cell(value.count, number=True))
            self.table.setItem(row, COL_FIRST, cell(self.tr("第 {0} 行").format(value.first_row)))
            combo = QComboBox(self.table)
            combo.setObjectName(f"value_{column.field_key}_{row}")
            combo.addItem(self.tr("（不对应：这些行将被拒绝）"), "")
            for code, label in allowed_values(self.kind, column.field_key):
                combo.addItem(label, code)
            chosen = maps.get(column.field_key, {}).get(value.text, "")
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.currentIndexChanged.connect(
                lambda _i, k=column.field_key, t=value.text, box=combo: self._chosen(k, t, box))
            self.combos[(column.field_key, value.text)] = combo
            self.table.setCellWidget(row, COL_TARGET, combo)
        self._filling = False
        if lines:
            self.hint.setText(self.tr(
                "下面这些值不是“{0}”认得的选项。每个不同的值只列一次，请选择它对应的选项；"
                "不选的值所在的行会被拒绝。").format(kind_label(self.kind)))
        else:
            self.hint.setText(self.tr("所有代码类的列（选项、是/否）的值都认得，不需要对应。"))

    def choose(self, field_key: str, text: str, code: str) -> None:
        """Map ``text`` of ``field_key`` to ``code`` as the clerk would ("" = not mapped)."""
        combo = self.combos[(field_key, text)]
        combo.setCurrentIndex(combo.findData(code) if code else 0)

    def _chosen(self, field_key: str, text: str, combo: QComboBox) -> None:
        if not self._filling:
            self.value_chosen.emit(field_key, text, str(combo.currentData() or ""))
