"""Where the English catalogue comes from when the program is installed, not run from a checkout.

An installed wheel carries the compiled ``.qm`` (built by ``setup.py``) and no ``.ts``; one
built without ``lrelease`` carries the ``.ts``, and its site-packages may be read-only, so the
``.qm`` is compiled into the per-user cache. Either way the window must speak English.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui import i18n

SOURCE_TS = i18n.ts_path("en")


@pytest.fixture
def installed(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An installed package's resources folder and a per-user cache, both in ``tmp_path``;
    Chinese again afterwards."""
    resources = tmp_path / "site-packages" / "desktop" / "resources"
    (resources / "translations").mkdir(parents=True)
    monkeypatch.setattr(i18n, "resources_dir", lambda: resources)
    monkeypatch.setattr(i18n, "user_cache_dir", lambda: tmp_path / "cache")
    try:
        yield resources
    finally:
        i18n.install("zh")


def _no_lrelease(lang: str = "en", target: Path | None = None) -> Path:
    raise AssertionError("the catalogue was compiled again")


def test_english_from_a_read_only_install_is_compiled_into_the_user_cache(
        installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy2(SOURCE_TS, installed / "translations" / SOURCE_TS.name)
    # The .qm beside the .ts cannot be written (root ignores permission bits, so its name is
    # taken by a folder).
    (installed / "translations" / "giledger_en.qm").mkdir()
    (installed / "translations").chmod(0o555)
    try:
        assert i18n.install("en")
        assert QCoreApplication.translate("MainWindow", "刷新") == "Refresh"
        cached = tmp_path / "cache" / "translations" / "giledger_en.qm"
        assert cached.is_file()
        # The next start uses the cached catalogue as it is.
        monkeypatch.setattr(i18n, "build_qm", _no_lrelease)
        i18n.install("zh")
        assert i18n.install("en")
        assert QCoreApplication.translate("MainWindow", "刷新") == "Refresh"
    finally:
        (installed / "translations").chmod(0o755)


def test_a_shipped_catalogue_without_its_source_is_loaded_as_it_is(
        installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ts = shutil.copy2(SOURCE_TS, installed / "translations" / SOURCE_TS.name)
    i18n.build_qm("en")
    Path(ts).unlink()  # as setup.py ships it: the .qm alone
    monkeypatch.setattr(i18n, "build_qm", _no_lrelease)
    assert i18n.install("en")
    assert QCoreApplication.translate("MainWindow", "刷新") == "Refresh"
    assert not (tmp_path / "cache").exists()
