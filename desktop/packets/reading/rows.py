"""The records of a register sheet as read: one :class:`ParsedRow` each, or a chunk of them
held column by column (:class:`RowChunk`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.registers import REGISTRY

__all__ = ["ParsedRow", "RowChunk"]


@dataclass
class ParsedRow:
    """One record as read from a register sheet."""

    kind: str
    row: int  # Excel row number (header is 1)
    id: str | None
    office_code: str | None
    revision: int | None
    deleted: bool
    created_at: str | None
    updated_at: str | None
    values: dict[str, Any]
    canon: list[str | None]
    ok: bool = True
    stored: dict[str, Any] | None = None
    """Every field of the register (those the sheet lacks as None) as stored in SQLite
    (:func:`desktop.record.to_columns` of ``values``), when the row is ``ok``; None when not."""


class RowChunk:
    """Rows of one register sheet read together, held column by column (no object per row).

    Row ``i`` is Excel row ``numbers[i]``; its common columns are ``ids[i]``, ``offices[i]`` ...;
    its field values ``values[key][i]`` (the fields the sheet has), its stored (SQLite) values
    ``stored[n][i]`` for the register's ``n``-th field (None for the fields the sheet lacks) and
    its canonical texts ``canon[c][i]`` for the sheet's ``c``-th column. Rows in ``failed`` have
    a cell that could not be read (listed in the packet's problems). :meth:`rows` makes
    :class:`ParsedRow` s of them."""

    __slots__ = (
        "canon",
        "created",
        "deleted",
        "failed",
        "ids",
        "kind",
        "numbers",
        "offices",
        "revisions",
        "stored",
        "updated",
        "values",
    )

    def __init__(self, kind: str, numbers: list[int], common: list[Sequence[Any]],
                 values: dict[str, Sequence[Any]], stored: list[Sequence[Any]],
                 canon: list[Sequence[str | None]], failed: set[int]):
        self.kind, self.numbers = kind, numbers
        ids, self.offices, self.revisions, deleted, self.created, self.updated = common
        self.ids: list[str | None] = [x or None for x in ids] if "" in ids else list(ids)
        self.deleted: list[bool] = list(map(bool, deleted)) if None in deleted else list(deleted)
        self.values, self.stored, self.canon, self.failed = values, stored, canon, failed

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self) -> list[ParsedRow]:
        """The rows as :class:`ParsedRow` s (``stored`` as a dict, None for a failed row)."""
        keys = list(self.values)
        stored_keys = [f.key for f in REGISTRY[self.kind].fields]
        out = []
        failed = self.failed
        for i, (number, rid, office, revision, deleted, created, updated, values, canon, stored) in \
                enumerate(zip(self.numbers, self.ids, self.offices, self.revisions, self.deleted,
                              self.created, self.updated, zip(*self.values.values(), strict=True) if keys
                              else [()] * len(self.numbers), zip(*self.canon, strict=True),
                              zip(*self.stored, strict=True), strict=True)):
            ok = i not in failed
            out.append(ParsedRow(self.kind, number, rid, office, revision, deleted, created, updated,
                                 dict(zip(keys, values, strict=True)), list(canon), ok,
                                 dict(zip(stored_keys, stored, strict=True)) if ok else None))
        return out
