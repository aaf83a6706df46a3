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


def find_lrelease() -> str | None:
    """A Qt ``lrelease``: a native one on the PATH, else PySide6's, else PySide6's wrapper."""
    for name in ("lrelease-qt6", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    try:
        import PySide6  # only present in a build without isolation
    except ImportError:
        pass
    else:
        folder = Path(PySide6.__file__).resolve().parent
        for candidate in (folder / "lrelease", folder / "lrelease.exe"):
            if candidate.is_file():
                return str(candidate)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm``; False (and a warning) when no lrelease can do it."""
    tool = find_lrelease()
    if tool is None:
        log.warning("lrelease not found: shipping %s, compiled on first use", ts.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=300,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("%s could not compile %s (%s): shipping the .ts", tool, ts.name, e)
        qm.unlink(missing_ok=True)
        return False
    if not qm.is_file() or qm.stat().st_size == 0:
        log.warning("%s wrote no %s: shipping the .ts", tool, qm.name)
        qm.unlink(missing_ok=True)
        return False
    return True


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
