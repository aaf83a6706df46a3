"""Listing a mark user on the abnormal list (异常名录) and removing it, with the status change.

Listing records the user's status before the listing in the entry (``prior_status``) and sets
the user's status to 列入异常名录 (``abnormal``); removal dates the entry, gives its reason (and
decision number) and restores the status the listing replaced, unless another entry still lists
the user. Both happen in one transaction with their audit rows, so a crash never leaves a user
listed without an entry or an entry removed with the user still marked abnormal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from db.connection import transaction
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import REGISTRY
from desktop.validation import Reason

__all__ = ["ABNORMAL_STATUS", "list_user", "list_users", "remove", "open_entries", "Listed"]

log = logging.getLogger(__name__)

ABNORMAL_STATUS = "abnormal"
"""The mark user's status while an entry of the abnormal list is open."""


@dataclass(frozen=True)
class Listed:
    """What one listing did: the new entry and the user's status before."""

    entry: Record
    prior_status: str | None


def open_entries(ledger: Ledger, user_id: str) -> list[Record]:
    """The live entries of the abnormal list for this user not yet removed, oldest first."""
    return sorted((r for r in ledger.list("abnormal", {"mark_user_id": user_id})
                   if r.values.get("removal_date") is None), key=lambda r: (r.values["listed_date"], r.id))


def list_user(ledger: Ledger, user_id: str, reason: str, *, listed: date | str | None = None,
              document_no: str | None = None, deciding_office: str | None = None,
              deadline: date | str | None = None, note: str | None = None) -> Listed:
    """List ``user_id`` for ``reason`` (a code, label or alias of the field, e.g. 未报年报) on
    ``listed`` (today by default): a new entry, and the user's status set to abnormal.
    A user already listed for the same reason and not removed is refused."""
    return list_users(ledger, [user_id], reason, listed=listed, document_no=document_no,
                      deciding_office=deciding_office, deadline=deadline, note=note)[0]


def list_users(ledger: Ledger, user_ids: Iterable[str], reason: str, *, listed: date | str | None = None,
               document_no: str | None = None, deciding_office: str | None = None,
               deadline: date | str | None = None, note: str | None = None) -> list[Listed]:
    """:func:`list_user` for many users in one transaction (all or none)."""
    kind = REGISTRY["abnormal"]
    try:
        code = kind.field("reason").coerce(reason)
    except FieldError as e:
        raise ValidationFailed([e], kind.zh) from None
    out: list[Listed] = []
    with transaction(ledger.db):
        for user_id in user_ids:
            user = ledger.get("mark-user", user_id)
            if any(e.values.get("reason") == code for e in open_entries(ledger, user_id)):
                raise ValidationFailed([FieldError.of(kind.field("reason"), Reason(
                    f"{user.values.get('name')}（{user_id}）已因此原因列入异常名录，尚未移出",
                    f"{user_id} is already listed for this reason and not removed"))], kind.zh)
            status = user.values.get("status")
            prior = status if status != ABNORMAL_STATUS else _prior_of_open(ledger, user_id)
            entry = ledger.add("abnormal", {
                "mark_user_id": user_id, "reason": code,
                "listed_date": listed if listed is not None else ledger.today(),
                "document_no": document_no, "deciding_office": deciding_office or ledger.office.name,
                "deadline": deadline, "prior_status": prior})
            if status != ABNORMAL_STATUS:
                ledger.edit("mark-user", user_id, {"status": ABNORMAL_STATUS},
                            note=note or f"列入异常名录 {entry.id} / listed as abnormal")
            out.append(Listed(entry, prior))
    log.info("listed %d users as abnormal (%s)", len(out), code)
    return out


def _prior_of_open(ledger: Ledger, user_id: str) -> str | None:
    entries = open_entries(ledger, user_id)
    return entries[0].values.get("prior_status") if entries else None


def remove(ledger: Ledger, entry_id: str, reason: str, *, removed: date | str | None = None,
           document_no: str | None = None) -> Record:
    """Remove an entry from the abnormal list: its removal date (today by default), reason and
    decision number; the user's status goes back to what it was before the listing once no other
    entry lists it. An entry already removed is refused."""
    kind = REGISTRY["abnormal"]
    with transaction(ledger.db):
        entry = ledger.get("abnormal", entry_id)
        if entry.values.get("removal_date") is not None:
            raise ValidationFailed([FieldError.of(kind.field("removal_date"), Reason(
                f"{entry_id} 已于{entry.values['removal_date']}移出", f"{entry_id} was removed already"))],
                kind.zh)
        if not reason.strip():
            raise ValidationFailed([FieldError.of(kind.field("removal_reason"), Reason(
                "请填写移出原因", "give the reason for the removal"))], kind.zh)
        done = ledger.edit("abnormal", entry_id, {
            "removal_date": removed if removed is not None else ledger.today(),
            "removal_reason": reason.strip(), "removal_doc_no": document_no})
        user_id = entry.values["mark_user_id"]
        user = ledger.get("mark-user", user_id)
        if not open_entries(ledger, user_id) and user.values.get("status") == ABNORMAL_STATUS:
            prior = entry.values.get("prior_status") or "approved"
            ledger.edit("mark-user", user_id, {"status": prior},
                        note=f"移出异常名录 {entry_id} / removed from the abnormal list")
    log.info("removed %s from the abnormal list", entry_id)
    return done
