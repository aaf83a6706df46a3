"""desktop.paths: the shipped resources and the per-user cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop import paths

REPO = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_its_own_resources_folder() -> None:
    assert paths.resources_dir() == REPO / "resources"
    assert (paths.resources_dir() / "divisions" / "towns.tsv").is_file()


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="XDG on Linux and Unix")
def test_user_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.user_cache_dir() == tmp_path / "xdg" / "giledger"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not absolute: ignored (XDG spec)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.user_cache_dir() == tmp_path / "home" / ".cache" / "giledger"
    assert not (tmp_path / "home").exists()  # only said, not made


def test_user_temp_dir_is_the_programs_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Temporary files go to the per-user cache, not the shared system temp folder; the
    environment can move them (the tests do)."""
    monkeypatch.setenv(paths.TEMP_DIR_VARIABLE, str(tmp_path / "private"))
    assert paths.user_temp_dir() == tmp_path / "private"
    monkeypatch.setenv(paths.TEMP_DIR_VARIABLE, "relative")  # not absolute: ignored
    assert paths.user_temp_dir() == paths.user_cache_dir() / "tmp"
    monkeypatch.delenv(paths.TEMP_DIR_VARIABLE)
    assert paths.user_temp_dir() == paths.user_cache_dir() / "tmp"
    assert not (tmp_path / "private").exists()  # only said, not made
