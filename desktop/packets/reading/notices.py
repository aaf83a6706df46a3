"""What a packet's human-readable part says that its signed part does not, and the formulas it
holds: told to the clerk, never a reason to merge anything else.

The merge takes only what was signed; but a person who opens the file sees the cover, the
sheets as they are ordered and shown, and whatever a cell's formula does in Excel. When the
cover names another office, gives other counts, or is gone; when sheets were moved, hidden or
shown; when a cell holds a formula (a DDE command, a hyperlink): the report says so."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.messages import Text, shorten
from desktop.packets import format as fmt
from desktop.packets.reading.container import SheetEntry
from desktop.packets.reading.problems import Problem
from desktop.packets.reading.scan import Formula
from desktop.registers import REGISTRY

__all__ = ["formula_problems", "formula_notices", "structure_notices", "cover_notices"]

_SHOWN = 5
"""Formula cells named in a notice (then how many more)."""


def formula_problems(sheet: Mapping[str, Any], found: Sequence[Formula]) -> list[Problem]:
    """A problem for each formula cell found in a register sheet (as listed in the machine
    part, which :func:`parser.read_sheet` has checked): in a packet whose content is not what
    was signed, a formula cell may be what changed, and it is never taken."""
    name, kind_key = sheet.get("name"), sheet.get("kind")
    if not found or kind_key not in REGISTRY:
        return []
    expected = {c.key: c for c in fmt.sheet_columns(REGISTRY[kind_key])}
    columns = [expected.get(k) for k in sheet.get("columns") or []]
    out = []
    for formula in dict((f.ref, f) for f in found).values():
        ref = formula.ref
        letters = re.sub(r"[0-9]", "", ref)
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        column = columns[index - 1] if 0 < index <= len(columns) else None
        digits = re.sub(r"[^0-9]", "", ref)
        out.append(Problem(str(name), int(digits) if digits else 0, column.zh if column else ref,
                           formula.text and "=" + formula.text,
                           "单元格含有公式，数据包中不接受公式（不会计算）",
                           "the cell holds a formula; packets take values only "
                           "(formulas are never evaluated)", str(kind_key)))
    return out


def formula_notices(found: Mapping[str, Sequence[Formula]]) -> list[Text]:
    """One notice per sheet holding formulas (those not already problems): where, and what."""
    out = []
    for name, formulas in found.items():
        if not formulas:
            continue
        shown = formulas[:_SHOWN]
        cells_zh = "、".join(f"{f.ref}（={f.text}）" if f.text else f.ref for f in shown)
        cells_en = ", ".join(f"{f.ref} (={f.text})" if f.text else f.ref for f in shown)
        more_zh = f"等 {len(formulas)} 个单元格" if len(formulas) > _SHOWN else ""
        more_en = f" and {len(formulas) - _SHOWN} more" if len(formulas) > _SHOWN else ""
        out.append(Text(
            f"工作表“{name}”的单元格 {cells_zh}{more_zh}含有公式。公式既不读取也不计算，合并的只是签名的数据；"
            "但有人在导出后向文件中加了公式（如 DDE 命令、超链接），用 Excel 打开这个文件时它可能运行："
            "请勿打开此文件，并向报送单位核实",
            f"sheet {name!r} holds formulas in {cells_en}{more_en}. Formulas are neither read nor "
            "evaluated and only the signed data is merged; but someone added them to the file after "
            "export (a DDE command, a hyperlink ...), and opening the file in Excel may run them: do not "
            "open this file, and check with the office that sent it"))
    return out


def structure_notices(meta: Mapping[str, Any], sheets: Sequence[SheetEntry]) -> list[Text]:
    """The sheets of the workbook against those an export writes: the cover and the code
    lists there, in their order, the hidden ones hidden."""
    out = []
    names = [s.name for s in sheets]
    states = {s.name: s.state for s in sheets}
    registers = [str(s.get("name")) for s in meta.get("sheets") or [] if isinstance(s, dict)]
    if fmt.COVER not in names:
        out.append(Text(f"“{fmt.COVER}”工作表已被删除：打开文件的人看不到报送单位、期间和条数（合并以签名的数据为准）",
                        f"the {fmt.COVER} (cover) sheet was deleted: whoever opens the file does not see the office, "
                        "period and counts (the merge goes by the signed data)"))
    if fmt.LISTS_SHEET not in names:
        out.append(Text(f"“{fmt.LISTS_SHEET}”工作表已被删除：表中的下拉选项不再可用（合并以签名的数据为准）",
                        f"the {fmt.LISTS_SHEET} (code lists) sheet was deleted: the dropdown lists no longer work "
                        "(the merge goes by the signed data)"))
    expected = [fmt.COVER, *registers, fmt.LISTS_SHEET, fmt.META_SHEET]
    added = [n for n in names if n not in expected]
    if added:
        out.append(Text("工作表在导出后被加入：" + "、".join(shorten(n, 40) for n in added) + "（不读取）",
                        "sheets were added after export (not read): " + ", ".join(shorten(n, 40) for n in added)))
    present = [n for n in names if n in expected]
    if present != [n for n in expected if n in names]:
        out.append(Text("工作表的顺序在导出后被改动：" + "、".join(present),
                        "the sheets were moved after export: " + ", ".join(present)))
    exported = {n: "hidden" if n in (fmt.LISTS_SHEET, fmt.META_SHEET) else "visible" for n in expected}
    changed = [(n, exported[n], states[n]) for n in names if n in exported and states[n] != exported[n]]
    shown = [n for n, _, now in changed if now == "visible"]
    if shown:
        out.append(Text("隐藏的工作表在导出后被取消隐藏：" + "、".join(shown),
                        "hidden sheets were unhidden after export: " + ", ".join(shown)))
    hidden = [n for n, was, _ in changed if was == "visible"]
    if hidden:
        out.append(Text("工作表在导出后被隐藏：" + "、".join(hidden),
                        "sheets were hidden after export: " + ", ".join(hidden)))
    other = [(n, was, now) for n, was, now in changed if n not in shown and n not in hidden]
    if other:  # hidden → veryHidden (Excel's menus no longer show it), or a state Excel does not know
        out.append(Text("工作表的显示状态在导出后被改动：" + "、".join(
            f"{n}（{_STATES_ZH.get(was, was)} → {_STATES_ZH.get(now, shorten(now, 20))}）" for n, was, now in other),
            "the sheets' visibility was changed after export: " + ", ".join(
                f"{n} ({was} → {shorten(now, 20)})" for n, was, now in other)))
    return out


_STATES_ZH = {"visible": "显示", "hidden": "隐藏", "veryHidden": "深度隐藏（在 Excel 中无法取消隐藏）"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_LABELS_EN = {"报送单位": "the sending office", "出具单位": "the issuing office", "下发单位": "the sending office",
              "报送期间": "the period", "签名公钥指纹": "the key fingerprint", "数据包序号": "the packet number"}


def _label_en(label: str) -> str:
    """A cover line's label in English (``年报 条数``: the count of annual reports)."""
    if label.endswith(" 条数"):
        sheet = label[:-3]
        kind = next((k for k in REGISTRY.values() if k.zh == sheet), None)
        return f"the count of {kind.en if kind else sheet}"
    return _LABELS_EN.get(label, label)


def cover_notices(meta: Mapping[str, Any], rows: Sequence[Sequence[Any]]) -> list[Text]:
    """The cover's lines against the signed machine part: the sending office, the period, the
    number, the key, the count of each register. (Only what differs; the time is written in
    the exporter's time zone and is not compared.)"""
    lines: dict[str, str] = {}
    counts: dict[str, str] = {}
    table = False
    for row in rows:
        label, value = _cell(row[0] if row else None), _cell(row[1] if len(row) > 1 else None)
        if label == "台账":
            table = True
            continue
        if label == "说明":
            table = False
            continue
        if label:  # (an emptied value too: compared below)
            (counts if table else lines).setdefault(label, value)
    sender = str(meta.get("from_office") or meta.get("office") or "")
    sender_name = str(meta.get("from_office_name") or meta.get("office_name") or "")
    expected: dict[str, Any] = {"报送期间": meta.get("period"), "签名公钥指纹": meta.get("fingerprint")}
    if meta.get("packet_kind") == "county" and meta.get("sequence"):
        expected["数据包序号"] = f"第 {meta.get('sequence')} 号"
    wrong: list[tuple[str, str, str]] = []
    for label in ("报送单位", "出具单位", "下发单位"):
        if label in lines and lines[label] != f"{sender_name}（{sender}）":
            wrong.append((label, lines[label], f"{sender_name}（{sender}）"))
    for label, value in expected.items():
        if value and label in lines and lines[label] != str(value):
            wrong.append((label, lines[label], str(value)))
    for sheet in meta.get("sheets") or []:
        if not isinstance(sheet, dict):
            continue
        name, signed = str(sheet.get("name")), _cell(sheet.get("rows"))
        if name in counts and counts[name] != signed:
            wrong.append((f"{name} 条数", counts[name], signed))
    # A line deleted whole (its label too): the sender's, and those the signed data fills in
    sender_label = _SENDER_LABELS.get(str(meta.get("packet_kind") or ""), "出具单位")
    written = [k for k, v in expected.items() if v and (k == "签名公钥指纹" or meta.get("packet_kind") == "county")]
    gone = [label for label in (sender_label, *written) if label not in lines
            and not (label == sender_label and any(s in lines for s in _SENDER_LABELS.values()))]
    if gone:
        wrong.append(("、".join(gone), _GONE, "、".join(
            f"{sender_name}（{sender}）" if label == sender_label else str(expected[label]) for label in gone)))
    if not wrong:
        return []
    zh = "；".join(_wrong_zh(*line) for line in wrong)
    en = "; ".join(_wrong_en(*line) for line in wrong)
    return [Text(f"封面与签名的数据不符（封面在导出后被改动，合并以签名的数据为准）：{zh}",
                 f"the cover does not match the signed data (it was changed after export; the merge goes by "
                 f"the signed data): {en}")]


_SENDER_LABELS = {"county": "报送单位", "reference": "下发单位", "receipt": "出具单位", "restore": "出具单位"}
"""The cover's line naming the sender, by packet kind."""
_GONE = "\0"
"""What :func:`cover_notices` notes as the value of lines deleted whole."""


def _wrong_zh(label: str, shown: str, signed: str) -> str:
    if shown == _GONE:
        return f"缺少“{label}”一行，签名的数据为“{signed}”"
    if not shown:
        return f"{label}一栏已被清空，签名的数据为“{signed}”"
    return f"{label}写作“{shorten(shown, 40)}”，签名的数据为“{signed}”"


def _wrong_en(label: str, shown: str, signed: str) -> str:
    if shown == _GONE:
        return f"the line of {', '.join(map(_label_en, label.split('、')))} is gone, the signed data says {signed!r}"
    if not shown:
        return f"{_label_en(label)} was emptied, the signed data says {signed!r}"
    return f"{_label_en(label)} reads {shorten(shown, 40)!r}, the signed data says {signed!r}"
