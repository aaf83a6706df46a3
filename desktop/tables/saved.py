"""Saved mappings: a file of the office's own layout mapped once, offered again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.ledger import Ledger
from desktop.tables.model import ColumnMapping, ImportOptions, ValueMaps

__all__ = ["SavedMapping", "save_mapping", "find_saved", "list_saved", "get_saved", "delete_saved"]


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
        raise NotImplementedError


def save_mapping(ledger: Ledger, name: str, headers: Sequence[str], mapping: ColumnMapping,
                 options: ImportOptions) -> SavedMapping:
    """Save (or replace) the mapping ``name`` (audited)."""
    raise NotImplementedError


def find_saved(ledger: Ledger, kind: str, headers: Sequence[str]) -> list[SavedMapping]:
    """The saved mappings of ``kind`` made for a file with the same headers (newest first)."""
    raise NotImplementedError


def list_saved(ledger: Ledger, kind: str | None = None) -> list[SavedMapping]:
    """Every saved mapping (of ``kind``), by name."""
    raise NotImplementedError


def get_saved(ledger: Ledger, name: str) -> SavedMapping | None:
    """The saved mapping ``name``, or None."""
    raise NotImplementedError


def delete_saved(ledger: Ledger, name: str) -> bool:
    """Remove the saved mapping ``name``; whether there was one."""
    raise NotImplementedError
