"""Plausibility warnings of an annual report: the marks' stock carried over from last year.

- 使用数量 ≤ 印制数量 + the previous year's 结存 (marks cannot be used that were never printed);
- 结存 = previous 结存 + 印制 − 使用 (the stock adds up).

Both need the user's report of the previous year (:attr:`desktop.fields.RuleContext.find`);
without one (a first year, or a year not filed) nothing is said, since the stock carried over is
unknown. An empty 印制数量 counts as 0 printed. They are :attr:`desktop.fields.Kind.warnings`:
shown with the figures, never a reason to refuse the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.fields import FieldError, Rule, RuleContext
from desktop.validation import Reason

__all__ = ["stock_warnings", "WARNINGS"]

_KIND = "annual-report"


def _previous_stock(values: Mapping[str, Any], ctx: RuleContext) -> int | None:
    user, year = values.get("mark_user_id"), values.get("year")
    if not user or not isinstance(year, int):
        return None
    prev = ctx.find(_KIND, {"mark_user_id": user, "year": year - 1})
    if prev is None:
        return None
    stock = prev.get("marks_in_stock")
    return stock if isinstance(stock, int) else None


def stock_warnings(values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
    """The warnings of one report (see the module docstring)."""
    used, stock = values.get("marks_used"), values.get("marks_in_stock")
    if used is None and stock is None:
        return []
    previous = _previous_stock(values, ctx)
    if previous is None:
        return []
    printed = values.get("marks_printed") or 0
    out: list[FieldError] = []
    if used is not None and used > printed + previous:
        out.append(FieldError("marks_used", "标志使用数量（枚）", "marks used", Reason(
            f"使用数量 {used} 超过印制数量 {printed} 与上年结存 {previous} 之和 {printed + previous}",
            f"{used} marks used exceeds the {printed} printed plus last year's stock of {previous} "
            f"({printed + previous})")))
    if used is not None and stock is not None:
        expected = previous + printed - used
        if stock != expected:
            out.append(FieldError("marks_in_stock", "标志结存数量（枚）", "marks in stock", Reason(
                f"结存应为 {expected}（上年结存 {previous} + 印制 {printed} − 使用 {used}），填报为 {stock}",
                f"the stock should be {expected} (last year's {previous} + {printed} printed − "
                f"{used} used); {stock} was reported")))
    return out


WARNINGS: tuple[Rule, ...] = (stock_warnings,)
"""The annual report's warning rules (:attr:`desktop.fields.Kind.warnings`)."""
