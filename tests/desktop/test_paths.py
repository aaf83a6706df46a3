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
