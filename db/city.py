"""The queries behind the city's work: per-unit figures for the city table, the targets and
the completeness view.

Each query is one aggregate statement grouped by ``office_code`` (never a loop over rows in
Python), so a city holding 22 large counties gets every unit's figures in one pass per table.
Coded values are passed in by the caller (:mod:`desktop.registers` owns them); dates are ISO
8601 text, which orders like the dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db.statuses import status_in

__all__ = ["StatsRow", "latest_stats", "gi_counts_by_office", "products_using_mark_by_office",
           "stats_ids_by_office", "MergedPacket", "merged_packets", "BehindRecord", "gis_of_offices",
           "mark_users_of_offices"]


@dataclass(frozen=True, slots=True)
class StatsRow:
    """A live statistics row as stored (``county_stats``)."""

    id: str
    office_code: str
    as_of: str
    revision: int
    updated_at: str
    registered_trademarks: int | None
    well_known_marks: int | None
    gi_trademarks: int | None
    gi_products: int | None
    gi_products_using_mark: int | None
    note: str | None


_STATS_COLUMNS = ("id, office_code, as_of, revision, updated_at, registered_trademarks, "
                  "well_known_marks, gi_trademarks, gi_products, gi_products_using_mark, note")


def latest_stats(db: sqlite_utils.Database, as_of: str,
                 offices: Sequence[str] | None = None) -> dict[str, StatsRow]:
    """Each office's live statistics row with the latest ``as_of`` on or before ``as_of``
    (offices without one are absent); only ``offices`` when given."""
    params: list[Any] = [as_of]
    only = ""
    if offices is not None:
        only = f" AND office_code IN ({', '.join('?' for _ in offices)})"
        params += list(offices)
    sql = (f"SELECT {_STATS_COLUMNS} FROM county_stats AS s WHERE deleted = 0 AND as_of <= ?{only} "
           "AND as_of = (SELECT max(t.as_of) FROM county_stats AS t WHERE t.office_code = s.office_code "
           "AND t.deleted = 0 AND t.as_of <= ?)")
    out: dict[str, StatsRow] = {}
    for row in db.conn.execute(sql, [*params, as_of]):
        out[row[1]] = StatsRow(*row)
    return out


def stats_ids_by_office(db: sqlite_utils.Database) -> dict[str, list[tuple[str, str]]]:
    """Every live statistics row as ``office → [(as_of, id), ...]``, latest first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for office, as_of, rid in db.conn.execute(
            "SELECT office_code, as_of, id FROM county_stats WHERE deleted = 0 "
            "ORDER BY office_code, as_of DESC"):
        out.setdefault(office, []).append((as_of, rid))
    return out


def gi_counts_by_office(db: sqlite_utils.Database, approved_by: str | None = None) -> dict[str, dict[str, int]]:
    """Live protected GIs counted per office and ``gi_type`` (approved on or before
    ``approved_by`` when given; a GI without an approval date counts)."""
    params: list[Any] = []
    when = ""
    if approved_by is not None:
        when = " AND (approval_date IS NULL OR approval_date <= ?)"
        params.append(approved_by)
    out: dict[str, dict[str, int]] = {}
    for office, gi_type, n in db.conn.execute(
            "SELECT office_code, gi_type, count(*) FROM protected_gis WHERE deleted = 0"
            f"{when} GROUP BY office_code, gi_type", params):
        out.setdefault(office, {})[gi_type] = int(n)
    return out


def _approved_by(alias: str, approved_by: str | None, params: list[Any]) -> str:
    """The SQL condition "approved on or before ``approved_by``" (an undated one counts)."""
    if approved_by is None:
        return ""
    params.append(approved_by)
    return f" AND ({alias}.approval_date IS NULL OR {alias}.approval_date <= ?)"


def products_using_mark_by_office(db: sqlite_utils.Database, product_type: str,
                                  user_approved: str | Sequence[str],
                                  approved_by: str | None = None) -> dict[str, int]:
    """Per office, its live GIs of ``product_type`` that have at least one live approved
    mark user (whichever office keeps the user); with ``approved_by``, the GI and the user
    approved on or before that date (an undated approval counts)."""
    params: list[Any] = [product_type]
    gi_when = _approved_by("g", approved_by, params)
    authorised, codes = status_in("u.status", user_approved)
    params += codes
    user_when = _approved_by("u", approved_by, params)
    out: dict[str, int] = {}
    for office, n in db.conn.execute(
            "SELECT g.office_code, count(*) FROM protected_gis AS g WHERE g.deleted = 0 "
            f"AND g.gi_type = ?{gi_when} AND EXISTS (SELECT 1 FROM mark_users AS u WHERE u.gi_id = g.id "
            f"AND u.deleted = 0 AND {authorised}{user_when}) GROUP BY g.office_code", params):
        out[office] = int(n)
    return out


@dataclass(frozen=True, slots=True)
class MergedPacket:
    """A county (or city) packet merged here, as the packet log has it."""

    office_code: str
    sequence: int
    merged_at: str
    content_hash: str | None
    exported_at: str | None
    """The packet's own export time (``created_at``); None in log rows written before it was kept."""
    fingerprint: str | None
    """The key that signed it; None in log rows written before it was kept."""


def merged_packets(db: sqlite_utils.Database, offices: Sequence[str] | None = None) -> dict[str, list[MergedPacket]]:
    """Every packet received and merged, per sending office, by rising sequence."""
    params: list[Any] = []
    only = ""
    if offices is not None:
        only = f" AND office_code IN ({', '.join('?' for _ in offices)})"
        params += list(offices)
    out: dict[str, list[MergedPacket]] = {}
    for row in db.conn.execute(
            "SELECT office_code, sequence, at, content_hash, json_extract(detail, '$.exported_at'), "
            "json_extract(detail, '$.fingerprint') FROM packet_log WHERE direction = 'received' "
            f"AND status = 'merged' AND sequence IS NOT NULL{only} ORDER BY office_code, sequence, id",
            params):
        out.setdefault(row[0], []).append(MergedPacket(row[0], int(row[1]), *row[2:]))
    return out


@dataclass(frozen=True, slots=True)
class BehindRecord:
    """A record behind a figure of the city table."""

    kind_table: str
    id: str
    office_code: str
    title: str
    detail: str
    """The GI's type, or the name of the GI a mark user uses."""
    approval_date: str | None


def gis_of_offices(db: sqlite_utils.Database, offices: Sequence[str], gi_types: Sequence[str],
                   approved_by: str | None = None) -> list[BehindRecord]:
    """The live protected GIs of ``offices`` of the given types (approved by the date)."""
    params: list[Any] = [*offices, *gi_types]
    when = _approved_by("g", approved_by, params)
    sql = (f"SELECT g.id, g.office_code, g.name, g.gi_type, g.approval_date FROM protected_gis AS g "
           f"WHERE g.deleted = 0 AND g.office_code IN ({', '.join('?' for _ in offices)}) "
           f"AND g.gi_type IN ({', '.join('?' for _ in gi_types)}){when} ORDER BY g.office_code, g.id")
    return [BehindRecord("protected_gis", *row) for row in db.conn.execute(sql, params)]


def mark_users_of_offices(db: sqlite_utils.Database, offices: Sequence[str], product_type: str,
                          user_approved: str | Sequence[str],
                          approved_by: str | None = None) -> list[BehindRecord]:
    """The live approved mark users of the ``offices``' live GIs of ``product_type`` (GI and
    user approved by the date): the users behind 已使用专用标志产品数量."""
    params: list[Any] = [*offices, product_type]
    gi_when = _approved_by("g", approved_by, params)
    authorised, codes = status_in("u.status", user_approved)
    params += codes
    user_when = _approved_by("u", approved_by, params)
    sql = ("SELECT u.id, g.office_code, u.name, g.name, u.approval_date FROM mark_users AS u "
           "JOIN protected_gis AS g ON g.id = u.gi_id WHERE g.deleted = 0 "
           f"AND g.office_code IN ({', '.join('?' for _ in offices)}) AND g.gi_type = ?{gi_when} "
           f"AND u.deleted = 0 AND {authorised}{user_when} ORDER BY g.office_code, g.id, u.id")
    return [BehindRecord("mark_users", *row) for row in db.conn.execute(sql, params)]
