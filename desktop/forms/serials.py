"""Serials of blank forms and the way back from paper to record (录入纸质表).

A serial is ``PREFIX-OFFICE-YEAR-NUMBER`` (``PB-130125-2026-000042``): the form's prefix, the
office code, the print year and a counter per form, office and year. Serials are reserved in
their own committed transaction before the sheets are drawn (:func:`reserve`) and recorded with
the print batch (form, time, clerk, copies). A cancelled or failed print marks its batch
``cancelled`` but never gives its numbers back: a serial may have reached paper already (a
half-printed batch), so re-issuing it could send two sheets to one record.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db import audit
from db import forms as db_forms
from db.connection import now_utc, transaction
from db.records import RecordNotFound
from desktop.fields import FieldError
from desktop.forms.model import PaperCode, UnknownCode
from desktop.ledger import Ledger
from desktop.registers import kind_by_prefix
from desktop.validation import Reason

__all__ = ["BlankForm", "BLANK", "reserve", "finish", "resolve_code", "link_serial",
           "SERIAL_RE"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BlankForm:
    """A blank form: its serial prefix and the register a sheet of it is entered into."""

    form: str
    prefix: str
    kind: str


BLANK: dict[str, BlankForm] = {
    "survey-blank": BlankForm("survey-blank", "PB", "resource"),
    "inspection-blank": BlankForm("inspection-blank", "JC", "inspection"),
    "annual-report-blank": BlankForm("annual-report-blank", "NB", "annual-report"),
    "inspection-draw": BlankForm("inspection-draw", "JD", "inspection"),
    "annual-report-workbook": BlankForm("annual-report-workbook", "NW", "annual-report"),
}
SERIAL_RE = re.compile(r"^([A-Z]{2})-(\d{6})-(\d{4})-(\d{6})$")


def reserve(ledger: Ledger, form: str, subjects: Sequence[str | None], *,
            file_name: str | None = None,
            prefills: Sequence[Mapping[str, Any] | None] | None = None) -> tuple[int, list[str]]:
    """Reserve one serial per entry of ``subjects`` (committed at once); (batch id, serials).
    ``prefills``: per sheet, the field values printed on it (they become the new record's
    defaults when the sheet comes back, :attr:`PaperCode.defaults`)."""
    blank = BLANK[form]
    texts = None if prefills is None else [
        json.dumps(dict(p), ensure_ascii=False, sort_keys=True) if p else None for p in prefills]
    with transaction(ledger.db):
        return db_forms.reserve(
            ledger.db, prefix=blank.prefix, form=form, kind=blank.kind,
            office_code=ledger.office.code, year=ledger.today().year, subjects=subjects,
            at=now_utc(), actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
            file_name=file_name, prefills=texts)


def finish(ledger: Ledger, batch_id: int, *, done: bool) -> None:
    """Mark the batch done, or cancelled (its serials stay used)."""
    with transaction(ledger.db):
        db_forms.finish_batch(ledger.db, batch_id, "done" if done else "cancelled")


def _unknown(text: str) -> UnknownCode:
    return UnknownCode(f"“{text}”既不是本单位打印的表单编号，也不是记录编号\n"
                       f"{text!r} is neither a form serial printed here nor a record id")


def resolve_code(ledger: Ledger, text: str) -> PaperCode:
    """What a typed or scanned code stands for (see :class:`desktop.forms.PaperCode`)."""
    code = text.strip().upper()
    if not code:
        raise _unknown(text)
    if SERIAL_RE.match(code):
        row = db_forms.get_serial(ledger.db, code)
        if row is None:
            raise _unknown(code)
        link = db_forms.get_link(ledger.db, code)
        defaults = json.loads(row.prefill) if row.prefill else {}
        return PaperCode(code=code, kind=row.kind, record_id=link.record_id if link else None,
                         serial=code, form=row.form, defaults=defaults)
    kind = kind_by_prefix(code.split("-", 1)[0])
    if kind is None:
        raise _unknown(code)
    try:
        rec = ledger.get(kind.key, code)
    except RecordNotFound:
        raise _unknown(code) from None
    return PaperCode(code=code, kind=kind.key, record_id=rec.id, serial=None, form=None)


def link_serial(ledger: Ledger, serial: str, record_id: str) -> None:
    """Remember the record entered from a blank form (audited; once per serial)."""
    code = serial.strip().upper()
    row = db_forms.get_serial(ledger.db, code)
    if row is None:
        raise _unknown(serial)
    rec = ledger.get(row.kind, record_id)  # RecordNotFound for a wrong id
    if rec.kind.key != row.kind:
        raise FieldError("serial", "表单编号", "form serial", Reason(
            f"表单 {code} 应录入{rec.kind.zh}", f"form {code} is for a {row.kind} record"))
    existing = db_forms.get_link(ledger.db, code)
    if existing is not None:
        if existing.record_id == rec.id:
            return
        raise FieldError("serial", "表单编号", "form serial", Reason(
            f"表单 {code} 已录入为记录 {existing.record_id}",
            f"form {code} was already entered as record {existing.record_id}"))
    now = now_utc()
    with transaction(ledger.db):
        db_forms.link(ledger.db, serial=code, kind=row.kind, record_id=rec.id, at=now,
                      actor=ledger.actor.clerk)
        audit.append(ledger.db, at=now, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code, action="paper-form", kind=row.kind,
                     record_id=rec.id, revision=rec.revision, after={"serial": code},
                     note=f"录入纸质表 {code}")
    log.info("record %s entered from form %s", rec.id, code)


