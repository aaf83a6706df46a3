"""First-run setup: which office this PC works for, who the clerk is, where the database lives."""

from __future__ import annotations

import getpass
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import meta
from db.connection import DatabaseUnusable, default_database_path, open_database
from desktop import divisions
from desktop.fields import FieldError
from desktop.ledger import init_office
from desktop.pinyin_list import search_divisions
from ui import i18n

__all__ = ["SetupDialog"]

log = logging.getLogger(__name__)



class SetupDialog(QDialog):
    """Choose the office (search the national division list), the clerk and the file.

    After ``exec()`` returns Accepted, ``chosen_path`` is an initialised database.
    """

    def __init__(self, suggested_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("地标台账 — 首次设置"))
        self.chosen_path: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("<h3>欢迎使用地标台账</h3><p>请选择本单位（可按名称或行政区划代码搜索）。"
                               "县级代码为县级模式，市级代码（如 130100）为市级模式。</p>"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("office_search")
        self.search.setPlaceholderText(self.tr("如：行唐 或 130125"))
        self.search.textChanged.connect(self._search)
        form.addRow(self.tr("搜索单位："), self.search)
        self.results = QListWidget(self)
        self.results.setObjectName("office_results")
        self.results.setMinimumHeight(180)
        self.results.currentItemChanged.connect(self._picked)
        form.addRow(self.results)
        self.mode = QLabel(self)
        self.mode.setObjectName("mode_hint")
        self.mode.setWordWrap(True)
        form.addRow(self.mode)
        self.clerk = QLineEdit(self)
        self.clerk.setObjectName("clerk")
        try:
            self.clerk.setText(getpass.getuser())
        except Exception:  # noqa: BLE001 - no user name in some environments
            pass
        form.addRow(self.tr("经办人："), self.clerk)
        path_row = QHBoxLayout()
        self.path = QLineEdit(str(suggested_path or default_database_path()), self)
        self.path.setObjectName("db_path")
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form.addRow(self.tr("数据库文件："), path_row)
        self.demo = QCheckBox(self.tr("填入演示数据（仅用于培训和试用）"), self)
        self.demo.setObjectName("demo")
        form.addRow(self.demo)
        layout.addLayout(form)

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("创建"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setEnabled(False)
        open_existing = buttons.addButton(self.tr("打开已有数据库…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.clicked.connect(self.create)
        open_existing.clicked.connect(self._open_existing)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def _search(self, text: str) -> None:
        self.results.clear()
        text = text.strip()
        if not text:
            return
        for d in search_divisions(text, limit=60):  # by code, name or pinyin
            where = divisions.full_name(d.parent_code) if d.parent_code else ""
            item = QListWidgetItem(f"{d.code}  {d.name}　（{where}）" if where else f"{d.code}  {d.name}")
            item.setData(Qt.ItemDataRole.UserRole, d.code)
            self.results.addItem(item)
        if self.results.count() == 1:
            self.results.setCurrentRow(0)

    def _picked(self, item: QListWidgetItem | None) -> None:
        code = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.create_button.setEnabled(bool(code))
        texts = {"county": self.tr("县级模式：录入本县台账、打印表格、导出数据包报送市局。"),
                 "city": self.tr("市级模式：导入各县数据包、核对合并、打印全市汇总表。"),
                 "province": self.tr("省级模式：导入各市数据包。")}
        self.mode.setText(texts.get(divisions.office_mode(code), "") if code else "")

    def office_code(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("数据库文件"), self.path.text(),
                                              self.tr("地标台账数据库 (*.db)"))
        if path:
            self.path.setText(path if path.endswith(".db") else path + ".db")

    def _open_existing(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开数据库"), self.path.text(),
                                              self.tr("地标台账数据库 (*.db)"))
        if path and self._usable(Path(path)):
            self.chosen_path = Path(path)
            self.accept()

    def _usable(self, path: Path) -> bool:
        try:
            db = open_database(path, create=False)
        except DatabaseUnusable as e:
            QMessageBox.warning(self, self.tr("无法打开"), i18n.shown(e))
            return False
        try:
            if meta.self_office(db) is None:
                QMessageBox.warning(self, self.tr("无法打开"), self.tr("此数据库尚未设置单位。"))
                return False
            return True
        finally:
            db.close()

    def create(self) -> bool:  # type: ignore[override]  # the dialog's action, not QWidget.create()
        """Create and initialise the database; True (and accepted) on success."""
        code = self.office_code()
        path = Path(self.path.text().strip()).expanduser()
        if not code or not str(path):
            return False
        if path.exists() and path.stat().st_size > 0:
            answer = QMessageBox.question(
                self, self.tr("文件已存在"),
                self.tr("{0} 已存在。是否直接打开它？（不会覆盖）").format(path))
            if answer == QMessageBox.StandardButton.Yes and self._usable(path):
                self.chosen_path = path
                self.accept()
                return True
            return False
        try:
            db = open_database(path, create=True)
        except (DatabaseUnusable, OSError) as e:
            QMessageBox.warning(self, self.tr("无法创建"), i18n.shown(e))
            return False
        try:
            init_office(db, code, clerk=self.clerk.text().strip() or None)
            if self.demo.isChecked():
                from desktop.demo import generate_demo

                generate_demo(db, size="small", clerk=self.clerk.text().strip() or None)
        except FieldError as e:
            QMessageBox.warning(self, self.tr("无法创建"), i18n.shown(e))
            return False
        finally:
            db.close()
        self.chosen_path = path
        self.accept()
        return True
