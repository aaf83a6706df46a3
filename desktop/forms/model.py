"""The vocabulary of printed forms (names, requests, results, paper codes); no rendering here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FORMS", "BLANK_FORMS", "FORM_TITLES", "form_for_kind", "PrintRequest", "PrintResult", "NothingToPrint",
           "PaperCode", "UnknownCode"]

FORMS: tuple[str, ...] = (
    "survey-blank", "survey", "candidate", "inspection-blank", "inspection",
    "annual-report-blank", "register", "stats", "record", "inspection-draw",
)
"""The form names, as the command line spells them (``giledger print FORM``).

``record`` (not a command of its own) prints records of any register (``kind`` and ``ids``,
or ``all``/``where``) as filled forms of their fields: the 打印 of a record editor whose
register has no dedicated form (see :func:`form_for_kind`)."""

_DEDICATED = {"resource": "survey", "candidate": "candidate", "inspection": "inspection"}


def form_for_kind(kind: str) -> str:
    """The filled form that prints a record of ``kind``: ``survey``, ``candidate``,
    ``inspection``, else ``record`` (with ``PrintRequest.kind`` set)."""
    return _DEDICATED.get(kind, "record")

BLANK_FORMS: tuple[str, ...] = ("survey-blank", "inspection-blank", "annual-report-blank", "inspection-draw")
"""The forms that get a serial per copy (and are recorded in the database)."""

FORM_TITLES: dict[str, tuple[str, str]] = {
    "survey-blank": ("潜在地理标志保护资源普查表（空白）", "survey form (blank)"),
    "survey": ("潜在地理标志保护资源普查表", "survey form"),
    "candidate": ("地理标志培育对象情况表", "candidate record"),
    "inspection-blank": ("地理标志专用标志使用检查记录表（空白）", "inspection form (blank)"),
    "inspection": ("地理标志专用标志使用检查记录表", "inspection record"),
    "annual-report-blank": ("地理标志专用标志使用情况年度报告表（空白）", "annual report form (blank)"),
    "register": ("台账名录", "register list"),
    "record": ("登记表", "record form"),
    "stats": ("地理标志工作统计表", "statistics table"),
    "inspection-draw": ("双随机抽查检查记录表（预填）", "inspection forms of a draw (pre-filled)"),
}
"""Each form's title in Chinese and English (for menus and messages)."""


@dataclass(frozen=True)
class PrintRequest:
    """What to print.

    - ``form``: one of :data:`FORMS`.
    - ``ids``: the records to print (``survey``, ``candidate``, ``inspection``), or the
      mark-user ids for ``inspection-blank`` / ``annual-report-blank`` (one form each),
      or for ``register`` the selected records (empty: the register as filtered by ``where``).
    - ``all``: every live record of the form's register (filtered by ``where``);
      for ``annual-report-blank`` every live mark user.
    - ``where``: ``(KEY, VALUE)`` filters, as the command line's ``list --where KEY=VALUE``.
    - ``kind``: for ``register`` and ``record``, the register kind key (``resource``,
      ``candidate``, ...).
    - ``year``: for ``annual-report-blank``, the report year (default: last year).
    - ``inspection-draw``: ``ids`` is one draw id (``Q-…``); one form per target, with the
      user, plan, inspectors and task number filled (:mod:`desktop.draw.forms`).
    - ``copies``: for ``survey-blank``, the number of copies (each its own serial).
    """

    form: str
    ids: tuple[str, ...] = ()
    all: bool = False
    where: tuple[tuple[str, str], ...] = ()
    kind: str | None = None
    year: int | None = None
    copies: int = 1


@dataclass(frozen=True)
class PrintResult:
    """What was printed: the file, its page count, how many forms, the serials issued
    (blank forms; empty otherwise) and the CJK font used (its name, or
    ``"STSong-Light (fallback)"`` when no TrueType CJK font was found)."""

    path: Path
    pages: int
    forms: int
    serials: tuple[str, ...]
    font: str


class NothingToPrint(Exception):
    """The request names an unknown id or selects nothing; the message is ``中文\\nEnglish``.
    The command line exits 3."""


@dataclass(frozen=True)
class PaperCode:
    """What a typed or scanned code stands for.

    - a blank form's serial: ``serial`` and ``form`` set, ``kind`` the register a record entered
      from it belongs to, ``record_id`` the record already entered against it (or None);
    - a record id: ``record_id`` and ``kind`` set, ``serial``/``form`` None.
    ``code`` is the cleaned-up text (trimmed, upper case). ``defaults``: for a blank form's
    serial, the field values printed on the sheet (``mark_user_id`` of a 检查记录表, also
    ``year`` of a 年度报告表), as a new record's starting values; empty otherwise.
    """

    code: str
    kind: str
    record_id: str | None
    serial: str | None
    form: str | None
    defaults: Mapping[str, Any] = field(default_factory=dict)


class UnknownCode(Exception):
    """The text is neither an issued serial nor a known record id (message ``中文\\nEnglish``)."""
