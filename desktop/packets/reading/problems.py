"""A cell (or row) of a packet that cannot be taken, a cell edited after export, and how the
reports name where they are. Long values are cut in what is said about them
(:func:`desktop.messages.shorten`); the full value stays on the object."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.messages import shorten
from desktop.registers import REGISTRY

__all__ = ["Problem", "CellEdit", "where_zh", "where_en"]


@dataclass(frozen=True)
class Problem:
    """A cell (or row) that cannot be taken: where it is, its value and why."""

    sheet: str
    row: int
    column: str
    value: str
    reason_zh: str
    reason_en: str
    kind: str = ""
    field: str = ""

    def describe(self, lang: str | None = None) -> str:
        """Where, the value and why: in Chinese (``zh``), English (``en``) or both (None)."""
        value = f"“{shorten(self.value)}”" if self.value else ""
        zh = f"{where_zh(self.sheet, self.row, self.column)}{value}：{self.reason_zh}"
        en = (f"{where_en(self.sheet, self.row, self.column, self.kind, self.field)}"
              f"{' ' + value if value else ''}: {self.reason_en}")
        return en if lang == "en" else zh if lang == "zh" else f"{zh} / {self.reason_en}"


@dataclass(frozen=True)
class CellEdit:
    """A cell changed after export: where, what it was, what it is now."""

    sheet: str
    row: int
    column: str
    old: str
    new: str

    def describe(self, lang: str | None = None) -> str:
        """Where, and the value before and after, in Chinese (``zh``, also for None) or English."""
        where = where_en(self.sheet, self.row, self.column) if lang == "en" else \
            where_zh(self.sheet, self.row, self.column)
        return f"{where}{': ' if lang == 'en' else '：'}“{shorten(self.old)}” → “{shorten(self.new)}”"


_COMMON_EN = {"编号": "ID", "所属单位": "office", "版本": "revision", "已删除": "deleted",
              "创建时间": "created", "修改时间": "modified"}


def where_zh(sheet: str, row: int, column: str) -> str:
    """``资源普查 第5行「产品名称」``: a cell (or row) of a packet, as the Chinese report names it."""
    return f"{sheet} 第{row}行" + (f"「{column}」" if column else "")


def where_en(sheet: str, row: int, column: str, kind: str = "", field: str = "") -> str:
    """``Resource survey row 5 (product name)``: the same in English (register and field labels;
    the sheet and header as they are if the program does not know them)."""
    found = REGISTRY.get(kind) or next((k for k in REGISTRY.values() if k.zh == sheet), None)
    label = found.en[:1].upper() + found.en[1:] if found is not None else f"sheet “{sheet}”"
    name = column
    if found is not None and field and found.has_field(field):
        name = found.field(field).en
    elif column in _COMMON_EN:
        name = _COMMON_EN[column]
    elif found is not None:
        name = next((f.en for f in found.fields if f.zh == column), column)
    return f"{label} row {row}" + (f" ({name})" if name else "")
