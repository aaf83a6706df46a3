"""What the city's window calls each unit, and in which order it lists them.

A record's unit is its owning office (``office_code``). The name shown is the unit's name in
the city's own list (:func:`desktop.city.units.unit_names`), else the office's name in the
offices table (a county that sent a packet but is not on the list), else the bare code. The
order is the list's order, then any other office by code.

Read once per table or dashboard (two small queries); looking a code up is a dict lookup, so
a page of rows costs nothing more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from db import meta
from desktop.city.units import current_units
from desktop.ledger import Ledger

__all__ = ["UnitLabels", "unit_labels", "UNIT_KEY"]

log = logging.getLogger(__name__)

UNIT_KEY = "office_code"
"""The common column that says which unit a record belongs to."""


@dataclass(frozen=True)
class UnitLabels:
    """The units in the city's order and the name of every office this file knows."""

    order: tuple[str, ...]
    """The unit list's codes, in the list's order."""
    names: dict[str, str]
    """Code → name: the unit list's names, then the offices table's."""

    def label(self, code: str | None) -> str:
        """The name shown for ``code`` (the code itself when nothing names it)."""
        if code is None:
            return ""
        return self.names.get(code, code)

    def ordered(self, codes: set[str] | frozenset[str] | None = None) -> list[str]:
        """The list's codes in order, then ``codes`` not on the list, by code."""
        extra = sorted((codes or set()) - set(self.order))
        return [*self.order, *extra]

    def matching(self, text: str) -> tuple[str, ...]:
        """Codes whose name (or code) contains ``text`` (case-insensitive): for search."""
        folded = text.casefold()
        return tuple(code for code, name in self.names.items()
                     if folded in name.casefold() or folded in code)


def unit_labels(ledger: Ledger) -> UnitLabels:
    """The labels of ``ledger``'s units (its list, or the defaults) and known offices."""
    units = current_units(ledger)
    names = {o.code: o.name for o in meta.list_offices(ledger.db) if not o.is_self}
    names.update({u.code: u.name for u in units})
    return UnitLabels(tuple(u.code for u in units), names)
