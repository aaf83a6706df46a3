"""CI: the program as a user installs it: a wheel in a fresh virtual environment, not the checkout.

    python .ci/wheel_round.py [--work DIR] [--keep]

1. copies the checkout's files (git's tracked and untracked-not-ignored ones) into a
   temporary folder and builds the wheel there as ``pip install .`` would (isolated build;
   PySide6's ``lrelease`` is put on the PATH so the wheel carries the compiled translation);
2. checks the wheel: every package of db/, desktop/, ui/, the resources, the ``.qm``;
3. makes a virtual environment in the temporary folder and installs the wheel into it (its
   dependencies from the package index; pip's cache is reused);
4. from a folder outside the checkout, with no PYTHONPATH and a throw-away HOME, runs
   ``giledger --self-test`` (must print "self-test passed") and a command-line round: a demo
   county (init, demo, export-packet), a county with records typed in by ``add`` and its
   packet, a city (init, import-packet of that packet, list, check; the demo county's packet
   must be refused, exit 3, as demo data), a blank form printed. Every other step must exit 0;
5. builds a second wheel with no lrelease on the PATH (it ships the .ts), installs it over the
   first and runs the self-test with the resources folder mounted read-only where the machine
   allows (Linux, root): English must come from the .qm compiled into the per-user cache.

Prints one line per step and "wheel-round: N passed, 0 failed" at the end; exits 1 at the
first failure with the step's output. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE_ROOTS = ("db", "desktop", "ui")
DEMO_COUNTY = "130125"  # 行唐县, the demo's county
TYPED_COUNTY = "130126"  # 灵寿县: records typed in with `giledger add`
CITY = "130100"  # 石家庄市
RESOURCES = [
    {"name": "灵寿大枣", "attribute": "种植/养殖产品", "category": "初级农产品", "tier": "培育",
     "survey_date": "2026-05-01"},
    {"name": "灵寿金针菇", "attribute": "种植/养殖产品", "category": "初级农产品", "tier": "挖掘",
     "survey_date": "2026-05-02"},
]


class StepFailed(Exception):
    """A step of the round did not do what it must."""


class Round:
    """Runs the steps, prints one line each, counts them."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.passed = 0
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(self, what: str, argv: Sequence[str | Path], *, cwd: Path, env: dict[str, str] | None = None,
            expect: str | None = None, timeout: int = 900) -> str:
        started = time.perf_counter()
        try:
            done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env or self.env, text=True,
                                  capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise StepFailed(f"{what}: {e}") from e
        output = done.stdout + done.stderr
        if done.returncode != 0:
            raise StepFailed(f"{what}: exit code {done.returncode}\n$ {' '.join(map(str, argv))}\n{output}")
        if expect is not None and expect not in done.stdout:
            raise StepFailed(f"{what}: the output lacks {expect!r}\n{output}")
        self.ok(f"{what} ({time.perf_counter() - started:.1f}s)")
        return done.stdout

    def run_refused(self, what: str, argv: Sequence[str | Path], *, cwd: Path,
                    env: dict[str, str] | None = None) -> str:
        """Run a command that must be refused (exit code 3); its output."""
        started = time.perf_counter()
        try:
            done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env or self.env, text=True,
                                  capture_output=True, timeout=900, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise StepFailed(f"{what}: {e}") from e
        output = done.stdout + done.stderr
        if done.returncode != 3 or "Traceback" in output:
            raise StepFailed(f"{what}: exit code {done.returncode} (3 wanted)\n{output}")
        self.ok(f"{what} ({time.perf_counter() - started:.1f}s)")
        return output

    def ok(self, what: str) -> None:
        self.passed += 1
        print(f"ok: {what}", flush=True)


def copy_checkout(dest: Path) -> None:
    """The checkout's files as git sees them (no build/, *.egg-info, caches or databases)."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], check=True, capture_output=True).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def pyside6_dir() -> Path | None:
    """PySide6's folder (holds ``lrelease``) in the Python running this script, if any."""
    try:
        import PySide6
    except ImportError:
        return None
    return Path(PySide6.__file__).resolve().parent


def check_wheel(wheel: Path) -> str:
    """Every package folder of the checkout, the resources and the translation are in it."""
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for root in PACKAGE_ROOTS:
        for folder in sorted({p.parent for p in (REPO / root).rglob("*.py")}):
            if "__pycache__" in folder.parts:
                continue
            init = folder.relative_to(REPO).as_posix() + "/__init__.py"
            if init not in names:
                missing.append(init)
    for source in sorted((REPO / "resources").rglob("*")):
        if source.is_file() and source.suffix not in (".qm", ".ts"):
            name = "desktop/resources/" + source.relative_to(REPO / "resources").as_posix()
            if name not in names:
                missing.append(name)
    for qm in ("desktop/resources/translations/giledger_en.qm",):
        if qm not in names:
            missing.append(qm)
    if missing:
        raise StepFailed(f"{wheel.name} lacks: {', '.join(missing)}")
    return f"{wheel.name}: {len(names)} files, every package, resources and giledger_en.qm"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def venv_script(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (f"{name}.exe" if os.name == "nt" else name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="giledger-wheel-"))
    work.mkdir(parents=True, exist_ok=True)
    if REPO in (work.resolve(), *work.resolve().parents):
        print(f"the work folder must be outside the checkout: {work}", file=sys.stderr)
        return 2
    r = Round(work)
    try:
        _round(r, work)
    except StepFailed as e:
        print(f"FAILED: {e}", file=sys.stderr, flush=True)
        print(f"wheel-round: {r.passed} passed, 1 failed", flush=True)
        return 1
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"wheel-round: {r.passed} passed, 0 failed", flush=True)
    return 0


def _round(r: Round, work: Path) -> None:
    src, dist, venv, run, home = (work / n for n in ("src", "dist", "venv", "run", "home"))
    copy_checkout(src)
    r.ok(f"checkout copied to {src}")

    build_env = dict(r.env)
    found = pyside6_dir()
    if found is not None:  # a native lrelease for the isolated build (see setup.py)
        build_env["PATH"] = os.pathsep.join([str(found), build_env.get("PATH", "")])
    r.run("wheel built (pip wheel, isolated)",
          [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", dist, src],
          cwd=work, env=build_env)
    wheels = sorted(dist.glob("gi_ledger-*.whl"))
    if len(wheels) != 1:
        raise StepFailed(f"expected one wheel in {dist}, found {[w.name for w in wheels]}")
    r.ok(check_wheel(wheels[0]))

    r.run("virtual environment made", [sys.executable, "-m", "venv", venv], cwd=work)
    py = venv_python(venv)
    r.run("wheel installed with its dependencies", [py, "-m", "pip", "install", "-q", wheels[0]],
          cwd=work)

    run.mkdir()
    env = dict(r.env, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"),
               GILEDGER_CLERK="CI")
    env.pop("GILEDGER_DB", None)
    where = r.run("imports come from the virtual environment", [py, "-c", _WHERE], cwd=run, env=env)
    inside = [line for line in where.splitlines() if line.strip()]
    if not inside or any(not Path(p).resolve().is_relative_to(venv.resolve()) for p in inside):
        raise StepFailed(f"not imported from {venv}:\n{where}")
    print("   " + "\n   ".join(inside), flush=True)

    giledger = venv_script(venv, "giledger")

    def cli(what: str, *args: str | Path, expect: str | None = None) -> str:
        return r.run(what, [giledger, *args], cwd=run, env=env, expect=expect)

    cli("giledger --self-test", "--self-test", expect="self-test passed")

    cli(f"county {DEMO_COUNTY}: init", "--db", "demo.db", "init", "--office", DEMO_COUNTY)
    cli("county: demo --size small", "--db", "demo.db", "demo", "--size", "small")
    cli("county: export-packet", "--db", "demo.db", "export-packet", "-o", "demo.xlsx")

    cli(f"county {TYPED_COUNTY}: init", "--db", "county.db", "init", "--office", TYPED_COUNTY)
    for values in RESOURCES:
        sets = [a for k, v in values.items() for a in ("--set", f"{k}={v}")]
        cli(f"county: add resource {values['name']}", "--db", "county.db", "add", "resource", *sets)
    cli("county: export-packet", "--db", "county.db", "export-packet", "-o", "county.xlsx")

    cli(f"city {CITY}: init", "--db", "city.db", "init", "--office", CITY)
    cli("city: import-packet", "--db", "city.db", "import-packet", "county.xlsx")
    listed = json.loads(cli("city: list resource", "--db", "city.db", "list", "resource", "--json")
                        or "[]")
    names = sorted(str(rec.get("name")) for rec in listed if rec.get("office_code") == TYPED_COUNTY)
    if names != sorted(v["name"] for v in RESOURCES):
        raise StepFailed(f"the city holds {names} from {TYPED_COUNTY}, not the records typed in")
    r.ok(f"the city holds the {len(names)} resources of {TYPED_COUNTY}")
    cli("city: check", "--db", "city.db", "check")
    refused = r.run_refused("city: the demo county's packet refused (exit 3)",
                            [giledger, "--db", "city.db", "import-packet", "demo.xlsx"], cwd=run, env=env)
    if "演示数据" not in refused:
        raise StepFailed(f"the refusal of a demo packet does not say it is demo data:\n{refused}")
    cli("county: print survey-blank", "--db", "county.db", "print", "survey-blank", "-o", "blank.pdf")
    if not (run / "blank.pdf").read_bytes().startswith(b"%PDF-"):
        raise StepFailed("print survey-blank wrote no PDF")
    r.ok("the installed program printed a blank survey form")

    _without_lrelease(r, src, work / "dist-ts", venv, env, run)


LRELEASE_NAMES = ("lrelease", "lrelease-qt6", "pyside6-lrelease")


def _without_lrelease(r: Round, src: Path, dist: Path, venv: Path, env: dict[str, str],
                      run: Path) -> None:
    """A wheel built where no lrelease is found ships the .ts; installed read-only, the window
    still speaks English: the .qm is compiled into the per-user cache on first use."""
    build_env = dict(r.env)
    build_env["PATH"] = os.pathsep.join(
        d for d in build_env.get("PATH", "").split(os.pathsep)
        if d and not any((Path(d) / n).exists() or (Path(d) / f"{n}.exe").exists()
                         for n in LRELEASE_NAMES))
    r.run("wheel built without lrelease on the PATH",
          [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", dist, src],
          cwd=r.work, env=build_env)
    (wheel,) = dist.glob("gi_ledger-*.whl")
    translations = sorted(n for n in zipfile.ZipFile(wheel).namelist() if "/translations/" in n)
    if translations != ["desktop/resources/translations/giledger_en.ts"]:
        raise StepFailed(f"a wheel built without lrelease holds {translations}")
    r.ok("it ships the .ts in place of the .qm")
    py = venv_python(venv)
    r.run("that wheel installed over the first", [py, "-m", "pip", "install", "-q", "--no-deps",
                                                  "--force-reinstall", wheel], cwd=r.work)
    resources = Path(r.run("its resources folder", [py, "-c", "from desktop.paths import "
                                                    "resources_dir; print(resources_dir())"],
                           cwd=run, env=env).strip())
    argv: list[str | Path] = [venv_script(venv, "giledger"), "--self-test"]
    read_only = _read_only_prefix(resources)
    what = "self-test, English compiled on first use"
    if read_only:
        argv, what = [*read_only, *argv], what + " (resources folder mounted read-only)"
    r.run(what, argv, cwd=run, env=env, expect="self-test passed")
    if read_only:
        cached = Path(env["XDG_CACHE_HOME"]) / "giledger" / "translations" / "giledger_en.qm"
        if not cached.is_file() or (resources / "translations" / "giledger_en.qm").exists():
            raise StepFailed(f"the .qm was not compiled into the per-user cache ({cached})")
        r.ok(f"English came from {cached}")


def _read_only_prefix(folder: Path) -> list[str]:
    """A command prefix that runs the rest with ``folder`` mounted read-only (Linux, root,
    a private mount namespace), or [] where that cannot be done here."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"):
        return []
    prefix = ["unshare", "-m", "sh", "-c",
              'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"',
              "sh", str(folder)]
    probe = subprocess.run([*prefix, "sh", "-c", f'! touch "{folder}/.probe" 2>/dev/null'],
                           capture_output=True, timeout=60)
    return prefix if probe.returncode == 0 else []


_WHERE = """
import db, desktop, ui, desktop.packets, ui.packets
from desktop.paths import resources_dir
for m in (db, desktop, ui, desktop.packets, ui.packets):
    print(m.__file__)
print(resources_dir())
"""

if __name__ == "__main__":
    sys.exit(main())
