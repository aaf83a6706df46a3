"""The plan and the outcome in words (the command line; the wizard's summary)."""

from __future__ import annotations

from desktop.tables.model import ImportPlan

__all__ = ["describe_plan"]


def describe_plan(plan: ImportPlan, *, dry_run: bool = True, lang: str | None = None,
                  limit: int = 100) -> str:
    """Counts per action, the notes (encoding, rows skipped), updated fields (before →
    after) and every problem (up to ``limit``), in ``lang`` (None: both languages)."""
    raise NotImplementedError
