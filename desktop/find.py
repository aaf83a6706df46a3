"""Find anything: one text searched in every register a clerk browses, grouped by register.

The main window's find box (Ctrl+K) shows, per register, how many records match and the first
few of them; Enter opens one. The matching is exactly that of each register page's search box:
:class:`desktop.browse.Browser` with the text as its search (name, id, USCC, number, the
referenced record's title, and pinyin once the browser's index has it), so what the find box
finds is what 显示全部 then shows on the register's page. In city and province mode the
browser covers the records of every unit.

:func:`iter_find` yields one :class:`FindGroup` per register as it is searched, so the window
can search a register at a time between keystrokes and drop the rest when the text changes;
:func:`find_all` collects them (the command line, tests).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop.browse import UNIT_KEY, Browser, BrowseState, RowView
from desktop.jobs import CancelCheck, check_cancel, never_cancelled
from desktop.ledger import Ledger
from desktop.registers import REGISTRY

__all__ = ["FIND_KINDS", "PER_KIND", "FindHit", "FindGroup", "searchable", "find_all", "iter_find"]

log = logging.getLogger(__name__)

FIND_KINDS: tuple[str, ...] = (
    "mark-user", "gi", "resource", "candidate", "annual-report", "inspection", "abnormal", "plan",
)
"""The registers searched, in the order their groups are shown: those with a register page a
clerk browses and records to look up by name (not stage events or statistics rows)."""

PER_KIND = 5
"""Hits listed per register by default (the total is always counted)."""

_SHOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "mark-user": ("name", ("uscc", "gi_id")),
    "gi": ("name", ("reference_no", "gi_type")),
    "resource": ("name", ("category", "tier")),
    "candidate": ("name", ("stage", "resource_id")),
    "annual-report": ("mark_user_id", ("year", "review_status")),
    "inspection": ("mark_user_id", ("inspection_date", "result")),
    "abnormal": ("mark_user_id", ("reason", "listed_date")),
    "plan": ("name", ("year",)),
}
"""Per register: the column that names a hit, and the columns of its short detail. A record
whose own title is not a name (a report's year) is named after its enterprise."""


@dataclass(frozen=True)
class FindHit:
    """One record found: its id, what names it and a short detail (USCC, year, enterprise)."""

    kind: str
    id: str
    title: str
    detail: str


@dataclass(frozen=True)
class FindGroup:
    """The records of one register that match: how many, and the first of them."""

    kind: str
    total: int
    hits: tuple[FindHit, ...]

    @property
    def more(self) -> int:
        """How many matches are not listed."""
        return self.total - len(self.hits)


def searchable(text: str) -> bool:
    """Whether ``text`` is worth a search over every register: not empty, and not one letter or
    digit alone (which matches nearly every record); one Chinese character is a search."""
    t = text.strip()
    if not t:
        return False
    return len(t) > 1 or not t.isascii()


def _hit(kind: str, row: RowView, lang: str, units: bool) -> FindHit:
    title_key, detail_keys = _SHOWN.get(kind, (REGISTRY[kind].title_field, ()))
    texts = row.texts
    title = texts.get(title_key, "") or row.record.id
    details = [texts.get(k, "") for k in detail_keys]
    if units and texts.get(UNIT_KEY):
        details.insert(0, texts[UNIT_KEY])
    sep = "，" if lang == "zh" else ", "
    return FindHit(kind, row.record.id, title, sep.join(d for d in details if d))


def iter_find(ledger: Ledger, text: str, *, per_kind: int = PER_KIND, lang: str = "zh",
              kinds: Sequence[str] | None = None,
              cancelled: CancelCheck = never_cancelled) -> Iterator[FindGroup]:
    """Search ``text`` in each register in turn (``kinds``, default :data:`FIND_KINDS` that the
    ledger's office keeps), yielding a group per register with matches. Nothing for a text
    :func:`searchable` refuses. ``cancelled`` is asked before each register (raises
    :class:`desktop.jobs.Cancelled`); stopping the iteration stops the search too."""
    if not searchable(text):
        return
    if kinds is None:
        kinds = [k for k in FIND_KINDS if ledger.mode in REGISTRY[k].written_by]
    for kind in kinds:
        check_cancel(cancelled)
        browser = Browser(ledger, kind)
        ids = browser.ids(BrowseState(search=text.strip()))
        if not ids:
            continue
        first = ids[:max(0, per_kind)]
        rows = browser.rows(first, lang)
        hits = tuple(_hit(kind, rows[i], lang, browser.units is not None) for i in first if i in rows)
        yield FindGroup(kind, len(ids), hits)


def find_all(ledger: Ledger, text: str, *, per_kind: int = PER_KIND, lang: str = "zh",
             kinds: Sequence[str] | None = None,
             cancelled: CancelCheck = never_cancelled) -> list[FindGroup]:
    """Every register's matches of ``text`` (see :func:`iter_find`): a group per register with
    at least one match, in :data:`FIND_KINDS` order, each with its total and first
    ``per_kind`` hits."""
    return list(iter_find(ledger, text, per_kind=per_kind, lang=lang, kinds=kinds, cancelled=cancelled))
