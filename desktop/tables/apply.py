"""Writing a plan: all or nothing, in one transaction."""

from __future__ import annotations

from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.tables.model import ImportPlan, ImportResult

__all__ = ["apply_import", "ImportRefused"]


class ImportRefused(Exception):
    """The plan has refused rows (or the database moved on since): nothing was written."""


def apply_import(ledger: Ledger, plan: ImportPlan, *, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> ImportResult:
    """Write the new and updated rows of ``plan`` in one transaction (new ones through
    :meth:`Ledger.bulk_add`, updates through :meth:`Ledger.edit`), audited with the file's
    name and SHA-256. A refused plan raises :class:`ImportRefused`; cancel raises
    :class:`desktop.jobs.Cancelled`; either way nothing is written."""
    raise NotImplementedError
