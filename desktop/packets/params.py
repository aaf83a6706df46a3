"""A chunk's rows as the SQLite parameters the row merger writes, column by column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from db import records
from db.connection import now_utc
from desktop.fields import Kind
from desktop.packets.reader import RowChunk

__all__ = ["ChunkParams", "COMMON_PARAMS", "record_of", "value_columns", "subset"]

COMMON_PARAMS = 6
"""Parameters before the fields' in a row of :class:`ChunkParams`: id, office code, created at,
updated at, revision, deleted."""


class ChunkParams:
    """The SQLite parameters of a chunk's rows (:func:`db.packets.replicate_rows`, the fields
    in the register's order), column by column: as sent, but a row without an id has "" (it
    gets one when written), without an office the packet's, without times now, without a
    revision 1. ``params[i]`` is row i's."""

    __slots__ = ("columns",)

    def __init__(self, chunk: RowChunk, office: str):
        created, updated = chunk.created, chunk.updated
        if not all(created) or not all(updated):  # rows added by hand in the sheet
            now = now_utc()
            created = [c or now for c in created]
            updated = [u or now for u in updated]
        ids, revisions, deleted = chunk.ids, chunk.revisions, chunk.deleted
        offices = chunk.offices
        self.columns: list[Sequence[Any]] = [
            [r or "" for r in ids] if None in ids else list(ids),
            [office] * len(chunk) if set(offices) <= {None, office} else [o or office for o in offices],
            created, updated,
            [r or 1 for r in revisions] if None in revisions or 0 in revisions else list(revisions),
            [int(d) for d in deleted] if any(deleted) else [0] * len(deleted), *chunk.stored]

    def __getitem__(self, i: int) -> tuple[Any, ...]:
        return tuple(column[i] for column in self.columns)

    def only(self, rows: list[int]) -> list[Sequence[Any]]:
        """The columns of these rows only."""
        return [[column[i] for i in rows] for column in self.columns]


def record_of(kind: Kind, row: tuple[Any, ...]) -> records.StoredRecord:
    """The record a row of :class:`ChunkParams` writes."""
    return records.StoredRecord(kind.table, row[0], row[1], row[2], row[3], row[4], bool(row[5]),
                                dict(zip([f.key for f in kind.fields], row[COMMON_PARAMS:], strict=True)))


def value_columns(chunk: RowChunk, rows: list[int]) -> dict[str, Sequence[Any]]:
    """The field values of these rows of the chunk, column by column (what validation takes)."""
    if len(rows) == len(chunk):
        return chunk.values
    return {key: [column[i] for i in rows] for key, column in chunk.values.items()}


def subset(chunk: RowChunk, rows: list[int]) -> RowChunk:
    """These rows of a chunk (by index), as a chunk of their own."""
    if len(rows) == len(chunk):
        return chunk

    def pick(column: Sequence[Any]) -> list[Any]:
        return [column[i] for i in rows]

    index = {i: n for n, i in enumerate(rows)}
    return RowChunk(chunk.kind, pick(chunk.numbers),
                    [pick(c) for c in (chunk.ids, chunk.offices, chunk.revisions, chunk.deleted,
                                       chunk.created, chunk.updated)],
                    {k: pick(v) for k, v in chunk.values.items()}, [pick(c) for c in chunk.stored],
                    [pick(c) for c in chunk.canon], {index[i] for i in chunk.failed if i in index})
