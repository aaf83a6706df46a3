"""A register record as the core hands it out: typed values plus the common columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.records import StoredRecord
from desktop.fields import Kind

__all__ = ["Record", "from_stored", "to_columns"]


@dataclass(frozen=True, slots=True)
class Record:
    """One record of one register, with Python values keyed by field key (see :mod:`desktop.fields`)."""

    kind: Kind
    id: str
    office_code: str
    created_at: str
    updated_at: str
    revision: int
    deleted: bool
    values: dict[str, Any]

    @property
    def title(self) -> str:
        return self.kind.display_title(self.values)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def to_json(self) -> dict[str, Any]:
        """A JSON object keyed by field key, with ``id`` and the common columns; codes stay codes."""
        out: dict[str, Any] = {"id": self.id}
        for f in self.kind.fields:
            out[f.key] = f.to_json(self.values.get(f.key))
        out.update(office_code=self.office_code, created_at=self.created_at,
                   updated_at=self.updated_at, revision=self.revision, deleted=self.deleted)
        return out

    def audit_image(self) -> dict[str, Any]:
        """What the audit log keeps of this record: every field (JSON values), revision, tombstone."""
        out = {f.key: f.to_json(self.values.get(f.key)) for f in self.kind.fields}
        out["revision"] = self.revision
        out["deleted"] = self.deleted
        return out


def from_stored(kind: Kind, stored: StoredRecord) -> Record:
    """Convert a database row of ``kind``'s table into a :class:`Record`."""
    values = {f.key: f.from_db(stored.values.get(f.key)) for f in kind.fields}
    return Record(kind, stored.id, stored.office_code, stored.created_at, stored.updated_at,
                  stored.revision, stored.deleted, values)


def to_columns(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """Typed values → SQLite values keyed by column (every field of the kind)."""
    return {f.key: f.to_db(values.get(f.key)) for f in kind.fields}
