"""Fixtures for the window tests: a demo county ledger and a throw-away QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from db.connection import open_database
from desktop.demo import generate_demo
from desktop.ledger import Ledger

TODAY = date(2026, 11, 21)


@pytest.fixture
def demo_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """County 130125 with the small demo, today fixed at 2026-11-21."""
    db = open_database(tmp_path / "demo.db")
    generate_demo(db, size="small", seed=7, today=TODAY, clerk="测试员")
    ledger = Ledger(db, today=lambda: TODAY)
    yield ledger
    ledger.close()


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    """The UI language of the test (each test runs in both); Chinese again afterwards,
    whatever happens."""
    from ui import i18n

    try:
        assert i18n.install(request.param)
        yield request.param
    finally:
        i18n.install("zh")


@pytest.fixture
def qsettings(tmp_path: Path):
    from ui.settings import app_settings

    return app_settings(tmp_path / "settings.ini")


@pytest.fixture(autouse=True, scope="session")
def _cjk_font(qapp):
    """Chinese glyphs (and symbols) in screenshots, as on a clerk's machine."""
    from ui.fonts import pick_cjk_font, ui_font

    qapp.setFont(ui_font(10))
    return pick_cjk_font()
