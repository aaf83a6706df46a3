"""Saved mappings: a file of the office's own layout mapped once, offered again for a file
with the same headers (:func:`find_saved`, by :func:`desktop.tables.mapping.header_key`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db import audit
from db import import_mappings as sql
from db.connection import now_utc, transaction
from desktop.fields import Field, FieldError
from desktop.ledger import Ledger
from desktop.tables.mapping import header_key
from desktop.tables.model import ColumnMapping, ImportOptions, TableRefused, Update, ValueMaps

__all__ = ["SavedMapping", "save_mapping", "find_saved", "list_saved", "get_saved", "delete_saved"]

_NAME = Field("name", "映射名称", "mapping name", required=True, max_length=60)


@dataclass(frozen=True)
class SavedMapping:
    """A mapping as saved: name, register, the file's headers (and their digest), header →
    field key, value maps, options, who saved it and when."""

    name: str
    kind: str
    headers: tuple[str, ...]
    header_key: str
    mapping: dict[str, str]
    value_maps: ValueMaps = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    saved_at: str = ""
    saved_by: str | None = None

    def import_options(self) -> ImportOptions:
        """The saved options and value maps as :class:`ImportOptions`."""
        update = self.options.get("update") or Update.EMPTY
        return ImportOptions(update=Update(update), match=self.options.get("match"),
                             value_maps={k: dict(v) for k, v in self.value_maps.items()})


def _from_row(row: sql.MappingRow) -> SavedMapping:
    return SavedMapping(row.name, row.kind, tuple(json.loads(row.headers)), row.header_key,
                        dict(json.loads(row.mapping)), dict(json.loads(row.value_maps)),
                        dict(json.loads(row.options)), row.saved_at, row.saved_by)


def save_mapping(ledger: Ledger, name: str, headers: Sequence[str], mapping: ColumnMapping,
                 options: ImportOptions) -> SavedMapping:
    """Save (or replace) the mapping ``name`` (audited). Raises :class:`TableRefused` for an
    empty or too long name."""
    try:
        clean = _NAME.coerce(name)
    except FieldError as e:
        raise TableRefused(f"映射名称不可用：{e.message_zh}", f"the mapping name cannot be used: {e.message_en}") from e
    if not clean:
        raise TableRefused("映射名称不能为空", "the mapping name is empty")
    saved = SavedMapping(clean, mapping.kind, tuple(headers), header_key(headers), mapping.as_dict(),
                         {k: dict(v) for k, v in options.value_maps.items() if v}, options.to_json(),
                         now_utc(), ledger.actor.clerk)
    row = sql.MappingRow(saved.name, saved.kind, json.dumps(list(saved.headers), ensure_ascii=False),
                         saved.header_key, json.dumps(saved.mapping, ensure_ascii=False),
                         json.dumps(saved.value_maps, ensure_ascii=False),
                         json.dumps(saved.options, ensure_ascii=False), saved.saved_at, saved.saved_by)
    with transaction(ledger.db):
        sql.upsert(ledger.db, row)
        audit.append(ledger.db, at=saved.saved_at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code, action="settings",
                     after={"import_mapping": saved.name, "kind": saved.kind, "mapping": saved.mapping})
    return saved


def find_saved(ledger: Ledger, kind: str, headers: Sequence[str]) -> list[SavedMapping]:
    """The saved mappings of ``kind`` made for a file with the same headers (newest first)."""
    return [_from_row(r) for r in sql.find_by_headers(ledger.db, kind, header_key(headers))]


def list_saved(ledger: Ledger, kind: str | None = None) -> list[SavedMapping]:
    """Every saved mapping (of ``kind``), by name."""
    return [_from_row(r) for r in sql.list_all(ledger.db, kind)]


def get_saved(ledger: Ledger, name: str) -> SavedMapping | None:
    """The saved mapping ``name``, or None."""
    row = sql.get(ledger.db, name)
    return _from_row(row) if row else None


def delete_saved(ledger: Ledger, name: str) -> bool:
    """Remove the saved mapping ``name``; whether there was one."""
    with transaction(ledger.db):
        return sql.delete(ledger.db, name)
