"""The dry run: each row matched against the register, its references resolved, validated
by the register's own rules; nothing written."""

from __future__ import annotations

from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.tables.model import ColumnMapping, ImportOptions, ImportPlan, Table

__all__ = ["plan_import", "DEFAULT_MATCH", "match_fields"]

DEFAULT_MATCH: dict[str, tuple[str, ...]] = {
    "mark-user": ("uscc",),
    "resource": ("name",),
    "gi": ("name",),
    "candidate": ("name",),
    "annual-report": ("mark_user_id", "year"),
}
"""The fields an existing record is matched by, per register (others: the title field)."""


def match_fields(kind_key: str, match: str | None = None) -> tuple[str, ...]:
    """The fields rows are matched by: ``match`` if given, else :data:`DEFAULT_MATCH`."""
    raise NotImplementedError


def plan_import(ledger: Ledger, table: Table, mapping: ColumnMapping, options: ImportOptions, *,
                progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> ImportPlan:
    """What importing ``table`` would do, per row: new, updated (the fields, before → after),
    unchanged, skipped or refused (every problem, naming sheet, row, column and value).
    Raises :class:`desktop.jobs.Cancelled`."""
    raise NotImplementedError
