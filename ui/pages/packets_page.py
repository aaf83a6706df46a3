"""The 数据包 page: a county exports its signed packet for the city; a city (or province)
imports and merges the packets of its offices. Both see the packet log; a city also sees,
office by office, what it has merged and whose key it has pinned.

The city sends files back down: a receipt (回执) for a packet it imported, a restore packet
(恢复数据包) that rebuilds a county's lost database, and a reference packet (参考数据包) with its
own records. A county imports them (导入市局文件…, or by dropping them on the window), each
after a dry run in :class:`ui.packets.special_dialog.SpecialImportDialog`.

Packet files dropped on the window arrive through :meth:`PacketsPage.receive_files`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db import packets as packet_queries
from desktop import divisions, keys
from desktop.jobs import CancelCheck, Cancelled, Progress
from desktop.ledger import Ledger
from desktop.packets.export import default_packet_name, packets_dir
from desktop.packets.reader import PacketRefused
from desktop.packets.special import (
    RESULT_TEXT,
    SPECIAL_KINDS,
    SpecialExport,
    export_receipt,
    make_reference_packet,
    make_restore_packet,
    peek_kind,
    read_meta,
)
from ui import i18n
from ui.operations import Job, run_job
from ui.packets import common

if TYPE_CHECKING:  # imported when first opened
    from ui.packets.export_dialog import ExportDialog
    from ui.packets.import_dialog import ImportDialog
    from ui.packets.special_dialog import SpecialImportDialog

__all__ = ["PacketsPage"]


class PacketsPage(QWidget):
    """Export (county) or import (city, province) packets; the packet log."""

    data_changed = Signal()
    """A merge changed the registers (the window should reload its other pages)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.county = ledger.mode == "county"
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.special_dialog: SpecialImportDialog | None = None
        self.special_queue: list[Path] = []
        self.special_job: Job | None = None
        self.office_table = None
        self.office_codes: list[str] = []
        self._guarded: QWidget | None = None
        layout = QVBoxLayout(self)

        if self.county:
            intro = self.tr(
                "<h3>数据包</h3><p>把本单位的全部台账导出为一个签名的 Excel 数据包，通过邮件报送市局。"
                "每次导出的都是完整的台账，序号逐次加一；市局导入时会检查签名和序号。</p>"
                "<p>市局发回的回执、参考数据包和恢复数据包，用“导入市局文件…”导入，"
                "也可以把文件直接拖到窗口上；导入前会先试导入，显示文件的内容。</p>")
        else:
            intro = self.tr(
                "<h3>数据包</h3><p>导入下级单位报送的 Excel 数据包：先试导入检查，核对后再合并。"
                "可以一次选择多个文件，也可以把数据包文件直接拖到窗口上。</p>"
                "<p>合并后可以为数据包生成回执发回下级单位；下级单位的电脑损坏时，为其生成恢复数据包；"
                "本单位自有的记录（已保护地理标志、抽查计划等）用参考数据包下发。</p>")
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
        self.city_file_button = None
        self.receipt_button = self.restore_button = self.reference_button = None
        if self.county:
            self.city_file_button = self._button(
                self.tr("导入市局文件…"), "import_city_files", self.choose_city_files,
                self.tr("导入市局发回的回执、参考数据包或恢复数据包"))
            actions.addWidget(self.city_file_button)
        else:
            self.receipt_button = self._button(
                self.tr("生成回执…"), "make_receipt", self.make_receipt,
                self.tr("为下面“数据包记录”中选中的收到的数据包生成回执；没有选中时选择数据包文件"))
            self.restore_button = self._button(
                self.tr("生成恢复数据包…"), "make_restore", self.make_restore_packet,
                self.tr("为下面“下级单位报送情况”中选中的单位生成恢复数据包，用于重建其损坏或丢失的数据库"))
            self.reference_button = self._button(
                self.tr("生成参考数据包…"), "make_reference", self.make_reference_packet,
                self.tr("把本单位自有的记录（已保护地理标志、抽查计划与任务等）下发给下级单位"))
            for button in (self.receipt_button, self.restore_button, self.reference_button):
                actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.summary = QLabel(self)
        self.summary.setObjectName("packets_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

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

        # the files handed to the page (dropped or chosen), kept as a record; not shown
        self.received = QListWidget(self)
        self.received.setObjectName("received_files")
        self.received.setVisible(False)
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
                "refused": self.tr("拒绝"), "restored": self.tr("已恢复")}.get(status, status)

    def _kind(self, kind: str) -> str:
        return {"county": self.tr("报送数据包"), "receipt": self.tr("回执"),
                "restore": self.tr("恢复数据包"), "reference": self.tr("参考数据包")}.get(
                    kind, kind or self.tr("无法识别的文件"))

    def _verdict(self, result: str) -> str:
        """What a receipt says the city did with a packet."""
        return {"merged": self.tr("市局已合并"), "nothing": self.tr("市局无需导入"),
                "refused": self.tr("市局拒绝")}.get(result, result)

    def _fill_log(self) -> None:
        self.log_entries = packet_queries.packet_log(self.ledger.db)
        # the receipts imported here, by the packet they answer (newest first: the latest wins)
        receipts: dict[tuple[int | None, str | None], dict[str, Any]] = {}
        for e in self.log_entries:
            if e.direction == "receipt" and e.status == "receipted":
                receipts.setdefault((e.sequence, e.content_hash), e.detail or {})
        table = self.log_table
        table.setRowCount(len(self.log_entries))
        for row, e in enumerate(self.log_entries):
            detail = e.detail or {}
            lines = [i18n.shown(x) for x in (*detail.get("refusals", []), *detail.get("warnings", []))]
            text = self._status(e.status)
            refused = e.status == "refused"
            if e.status == "receipted":
                answer = detail if e.direction == "receipt" else receipts.get((e.sequence, e.content_hash), {})
                result = str(answer.get("result") or "")
                if result:
                    text = self.tr("{0}（{1}）").format(text, self._verdict(result))
                    refused = result == "refused"
                lines += [i18n.shown(r) for r in answer.get("reasons") or []]
            status = common.cell(text, tip="\n".join(str(x) for x in lines))
            if refused:
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
        self.office_codes = codes
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
                if last.status == "receipted":
                    answer = next((e.detail or {} for e in self.log_entries
                                   if e.direction == "receipt" and e.status == "receipted"
                                   and e.sequence == last.sequence
                                   and e.content_hash == last.content_hash), {})
                    lines.append(self.tr("第 {0} 号数据包已收到市局回执：{1}。").format(
                        last.sequence, self._verdict(str(answer.get("result") or "")) or "—"))
                elif last.status == "exported":
                    lines.append(self.tr("第 {0} 号数据包尚未收到市局回执。").format(last.sequence))
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

    def open_export(self) -> ExportDialog:
        """Open the 导出数据包 dialog (non-blocking); returns it."""
        from ui.packets.export_dialog import ExportDialog

        dialog = ExportDialog(self.ledger, self)
        dialog.exported.connect(lambda _r: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
        self.export_dialog = dialog
        self._guard_window()
        dialog.open()
        return dialog

    # ---- city: import ------------------------------------------------------------------------

    def choose_import(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择数据包"), "", self.tr("Excel 数据包 (*.xlsx)"))
        if files:
            self.receive_files([Path(f) for f in files], listed=False)

    def open_import(self, paths: list[Path]) -> ImportDialog:
        """Show the import dialog (one at a time) and dry-run ``paths`` in it; returns it."""
        from ui.packets.import_dialog import ImportDialog

        dialog = self.import_dialog
        if dialog is None:
            dialog = ImportDialog(self.ledger, self)
            dialog.merged.connect(self._merged)
            dialog.finished.connect(self._import_closed)
            self.import_dialog = dialog
        self._guard_window()
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

    def receive_files(self, paths: list[Path], *, listed: bool = True) -> None:
        """Packet files handed over by a drop on the window (``listed``) or chosen: a county
        imports the city's files (receipts, reference and restore packets); a city sends
        those to the same dry run and the packets of its offices to the import dialog."""
        paths = [Path(p) for p in paths]
        if listed:
            for p in paths:
                self.received.addItem(str(p))
        if self.county:
            self.import_city_files(paths)
            return
        special = [p for p in paths if peek_kind(p) in SPECIAL_KINDS]
        packets = [p for p in paths if p not in special]
        if packets:
            self.open_import(packets)
        if special:
            self.import_city_files(special)

    # ---- the city's files: receipts, reference and restore packets ---------------------------

    def choose_city_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择市局发回的文件"), "", self.tr("Excel 数据包 (*.xlsx)"))
        if files:
            self.import_city_files([Path(f) for f in files])

    def import_city_files(self, paths: list[Path]) -> SpecialImportDialog | None:
        """Dry-run, confirm and import the files one after another (one dialog at a time);
        returns the dialog now open, if any."""
        waiting = {p.resolve() for p in self.special_queue}
        if self.special_dialog is not None:
            waiting.add(self.special_dialog.path.resolve())
        for p in paths:
            if p.resolve() not in waiting:
                self.special_queue.append(p)
                waiting.add(p.resolve())
        return self._next_city_file()

    def _next_city_file(self) -> SpecialImportDialog | None:
        from ui.packets.special_dialog import SpecialImportDialog

        if self.special_dialog is not None:
            return self.special_dialog
        if not self.special_queue:
            return None
        dialog = SpecialImportDialog(self.ledger, self.special_queue.pop(0), self)
        dialog.imported.connect(self._city_file_imported)
        dialog.finished.connect(self._city_file_closed)
        self.special_dialog = dialog
        self._guard_window()
        dialog.open()
        dialog.start()
        return dialog

    def _city_file_imported(self, result: Any) -> None:
        self.refresh()
        if result.status == "merge":
            self.data_changed.emit()

    def _city_file_closed(self, _result: int) -> None:
        dialog, self.special_dialog = self.special_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.refresh()
        self._next_city_file()

    # ---- city: receipts, restore and reference packets ------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[[], Any], tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setMinimumHeight(32)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _save_target(self, title: str, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(suggested),
                                                      self.tr("Excel 数据包 (*.xlsx)"))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        return target

    def _selected_office(self) -> str | None:
        table = self.office_table
        if table is None or not table.selectedItems():
            return None
        row = table.currentRow()
        return self.office_codes[row] if 0 <= row < len(self.office_codes) else None

    def make_receipt(self) -> Job | None:
        """The receipt for the received packet selected in the log (or a packet file chosen)."""
        title = self.tr("生成回执")
        if self.special_job is not None:
            return None
        entry = self._selected_log()
        if (entry is not None and entry.direction == "received" and entry.archive_path
                and Path(entry.archive_path).is_file()):
            source = Path(entry.archive_path)
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择要出具回执的数据包"), str(packets_dir(self.ledger, "received")),
                self.tr("Excel 数据包 (*.xlsx)"))
            if not chosen:
                return None
            source = Path(chosen)
        try:
            meta = read_meta(source)
        except (PacketRefused, OSError) as e:
            QMessageBox.warning(self, title, self.tr("无法读取数据包：\n{0}").format(i18n.shown(e)))
            return None
        if meta.get("packet_kind") != "county":
            QMessageBox.warning(self, title, self.tr(
                "只能为下级单位报送的数据包生成回执；所选文件是{0}：\n{1}").format(
                    self._kind(str(meta.get("packet_kind") or "")), source))
            return None
        office = str(meta.get("office") or "")
        sequence = int(meta.get("sequence") or 0)
        suggested = packets_dir(self.ledger, "receipts") / default_packet_name(
            self.ledger, "receipt", sequence, office_code=office or "0",
            office_name=str(meta.get("office_name") or office or "?"))
        target = self._save_target(self.tr("回执保存到"), suggested)
        if target is None:
            return None
        return self._run_special(title, lambda w, p, c: export_receipt(
            w, source, target, progress=p, cancelled=c))

    def make_restore_packet(self) -> Job | None:
        """The restore packet of the office selected in the office table."""
        title = self.tr("生成恢复数据包")
        if self.special_job is not None:
            return None
        code = self._selected_office()
        if code is None:
            QMessageBox.information(self, title, self.tr(
                "请先在“下级单位报送情况”中选择要生成恢复数据包的单位。"))
            return None
        known = packet_queries.pinned(self.ledger.db, code)
        name = common.office_text(code, known.name if known else "")
        if known is None or known.last_sequence is None:
            QMessageBox.information(self, title, self.tr(
                "尚未合并过{0}的数据包，没有可恢复的数据。").format(name))
            return None
        answer = QMessageBox.question(self, title, self.tr(
            "为{0}生成恢复数据包吗？\n\n恢复数据包包含本单位保存的该单位全部记录（恢复至第 {1} 号数据包），"
            "只用于其电脑损坏或丢失、重建数据库时。对方导入后将使用新的签名密钥：收到其下一个数据包时，"
            "须电话核对新的公钥指纹，并重新登记。").format(name, known.last_sequence))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        division = divisions.lookup(code)
        suggested = packets_dir(self.ledger, "sent") / default_packet_name(
            self.ledger, "restore", known.last_sequence, office_code=code,
            office_name=known.name or (division.name if division else code))
        target = self._save_target(self.tr("恢复数据包保存到"), suggested)
        if target is None:
            return None
        return self._run_special(title, lambda w, p, c: make_restore_packet(
            w, code, target, progress=p, cancelled=c))

    def make_reference_packet(self) -> Job | None:
        """The next reference packet of this office's own records."""
        title = self.tr("生成参考数据包")
        if self.special_job is not None:
            return None
        office = self.ledger.office.code
        sent = [e.sequence or 0 for e in packet_queries.packet_log(self.ledger.db, office)
                if e.direction == "reference" and e.sequence]
        suggested = packets_dir(self.ledger, "sent") / default_packet_name(
            self.ledger, "reference", max(sent, default=0) + 1)
        target = self._save_target(self.tr("参考数据包保存到"), suggested)
        if target is None:
            return None
        return self._run_special(title, lambda w, p, c: make_reference_packet(
            w, target, progress=p, cancelled=c))

    def _run_special(self, title: str, make: Callable[[Ledger, Any, Any], SpecialExport]) -> Job | None:
        db_path, clerk = self.ledger.path, self.ledger.actor.clerk
        if db_path is None:
            return None

        def job(progress: Progress, cancelled: CancelCheck) -> SpecialExport:
            with Ledger.open(db_path, clerk=clerk) as worker:
                return make(worker, progress, cancelled)

        self._guard_window()
        self._set_special_busy(True)
        self.special_job = run_job(self, title, job, lambda r: self._special_made(title, r),
                                   lambda e: self._special_failed(title, e))
        return self.special_job

    def _set_special_busy(self, busy: bool) -> None:
        for button in (self.receipt_button, self.restore_button, self.reference_button):
            if button is not None:
                button.setEnabled(not busy)

    def _special_made(self, title: str, made: SpecialExport) -> None:
        self.special_job = None
        self._set_special_busy(False)
        self.refresh()
        who = common.office_text(made.office, made.office_name)
        if made.packet_kind == "receipt":
            zh, en = RESULT_TEXT.get(made.status or "", (made.status or "", made.status or ""))
            text = self.tr("已生成{0}第 {1} 号数据包的回执，处理结果：{2}。").format(
                who, made.sequence, en if i18n.current() == "en" else zh)
        elif made.packet_kind == "restore":
            text = self.tr("已生成{0}的恢复数据包（恢复至第 {1} 号数据包，共 {2} 条记录）。").format(
                who, made.sequence, made.rows)
        else:
            text = self.tr("已生成第 {0} 号参考数据包，共 {1} 条记录。").format(made.sequence, made.rows)
        text += "\n" + self.tr("文件：{0}").format(made.path)
        text += "\n" + self.tr("本单位签名公钥指纹：{0}").format(made.fingerprint)
        if made.notes:
            text += "\n\n" + "\n".join(map(i18n.shown, made.notes))
        if made.not_for_reporting:  # a demo or training database's file: marked, and said so
            text += "\n\n" + self.tr("注意：本单位是演示/培训数据库，这个文件已标为演示/培训数据，不得用于报送；"
                                       "真实台账的县局数据库会拒绝导入。")
        answer = QMessageBox.question(self, title, text + "\n\n" + self.tr("打开所在文件夹吗？"))
        if answer == QMessageBox.StandardButton.Yes:
            common.open_path(made.path.parent)

    def _special_failed(self, title: str, error: BaseException) -> None:
        self.special_job = None
        self._set_special_busy(False)
        self.refresh()
        if isinstance(error, Cancelled):
            QMessageBox.information(self, title, self.tr("已取消，没有生成文件。"))
        elif isinstance(error, PacketRefused):
            QMessageBox.warning(self, title, self.tr("不能生成：\n{0}").format(i18n.shown(error)))
        else:
            QMessageBox.warning(self, title, self.tr("生成失败，没有生成文件：\n{0}").format(i18n.shown(error)))

    # ---- closing while work runs -----------------------------------------------------------------

    def _guard_window(self) -> None:
        """Watch the window this page is in: work still running when it closes is stopped."""
        window = self.window()
        if window is not self and window is not self._guarded:
            window.installEventFilter(self)
            self._guarded = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._guarded and event.type() == QEvent.Type.Close:
            self.stop_jobs()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_jobs()
        super().closeEvent(event)

    def stop_jobs(self) -> None:
        """Cancel the work running for this page and wait for it (the window is closing: a
        worker thread must not outlive the dialog that owns it). A cancelled import or merge
        is rolled back; a cancelled export leaves no file."""
        jobs = [self.special_job]
        for dialog in (self.special_dialog, self.export_dialog, self.import_dialog):
            if dialog is not None:
                jobs += [getattr(dialog, "job", None), getattr(dialog, "merge_job", None)]
        for job in jobs:
            if job is None:
                continue
            try:
                job.cancel.set()
                while not job.thread.wait(50):
                    job.thread.quit()
            except RuntimeError:  # already deleted with its dialog
                pass
