"""The queries behind reviews (审核) of the units' records: a review with its latest answer and
the reviewed record's current revision, in one statement per list.

A city may hold millions of records, so a review's record is found by its id only: the id's
prefix (``R-130125-000001`` → ``R``) names the register, and a ``CASE`` over the prefixes looks
the id up in that table's primary key. Reviews are found by ``record_id`` through the index
``reviews_record``; answers by ``review_id`` through ``review_answers_review``. No register is
ever scanned. The caller passes the prefixes and their tables (:mod:`desktop.registers` owns
them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db.migrations import RECORD_TABLES
from db.records import quote_name

__all__ = ["ReviewRow", "reviews_of_records", "reviews_list"]

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A live review, its latest live answer (if any) and the reviewed record as held here."""

    id: str
    office_code: str
    revision: int
    record_id: str
    record_revision: int | None
    verdict: str
    comment: str | None
    review_date: str
    reviewer: str | None
    updated_at: str
    answer_id: str | None
    answer_office: str | None
    answer_revision: int | None
    """The review revision the latest answer answers."""
    answer: str | None
    answer_date: str | None
    current_revision: int | None
    """The reviewed record's revision here (None: not held here)."""
    record_office: str | None
    record_deleted: bool | None


def _record_case(tables: Mapping[str, str], column: str) -> str:
    """``CASE prefix WHEN 'R' THEN (SELECT column FROM resources WHERE id = v.record_id) ... END``."""
    parts = []
    for prefix, table in tables.items():
        if table not in RECORD_TABLES or not prefix.isalpha():
            raise ValueError(f"not a register table: {table!r} ({prefix!r})")
        parts.append(f"WHEN '{prefix}' THEN (SELECT t.{column} FROM {quote_name(table)} AS t "
                     "WHERE t.id = v.record_id)")
    return f"CASE substr(v.record_id, 1, instr(v.record_id, '-') - 1) {' '.join(parts)} END"


def _select(tables: Mapping[str, str]) -> str:
    return (
        "SELECT v.id, v.office_code, v.revision, v.record_id, v.record_revision, v.verdict, v.comment, "
        "v.review_date, v.reviewer, v.updated_at, a.id, a.office_code, a.review_revision, a.answer, "
        f"a.answer_date, {_record_case(tables, 'revision')}, {_record_case(tables, 'office_code')}, "
        f"{_record_case(tables, 'deleted')} "
        "FROM reviews AS v LEFT JOIN review_answers AS a ON a.id = ("
        "SELECT b.id FROM review_answers AS b WHERE b.review_id = v.id AND b.deleted = 0 "
        "ORDER BY b.review_revision DESC, b.answer_date DESC, b.updated_at DESC, b.id DESC LIMIT 1) "
        "WHERE v.deleted = 0")


def _row(row: Sequence[Any]) -> ReviewRow:
    values = list(row)
    values[-1] = None if values[-1] is None else bool(values[-1])
    return ReviewRow(*values)


def reviews_of_records(db: sqlite_utils.Database, record_ids: Sequence[str],
                       tables: Mapping[str, str]) -> list[ReviewRow]:
    """The live reviews of these records (by the index on ``record_id``), 500 ids a statement."""
    out: list[ReviewRow] = []
    sql = _select(tables)
    ids = list(dict.fromkeys(record_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        out += [_row(r) for r in db.conn.execute(f"{sql} AND v.record_id IN ({marks})", chunk)]
    return out


def reviews_list(db: sqlite_utils.Database, tables: Mapping[str, str], *,
                 reviewer_office: str | None = None, not_reviewer_office: str | None = None,
                 returned_unanswered: bool = False) -> list[ReviewRow]:
    """Live reviews (written by ``reviewer_office``, or by anyone but ``not_reviewer_office``),
    newest review date first; ``returned_unanswered``: only those returned and not answered at
    their current revision."""
    sql = _select(tables)
    params: list[Any] = []
    if reviewer_office is not None:
        sql += " AND v.office_code = ?"
        params.append(reviewer_office)
    if not_reviewer_office is not None:
        sql += " AND v.office_code <> ?"
        params.append(not_reviewer_office)
    if returned_unanswered:
        sql += (" AND v.verdict = 'returned' AND NOT EXISTS (SELECT 1 FROM review_answers AS c "
                "WHERE c.review_id = v.id AND c.deleted = 0 AND c.review_revision >= v.revision)")
    sql += " ORDER BY v.review_date DESC, v.updated_at DESC, v.id"
    return [_row(r) for r in db.conn.execute(sql, params)]
