"""Records found as the window's search box finds them: for ``giledger list --search`` and any
other caller listing records (an export of a table) that takes a search text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from desktop import search
from desktop.browse import Browser, BrowseState
from desktop.ledger import Ledger
from desktop.record import Record

__all__ = ["search_records"]


def search_records(ledger: Ledger, kind: str, text: str, where: Mapping[str, Any] | None = None,
                   include_deleted: bool = False, limit: int | None = None) -> Iterator[Record]:
    """The records of ``ledger.list(kind, where, ...)`` that a search for ``text`` finds in the
    register page (:meth:`desktop.browse.Browser.ids`: the same index, terms and rules), in the
    list's order, at most ``limit``."""
    search.flush(ledger.db)  # a command may take the time a build needs; the window may not
    found = set(Browser(ledger, kind).ids(BrowseState(search=text, include_deleted=include_deleted)))
    n = 0
    if limit is not None and limit <= 0:
        return
    for record in ledger.list(kind, dict(where or {}), include_deleted=include_deleted):
        if record.id in found:
            yield record
            n += 1
            if limit is not None and n >= limit:
                return
