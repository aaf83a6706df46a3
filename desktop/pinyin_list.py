"""Pick-lists that find their entries by pinyin: ``xtdz`` leaves 行唐大枣, ``jinzhou`` 晋州市.

:class:`PinyinList` holds the labels of one pick-list (offices, towns, GIs, 20,000
enterprises) with their pinyin spellings, worked out once per list (about 130 µs a name, so a
window spreads a long list over idle moments with :meth:`PinyinList.prepare`); :meth:`filter`
then answers a keystroke with a pass over plain strings (20,000 names in about 20 ms). What
matches is what :func:`desktop.pinyin.matches` says: a case-blind substring of the label, or
(for letters) of one of its spellings.

:func:`search_divisions` is the office picker's search: :func:`desktop.divisions.search` (code
prefix, name substring) followed by the divisions found by pinyin.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from functools import lru_cache

from desktop import divisions
from desktop.pinyin import is_pinyin_query, spellings

__all__ = ["PinyinList", "search_divisions"]

log = logging.getLogger(__name__)


class PinyinList:
    """The labels of a pick-list and their pinyin spellings (made once, on demand or ahead).

    ``keys`` are what a label is found by (its title, say, without the id around it); by
    default the labels themselves.
    """

    def __init__(self, labels: Sequence[str], keys: Sequence[str] | None = None):
        self.labels: list[str] = list(labels)
        self.keys: list[str] = list(keys) if keys is not None else list(self.labels)
        if len(self.keys) != len(self.labels):
            raise ValueError("one key per label")
        self._folded = [k.casefold() for k in self.keys]
        self._spelt: list[tuple[str, ...]] = []

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def ready(self) -> bool:
        """Whether every label's spellings are made."""
        return len(self._spelt) == len(self.keys)

    def prepare(self, budget_s: float | None = None) -> bool:
        """Make the spellings not made yet: all of them, or as many as fit in ``budget_s``
        seconds (at least one). True when every label has them."""
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        keys, spelt = self.keys, self._spelt
        while len(spelt) < len(keys):
            spelt.append(spellings(keys[len(spelt)]))
            if deadline is not None and len(spelt) % 32 == 0 and time.perf_counter() >= deadline:
                break
        return self.ready

    def matches(self, index: int, query: str) -> bool:
        """Whether label ``index`` is found by ``query`` (see :func:`desktop.pinyin.matches`)."""
        q = query.strip().casefold()
        if not q or q in self._folded[index]:
            return True
        if not is_pinyin_query(q):
            return False
        while len(self._spelt) <= index:
            self._spelt.append(spellings(self.keys[len(self._spelt)]))
        return any(q in s for s in self._spelt[index])

    def filter(self, query: str, *, wait: bool = True) -> list[int]:
        """The indices of the labels ``query`` finds, in list order (all for an empty query).
        ``wait`` False: labels whose spellings are not made yet are matched as text only (the
        caller filters again once :meth:`prepare` has finished)."""
        q = query.strip().casefold()
        if not q:
            return list(range(len(self.labels)))
        if not is_pinyin_query(q):
            return [i for i, k in enumerate(self._folded) if q in k]
        if wait:
            self.prepare()
        spelt = self._spelt
        done = len(spelt)
        found = [i for i in range(done) if q in self._folded[i] or any(q in s for s in spelt[i])]
        found.extend(i for i in range(done, len(self._folded)) if q in self._folded[i])
        return found

    def filtered_labels(self, query: str, *, wait: bool = True) -> list[str]:
        """The labels ``query`` finds, in list order."""
        return [self.labels[i] for i in self.filter(query, wait=wait)]


def search_divisions(text: str, limit: int = 50) -> list[divisions.Division]:
    """Divisions by code prefix or name (as :func:`desktop.divisions.search`), then those whose
    name pinyin finds (``jinzhou`` → 晋州市, 金州区, 锦州市), in code order; at most ``limit``."""
    found = divisions.search(text, limit)
    if len(found) >= limit or not is_pinyin_query(text) or text.strip().isdigit():
        return found
    every, names = _divisions()
    seen = {d.code for d in found}
    extra = [every[i] for i in names.filter(text) if every[i].code not in seen]
    return found + extra[:limit - len(found)]


@lru_cache(maxsize=1)
def _divisions() -> tuple[list[divisions.Division], PinyinList]:
    """Every division of the national list in code order, and their names as a pinyin list
    (about 3,300 names: spelt in a quarter of a second, once)."""
    every = [d for digit in "123456789" for d in divisions.search(digit, limit=1_000_000)]
    return every, PinyinList([d.name for d in every])
