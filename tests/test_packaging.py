"""The wheel: what ``pip install .`` installs must be the whole program.

The wheel is built once (from a copy of the checkout in a temporary folder, with the installed
setuptools and no network: ``pip wheel --no-build-isolation``) and looked into: every package
of ``db/``, ``desktop/`` and ``ui/``, the resources, the compiled translation. Then it is
unpacked into a folder outside the checkout and the command line runs from there, the way an
installed program runs (``.ci/run`` also installs it into a fresh virtual environment, see
``.ci/wheel_round.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
PACKAGE_ROOTS = ("db", "desktop", "ui")
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "resources",
                *PACKAGE_ROOTS)
"""What the build reads (a copy, so that build/ and *.egg-info never land in the checkout)."""


def _copy_inputs(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm")
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = REPO / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout."""
    import setuptools

    major = int(setuptools.__version__.split(".")[0])
    assert major >= 77, (f"setuptools {setuptools.__version__} cannot build the wheel: "
                         'python -m pip install -e ".[test]" brings setuptools>=77')
    work = tmp_path_factory.mktemp("wheel")
    src, dist = work / "src", work / "dist"
    _copy_inputs(src)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(dist), str(src)],
        cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = dist.glob("gi_ledger-*.whl")
    return found


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked as site-packages would hold it."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    return site


def _source_packages() -> list[Path]:
    """Every folder under db/, desktop/, ui/ that holds Python code (relative to the repo)."""
    folders = {p.parent.relative_to(REPO) for root in PACKAGE_ROOTS
               for p in (REPO / root).rglob("*.py") if "__pycache__" not in p.parts}
    return sorted(folders)


def test_every_package_and_module_is_in_the_wheel(names: set[str]) -> None:
    packages = _source_packages()
    assert Path("desktop/packets") in packages and Path("ui/packets") in packages
    missing = [f"{folder.as_posix()}/__init__.py" for folder in packages
               if f"{folder.as_posix()}/__init__.py" not in names]
    assert not missing, f"package folders left out of the wheel (or without __init__.py): {missing}"
    modules = [p.relative_to(REPO).as_posix() for root in PACKAGE_ROOTS
               for p in (REPO / root).rglob("*.py") if "__pycache__" not in p.parts]
    assert [m for m in modules if m not in names] == []


def test_the_wheel_holds_only_the_program(wheel: Path, names: set[str]) -> None:
    tops = {n.split("/")[0] for n in names}
    (info,) = [t for t in tops if t.endswith(".dist-info")]
    assert tops - {info} == {"db", "desktop", "ui"}
    assert info.startswith("gi_ledger-")
    with zipfile.ZipFile(wheel) as z:
        entry_points = z.read(f"{info}/entry_points.txt").decode()
    assert "giledger = ui.app:main" in entry_points


def test_resources_are_in_the_wheel_whole(wheel: Path) -> None:
    shipped = [p for p in (REPO / "resources").rglob("*")
               if p.is_file() and p.suffix not in (".qm", ".ts")]
    assert (REPO / "resources/divisions/towns.tsv") in shipped
    with zipfile.ZipFile(wheel) as z:
        for source in shipped:
            name = "desktop/resources/" + source.relative_to(REPO / "resources").as_posix()
            assert z.read(name) == source.read_bytes(), name


def test_the_wheel_ships_the_compiled_translation(qapp, unpacked: Path) -> None:
    from PySide6.QtCore import QTranslator

    folder = unpacked / "desktop/resources/translations"
    assert sorted(p.name for p in folder.iterdir()) == ["giledger_en.qm"]
    translator = QTranslator()
    assert translator.load(str(folder / "giledger_en.qm"))
    assert translator.translate("MainWindow", "刷新") == "Refresh"


# Python code run against the unpacked wheel only: PYTHONPATH puts it first, and the finders
# of an editable install of the checkout (setuptools' "__editable__..." modules, which would
# supply a package the wheel lacks) are taken out.
_WITHOUT_CHECKOUT = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if not "
                     "getattr(f, '__module__', '').startswith('__editable__')]; ")


def _python(site: Path, cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GILEDGER_DB")}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-c", _WITHOUT_CHECKOUT + code, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_unpacked_wheel_runs_without_the_checkout(unpacked: Path, tmp_path: Path) -> None:
    done = _python(unpacked, tmp_path, "import desktop.packets, ui.packets, desktop.paths as p; "
                   "print(desktop.packets.__file__); print(ui.packets.__file__); print(p.resources_dir())")
    assert done.returncode == 0, done.stderr
    where = done.stdout
    lines = where.split()
    assert all(Path(line).is_relative_to(unpacked) for line in lines), where
    assert Path(lines[-1]) == unpacked / "desktop/resources"

    db = str(tmp_path / "county.db")
    for args in (["init", "--office", "130125"], ["demo", "--size", "small"],
                 ["export-packet", "-o", str(tmp_path / "packet.xlsx")]):
        done = _python(unpacked, tmp_path, "from ui.app import main; sys.exit(main())", "--db", db, *args)
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    assert (tmp_path / "packet.xlsx").stat().st_size > 10_000
