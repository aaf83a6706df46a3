"""The city's reporting units (报送单位): which units the city table lists, in which order and
under which name.

The list is the city's own (register ``unit``, audited like every record). Until the clerk
first changes it, the defaults stand: for 石家庄 (130100) the 22 units of the attachment of
石市监函〔2024〕15号 in its order; for any other city its county-level units and statistics
units from the bundled division list, in code order; for a province its cities. The first
change stores the defaults, then applies the change, in one transaction, so what the table
showed before the change is what the audit shows was stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from db.connection import transaction
from desktop import divisions
from desktop.ledger import Ledger
from desktop.validation import Reason

__all__ = ["Unit", "UnitError", "SHIJIAZHUANG", "default_units", "current_units", "unit_names",
           "stored", "add_unit", "remove_unit", "move_unit", "rename_unit"]

log = logging.getLogger(__name__)

SHIJIAZHUANG: tuple[tuple[str, str], ...] = (
    ("130102", "长安区"), ("130104", "桥西区"), ("130108", "裕华区"), ("130105", "新华区"),
    ("130171", "高新区"), ("130109", "藁城区"), ("130111", "栾城区"), ("130110", "鹿泉区"),
    ("130107", "井陉矿区"), ("130123", "正定县"), ("130131", "平山县"), ("130121", "井陉县"),
    ("130126", "灵寿县"), ("130133", "赵县"), ("130125", "行唐县"), ("130130", "无极县"),
    ("130132", "元氏县"), ("130127", "高邑县"), ("130129", "赞皇县"), ("130128", "深泽县"),
    ("130183", "晋州市"), ("130184", "新乐市"),
)
"""The 22 units of 石家庄's city table, in the attachment's order, with its names."""


@dataclass(frozen=True)
class Unit:
    """One unit of the city table."""

    code: str
    name: str
    position: int
    record_id: str | None = None
    """The ``unit`` record; None while the defaults stand."""


class UnitError(ValueError):
    """A change to the unit list that cannot be made (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


def default_units(office_code: str) -> list[Unit]:
    """The units a city (or province) starts with."""
    if office_code == "130100":
        pairs = list(SHIJIAZHUANG)
    else:
        pairs = [(d.code, d.name) for d in divisions.children(office_code)]
    return [Unit(code, name, n) for n, (code, name) in enumerate(pairs, start=1)]


def stored(ledger: Ledger) -> bool:
    """Whether the office has stored its own list (a tombstone counts: it was changed)."""
    return ledger.count("unit", office_code=ledger.office.code, include_deleted=True) > 0


def current_units(ledger: Ledger) -> list[Unit]:
    """The office's units in table order: its stored list, or the defaults."""
    me = ledger.office.code
    if not stored(ledger):
        return default_units(me)
    recs = list(ledger.list("unit", office_code=me))
    units = [Unit(r.values["code"], r.values["name"], r.values["position"], r.id) for r in recs]
    return sorted(units, key=lambda u: (u.position, u.code))


def unit_names(ledger: Ledger) -> dict[str, str]:
    """Unit code → the name the city shows (every unit of the list)."""
    return {u.code: u.name for u in current_units(ledger)}


def _materialise(ledger: Ledger) -> list[Unit]:
    """Store the defaults (inside the caller's transaction) when nothing is stored yet."""
    if stored(ledger):
        return current_units(ledger)
    out = []
    for u in default_units(ledger.office.code):
        rec = ledger.add("unit", {"code": u.code, "name": u.name, "position": u.position})
        out.append(Unit(u.code, u.name, u.position, rec.id))
    log.info("stored the default unit list of %s (%d units)", ledger.office.code, len(out))
    return out


def _find(units: list[Unit], code: str) -> Unit:
    for u in units:
        if u.code == code:
            return u
    raise UnitError(Reason(f"单位列表中没有 {code}", f"{code} is not in the unit list"))


def _renumber(ledger: Ledger, units: list[Unit]) -> None:
    """Give ``units`` the positions 1, 2, ... in their order (editing only those that move)."""
    for n, u in enumerate(units, start=1):
        if u.position != n and u.record_id is not None:
            ledger.edit("unit", u.record_id, {"position": n})


def add_unit(ledger: Ledger, code: str, name: str | None = None, position: int | None = None) -> Unit:
    """Add a unit (default name: its division name; default place: last)."""
    division = divisions.lookup(code)
    if name is None:
        if division is None:
            raise UnitError(Reason(f"{code} 不在区划代码表中，请写明单位名称",
                                   f"{code} is not in the division list; give the unit's name"))
        name = division.name
    with transaction(ledger.db):
        units = _materialise(ledger)
        if any(u.code == code for u in units):
            raise UnitError(Reason(f"单位 {code} 已在列表中", f"unit {code} is in the list already"))
        place = len(units) + 1 if position is None else max(1, min(position, len(units) + 1))
        rec = ledger.add("unit", {"code": code, "name": name, "position": len(units) + 1})
        added = Unit(code, name, len(units) + 1, rec.id)
        order = [*units[:place - 1], added, *units[place - 1:]]
        _renumber(ledger, order)
    return _find(current_units(ledger), code)


def remove_unit(ledger: Ledger, code: str) -> None:
    """Take a unit off the list (its records stay; the table no longer lists it)."""
    with transaction(ledger.db):
        units = _materialise(ledger)
        gone = _find(units, code)
        assert gone.record_id is not None
        ledger.delete("unit", gone.record_id)
        _renumber(ledger, [u for u in units if u.code != code])


def move_unit(ledger: Ledger, code: str, position: int) -> None:
    """Put a unit at ``position`` (1 = first), the others keeping their order."""
    with transaction(ledger.db):
        units = _materialise(ledger)
        moving = _find(units, code)
        rest = [u for u in units if u.code != code]
        place = max(1, min(position, len(units)))
        _renumber(ledger, [*rest[:place - 1], moving, *rest[place - 1:]])


def rename_unit(ledger: Ledger, code: str, name: str) -> None:
    """Change the name the table shows for a unit."""
    with transaction(ledger.db):
        u = _find(_materialise(ledger), code)
        assert u.record_id is not None
        if u.name != name:
            ledger.edit("unit", u.record_id, {"name": name})
