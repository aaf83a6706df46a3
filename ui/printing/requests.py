"""What a 打印 action asks for: the :class:`desktop.forms.PrintRequest` of a register page's
list, of its selected records and of one record (no widgets here, so it is tested alone).

A register list is printed as the clerk sees it. Column filters with one value each are
the command line's ``--where KEY=VALUE`` (the request reads like ``giledger print register
KIND --where ...``); a view that ``where`` cannot say (a search, several values of one
filter, a sort, deleted records shown, a dashboard's id list) is printed as the ids the
table shows, in its order. So is a filtered view whose ``where`` would select more
records than the table shows (a county's table shows only its own office's records).
Deleted records are never printed, even when the table shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from desktop.browse import BrowseState
from desktop.forms import PrintRequest, form_for_kind

__all__ = ["filter_where", "list_request", "selection_request", "record_request"]

def filter_where(state: BrowseState) -> tuple[tuple[str, str], ...] | None:
    """The view as ``where`` pairs, or None when ``where`` cannot say it."""
    if state.search.strip() or state.ids is not None or state.sort_key:
        return None
    pairs: list[tuple[str, str]] = []
    for key, values in sorted(state.filters.items()):
        if not values:
            continue
        if len(values) > 1:
            return None
        pairs.append((key, str(values[0])))
    return tuple(pairs)


def list_request(kind: str, state: BrowseState, shown_ids: Sequence[str],
                 count: Callable[[Mapping[str, str]], int] | None = None) -> PrintRequest:
    """The register ``kind`` as the table shows it.

    ``shown_ids``: the live records the table shows, in view order; ``count(where)``: how
    many live records ``where`` selects (``Ledger.count``), to check it says the same.
    """
    where = filter_where(state)
    if where is not None and (count is None or count(dict(where)) == len(shown_ids)):
        return PrintRequest("register", kind=kind, where=where)
    return PrintRequest("register", kind=kind, ids=tuple(shown_ids))


def selection_request(kind: str, ids: Sequence[str]) -> PrintRequest:
    """The selected records, each on its filled form (:func:`desktop.forms.form_for_kind`:
    survey, candidate, inspection, else the generic record form)."""
    form = form_for_kind(kind)
    return PrintRequest(form, ids=tuple(ids), kind=kind if form == "record" else None)


def record_request(kind: str, record_id: str) -> PrintRequest:
    """One record's form (the record editor's 打印)."""
    return selection_request(kind, (record_id,))
