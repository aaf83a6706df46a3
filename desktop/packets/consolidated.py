"""One level up: a city's packet to its province, the consolidated view.

A city sends its province the same kind of packet a county sends its city (``county``: a full
snapshot, signed, numbered, passing the same gate), with one difference in its content: besides
every record the city owns (its reviews, tasks, targets, units, its own statistics row if it
keeps one), the statistics register carries the statistics rows of its units, which the city
holds merged from its counties' packets (tombstones too, so a row a county deleted is deleted
one level up). No other record of a county travels up: the province's table is the sum of the
cities' units' statistics rows, and one writer per record stays true (the province never
edits them; a later city packet brings their later revisions).

At the province the rows' policy (:func:`widen_for_sender`) takes, from a sender at city
level, its own records plus statistics rows owned by its units: the offices under the city in
the division list (their codes start with the city's four digits; a city can only have merged
packets of those). A row of any other office (a county of another city, or a county's record
of another register) is refused, naming the office: the whole packet is then refused.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from typing import Any

from db import records
from desktop import divisions
from desktop.fields import Kind
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets import format as fmt
from desktop.packets.policy import RowPolicy

__all__ = ["UNIT_KINDS", "is_city", "unit_offices", "packet_records", "packet_counts", "widen_for_sender",
           "foreign_row"]

log = logging.getLogger(__name__)

UNIT_KINDS = ("stats",)
"""The registers whose units' records a city's packet carries up."""


def is_city(code: str) -> bool:
    """Whether ``code`` is a city in the division list."""
    division = divisions.lookup(code)
    return division is not None and division.level == "city"


def unit_offices(city_code: str) -> tuple[str, ...]:
    """The offices under a city (division list, code order): those whose packets it can merge."""
    return tuple(d.code for d in divisions.children(city_code))


def _all_of(ledger: Ledger, kind: Kind) -> Callable[[], Iterable[Any]]:
    def stream() -> Iterable[Any]:
        yield from records.find(ledger.db, kind.table, include_deleted=True)
    return stream


def packet_records(ledger: Ledger) -> dict[str, Callable[[], Iterable[Any]]]:
    """For each register, a function streaming what this office's packet carries: its own
    records, and at a city also every statistics row it holds (its units', merged)."""
    from desktop.packets.export import office_records

    out = office_records(ledger, ledger.office.code)
    if ledger.mode == "city":
        for kind in fmt.packet_kinds():
            if kind.key in UNIT_KINDS:
                out[kind.key] = _all_of(ledger, kind)
    return out


def packet_counts(ledger: Ledger) -> dict[str, int]:
    """For each register, how many records :func:`packet_records` streams (the progress total)."""
    from desktop.packets.export import office_counts

    out = office_counts(ledger, ledger.office.code)
    if ledger.mode == "city":
        for kind in fmt.packet_kinds():
            if kind.key in UNIT_KINDS:
                out[kind.key] = records.count(ledger.db, kind.table, include_deleted=True)
    return out


def units_in_packet(ledger: Ledger) -> int:
    """How many statistics rows of other offices (the units') a city's packet carries."""
    if ledger.mode != "city":
        return 0
    return sum(records.count(ledger.db, k.table, include_deleted=True)
               - records.count(ledger.db, k.table, include_deleted=True, office_code=ledger.office.code)
               for k in fmt.packet_kinds() if k.key in UNIT_KINDS)


def foreign_row(city_code: str) -> Callable[[str, Kind], Text]:
    """The refusal of a row in ``city_code``'s packet owned by an office it may not carry."""
    city = divisions.lookup(city_code)
    city_name = f"{city.name}（{city_code}）" if city else city_code
    units = set(unit_offices(city_code))

    def why(office: str, kind: Kind) -> Text:
        division = divisions.lookup(office)
        name = f"{division.name}（{office}）" if division else office
        if office in units:
            return Text(f"记录属于下级单位 {name}：市局数据包只带下级单位的统计表，不带其{kind.zh}",
                        f"the record belongs to {office}, a unit of {city_code}: a city's packet carries "
                        f"its units' statistics rows only, not their {kind.en} records")
        parent = divisions.lookup(division.parent_code) if division and division.parent_code else None
        under = f"（属 {parent.name}）" if parent else ""
        under_en = f" (under {parent.code} {parent.name})" if parent else ""
        return Text(f"记录属于 {name}{under}，不是 {city_name} 的下级单位：市局数据包只能报送本市及所辖单位的记录",
                    f"the record belongs to {office}{under_en}, which is not a unit of {city_code}: "
                    "a city's packet carries only its own records and its units' statistics rows")
    return why


def widen_for_sender(policy: RowPolicy) -> RowPolicy:
    """The rows' policy of an upward packet, widened for a sender at city level: its units'
    statistics rows are taken too, any other office's rows refused by name. A county's packet
    keeps the policy as it is."""
    sender = policy.office
    if not is_city(sender):
        return policy
    return dataclasses.replace(policy, also=(*policy.also, *unit_offices(sender)), also_kinds=UNIT_KINDS,
                               foreign=foreign_row(sender))
