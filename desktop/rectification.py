"""Rectification (整改) after an inspection that ordered it: its state, the open and overdue
list, and closing it with the re-check (复查).

The state is derived from the inspection's own fields, never stored:

- 无需整改 ``none``: the result is not 责令整改;
- 整改中 ``open``: ordered to rectify, not re-checked, the deadline not passed (due today is
  not late);
- 逾期未复查 ``overdue``: ordered to rectify, not re-checked, the deadline before today;
- 已整改 ``rectified``: the re-check found it rectified (closed);
- 未整改 ``not_rectified``: the re-check found it not rectified: the next step is to list the
  user on the abnormal list (异常名录) or to open a case (立案); :attr:`Rectification.proposal`
  says so.

"Overdue" on the dashboard (整改期限已过) and in ``giledger rectifications --overdue`` is one
definition (:func:`is_overdue`): ordered to rectify, the deadline before today and the
re-check not 已整改, i.e. the states ``overdue`` and ``not_rectified`` once the deadline passed.

Closing (:func:`record_recheck`) writes the re-check date and result through
:meth:`desktop.ledger.Ledger.edit` (validated, audited) and appends a dated line to the
follow-up (整改跟进情况).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from db.connection import transaction
from db.records import RecordNotFound
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import REGISTRY
from desktop.validation import Reason

__all__ = ["STATES", "State", "Rectification", "state_of", "is_overdue", "rectification_of",
           "list_rectifications", "record_recheck", "RESULT_RECTIFY"]

log = logging.getLogger(__name__)

RESULT_RECTIFY = "rectify"
"""The inspection result 责令整改."""


@dataclass(frozen=True)
class State:
    """One rectification state: its code and labels."""

    code: str
    zh: str
    en: str


STATES: dict[str, State] = {s.code: s for s in (
    State("none", "无需整改", "no rectification"),
    State("open", "整改中", "rectifying"),
    State("overdue", "逾期未复查", "overdue, not re-checked"),
    State("rectified", "已整改", "rectified"),
    State("not_rectified", "未整改", "not rectified"),
)}
"""The states in the order a list shows them."""

CLOSED = ("rectified",)


def state_of(values: Mapping[str, Any], today: date) -> str:
    """The rectification state code of an inspection's values as of ``today``."""
    if values.get("result") != RESULT_RECTIFY:
        return "none"
    recheck = values.get("recheck_result")
    if recheck == "rectified":
        return "rectified"
    if recheck == "not_rectified":
        return "not_rectified"
    deadline = values.get("rectify_deadline")
    if deadline is not None and deadline < today:
        return "overdue"
    return "open"


def is_overdue(values: Mapping[str, Any], today: date) -> bool:
    """The dashboard's rule: ordered to rectify, deadline before today, not found rectified."""
    deadline = values.get("rectify_deadline")
    return (values.get("result") == RESULT_RECTIFY and deadline is not None and deadline < today
            and values.get("recheck_result") != "rectified")


@dataclass(frozen=True)
class Rectification:
    """One inspection's rectification as of a day."""

    inspection_id: str
    office_code: str
    mark_user_id: str | None
    user_name: str | None
    inspection_date: date | None
    deadline: date | None
    state: str
    recheck_date: date | None
    followup: str | None
    days_overdue: int
    """Days past the deadline while not rectified (0 when not late)."""
    overdue: bool
    """:func:`is_overdue` (what the dashboard counts)."""

    @property
    def label(self) -> State:
        return STATES[self.state]

    @property
    def proposal(self) -> Reason | None:
        """What to do next, for a rectification re-checked and found not rectified."""
        if self.state == "not_rectified":
            return Reason("复查未整改：建议列入异常名录或立案查处",
                          "not rectified at the re-check: list the user as abnormal or open a case")
        if self.state == "overdue":
            return Reason("整改期限已过，请尽快复查", "the deadline has passed: re-check it")
        return None

    def to_json(self) -> dict[str, Any]:
        """A JSON object (dates as ISO text, the state with both labels)."""
        proposal = self.proposal
        return {
            "inspection_id": self.inspection_id, "office_code": self.office_code,
            "mark_user_id": self.mark_user_id, "user_name": self.user_name,
            "inspection_date": _iso(self.inspection_date), "deadline": _iso(self.deadline),
            "state": self.state, "state_zh": self.label.zh, "state_en": self.label.en,
            "recheck_date": _iso(self.recheck_date), "days_overdue": self.days_overdue,
            "overdue": self.overdue, "followup": self.followup,
            "proposal_zh": proposal.zh if proposal else None,
            "proposal_en": proposal.en if proposal else None,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def rectification_of(ledger: Ledger, inspection: Record, today: date | None = None,
                     user_names: Mapping[str, str] | None = None) -> Rectification:
    """The rectification of one inspection record as of ``today`` (the ledger's day)."""
    day = today or ledger.today()
    v = inspection.values
    user_id = v.get("mark_user_id")
    name: str | None = None
    if user_id is not None:
        if user_names is not None:
            name = user_names.get(user_id)
        else:
            try:
                name = ledger.get("mark-user", user_id).values.get("name")
            except RecordNotFound:  # a dangling reference: show the id only
                name = None
    deadline = v.get("rectify_deadline")
    overdue = is_overdue(v, day)
    return Rectification(
        inspection_id=inspection.id, office_code=inspection.office_code, mark_user_id=user_id,
        user_name=name, inspection_date=v.get("inspection_date"), deadline=deadline,
        state=state_of(v, day), recheck_date=v.get("recheck_date"), followup=v.get("rectify_followup"),
        days_overdue=(day - deadline).days if overdue and deadline is not None else 0,
        overdue=overdue)


def list_rectifications(ledger: Ledger, *, today: date | None = None, overdue_only: bool = False,
                        include_closed: bool = False, office_code: str | None = None
                        ) -> list[Rectification]:
    """The live inspections that ordered rectification, as :class:`Rectification`, most
    overdue first, then by deadline.

    By default the ones not closed (整改中, 逾期未复查, 未整改); ``include_closed`` adds the
    已整改 ones; ``overdue_only`` keeps those the dashboard counts (:func:`is_overdue`).
    ``office_code`` limits it to one office (None: every office in the file)."""
    day = today or ledger.today()
    inspections = list(ledger.list("inspection", {"result": RESULT_RECTIFY}, office_code=office_code))
    names: dict[str, str] = {}
    for uid in {str(i.values["mark_user_id"]) for i in inspections if i.values.get("mark_user_id")}:
        try:  # one read per user concerned (a city keeps hundreds of thousands of users)
            names[uid] = ledger.get("mark-user", uid).values.get("name") or ""
        except RecordNotFound:
            names[uid] = ""
    out = [rectification_of(ledger, i, day, names) for i in inspections]
    if overdue_only:
        out = [r for r in out if r.overdue]
    elif not include_closed:
        out = [r for r in out if r.state not in CLOSED]
    out.sort(key=lambda r: (-r.days_overdue, r.deadline or date.max, r.inspection_id))
    return out


RECHECK_RESULTS = ("rectified", "not_rectified")


def record_recheck(ledger: Ledger, inspection_id: str, recheck_date: date | str, result: str, *,
                   note: str | None = None) -> Record:
    """Close a rectification: record the re-check on ``recheck_date`` with ``result``
    (已整改 / 未整改, code, label or alias) and, with ``note``, a dated line in 整改跟进情况.

    Refused (:class:`ValidationFailed`, nothing written) when the inspection did not order
    rectification, was re-checked already, or the date is before the inspection or after
    today (the register's rules)."""
    kind = REGISTRY["inspection"]
    try:
        code = kind.field("recheck_result").coerce(result)
        when = kind.field("recheck_date").coerce(recheck_date)
    except FieldError as e:
        raise ValidationFailed([e], kind.zh) from None
    if code is None:
        raise ValidationFailed([FieldError.of(kind.field("recheck_result"), Reason(
            "请填写复查结果：已整改或未整改", "give the re-check result: rectified or not rectified"))], kind.zh)
    if when is None:
        raise ValidationFailed([FieldError.of(kind.field("recheck_date"), Reason(
            "请填写复查日期", "give the re-check date"))], kind.zh)
    with transaction(ledger.db):
        inspection = ledger.get("inspection", inspection_id)
        v = inspection.values
        if v.get("result") != RESULT_RECTIFY:
            raise ValidationFailed([FieldError.of(kind.field("result"), Reason(
                f"检查记录 {inspection_id} 的结果不是“责令整改”，无需复查",
                f"inspection {inspection_id} did not order rectification"))], kind.zh)
        if v.get("recheck_result") is not None:
            raise ValidationFailed([FieldError.of(kind.field("recheck_result"), Reason(
                f"检查记录 {inspection_id} 已于{v.get('recheck_date')}复查",
                f"inspection {inspection_id} was re-checked on {v.get('recheck_date')} already"))],
                kind.zh)
        label = kind.field("recheck_result").choice(code)
        line = f"{when.isoformat()} 复查：{label.zh}" + (f"。{note.strip()}" if note and note.strip() else "")
        followup = "\n".join(t for t in (v.get("rectify_followup"), line) if t)
        done = ledger.edit("inspection", inspection_id, {
            "recheck_date": when, "recheck_result": code, "rectify_followup": followup},
            expected_revision=inspection.revision, note=f"整改复查：{label.zh} / re-check: {label.en}")
    log.info("re-check of %s: %s", inspection_id, code)
    return done
