"""Build hook: the wheel carries ``resources/`` as ``desktop/resources/``, translation compiled.

Packages and metadata are in ``pyproject.toml``; this file only adds one ``build_py`` step.
``resources/`` stays at the top of the repository (the checkout, an editable install and
``build.spec`` read it there), but a wheel has no place for a top-level data folder, so the
step copies it into the build tree as package data of ``desktop``, where
``desktop.paths.resources_dir()`` looks first.

The Qt Linguist source ``translations/*.ts`` is compiled into the ``.qm`` the program loads,
with ``lrelease`` (Qt's own on the PATH, or the one inside PySide6); the ``.ts`` is then left
out, so the installed catalogue never looks older than its source. Without ``lrelease`` the
``.ts`` is shipped instead and ``ui.i18n`` compiles it on first use (into the per-user cache
when site-packages is read-only). An editable install copies nothing: it reads the checkout.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
TARGET = Path("desktop", "resources")
"""Where ``resources/`` goes inside the wheel (relative to the build folder)."""

log = logging.getLogger("giledger.build")


def lrelease_candidates() -> list[str]:
    """Qt ``lrelease`` programs to try, best first: native ones on the PATH, PySide6's own
    (importable in a build without isolation), PySide6's ``pyside6-lrelease`` wrapper."""
    found = [shutil.which(name) for name in ("lrelease-qt6", "lrelease")]
    try:
        import PySide6
    except ImportError:
        pass
    else:
        folder = Path(PySide6.__file__).resolve().parent
        found += [str(p) for p in (folder / "lrelease", folder / "lrelease.exe") if p.is_file()]
    found.append(shutil.which("pyside6-lrelease"))
    return list(dict.fromkeys(f for f in found if f))


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` with the first lrelease that works; False (and a warning)
    when none does."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    for tool in lrelease_candidates():
        try:
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=300,
                           capture_output=True)
        except (OSError, subprocess.SubprocessError) as e:
            log.warning("%s could not compile %s: %s", tool, ts.name, e)
            continue
        if qm.is_file() and qm.stat().st_size > 0:
            return True
        log.warning("%s wrote no %s", tool, qm.name)
    qm.unlink(missing_ok=True)
    log.warning("no working lrelease: shipping %s, compiled on first use", ts.name)
    return False


class BuildPyWithResources(build_py):
    """``build_py`` that also lays ``resources/`` into the build folder (not when editable)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / TARGET
        if target.exists():  # an earlier build's files (an old .qm beside a new .ts, say)
            shutil.rmtree(target)
        for source in sorted(RESOURCES.rglob("*")):
            if not source.is_file() or source.suffix == ".qm" or "__pycache__" in source.parts:
                continue  # a checkout's .qm is a stale build product: compiled afresh below
            dest = target / source.relative_to(RESOURCES)
            if source.suffix == ".ts" and compile_ts(source, dest.with_suffix(".qm")):
                continue
            self.mkpath(str(dest.parent))
            self.copy_file(str(source), str(dest))


setup(cmdclass={"build_py": BuildPyWithResources})
