"""The city table (统计表): one row per reporting unit, as the city signs and sends it upward.

For a city (or a province, whose units are its cities) and a date: each unit of
:func:`desktop.city.units.current_units`, in the city's order, with its latest statistics row
dated on or before that date from the packets merged so far. A unit without one is left
blank, marked ``未报送`` and never counted as zero. The GI columns are also counted from the
unit's registers (GI trademarks = collective and certification marks, products = protected
products, with an approved mark user for the last column; approved on or before the date);
where the typed figure and the count differ, the table keeps the typed figure and its 备注
says so (``地理标志商标填报3，台账2``). The last row, ``小计``/``全市``, sums the units that
reported. :mod:`desktop.city.table_xlsx` and :mod:`desktop.city.table_pdf` write it out.

Example::

    table = compute(ledger, date(2023, 12, 31))
    [r.name for r in table.missing]          # the units that have not reported
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from db import city as city_queries
from desktop.city.rollup import RollupRow, rollup
from desktop.city.sources import Source, packets_by_office, source_of
from desktop.city.units import current_units
from desktop.ledger import Ledger
from desktop.registers import REGISTRY, mark_user

__all__ = ["COLUMNS", "GI_COLUMNS", "COLUMN_LABELS", "TRADEMARK_TYPES", "PRODUCT_TYPE", "USER_APPROVED",
           "MISSING_NOTE", "TableRow", "CityTable", "Behind", "compute", "cut_off_words", "title_for",
           "records_behind", "write", "OUTPUT_SUFFIXES"]

log = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = ("registered_trademarks", "well_known_marks", "gi_trademarks", "gi_products",
                            "gi_products_using_mark")
"""The figures of a row, in the table's order (the statistics register's keys)."""
GI_COLUMNS: tuple[str, ...] = COLUMNS[2:]
"""The figures that are also counted from the registers."""
COLUMN_LABELS: dict[str, str] = {
    "registered_trademarks": "有效注册商标", "well_known_marks": "驰名商标", "gi_trademarks": "地理标志商标",
    "gi_products": "地理标志保护产品数量", "gi_products_using_mark": "已使用专用标志产品数量",
}
"""How 备注 names a column."""
TRADEMARK_TYPES: tuple[str, ...] = ("collective_mark", "certification_mark")
PRODUCT_TYPE = "protected_product"
USER_APPROVED = mark_user.AUTHORISED  # 已核准 and 列入异常名录: both keep the authorisation
MISSING_NOTE = "未报送"
OUTPUT_SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True)
class TableRow:
    """One unit's row."""

    position: int
    code: str
    name: str
    figures: Mapping[str, int | None]
    """The typed figures (None for every column of a unit that has not reported)."""
    counted: Mapping[str, int]
    """The GI columns as the unit's registers have them."""
    note: str
    missing: bool
    disagreements: tuple[tuple[str, int, int], ...] = ()
    """``(column, typed, counted)`` for each GI column where they differ."""
    source: Source | None = None
    offices: tuple[str, ...] = ()
    """The offices whose records count for the unit (the unit itself; at a province, the
    city and its counties)."""

    def to_json(self) -> dict[str, Any]:
        return {"position": self.position, "code": self.code, "name": self.name,
                "figures": dict(self.figures), "counted": dict(self.counted), "note": self.note,
                "missing": self.missing,
                "disagreements": [{"column": k, "typed": t, "counted": c} for k, t, c in self.disagreements]}


@dataclass(frozen=True)
class CityTable:
    """The table of one office as of one date."""

    office_code: str
    office_name: str
    level: str
    as_of: date
    rows: tuple[TableRow, ...]
    total: Mapping[str, int]
    total_note: str = ""
    computed_in: float = field(default=0.0, compare=False)

    @property
    def unit_header(self) -> str:
        """The header of the units' column: ``各县（市、区）``, or ``各市`` at a province."""
        return "各市" if self.level == "province" else "各县（市、区）"

    @property
    def total_name(self) -> str:
        return "全省" if self.level == "province" else "全市"

    @property
    def title(self) -> str:
        return title_for(self.level, self.as_of)

    @property
    def missing(self) -> list[TableRow]:
        return [r for r in self.rows if r.missing]

    @property
    def disagreeing(self) -> list[TableRow]:
        return [r for r in self.rows if r.disagreements]

    def row(self, code: str) -> TableRow:
        for r in self.rows:
            if r.code == code:
                return r
        raise KeyError(code)

    def to_json(self) -> dict[str, Any]:
        return {
            "office": self.office_code, "office_name": self.office_name, "level": self.level,
            "as_of": self.as_of.isoformat(), "title": self.title, "unit_header": self.unit_header,
            "columns": list(COLUMNS), "rows": [r.to_json() for r in self.rows],
            "total": {"label": "小计", "name": self.total_name, "figures": dict(self.total),
                      "note": self.total_note},
            "missing": [{"code": r.code, "name": r.name} for r in self.missing],
            "sources": [{"code": r.code, "name": r.name, **r.source.to_json()} for r in self.rows
                        if r.source is not None],
        }


def cut_off_words(as_of: date) -> str:
    """``截止到2023年底`` for the last day of a year, else ``截止到2024年6月30日``."""
    if (as_of.month, as_of.day) == (12, 31):
        return f"截止到{as_of.year}年底"
    return f"截止到{as_of.year}年{as_of.month}月{as_of.day}日"


def title_for(level: str, as_of: date) -> str:
    """The table's title with its cut-off in words."""
    units = "各市" if level == "province" else "各县（市、区）"
    return f"{units}注册商标、驰名商标、地理标志商标、地理标志保护产品及专用标志使用统计表（{cut_off_words(as_of)}）"


def _unit_offices(level: str, unit_codes: Sequence[str], seen: set[str]) -> dict[str, tuple[str, ...]]:
    """The offices counted for each unit: itself; at a province also the offices of its city
    (same first four digits: its counties and statistics units such as 130171)."""
    if level != "province":
        return {code: (code,) for code in unit_codes}
    out: dict[str, tuple[str, ...]] = {}
    for code in unit_codes:
        out[code] = (code, *sorted(o for o in seen if o != code and o[:4] == code[:4]))
    return out


def _note(row: city_queries.StatsRow, diffs: Sequence[tuple[str, int, int]]) -> str:
    parts = [row.note] if row.note else []
    parts += [f"{COLUMN_LABELS[k]}填报{typed}，台账{counted}" for k, typed, counted in diffs]
    return "；".join(parts)


def _province_row(n: int, code: str, name: str, city: RollupRow, counted: Mapping[str, int],
                  offices: tuple[str, ...]) -> TableRow:
    """A city's row at a province: the roll-up of its units' rows, compared with the GI columns
    counted from the records the city's packet brought (its counties')."""
    if not city.counted or city.source is None:
        return TableRow(n, code, name, dict.fromkeys(COLUMNS), counted, MISSING_NOTE, True, offices=offices)
    figures = {k: city.figures.get(k) for k in COLUMNS}
    diffs = tuple((k, int(typed), counted[k]) for k in GI_COLUMNS
                  if (typed := figures[k]) is not None and typed != counted[k])
    parts = [city.note] if city.note else []
    parts += [f"{COLUMN_LABELS[k]}填报{typed}，台账{c}" for k, typed, c in diffs]
    latest = max(city.counted, key=lambda r: (r.as_of, r.updated_at))
    packet = city.source
    source = Source("、".join(r.id for r in city.counted), latest.as_of, latest.revision, latest.updated_at,
                    packet.sequence, packet.exported_at or packet.received_at, packet.received_at,
                    packet.content_hash, packet.fingerprint)
    return TableRow(n, code, name, figures, counted, "；".join(parts), False, diffs, source, offices)


def compute(ledger: Ledger, as_of: date) -> CityTable:
    """The city table of ``ledger``'s office as of ``as_of`` (see the module docstring)."""
    started = time.perf_counter()
    db = ledger.db
    day = as_of.isoformat()
    units = current_units(ledger)
    codes = [u.code for u in units]
    gi_counts = city_queries.gi_counts_by_office(db, approved_by=day)
    using = city_queries.products_using_mark_by_office(db, PRODUCT_TYPE, USER_APPROVED, approved_by=day)
    offices_of = _unit_offices(ledger.office.level, codes, set(gi_counts) | set(using))
    stats = city_queries.latest_stats(db, day, codes)
    # At a province the statistics rows are the counties', brought up in their cities' packets:
    # a city's row is the sum of its own units' latest rows (desktop.city.rollup).
    province = {r.code: r for r in rollup(ledger, as_of)} if ledger.mode == "province" else None
    merged = packets_by_office(ledger, codes)
    rows: list[TableRow] = []
    total = dict.fromkeys(COLUMNS, 0)
    for n, u in enumerate(units, start=1):
        offices = offices_of[u.code]
        counted = {
            "gi_trademarks": sum(gi_counts.get(o, {}).get(t, 0) for o in offices for t in TRADEMARK_TYPES),
            "gi_products": sum(gi_counts.get(o, {}).get(PRODUCT_TYPE, 0) for o in offices),
            "gi_products_using_mark": sum(using.get(o, 0) for o in offices),
        }
        if province is not None:
            rows.append(_province_row(n, u.code, u.name, province[u.code], counted, offices))
            for k in COLUMNS:
                total[k] += rows[-1].figures[k] or 0
            continue
        stats_row = stats.get(u.code)
        if stats_row is None:
            rows.append(TableRow(n, u.code, u.name, dict.fromkeys(COLUMNS), counted, MISSING_NOTE, True,
                                 offices=offices))
            continue
        figures: dict[str, int | None] = {k: getattr(stats_row, k) for k in COLUMNS}
        diffs = tuple((k, int(typed), counted[k]) for k in GI_COLUMNS
                      if (typed := figures[k]) is not None and typed != counted[k])
        for k in COLUMNS:
            total[k] += figures[k] or 0
        rows.append(TableRow(n, u.code, u.name, figures, counted, _note(stats_row, diffs), False, diffs,
                             source_of(ledger, stats_row, merged.get(u.code, [])), offices))
    missing = [r for r in rows if r.missing]
    total_note = f"{len(missing)}个单位未报送，未计入小计" if missing else ""
    elapsed = time.perf_counter() - started
    log.info("city table of %s as of %s: %d units, %d missing, %.3f s", ledger.office.code, day,
             len(rows), len(missing), elapsed)
    return CityTable(ledger.office.code, ledger.office.name, ledger.office.level, as_of, tuple(rows), total,
                     total_note, elapsed)


# ---- the records behind a cell -------------------------------------------------------------

@dataclass(frozen=True)
class Behind:
    """A record behind a cell: its register (``REGISTRY`` key), id and what to show."""

    kind: str
    id: str
    title: str
    detail: str = ""
    """The GI's type, or the GI a mark user uses (empty for a statistics row)."""
    as_of: str = ""
    """A statistics row's as-of date."""
    revision: int = 0
    """A statistics row's revision."""


_KIND_OF_TABLE = {k.table: key for key, k in REGISTRY.items()}


def records_behind(ledger: Ledger, table: CityTable, code: str | None, column: str | None) -> list[Behind]:
    """The records behind a cell: the unit's statistics row, and for a GI column the records it
    is counted from (the protected GIs, or the approved mark users of its protected products).
    ``code`` None is the total row (every unit's); ``column`` None is the unit's name or 备注."""
    rows = [table.row(code)] if code is not None else list(table.rows)
    out: list[Behind] = []
    for r in rows:
        if r.source is not None:
            out.append(Behind("stats", r.source.stats_id, r.name, as_of=r.source.as_of,
                              revision=r.source.revision))
    if column not in GI_COLUMNS:
        return out
    offices = [o for r in rows for o in r.offices]
    day = table.as_of.isoformat()
    if column == "gi_products_using_mark":
        found = city_queries.mark_users_of_offices(ledger.db, offices, PRODUCT_TYPE, USER_APPROVED, day)
    else:
        types = TRADEMARK_TYPES if column == "gi_trademarks" else (PRODUCT_TYPE,)
        found = city_queries.gis_of_offices(ledger.db, offices, types, day)
    gi_types = REGISTRY["gi"].field("gi_type")
    for b in found:
        kind = _KIND_OF_TABLE[b.kind_table]
        detail = gi_types.display(b.detail) if kind == "gi" else b.detail
        out.append(Behind(kind, b.id, b.title, detail))
    return out


def write(table: CityTable, out: Path, font_setting: str | None = None) -> Path:
    """Write ``table`` as ``.xlsx`` or PDF, by ``out``'s suffix (``font_setting``: the print
    font chosen in 设置, for the PDF). ``ValueError`` for another suffix; ``OSError`` when the
    file cannot be written (no half file is left)."""
    suffix = Path(out).suffix.lower()
    if suffix == ".pdf":
        from desktop.city.table_pdf import write_pdf

        return write_pdf(table, Path(out), font_setting)
    if suffix == ".xlsx":
        from desktop.city.table_xlsx import write_xlsx

        return write_xlsx(table, Path(out))
    raise ValueError(f"统计表只能导出为 .xlsx 或 .pdf：{out}\nthe city table is written as .xlsx or .pdf: {out}")
