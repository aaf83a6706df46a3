"""The 填表说明 of every field (``Field.help_zh`` / ``help_en``) and the sections of the big
registers (``Field.section`` / ``section_en``): what the editors' tooltips and group boxes and
the printed forms' notes page and section headings are built from."""

from __future__ import annotations

import re
import unicodedata

import pytest

from desktop.fields import Field, Kind
from desktop.registers import REGISTRY

ALL_FIELDS = [(kind, f) for kind in REGISTRY.values() for f in kind.fields]
IDS = [f"{kind.key}.{f.key}" for kind, f in ALL_FIELDS]

HELP_ZH_MAX = 80
HELP_EN_MAX = 140
SECTIONED = ("resource", "candidate", "mark-user", "annual-report", "inspection")
"""The big registers, whose forms are grouped into sections."""

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
PREFIXES = "".join(sorted(kind.prefix for kind in REGISTRY.values()))
ALLOWED_LATIN_ZH = re.compile(
    rf"\b[{PREFIXES}]-\d{{6}}-\d{{6}}\b"  # a record id as an example: R-130125-000001
    r"|\b(?:GB|DB\d{2}|NY|QB|T|Q)(?:/T)?(?= ?\d)"  # a standard number: DB13/T 1234—2020
)


def _control(text: str) -> list[str]:
    return [hex(ord(c)) for c in text if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs")]


def latin_outside_codes(text: str) -> str:
    """The Latin letters of a Chinese help text that are not part of a record id or a
    standard number given as an example (those need their letters)."""
    return "".join(LATIN.findall(ALLOWED_LATIN_ZH.sub("", text)))


@pytest.mark.parametrize(("kind", "f"), ALL_FIELDS, ids=IDS)
def test_every_field_says_in_chinese_what_to_write(kind: Kind, f: Field) -> None:
    text = f.help_zh
    assert text.strip() == text and text, f"{kind.key}.{f.key} has no help_zh"
    assert CJK.search(text), text
    assert latin_outside_codes(text) == "", f"English letters in {kind.key}.{f.key}: {text}"
    assert _control(text) == [], text
    assert len(text) <= HELP_ZH_MAX, f"{kind.key}.{f.key}: {len(text)} characters"


@pytest.mark.parametrize(("kind", "f"), ALL_FIELDS, ids=IDS)
def test_every_field_says_it_in_english_too(kind: Kind, f: Field) -> None:
    text = f.help_en
    assert text.strip() == text and text, f"{kind.key}.{f.key} has no help_en"
    assert LATIN.search(text), text
    before_example = text.split("e.g.", 1)[0]
    assert not CJK.search(before_example), f"Chinese outside an example: {text}"
    assert _control(text) == [], text
    assert len(text) <= HELP_EN_MAX, f"{kind.key}.{f.key}: {len(text)} characters"


def test_the_checks_refuse_what_they_should() -> None:
    assert latin_outside_codes("如：R-130125-000001；DB13/T 1234—2020；GB/T 2260") == ""
    assert latin_outside_codes("填写 USCC") == "USCC"
    assert latin_outside_codes("如：X-130125-000001") == "X"  # no register has prefix X
    assert _control("两行\n文字\u200b") == ["0xa", "0x200b"]


@pytest.mark.parametrize("kind_key", list(REGISTRY))
def test_sections_are_named_consecutive_runs(kind_key: str) -> None:
    kind = REGISTRY[kind_key]
    sections = [f.section for f in kind.fields]
    if kind_key in SECTIONED:
        assert all(s.strip() for s in sections), [f.key for f in kind.fields if not f.section]
    elif not any(sections):
        return
    runs = [s for n, s in enumerate(sections) if n == 0 or s != sections[n - 1]]
    assert len(runs) == len(set(runs)), f"a section of {kind_key} is split: {runs}"
    assert len(runs) > 1, f"{kind_key} has one section only"
    for s in runs:
        assert s.strip() == s and CJK.search(s) and not _control(s), s
        assert len(s) <= 20, s
    english: dict[str, set[str]] = {f.section: set() for f in kind.fields}
    for f in kind.fields:
        english[f.section].add(f.section_en)
    for s, en in english.items():  # one English title per section, for the window in English
        assert len(en) == 1, (s, en)
        (title,) = en
        assert title.strip() == title and LATIN.search(title) and not CJK.search(title), (s, title)

