"""Cell values as offices type them, turned into a field's value (wrapping
:meth:`desktop.fields.Field.coerce`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from desktop.fields import Field, FieldError, FieldType, Kind
from desktop.messages import shorten
from desktop.tables import aliases
from desktop.tables.model import ColumnMapping, Table, UnknownValue, UnknownValues, ValueMaps
from desktop.validation import Reason

__all__ = ["read_value", "unknown_values", "is_coded", "is_code_text", "split_items", "match_choice",
           "excel_date"]

_ITEMS = re.compile(r"\s*[、；;,，\n]\s*")
_YES = {"是", "√", "✓", "✔", "y", "yes", "有", "true", "1", "对", "t"}
_NO = {"否", "×", "✗", "✘", "n", "no", "无", "false", "0", "f", "没有"}
_E_NOTATION = re.compile(r"[+-]?\d+(\.\d+)?[eE][+-]?\d+")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_TIME = re.compile(r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]0{1,2}:00(:00)?(\.0+)?")


def is_coded(f: Field) -> bool:
    """Whether the field takes its values from a list of codes (choice, multi-choice)."""
    return f.type in (FieldType.CHOICE, FieldType.MULTI)


def is_code_text(f: Field) -> bool:
    """A field holding a code or number as text (USCC, phone, division, registration and
    notice numbers): a spreadsheet number in it may have lost digits."""
    return f.type in (FieldType.USCC, FieldType.PHONE, FieldType.DIVISION) or (
        f.type is FieldType.TEXT and (f.key.endswith(("_no", "_uscc")) or f.key == "uscc"))


def split_items(text: str) -> list[str]:
    """A list cell's items: split on 、；;,， and newlines."""
    return [i for i in _ITEMS.split(text.strip()) if i]


def match_choice(f: Field, text: str, value_map: Mapping[str, str] | None = None) -> str | None:
    """The code ``text`` stands for: a code, label or alias of ``f`` (case and spaces aside),
    or what the clerk's ``value_map`` sends it to; None if unknown."""
    folded = aliases.normalise(text)
    for c in f.choices:
        if folded in (aliases.normalise(c.code), aliases.normalise(c.zh), aliases.normalise(c.en),
                      *(aliases.normalise(a) for a in c.aliases)):
            return c.code
    for source, target in (value_map or {}).items():
        if aliases.normalise(source) == folded:
            return match_choice(f, target) if target != text else None
    return None


def excel_date(serial: float) -> date:
    """An Excel day number as a date (1900 date system, from 1 March 1900)."""
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _lost_digits(f: Field, raw: Any) -> FieldError:
    return FieldError.of(f, Reason(
        f"“{shorten(raw)}”是数字格式，Excel 已将其截为15位有效数字，原值无法恢复，不能导入："
        "请将该列设为“文本”格式后重新填写",
        f"{shorten(raw)!r} was stored as a number, which Excel cuts to 15 significant digits; the "
        "original is lost and is not imported: format the column as text and type the values again"))


def _code_text(f: Field, raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, float):
        if f.type is FieldType.USCC or not raw.is_integer() or abs(raw) >= 1e15:
            raise _lost_digits(f, _float_text(raw))
        return str(int(raw))
    if isinstance(raw, int):
        if f.type is FieldType.USCC or len(str(abs(raw))) > 15:
            raise _lost_digits(f, raw)
        return str(raw)
    if isinstance(raw, str) and _E_NOTATION.fullmatch(raw.strip()):
        raise _lost_digits(f, raw.strip())
    return raw


def _float_text(value: float) -> str:
    """A float as Excel shows a long number (``9.14403001922038E+17``)."""
    text = f"{value:.14E}" if abs(value) >= 1e15 else repr(value)
    if "E" in text:
        mantissa, exponent = text.split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
    return text


def read_value(f: Field, raw: Any, value_map: Mapping[str, str] | None = None) -> Any:
    """The field's Python value of one cell: dates in the usual forms and Excel date numbers,
    yes/no as 是/否/√/×/Y/N/有/无, lists split on 、；;,， and newlines, numbers with thousands
    separators, a leading ``'`` stripped, coded values by label, code, alias or ``value_map``.
    A code or number text (USCC, registration number, phone) that came as a float, in E
    notation or with more than 15 significant digits is refused: Excel lost its digits.
    Raises :class:`desktop.fields.FieldError`."""
    if isinstance(raw, str):
        raw = raw.strip()
        if raw.startswith("'"):
            raw = raw[1:].strip()
        if raw == "":
            return None
    if raw is None:
        return None
    t = f.type
    if is_code_text(f):
        raw = _code_text(f, raw)
    if t in (FieldType.TEXT, FieldType.LONGTEXT) and isinstance(raw, float) and raw.is_integer():
        raw = str(int(raw))
    if t is FieldType.DATE:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if not (1 <= raw < 2958466):
                raise FieldError.of(f, Reason(f"“{raw}”不是日期", f"{raw!r} is not a date"))
            if not float(raw).is_integer():
                raise FieldError.of(f, Reason("应为日期，不含时间", "must be a date without time"))
            raw = excel_date(raw)
        elif isinstance(raw, str):
            m = _DATE_TIME.fullmatch(raw)
            if m:
                raw = m[1]
            elif raw.isdigit() and len(raw) == 5:
                raw = excel_date(int(raw))
        elif isinstance(raw, datetime) and raw.time() == datetime.min.time():
            raw = raw.date()
    elif t is FieldType.BOOL and isinstance(raw, float) and raw in (0.0, 1.0):
        raw = bool(raw)
    elif t is FieldType.BOOL and isinstance(raw, str):
        folded = raw.casefold()
        if folded in _YES:
            raw = True
        elif folded in _NO:
            raw = False
    elif t is FieldType.YEAR and isinstance(raw, str):
        raw = raw.removesuffix("年度").removesuffix("年")
    elif t in (FieldType.INT, FieldType.DECIMAL, FieldType.YEAR) and isinstance(raw, str):
        raw = raw.replace(" ", "").replace("\u3000", "")
    elif t is FieldType.CHOICE:
        code = match_choice(f, str(raw), value_map)
        if code is not None:
            raw = code
    elif t in (FieldType.MULTI, FieldType.LIST):
        items = split_items(str(raw)) if not isinstance(raw, (list, tuple)) else [str(i) for i in raw]
        if t is FieldType.MULTI:
            items = [match_choice(f, i, value_map) or i for i in items]
        raw = items
    elif t is FieldType.REF and isinstance(raw, float) and raw.is_integer():
        raw = str(int(raw))
    return f.coerce(raw)


def unknown_values(table: Table, mapping: ColumnMapping, kind: Kind,
                   value_maps: ValueMaps | None = None) -> list[UnknownValues]:
    """Per mapped coded column, its distinct values that are no code, label or alias (nor in
    ``value_maps``), each once with its count and first row."""
    out: list[UnknownValues] = []
    for choice in mapping.mapped():
        if choice.field_key is None or not kind.has_field(choice.field_key):
            continue
        f = kind.field(choice.field_key)
        if not is_coded(f):
            continue
        value_map = (value_maps or {}).get(f.key, {})
        found: dict[str, list[int]] = {}
        for row in table.rows:
            raw = row.cell(choice.column)
            if raw is None or str(raw).strip() == "":
                continue
            text = str(raw).strip().lstrip("'")
            items = split_items(text) if f.type is FieldType.MULTI else [text]
            for item in items:
                if match_choice(f, item, value_map) is None:
                    seen = found.setdefault(item, [0, row.number])
                    seen[0] += 1
        if found:
            out.append(UnknownValues(f.key, choice.column, choice.header,
                                     tuple(UnknownValue(t, c, r) for t, (c, r) in found.items())))
    return out
