"""What a register table shows and how a clerk searches, filters and sorts it.

:class:`Browser` turns the clerk's search text, column filters and sort choice into a
:class:`db.browse.BrowseQuery`, and rows into display text. Search matches any column:
text columns by substring, coded columns by their Chinese or English labels, references
by the referenced record's title (a report is found by its enterprise's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from db import browse as q
from db.browse_page import Page, first_ids
from desktop import search
from desktop.city.unit_labels import UNIT_KEY, UnitLabels, unit_labels
from desktop.fields import Field, FieldType, Kind
from desktop.ledger import Ledger
from desktop.record import Record, from_stored
from desktop.registers import REGISTRY, get_kind

__all__ = ["Column", "BrowseState", "Browser", "FilterOption", "Page", "RowView", "UnitScoped", "reference_options",
           "describe_filters", "text_units", "UNIT_KEY"]

_LIKE_TYPES = {FieldType.TEXT, FieldType.LONGTEXT, FieldType.USCC, FieldType.PHONE, FieldType.DIVISION,
               FieldType.LIST, FieldType.DATE, FieldType.YEAR}
FILTER_TYPES = {FieldType.CHOICE, FieldType.YEAR}
"""Fields that get a column filter (coded fields such as category, tier, stage, status; years)."""


def text_units(text: str) -> int:
    """Display width in half-width units: a Chinese character counts 2."""
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


@dataclass(frozen=True)
class Column:
    """One column of a register table: the id column (``field`` None) or a field."""

    key: str
    zh: str
    en: str
    field: Field | None
    width: int
    """In half-width character units (a Chinese character is 2)."""

    @property
    def hidden_by_default(self) -> bool:
        return self.field is not None and self.field.type is FieldType.LONGTEXT


@dataclass(frozen=True)
class FilterOption:
    """One value a column filter offers: the stored value and its label."""

    value: Any
    zh: str
    en: str


@dataclass
class BrowseState:
    """The clerk's current view of a register."""

    search: str = ""
    filters: dict[str, list[Any]] = field(default_factory=dict)
    """field key → allowed values (stored form: codes, years)"""
    sort_key: str | None = None
    descending: bool = False
    include_deleted: bool = False
    ids: tuple[str, ...] | None = None
    """Restrict to these records (e.g. the records behind a dashboard item)."""
    ids_label: str = ""
    units: list[str] = field(default_factory=list)
    """City and province mode: only the records of these units (owning offices); empty: all.
    Kept apart from ``filters``, which hold fields only (a print's ``where`` says fields)."""


@dataclass(frozen=True)
class UnitScoped:
    """A column filter's value limited to some units: what a dashboard scoped to one unit
    asks a register page to show (its count's filter, and the unit)."""

    value: Any
    units: tuple[str, ...]


@dataclass(frozen=True)
class RowView:
    """A row ready to show: display text per column key, and the record."""

    record: Record
    texts: dict[str, str]


class Browser:
    """Searching, filtering and sorting one register of one ledger."""

    def __init__(self, ledger: Ledger, kind: Kind | str):
        self.ledger = ledger
        self.kind = get_kind(kind) if isinstance(kind, str) else kind
        self.joins: dict[str, q.Join] = {}
        for f in self.kind.refs():
            target = REGISTRY[f.ref or ""]
            self.joins[f.key] = q.Join(f.key, target.table, target.title_field)
        self.units: UnitLabels | None = unit_labels(ledger) if ledger.mode != "county" else None
        """City and province mode: the units, for the 单位 column and filter (None: a county)."""
        unit_column = [Column(UNIT_KEY, "单位", "unit", None, min(16, max(
            [text_units(n) for n in self.units.names.values()] + [8])))] if self.units else []
        self.columns: list[Column] = [Column("id", "编号", "ID", None, 16), *unit_column] + [
            Column(f.key, f.zh, f.en, f, max(f.width, text_units(f.zh) + 3)) for f in self.kind.fields]

    @property
    def office_filter(self) -> str | None:
        """County mode shows the office's own records; a city sees all its counties'."""
        return self.ledger.office.code if self.ledger.mode == "county" else None

    # ---- querying -----------------------------------------------------------------

    def query(self, state: BrowseState, indexed: bool = True) -> q.BrowseQuery:
        """The database query for a view; ``indexed`` False: search the tables themselves (while
        the search index is being built), without pinyin."""
        filters = []
        for key, values in state.filters.items():
            if values:
                f = self.kind.field(key)
                filters.append((key, tuple(f.to_db(v) for v in values)))
        if state.units and self.units is not None:
            filters.append((UNIT_KEY, tuple(state.units)))
        sort: list[q.SortKey] = []
        if state.sort_key == UNIT_KEY:
            units = tuple(self.units.ordered()) if self.units else ()
            sort.append(q.SortKey(UNIT_KEY, state.descending, units))
        elif state.sort_key and state.sort_key != "id":
            f = self.kind.field(state.sort_key)
            expr = self.joins[f.key].alias if f.key in self.joins else f.key
            order = tuple(c.code for c in f.choices) if f.type is FieldType.CHOICE else ()
            sort.append(q.SortKey(expr, state.descending, order))
        elif state.sort_key == "id" and state.descending:
            sort.append(q.SortKey("id", True))
        return q.BrowseQuery(
            table=self.kind.table, joins=tuple(self.joins.values()), filters=tuple(filters),
            search=self._terms(state.search) if indexed else (),
            terms=() if indexed else tuple(self._like_term(t) for t in state.search.split()),
            sort=tuple(sort), include_deleted=state.include_deleted,
            office_code=self.office_filter, ids=state.ids)

    def _term(self, term: str) -> q.SearchTerm:
        """One search term: its text through the index (the record's own fields and the titles
        of the records it refers to), coded fields by their labels, units by their names."""
        folded = term.casefold()
        text = search.text_query(term)
        tokens: list[str] = []
        for f in self.kind.fields:
            if f.type in (FieldType.CHOICE, FieldType.MULTI):
                tokens.extend(search.code_token(f.key, c.code) for c in f.choices
                              if folded in c.zh.casefold() or folded in c.en.casefold()
                              or any(folded in a.casefold() for a in c.aliases))
            elif f.type is FieldType.BOOL and folded in (f.zh.casefold(), f.en.casefold()):
                tokens.append(search.code_token(f.key, 1))
        labels = f"codes : ({' OR '.join(tokens)})" if tokens else None
        code = search.code_text(term)
        phrase = search.code_query(code) if code is not None else text  # a code by its grams
        parts = [*([_not_codes(phrase)] if phrase else []), *([labels] if labels else [])]
        match = " OR ".join(f"({p})" for p in parts) if parts else None
        refs = tuple((f.key, f"head : {phrase}") for f in self.kind.refs()) if phrase else ()
        alternatives: tuple[q.Match, ...] = ()
        if self.units is not None:
            units = self.units.matching(term)
            if units:
                alternatives = (q.Match(UNIT_KEY, "in", units),)
        return q.SearchTerm(match, refs, alternatives)

    def _terms(self, text: str) -> tuple[q.SearchTerm, ...]:
        """Every space-separated term of a search text; a term of punctuation only (no letter,
        digit or Chinese) is left out."""
        return tuple(self._term(t) for t in text.split() if search.normalise(t))

    def _like_term(self, term: str) -> tuple[q.Match, ...]:
        """A term searched in the tables (substrings by LIKE): while the index is built."""
        folded = term.casefold()
        alternatives = [q.Match("id", "like", (term,))]
        if self.units is not None:
            codes = self.units.matching(term)
            if codes:
                alternatives.append(q.Match(UNIT_KEY, "in", codes))
        for f in self.kind.fields:
            if f.type in _LIKE_TYPES:
                alternatives.append(q.Match(f.key, "like", (term,)))
            elif f.type in (FieldType.CHOICE, FieldType.MULTI):
                codes = tuple(c.code for c in f.choices
                              if folded in c.zh.casefold() or folded in c.en.casefold()
                              or any(folded in a.casefold() for a in c.aliases))
                if codes:
                    alternatives.append(q.Match(f.key, "in" if f.type is FieldType.CHOICE else "json_has", codes))
            elif f.type is FieldType.REF:
                alternatives.append(q.Match(f.key, "like", (term,)))
                alternatives.append(q.Match(self.joins[f.key].alias, "like", (term,)))
            elif f.type is FieldType.BOOL and folded in (f.zh.casefold(), f.en.casefold()):
                alternatives.append(q.Match(f.key, "in", (1,)))
        return tuple(alternatives)

    def ids(self, state: BrowseState) -> list[str]:
        """The ids matching ``state``, in display order. A search first brings the search index
        up to date with every write (:func:`desktop.search.ready`); while a long build is due
        (:func:`desktop.search.pending`) it searches the tables instead, without pinyin."""
        indexed = search.ready(self.ledger.db) if state.search.strip() else True
        return q.browse_ids(self.ledger.db, self.query(state, indexed))

    def first_page(self, state: BrowseState, limit: int) -> Page | None:
        """The first ``limit`` ids :meth:`ids` gives for ``state`` and whether they are all of
        them, found without listing every match of a broad search (:mod:`db.browse_page`); None
        when that way does not apply (no search, another sort than by id, a search index not
        built yet): :meth:`ids` then."""
        if not state.search.strip() or not search.ready(self.ledger.db):
            return None
        return first_ids(self.ledger.db, self.query(state), limit)

    def rows(self, ids: Sequence[str], lang: str = "zh") -> dict[str, RowView]:
        """Display rows for these ids (missing ids are left out)."""
        fetched = q.fetch(self.ledger.db, self.kind.table, ids, self.joins.values())
        out: dict[str, RowView] = {}
        for rid, (stored, titles) in fetched.items():
            rec = from_stored(self.kind, stored)
            texts = {"id": rid}
            if self.units is not None:
                texts[UNIT_KEY] = self.units.label(rec.office_code)
            for f in self.kind.fields:
                value = rec.values.get(f.key)
                if f.key in self.joins and value is not None:
                    title = titles.get(self.joins[f.key].alias)
                    texts[f.key] = title if title else value
                else:
                    text = f.display(value, lang)
                    texts[f.key] = text.replace("\n", " ⏎ ") if f.type is FieldType.LONGTEXT else text
            out[rid] = RowView(rec, texts)
        return out

    # ---- filters ------------------------------------------------------------------

    def filter_fields(self) -> list[Field]:
        """Fields offered as column filters."""
        return [f for f in self.kind.fields if f.type in FILTER_TYPES]

    def filter_options(self, key: str) -> list[FilterOption]:
        """The values a column filter offers: the choices, or the years present."""
        f = self.kind.field(key)
        if f.type is FieldType.CHOICE:
            return [FilterOption(c.code, c.zh, c.en) for c in f.choices]
        years = q.distinct_values(self.ledger.db, self.kind.table, key, self.office_filter)
        return [FilterOption(y, str(y), str(y)) for y in reversed(years)]

    def unit_options(self) -> list[FilterOption]:
        """The units the 单位 filter offers: the city's list in its order, then any other
        office holding records of this register (none in county mode)."""
        if self.units is None:
            return []
        present = set(q.office_codes(self.ledger.db, self.kind.table))
        return [FilterOption(code, self.units.label(code), self.units.label(code))
                for code in self.units.ordered(present)]


def _not_codes(query: str) -> str:
    """``query`` kept out of the ``codes`` column when it could match a coded value's token
    (``k`` and hex digits): only the one-character prefix query ``"k" *`` can, and the column
    filter would make FTS5 check every position's column of any other query (five times as long)."""
    if query.endswith("*") and re.fullmatch(r'"k[0-9a-f]*" \*', query):
        return f"{{head body}} : {query}"
    return query


def reference_options(ledger: Ledger, kind_key: str, lang: str = "zh") -> list[tuple[str, str]]:
    """``(id, title)`` of every live record of a kind, ordered by title: what a reference
    field can point to. One query (20,000 mark users in a few tens of milliseconds)."""
    target = get_kind(kind_key)
    title = target.field(target.title_field)
    pairs = q.titles(ledger.db, target.table, target.title_field)
    if title.type is FieldType.TEXT:
        return pairs
    return [(rid, title.display(title.from_db(raw), lang) if raw != "" else "")
            for rid, raw in pairs]


def describe_filters(browser: Browser, filters: Mapping[str, Iterable[Any]], lang: str = "zh",
                     units: Sequence[str] = ()) -> str:
    """``单位=长安区；类型=果品、蔬菜；年度=2024`` (or in English) — for the status bar."""
    parts = []
    if units and browser.units is not None:
        names = [browser.units.label(u) for u in units]
        parts.append(f"单位={'、'.join(names)}" if lang == "zh" else f"unit={', '.join(names)}")
    for key, values in filters.items():
        values = list(values)
        if not values:
            continue
        f = browser.kind.field(key)
        labels = [f.display(v, lang) if f.type is FieldType.CHOICE else str(v) for v in values]
        label = f.en if lang == "en" else f.zh
        parts.append(f"{label}={'、'.join(labels) if lang == 'zh' else ', '.join(labels)}")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)
