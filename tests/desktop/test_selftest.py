"""The core self-test (``giledger --self-test`` without the window)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from desktop import selftest
from desktop.selftest import DB_NAME, SelfTestFailed, run_self_test


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder where tempfile makes its folders during the test."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_self_test_passes_and_leaves_nothing_behind(temp_root: Path, monkeypatch) -> None:
    monkeypatch.delenv("GILEDGER_DB", raising=False)
    seen: list[str] = []
    lines = run_self_test(progress=seen.append)
    assert lines == seen
    assert len(lines) >= 8
    assert all(line.startswith("ok: ") for line in lines)
    text = "\n".join(lines)
    assert "130125" in text and "行唐县" in text and "towns" in text
    assert "0 errors" in text and "4 audit rows" in text and "reopened" in text
    assert list(temp_root.iterdir()) == []


def test_self_test_in_a_given_folder_keeps_its_database(tmp_path: Path) -> None:
    lines = run_self_test(directory=tmp_path / "st")
    assert lines[-1].startswith("ok: core self-test done")
    assert (tmp_path / "st" / DB_NAME).is_file()
    assert (tmp_path / "st" / "backups").is_dir()


def test_self_test_refuses_to_reuse_a_database(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    with pytest.raises(SelfTestFailed, match="new file"):
        run_self_test(directory=tmp_path)


def test_a_failing_step_raises_and_still_cleans_up(temp_root: Path, monkeypatch) -> None:
    monkeypatch.setattr(selftest, "OFFICE", "130124")  # retired (栾城县 → 130111): unknown now
    with pytest.raises(SelfTestFailed, match="130124"):
        run_self_test()
    assert list(temp_root.iterdir()) == []
