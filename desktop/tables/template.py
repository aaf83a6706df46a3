"""The empty workbook of a register (``giledger template KIND``, 下载模板): fill it in, import it.

Its first sheet has the export's header layout for data entry: one column per field a clerk
enters, in field order, headed by the field's Chinese label exactly (so the importer maps every
column without asking), required columns in a bold red header font. Below it, empty rows with
data validation:

- coded fields and yes/no: a dropdown of the labels (the list on the hidden sheet 选项 when it
  is longer than Excel's 255 characters for a list typed into the rule, or a label holds a comma);
- dates (``yyyy-mm-dd``, from 1900-03-01), whole numbers and decimals within the field's bounds;
- an input message per column from the field's 填表说明 (cut to Excel's 32 and 255 characters);
- the text format (@) on text, USCC, phone, division and reference columns, so Excel does not
  turn ``0311…`` or an 18-digit code into a number;
- a reference (用标主体 of an annual report) takes the referenced record's natural key (its
  USCC, or its name); when the file holds at most :data:`MAX_REFERENCE_CHOICES` such records,
  their names are offered as a dropdown (on 选项) that still takes a USCC typed in.

The 填表说明 sheet lists every column: header, required or not, allowed values, format, help.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from desktop import tempfiles
from desktop.browse import reference_options, text_units
from desktop.fields import DATE_MIN, Field, FieldType, Kind
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.packets.writer import close_workbook
from desktop.registers import REGISTRY, get_kind
from desktop.tables.export import MAX_WIDTH, ExportRefused

__all__ = ["TemplateResult", "write_template", "template_fields", "natural_keys", "allowed_values",
           "OPTIONS_SHEET", "HELP_SHEET", "TEMPLATE_ROWS", "MAX_REFERENCE_CHOICES", "LIST_LIMIT",
           "TITLE_LIMIT", "MESSAGE_LIMIT"]

log = logging.getLogger(__name__)

OPTIONS_SHEET = "选项"
HELP_SHEET = "填表说明"
TEMPLATE_ROWS = 10_000
"""Rows below the header that carry the validation (and a column's format covers the rest)."""
MAX_REFERENCE_CHOICES = 500
"""A reference column offers the existing records as a dropdown up to this many."""
LIST_LIMIT = 255
"""Excel's limit on a list typed into a validation rule (its items joined with commas)."""
TITLE_LIMIT = 32
MESSAGE_LIMIT = 255
"""Excel's limits on an input message's title and text."""

_TEXT_FORMAT = {FieldType.TEXT, FieldType.USCC, FieldType.PHONE, FieldType.DIVISION, FieldType.LIST,
                FieldType.REF}


@dataclass(frozen=True)
class TemplateResult:
    """What :func:`write_template` wrote: the file and the column keys, in order."""

    path: Path
    columns: tuple[str, ...]


def template_fields(kind: Kind) -> list[Field]:
    """The columns of the template: every field of the register, in field order."""
    return list(kind.fields)


def natural_keys(f: Field) -> list[Field]:
    """What a reference column takes: the referenced register's USCC (if it has a required one)
    and its title field (用标主体: 统一社会信用代码, 企业名称)."""
    target = REGISTRY[f.ref or ""]
    keys = [g for g in target.fields if g.type is FieldType.USCC and g.required]
    return [*keys, target.field(target.title_field)]


def _label(f: Field, lang: str) -> str:
    return f.en[:1].upper() + f.en[1:] if lang == "en" else f.zh


def allowed_values(f: Field, lang: str = "zh") -> list[str]:
    """The labels a coded or yes/no field takes (empty for other fields)."""
    if f.type is FieldType.BOOL:
        return ["是", "否"] if lang == "zh" else ["yes", "no"]
    return [c.en if lang == "en" else c.zh for c in f.choices]


def _format_text(f: Field, lang: str) -> str:
    zh = lang != "en"
    t = f.type
    if t is FieldType.DATE:
        return "日期，如 2024-05-01" if zh else "a date, e.g. 2024-05-01"
    if t in (FieldType.INT, FieldType.YEAR, FieldType.DECIMAL):
        kind = ("整数" if zh else "a whole number") if t is not FieldType.DECIMAL else (
            f"数字，最多 {f.decimals} 位小数" if zh else f"a number, up to {f.decimals} decimals")
        bounds = []
        if f.minimum is not None:
            bounds.append(f"不小于 {f.minimum:g}" if zh else f"at least {f.minimum:g}")
        if f.maximum is not None:
            bounds.append(f"不大于 {f.maximum:g}" if zh else f"at most {f.maximum:g}")
        return ("，" if zh else ", ").join([kind, *bounds])
    if t is FieldType.USCC:
        return "18 位统一社会信用代码（文本）" if zh else "the 18-character USCC (text)"
    if t is FieldType.PHONE:
        return "手机或座机号码（文本）" if zh else "a mobile or landline number (text)"
    if t is FieldType.DIVISION:
        return "6 位行政区划代码（文本）" if zh else "a 6-digit division code (text)"
    if t is FieldType.CHOICE:
        return "单选，从下拉列表选择" if zh else "one value, from the dropdown"
    if t is FieldType.MULTI:
        return "多选，多个值用“、”分隔" if zh else "several values, separated by 、"
    if t is FieldType.LIST:
        return "多项用“、”分隔" if zh else "several items, separated by 、"
    if t is FieldType.BOOL:
        return "是 或 否" if zh else "是 (yes) or 否 (no)"
    if t is FieldType.REF:
        keys = "或".join(g.zh for g in natural_keys(f)) if zh else " or ".join(g.en for g in natural_keys(f))
        target = REGISTRY[f.ref or ""]
        return f"填写{target.zh}的{keys}" if zh else f"the {target.en}'s {keys}"
    if t is FieldType.LONGTEXT:
        return f"文本，最多 {f.text_limit()} 字，可换行" if zh else f"text, up to {f.text_limit()} characters"
    return f"文本，最多 {f.text_limit()} 字" if zh else f"text, up to {f.text_limit()} characters"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _help(f: Field, lang: str) -> str:
    """The column's help: the field's 填表说明, or for a reference what the template takes
    (the field's own help speaks of the record's id, which the window's pick-list fills)."""
    if f.type is FieldType.REF:
        return _format_text(f, lang)
    return (f.help_en if lang == "en" else f.help_zh) or _format_text(f, lang)


class _Options:
    """The hidden 选项 sheet: one list a column, header in row 1 (written row by row at the end)."""

    def __init__(self) -> None:
        self.lists: list[tuple[str, list[str]]] = []

    def add(self, name: str, values: list[str]) -> str:
        col = xl_col_to_name(len(self.lists))
        self.lists.append((name, values))
        return f"='{OPTIONS_SHEET}'!${col}$2:${col}${len(values) + 1}"

    def write(self, ws: Any) -> None:
        for n, (name, _values) in enumerate(self.lists):
            ws.write_string(0, n, name)
        for n, (_name, values) in enumerate(self.lists):
            for r, value in enumerate(values, start=1):
                ws.write_string(r, n, value)


def _list_source(name: str, values: list[str], options: _Options) -> str | list[str]:
    if len(",".join(values)) > LIST_LIMIT or any("," in v or '"' in v for v in values):
        return options.add(name, values)
    return values


def _reference_titles(ledger: Ledger, f: Field) -> list[str]:
    """The names a reference column offers: none when the records are too many, or are not
    known by a name (a task by its long text, a review by its verdict)."""
    target = f.ref or ""
    kind = REGISTRY[target]
    if kind.field(kind.title_field).type is not FieldType.TEXT or ledger.count(target) > MAX_REFERENCE_CHOICES:
        return []
    titles = (title for _rid, title in reference_options(ledger, target) if title.strip())
    return list(dict.fromkeys(titles))[:MAX_REFERENCE_CHOICES]


def _validation(ledger: Ledger, f: Field, options: _Options, lang: str) -> dict[str, Any]:
    """The data validation of one column (its input message included)."""
    zh = lang != "en"
    rule: dict[str, Any] = {"validate": "any"}
    t = f.type
    if t in (FieldType.CHOICE, FieldType.BOOL):
        rule = {"validate": "list", "source": _list_source(f.zh, allowed_values(f, lang), options),
                "error_title": _cut("不是允许的值" if zh else "Not an allowed value", TITLE_LIMIT),
                "error_message": _cut(("请从下拉列表中选择：" if zh else "Choose from the list: ")
                                      + "、".join(allowed_values(f, lang)), MESSAGE_LIMIT)}
    elif t is FieldType.REF:
        titles = _reference_titles(ledger, f)
        if titles:
            rule = {"validate": "list", "source": options.add(f.zh, titles), "error_type": "warning",
                    "error_title": _cut("不在列表中" if zh else "Not in the list", TITLE_LIMIT),
                    "error_message": _cut(_format_text(f, lang) + ("。仍要填写吗？" if zh else ". Keep it?"),
                                          MESSAGE_LIMIT)}
    elif t is FieldType.DATE:
        rule = {"validate": "date", "criteria": "between", "minimum": DATE_MIN, "maximum": date(9999, 12, 31),
                "error_title": _cut("不是日期" if zh else "Not a date", TITLE_LIMIT),
                "error_message": _format_text(f, lang)}
    elif t in (FieldType.INT, FieldType.YEAR, FieldType.DECIMAL):
        rule = {"validate": "decimal" if t is FieldType.DECIMAL else "integer",
                "error_title": _cut("数值不符合要求" if zh else "Not an allowed number", TITLE_LIMIT),
                "error_message": _cut(_format_text(f, lang), MESSAGE_LIMIT)}
        low, high = f.minimum, f.maximum
        if low is not None and high is not None:
            rule.update(criteria="between", minimum=low, maximum=high)
        elif low is not None:
            rule.update(criteria=">=", value=low)
        elif high is not None:
            rule.update(criteria="<=", value=high)
        else:
            rule.update(criteria="between", minimum=-(10 ** 15) + 1, maximum=10 ** 15 - 1)
    elif t is FieldType.USCC:
        rule = {"validate": "length", "criteria": "==", "value": 18,
                "error_title": _cut("应为 18 位" if zh else "18 characters", TITLE_LIMIT),
                "error_message": _format_text(f, lang)}
    rule["input_title"] = _cut(_label(f, lang), TITLE_LIMIT)
    rule["input_message"] = _cut(_help(f, lang), MESSAGE_LIMIT)
    return rule


def write_template(ledger: Ledger, kind: Kind | str, target: Path | str, *, lang: str = "zh",
                   progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> TemplateResult:
    """Write the empty template of ``kind`` to ``target`` (``.xlsx``): see the module docstring.
    Headers are always the Chinese labels (what the importer maps); ``lang`` is the language
    of the input messages and of 填表说明. Raises :class:`desktop.tables.export.ExportRefused`
    for a target that is not ``.xlsx``, :class:`OSError` naming it when it cannot be written."""
    kind = get_kind(kind) if isinstance(kind, str) else kind
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ExportRefused(f"模板文件应以 .xlsx 结尾：{target.name}",
                            f"the template file ends in .xlsx: {target.name}")
    fields = template_fields(kind)
    progress(0, len(fields))
    check_cancel(cancelled)
    with tempfiles.writing(target) as partial, tempfiles.temp_folder("template-") as scratch:
        try:
            partial.touch()
        except OSError as e:
            raise type(e)(e.errno, e.strerror, str(target)) from None
        wb = xlsxwriter.Workbook(str(partial), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "tmpdir": str(scratch)})

        def fill() -> int:
            _fill(wb, ledger, kind, fields, lang, progress, cancelled)
            return len(fields)

        close_workbook(wb, fill)
    log.info("wrote the %s template to %s", kind.key, target)
    return TemplateResult(target, tuple(f.key for f in fields))


def _fill(wb: xlsxwriter.Workbook, ledger: Ledger, kind: Kind, fields: list[Field], lang: str,
          progress: Progress, cancelled: CancelCheck) -> None:
    zh = lang != "en"
    wb.set_properties({"title": f"{kind.zh}导入模板", "comments": "GI Ledger template"})
    base = {"bold": True, "bg_color": "#DCE6F1", "border": 1, "valign": "vcenter"}
    header = wb.add_format(base)
    required = wb.add_format({**base, "font_color": "#C00000"})
    text = wb.add_format({"num_format": "@"})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    decimals = {f.decimals: wb.add_format({"num_format": "0." + "0" * f.decimals if f.decimals else "0"})
                for f in fields if f.type is FieldType.DECIMAL}
    ws = wb.add_worksheet(kind.zh[:31])
    help_ws = wb.add_worksheet(HELP_SHEET)
    options = _Options()
    ws.freeze_panes(1, 0)
    for n, f in enumerate(fields):
        check_cancel(cancelled)
        width = min(max(f.width, text_units(f.zh)) + 2, MAX_WIDTH)
        fmt = (text if f.type in _TEXT_FORMAT else date_format if f.type is FieldType.DATE
               else decimals.get(f.decimals) if f.type is FieldType.DECIMAL else None)
        ws.set_column(n, n, width, fmt)
        ws.write_string(0, n, f.zh, required if f.required else header)
        ws.data_validation(1, n, TEMPLATE_ROWS, n, _validation(ledger, f, options, lang))
        progress(n + 1, len(fields))
    ws.activate()

    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    red = wb.add_format({"bold": True, "font_color": "#C00000", "text_wrap": True, "valign": "top"})
    help_ws.write_string(0, 0, f"{kind.zh}导入模板 填表说明" if zh else f"{kind.en} template: how to fill it in", bold)
    help_ws.write_string(1, 0, (
        "每行一条记录，从第 2 行开始填写；不要修改或删除表头（导入时按表头对应字段）。"
        "表头为红色粗体的列为必填。日期写作 2024-05-01；多个值用“、”分隔；代码类（信用代码、电话等）按文本填写。"
        if zh else
        "One record a row from row 2; do not change the headers (the import maps columns by them). "
        "Columns with a bold red header are required. Dates as 2024-05-01; several values separated by 、; "
        "codes (USCC, phone) as text."))
    heads = ("列", "表头", "必填", "允许的值", "格式", "说明") if zh else (
        "Column", "Header", "Required", "Allowed values", "Format", "Help")
    for n, (title, width) in enumerate(zip(heads, (6, 24, 6, 40, 30, 60), strict=True)):
        help_ws.set_column(n, n, width)
        help_ws.write_string(3, n, title, header)
    yes, no = ("是", "否") if zh else ("yes", "no")
    for r, f in enumerate(fields, start=4):
        help_ws.write_string(r, 0, xl_col_to_name(r - 4))
        help_ws.write_string(r, 1, f.zh, red if f.required else wrap)
        help_ws.write_string(r, 2, yes if f.required else no, red if f.required else wrap)
        help_ws.write_string(r, 3, "、".join(allowed_values(f, lang)), wrap)
        help_ws.write_string(r, 4, _format_text(f, lang), wrap)
        help_ws.write_string(r, 5, _help(f, lang), wrap)
    help_ws.freeze_panes(4, 0)

    if options.lists:
        opts = wb.add_worksheet(OPTIONS_SHEET)
        options.write(opts)
        opts.hide()
