"""The error workbook: the clerk's file with every bad cell marked and commented, plus a
问题清单 sheet, to fix and import again."""

from __future__ import annotations

from pathlib import Path

from desktop.tables.model import ImportPlan

__all__ = ["write_error_workbook", "LISTING_SHEET"]

LISTING_SHEET = "问题清单"


def write_error_workbook(plan: ImportPlan, target: Path | str) -> Path:
    """For an ``.xlsx``: a copy of the clerk's workbook; for ``.xls``/``.csv``: an ``.xlsx``
    of the same grid; bad cells filled and commented, and the :data:`LISTING_SHEET` sheet
    first (sheet, row, column, value, problem in Chinese and English). Written through
    :func:`desktop.tempfiles.writing`."""
    raise NotImplementedError
