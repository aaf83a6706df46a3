"""The queries behind the city's completeness view (报送情况): which statistics rows of a
period have arrived, and the packets each office sent.

One aggregate statement per question, grouped by ``office_code``. Times in the packet log
are UTC ISO 8601 text; dates are ``YYYY-MM-DD`` text (both order like what they say).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

__all__ = ["PeriodRow", "PacketSummary", "period_rows", "packet_summary"]

_MERGED = "direction = 'received' AND status = 'merged'"


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """An office's statistics row for a period, and when the packet that brought it came."""

    id: str
    office_code: str
    as_of: str
    revision: int
    created_at: str
    arrived_at: str | None
    """Receipt time of the first merged packet of the office logged at or after the row's
    ``created_at`` (the first that can have carried it); None when no packet is that late
    (the clocks of the two offices disagree)."""


@dataclass(frozen=True, slots=True)
class PacketSummary:
    """The merged packets received from one office."""

    office_code: str
    merged: int
    last_sequence: int | None
    last_at: str
    """Receipt time of the last merged packet."""
    in_window: int
    """Merged packets received within the window asked for."""


def period_rows(db: sqlite_utils.Database, start: str, end: str) -> dict[str, PeriodRow]:
    """Each office's live statistics row with the latest ``as_of`` within ``start``..``end``
    (dates, both included), with the arrival of the packet that brought it."""
    sql = ("SELECT s.id, s.office_code, s.as_of, s.revision, s.created_at, "
           f"(SELECT min(p.at) FROM packet_log AS p WHERE p.office_code = s.office_code AND p.{_MERGED} "
           "AND p.at >= s.created_at) "
           "FROM county_stats AS s WHERE s.deleted = 0 AND s.as_of BETWEEN ? AND ? "
           "AND s.as_of = (SELECT max(t.as_of) FROM county_stats AS t WHERE t.office_code = s.office_code "
           "AND t.deleted = 0 AND t.as_of BETWEEN ? AND ?)")
    out: dict[str, PeriodRow] = {}
    for row in db.conn.execute(sql, [start, end, start, end]):
        out[row[1]] = PeriodRow(*row)
    return out


def packet_summary(db: sqlite_utils.Database, window_from: str, window_before: str) -> dict[str, PacketSummary]:
    """Per office, its merged packets: how many, the last one's sequence and receipt time, and
    how many were received at or after ``window_from`` and before ``window_before``."""
    sql = ("SELECT office_code, count(*), sequence, max(at), sum(at >= ? AND at < ?) "
           f"FROM packet_log WHERE {_MERGED} GROUP BY office_code")
    out: dict[str, PacketSummary] = {}
    for office, n, seq, at, inside in db.conn.execute(sql, [window_from, window_before]):
        # SQLite takes the bare column ``sequence`` from the row holding max(at)
        out[office] = PacketSummary(office, int(n), seq, at, int(inside or 0))
    return out
