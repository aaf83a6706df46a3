"""Reusable cross-field rules for the registers (dates in order, parts not above wholes ...).

Each factory returns a rule ``(values, ctx) -> list[FieldError]`` for :class:`desktop.fields.Kind`.
Rules only look at fields that are filled: emptiness is the ``required`` flag's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from desktop.fields import Field, FieldError, FieldType, Rule, RuleContext
from desktop.validation import Reason, check_not_future


def _by_key(fields: Iterable[Field]) -> dict[str, Field]:
    return {f.key: f for f in fields}


def not_future(fields: tuple[Field, ...], *keys: str) -> Rule:
    """The dates in ``keys`` cannot be after today (a survey is not filled in tomorrow)."""
    index = _by_key(fields)

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        out = []
        for key in keys:
            v = values.get(key)
            if v is not None:
                reason = check_not_future(v, ctx.today)
                if reason:
                    out.append(FieldError.of(index[key], reason))
        return out

    return rule


def on_or_after(fields: tuple[Field, ...], later: str, earlier: str, strict: bool = False) -> Rule:
    """``later`` must not come before ``earlier`` (or must come strictly after, if ``strict``)."""
    index = _by_key(fields)
    a, b = index[later], index[earlier]
    assert a.type is FieldType.DATE and b.type is FieldType.DATE

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        x, y = values.get(later), values.get(earlier)
        if x is None or y is None:
            return []
        if x < y or (strict and x == y):
            word_zh, word_en = ("晚于", "after") if strict else ("不早于", "on or after")
            return [FieldError.of(a, Reason(f"应{word_zh}{b.zh}（{y.isoformat()}）",
                                            f"must be {word_en} {b.en} ({y.isoformat()})"))]
        return []

    return rule


def not_more_than(fields: tuple[Field, ...], part: str, whole: str) -> Rule:
    """A part (e.g. output sold under the mark) cannot exceed its whole."""
    index = _by_key(fields)
    a, b = index[part], index[whole]

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        x, y = values.get(part), values.get(whole)
        if x is not None and y is not None and x > y:
            return [FieldError.of(a, Reason(f"不能大于{b.zh}（{b.display(y)}）",
                                            f"cannot exceed {b.en} ({b.display(y)})"))]
        return []

    return rule


def required_when(fields: tuple[Field, ...], key: str, when: Callable[[dict[str, Any]], bool],
                  why_zh: str, why_en: str) -> Rule:
    """``key`` becomes required when ``when(values)`` holds; the reason says why."""
    f = _by_key(fields)[key]

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        if values.get(key) is None and when(values):
            return [FieldError.of(f, Reason(f"{why_zh}时必填", f"required when {why_en}"))]
        return []

    return rule


def year_not_future(fields: tuple[Field, ...], key: str) -> Rule:
    """A year field cannot be after the current year."""
    f = _by_key(fields)[key]

    def rule(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
        y = values.get(key)
        if y is not None and y > ctx.today.year:
            return [FieldError.of(f, Reason(f"不能晚于今年（{ctx.today.year}）",
                                            f"cannot be after this year ({ctx.today.year})"))]
        return []

    return rule
