"""``giledger --self-test``: the core self-test plus the window, in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.app import wants_cli, wants_self_test

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("argv", "self_test"), [
    (["--self-test"], True),
    (["--db", "x.db", "--self-test"], True),
    (["--db", "--self-test"], False),  # the value of --db
    (["list", "resource", "--self-test"], False),  # after a subcommand: the command's business
    ([], False),
])
def test_wants_self_test(argv: list[str], self_test: bool) -> None:
    assert wants_self_test(argv) is self_test


def test_self_test_is_not_a_subcommand() -> None:
    assert wants_cli(["--self-test"]) is False


def test_self_test_passes_in_a_fresh_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("GILEDGER_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", "from ui.app import main; raise SystemExit(main(['--self-test']))"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "self-test passed" in out.stdout
    assert "ok: main window built and drawn" in out.stdout
