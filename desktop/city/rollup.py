"""The province's table: one row per city, the sum of that city's units' statistics rows.

At a province the units are its cities (:func:`desktop.city.units.current_units`), but the
statistics rows it holds are its counties', brought up in the cities' packets (the
consolidated view, :mod:`desktop.packets.consolidated`). So a city's row is the sum, column by
column, of the latest statistics row (``as_of`` on or before the date) of each unit in **that
city's own unit list** — the list the city keeps and sends up as its ``unit`` records, or, while
it keeps none, its defaults — so the province's row for a city is the city's own 全市 row.
Units without such a row are named (``missing``) and left out of the sum, never counted as
zero; a city none of whose units reported is blank, with 未报送. Each row also says where its
figures come from: the statistics rows summed and the city's packet that brought them
(sequence, export date, content hash, key fingerprint).

Qt-free and one query per table (the latest rows of every county at once); the city table's
module renders the rows (same columns as a city's unit rows).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from db import packets
from db.city import StatsRow, latest_stats
from desktop.city.units import Unit, current_units, default_units
from desktop.ledger import Ledger
from desktop.packets.peek import read_meta
from desktop.validation import Reason

__all__ = ["FIGURES", "PacketSource", "RollupRow", "RollupError", "city_units", "packet_source", "rollup",
           "total"]

log = logging.getLogger(__name__)

FIGURES = ("registered_trademarks", "well_known_marks", "gi_trademarks", "gi_products",
           "gi_products_using_mark")
"""The summed columns, in the table's order."""

NOT_REPORTED = "未报送"


class RollupError(ValueError):
    """The rollup cannot be made here (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


@dataclass(frozen=True)
class PacketSource:
    """The city packet a city's figures came in: the last one merged from it."""

    office: str
    sequence: int | None
    exported_at: str | None
    """When the city exported it (its machine part's ``created_at``, UTC), if the archived file
    is still there to read."""
    received_at: str | None
    content_hash: str | None
    fingerprint: str | None
    file: str | None
    """The archived file (``packets/received/<sha256>.xlsx``)."""


@dataclass(frozen=True)
class RollupRow:
    """One city of the province's table."""

    code: str
    name: str
    registered_trademarks: int | None
    well_known_marks: int | None
    gi_trademarks: int | None
    gi_products: int | None
    gi_products_using_mark: int | None
    note: str
    missing: tuple[str, ...]
    """The codes of the city's units without a statistics row on or before the date."""
    missing_names: tuple[str, ...] = ()
    counted: tuple[StatsRow, ...] = ()
    """The statistics rows summed (one per unit that reported), in the city's unit order."""
    units: tuple[Unit, ...] = ()
    """The city's unit list used."""
    source: PacketSource | None = None
    """None: no packet of the city was merged here."""
    figures: dict[str, int | None] = field(default_factory=dict)
    """The summed columns by name (:data:`FIGURES`)."""


def city_units(ledger: Ledger, city_code: str) -> list[Unit]:
    """The unit list of ``city_code`` as held here: the ``unit`` records it sent up (a
    tombstone counts: it changed its list), else its defaults."""
    if ledger.count("unit", office_code=city_code, include_deleted=True) == 0:
        return default_units(city_code)
    units = [Unit(r.values["code"], r.values["name"], r.values["position"], r.id)
             for r in ledger.list("unit", office_code=city_code)]
    return sorted(units, key=lambda u: (u.position, u.code))


def packet_source(ledger: Ledger, office: str) -> PacketSource | None:
    """The last packet of ``office`` merged here, or None."""
    pinned = packets.pinned(ledger.db, office)
    if pinned is None or not pinned.last_sequence:
        return None
    entry = next((e for e in packets.packet_log(ledger.db, office)
                  if e.direction == "received" and e.status == "merged" and e.sequence == pinned.last_sequence
                  and e.content_hash == pinned.last_content_hash), None)
    exported_at = None
    archive = entry.archive_path if entry is not None else None
    if archive:
        try:
            exported_at = str(read_meta(archive).get("created_at") or "") or None
        except Exception:  # a moved or damaged archive copy: the date is unknown (logged)
            log.warning("cannot read the archived packet %s", archive, exc_info=True)
    return PacketSource(office, pinned.last_sequence, exported_at, pinned.last_received_at,
                        pinned.last_content_hash, pinned.key_fingerprint, archive)


def _as_text(as_of: date | str) -> str:
    return as_of.isoformat() if isinstance(as_of, date) else str(as_of)


def _row(unit: Unit, units: list[Unit], latest: dict[str, StatsRow], source: PacketSource | None) -> RollupRow:
    counted = tuple(latest[u.code] for u in units if u.code in latest)
    missing = tuple(u for u in units if u.code not in latest)
    figures: dict[str, int | None] = {
        key: (sum(int(getattr(s, key) or 0) for s in counted) if counted else None) for key in FIGURES}
    if source is None or not counted:
        note = NOT_REPORTED
    elif missing:
        note = f"{len(missing)}个单位未报送：" + "、".join(u.name for u in missing)
    else:
        note = ""
    return RollupRow(unit.code, unit.name, registered_trademarks=figures["registered_trademarks"],
                     well_known_marks=figures["well_known_marks"], gi_trademarks=figures["gi_trademarks"],
                     gi_products=figures["gi_products"], gi_products_using_mark=figures["gi_products_using_mark"],
                     note=note,
                     missing=tuple(u.code for u in missing), missing_names=tuple(u.name for u in missing),
                     counted=counted, units=tuple(units), source=source, figures=figures)


def rollup(ledger: Ledger, as_of: date | str) -> list[RollupRow]:
    """For each city of the province (its unit list, in order): the sum of the latest
    statistics rows on or before ``as_of`` of that city's units, which are missing, and the
    city packet the figures came in."""
    if ledger.mode != "province":
        raise RollupError(Reason("汇总各市数据只在省级数据库中进行",
                                 "the cities' rollup is made in a province's database"))
    day = _as_text(as_of)
    cities = current_units(ledger)
    lists = {c.code: city_units(ledger, c.code) for c in cities}
    offices = sorted({u.code for units in lists.values() for u in units})
    latest = latest_stats(ledger.db, day, offices) if offices else {}
    return [_row(c, lists[c.code], latest, packet_source(ledger, c.code)) for c in cities]


def total(rows: Sequence[RollupRow]) -> dict[str, int | None]:
    """The province's total per column (``小计 / 全省``): the sum over the cities with figures;
    None for a column no city has."""
    out: dict[str, int | None] = {}
    for key in FIGURES:
        values = [r.figures[key] for r in rows if r.figures.get(key) is not None]
        out[key] = sum(v for v in values if v is not None) if values else None
    return out
