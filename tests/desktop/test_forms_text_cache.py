"""The typesetter remembers whole strings (runs, widths, wrapped lines): the remembered answers
are the computed ones, and the caches stay bounded over a long print run."""

from __future__ import annotations

import pytest

from desktop.forms import text as text_mod
from desktop.forms.fonts import load_fonts
from desktop.forms.text import Typesetter

SAMPLES = ["行唐大枣", "产地范围（乡镇）：龙州镇、南桥镇、上碑镇、口头镇，独羊岗乡。" * 3,
           "Fuji 苹果 No.5 《行唐县志》记载", "", "□是　☑否", "a\nb\n\n中文"]


def test_remembered_answers_equal_the_computed_ones() -> None:
    fonts = load_fonts(None)
    warm, cold = Typesetter(fonts), Typesetter(fonts)
    for _ in range(2):  # the second round answers from the caches
        for s in SAMPLES:
            for width in (40.0, 120.0, 400.0):
                assert warm.wrap(s, width, 10.5) == cold._wrap(s, width, 10.5)
            assert warm.width(s, 9) == pytest.approx(sum(cold.char_width(ch, 9) for ch in s))
            shown = fonts.visible(s)
            assert warm._shown(s) == (shown, cold.runs(shown))


def test_a_cached_wrap_is_a_copy() -> None:
    ts = Typesetter(load_fonts(None))
    lines = ts.wrap(SAMPLES[1], 60.0, 10.5)
    lines.append("changed by the caller")
    assert ts.wrap(SAMPLES[1], 60.0, 10.5)[-1] != "changed by the caller"


def test_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_mod, "CACHE_STRINGS", 50)
    ts = Typesetter(load_fonts(None))
    for i in range(1000):
        s = f"第{i}号 记录"
        ts.wrap(s, 80.0, 10.5)
        ts.width(s, 10.5)
        ts._shown(s)
        assert len(ts._wrapped) <= 50 and len(ts._string_widths) <= 50 and len(ts._runs) <= 50
    assert ts.wrap("第999号 记录", 80.0, 10.5) == ts._wrap("第999号 记录", 80.0, 10.5)
