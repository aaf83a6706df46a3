"""Review both ways: the city marks a unit's record 已核 or returns it (退回, with the reason);
the unit sees the open reviews of its records and answers them.

One live review per record (register ``review``, unique per ``record_id``): a re-review edits
it, storing the record's revision at that time. A review travels down in the reference packet
(a unit receives only the reviews of its own records); an answer (register ``review-answer``,
the unit's record) names the review and the review's revision it answers, and travels up.

The state of a record, as the reviewer sees it:

- ``none``: no review;
- ``checked`` 已核: checked at the record's current revision;
- ``returned`` 退回待答复: returned, not answered at the review's current revision;
- ``answered`` 已答复待复核: returned and answered: the city's turn;
- ``modified`` 记录已修改: reviewed at an older revision of the record (and not answered).

Lookups go by record id through the index (:mod:`db.city_reviews`); no register is scanned.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from db import city_reviews
from db.city_reviews import ReviewRow
from db.records import RecordNotFound
from desktop.fields import Kind
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import REGISTRY, kind_by_prefix
from desktop.registers.review import ANSWER, REVIEW
from desktop.undo import AddRecord, EditRecord
from desktop.validation import Reason

__all__ = ["ReviewError", "STATES", "ReviewState", "kind_of_record", "review_record",
           "review_states", "state_of", "list_reviews", "open_reviews", "answer_review", "state_label",
           "reviewable", "review_change", "answer_change"]

log = logging.getLogger(__name__)

STATES: dict[str, tuple[str, str]] = {
    "none": ("未审核", "not reviewed"),
    "checked": ("已核", "checked"),
    "returned": ("退回待答复", "returned, awaiting the answer"),
    "answered": ("已答复待复核", "answered, awaiting a new review"),
    "modified": ("记录已修改", "record changed since the review"),
}
"""Each review state's Chinese and English label."""

_NOT_REVIEWED = frozenset({"review", "review-answer", "unit", "target", "work-plan", "task"})
"""Registers whose records are not reviewed (the review machinery itself, the parent's own)."""


class ReviewError(ValueError):
    """A review use case refused (the message says why, in both languages)."""

    def __init__(self, reason: Reason):
        super().__init__(f"{reason.zh}\n{reason.en}")
        self.reason = reason


def reviewable(kind_key: str) -> bool:
    """Whether records of this register are reviewed (not the parent's own registers, nor
    the reviews and answers themselves)."""
    return kind_key not in _NOT_REVIEWED


def state_label(state: str, lang: str = "zh") -> str:
    zh, en = STATES.get(state, (state, state))
    return zh if lang == "zh" else en


def _tables() -> dict[str, str]:
    return {k.prefix: k.table for k in REGISTRY.values()}


def kind_of_record(record_id: str) -> Kind | None:
    """The register of a record id (its prefix: ``R-130125-000001`` → 资源普查)."""
    return kind_by_prefix(record_id.split("-", 1)[0]) if "-" in record_id else None


@dataclass(frozen=True)
class ReviewState:
    """A record's review as held here, with its state."""

    record_id: str
    state: str
    row: ReviewRow | None = None

    @property
    def review_id(self) -> str | None:
        return self.row.id if self.row else None

    @property
    def kind(self) -> Kind | None:
        return kind_of_record(self.record_id)

    @property
    def comment(self) -> str:
        return (self.row.comment or "") if self.row else ""

    @property
    def answer(self) -> str:
        return (self.row.answer or "") if self.row else ""

    @property
    def open_for_unit(self) -> bool:
        """Returned and not answered at the review's current revision: the unit's turn."""
        r = self.row
        return r is not None and r.verdict == "returned" and not _answered(r)

    def label(self, lang: str = "zh") -> str:
        return state_label(self.state, lang)

    def to_json(self) -> dict[str, Any]:
        r = self.row
        out: dict[str, Any] = {"record_id": self.record_id, "state": self.state,
                               "state_label": state_label(self.state), "open_for_unit": self.open_for_unit}
        if r is not None:
            out.update(review_id=r.id, reviewer_office=r.office_code, review_revision=r.revision,
                       verdict=r.verdict, comment=r.comment, review_date=r.review_date,
                       reviewer=r.reviewer, record_revision=r.record_revision,
                       current_revision=r.current_revision, record_office=r.record_office,
                       record_deleted=r.record_deleted, answer_id=r.answer_id, answer=r.answer,
                       answer_date=r.answer_date, answer_revision=r.answer_revision)
        return out


def _answered(r: ReviewRow) -> bool:
    return r.answer_revision is not None and r.answer_revision >= r.revision


def _state(r: ReviewRow) -> str:
    changed = (r.record_revision is not None and r.current_revision is not None
               and r.current_revision > r.record_revision)
    if r.verdict == "checked":
        return "modified" if changed else "checked"
    if _answered(r):
        return "answered"
    return "modified" if changed else "returned"


def _of(r: ReviewRow) -> ReviewState:
    return ReviewState(r.record_id, _state(r), r)


# ---- the reviewer (city) ----------------------------------------------------------------------

def review_change(ledger: Ledger, record_id: str, verdict: str, comment: str | None = None, *,
                  review_date: date | str | None = None) -> AddRecord | EditRecord:
    """The checked, undoable change that :func:`review_record` applies (the window applies it
    through its undo stack): a new review, or the edit of the record's live review."""
    kind = kind_of_record(record_id)
    if kind is None:
        raise ReviewError(Reason(f"{record_id} 不是记录编号", f"{record_id} is not a record id"))
    ledger.check_kept_here(REVIEW)
    try:
        rec = ledger.get(kind.key, record_id)
    except RecordNotFound:
        raise ReviewError(Reason(f"本数据库中没有记录 {record_id}", f"no record {record_id} here")) from None
    me = ledger.office.code
    if rec.office_code == me:
        raise ReviewError(Reason(f"{record_id} 是本单位自己的记录；审核的是下级单位的记录",
                                 f"{record_id} is this office's own record; reviews are of the units' records"))
    if not reviewable(kind.key):
        raise ReviewError(Reason(f"{kind.zh}不需要审核", f"{kind.en} records are not reviewed"))
    if rec.deleted:
        raise ReviewError(Reason(f"{record_id} 已被删除，不能审核", f"{record_id} is deleted; it cannot be reviewed"))
    values: dict[str, Any] = {
        "record_id": record_id, "record_revision": rec.revision,
        "verdict": REVIEW.field("verdict").coerce(verdict),
        "comment": comment or None, "review_date": review_date or ledger.today(),
        "reviewer": ledger.actor.clerk,
    }
    existing = next(iter(ledger.list("review", {"record_id": record_id}, office_code=me)), None)
    if existing is None:
        return AddRecord("review", values)
    return EditRecord("review", existing.id, values, expected_revision=existing.revision)


def review_record(ledger: Ledger, record_id: str, verdict: str, comment: str | None = None, *,
                  review_date: date | str | None = None) -> Record:
    """Mark a unit's record 已核 (``checked``) or return it (``returned``, with the reason in
    ``comment``). A record already reviewed here has its review edited (one live review per
    record), at the record's current revision."""
    saved = review_change(ledger, record_id, verdict, comment, review_date=review_date).apply(ledger)
    log.info("reviewed %s: %s (review %s, revision %d)", record_id, saved.values["verdict"], saved.id,
             saved.revision)
    return saved


def _pick(ledger: Ledger, rows: Sequence[ReviewRow]) -> ReviewRow:
    """This office's own review of the record if it wrote one, else the parent's."""
    me = ledger.office.code
    return next((r for r in rows if r.office_code == me), rows[0])


def review_states(ledger: Ledger, record_ids: Sequence[str]) -> dict[str, ReviewState]:
    """The review state of each record id (``none`` when not reviewed)."""
    found: dict[str, list[ReviewRow]] = {}
    for r in city_reviews.reviews_of_records(ledger.db, record_ids, _tables()):
        found.setdefault(r.record_id, []).append(r)
    return {rid: _of(_pick(ledger, found[rid])) if rid in found else ReviewState(rid, "none")
            for rid in record_ids}


def state_of(ledger: Ledger, record_id: str) -> ReviewState:
    """The review state of one record."""
    return review_states(ledger, [record_id])[record_id]


def list_reviews(ledger: Ledger, *, open_only: bool = False, received: bool | None = None) -> list[ReviewState]:
    """Reviews written by this office (``received`` false: a city's), or of this office's
    records (``received`` true: a county's); default by level. ``open_only``: for the
    reviewer, those not 已核 at the record's current revision; for the unit, those returned
    and not answered at the review's current revision."""
    me = ledger.office.code
    if received is None:
        received = ledger.mode == "county"
    if received:
        rows = city_reviews.reviews_list(ledger.db, _tables(), not_reviewer_office=me,
                                         returned_unanswered=open_only)
        return [_of(r) for r in rows]
    states = [_of(r) for r in city_reviews.reviews_list(ledger.db, _tables(), reviewer_office=me)]
    return [s for s in states if s.state != "checked"] if open_only else states


def open_reviews(ledger: Ledger) -> list[ReviewState]:
    """The unit's records returned by its parent and not answered yet."""
    return list_reviews(ledger, open_only=True, received=True)


# ---- the unit (county) ---------------------------------------------------------------------

def answer_change(ledger: Ledger, review_id: str, answer: str, *,
                  answer_date: date | str | None = None) -> AddRecord:
    """The checked, undoable change that :func:`answer_review` applies."""
    try:
        review = ledger.get("review", review_id)
    except RecordNotFound:
        raise ReviewError(Reason(f"本数据库中没有审核意见 {review_id}", f"no review {review_id} here")) from None
    me = ledger.office.code
    if review.office_code == me:
        raise ReviewError(Reason(f"审核意见 {review_id} 是本单位写的，由被审核单位答复",
                                 f"review {review_id} was written here; the unit reviewed answers it"))
    if review.deleted:
        raise ReviewError(Reason(f"审核意见 {review_id} 已被撤销", f"review {review_id} was withdrawn"))
    if review.values.get("verdict") != "returned":
        raise ReviewError(Reason(f"审核意见 {review_id} 为“已核”，无需答复",
                                 f"review {review_id} is 'checked'; it needs no answer"))
    ledger.check_kept_here(ANSWER)
    return AddRecord("review-answer", {"review_id": review_id, "review_revision": review.revision,
                                       "answer": answer, "answer_date": answer_date or ledger.today()})


def answer_review(ledger: Ledger, review_id: str, answer: str, *,
                  answer_date: date | str | None = None) -> Record:
    """Answer a review of one of this office's records (at the review's current revision)."""
    return answer_change(ledger, review_id, answer, answer_date=answer_date).apply(ledger)
