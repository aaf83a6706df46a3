"""Fonts of the printed forms: a TrueType CJK font found and embedded, CFF fonts skipped,
per-character fallback for symbols the main font lacks, STSong-Light when there is no font."""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import meta
from db.connection import transaction
from desktop.forms import PrintRequest, render
from desktop.forms import fonts as fonts_mod
from desktop.forms.fonts import FontCandidate, is_cff, load_fonts

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture(autouse=True)
def fresh_fonts() -> Iterator[None]:
    fonts_mod.reset_for_tests()
    yield
    fonts_mod.reset_for_tests()


def _fake_otf(path: Path, tags: tuple[str, ...]) -> Path:
    """A font file header with these table tags (enough for the table check)."""
    head = struct.pack(">4sHHHH", b"OTTO", len(tags), 0, 0, 0)
    table = b"".join(struct.pack(">4sIII", t.encode("latin-1"), 0, 0, 0) for t in tags)
    path.write_bytes(head + table)
    return path


def test_cff_fonts_are_recognised(tmp_path: Path) -> None:
    assert is_cff(_fake_otf(tmp_path / "NotoSansCJK.otf", ("CFF ", "cmap", "head")))
    assert not is_cff(_fake_otf(tmp_path / "plain.ttf", ("glyf", "loca", "cmap", "head")))


def test_a_cff_font_is_skipped_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    cff = _fake_otf(tmp_path / "SourceHanSans.otf", ("CFF ", "cmap"))
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    monkeypatch.setattr(fonts_mod, "_search", lambda setting: (
        [FontCandidate(cff), FontCandidate(broken)], []))
    with caplog.at_level(logging.INFO, logger="desktop.forms.fonts"):
        fonts = load_fonts(None)
    assert fonts.main == "STSong-Light" and not fonts.embedded
    assert "CFF" in caplog.text


def test_no_truetype_font_falls_back_to_stsong(ledger, make, pdf, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(fonts_mod, "_search", lambda setting: ([], []))
    rec = make.add("resource", name="行唐大枣")
    out = tmp_path / "fallback.pdf"
    with caplog.at_level(logging.WARNING, logger="desktop.forms.fonts"):
        result = render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
        render(ledger, PrintRequest("survey-blank"), tmp_path / "again.pdf")
    assert result.font == "STSong-Light (fallback)"
    assert caplog.text.count("STSong-Light") == 1, "said once in the log"
    text = pdf.text(out)
    assert "行唐大枣" in text and "■种植/养殖产品" in text and "□本地特定工艺加工产品" in text
    names = [name for name, _emb in pdf.fonts(out)]
    assert any("STSong-Light" in n for n in names)
    ok, line = fonts_mod.font_report(None)
    assert not ok and "STSong-Light" in line


@pytest.mark.skipif(not (WQY.exists() and DEJAVU.exists()),
                    reason="needs fonts-wqy-microhei and fonts-dejavu-core (.ci/run installs them)")
def test_symbols_the_main_font_lacks_come_from_a_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_mod, "_search", lambda setting: (
        [FontCandidate(WQY)], [FontCandidate(DEJAVU)]))
    fonts = load_fonts(None)
    assert fonts.embedded and "WenQuanYi" in fonts.description
    # WenQuanYi Micro Hei maps ℃ to an empty glyph: the outline is checked, not just the cmap
    assert fonts.font_for("℃") is not None
    assert fonts.font_for("中") is None and fonts.font_for("，") is None
    assert fonts.font_for("☑") is not None and fonts.tick == "☑"
    assert fonts.markup("13.5℃<") == f'13.5<font name="{fonts.font_for("℃")}">℃</font>&lt;'


def test_the_font_set_in_the_settings_is_used(ledger, make, tmp_path: Path) -> None:
    if not DEJAVU.exists():
        pytest.skip("needs fonts-dejavu-core")
    with transaction(ledger.db):
        meta.set_setting(ledger.db, fonts_mod.SETTING, str(DEJAVU))
    result = render(ledger, PrintRequest("survey-blank"), tmp_path / "set.pdf")
    assert "DejaVu" in result.font


def test_selftest_reports_the_print_font() -> None:
    from desktop.selftest import run_self_test

    lines = run_self_test(progress=lambda line: None)
    font_lines = [line for line in lines if line.startswith("ok: printed forms:")]
    assert len(font_lines) == 1
    assert ("embedded" in font_lines[0]) == load_fonts(None).embedded


def test_selftest_warns_without_a_truetype_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.selftest import run_self_test

    monkeypatch.setattr(fonts_mod, "_search", lambda setting: ([], []))
    lines = run_self_test(progress=lambda line: None)
    [line] = [line for line in lines if line.startswith("ok: printed forms:")]
    assert "WARNING" in line and "STSong-Light" in line


def test_the_print_font_setting_is_checked_and_audited(ledger, tmp_path: Path) -> None:
    from db import audit
    from desktop.fields import FieldError
    from desktop.forms import get_print_font, set_print_font

    cff = _fake_otf(tmp_path / "NotoSansCJK.otf", ("CFF ", "cmap"))
    for bad in (str(cff), str(tmp_path / "missing.ttf")):
        with pytest.raises(FieldError) as info:
            set_print_font(ledger, bad)
        assert info.value.reason.zh and info.value.reason.en
    assert get_print_font(ledger) is None
    if DEJAVU.exists():
        assert "DejaVu" in set_print_font(ledger, str(DEJAVU))
        assert get_print_font(ledger) == str(DEJAVU)
        assert next(audit.recent(ledger.db)).after == {fonts_mod.SETTING: str(DEJAVU)}
    set_print_font(ledger, None)
    assert get_print_font(ledger) is None


@pytest.mark.skipif(not (WQY.exists() and DEJAVU.exists()),
                    reason="needs fonts-wqy-microhei and fonts-dejavu-core (.ci/run installs them)")
def test_characters_outside_the_bmp_print_or_show_a_mark(ledger, make, pdf, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_mod, "_search", lambda setting: (
        [FontCandidate(WQY)], [FontCandidate(DEJAVU)]))
    fonts = load_fonts(None)
    assert fonts.font_for("😀") is not None  # DejaVu Sans has it: drawn from there
    # U+20000 (CJK Extension B) is in neither font: a visible 〓, never a silent gap
    rec = make.add("resource", name="\U00020000字测试", history="扩展B区\U0002A6A5字")
    out = tmp_path / "ext-b.pdf"
    render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
    text = pdf.text(out)
    assert "〓字测试" in text and "扩展B区〓字" in text
