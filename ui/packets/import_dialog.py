"""导入数据包 (city, province): a dry run of every packet, a preview to accept or reject each,
then the accepted packets merged one by one.

Every dry run and the merge run on a worker thread with its own ledger. The merge plans each
packet again on the worker's ledger with the options the clerk chose, and merges it only if it
is still the packet the clerk saw (same file, same key, still mergeable).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import packets as packet_queries
from desktop.jobs import CancelCheck, Cancelled, Progress
from desktop.ledger import Ledger
from desktop.packets.batch import (
    COUNT_KEYS,
    MergeItem,
    MergeOutcome,
    PacketEntry,
    merge_batch,
    merge_order,
    plan_batch,
    signed_with_another_key,
)
from desktop.packets.importer import MERGE, NOTHING, REFUSED, ImportPlan
from desktop.packets.report import describe_plan, write_error_workbook
from desktop.registers import REGISTRY
from ui import i18n
from ui.editors.i18n import kind_label
from ui.operations import Job, run_job
from ui.packets import common

__all__ = ["ImportDialog", "PacketEntry", "MergeOutcome"]

COL_ACCEPT, COL_OFFICE, COL_SEQUENCE, COL_STATUS = 0, 1, 2, 3
COL_COUNTS = 4  # new, changed, deleted, unchanged, refused
COL_FILE = COL_COUNTS + len(COUNT_KEYS)

STATUS_COLOURS = {MERGE: "#e3f4e1", NOTHING: "#eeeeee", REFUSED: "#fbe0e0"}


def _plan_job(db_path: Path, clerk: str, work: list[tuple[Path, bool, bool]]) -> Any:
    """Dry-run each packet on the worker's own ledger: [(path, plan or None, error text)]."""

    def job(progress: Progress, cancelled: CancelCheck) -> list[tuple[Path, ImportPlan | None, str]]:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return plan_batch(worker, work, progress=progress, cancelled=cancelled, describe=i18n.shown)

    return job


def _merge_job(db_path: Path, clerk: str, items: list[MergeItem]) -> Any:
    """Merge each accepted packet on the worker's ledger (:func:`desktop.packets.batch.merge_batch`)."""

    def job(progress: Progress, cancelled: CancelCheck) -> list[MergeOutcome]:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return merge_batch(worker, items, progress=progress, cancelled=cancelled, describe=i18n.shown)

    return job


class ImportDialog(QDialog):
    """Dry-run packets, show what each would do, merge the accepted ones.

    ``merged`` fires after a merge that changed the database.
    """

    merged = Signal()

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.entries: list[PacketEntry] = []
        self.job: Job | None = None
        self.merge_job: Job | None = None
        self.outcomes: list[MergeOutcome] = []
        self._filling = False
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("导入数据包"))
        self.setAcceptDrops(True)
        self.resize(1100, 760)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        hint = QLabel(self.tr(
            "每个数据包先试导入（只检查，不写入）。核对下表后勾选要合并的数据包，再点“合并所选”。"
            "也可以把更多数据包文件拖到这里。"), self)
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        self.add_button = QPushButton(self.tr("添加文件…"), self)
        self.add_button.clicked.connect(self._choose_files)
        top.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.table = common.read_only_table(self, [
            self.tr("合并"), self.tr("单位"), self.tr("序号"), self.tr("状态"), self.tr("新增"),
            self.tr("修改"), self.tr("删除"), self.tr("未变"), self.tr("拒绝"), self.tr("文件")],
            stretch=COL_FILE, name="preview_table")
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.details = QGroupBox(self.tr("所选数据包"), self)
        self.details.setObjectName("packet_details")
        dl = QVBoxLayout(self.details)
        self.key_frame = QFrame(self.details)
        self.key_frame.setObjectName("key_frame")
        self.key_frame.setStyleSheet(
            "QFrame#key_frame { background: #fff3c4; border: 1px solid #e0b000; border-radius: 4px; }")
        kl = QVBoxLayout(self.key_frame)
        self.key_note = QLabel(self.key_frame)
        self.key_note.setWordWrap(True)
        # the splitter above does not ask for height-for-width: room for three lines
        self.key_note.setMinimumHeight(self.key_note.fontMetrics().lineSpacing() * 3)
        self.key_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        kl.addWidget(self.key_note)
        self.fingerprint_label = QLabel(self.key_frame)
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setStyleSheet(
            "font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 16pt; font-weight: bold;"
            "color: #6b4e00; padding: 2px 0;")
        kl.addWidget(self.fingerprint_label)
        self.verified_box = QCheckBox(self.tr("已与县局核对指纹"), self.key_frame)
        self.verified_box.setObjectName("fingerprint_verified")
        self.verified_box.toggled.connect(self._verified_toggled)
        kl.addWidget(self.verified_box)
        dl.addWidget(self.key_frame)

        split = QSplitter(Qt.Orientation.Horizontal, self.details)
        self.kind_table = common.read_only_table(split, [
            self.tr("登记册"), self.tr("新增"), self.tr("修改"), self.tr("删除"), self.tr("未变"),
            self.tr("拒绝")], stretch=0, name="kind_table")
        self.report = QPlainTextEdit(split)
        self.report.setObjectName("plan_report")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        split.addWidget(self.kind_table)
        split.addWidget(self.report)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 620])
        self.details_split = split
        dl.addWidget(split, 1)

        actions = QHBoxLayout()
        self.accept_edited_box = QCheckBox(self.tr("接受导出后的修改"), self.details)
        self.accept_edited_box.setObjectName("accept_edited")
        self.accept_edited_box.setToolTip(self.tr(
            "数据包导出后在 Excel 中被改过时会被拒绝；确认修改是县局有意为之后，可以接受修改后的内容"))
        self.accept_edited_box.toggled.connect(self._accept_edited_toggled)
        self.re_enrol_button = QPushButton(self.tr("重新登记…"), self.details)
        self.re_enrol_button.setObjectName("re_enrol")
        self.re_enrol_button.setToolTip(self.tr("县局更换了电脑或重装了程序、密钥变了时，核实后重新登记其公钥"))
        self.re_enrol_button.clicked.connect(self.re_enrol_selected)
        self.workbook_button = QPushButton(self.tr("保存问题工作簿…"), self.details)
        self.workbook_button.setObjectName("save_workbook")
        self.workbook_button.setToolTip(self.tr("把有问题的单元格标出来，发回县局修改"))
        self.workbook_button.clicked.connect(self.save_error_workbook)
        actions.addWidget(self.accept_edited_box)
        actions.addWidget(self.re_enrol_button)
        actions.addStretch(1)
        actions.addWidget(self.workbook_button)
        dl.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 490])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.merge_button = QPushButton(self.tr("合并所选"), self)
        self.merge_button.setObjectName("merge_selected")
        self.merge_button.clicked.connect(self.merge_accepted)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.merge_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self._show_selected()
        self._update_buttons()

    # ---- files ------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> int:
        """Add packet files (each once) and dry-run them; returns how many were new."""
        known = {e.path.resolve(): e for e in self.entries}
        added = 0
        for p in paths:
            p = Path(p)
            if p.resolve() in known:
                again = known[p.resolve()]
                if again.cancelled:
                    again.planning = True
                    added += 1
                continue
            entry = PacketEntry(p)
            known[p.resolve()] = entry
            self.entries.append(entry)
            added += 1
        if added:
            self._fill_table()
            if self.table.currentRow() < 0:
                self.table.selectRow(0)
            self._plan_pending()
        return added

    def _choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择数据包"), "", self.tr("Excel 数据包 (*.xlsx)"))
        self.add_files([Path(f) for f in files])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    @staticmethod
    def _dropped(mime: Any) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(".xlsx")]

    # ---- dry runs -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None or self.merge_job is not None

    def _plan_pending(self) -> Job | None:
        """Dry-run every packet waiting for it (one job at a time)."""
        if self.busy or self.ledger.path is None:
            return None
        waiting = [e for e in self.entries if e.planning]
        if not waiting:
            return None
        work = [(e.path, e.accept_edited, e.re_enrol) for e in waiting]
        self.status.setText(self.tr("正在试导入 {0} 个数据包……").format(len(work)))
        self.job = run_job(self, self.tr("试导入数据包"),
                           _plan_job(self.ledger.path, self.ledger.actor.clerk, work),
                           self._planned, self._plan_failed)
        self._update_buttons()
        return self.job

    def _planned(self, results: list[tuple[Path, ImportPlan | None, str]]) -> None:
        self.job = None
        by_path = {e.path: e for e in self.entries}
        for path, plan, error in results:
            entry = by_path.get(path)
            if entry is None:
                continue
            entry.plan, entry.error, entry.planning, entry.cancelled = plan, error, False, False
        self._fill_table()
        self._show_selected()
        self._summarise()
        if any(e.planning for e in self.entries):
            self._plan_pending()

    def _plan_failed(self, error: BaseException) -> None:
        self.job = None
        for e in self.entries:
            if e.planning:
                e.planning = False
                e.plan = None
                e.cancelled = isinstance(error, Cancelled)
                e.error = self.tr("已取消试导入") if e.cancelled else i18n.shown(error)
        self._fill_table()
        self._show_selected()
        self._summarise()

    def _replan(self, entry: PacketEntry) -> None:
        entry.planning = True
        self._fill_table()
        self._show_selected()
        self._plan_pending()

    def _summarise(self) -> None:
        ready = sum(1 for e in self.entries if e.accepted)
        refused = sum(1 for e in self.entries if not e.planning and (e.error or (
            e.plan is not None and e.plan.status == REFUSED)))
        waiting_key = sum(1 for e in self.entries if e.waiting_for_key)
        text = self.tr("共 {0} 个数据包：勾选合并 {1} 个，拒绝 {2} 个。").format(
            len(self.entries), ready, refused)
        if waiting_key:
            text += self.tr("{0} 个数据包需要先核对公钥指纹。").format(waiting_key)
        self.status.setText(text)
        self._update_buttons()

    # ---- the preview table ---------------------------------------------------------------------

    def _status_text(self, entry: PacketEntry) -> str:
        if entry.planning:
            return self.tr("正在试导入…")
        if entry.plan is None:
            return self.tr("未试导入") if entry.cancelled else self.tr("无法读取")
        if entry.plan.status == MERGE:
            if entry.plan.pin_needed and not entry.verified:
                return self.tr("可以合并（待核对指纹）")
            return self.tr("可以合并")
        if entry.plan.status == NOTHING:
            return self.tr("无需导入")
        return self.tr("拒绝")

    def _fill_table(self) -> None:
        self._filling = True
        current = self.table.currentRow()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            plan = entry.plan
            accept = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            if entry.mergeable:
                flags |= Qt.ItemFlag.ItemIsEnabled
            accept.setFlags(flags)
            accept.setCheckState(Qt.CheckState.Checked if entry.accepted else Qt.CheckState.Unchecked)
            if plan is not None and plan.status == MERGE and plan.pin_needed and not entry.verified:
                accept.setToolTip(self.tr("先与县局电话核对公钥指纹，勾选“已与县局核对指纹”后才能合并"))
            elif plan is not None and plan.status == REFUSED:
                accept.setToolTip(self.tr("被拒绝的数据包不能合并"))
            self.table.setItem(row, COL_ACCEPT, accept)
            office = common.office_text(plan.office, plan.office_name) if plan and plan.office else "—"
            self.table.setItem(row, COL_OFFICE, common.cell(office))
            seq = plan.sequence if plan and plan.sequence else None
            self.table.setItem(row, COL_SEQUENCE, common.cell(
                self.tr("第 {0} 号").format(seq) if seq else "—", number=True))
            status = common.cell(self._status_text(entry), tip=entry.error or (
                "\n".join(map(i18n.shown, plan.refusals)) if plan else ""))
            colour = STATUS_COLOURS.get(plan.status if plan and not entry.planning else "", "")
            if colour:
                status.setBackground(QBrush(QColor(colour)))
            self.table.setItem(row, COL_STATUS, status)
            totals = entry.totals()
            for n, key in enumerate(COUNT_KEYS):
                shown = "" if entry.planning or plan is None else totals[key]
                item = common.cell(shown, number=True)
                if key == "refused" and totals[key]:
                    item.setForeground(QBrush(QColor("#c62828")))
                self.table.setItem(row, COL_COUNTS + n, item)
            self.table.setItem(row, COL_FILE, common.cell(entry.path.name, tip=str(entry.path)))
        if 0 <= current < len(self.entries):
            self.table.selectRow(current)
        self._filling = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != COL_ACCEPT:
            return
        entry = self.entries[item.row()]
        entry.wish = item.checkState() == Qt.CheckState.Checked
        self._summarise()

    def set_accepted(self, row: int, accepted: bool) -> bool:
        """Tick or clear 合并 of a packet as the clerk would; False if it cannot be ticked."""
        item = self.table.item(row, COL_ACCEPT)
        assert item is not None  # every row has its 合并 box
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        item.setCheckState(Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)
        return self.entries[row].accepted == accepted

    def selected(self) -> PacketEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # ---- details of the selected packet -----------------------------------------------------

    def _show_selected(self) -> None:
        entry = self.selected()
        plan = entry.plan if entry else None
        self.details.setEnabled(entry is not None)
        if entry is None:
            self.report.setPlainText(self.tr("选择上面的一个数据包，查看试导入的结果。") if self.entries
                                     else self.tr("没有数据包。点“添加文件…”或把数据包文件拖到这里。"))
        elif entry.planning:
            self.report.setPlainText(self.tr("正在试导入……"))
        elif plan is None:
            self.report.setPlainText(self.tr("无法读取 {0}：\n{1}").format(entry.path, entry.error))
        else:
            self.report.setPlainText(describe_plan(plan, dry_run=True, lang=i18n.current()))
        self._fill_kinds(plan if entry and not entry.planning else None)
        pin = bool(entry and not entry.planning and plan is not None and plan.pin_needed
                   and plan.status == MERGE)
        self.key_frame.setVisible(pin)
        if pin and plan is not None and entry is not None:
            if plan.re_enrol:
                self.key_note.setText(self.tr(
                    "重新登记：{0}的数据包使用了新的密钥。请打电话给县局，请对方读出其数据包封面上的“签名公钥指纹”，"
                    "与下面的指纹逐字核对，一致后再勾选。").format(common.office_text(plan.office, plan.office_name)))
            else:
                self.key_note.setText(self.tr(
                    "首次收到{0}的数据包，合并时将登记其公钥。请打电话给县局，请对方读出其数据包封面上的“签名公钥指纹”，"
                    "与下面的指纹逐字核对，一致后再勾选。").format(common.office_text(plan.office, plan.office_name)))
            self.fingerprint_label.setText(plan.fingerprint)
            self.verified_box.blockSignals(True)
            self.verified_box.setChecked(entry.verified)
            self.verified_box.blockSignals(False)
        editable = bool(entry and not entry.planning and plan is not None and plan.packet is not None
                        and (entry.accept_edited or plan.packet.edits or plan.packet.added_rows
                             or plan.packet.removed_rows))
        self.accept_edited_box.blockSignals(True)
        self.accept_edited_box.setChecked(bool(entry and entry.accept_edited))
        self.accept_edited_box.blockSignals(False)
        self.accept_edited_box.setEnabled(editable and not self.busy)
        self.re_enrol_button.setEnabled(self._key_mismatch(entry) and not self.busy)
        self.workbook_button.setEnabled(bool(
            entry and not entry.planning and plan is not None and plan.packet is not None
            and plan.status == REFUSED))

    def _fill_kinds(self, plan: ImportPlan | None) -> None:
        summaries = list(plan.summaries.values()) if plan is not None else []
        self.kind_table.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            kind = REGISTRY.get(summary.kind)
            label = kind_label(kind) if kind else summary.sheet
            self.kind_table.setItem(row, 0, common.cell(label, tip=label))
            counts = summary.counts()
            for n, key in enumerate(COUNT_KEYS):
                item = common.cell(counts[key], number=True)
                if key == "refused" and counts[key]:
                    item.setForeground(QBrush(QColor("#c62828")))
                self.kind_table.setItem(row, 1 + n, item)
        if summaries:  # wide enough for the registers' names in this language
            table = self.kind_table
            needed = (table.verticalHeader().width() + table.sizeHintForColumn(0) + 2 * table.frameWidth()
                      + sum(table.columnWidth(c) for c in range(1, table.columnCount())) + 24)
            sizes = self.details_split.sizes()
            if sum(sizes) and sizes[0] < needed < sum(sizes) * 0.6:
                self.details_split.setSizes([needed, sum(sizes) - needed])

    def _key_mismatch(self, entry: PacketEntry | None) -> bool:
        """A refused packet signed with another key than the one pinned for its office."""
        return signed_with_another_key(self.ledger, entry)

    # ---- the clerk's decisions -------------------------------------------------------------

    def _verified_toggled(self, checked: bool) -> None:
        entry = self.selected()
        if entry is None or entry.plan is None:
            return
        entry.verified_fingerprint = entry.plan.fingerprint if checked else ""
        if checked:
            entry.wish = True
        self._fill_table()
        self._summarise()

    def verify_fingerprint(self, checked: bool = True) -> None:
        """Tick 已与县局核对指纹 for the selected packet."""
        self.verified_box.setChecked(checked)

    def _accept_edited_toggled(self, checked: bool) -> None:
        entry = self.selected()
        if entry is None:
            return
        if checked:
            plan = entry.plan
            edits = len(plan.edits) if plan is not None else 0
            answer = QMessageBox.question(self, self.tr("接受导出后的修改"), self.tr(
                "这个数据包在导出后被人修改过（{0} 处单元格）。数据包应当原样报送；只有在与县局核实、"
                "确认这些修改是县局有意为之后，才能接受。\n\n按修改后的内容重新试导入吗？").format(edits))
            if answer != QMessageBox.StandardButton.Yes:
                self.accept_edited_box.blockSignals(True)
                self.accept_edited_box.setChecked(False)
                self.accept_edited_box.blockSignals(False)
                return
        entry.accept_edited = checked
        self._replan(entry)

    def re_enrol_selected(self) -> bool:
        """Re-plan the selected refused packet with its office re-enrolled (after confirming)."""
        entry = self.selected()
        if not self._key_mismatch(entry) or entry is None or entry.plan is None:
            return False
        plan = entry.plan
        known = packet_queries.pinned(self.ledger.db, plan.office)
        answer = QMessageBox.question(self, self.tr("重新登记"), self.tr(
            "{0}的数据包使用了另一把密钥签名：\n新指纹 {1}\n已登记 {2}\n\n"
            "只有在县局确已更换电脑或重装程序时才应重新登记。重新登记后，合并时将用新密钥替换已登记的密钥，"
            "合并前还需与县局电话核对新指纹。\n\n重新登记并重新试导入吗？").format(
                common.office_text(plan.office, plan.office_name), plan.fingerprint,
                known.key_fingerprint if known else "—"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        entry.re_enrol = True
        entry.verified_fingerprint = ""
        self._replan(entry)
        return True

    def save_error_workbook(self) -> Path | None:
        """Save the selected refused packet's cells and reasons as a workbook to send back."""
        entry = self.selected()
        if entry is None or entry.plan is None or entry.plan.packet is None:
            return None
        suggested = entry.path.with_name(f"{entry.path.stem}_问题清单.xlsx")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("保存问题工作簿"), str(suggested), self.tr("Excel 工作簿 (*.xlsx)"))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        try:
            written = write_error_workbook(entry.plan, target)
        except Exception as e:  # noqa: BLE001 - a locked or unwritable file: say so
            QMessageBox.warning(self, self.tr("保存问题工作簿"), self.tr("无法保存：\n{0}").format(e))
            return None
        self.status.setText(self.tr("已保存问题工作簿：{0}").format(written))
        return written

    # ---- merging ---------------------------------------------------------------------------

    def merge_accepted(self) -> Job | None:
        """Merge every accepted packet, in order of office and sequence, on a worker."""
        if self.busy or self.ledger.path is None:
            return None
        items = merge_order(self.entries)
        if not items:
            QMessageBox.information(self, self.tr("合并所选"), self.tr("没有勾选可以合并的数据包。"))
            return None
        self.status.setText(self.tr("正在合并 {0} 个数据包……").format(len(items)))
        self.merge_job = run_job(self, self.tr("合并数据包"),
                                 _merge_job(self.ledger.path, self.ledger.actor.clerk, items),
                                 self._merge_done, self._merge_failed)
        self._update_buttons()
        return self.merge_job

    def _merge_done(self, outcomes: list[MergeOutcome]) -> None:
        self.merge_job = None
        self.outcomes = outcomes
        lines = []
        for o in outcomes:
            name = common.office_text(o.office, o.office_name)
            if o.result == "merged":
                lines.append(self.tr("{0} 第 {1} 号：已合并（新增 {2}，修改 {3}，删除 {4}）").format(
                    name, o.sequence, o.counts.get("new", 0), o.counts.get("changed", 0),
                    o.counts.get("deleted", 0)))
            elif o.result == "changed":
                lines.append(self.tr("{0} 第 {1} 号：试导入之后情况有变，未合并，请查看重新试导入的结果").format(
                    name, o.sequence))
            elif o.result == "cancelled":
                lines.append(self.tr("{0} 第 {1} 号：已取消，未合并").format(name, o.sequence))
            else:
                lines.append(self.tr("{0} 第 {1} 号：合并失败，未写入：{2}").format(name, o.sequence, o.error))
        merged = [o for o in outcomes if o.result == "merged"]
        if merged:
            self.merged.emit()
        for e in self.entries:  # what is true now: merged packets become 无需导入
            e.planning = True
        self._fill_table()
        self._plan_pending()
        title = self.tr("合并数据包")
        summary = self.tr("合并了 {0} 个数据包，共 {1} 个。").format(len(merged), len(outcomes))
        text = summary + "\n\n" + "\n".join(lines)
        if len(merged) == len(outcomes):
            QMessageBox.information(self, title, text)
        else:
            QMessageBox.warning(self, title, text)

    def _merge_failed(self, error: BaseException) -> None:
        self.merge_job = None
        self._update_buttons()
        QMessageBox.warning(self, self.tr("合并数据包"), self.tr("合并失败：\n{0}").format(i18n.shown(error)))
        for e in self.entries:
            e.planning = True
        self._fill_table()
        self._plan_pending()

    # ---- state -------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(not self.busy and any(e.accepted for e in self.entries))
        self.add_button.setEnabled(self.merge_job is None)
        self.close_button.setEnabled(not self.busy)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
