"""What a record is found by: the documents of the search index, and search terms as FTS5 queries.

A record's document (:func:`document`) holds, normalised (NFKC, case-folded, only letters,
digits and Chinese kept, so ``R-130125-000012`` is ``r130125000012``):

- ``head``: the title field and the USCC fields, and the pinyin spellings of the title
  (:func:`desktop.pinyin.spellings`): what the records referring to it find it by;
- ``body``: the id and every other textual field (text, list items, USCC, phone, division,
  date, year, the raw id of a reference), and the pinyin of the name fields
  (:data:`NAME_FIELDS`). Numbers (amounts, counts) are left out: they made a third of the
  largest index and a clerk finds a record by its name, code or date, not its tonnage;
- pinyin: of a title, every initials spelling and the first :data:`FULL_SPELLINGS` full
  spellings (the reading in context, then heteronyms: 行 as *xing* and *hang*); of other
  names (people: a reporter, a contact) the first :data:`NAME_SPELLINGS` of each form;
- ``codes``: one token per coded value (choice, each item of a multi-choice, a yes/no that is
  yes), so 果品 finds the category *fruit* by its code, as labels are matched in Python.

Each text is stored as its overlapping character pairs plus its last character (``行唐大枣``
→ ``行唐 唐大 大枣 枣``): a search text of two or more characters is the phrase of its pairs, one
character a prefix query. Chinese substrings need no tokenizer extension this way.

Codes are stored a second way too. Pairs of digits are in nearly every document (ids, dates,
USCCs, phones), so the phrase of a code's pairs (``13 30 01 12``) holds in most documents up to
its last position check: FTS5 reads through the position lists of a million records to find a
handful (the first 200 reports of ``13012`` in a city: 58 ms; a whole id: 150 ms). Each run of
ASCII letters and digits holding a digit (:func:`segments`) is also stored as its overlapping
4-character *grams* (:data:`CODE_MIN`) and its last three characters (``a130125054`` → ``a130
1301 3012 0125 1250 2505 5054 054``), after the run's pairs: a code-like text (:func:`code_text`:
only ASCII letters and digits, a digit among them, at least :data:`CODE_MIN` characters) is then
the phrase of its grams (:func:`code_query`). Grams are rare where pairs are common (``3012`` is
in the records of seven counties, ``30`` in all), and FTS5 leaps along the rarest list of a
phrase: the same searches read 16 ms and 5 ms. Both queries find exactly the same records: the
text lies inside one such run exactly when its grams follow each other in the run's grams (the
last three characters end each run, so no phrase runs from one into the next).

:func:`flush` builds the documents of the rows the triggers queued (:mod:`db.search`); the
:class:`desktop.browse.Browser` calls it before a search, long jobs may call it at their end.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pypinyin
import sqlite_utils

from db import search as s
from db.connection import DatabaseUnusable, transaction
from desktop.fields import Field, FieldType, Kind
from desktop.pinyin import forms
from desktop.registers import REGISTRY

__all__ = ["INDEX_VERSION", "NAME_FIELDS", "CODE_MIN", "normalise", "pairs", "segments", "code_token",
           "document", "text_query", "code_text", "code_query", "flush", "FlushStats", "FLUSH_AT_SEARCH",
           "pending", "ready"]

log = logging.getLogger(__name__)


NAME_FIELDS = frozenset({"legal_rep", "contact", "holder", "applicant_name", "registrant", "reporter",
                         "owner", "pp_applicant", "tm_name", "inspectors", "reviewer",
                         "party_name", "handlers"})  # a case's party and handlers
"""Fields (besides each register's title) holding names of people or firms: found by pinyin too."""

FULL_SPELLINGS = 3
"""Full-pinyin spellings of a title in the index (initials: all of :func:`desktop.pinyin.forms`)."""
NAME_SPELLINGS = 2
"""Spellings of each form (full, initials) of the other names (:data:`NAME_FIELDS`)."""

_BODY_TYPES = {FieldType.TEXT, FieldType.LONGTEXT, FieldType.USCC, FieldType.PHONE,
               FieldType.DIVISION, FieldType.LIST, FieldType.DATE, FieldType.YEAR, FieldType.REF}
_CODED = {FieldType.CHOICE, FieldType.MULTI, FieldType.BOOL}
_NOT_ALNUM = re.compile(r"[\W_]+")
_SEGMENT = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"[0-9a-z]*[0-9][0-9a-z]*")

CODE_MIN = 4
"""The length of a code's grams, and the shortest code-like search text: shorter ones are too
common to be worth a token of their own (``2023``, a year, is the shortest that is)."""
_FLUSH_ROWS = 2000
_COMMIT_EVERY = 20  # chunks: a cancelled build keeps what it wrote


def normalise(text: str) -> str:
    """``text`` as the index holds it: NFKC, case-folded, only letters, digits and Chinese."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def pairs(run: str) -> str:
    """The overlapping character pairs of ``run`` and its last character, space-separated."""
    if len(run) <= 1:
        return run
    return " ".join([a + b for a, b in itertools.pairwise(run)]) + " " + run[-1]


def segments(run: str) -> list[str]:
    """The grams of ``run``'s codes (its runs of ASCII letters and digits holding a digit, of
    :data:`CODE_MIN` characters or more): each code's overlapping :data:`CODE_MIN`-character
    grams in order, then its last ``CODE_MIN - 1`` characters (so no phrase of grams runs from
    one code into the next)."""
    out: list[str] = []
    for seg in _SEGMENT.findall(run):
        if len(seg) >= CODE_MIN and not seg.isalpha():
            out.extend(seg[i:i + CODE_MIN] for i in range(len(seg) - CODE_MIN + 1))
            out.append(seg[1 - CODE_MIN:])
    return out


def code_token(column: str, code: Any) -> str:
    """The token standing for ``column`` holding the coded value ``code``."""
    return "k" + hashlib.blake2b(f"{column}\x1f{code}".encode(), digest_size=6).hexdigest()


def _texts(f: Field, raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    if f.type is FieldType.LIST:
        return _items(raw)
    return [str(raw)]


def _runs(texts: list[str], pinyin: int) -> list[str]:
    runs: list[str] = []
    for text in texts:
        runs.extend(_text_runs(text, pinyin))
    return runs


@lru_cache(maxsize=262144)
def _text_runs(text: str, pinyin: int) -> tuple[str, ...]:
    """One value's runs (names, dates, reporters repeat across rows: made once); ``pinyin``:
    0 none, 1 a title's spellings, 2 another name's."""
    run = normalise(text)
    runs = [pairs(run)] if run else []
    codes = segments(run)
    if codes:
        runs.append(" ".join(codes))
    if pinyin:
        full, initials = forms(text)
        chosen = full[:FULL_SPELLINGS] + initials if pinyin == 1 else (
            full[:NAME_SPELLINGS] + initials[:NAME_SPELLINGS])
        runs.extend(pairs(sp) for sp in dict.fromkeys(chosen))
    return tuple(runs)


@dataclass(frozen=True)
class _Plan:
    """How a register's documents are made: which columns go where."""

    columns: tuple[str, ...]
    head: tuple[Field, ...]
    body: tuple[Field, ...]
    coded: tuple[Field, ...]
    title: str


def _plan(kind: Kind) -> _Plan:
    head = tuple(f for f in kind.fields if f.key == kind.title_field or f.type is FieldType.USCC)
    body = tuple(f for f in kind.fields if f.type in _BODY_TYPES and f not in head)
    coded = tuple(f for f in kind.fields if f.type in _CODED)
    columns = tuple(f.key for f in (*head, *body, *coded))
    return _Plan(columns, head, body, coded, kind.title_field)


_PLANS: dict[str, tuple[Kind, _Plan]] = {k.table: (k, _plan(k)) for k in REGISTRY.values()}

_FORMAT = 6
INDEX_VERSION = f"{_FORMAT};pypinyin {pypinyin.__version__};" + hashlib.blake2b(repr((
    sorted((t, p.columns, p.title) for t, (_, p) in _PLANS.items()), sorted(NAME_FIELDS),
    FULL_SPELLINGS, NAME_SPELLINGS, CODE_MIN)).encode(), digest_size=6).hexdigest()
"""What the documents are made by: a different version (this module's format, the fields a
register indexes, or a pypinyin whose readings may differ) rebuilds the whole index at the next
flush. Contentless FTS5 takes a document out only given the very tokens it was made of."""


def document(kind: Kind, rid: str, values: dict[str, Any]) -> tuple[str, str, str]:
    """``(head, body, codes)`` of a record with id ``rid`` and stored ``values`` (column → raw)."""
    plan = _PLANS[kind.table][1]
    head: list[str] = []
    for f in plan.head:
        head.extend(_runs(_texts(f, values.get(f.key)), int(f.key == plan.title and f.type is FieldType.TEXT)))
    body = list(_text_runs(rid, 0))
    for f in plan.body:
        body.extend(_runs(_texts(f, values.get(f.key)), 2 if f.key in NAME_FIELDS else 0))
    codes: list[str] = []
    for f in plan.coded:
        raw = values.get(f.key)
        if raw is None or raw == "":
            continue
        if f.type is FieldType.MULTI:
            codes.extend(code_token(f.key, c) for c in _items(raw))
        elif f.type is FieldType.BOOL:
            if raw:
                codes.append(code_token(f.key, 1))
        else:
            codes.append(code_token(f.key, raw))
    return " ".join(head), " ".join(body), " ".join(codes)


def _items(raw: Any) -> list[str]:
    """A list or multi-choice value (a JSON list) as its items."""
    try:
        items = json.loads(raw)
    except (TypeError, ValueError):
        items = [raw]
    return [str(i) for i in (items if isinstance(items, list) else [items])]


def text_query(text: str) -> str | None:
    """The FTS5 phrase a search text stands for (None when it holds no letter, digit or Chinese):
    the phrase of its pairs, or for one character a prefix query."""
    run = normalise(text)
    if not run:
        return None
    if len(run) == 1:
        return f'"{run}" *'
    return '"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"'


def code_text(text: str) -> str | None:
    """The search text as the code it is (normalised), or None when it is not code-like (see
    :func:`code_query`)."""
    run = normalise(text)
    return run if len(run) >= CODE_MIN and _CODE.fullmatch(run) else None


def code_query(code: str) -> str:
    """The FTS5 query finding the same records as :func:`text_query` for a code-like text
    (:func:`code_text`): the phrase of its grams (one gram: that token)."""
    return '"' + " ".join(code[i:i + CODE_MIN] for i in range(len(code) - CODE_MIN + 1)) + '"'


FLUSH_AT_SEARCH = 2000
"""A search brings the index up to date itself when at most this many rows wait (a fraction of
a second); more (a fresh migration, a county's packet not yet flushed) is a long job:
:func:`pending` says so, :func:`flush` does it with progress, and meanwhile a search falls back
to reading the tables (:meth:`desktop.browse.Browser.ids`)."""


def pending(db: sqlite_utils.Database, at_most: int | None = None) -> int:
    """How many rows the next :func:`flush` builds (every row when the index's version is not
    :data:`INDEX_VERSION`); counting stops past ``at_most``."""
    if not s.has_index(db, "mark_users"):
        return 0
    if s.index_version(db) in (INDEX_VERSION, s.QUEUED):
        return s.queue_size(db, at_most)
    total = 0
    for table in _PLANS:
        total += int(db.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        if at_most is not None and total > at_most:
            break
    return total


def ready(db: sqlite_utils.Database) -> bool:
    """Bring the index up to date for a search if that is quick (at most
    :data:`FLUSH_AT_SEARCH` rows to build) and say whether it is; False: a build is due."""
    waiting = pending(db, FLUSH_AT_SEARCH)
    if waiting > FLUSH_AT_SEARCH:
        log.info("search index: more than %d rows to build; searching the tables meanwhile", FLUSH_AT_SEARCH)
        return False
    if waiting or s.index_version(db) != INDEX_VERSION:
        try:
            flush(db)
        except DatabaseUnusable as e:  # another program holds the write lock: read the tables
            log.warning("search index: not brought up to date (%s)", e)
            return False
    return True


@dataclass
class FlushStats:
    """What a flush did."""

    rows: int = 0
    seconds: float = 0.0
    rebuilt: bool = False


def flush(db: sqlite_utils.Database, progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None, *, commit_every: int = _COMMIT_EVERY) -> FlushStats:
    """Build the documents of every queued row (all rows when the index's version differs from
    :data:`INDEX_VERSION`), committing as it goes; ``progress(done, total)``; a cancel stops
    between chunks and leaves the rest queued (the index stays right for what is written).
    ``commit_every`` chunks of :data:`_FLUSH_ROWS` rows make a transaction (1: the write lock is
    never held for long, for a build beside a working window)."""
    stats = FlushStats()
    if not s.has_index(db, "mark_users"):
        return stats  # a file older than migration 0007 (never opened by this program)
    started = time.perf_counter()
    version = s.index_version(db)
    if version == s.QUEUED:  # migration 0007 queued every row: build, no need to queue again
        with transaction(db):
            s.set_index_version(db, INDEX_VERSION)
    elif version != INDEX_VERSION:
        with transaction(db):
            for table in _PLANS:
                if not s.has_index(db, table):
                    s.install(db, table)
                else:
                    s.requeue_all(db, table)
            s.set_index_version(db, INDEX_VERSION)
        stats.rebuilt = True
        log.info("search index: rebuilding (version %s)", INDEX_VERSION)
    total = s.queue_size(db)
    if total == 0:
        return stats
    while True:
        if cancelled is not None and cancelled():
            break
        with transaction(db):
            for _ in range(max(1, commit_every)):
                batch = s.queued(db, _FLUSH_ROWS)
                if not batch:
                    break
                _flush_batch(db, batch)
                stats.rows += len(batch)
        if progress is not None:
            progress(min(stats.rows, total), total)
        if not batch:
            break
    stats.seconds = time.perf_counter() - started
    log.info("search index: %d rows in %.1f s", stats.rows, stats.seconds)
    return stats


def _flush_batch(db: sqlite_utils.Database, batch: list[tuple[str, int]]) -> None:
    by_table: dict[str, list[int]] = {}
    for table, rid in batch:
        by_table.setdefault(table, []).append(rid)
    for table, rowids in by_table.items():
        planned = _PLANS.get(table)
        if planned is not None:
            kind, plan = planned
            old = []
            for rowid, src in s.sources(db, table, rowids).items():
                rid, *stored = json.loads(src)
                old.append((rowid, *document(kind, rid, dict(zip(plan.columns, stored, strict=True)))))
            new = []
            for row in s.rows_by_rowid(db, table, rowids, plan.columns):
                values = dict(zip(plan.columns, row[2:], strict=True))
                source = json.dumps(row[1:], ensure_ascii=False, separators=(",", ":"))
                new.append((row[0], *document(kind, row[1], values), source))
            s.write_documents(db, table, old, new)
        s.dequeue(db, table, rowids)
