"""The 年报报送情况 page's work off the GUI thread: writing workbooks, the dry run, the import.
Each returns a job ``fn(progress, cancelled)`` for :func:`ui.operations.run_job` that opens a
ledger of its own on the worker (SQLite connections belong to the thread that made them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.annual.returned import AnnualImport, ImportRefused, apply_import, plan_import
from desktop.annual.workbook import WorkbookResult, write_workbook, write_workbooks
from desktop.jobs import CancelCheck, Progress
from desktop.ledger import Ledger

__all__ = ["workbook_job", "plan_job", "apply_job"]


def workbook_job(db_path: Path, clerk: str, year: int, target: Path, *, per_user: bool,
                 user_ids: Sequence[str] | None = None) -> Any:
    """Write the year's workbooks: one per user into the folder ``target``, or all in one file."""

    def job(progress: Progress, cancelled: CancelCheck) -> WorkbookResult:
        with Ledger.open(db_path, clerk=clerk) as worker:
            write = write_workbooks if per_user else write_workbook
            return write(worker, year, target, user_ids, progress=progress, cancelled=cancelled)

    return job


def plan_job(db_path: Path, clerk: str, paths: Sequence[Path]) -> Any:
    """The dry run of importing ``paths``."""

    def job(progress: Progress, cancelled: CancelCheck) -> AnnualImport:
        with Ledger.open(db_path, clerk=clerk) as worker:
            return plan_import(worker, paths, progress=progress, cancelled=cancelled)

    return job


def apply_job(db_path: Path, clerk: str, paths: Sequence[Path]) -> Any:
    """Import ``paths`` (all or nothing); the plan carried out, or the refused one."""

    def job(progress: Progress, cancelled: CancelCheck) -> AnnualImport:
        with Ledger.open(db_path, clerk=clerk) as worker:
            try:
                return apply_import(worker, paths, progress=progress, cancelled=cancelled)
            except ImportRefused as e:
                return e.plan

    return job
