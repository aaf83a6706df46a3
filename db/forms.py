"""SQL of the printed forms: print batches, blank-form serials and the records entered from them.

A serial (``PB-130125-2026-000042``) is reserved in its own committed transaction before the
sheet is drawn, so it is never handed out twice, even when the print is cancelled or crashes
(the batch is then marked ``cancelled``; its numbers stay used). Serials are never deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

__all__ = ["SerialRow", "LinkRow", "reserve", "finish_batch", "get_serial", "get_link", "link",
           "links_for_record", "batch_serials"]


@dataclass(frozen=True, slots=True)
class SerialRow:
    """One issued serial and its print batch."""

    serial: str
    form: str
    kind: str
    office_code: str
    year: int
    number: int
    subject_id: str | None
    prefill: str | None
    """JSON object of the field values the sheet was printed with (the enterprise, the year)."""
    batch_id: int
    at: str
    actor: str
    status: str


@dataclass(frozen=True, slots=True)
class LinkRow:
    """The record entered from a returned blank form."""

    serial: str
    kind: str
    record_id: str
    at: str
    actor: str


def reserve(db: sqlite_utils.Database, *, prefix: str, form: str, kind: str, office_code: str,
            year: int, subjects: Sequence[str | None], at: str, actor: str,
            os_user: str | None, file_name: str | None,
            prefills: Sequence[str | None] | None = None) -> tuple[int, list[str]]:
    """Open a print batch and reserve one serial per entry of ``subjects`` (a mark-user id or
    None), each with its ``prefills`` entry (JSON text or None); returns (batch id, serials).
    Call inside a transaction."""
    cur = db.conn.execute(
        "INSERT INTO form_batches(form, office_code, at, actor, os_user, copies, status, file_name) "
        "VALUES (?, ?, ?, ?, ?, ?, 'printing', ?)",
        (form, office_code, at, actor, os_user, len(subjects), file_name))
    batch = int(cur.lastrowid or 0)
    last = db.conn.execute(
        "SELECT coalesce(max(number), 0) FROM form_serials WHERE form = ? AND office_code = ? "
        "AND year = ?", (form, office_code, year)).fetchone()[0]
    serials = []
    fills = list(prefills) if prefills is not None else [None] * len(subjects)
    for n, (subject, fill) in enumerate(zip(subjects, fills, strict=True), int(last) + 1):
        serial = f"{prefix}-{office_code}-{year}-{n:06d}"
        db.conn.execute(
            "INSERT INTO form_serials(serial, batch_id, form, kind, office_code, year, number, "
            "subject_id, prefill) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (serial, batch, form, kind, office_code, year, n, subject, fill))
        serials.append(serial)
    return batch, serials


def finish_batch(db: sqlite_utils.Database, batch_id: int, status: str) -> None:
    """Mark a batch ``done`` or ``cancelled`` (its serials stay used either way)."""
    db.conn.execute("UPDATE form_batches SET status = ? WHERE id = ?", (status, batch_id))


_SERIAL_COLS = ("s.serial, s.form, s.kind, s.office_code, s.year, s.number, s.subject_id, "
                "s.prefill, s.batch_id, b.at, b.actor, b.status")


def get_serial(db: sqlite_utils.Database, serial: str) -> SerialRow | None:
    row = db.conn.execute(
        f"SELECT {_SERIAL_COLS} FROM form_serials s JOIN form_batches b ON b.id = s.batch_id "
        "WHERE s.serial = ?", (serial,)).fetchone()
    return SerialRow(*row) if row else None


def batch_serials(db: sqlite_utils.Database, batch_id: int) -> list[SerialRow]:
    rows = db.conn.execute(
        f"SELECT {_SERIAL_COLS} FROM form_serials s JOIN form_batches b ON b.id = s.batch_id "
        "WHERE s.batch_id = ? ORDER BY s.number", (batch_id,))
    return [SerialRow(*r) for r in rows]


def get_link(db: sqlite_utils.Database, serial: str) -> LinkRow | None:
    row = db.conn.execute("SELECT serial, kind, record_id, at, actor FROM form_links "
                          "WHERE serial = ?", (serial,)).fetchone()
    return LinkRow(*row) if row else None


def links_for_record(db: sqlite_utils.Database, record_id: str) -> list[LinkRow]:
    rows = db.conn.execute("SELECT serial, kind, record_id, at, actor FROM form_links "
                           "WHERE record_id = ? ORDER BY serial", (record_id,))
    return [LinkRow(*r) for r in rows]


def link(db: sqlite_utils.Database, *, serial: str, kind: str, record_id: str, at: str,
         actor: str) -> None:
    """Remember the record entered from ``serial`` (once; call inside a transaction)."""
    db.conn.execute("INSERT INTO form_links(serial, kind, record_id, at, actor) "
                    "VALUES (?, ?, ?, ?, ?)", (serial, kind, record_id, at, actor))
