"""CI's linter and type checker: ``.ci/run`` runs both, and the project's configuration makes
a stale ``# noqa`` or ``# type: ignore`` fail (ruff's RUF100, mypy's ``warn_unused_ignores``).

Each check runs the tool with the project's ``pyproject.toml`` on a small file in ``tmp_path``
(caches there too), so the test says what the configuration does, not what it contains.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "pyproject.toml"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ci_runs_ruff_and_mypy_after_the_layer_contract() -> None:
    steps = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert "ruff check ." in steps and "mypy" in steps
    assert steps.index("lint-imports") < steps.index("ruff check .") < steps.index("mypy")
    assert steps.index("mypy") < steps.index("python .ci/wheel_round.py")


def test_ruff_refuses_a_stale_noqa_and_an_unexplained_blind_except(tmp_path: Path) -> None:
    if shutil.which("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    (tmp_path / "stale.py").write_text('"""A module."""\n\nVALUE = 1  # noqa: E501\n')
    (tmp_path / "blind.py").write_text('"""A module."""\n\ntry:\n    VALUE = 1\nexcept Exception:\n'
                                       '    VALUE = 0\n')
    # Full-width Chinese punctuation is the code's own style, not a look-alike of ASCII.
    (tmp_path / "fine.py").write_text('"""模块：说明（中文）。"""\n\nLABEL = "名称，编号；日期"\n')
    base = ["ruff", "check", "--no-cache", "--config", str(CONFIG)]
    stale = _run([*base, "stale.py"], tmp_path)
    assert stale.returncode == 1 and "RUF100" in stale.stdout, stale.stdout + stale.stderr
    blind = _run([*base, "blind.py"], tmp_path)
    assert blind.returncode == 1 and "BLE001" in blind.stdout, blind.stdout + blind.stderr
    fine = _run([*base, "fine.py"], tmp_path)
    assert fine.returncode == 0, fine.stdout + fine.stderr


def test_a_stale_type_ignore_and_an_untyped_def_fail_mypy(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    (tmp_path / "desktop").mkdir()  # checked as strictly as the real desktop/
    (tmp_path / "desktop" / "__init__.py").write_text("")
    (tmp_path / "desktop" / "stale.py").write_text("VALUE: int = 1  # type: ignore[assignment]\n")
    (tmp_path / "desktop" / "untyped.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "desktop" / "fine.py").write_text("def f(x: int) -> int:\n    return x\n")
    base = [sys.executable, "-m", "mypy", "--config-file", str(CONFIG),
            "--cache-dir", str(tmp_path / "cache")]
    stale = _run([*base, "desktop/stale.py"], tmp_path)
    assert stale.returncode == 1 and "unused-ignore" in stale.stdout, stale.stdout + stale.stderr
    untyped = _run([*base, "desktop/untyped.py"], tmp_path)
    assert untyped.returncode == 1 and "no-untyped-def" in untyped.stdout, untyped.stdout
    fine = _run([*base, "desktop/fine.py"], tmp_path)
    assert fine.returncode == 0, fine.stdout + fine.stderr


def test_ruff_asks_zip_to_say_strict(tmp_path: Path) -> None:
    """zip() of sequences of one length says strict=True, so a mismatch raises instead of
    cutting the longer one short without a word (B905; only files still being reworked are
    exempt, in per-file-ignores)."""
    if shutil.which("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    (tmp_path / "loose.py").write_text('"""A module."""\n\nPAIRS = list(zip("ab", "cd"))\n')
    (tmp_path / "strict.py").write_text('"""A module."""\n\nPAIRS = list(zip("ab", "cd", strict=True))\n')
    base = ["ruff", "check", "--no-cache", "--config", str(CONFIG)]
    loose = _run([*base, "loose.py"], tmp_path)
    assert loose.returncode == 1 and "B905" in loose.stdout, loose.stdout + loose.stderr
    strict = _run([*base, "strict.py"], tmp_path)
    assert strict.returncode == 0, strict.stdout + strict.stderr
