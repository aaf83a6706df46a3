"""Reusable cross-field rules for the registers (dates in order, parts not above wholes ...),
and plausibility rules for :attr:`desktop.fields.Kind.warnings` (a USCC that does not fit the
entity type or the office's province: saved, but pointed out).

Each factory returns a rule ``(values, ctx) -> list[FieldError]`` for :class:`desktop.fields.Kind`,
written over columns of records (:func:`desktop.fields.by_columns`): a packet's thousands of
records are checked with one call. Rules only look at fields that are filled: emptiness is the
``required`` flag's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import gt
from typing import Any

from desktop import divisions
from desktop.fields import Columns, Field, FieldError, FieldType, RecordView, Rule, RuleContext, by_columns
from desktop.validation import USCC_ENTITY_KINDS, Reason, check_not_future, uscc_entity_kind


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
                for i, (x, y) in enumerate(zip(column(later), column(earlier), strict=True))
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
                for i, (x, y) in enumerate(zip(parts, wholes, strict=True))
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


def uscc_fits_entity_type(fields: tuple[Field, ...], uscc_key: str, type_key: str,
                          expected: Mapping[str, tuple[str, ...]]) -> Rule:
    """A warning rule: positions 1-2 of the USCC in ``uscc_key`` (registering authority and
    entity kind) should be one of ``expected[type]`` for the record's entity type (a
    farmers' cooperative 93, an enterprise 91 ...). Types not in ``expected`` are not checked."""
    index = _by_key(fields)
    f, t = index[uscc_key], index[type_key]
    for prefixes in expected.values():
        assert all(p in USCC_ENTITY_KINDS for p in prefixes), prefixes

    def rule(values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
        uscc, kind = values.get(uscc_key), values.get(type_key)
        allowed = expected.get(kind or "")
        if not uscc or not allowed or uscc[:2] in allowed:
            return []
        found = uscc_entity_kind(uscc)
        what_zh = f"（{found[0]}）" if found else ""
        what_en = f" ({found[1]})" if found else ""
        choice = t.choice(kind or "")
        return [FieldError.of(f, Reason(
            f"第1-2位为“{uscc[:2]}”{what_zh}，与{t.zh}“{choice.zh}”不符（应为"
            + "或".join(allowed) + "）",
            f"positions 1-2 are {uscc[:2]}{what_en}, which does not fit the {t.en} "
            f"{choice.en!r} (expected " + " or ".join(allowed) + ")"))]

    return rule


def uscc_in_office_province(fields: tuple[Field, ...], *keys: str) -> Rule:
    """A warning rule: positions 3-8 of each USCC in ``keys`` (the registering office's
    division code) should lie in the province of the office that owns the record."""
    index = _by_key(fields)

    def rule(values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
        office = ctx.office_code
        if len(office) < 2:
            return []
        out = []
        for key in keys:
            uscc = values.get(key)
            if not uscc or uscc[2:4] == office[:2]:
                continue
            theirs = divisions.lookup(uscc[2:4] + "0000")
            ours = divisions.lookup(office[:2] + "0000")
            their_zh = theirs.name if theirs else f"省级代码{uscc[2:4]}"
            our_zh = ours.name if ours else f"省级代码{office[:2]}"
            out.append(FieldError.of(index[key], Reason(
                f"第3-8位“{uscc[2:8]}”是{their_zh}的行政区划代码，不在本单位所在的{our_zh}",
                f"positions 3-8 ({uscc[2:8]}) are a division code of another province "
                f"({uscc[2:4]}) than this office's ({office[:2]})")))
        return out

    return rule


def narrowed_choice(fields: tuple[Field, ...], key: str) -> Rule:
    """The CHOICE ``key`` must be one of the choices that fit the value of the field that
    narrows it (:attr:`desktop.fields.Field.narrowed_by`: 细分类型 by 产品类别)."""
    f = _by_key(fields)[key]
    assert f.narrowed_by is not None, key
    other = _by_key(fields)[f.narrowed_by]

    def many(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
        out = []
        for i, (value, by) in enumerate(zip(column(key), column(other.key), strict=True)):
            if value is None or by is None:
                continue
            fitting = f.choices_for(by)
            if value in {c.code for c in fitting}:
                continue
            try:
                shown, by_choice = f.choice(value), other.choice(by)
            except KeyError:
                continue  # not a code at all: the field's own check says so
            out.append((i, FieldError.of(f, Reason(
                f"“{shown.zh}”不属于{other.zh}“{by_choice.zh}”，可选：" + "、".join(c.zh for c in fitting),
                f"{shown.en!r} does not belong to the {other.en} {by_choice.en!r}; use one of: "
                + ", ".join(c.en for c in fitting)))))
        return out

    return by_columns(many)
