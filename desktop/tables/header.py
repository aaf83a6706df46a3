"""Finding the header row of a sheet (title rows and merged titles above it, blank rows,
a trailing 合计 row)."""

from __future__ import annotations

from pathlib import Path

from desktop.fields import Kind
from desktop.tables.model import Grid, Table

__all__ = ["SCAN_ROWS", "find_table", "read_table"]

SCAN_ROWS = 30
"""Rows looked at for the header."""


def find_table(grid: Grid, kind: Kind, header_row: int | None = None) -> Table:
    """The table in ``grid``: the header row given (1-based), or the best-scoring of the
    first :data:`SCAN_ROWS` rows (cells that match the register's labels and aliases); the
    data rows below it, blank rows and a trailing 合计/总计/小计 row left out (listed in
    :attr:`Table.skipped`). Raises :class:`desktop.tables.model.TableRefused`."""
    raise NotImplementedError


def read_table(path: Path | str, kind: Kind, sheet: str | None = None,
               header_row: int | None = None) -> Table:
    """:func:`desktop.tables.sources.read_grid` then :func:`find_table`."""
    raise NotImplementedError
