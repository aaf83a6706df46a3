"""Which language the editors label fields in: the registry's ``zh`` or ``en`` labels.

Fixed UI strings go through Qt's translation (``QCoreApplication.translate`` / ``self.tr``)
so that Qt Linguist can extract them; field, choice and kind labels and the reasons of
refused values come from the registry (:mod:`desktop.fields`) in both languages, and this
setting picks one. Editors read it when they are built.
"""

from __future__ import annotations

from typing import Any

from desktop.fields import Choice, Field, FieldError, Kind
from desktop.validation import Reason

__all__ = ["set_language", "language", "capitalised", "field_label", "choice_label", "kind_label",
           "reason_text", "error_label", "display", "help_text"]

LANGUAGES = ("zh", "en")
LANGUAGE = "zh"
"""``zh`` (the default: the registers' documents are Chinese) or ``en``."""


def set_language(lang: str) -> None:
    """Label fields and choices in Chinese (``"zh"``) or English (``"en"``) in the editors
    built from now on."""
    global LANGUAGE
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    LANGUAGE = lang


def language() -> str:
    return LANGUAGE


def capitalised(text: str) -> str:
    """``product name`` → ``Product name``: English labels standing alone start upper case."""
    return text[:1].upper() + text[1:]


def field_label(f: Field) -> str:
    return capitalised(f.en) if LANGUAGE == "en" else f.zh


def help_text(f: Field) -> str:
    """The field's 填表说明 in the current language ("" when it has none in that language)."""
    return f.help_en if LANGUAGE == "en" else f.help_zh


def choice_label(c: Choice) -> str:
    return c.en if LANGUAGE == "en" else c.zh


def kind_label(kind: Kind) -> str:
    return capitalised(kind.en) if LANGUAGE == "en" else kind.zh


def reason_text(reason: Reason) -> str:
    return reason.en if LANGUAGE == "en" else reason.zh


def error_label(error: FieldError) -> str:
    return error.en_label if LANGUAGE == "en" else error.zh_label


def display(f: Field, value: Any) -> str:
    """A stored value as a clerk reads it, in the current language."""
    return f.display(value, LANGUAGE)
