"""Printed forms (打印表单): the registers' blank and filled forms as PDF (plain Python, no Qt).

The window and the command line both go through :func:`render`. Every form is built from the
register's field description (``desktop.registers``: sections, labels, units, required marks,
allowed values, help texts), so a field added to a register appears on its forms without
touching this package.

Blank forms (``survey-blank``, ``inspection-blank``, ``annual-report-blank``) get a unique serial
per copy (``PB-130125-2026-000042``: form prefix, office code, year, counter), printed as text and
as a QR code and recorded in the database (``db.forms``). Filled forms carry the record id as text
and QR code in the top right corner of every page. :func:`resolve_code` turns a typed or scanned
code back into what it stands for (录入纸质表).

Example::

    result = render(ledger, PrintRequest("survey", ids=("R-130125-000001",)), Path("out.pdf"))
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.forms.model import (
    BLANK_FORMS,
    FORM_TITLES,
    FORMS,
    NothingToPrint,
    PaperCode,
    PrintRequest,
    PrintResult,
    UnknownCode,
    form_for_kind,
)

if TYPE_CHECKING:
    from desktop.ledger import Ledger

__all__ = [
    "FORMS",
    "BLANK_FORMS",
    "FORM_TITLES",
    "form_for_kind",
    "get_print_font",
    "set_print_font",
    "PrintRequest",
    "PrintResult",
    "NothingToPrint",
    "render",
    "PaperCode",
    "UnknownCode",
    "resolve_code",
    "link_serial",
]


def render(ledger: Ledger, request: PrintRequest, out: Path, *,
           progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> PrintResult:
    """Render ``request`` into the PDF ``out``.

    Forms are built and written one at a time (memory stays flat for 500 forms); the file is
    written as ``out.<pid>.part`` (:func:`desktop.tempfiles.partial_path`) and renamed at the
    end. ``progress(done, total)`` is called per form; when ``cancelled()`` turns true,
    :class:`desktop.jobs.Cancelled` is raised and no file is left behind. Serials of blank
    forms are reserved (and recorded) before rendering; a cancelled print marks them
    cancelled, they are never issued again.

    Raises :class:`NothingToPrint` (unknown or deleted id, empty selection, unknown form,
    copies outside 1..1000), ``ValidationFailed`` (a bad ``where`` key or value), ``FieldError``
    (unknown kind); ``OSError`` when the file cannot be written.

    Copies: ``survey-blank`` prints ``copies`` sheets; ``inspection-blank`` and
    ``annual-report-blank`` one sheet per mark user (``copies`` is not used).
    """
    from desktop.forms.build import render as _render

    return _render(ledger, request, out, progress=progress, cancelled=cancelled)


def resolve_code(ledger: Ledger, text: str) -> PaperCode:
    """What a typed or scanned code (a blank form's serial or a record id) stands for;
    :class:`UnknownCode` when it is neither."""
    from desktop.forms.serials import resolve_code as _resolve

    return _resolve(ledger, text)


def link_serial(ledger: Ledger, serial: str, record_id: str) -> None:
    """Remember that the record ``record_id`` was entered from the blank form ``serial``
    (audited). :class:`UnknownCode` for an unknown serial; a ``FieldError`` when the serial is
    already linked to another record or the record is of the wrong register."""
    from desktop.forms.serials import link_serial as _link

    _link(ledger, serial, record_id)


def get_print_font(ledger: Ledger) -> str | None:
    """The font file chosen in 设置 (``PATH`` or ``PATH#SUBFONT``), or None (search the machine)."""
    from desktop.forms.setting import get_print_font as _get

    return _get(ledger)


def set_print_font(ledger: Ledger, path: str | None) -> str:
    """Choose the font file of the printed forms (None or "": search the machine again); audited.

    Returns the font's description. A ``FieldError`` (bilingual) for a missing file, a CFF
    (PostScript-outline) font or a file reportlab cannot read; nothing is changed then."""
    from desktop.forms.setting import set_print_font as _set

    return _set(ledger, path)
