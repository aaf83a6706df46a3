"""The proposed mapping of a table's columns to a register's fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.fields import Kind
from desktop.tables.model import ColumnMapping, Table

__all__ = ["propose_mapping", "header_key", "field_choices"]


def propose_mapping(table: Table, kind: Kind, given: Mapping[str, str] | None = None) -> ColumnMapping:
    """Every column of ``table`` with the field it goes to and why: ``given`` (header →
    field key, from ``--map`` or a saved mapping) first, then the field's Chinese or English
    label, its aliases, the label without its unit; a 编号/ID column → the record id. Each
    field goes to one column at most (the first best). Raises
    :class:`desktop.tables.model.TableRefused` for a given field key the register lacks."""
    raise NotImplementedError


def header_key(headers: Sequence[str]) -> str:
    """The digest of a file's normalised headers (a saved mapping is offered again for a
    file with the same)."""
    raise NotImplementedError


def field_choices(kind: Kind) -> list[tuple[str, str, str]]:
    """(field key, zh, en) a column may be mapped to (the id first), for the wizard's lists."""
    raise NotImplementedError
