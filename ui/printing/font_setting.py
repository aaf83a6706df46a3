"""设置 → 打印字体: the TrueType font file the printed forms use (stored in the database's
settings as :data:`desktop.forms.fonts.SETTING`, ``PATH`` or ``PATH#N`` for face N of a
``.ttc`` collection). Empty: the fonts are searched on the machine.

A file is taken only if the forms would really use it: it exists, has TrueType outlines
(not the CFF of Noto Sans CJK / Source Han ``.otf``) and reportlab can register it.
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

from db import meta
from db.connection import transaction
from desktop.forms import fonts
from desktop.ledger import Ledger
from ui.editors import i18n

__all__ = ["PrintFontBox", "get_print_font", "set_print_font", "font_problem"]

log = logging.getLogger(__name__)


def get_print_font(ledger: Ledger) -> str:
    """The font setting (empty: search the machine)."""
    return meta.get_setting(ledger.db, fonts.SETTING) or ""


def set_print_font(ledger: Ledger, value: str) -> None:
    """Store the font setting (empty clears it)."""
    with transaction(ledger.db):
        meta.set_setting(ledger.db, fonts.SETTING, value.strip() or None)


def font_problem(value: str) -> tuple[str, str] | None:
    """Why the forms could not use ``value`` (zh, en), or None when they would."""
    path_text, _, sub = value.strip().partition("#")
    path = Path(path_text)
    if not path.is_file():
        return f"找不到文件 {path}", f"no file {path}"
    try:
        if fonts.is_cff(path, int(sub) if sub.isdigit() else 0):
            return (f"{path.name} 是 CFF（PostScript）字体，无法嵌入 PDF；请选择 TrueType 字体（如 simsun.ttc、wqy-microhei.ttc）",
                    f"{path.name} has CFF (PostScript) outlines, which cannot be embedded; choose a TrueType font")
    except (OSError, ValueError) as e:
        return f"无法读取字体 {path.name}：{e}", f"cannot read the font {path.name}: {e}"
    used = fonts.load_fonts(value.strip())
    if not used.embedded or str(path) not in used.description:
        return f"无法使用字体 {path.name}", f"the font {path.name} cannot be used"
    return None


class PrintFontBox(QGroupBox):
    """The 打印字体 block of the settings page."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(self.tr("打印字体"), parent)
        self.setObjectName("print_font_box")
        self.ledger = ledger
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(get_print_font(ledger), self)
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
        if value == get_print_font(self.ledger):
            self.path.setText(value)
            return True
        if value:
            problem = font_problem(value)
            if problem is not None:
                self.path.setText(get_print_font(self.ledger))
                self.status.setText(problem[1] if i18n.language() == "en" else problem[0])
                self.status.setStyleSheet("color: #c62828;")
                return False
        set_print_font(self.ledger, value)
        self.path.setText(value)
        self._show_in_use()
        return True

    def _show_in_use(self) -> None:
        used = fonts.load_fonts(get_print_font(self.ledger) or None)
        if used.embedded:
            self.status.setText(self.tr("表单使用：{0}").format(used.description))
            self.status.setStyleSheet("color: #555;")
        else:
            self.status.setText(self.tr("未找到 TrueType 中文字体：表单使用 STSong-Light（不嵌入 PDF，"
                                        "部分打印机或电脑可能显示不出）。请选择字体文件。"))
            self.status.setStyleSheet("color: #c62828;")
