"""导入上级单位的文件: a receipt (回执), a reference packet (参考数据包) or a restore packet
(恢复数据包), one file per dialog.

The dialog dry-runs the file first and shows what it is (kind, sending office, number, the key
fingerprint) and what importing it would do; a key seen for the first time (or re-enrolled) must
be checked over the phone and ticked before the import. The file is copied once, before the dry
run, into a private folder: the import reads that copy, so it takes exactly the file the clerk
saw. Dry run and import run on a worker thread with their own ledger (:func:`ui.operations.run_job`).
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import packets as packet_queries
from desktop import tempfiles
from desktop.jobs import CancelCheck, Cancelled, Progress
from desktop.ledger import Ledger
from desktop.packets.reader import LIMITS
from desktop.packets.special import (
    MERGE,
    NOTHING,
    REFUSED,
    SpecialImport,
    describe_special,
    import_special,
)
from ui import i18n
from ui.operations import Job, run_job
from ui.packets import common

__all__ = ["SpecialImportDialog", "frozen_copy"]

FRAME_STYLES = {
    "key": "QFrame#key_frame { background: #fff3c4; border: 1px solid #e0b000; border-radius: 4px; }",
    MERGE: "QLabel#outcome { background: #e3f4e1; border: 1px solid #8bc48a; border-radius: 4px;"
           " padding: 6px; }",
    NOTHING: "QLabel#outcome { background: #eeeeee; border: 1px solid #bbbbbb; border-radius: 4px;"
             " padding: 6px; }",
    REFUSED: "QLabel#outcome { background: #fbe0e0; border: 1px solid #d98c8c; border-radius: 4px;"
             " padding: 6px; }",
    "": "QLabel#outcome { padding: 6px; }",
}
FINGERPRINT_STYLE = ("font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 16pt;"
                     " font-weight: bold; color: #6b4e00; padding: 2px 0;")


def frozen_copy(source: Path, folder: Path) -> Path:
    """The file to read: a copy of ``source`` in ``folder`` under the same name (made once), or
    ``source`` itself when it is missing or too large to be a packet (the reader then says why)."""
    target = folder / source.name
    if target.is_file():
        return target
    try:
        if not source.is_file() or source.stat().st_size > LIMITS.file_bytes:
            return source
        shutil.copyfile(source, target)
    except OSError:
        return source
    return target


def _dry_run_job(db_path: Path, clerk: str, source: Path, folder: Path, re_enrol: bool) -> Any:
    def job(progress: Progress, cancelled: CancelCheck) -> SpecialImport:
        copy = frozen_copy(source, folder)
        with Ledger.open(db_path, clerk=clerk) as worker:
            return import_special(worker, copy, re_enrol=re_enrol, dry_run=True, progress=progress,
                                  cancelled=cancelled)
    return job


def _import_job(db_path: Path, clerk: str, copy: Path, re_enrol: bool) -> Any:
    def job(progress: Progress, cancelled: CancelCheck) -> SpecialImport:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return import_special(worker, copy, re_enrol=re_enrol, progress=progress,
                                  cancelled=cancelled)
    return job


class SpecialImportDialog(QDialog):
    """Dry-run one receipt, reference or restore packet, confirm it, import it, show the result.

    ``imported(SpecialImport)`` fires after the import ran (whatever it found: a refusal is
    logged too); its ``status`` is ``merge`` when the database changed.
    """

    imported = Signal(object)

    result: SpecialImport | None  # type: ignore[assignment]  # shadows QDialog.result(), which nothing calls

    def __init__(self, ledger: Ledger, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.path = Path(path)
        self.preview: SpecialImport | None = None
        self.result = None
        self.error = ""
        self.re_enrol = False
        self.verified_fingerprint = ""
        self.job: Job | None = None
        # the private copy of the file; removed when the dialog is done (or garbage), else at
        # the next start (desktop.tempfiles)
        self._folder = Path(tempfile.mkdtemp(prefix="giledger-import-", dir=tempfiles.process_dir()))
        self._remove_folder = weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        self.county = ledger.mode == "county"
        self.setObjectName("SpecialImportDialog")
        self.setWindowTitle(self.tr("导入文件"))
        self.setMinimumWidth(720)
        self.resize(820, 620)
        layout = QVBoxLayout(self)

        self.headline = QLabel(self)
        self.headline.setObjectName("special_headline")
        self.headline.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.explain = QLabel(self)
        self.explain.setObjectName("special_explain")
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.file_label = self._value_label("special_file")
        self.kind_label = self._value_label("special_kind")
        self.office_label = self._value_label("special_office")
        self.sequence_label = self._value_label("special_sequence")
        self.key_label = self._value_label("special_key")
        form.addRow(self.tr("文件："), self.file_label)
        form.addRow(self.tr("类型："), self.kind_label)
        form.addRow(self.tr("发出单位："), self.office_label)
        form.addRow(self.tr("序号："), self.sequence_label)
        form.addRow(self.tr("公钥指纹："), self.key_label)
        layout.addLayout(form)

        self.key_frame = QFrame(self)
        self.key_frame.setObjectName("key_frame")
        self.key_frame.setStyleSheet(FRAME_STYLES["key"])
        kl = QVBoxLayout(self.key_frame)
        self.key_note = QLabel(self.key_frame)
        self.key_note.setWordWrap(True)
        self.key_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        kl.addWidget(self.key_note)
        self.fingerprint_label = QLabel(self.key_frame)
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setStyleSheet(FINGERPRINT_STYLE)
        kl.addWidget(self.fingerprint_label)
        self.verified_box = QCheckBox(self.tr("已与{0}核对指纹").format(self._parent_word()),
                                      self.key_frame)
        self.verified_box.setObjectName("fingerprint_verified")
        self.verified_box.toggled.connect(self._verified_toggled)
        kl.addWidget(self.verified_box)
        self.key_frame.setVisible(False)
        layout.addWidget(self.key_frame)

        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.outcome)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("special_report")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.report, 1)

        buttons = QHBoxLayout()
        self.re_enrol_button = QPushButton(self.tr("重新登记…"), self)
        self.re_enrol_button.setObjectName("re_enrol")
        self.re_enrol_button.setToolTip(self.tr("上级单位更换了电脑或重装了程序、密钥变了时，电话核实后重新登记其公钥"))
        self.re_enrol_button.clicked.connect(self.re_enrol_now)
        self.re_enrol_button.setVisible(False)
        buttons.addWidget(self.re_enrol_button)
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("导入"), self)
        self.import_button.setObjectName("special_import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_now)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.setObjectName("special_close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show()

    def _value_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _parent_word(self) -> str:
        return self.tr("市局") if self.county else self.tr("省局")

    # ---- what the file is ---------------------------------------------------------------------

    def _kind_text(self, kind: str) -> str:
        return {"receipt": self.tr("回执"), "reference": self.tr("参考数据包"),
                "restore": self.tr("恢复数据包"), "county": self.tr("县级报送数据包")}.get(
                    kind, self.tr("无法识别"))

    def _explanation(self, kind: str) -> str:
        parent = self._parent_word()
        if kind == "receipt":
            return self.tr("回执是{0}对本单位某个数据包的处理结果（已合并、拒绝或无需导入）。导入后，"
                           "数据包记录中的该数据包标记为“已收到回执”；台账记录不变。").format(parent)
        if kind == "reference":
            return self.tr("参考数据包是{0}自有的记录（已保护地理标志、抽查计划与任务等）。导入后，"
                           "本单位的记录可以引用它们，但它们仍属于{0}，本单位不能修改。").format(parent)
        if kind == "restore":
            return self.tr("恢复数据包是{0}保存的本单位全部记录，用于电脑损坏或丢失后重建数据库，只能导入"
                           "新建的、还没有本单位记录的数据库。导入后本机使用新的签名密钥，须把新指纹告知{0}。"
                           ).format(parent)
        return ""

    def _sequence_text(self, result: SpecialImport) -> str:
        if not result.sequence:
            return "—"
        if result.packet_kind == "receipt":
            return self.tr("本单位第 {0} 号数据包的回执").format(result.sequence)
        if result.packet_kind == "restore":
            return self.tr("恢复至本单位第 {0} 号数据包").format(result.sequence)
        return self.tr("第 {0} 号").format(result.sequence)

    def _key_text(self, result: SpecialImport) -> str:
        if not result.fingerprint:
            return "—"
        if result.packet is None or not result.packet.signature_ok:
            return result.fingerprint
        if result is self.result and result.status == MERGE and result.pin_needed:
            return self.tr("{0}（已登记）").format(result.fingerprint)
        if result.pin_needed and result.re_enrol:
            return self.tr("{0}（重新登记的新密钥，须电话核对）").format(result.fingerprint)
        if result.pin_needed:
            return self.tr("{0}（首次收到，须电话核对）").format(result.fingerprint)
        if self._key_mismatch(result):
            known = packet_queries.pinned(self.ledger.db, result.office)
            return self.tr("{0}（与已登记的 {1} 不同）").format(
                result.fingerprint, known.key_fingerprint if known else "—")
        if result.status != REFUSED:
            return self.tr("{0}（与已登记的一致）").format(result.fingerprint)
        return result.fingerprint

    def _key_mismatch(self, result: SpecialImport | None) -> bool:
        """Refused: signed by this office's parent with another key than the one pinned for it."""
        if result is None or self.re_enrol or result.status != REFUSED:
            return False
        packet = result.packet
        if packet is None or not packet.signature_ok or result.office != self.ledger.office.parent_code:
            return False
        known = packet_queries.pinned(self.ledger.db, result.office)
        return bool(known and known.public_key
                    and known.public_key != str(packet.meta.get("public_key")))

    # ---- the dry run ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None

    @property
    def verified(self) -> bool:
        p = self.preview
        return bool(p and p.fingerprint and self.verified_fingerprint == p.fingerprint)

    @property
    def can_import(self) -> bool:
        p = self.preview
        return (not self.busy and self.result is None and p is not None and p.status == MERGE
                and (not p.pin_needed or self.verified))

    def start(self) -> Job | None:
        """Dry-run the file on a worker (again, after a re-enrolment); returns the job."""
        if self.busy or self.ledger.path is None:
            return None
        self.preview, self.error = None, ""
        self.verified_fingerprint = ""
        self.job = run_job(self, self.tr("试导入"),
                           _dry_run_job(self.ledger.path, self.ledger.actor.clerk, self.path,
                                        self._folder, self.re_enrol),
                           self._dry_run_done, self._dry_run_failed)
        self._show()
        return self.job

    def _dry_run_done(self, preview: SpecialImport) -> None:
        self.job = None
        self.preview = preview
        self._show()

    def _dry_run_failed(self, error: BaseException) -> None:
        self.job = None
        self.error = (self.tr("已取消试导入，没有导入。") if isinstance(error, Cancelled)
                      else self.tr("无法试导入：{0}").format(i18n.shown(error)))
        self._show()

    # ---- the clerk's decisions ------------------------------------------------------------------

    def _verified_toggled(self, checked: bool) -> None:
        p = self.preview
        self.verified_fingerprint = p.fingerprint if checked and p is not None else ""
        self._show()

    def verify_fingerprint(self, checked: bool = True) -> None:
        """Tick 已与市局核对指纹."""
        self.verified_box.setChecked(checked)

    def re_enrol_now(self) -> bool:
        """Dry-run again with the parent re-enrolled (after confirming); False if not done."""
        p = self.preview
        if not self._key_mismatch(p) or p is None:
            return False
        known = packet_queries.pinned(self.ledger.db, p.office)
        parent = self._parent_word()
        answer = QMessageBox.question(self, self.tr("重新登记"), self.tr(
            "{0}的文件使用了另一把密钥签名：\n新指纹 {1}\n已登记 {2}\n\n"
            "只有在{3}确已更换电脑或重装程序时才应重新登记。重新登记后，导入时将用新密钥替换已登记的密钥，"
            "导入前还需与{3}电话核对新指纹。\n\n重新登记并重新试导入吗？").format(
                common.office_text(p.office, p.office_name), p.fingerprint,
                known.key_fingerprint if known else "—", parent))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.re_enrol = True
        self.start()
        return True

    def import_now(self) -> Job | None:
        """Import the file the dry run read, on a worker; None if it cannot be imported."""
        p = self.preview
        if not self.can_import or p is None or self.ledger.path is None:
            return None
        self.job = run_job(self, self.tr("导入{0}").format(self._kind_text(p.packet_kind)),
                           _import_job(self.ledger.path, self.ledger.actor.clerk, p.path, self.re_enrol),
                           self._imported, self._import_failed)
        self._show()
        return self.job

    def _imported(self, result: SpecialImport) -> None:
        self.job = None
        self.result = result
        self._show()
        self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        self.job = None
        self.error = (self.tr("已取消，没有导入。") if isinstance(error, Cancelled)
                      else self.tr("导入失败，没有写入：{0}").format(i18n.shown(error)))
        self._show()

    # ---- showing the state ----------------------------------------------------------------------

    def _outcome_text(self) -> tuple[str, str]:
        """The line above the report, and its colour (a status)."""
        parent = self._parent_word()
        if self.busy:
            return (self.tr("正在导入……") if self.preview is not None else self.tr("正在试导入……")), ""
        if self.error:
            return self.error, REFUSED
        shown = self.result or self.preview
        if shown is None:
            return "", ""
        first = i18n.shown(shown.refusals[0]) if shown.refusals else ""
        if shown.status == REFUSED:
            return self.tr("不能导入：{0}").format(first), REFUSED
        if shown.status == NOTHING:
            return self.tr("无需导入：此前已导入过这个文件，没有要写入的内容。"), NOTHING
        if self.result is None:
            if shown.pin_needed and not self.verified:
                return self.tr("试导入通过。请先与{0}电话核对公钥指纹，勾选“已与{0}核对指纹”后才能导入。"
                               ).format(parent), NOTHING
            return self.tr("试导入通过，可以导入。点“导入”写入本机数据库。"), MERGE
        if shown.packet_kind == "receipt":
            return self.tr("已导入回执：本单位第 {0} 号数据包已标记为已收到回执。").format(shown.sequence), MERGE
        if shown.packet_kind == "restore":
            return self.tr("已恢复本单位的记录。下一个数据包为第 {0} 号。").format(shown.next_sequence), MERGE
        counts = [sum(c.get(k, 0) for c in shown.counts.values()) for k in ("new", "changed", "deleted")]
        return self.tr("已导入参考数据包：新增 {0}，修改 {1}，删除 {2}。").format(*counts), MERGE

    def _show(self) -> None:
        shown = self.result or self.preview
        kind = shown.packet_kind if shown else ""
        self.setWindowTitle(self.tr("导入{0}").format(self._kind_text(kind)) if kind in
                            ("receipt", "reference", "restore") else self.tr("导入文件"))
        if shown is None:
            self.headline.setText(self.path.name)
        elif shown.office:
            self.headline.setText(self.tr("{0}：{1}").format(
                self._kind_text(kind), common.office_text(shown.office, shown.office_name)))
        else:
            self.headline.setText(self.tr("{0}：无法识别的文件").format(self.path.name))
        self.explain.setText(self._explanation(kind))
        self.explain.setVisible(bool(self.explain.text()))
        self.file_label.setText(str(self.path))
        self.kind_label.setText(self._kind_text(kind) if shown and kind else "—")
        self.office_label.setText(common.office_text(shown.office, shown.office_name)
                                  if shown and shown.office else "—")
        self.sequence_label.setText(self._sequence_text(shown) if shown else "—")
        self.key_label.setText(self._key_text(shown) if shown else "—")

        text, colour = self._outcome_text()
        self.outcome.setText(text)
        self.outcome.setStyleSheet(FRAME_STYLES[colour])
        self.outcome.setVisible(bool(text))
        if self.result is not None:
            self.report.setPlainText(describe_special(self.result, lang=i18n.current()))
        elif self.preview is not None:
            self.report.setPlainText(describe_special(self.preview, dry_run=True, lang=i18n.current()))
        else:
            self.report.setPlainText("")
        self._show_key()
        self.re_enrol_button.setVisible(self.result is None and self._key_mismatch(self.preview))
        self.re_enrol_button.setEnabled(not self.busy)
        self.import_button.setVisible(self.result is None)
        self.import_button.setEnabled(self.can_import)
        self.close_button.setEnabled(not self.busy)
        self.close_button.setText(self.tr("完成") if self.result is not None else self.tr("关闭"))

    def _show_key(self) -> None:
        parent = self._parent_word()
        r, p = self.result, self.preview
        if r is not None and r.status == MERGE and r.packet_kind == "restore" and r.own_fingerprint:
            self.key_note.setText(self.tr(
                "本机已使用新的签名密钥。请把下面的新指纹告知{0}：{0}导入本单位的下一个数据包时要核对它，"
                "并重新登记本单位。").format(parent))
            self.fingerprint_label.setText(r.own_fingerprint)
            self.verified_box.setVisible(False)
            self.key_frame.setVisible(True)
            return
        pin = r is None and p is not None and p.status == MERGE and p.pin_needed
        self.key_frame.setVisible(pin)
        if not pin or p is None:
            return
        who = common.office_text(p.office, p.office_name)
        if p.re_enrol:
            self.key_note.setText(self.tr(
                "重新登记：{0}的文件使用了新的密钥。请打电话给{1}，请对方读出其“签名公钥指纹”，"
                "与下面的指纹逐字核对，一致后再勾选。").format(who, parent))
        else:
            self.key_note.setText(self.tr(
                "首次收到{0}的文件，导入时将登记其公钥。请打电话给{1}，请对方读出其“签名公钥指纹”，"
                "与下面的指纹逐字核对，一致后再勾选。").format(who, parent))
        self.fingerprint_label.setText(p.fingerprint)
        self.verified_box.setVisible(True)
        self.verified_box.setEnabled(not self.busy)
        self.verified_box.blockSignals(True)
        self.verified_box.setChecked(self.verified)
        self.verified_box.blockSignals(False)

    # ---- closing ------------------------------------------------------------------------

    def done(self, code: int) -> None:
        if self.busy:
            return
        super().done(code)
        self._remove_folder()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()  # the worker is reading or writing: cancel it in the progress dialog
            return
        super().closeEvent(event)
