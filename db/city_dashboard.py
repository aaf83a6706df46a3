"""The queries behind the city dashboard that :mod:`db.dashboard` and :mod:`db.city` do not
hold: each unit's packets, and the records two units both hold (cross-county duplicates).

One aggregate statement per figure, grouped by ``office_code``; never a loop over rows in
Python. Table and column names are checked against the schema.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from db.records import quote_name, table_sql

__all__ = ["PacketState", "packet_states", "cross_office_duplicates"]


@dataclass(frozen=True, slots=True)
class PacketState:
    """What the offices table says of one office's packets."""

    office_code: str
    last_sequence: int | None
    last_received_at: str | None
    """When its last packet was merged here (UTC, ISO 8601)."""
    merged: int
    """How many of its packets were merged here (the packet log)."""


def packet_states(db: sqlite_utils.Database) -> dict[str, PacketState]:
    """Every other office's last merged packet (sequence, time) and its count of merged
    packets: the offices table and one ``GROUP BY`` over the packet log."""
    sql = ("SELECT o.code, o.last_sequence, o.last_received_at, coalesce(p.n, 0) FROM offices AS o "
           "LEFT JOIN (SELECT office_code, count(*) AS n FROM packet_log WHERE direction = 'received' "
           "AND status = 'merged' GROUP BY office_code) AS p ON p.office_code = o.code "
           "WHERE o.is_self = 0")
    return {r[0]: PacketState(r[0], r[1], r[2], int(r[3])) for r in db.conn.execute(sql)}


def cross_office_duplicates(db: sqlite_utils.Database, table: str, column: str,
                            review_table: str = "reviews") -> dict[str, int]:
    """Per office, its live records of ``table`` whose ``column`` value a live record of
    another office holds too, and that have no live review yet (``review_table.record_id``).

    The values held by more than one office are found in one ``GROUP BY`` pass over the table
    (not a probe per row; ``NOT INDEXED``: walking the value index and fetching each row took
    2.5 times as long on 440,000 mark users), then each office's records with those values are
    counted.
    """
    if column not in table_sql(db, table).columns:
        raise ValueError(f"{table} has no column {column!r}")
    table_sql(db, review_table)
    t, c, r = quote_name(table), quote_name(column), quote_name(review_table)
    sql = (f"SELECT x.office_code, count(*) FROM {t} AS x WHERE x.deleted = 0 AND x.{c} IN "
           f"(SELECT {c} FROM {t} NOT INDEXED WHERE deleted = 0 AND {c} IS NOT NULL AND {c} <> '' "
           f"GROUP BY {c} HAVING count(DISTINCT office_code) > 1) "
           f"AND NOT EXISTS (SELECT 1 FROM {r} AS v WHERE v.record_id = x.id AND v.deleted = 0) "
           "GROUP BY x.office_code")
    return {row[0]: int(row[1]) for row in db.conn.execute(sql)}
