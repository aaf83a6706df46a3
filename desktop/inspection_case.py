"""An inspection whose result is 立案 and the enforcement case opened from it.

A case opened from an inspection points to it (``case.inspection_id``). An inspection with
result 立案 that no live case points to is 立案待登记 (:func:`pending_ids`, on the dashboard
and on the inspection's page); :func:`case_defaults` pre-fills the case editor from the
inspection (source 检查, the inspection, the party's name and USCC, the mark user, the GI the
user uses, the filing day).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from db.records import RecordNotFound
from desktop.ledger import Ledger
from desktop.record import Record

__all__ = ["RESULT_CASE", "cases_of", "pending_ids", "is_pending", "case_defaults"]

log = logging.getLogger(__name__)

RESULT_CASE = "case"
"""The inspection result 立案."""


def cases_of(ledger: Ledger, inspection_id: str) -> list[Record]:
    """The live cases opened from this inspection, oldest first."""
    return sorted(ledger.list("case", {"inspection_id": inspection_id}),
                  key=lambda r: (r.values.get("filed_date") or date.min, r.id))


def is_pending(ledger: Ledger, inspection: Record) -> bool:
    """Whether the inspection's result is 立案 and no live case points to it."""
    return (not inspection.deleted and inspection.values.get("result") == RESULT_CASE
            and not cases_of(ledger, inspection.id))


def pending_ids(ledger: Ledger, office_code: str | None = None) -> tuple[str, ...]:
    """Ids of live inspections with result 立案 that no live case points to (立案待登记),
    sorted; of one office when ``office_code`` is given."""
    found = [r.id for r in ledger.list("inspection", {"result": RESULT_CASE}, office_code=office_code)]
    if not found:
        return ()
    linked = {c.values.get("inspection_id") for c in ledger.list("case")}
    return tuple(sorted(i for i in found if i not in linked))


def case_defaults(ledger: Ledger, inspection_id: str) -> dict[str, Any]:
    """The values a new case opened from the inspection starts with (for the editor)."""
    inspection = ledger.get("inspection", inspection_id)
    out: dict[str, Any] = {"source": "inspection", "inspection_id": inspection.id,
                           "filed_date": ledger.today(), "status": "filed"}
    inspectors = inspection.values.get("inspectors")
    if inspectors:
        out["handlers"] = list(inspectors)
    user_id = inspection.values.get("mark_user_id")
    if user_id is not None:
        try:
            user = ledger.get("mark-user", user_id)
        except RecordNotFound:
            log.warning("inspection %s names a missing mark user %s", inspection_id, user_id)
            return out
        out.update(mark_user_id=user.id, party_name=user.values.get("name"),
                   party_uscc=user.values.get("uscc"))
        if user.values.get("gi_id") is not None:
            out["gi_id"] = user.values["gi_id"]
    findings = inspection.values.get("findings")
    if findings:
        out["facts"] = findings
    return {k: v for k, v in out.items() if v is not None}
