"""Pinyin spellings of Chinese names, so a clerk finds 行唐大枣 by typing ``xtdz`` or ``xingtang``.

Chinese office software lets a search box or pick-list match a name by the initials of its
syllables or by its full pinyin, without tones. :func:`spellings` gives the strings a name is
found by: its pinyin in context (pypinyin's phrase dictionary: 银行 is *yin hang*), then, for each
character with other readings (行 *xing / hang / heng*), the same with that one character read
otherwise, each as full pinyin and as initials; :func:`matches` says whether a typed text finds a
name (a plain substring, or a substring of one of its spellings). Letters and digits in a name
stay as they are (lower case), so ``abc行2`` is also ``abcxing2``.

Only one character is read otherwise at a time (two heteronyms in one name give 1 + 2 + 2
spellings, not 9), and at most :data:`MAX_SPELLINGS` of each form are made: the reading in
context comes first and covers nearly every real name.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.seg.mmseg import seg as _mmseg

_cut = _mmseg.cut

__all__ = ["MAX_SPELLINGS", "readings", "forms", "spellings", "matches", "is_pinyin_query"]

log = logging.getLogger(__name__)

MAX_SPELLINGS = 8
"""At most this many full-pinyin spellings of a name (and as many of initials)."""


_HAN_RUN = re.compile("([\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


@lru_cache(maxsize=8192)
def readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one Chinese character (``行`` → xing, hang,
    heng); empty for anything else."""
    if len(ch) != 1 or not _is_han(ch):
        return ()
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(r.lower() for r in (found[0] if found else ()) if r.isascii() and r.isalpha()))


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(word, style=Style.NORMAL))


def _in_context(run: str) -> list[str]:
    """The readings of a run of Chinese in context: pypinyin's own word cut (the one
    ``lazy_pinyin`` makes), each word read once and remembered (names share most words:
    有限公司, 合作社, the county's name), five times faster over a city's names."""
    out: list[str] = []
    for word in _cut(run):
        out.extend(_word(word))
    return out


def _syllables(text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """``text`` as ``(reading in context, other readings, is Chinese)`` items: one per Chinese character
    (each run of Chinese read as a phrase); other letters and digits as themselves, lower case,
    with no alternatives; anything else left out."""
    items: list[tuple[str, tuple[str, ...], bool]] = []
    for run in re.findall(r"[^\W_]+", text.casefold()):
        for part in _HAN_RUN.split(run):
            if not part:
                continue
            if not _is_han(part[0]):
                items.extend((c, (), False) for c in part)
                continue
            context = _in_context(part)
            if len(context) != len(part):  # never seen; read each character alone
                context = [lazy_pinyin(c, style=Style.NORMAL)[0] for c in part]
            for ch, read in zip(part, context, strict=True):
                read = read.lower()
                items.append((read, tuple(r for r in readings(ch) if r != read), True))
    return items


def _initials(syllables: list[str], han: list[bool]) -> str:
    return "".join(s[:1] if h else s for s, h in zip(syllables, han, strict=True))


@lru_cache(maxsize=65536)
def forms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(full spellings, initials)`` of ``text``: each distinct, the reading in context first,
    then one character read otherwise at a time, at most :data:`MAX_SPELLINGS` of each.
    Both empty when ``text`` has no Chinese."""
    if not any(_is_han(c) for c in text):
        return (), ()
    items = _syllables(text)
    han = [h for _, _, h in items]
    base = [read for read, _, _ in items]
    variants: list[list[str]] = [base]
    for n, (_, alts, _) in enumerate(items):
        for alt in alts:
            if len(variants) >= MAX_SPELLINGS:
                break
            variant = list(base)
            variant[n] = alt
            variants.append(variant)
    full = list(dict.fromkeys("".join(v) for v in variants))
    initials = list(dict.fromkeys(_initials(v, han) for v in variants))
    return tuple(full[:MAX_SPELLINGS]), tuple(initials[:MAX_SPELLINGS])


@lru_cache(maxsize=65536)
def spellings(text: str) -> tuple[str, ...]:
    """The pinyin strings ``text`` is found by: full spellings first (the reading in context,
    then one character read otherwise at a time), then the same as initials; distinct, lower
    case, at most :data:`MAX_SPELLINGS` of each form. Empty when ``text`` has no Chinese."""
    full, initials = forms(text)
    return full + tuple(i for i in initials if i not in full)


def is_pinyin_query(query: str) -> bool:
    """Whether a typed text may be pinyin: letters (and digits), at least one letter."""
    q = query.strip()
    return bool(q) and q.isascii() and q.isalnum() and any(c.isalpha() for c in q)


def matches(query: str, text: str) -> bool:
    """Whether typing ``query`` finds ``text``: a case-blind substring, or (for letters) a
    substring of one of its pinyin spellings (``xtdz``, ``xingtang``, ``htdz`` → 行唐大枣)."""
    q = query.strip().casefold()
    if not q:
        return True
    if q in text.casefold():
        return True
    return is_pinyin_query(q) and any(q in s for s in spellings(text))
