"""Reusable cross-field rules for the registers (dates in order, parts not above wholes ...).

Each factory returns a rule ``(values, ctx) -> list[FieldError]`` for :class:`desktop.fields.Kind`,
written over columns of records (:func:`desktop.fields.by_columns`): a packet's thousands of
records are checked with one call. Rules only look at fields that are filled: emptiness is the
``required`` flag's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import gt
from typing import Any

from desktop.fields import Columns, Field, FieldError, FieldType, RecordView, Rule, RuleContext, by_columns
from desktop.validation import Reason, check_not_future


def _by_key(fields: Iterable[Field]) -> dict[str, Field]:
    return {f.key: f for f in fields}


def not_future(fields: tuple[Field, ...], *keys: str) -> Rule:
    """The dates in ``keys`` cannot be after today (a survey is not filled in tomorrow)."""
    index = _by_key(fields)

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        out = []
        today = ctx.today
        for key in keys:
            f = index[key]
            values = column(key)
            filled = [v for v in values if v is not None]
            if not filled or max(filled) <= today:
                continue  # none after today (what nearly every column is)
            for i, v in enumerate(values):
                if v is not None:
                    reason = check_not_future(v, today)
                    if reason:
                        out.append((i, FieldError.of(f, reason)))
        return out

    return by_columns(many)


def on_or_after(fields: tuple[Field, ...], later: str, earlier: str, strict: bool = False) -> Rule:
    """``later`` must not come before ``earlier`` (or must come strictly after, if ``strict``)."""
    index = _by_key(fields)
    a, b = index[later], index[earlier]
    assert a.type is FieldType.DATE and b.type is FieldType.DATE
    word_zh, word_en = ("晚于", "after") if strict else ("不早于", "on or after")

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        return [(i, FieldError.of(a, Reason(f"应{word_zh}{b.zh}（{y.isoformat()}）",
                                            f"must be {word_en} {b.en} ({y.isoformat()})")))
                for i, (x, y) in enumerate(zip(column(later), column(earlier)))
                if x is not None and y is not None and (x < y or (strict and x == y))]

    return by_columns(many)


def not_more_than(fields: tuple[Field, ...], part: str, whole: str) -> Rule:
    """A part (e.g. output sold under the mark) cannot exceed its whole."""
    index = _by_key(fields)
    a, b = index[part], index[whole]

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        parts, wholes = column(part), column(whole)
        if None not in parts and None not in wholes and not any(map(gt, parts, wholes)):
            return []  # every row filled and within (compared without a step per row)
        return [(i, FieldError.of(a, Reason(f"不能大于{b.zh}（{b.display(y)}）",
                                            f"cannot exceed {b.en} ({b.display(y)})")))
                for i, (x, y) in enumerate(zip(parts, wholes))
                if x is not None and y is not None and x > y]

    return by_columns(many)


def required_when(fields: tuple[Field, ...], key: str, when: Callable[[Mapping[str, Any]], bool],
                  why_zh: str, why_en: str) -> Rule:
    """``key`` becomes required when ``when(values)`` holds; the reason says why. (``when`` is
    given the record's values to read, as a rule is.)"""
    index = _by_key(fields)
    f = index[key]

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        empty = [i for i, v in enumerate(column(key)) if v is None]
        if not empty:
            return []
        record = RecordView(column, index)
        out = []
        for i in empty:
            record.i = i
            if when(record):
                out.append((i, FieldError.of(f, Reason(f"{why_zh}时必填", f"required when {why_en}"))))
        return out

    return by_columns(many)


def year_not_future(fields: tuple[Field, ...], key: str) -> Rule:
    """A year field cannot be after the current year."""
    f = _by_key(fields)[key]

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        year = ctx.today.year
        years = column(key)
        if None not in years and (not years or max(years) <= year):
            return []
        return [(i, FieldError.of(f, Reason(f"不能晚于今年（{year}）", f"cannot be after this year ({year})")))
                for i, y in enumerate(years) if y is not None and y > year]

    return by_columns(many)
