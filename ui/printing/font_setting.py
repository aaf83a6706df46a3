"""设置 → 打印字体: the TrueType font file of the printed forms (``PATH``, or ``PATH#N`` for
face N of a ``.ttc`` collection); empty: the fonts are searched on the machine. The core
(:func:`desktop.forms.set_print_font`) checks the file (exists, TrueType not CFF, readable)
and stores it; this block only asks and shows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop import forms
from desktop.fields import FieldError
from desktop.forms import fonts
from desktop.ledger import Ledger
from ui.editors import i18n

__all__ = ["PrintFontBox"]

log = logging.getLogger(__name__)


class PrintFontBox(QGroupBox):
    """The 打印字体 block of the settings page."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(self.tr("打印字体"), parent)
        self.setObjectName("print_font_box")
        self.ledger = ledger
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(forms.get_print_font(ledger) or "", self)
        self.path.setObjectName("print_font")
        self.path.setPlaceholderText(self.tr("自动查找（宋体、黑体、微软雅黑、文泉驿……）"))
        self.path.setToolTip(self.tr("TrueType 字体文件（.ttf / .ttc）；.ttc 的第 N 个字体写作 路径#N"))
        self.path.editingFinished.connect(lambda: self.apply(self.path.text()))
        row.addWidget(self.path, 1)
        choose = QPushButton(self.tr("选择…"), self)
        choose.setObjectName("choose_print_font")
        choose.clicked.connect(self.choose)
        row.addWidget(choose)
        default = QPushButton(self.tr("自动"), self)
        default.setObjectName("default_print_font")
        default.setToolTip(self.tr("不指定字体文件，自动查找"))
        default.clicked.connect(lambda: self.apply(""))
        row.addWidget(default)
        form.addRow(self.tr("字体文件："), row)
        self.status = QLabel(self)
        self.status.setObjectName("print_font_status")
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self._show_in_use()

    def choose(self) -> None:
        start = self.path.text().partition("#")[0] or str(Path.home())
        chosen, _f = QFileDialog.getOpenFileName(self, self.tr("选择打印字体"), start,
                                                 self.tr("TrueType 字体 (*.ttf *.ttc *.otf)"))
        if chosen:
            self.apply(chosen)

    def apply(self, value: str) -> bool:
        """Take ``value`` if the forms can use it (else say why and keep the old one)."""
        value = value.strip()
        current = forms.get_print_font(self.ledger) or ""
        if value == current:
            self.path.setText(value)
            return True
        try:
            forms.set_print_font(self.ledger, value or None)
        except FieldError as e:
            self.path.setText(current)
            self.status.setText(i18n.reason_text(e.reason))
            self.status.setStyleSheet("color: #c62828;")
            return False
        self.path.setText(value)
        self._show_in_use()
        return True

    def _show_in_use(self) -> None:
        used = fonts.load_fonts(forms.get_print_font(self.ledger))
        if used.embedded:
            self.status.setText(self.tr("表单使用：{0}").format(used.description))
            self.status.setStyleSheet("color: #555;")
        else:
            self.status.setText(self.tr("未找到 TrueType 中文字体：表单使用 STSong-Light（不嵌入 PDF，"
                                        "部分打印机或电脑可能显示不出）。请选择字体文件。"))
            self.status.setStyleSheet("color: #c62828;")
