"""The 导入表格 wizard's work off the GUI thread: reading the sheet, the dry run, the import.

Each returns a job ``fn(progress, cancelled)`` for :func:`ui.operations.run_job`; the dry
run and the import open a ledger of their own on the worker (SQLite connections belong to
the thread that made them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.fields import Kind
from desktop.jobs import CancelCheck, Progress
from desktop.ledger import Ledger
from desktop.tables.apply import apply_import
from desktop.tables.header import find_table
from desktop.tables.model import (
    ColumnMapping,
    Grid,
    ImportOptions,
    ImportPlan,
    ImportResult,
    SheetInfo,
    Table,
    TableRefused,
)
from desktop.tables.plan import plan_import
from desktop.tables.sources import list_sheets, read_grid
from ui import i18n

__all__ = ["ReadResult", "read_job", "plan_job", "apply_job"]

ReadResult = tuple[list[SheetInfo], Grid, Table | None, str]


def read_job(path: Path, sheet: str | None, kind: Kind) -> Any:
    """Read a sheet and find its table off the GUI thread: (sheets, grid, table or None, why not)."""

    def job(_progress: Progress, _cancelled: CancelCheck) -> ReadResult:
        sheets = list_sheets(path)
        grid = read_grid(path, sheet)
        try:
            return sheets, grid, find_table(grid, kind), ""
        except TableRefused as e:
            return sheets, grid, None, i18n.shown(e)

    return job


def plan_job(db_path: Path, clerk: str, table: Table, mapping: ColumnMapping, options: ImportOptions) -> Any:
    def job(progress: Progress, cancelled: CancelCheck) -> ImportPlan:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return plan_import(worker, table, mapping, options, progress=progress, cancelled=cancelled)

    return job


def apply_job(db_path: Path, clerk: str, plan: ImportPlan) -> Any:
    def job(progress: Progress, cancelled: CancelCheck) -> ImportResult:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return apply_import(worker, plan, progress=progress, cancelled=cancelled)

    return job
