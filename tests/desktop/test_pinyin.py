"""Pinyin spellings and matching (desktop.pinyin)."""

from __future__ import annotations

import pytest

from desktop.pinyin import MAX_SPELLINGS, is_pinyin_query, matches, readings, spellings


@pytest.mark.parametrize(("query", "text"), [
    ("xtdz", "行唐大枣"), ("jinzhou", "晋州鸭梨"), ("xingtang", "行唐大枣"), ("htdz", "行唐大枣"),
    ("XTDZ", "行唐大枣"), ("大枣", "行唐大枣"), ("jzyl", "晋州鸭梨"), ("yali", "晋州鸭梨"),
    ("gcgm", "藁城宫面"), ("abcxing2", "abc行2"), ("yh", "银行"), ("yinhang", "银行"),
])
def test_finds(query: str, text: str) -> None:
    assert matches(query, text)


@pytest.mark.parametrize(("query", "text"), [
    ("xtdy", "行唐大枣"), ("jinzhu", "晋州鸭梨"), ("枣大", "行唐大枣"), ("zz", "晋州鸭梨"),
])
def test_does_not_find(query: str, text: str) -> None:
    assert not matches(query, text)


def test_heteronyms_and_limits() -> None:
    assert {"xing", "hang"} <= set(readings("行"))
    assert readings("a") == ()
    assert spellings("abc") == ()
    many = spellings("行长重大长行重乐")
    fulls = [s for s in many if len(s) > 8]
    assert 1 < len(fulls) <= MAX_SPELLINGS
    assert spellings("行唐大枣")[0] == "xingtangdazao"


def test_pinyin_query() -> None:
    assert is_pinyin_query("xtdz") and is_pinyin_query("a1")
    assert not is_pinyin_query("123") and not is_pinyin_query("行") and not is_pinyin_query("")
