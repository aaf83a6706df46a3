"""设置 → 打印字体: a TrueType file the forms can use is stored; a CFF font, a missing file
or a file that is not a font is refused with a message, keeping the setting."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from desktop.forms import get_print_font
from ui.pages.settings_page import SettingsPage

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture
def box(qtbot, demo_ledger, qsettings):
    page = SettingsPage(demo_ledger, qsettings, "zh")
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    box = page.print_font
    box.page = page  # keep the page alive as long as the box is used
    return box


def _cff_font(path: Path) -> Path:
    """The header of an OpenType font with CFF outlines (as Noto Sans CJK .otf)."""
    tables = [b"CFF ", b"cmap", b"head"]
    data = b"OTTO" + struct.pack(">HHHH", len(tables), 0, 0, 0)
    data += b"".join(tag + struct.pack(">III", 0, 0, 0) for tag in tables)
    path.write_bytes(data)
    return path


def test_the_settings_page_has_the_print_font_block(box) -> None:
    assert box.isVisible()
    assert box.path.text() == ""
    assert box.status.text()  # which font the forms use now


def test_a_cff_font_is_refused_and_the_setting_kept(box, demo_ledger, tmp_path: Path) -> None:
    assert not box.apply(str(_cff_font(tmp_path / "NotoSansCJK-Regular.otf")))
    assert "CFF" in box.status.text()
    assert not get_print_font(demo_ledger)
    assert box.path.text() == ""


def test_a_missing_file_is_refused(box, demo_ledger, tmp_path: Path) -> None:
    assert not box.apply(str(tmp_path / "nothing.ttf"))
    assert "nothing.ttf" in box.status.text()
    assert not get_print_font(demo_ledger)


@pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei not installed")
def test_a_truetype_font_is_stored_and_shown(box, demo_ledger) -> None:
    assert box.apply(str(WQY))
    assert get_print_font(demo_ledger) == str(WQY)
    assert str(WQY) in box.status.text()
    assert box.apply("")  # 自动: back to searching the machine
    assert not get_print_font(demo_ledger)
