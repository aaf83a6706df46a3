"""Cell values as offices type them, turned into a field's value (wrapping
:meth:`desktop.fields.Field.coerce`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.fields import Field, Kind
from desktop.tables.model import ColumnMapping, Table, UnknownValues, ValueMaps

__all__ = ["read_value", "unknown_values", "is_coded"]


def is_coded(f: Field) -> bool:
    """Whether the field takes values from a list (choice, multi, yes/no)."""
    raise NotImplementedError


def read_value(f: Field, raw: Any, value_map: Mapping[str, str] | None = None) -> Any:
    """The field's Python value of one cell: dates in the usual forms and Excel date numbers,
    yes/no as 是/否/√/×/Y/N/有/无, lists split on 、；;,， and newlines, numbers with thousands
    separators, a leading ``'`` stripped, coded values by label, code, alias or ``value_map``.
    A code or number text (USCC, registration number, phone) that came as a float, in E
    notation or with more than 15 significant digits is refused: Excel lost its digits.
    Raises :class:`desktop.fields.FieldError`."""
    raise NotImplementedError


def unknown_values(table: Table, mapping: ColumnMapping, kind: Kind,
                   value_maps: ValueMaps | None = None) -> list[UnknownValues]:
    """Per mapped coded column, its distinct values that are no code, label or alias (nor in
    ``value_maps``), each once with its count and first row."""
    raise NotImplementedError
