"""The change history of one record, from the audit log (:mod:`db.audit`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.audit import AuditEntry
from desktop.fields import Field, Kind
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from ui.editors import i18n

__all__ = ["HistoryDialog", "local_time", "action_label", "change_lines", "SUMMARY_SEPARATOR"]

SUMMARY_LINES = 4
"""Changed fields listed in the table cell (on one line, cut with … where it is too narrow;
the tooltip and the detail pane below show them all)."""
SUMMARY_SEPARATOR = "；"
SUMMARY_VALUE_CHARS = 30
_SKIP = frozenset({"revision", "deleted"})



def local_time(at: str) -> str:
    """A stored UTC timestamp as local time, ``2026-11-21 09:30:05``."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def action_label(action: str) -> str:
    labels = {
        "create": QCoreApplication.translate("HistoryDialog", "新增"),
        "update": QCoreApplication.translate("HistoryDialog", "修改"),
        "delete": QCoreApplication.translate("HistoryDialog", "删除"),
        "restore": QCoreApplication.translate("HistoryDialog", "恢复"),
        "bulk-create": QCoreApplication.translate("HistoryDialog", "批量新增"),
    }
    return labels.get(action, action)


def _shown(f: Field | None, value: Any, limit: int | None) -> str:
    if value is None or value == [] or value == "":
        return QCoreApplication.translate("HistoryDialog", "（空）")
    text = str(value)
    if f is not None:
        try:
            text = i18n.display(f, f.coerce(value))
        except Exception:  # noqa: BLE001 - an old value the field no longer accepts: show it as stored
            text = str(value)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def change_lines(entry: AuditEntry, limit: int | None = None) -> list[str]:
    """``字段: 旧 → 新`` for every field an audit row changed (``字段: 值`` for a creation),
    with the register's labels and display values; values cut to ``limit`` characters."""
    kind: Kind | None = REGISTRY.get(entry.kind or "")
    before, after = entry.before or {}, entry.after or {}
    keys = [f.key for f in kind.fields] if kind else []
    keys += sorted((set(before) | set(after)) - set(keys) - _SKIP)

    def field(key: str) -> Field | None:
        return kind.field(key) if kind is not None and kind.has_field(key) else None

    def label(key: str) -> str:
        f = field(key)
        return i18n.field_label(f) if f is not None else key

    lines: list[str] = []
    if entry.action == "create":
        for key in keys:
            if after.get(key) not in (None, "", []):
                lines.append(f"{label(key)}: {_shown(field(key), after[key], limit)}")
    elif entry.action == "update":
        for key in keys:
            old, new = before.get(key), after.get(key)
            if old != new:
                lines.append(f"{label(key)}: {_shown(field(key), old, limit)} → "
                             f"{_shown(field(key), new, limit)}")
    elif entry.action == "bulk-create" and after:
        text = QCoreApplication.translate("HistoryDialog", "共 {count} 条：{first} 至 {last}")
        lines.append(text.format(count=after.get("count"), first=after.get("first"),
                                 last=after.get("last")))
    return lines


class HistoryDialog(QDialog):
    """Who changed the record when, and what: newest first, the selected row in full below."""

    def __init__(self, ledger: Ledger, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.record_id = record_id
        self.entries: list[AuditEntry] = list(reversed(ledger.history(record_id)))
        self.setWindowTitle(self.tr("修改历史 {id}").format(id=record_id))
        self.setObjectName("HistoryDialog")
        layout = QVBoxLayout(self)
        header = QLabel(self.tr("记录 {id} 的全部修改（最新的在前）").format(id=record_id), self)
        layout.addWidget(header)

        self.table = QTableWidget(len(self.entries), 5, self)
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("时间"), self.tr("经办人"), self.tr("操作"), self.tr("版本"), self.tr("修改内容")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # One line per change: a creation lists every field, which made rows many lines tall.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        head = self.table.horizontalHeader()
        for col in range(4):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(self.entries):
            lines = change_lines(entry, SUMMARY_VALUE_CHARS)
            summary = lines[:SUMMARY_LINES]
            if len(lines) > SUMMARY_LINES:
                summary.append(self.tr("……共 {n} 项").format(n=len(lines)))
            cells = (local_time(entry.at), entry.actor, action_label(entry.action),
                     "" if entry.revision is None else str(entry.revision),
                     SUMMARY_SEPARATOR.join(summary))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 4:
                    item.setToolTip("\n".join(change_lines(entry)))
                self.table.setItem(row, col, item)
        self.table.itemSelectionChanged.connect(self._show_detail)

        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("history_detail")
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        if not self.entries:
            self.detail.setPlainText(self.tr("没有修改记录。"))

        self.footnote = QLabel(self)
        self.footnote.setObjectName("footnote")
        self.footnote.setWordWrap(True)
        self.footnote.setStyleSheet("color: #666;")
        oldest = self.entries[-1] if self.entries else None
        if oldest is None or oldest.action != "create":
            self.footnote.setText(self.tr(
                "此记录是成批写入的（演示数据或导入），成批写入只在日志中留一条汇总，"
                "不逐条记录新增时的内容。"))
        self.footnote.setVisible(bool(self.footnote.text()))
        layout.addWidget(self.footnote)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(860, 520)
        if self.entries:
            self.table.selectRow(0)

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.entries[rows[0].row()]
        head = self.tr("{time} {actor} {action}").format(
            time=local_time(entry.at), actor=entry.actor, action=action_label(entry.action))
        extra = []
        if entry.os_user:
            extra.append(self.tr("系统用户：{user}").format(user=entry.os_user))
        if entry.office_code:
            extra.append(self.tr("单位：{office}").format(office=entry.office_code))
        if entry.revision is not None:
            extra.append(self.tr("版本：{rev}").format(rev=entry.revision))
        lines = [head + ("（" + "，".join(extra) + "）" if extra else ""), ""]
        lines += change_lines(entry)
        if entry.note:
            lines += ["", self.tr("备注：{note}").format(note=entry.note)]
        self.detail.setPlainText("\n".join(lines))

    def row_texts(self) -> list[list[str]]:
        """The table as text, row by row (newest first)."""
        return [[_text(self.table.item(r, c)) for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None  # every cell of the table is filled
    return item.text()
