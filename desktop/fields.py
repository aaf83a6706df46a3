"""The declarative description of every register's fields.

One :class:`Field` list per register (see :mod:`desktop.registers`) drives validation,
the command line's ``fields``, storage conversion, and later the editors, packet
columns and printed forms, so that adding a field is one change.

Python values by field type:

=============  ===================  ======================
type           Python value         stored in SQLite as
=============  ===================  ======================
text/longtext  ``str``              TEXT
uscc/phone     ``str``              TEXT
division       ``str`` (6 digits)   TEXT
int/year       ``int``              INTEGER
decimal        ``float`` rounded    REAL
date           ``datetime.date``    TEXT (ISO 8601)
bool           ``bool``             INTEGER 0/1
choice         ``str`` (code)       TEXT (code)
multi          ``list[str]`` codes  TEXT (JSON array)
list           ``list[str]``        TEXT (JSON array)
ref            ``str`` (record id)  TEXT
=============  ===================  ======================

``None`` means empty; empty text and an empty list are normalised to ``None``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypedDict

from desktop import validation
from desktop.messages import shorten
from desktop.validation import Reason

__all__ = [
    "FieldType",
    "Choice",
    "Section",
    "Field",
    "FieldError",
    "ValidationFailed",
    "RuleContext",
    "Rule",
    "ColumnRule",
    "Columns",
    "by_columns",
    "RecordView",
    "Kind",
    "Derived",
    "TEXT_MAX",
    "LONGTEXT_MAX",
    "DATE_MIN",
]

TEXT_MAX = 200
"""Longest single-line text, in characters."""
LONGTEXT_MAX = 30_000
"""Longest multi-line text: below Excel's 32,767-character cell limit, so a packet never cuts it."""
DATE_MIN = date(1900, 3, 1)
"""Earliest date a register takes. Spreadsheets store dates as day numbers that disagree
before it: Excel counts a 29 February 1900 that never was, LibreOffice does not, and neither
has numbers before 1900, so an earlier date would not come back from a packet as it went."""
LIST_SEPARATORS = re.compile(r"\s*[;；、\n]\s*")
_TRUE = {"是", "yes", "y", "true", "1", "√", "✓", "x"}
_FALSE = {"否", "no", "n", "false", "0", "×"}


class FieldType(StrEnum):
    """What kind of value a field holds; decides widget, parser and storage."""

    TEXT = "text"
    LONGTEXT = "longtext"
    INT = "int"
    YEAR = "year"
    DECIMAL = "decimal"
    DATE = "date"
    BOOL = "bool"
    CHOICE = "choice"
    MULTI = "multi"
    LIST = "list"
    USCC = "uscc"
    DIVISION = "division"
    PHONE = "phone"
    REF = "ref"


@dataclass(frozen=True)
class Choice:
    """One allowed value of a coded field: a stable code and its labels."""

    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    """Other labels clerks use for the same value (``证明商标`` for ``地理标志证明商标``)."""


class Section(TypedDict):
    """A form section as :class:`Field` keyword arguments: ``Field(..., **section)``."""

    section: str
    section_en: str


@dataclass(frozen=True)
class Field:
    """One field of a register.

    ``ref`` names the kind a REF field points to. ``minimum``/``maximum`` bound numbers.
    ``width`` is a display hint in characters (table columns, packet columns).
    """

    key: str
    zh: str
    en: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[Choice, ...] = ()
    decimals: int = 2
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    ref: str | None = None
    part_of: bool = False
    """For a REF: this record is part of the one it points to (a stage event of its
    candidate), so it does not stop that record from being deleted."""
    width: int = 12
    help_zh: str = ""
    """What to write here, as a 填表说明 of a Chinese government form (form, unit, example):
    the editors' tooltip and placeholder, and the notes page of a blank printed form."""
    help_en: str = ""
    """:attr:`help_zh` in English, for the window in English."""
    narrowed_by: str | None = None
    """For a CHOICE: the key of another field whose value narrows the choices that fit
    (细分类型 by 产品类别); see :attr:`narrowing` and :meth:`choices_for`."""
    narrowing: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(value of narrowed_by, codes of this field that fit it)`` pairs; a value not listed
    (or empty) leaves every choice open."""
    section: str = ""
    """The heading of the group of fields this one belongs to (基本情况, 产地范围 ...), on
    printed forms and in the editor; the fields of one section are consecutive. Empty: the
    register's fields are not grouped."""
    section_en: str = ""
    """:attr:`section` in English, for the window in English."""
    points_to_record: bool = False
    """For a TEXT field: it holds the id of a record of any register (a review's record), so
    a packet's policy on references to other offices applies to it as to a REF."""

    @property
    def label(self) -> str:
        """``中文 (English)``, for messages."""
        return f"{self.zh} ({self.en})"

    @property
    def is_coded(self) -> bool:
        return self.type in (FieldType.CHOICE, FieldType.MULTI)

    def choice(self, code: str) -> Choice:
        for c in self.choices:
            if c.code == code:
                return c
        raise KeyError(code)

    def choices_for(self, other: Any) -> tuple[Choice, ...]:
        """The choices that fit ``other``, the value of :attr:`narrowed_by` (all of them
        when nothing narrows this field or ``other`` is empty or not listed)."""
        fitting = dict(self.narrowing).get(other) if other is not None else None
        if fitting is None:
            return self.choices
        return tuple(c for c in self.choices if c.code in fitting)

    def text_limit(self) -> int:
        if self.max_length is not None:
            return self.max_length
        return LONGTEXT_MAX if self.type is FieldType.LONGTEXT else TEXT_MAX

    # ---- parsing and checking -------------------------------------------------

    def _match_choice(self, text: str) -> str:
        folded = text.strip().casefold()
        for c in self.choices:
            if folded in (c.code.casefold(), c.zh.casefold(), c.en.casefold(),
                          *(a.casefold() for a in c.aliases)):
                return c.code
        allowed = "、".join(c.zh for c in self.choices)
        raise FieldError.of(
            self,
            Reason(f"“{shorten(text)}”不是允许的值，应为：{allowed}",
                   f"{shorten(text)!r} is not an allowed value; use one of: "
                   + ", ".join(f"{c.code} ({c.zh})" for c in self.choices)),
        )

    def coerce(self, value: Any) -> Any:
        """Turn a typed value or a clerk's text into this field's Python value.

        Raises :class:`FieldError` when the value cannot be understood or breaks a
        single-field rule (format, range, allowed values). Required-ness is checked
        by :meth:`Kind.validate`, not here.
        """
        if value is None:
            return None
        if isinstance(value, str) and self.type not in (FieldType.TEXT, FieldType.LONGTEXT):
            value = value.strip()
            if value == "":
                return None
        t = self.type
        if t in (FieldType.TEXT, FieldType.LONGTEXT):
            if not isinstance(value, str):
                value = str(value)
            # One line ending everywhere: Windows' \r\n becomes \n (spreadsheets do the same).
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            if value.strip() == "":
                return None
            if t is FieldType.TEXT:
                value = value.strip()
                if "\n" in value:
                    raise FieldError.of(self, Reason("不能换行", "must be a single line"))
            self._raise(validation.check_text(value, self.text_limit()))
            return value
        if t in (FieldType.INT, FieldType.YEAR):
            if isinstance(value, int) and not isinstance(value, bool):
                self._check_range(value)  # exact: no detour through float
                return value
            number = self._number(value)
            if number != int(number):
                raise FieldError.of(self, Reason("应为整数", "must be a whole number"))
            number = int(number)
            self._check_range(number)
            return number
        if t is FieldType.DECIMAL:
            number = round(self._number(value), self.decimals)
            self._check_range(number)
            return number + 0.0  # never -0.0
        if t is FieldType.DATE:
            return self._date(value)
        if t is FieldType.BOOL:
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            s = str(value).strip().casefold()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise FieldError.of(self, Reason(f"“{shorten(value)}”应为“是”或“否”",
                                             f"{shorten(value)!r} must be yes (是) or no (否)"))
        if t is FieldType.CHOICE:
            return self._match_choice(str(value))
        if t in (FieldType.MULTI, FieldType.LIST):
            items = self._items(value)
            if t is FieldType.MULTI:
                codes = [self._match_choice(i) for i in items]
                order = {c.code: n for n, c in enumerate(self.choices)}
                items = sorted(dict.fromkeys(codes), key=order.__getitem__)
            else:
                for item in items:
                    self._raise(validation.check_text(item, TEXT_MAX))
            return items or None
        if t is FieldType.USCC:
            value = str(value).upper()
            self._raise(validation.check_uscc(value))
            return value
        if t is FieldType.DIVISION:
            value = str(value)
            self._raise(validation.check_division_code(value))
            return value
        if t is FieldType.PHONE:
            value = str(value)
            self._raise(validation.check_phone(value))
            return value
        if t is FieldType.REF:
            value = str(value)
            self._raise(validation.check_text(value, 40))
            return value
        raise AssertionError(t)

    def _raise(self, reason: Reason | None) -> None:
        if reason is not None:
            raise FieldError.of(self, reason)

    def _items(self, value: Any) -> list[str]:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    value = LIST_SEPARATORS.split(text)
            else:
                value = LIST_SEPARATORS.split(text)
        if not isinstance(value, (list, tuple)):
            raise FieldError.of(self, Reason("应为列表", "must be a list"))
        # An item holding a separator is two items (as it would read back from a packet cell).
        items = [part.strip() for v in value for part in LIST_SEPARATORS.split(str(v))]
        return [i for i in items if i]

    def _number(self, value: Any) -> float:
        if isinstance(value, bool):
            raise FieldError.of(self, Reason("应为数字", "must be a number"))
        if isinstance(value, (int, float)):
            try:
                number = float(value)
            except OverflowError:  # an int past any float: past the range too
                raise FieldError.of(self, Reason(
                    "数值过大：最多15位有效数字（Excel 只保留15位）",
                    "too large: at most 15 significant digits (spreadsheets keep 15)")) from None
        else:
            text = str(value).replace(",", "").replace("，", "")
            try:
                number = float(text)
            except ValueError:
                raise FieldError.of(self, Reason(f"“{shorten(value)}”不是数字",
                                                 f"{shorten(value)!r} is not a number")) from None
        if not math.isfinite(number):
            raise FieldError.of(self, Reason("应为有限数字", "must be a finite number"))
        return number

    def _check_range(self, number: float) -> None:
        places = self.decimals if self.type is FieldType.DECIMAL else 0
        if abs(number) * 10 ** places >= 10 ** 15:
            raise FieldError.of(self, Reason(
                "数值过大：最多15位有效数字（Excel 只保留15位）",
                "too large: at most 15 significant digits (spreadsheets keep 15)"))
        if self.minimum is not None and number < self.minimum:
            if self.minimum == 0:
                raise FieldError.of(self, Reason("不能为负数", "cannot be negative"))
            raise FieldError.of(self, Reason(f"不能小于{_fmt(self.minimum)}",
                                             f"must be at least {_fmt(self.minimum)}"))
        if self.maximum is not None and number > self.maximum:
            raise FieldError.of(self, Reason(f"不能大于{_fmt(self.maximum)}",
                                             f"must be at most {_fmt(self.maximum)}"))

    def _date(self, value: Any) -> date:
        if isinstance(value, datetime):
            if value.time() != datetime.min.time():
                raise FieldError.of(self, Reason("应为日期，不含时间", "must be a date without time"))
            return value.date()
        if isinstance(value, date):
            if value < DATE_MIN:
                raise FieldError.of(self, Reason(
                    f"“{value.isoformat()}”早于1900年3月1日：电子表格不能准确保存这样早的日期",
                    f"{value.isoformat()!r} is before 1900-03-01, which spreadsheets cannot keep"))
            return value
        text = str(value).strip()
        m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
        if not m:
            m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
        if m:
            try:
                return self._date(date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                pass
        raise FieldError.of(self, Reason(f"“{shorten(text)}”不是有效日期，应为 2024-05-01 格式",
                                         f"{shorten(text)!r} is not a valid date; use 2024-05-01"))

    # ---- conversion ------------------------------------------------------------

    def to_db(self, value: Any) -> Any:
        """Python value → SQLite value."""
        if value is None:
            return None
        t = self.type
        if t is FieldType.DATE:
            return value.isoformat()
        if t is FieldType.BOOL:
            return 1 if value else 0
        if t in (FieldType.MULTI, FieldType.LIST):
            return json.dumps(list(value), ensure_ascii=False)
        return value

    def from_db(self, raw: Any) -> Any:
        """SQLite value → Python value."""
        if raw is None:
            return None
        t = self.type
        if t is FieldType.DATE:
            return date.fromisoformat(raw)
        if t is FieldType.BOOL:
            return bool(raw)
        if t in (FieldType.MULTI, FieldType.LIST):
            return json.loads(raw)
        if t is FieldType.DECIMAL:
            return float(raw)
        return raw

    def to_json(self, value: Any) -> Any:
        """Python value → JSON-friendly value (dates as ISO text, codes as codes)."""
        if isinstance(value, date):
            return value.isoformat()
        return value

    def display(self, value: Any, lang: str = "zh") -> str:
        """Python value → what a clerk reads (Chinese labels by default)."""
        if value is None:
            return ""
        t = self.type
        if t is FieldType.BOOL:
            return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
        if t is FieldType.CHOICE:
            c = self.choice(value)
            return c.zh if lang == "zh" else c.en
        if t is FieldType.MULTI:
            return "、".join(getattr(self.choice(v), lang) for v in value)
        if t is FieldType.LIST:
            return "、".join(value)
        if t is FieldType.DATE:
            text: str = value.isoformat()
            return text
        if t is FieldType.DECIMAL:
            return f"{value:.{self.decimals}f}"  # amounts line up: 588.00, 110.80
        return str(value)

    def describe(self) -> dict[str, Any]:
        """What ``giledger fields`` prints for this field."""
        out: dict[str, Any] = {
            "key": self.key, "zh": self.zh, "en": self.en, "type": str(self.type),
            "required": self.required,
        }
        if self.choices:
            out["choices"] = [{"code": c.code, "zh": c.zh, "en": c.en,
                               **({"aliases": list(c.aliases)} if c.aliases else {})}
                              for c in self.choices]
        if self.type is FieldType.DECIMAL:
            out["decimals"] = self.decimals
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.type in (FieldType.TEXT, FieldType.LONGTEXT):
            out["max_length"] = self.text_limit()
        if self.ref:
            out["ref"] = self.ref
        if self.narrowed_by:
            out["narrowed_by"] = {"field": self.narrowed_by,
                                  "choices": {k: list(v) for k, v in self.narrowing}}
        return out


def _fmt(number: float, decimals: int | None = None) -> str:
    if decimals is not None:
        text = f"{number:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{number:g}"


def choices(*entries: tuple[str, ...]) -> tuple[Choice, ...]:
    """Build a choice list from ``(code, zh, en[, alias ...])`` tuples."""
    return tuple(Choice(code, zh, en, tuple(aliases)) for code, zh, en, *aliases in entries)


class FieldError(Exception):
    """A value refused for one field; the message names the field in Chinese and English."""

    def __init__(self, field_key: str, zh_label: str, en_label: str, reason: Reason):
        self.field_key = field_key
        self.zh_label = zh_label
        self.en_label = en_label
        self.reason = reason
        super().__init__(str(self))

    @classmethod
    def of(cls, f: Field, reason: Reason) -> FieldError:
        return cls(f.key, f.zh, f.en, reason)

    @property
    def message_zh(self) -> str:
        return f"{self.zh_label}：{self.reason.zh}"

    @property
    def message_en(self) -> str:
        return f"{self.en_label}: {self.reason.en}"

    def __str__(self) -> str:
        return f"{self.zh_label} ({self.en_label}) [{self.field_key}]: {self.reason}"


class ValidationFailed(Exception):
    """A record refused; ``errors`` lists every field problem found."""

    def __init__(self, errors: Iterable[FieldError], kind_zh: str = ""):
        self.errors = list(errors)
        self.kind_zh = kind_zh
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class RuleContext:
    """What record rules may consult besides the record itself."""

    today: date
    office_code: str = ""
    record_id: str | None = None
    lookup: Callable[[str, str], Mapping[str, Any] | None] = lambda kind, rid: None
    """``lookup(kind_key, record_id)`` → the live record's values, or None."""
    exists: Callable[[str, str], bool] = lambda kind, rid: False
    """``exists(kind_key, record_id)`` → whether a live record of that kind has that id."""
    exists_duplicate: Callable[[str, Mapping[str, Any]], str | None] | None = None
    """``exists_duplicate(kind_key, {field: value})`` → the id of another live record that
    matches; None when the caller checks uniqueness itself (a packet merge does, in bulk)."""
    find: Callable[[str, Mapping[str, Any]], Mapping[str, Any] | None] = lambda kind, where: None
    """``find(kind_key, {field: value})`` → the values of a live record of the owning office
    whose fields equal those (e.g. the user's report of the previous year), or None."""


Rule = Callable[[dict[str, Any], RuleContext], Iterable[FieldError]]
"""A cross-field rule: ``rule(values, ctx)`` → the errors of one record (``values`` read only)."""

Columns = Callable[[str], Sequence[Any]]
"""``column(field_key)`` → that field's value in each of many records (None where empty)."""

ColumnRule = Callable[[Columns, int, RuleContext], Iterable[tuple[int, FieldError]]]
"""A rule over many records at once: ``many(column, count, ctx)`` → (record index, error) pairs;
a record's errors in the order the rule finds them for it."""


def by_columns(many: ColumnRule) -> Rule:
    """The rule of ``many``, a rule written over columns: :meth:`Kind.validate_many` checks
    many records with one call of it (no call per record); called as a plain rule, it checks
    one record."""

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        return [e for _i, e in many(lambda key: (values.get(key),), 1, ctx)]

    rule.many = many  # type: ignore[attr-defined]  # a function attribute the batch checks look for
    return rule


class RecordView(Mapping[str, Any]):
    """Record ``i`` of records given column by column, read like a read-only dict of its fields
    (``keys``): what a rule without a column form is given, instead of a dict per record."""

    __slots__ = ("_column", "_keys", "i")

    def __init__(self, column: Columns, keys: Mapping[str, Any]):
        self._column, self._keys, self.i = column, keys, 0

    def get(self, key: str, default: Any = None) -> Any:
        return self._column(key)[self.i] if key in self._keys else default

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys:
            raise KeyError(key)
        return self._column(key)[self.i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@dataclass(frozen=True)
class Derived:
    """A field whose value follows from others (涉及乡镇数 from the towns listed), as a default:
    ``compute(values)`` gives the value (None: nothing to derive). See :meth:`Kind.derive`."""

    key: str
    sources: tuple[str, ...]
    compute: Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Kind:
    """One register: its table, id prefix, labels, fields and cross-field rules."""

    key: str
    table: str
    prefix: str
    zh: str
    en: str
    fields: tuple[Field, ...]
    title_field: str
    rules: tuple[Rule, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    """Field combinations that no two live records of one office may share."""
    derived: tuple[Derived, ...] = ()
    """Fields filled from others on save (:meth:`derive`), by the ledger and the editors alike."""
    warnings: tuple[Rule, ...] = ()
    """Plausibility rules, written like :attr:`rules`: what they find is pointed out (in the
    editor, the command line's add/edit, ``check``) but never refuses a save or a packet."""
    written_by: tuple[str, ...] = ("county", "city", "province")
    """The office levels that keep records of this register (a county keeps no work plans)."""
    _index: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({f.key: f for f in self.fields})
        assert len(self._index) == len(self.fields), f"duplicate field key in {self.key}"
        assert self.title_field in self._index
        for f in self.fields:
            if f.narrowed_by is not None:  # a misspelt code fails at import, not in a clerk's hands
                other = self._index[f.narrowed_by]
                codes = {c.code for c in f.choices}
                assert all(k in {c.code for c in other.choices} and set(v) <= codes
                           for k, v in f.narrowing), f"narrowing of {self.key}.{f.key}"

    def field(self, key: str) -> Field:
        """The field with this key; raises :class:`FieldError` naming the known keys."""
        try:
            return self._index[key]
        except KeyError:
            raise FieldError(
                key, key, key,
                Reason(f"“{self.zh}”没有这个字段，可用字段：{', '.join(self._index)}",
                       f"{self.en} has no such field; known fields: {', '.join(self._index)}"),
            ) from None

    def has_field(self, key: str) -> bool:
        return key in self._index

    def refs(self) -> list[Field]:
        return [f for f in self.fields if f.type is FieldType.REF]

    def pointers(self) -> list[Field]:
        """The TEXT fields holding the id of a record of any register (:attr:`Field.points_to_record`)."""
        return [f for f in self.fields if f.points_to_record]

    def coerce_all(self, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        """Coerce every given value; collect the errors instead of stopping at the first."""
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for key, value in raw.items():
            try:
                values[key] = self.field(key).coerce(value)
            except FieldError as e:
                errors.append(e)
        return values, errors

    def validate(self, values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
        """Check a complete, already coerced record: required fields, references, uniqueness, rules."""
        return self.validate_many([values], ctx)[0]

    def validate_many(self, records: Sequence[Mapping[str, Any]],
                      ctx: RuleContext) -> list[list[FieldError]]:
        """:meth:`validate` of each record (the same errors in the same order), with the checks
        made a field or a rule at a time over all the records: a reference is looked up once
        per distinct id (``ctx.exists`` must give the same answer for the same id), and a rule
        written over columns (:func:`by_columns`) is called once."""
        made: dict[str, list[Any]] = {}

        def column(key: str) -> list[Any]:
            got = made.get(key)
            if got is None:
                got = made[key] = [values.get(key) for values in records]
            return got

        def each(rule: Rule, found: dict[int, list[FieldError]]) -> None:
            for i, values in enumerate(records):
                errors = list(rule(MappingProxyType(values), ctx))  # type: ignore[arg-type]  # rules only read
                if errors:
                    found.setdefault(i, []).extend(errors)

        return self._validate(len(records), column, each, ctx)

    def validate_columns(self, columns: Mapping[str, Sequence[Any]], count: int,
                         ctx: RuleContext) -> list[list[FieldError]]:
        """:meth:`validate_many` of ``count`` records given column by column: ``columns`` maps
        a field key to its value in each record (a field not there is empty in every record)."""
        nothing = (None,) * count

        def column(key: str) -> Sequence[Any]:
            return columns.get(key, nothing)

        def each(rule: Rule, found: dict[int, list[FieldError]]) -> None:
            view = RecordView(column, columns)
            for i in range(count):
                view.i = i
                errors = list(rule(view, ctx))  # type: ignore[arg-type]  # rules only read
                if errors:
                    found.setdefault(i, []).extend(errors)

        return self._validate(count, column, each, ctx)

    def _validate(self, count: int, column: Columns,
                  each: Callable[[Rule, dict[int, list[FieldError]]], None],
                  ctx: RuleContext) -> list[list[FieldError]]:
        """The checks of :meth:`validate` over ``count`` records: ``column(key)`` gives a field's
        values, ``each(rule, found)`` calls a rule record by record. A record's errors come in
        the order of :meth:`validate`: fields, unique combinations, rules."""
        by_record: dict[int, list[FieldError]] = {}
        for f in self.fields:
            if not f.required and f.type is not FieldType.REF:
                continue
            values = column(f.key)
            if f.required and None in values:
                for i, v in enumerate(values):
                    if v is None:
                        by_record.setdefault(i, []).append(FieldError.of(f, Reason("必填", "required")))
            if f.type is FieldType.REF:
                missing = {v for v in set(values) if v is not None and not ctx.exists(f.ref or "", v)}
                if missing:
                    for i, v in enumerate(values):
                        if v in missing:
                            by_record.setdefault(i, []).append(FieldError.of(
                                f, Reason(f"找不到记录 {v}（或已删除）", f"no live record {v}")))
        duplicate = ctx.exists_duplicate
        for combo in self.unique if duplicate is not None else ():
            labels = "、".join(self.field(k).zh for k in combo)
            last = self.field(combo[-1])
            for i, values in enumerate(zip(*map(column, combo), strict=True)):
                if None in values:
                    continue
                other = duplicate(self.key, dict(zip(combo, values, strict=True)))  # type: ignore[misc]  # only columns of pair rules are batched
                if other is not None:
                    by_record.setdefault(i, []).append(FieldError.of(last, Reason(
                        f"与记录 {other} 重复（{labels}相同）", f"duplicates record {other}")))
        for rule in self.rules:
            many: ColumnRule | None = getattr(rule, "many", None)
            if many is None:
                each(rule, by_record)
                continue
            for i, e in many(column, count, ctx):
                by_record.setdefault(i, []).append(e)
        return [by_record.get(i, []) for i in range(count)]

    def derive(self, values: Mapping[str, Any], *, before: Mapping[str, Any] | None = None,
               given: Iterable[str] = ()) -> dict[str, Any]:
        """The derived fields' new values for a record about to be saved (only those that
        change). ``values``: the record as it would be saved; ``before``: as it was (None for a
        new record); ``given``: the fields the clerk set in this change.

        A derived field is filled when it is empty; a value the clerk gives stays (the rules
        check it); a stored value that followed its sources (equal to what they gave before)
        keeps following them when they change; one typed by hand stays."""
        typed = set(given)
        out: dict[str, Any] = {}
        for d in self.derived:
            current = values.get(d.key)
            if current is None:
                follow = True
            elif d.key in typed or before is None:
                follow = False
            else:
                changed = any(values.get(k) != before.get(k) for k in d.sources)
                follow = changed and before.get(d.key) in (None, d.compute(before))
            new = d.compute(values) if follow else current
            if new != current:
                out[d.key] = new
        return out

    def check_warnings(self, values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
        """What the :attr:`warnings` rules find in one coerced record (nothing is refused)."""
        view = MappingProxyType(dict(values))
        return [e for rule in self.warnings for e in rule(view, ctx)]  # type: ignore[arg-type]  # rules only read the mapping

    def display_title(self, values: Mapping[str, Any]) -> str:
        return str(values.get(self.title_field) or "")
