"""The statistics row (统计表): setting it, and deriving its GI columns from the registers.

The GI columns of a statistics row can be counted from the registers; :func:`disagreements`
says where a typed row and the registers differ, so ``check`` can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import mark_user

__all__ = ["DerivedCounts", "derive", "set_row", "latest_row", "disagreements"]


@dataclass(frozen=True)
class DerivedCounts:
    """The GI columns as the registers of one office say they are."""

    gi_trademarks: int
    gi_products: int
    gi_products_using_mark: int


def derive(ledger: Ledger, office_code: str | None = None) -> DerivedCounts:
    """Count live protected GIs of the office by type, and protected products with an
    approved mark user."""
    office = office_code or ledger.office.code
    gis = [g for g in ledger.list("gi") if g.office_code == office]
    trademarks = sum(1 for g in gis if g.get("gi_type") in ("collective_mark", "certification_mark"))
    products = [g for g in gis if g.get("gi_type") == "protected_product"]
    using = sum(1 for g in products
                if any(ledger.count("mark-user", {"gi_id": g.id, "status": s}) for s in mark_user.AUTHORISED))
    return DerivedCounts(trademarks, len(products), using)


def latest_row(ledger: Ledger, office_code: str | None = None) -> Record | None:
    """The live statistics row with the latest as-of date, or None."""
    office = office_code or ledger.office.code
    rows = [r for r in ledger.list("stats") if r.office_code == office]
    return max(rows, key=lambda r: r.values["as_of"]) if rows else None


def set_row(ledger: Ledger, values: dict[str, Any]) -> Record:
    """Add the office's statistics row for ``as_of``, or change the existing one (one per date)."""
    as_of = ledger.list("stats", {"as_of": values["as_of"]})
    mine = [r for r in as_of if r.office_code == ledger.office.code]
    if mine:
        return ledger.edit("stats", mine[0].id, values, expected_revision=mine[0].revision)
    return ledger.add("stats", values)


def disagreements(row: Record, derived: DerivedCounts) -> list[tuple[str, int, int]]:
    """``(field key, typed value, counted value)`` for each GI column that differs."""
    out = []
    for key in ("gi_trademarks", "gi_products", "gi_products_using_mark"):
        typed, counted = row.values.get(key), getattr(derived, key)
        if typed is not None and typed != counted:
            out.append((key, typed, counted))
    return out


def as_of_default(today: date) -> date:
    """The usual as-of date: the end of last year (统计截止到上年底)."""
    return date(today.year - 1, 12, 31)
