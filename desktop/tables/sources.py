"""Reading a spreadsheet the clerk picked: ``.xlsx``, ``.xls`` or ``.csv``, each checked
before a reader loads it (size, zip container, XML, the sheet's extent)."""

from __future__ import annotations

from pathlib import Path

from desktop.tables.model import Grid, SheetInfo

__all__ = ["SUFFIXES", "list_sheets", "read_grid"]

SUFFIXES = (".xlsx", ".xls", ".csv")


def list_sheets(path: Path | str) -> list[SheetInfo]:
    """The sheets of the file, in workbook order (a CSV: one, named after the file).
    Raises :class:`desktop.tables.model.TableRefused`."""
    raise NotImplementedError


def read_grid(path: Path | str, sheet: str | None = None) -> Grid:
    """One sheet's cells (the first visible sheet when ``sheet`` is None), after the file's
    checks. Raises :class:`desktop.tables.model.TableRefused` naming the file and sheet."""
    raise NotImplementedError
