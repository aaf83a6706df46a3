"""The 数据包 page: a county exports its signed packet for the city; a city (or province)
imports and merges the packets of its offices. Both see the packet log; a city also sees,
office by office, what it has merged and whose key it has pinned.

Packet files dropped on the window arrive through :meth:`PacketsPage.receive_files`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db import packets as packet_queries
from desktop import divisions, keys
from desktop.ledger import Ledger
from ui.packets import common

__all__ = ["PacketsPage"]


class PacketsPage(QWidget):
    """Export (county) or import (city, province) packets; the packet log."""

    data_changed = Signal()
    """A merge changed the registers (the window should reload its other pages)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.county = ledger.mode == "county"
        self.export_dialog = None
        self.import_dialog = None
        self.office_table = None
        layout = QVBoxLayout(self)

        if self.county:
            intro = self.tr(
                "<h3>数据包</h3><p>把本单位的全部台账导出为一个签名的 Excel 数据包，通过邮件报送市局。"
                "每次导出的都是完整的台账，序号逐次加一；市局导入时会检查签名和序号。</p>")
        else:
            intro = self.tr(
                "<h3>数据包</h3><p>导入下级单位报送的 Excel 数据包：先试导入检查，核对后再合并。"
                "可以一次选择多个文件，也可以把数据包文件直接拖到窗口上。</p>")
        header = QLabel(intro, self)
        header.setWordWrap(True)
        layout.addWidget(header)

        actions = QHBoxLayout()
        if self.county:
            self.action_button = QPushButton(self.tr("导出数据包"), self)
            self.action_button.setObjectName("export_packet")
            self.action_button.clicked.connect(self.open_export)
        else:
            self.action_button = QPushButton(self.tr("导入数据包"), self)
            self.action_button.setObjectName("import_packets")
            self.action_button.clicked.connect(self.choose_import)
        self.action_button.setMinimumHeight(32)
        self.action_button.setStyleSheet("QPushButton { padding: 4px 18px; font-weight: bold; }")
        actions.addWidget(self.action_button)
        self.summary = QLabel(self)
        self.summary.setObjectName("packets_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions.addWidget(self.summary, 1)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        if not self.county:
            offices = QGroupBox(self.tr("下级单位报送情况"), splitter)
            ol = QVBoxLayout(offices)
            self.office_table = common.read_only_table(offices, [
                self.tr("单位"), self.tr("已合并至"), self.tr("最近合并时间"), self.tr("公钥指纹"),
                self.tr("公钥登记时间")], stretch=3, name="office_table")
            ol.addWidget(self.office_table)
            splitter.addWidget(offices)

        log_box = QGroupBox(self.tr("数据包记录"), splitter)
        ll = QVBoxLayout(log_box)
        self.log_table = common.read_only_table(log_box, [
            self.tr("时间"), self.tr("方向"), self.tr("单位"), self.tr("序号"), self.tr("状态"),
            self.tr("文件")], stretch=5, name="log_table")
        self.log_table.itemSelectionChanged.connect(self._log_selected)
        self.log_table.doubleClicked.connect(lambda _i: self.open_log_folder())
        ll.addWidget(self.log_table)
        row = QHBoxLayout()
        self.log_note = QLabel(log_box)
        self.log_note.setObjectName("log_note")
        self.log_note.setStyleSheet("color: #555;")
        row.addWidget(self.log_note, 1)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"), log_box)
        self.folder_button.clicked.connect(self.open_log_folder)
        row.addWidget(self.folder_button)
        ll.addLayout(row)
        splitter.addWidget(log_box)

        self.received_box = QGroupBox(self.tr("拖放到窗口上的文件"), splitter)
        rl = QVBoxLayout(self.received_box)
        self.received_note = QLabel(self.received_box)
        self.received_note.setWordWrap(True)
        rl.addWidget(self.received_note)
        self.received = QListWidget(self.received_box)
        self.received.setObjectName("received_files")
        rl.addWidget(self.received)
        self.received_box.setVisible(False)
        splitter.addWidget(self.received_box)
        if not self.county:
            splitter.setStretchFactor(0, 1)
            splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.refresh()

    # ---- tables --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the log and the office table from the database."""
        self._fill_log()
        if self.office_table is not None:
            self._fill_offices()
        self._fill_summary()

    def _direction(self, direction: str) -> str:
        return {"sent": self.tr("发出"), "received": self.tr("收到"), "receipt": self.tr("回执"),
                "restore": self.tr("恢复包"), "reference": self.tr("参考包")}.get(direction, direction)

    def _status(self, status: str) -> str:
        return {"exported": self.tr("已导出"), "receipted": self.tr("已收到回执"),
                "merged": self.tr("已合并"), "nothing": self.tr("无需导入"),
                "refused": self.tr("拒绝")}.get(status, status)

    def _fill_log(self) -> None:
        self.log_entries = packet_queries.packet_log(self.ledger.db)
        table = self.log_table
        table.setRowCount(len(self.log_entries))
        for row, e in enumerate(self.log_entries):
            detail = e.detail or {}
            tip = "\n".join(str(x) for x in [*detail.get("refusals", []), *detail.get("warnings", [])])
            status = common.cell(self._status(e.status), tip=tip)
            if e.status == "refused":
                status.setForeground(QBrush(QColor("#c62828")))
            cells = (common.cell(common.local_time(e.at)), common.cell(self._direction(e.direction)),
                     common.cell(common.office_text(e.office_code)),
                     common.cell(self.tr("第 {0} 号").format(e.sequence) if e.sequence else "—",
                                 number=True),
                     status, common.cell(e.file_name or "", tip=e.archive_path or ""))
            for col, item in enumerate(cells):
                table.setItem(row, col, item)
        self.log_note.setText(self.tr("共 {0} 条记录，最新的在前。").format(len(self.log_entries))
                              if self.log_entries else self.tr("还没有数据包记录。"))
        self._log_selected()

    def _fill_offices(self) -> None:
        assert self.office_table is not None
        pinned = {o.code: o for o in packet_queries.pinned_offices(self.ledger.db)}
        children = [d.code for d in divisions.children(self.ledger.office.code)]
        codes = sorted(pinned, key=lambda c: (c not in children, c))  # who has sent, first
        codes += [c for c in children if c not in pinned]
        table = self.office_table
        table.setRowCount(len(codes))
        for row, code in enumerate(codes):
            o = pinned.get(code)
            merged = o is not None and o.last_sequence is not None
            name = common.office_text(code, o.name if o else "")
            cells = (common.cell(name),
                     common.cell(self.tr("第 {0} 号").format(o.last_sequence) if merged and o
                                 else self.tr("尚未报送"), number=merged),
                     common.cell(common.local_time(o.last_received_at) if o and o.last_received_at else ""),
                     common.cell(o.key_fingerprint if o and o.key_fingerprint else ""),
                     common.cell(common.local_time(o.key_pinned_at) if o and o.key_pinned_at else ""))
            if not merged:
                cells[1].setForeground(QBrush(QColor("#888888")))
            for col, item in enumerate(cells):
                table.setItem(row, col, item)

    def _fill_summary(self) -> None:
        office = self.ledger.office
        if self.county:
            key = packet_queries.get_key(self.ledger.db, office.code)
            last = packet_queries.last_sent(self.ledger.db, office.code)
            lines = []
            if last is not None:
                lines.append(self.tr("上次导出：第 {0} 号，{1}。下次导出为第 {2} 号。").format(
                    last.sequence, common.local_time(last.at), (last.sequence or 0) + 1))
            else:
                lines.append(self.tr("还没有导出过数据包，首次导出为第 1 号。"))
            if key is not None:
                lines.append(self.tr("本单位签名公钥指纹：{0}（首次报送时市局会电话核对）").format(
                    keys.fingerprint(key.public_key)))
            self.summary.setText("\n".join(lines))
        else:
            pinned = [o for o in packet_queries.pinned_offices(self.ledger.db) if o.last_sequence]
            total = len(divisions.children(office.code))
            self.summary.setText(self.tr("{0} 个下级单位中已有 {1} 个报送过数据包。").format(
                total, len(pinned)))

    def _log_selected(self) -> None:
        entry = self._selected_log()
        self.folder_button.setEnabled(entry is not None and bool(entry.archive_path))

    def _selected_log(self) -> packet_queries.PacketLogEntry | None:
        row = self.log_table.currentRow()
        entries = getattr(self, "log_entries", [])
        return entries[row] if 0 <= row < len(entries) and self.log_table.selectedItems() else None

    def open_log_folder(self) -> None:
        entry = self._selected_log()
        if entry is not None and entry.archive_path:
            folder = Path(entry.archive_path).parent
            if folder.is_dir():
                common.open_path(folder)

    # ---- county: export ----------------------------------------------------------------------

    def open_export(self):  # type: ignore[no-untyped-def]
        """Open the 导出数据包 dialog (non-blocking); returns it."""
        from ui.packets.export_dialog import ExportDialog

        dialog = ExportDialog(self.ledger, self)
        dialog.exported.connect(lambda _r: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # ---- city: import ------------------------------------------------------------------------

    def choose_import(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择数据包"), "", self.tr("Excel 数据包 (*.xlsx)"))
        if files:
            self.open_import([Path(f) for f in files])

    def open_import(self, paths: list[Path]):  # type: ignore[no-untyped-def]
        """Show the import dialog (one at a time) and dry-run ``paths`` in it; returns it."""
        from ui.packets.import_dialog import ImportDialog

        dialog = self.import_dialog
        if dialog is None:
            dialog = ImportDialog(self.ledger, self)
            dialog.merged.connect(self._merged)
            dialog.finished.connect(self._import_closed)
            self.import_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.add_files(list(paths))
        return dialog

    def _merged(self) -> None:
        self.refresh()
        self.data_changed.emit()

    def _import_closed(self, _result: int) -> None:
        dialog, self.import_dialog = self.import_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.refresh()

    def receive_files(self, paths: list[Path]) -> None:
        """Packet files handed over by a drop on the window: listed, and imported by a city."""
        for p in paths:
            self.received.addItem(str(p))
        if self.county:
            self.received_box.setVisible(True)
            self.received_note.setText(self.tr(
                "县级单位只导出数据包，不导入下级数据包；收到的文件列在这里，没有导入。"))
            return
        self.open_import(list(paths))
