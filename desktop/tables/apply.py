"""Writing a plan: all or nothing, in one transaction."""

from __future__ import annotations

import logging

from db.connection import transaction
from desktop.fields import ValidationFailed
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger, NotOwner, StaleRevision
from desktop.tables.model import Action, ImportPlan, ImportResult

__all__ = ["apply_import", "ImportRefused"]

log = logging.getLogger(__name__)


class ImportRefused(Exception):
    """The plan has refused rows (or the database moved on since): nothing was written."""


def apply_import(ledger: Ledger, plan: ImportPlan, *, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> ImportResult:
    """Write the new and updated rows of ``plan`` in one transaction (new ones through
    :meth:`Ledger.bulk_add`, updates through :meth:`Ledger.edit`), audited with the file's
    name and SHA-256. A refused plan raises :class:`ImportRefused`; cancel raises
    :class:`desktop.jobs.Cancelled`; either way nothing is written. A candidate is added one
    by one (:meth:`Ledger.add` writes its first stage event)."""
    if plan.refused:
        count = len(plan.all_problems())
        raise ImportRefused(f"有 {count} 个问题，未导入任何记录\n{count} problems: nothing imported")
    note = plan.audit_note()
    new = [dict(r.values) for r in plan.rows if r.action is Action.NEW]
    updates = [r for r in plan.rows if r.action is Action.UPDATED]
    total = len(new) + len(updates)
    created: list[str] = []
    updated: list[str] = []
    try:
        with transaction(ledger.db):
            if new and plan.kind == "candidate":
                for n, values in enumerate(new, start=1):
                    created.append(ledger.add(plan.kind, values).id)
                    check_cancel(cancelled)
                    progress(n, total)
            elif new:
                created = ledger.bulk_add(plan.kind, new, note=note, total=total, progress=progress,
                                          cancelled=cancelled)
            for n, r in enumerate(updates, start=len(new) + 1):
                assert r.record_id is not None
                check_cancel(cancelled)
                ledger.edit(plan.kind, r.record_id, dict(r.values), expected_revision=r.revision, note=note)
                updated.append(r.record_id)
                if n % 100 == 0:
                    progress(n, total)
            check_cancel(cancelled)
    except (ValidationFailed, StaleRevision, NotOwner) as e:
        raise ImportRefused("导入期间数据已变化，未导入任何记录，请重新试导入：" + str(e).replace("\n", "；")
                            + "\nthe register changed since the dry run: nothing imported; run it again") from e
    progress(total, total)
    log.info("imported %s into %s: %d new, %d updated", plan.path.name, plan.kind, len(created), len(updated))
    return ImportResult(plan, tuple(created), tuple(updated))
