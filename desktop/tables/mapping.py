"""The proposed mapping of a table's columns to a register's fields, shown to the clerk to
confirm or change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from desktop.fields import Kind
from desktop.messages import Text
from desktop.tables import aliases
from desktop.tables.model import ID_KEY, ColumnChoice, ColumnMapping, Table, TableRefused

__all__ = ["propose_mapping", "header_key", "field_choices", "NOT_IMPORTED", "check_field_key"]

NOT_IMPORTED = ("", "-", "none", "不导入")
"""What ``--map "表头="`` (or ``=-``) gives for a column left out."""


def _candidates(kind: Kind) -> dict[str, tuple[str, float, Text]]:
    """normalised header → (field key, confidence, why), the best reason kept per header."""
    out: dict[str, tuple[str, float, Text]] = {}

    def put(text: str, key: str, confidence: float, why: Text) -> None:
        norm = aliases.normalise(text)
        if norm and (norm not in out or out[norm][1] < confidence):
            out[norm] = (key, confidence, why)

    for text in aliases.ID_HEADERS:
        put(text, ID_KEY, 1.0, Text(f"“{text}”是记录编号", f"{text!r} is the record id"))
    for f in kind.fields:
        put(f.zh, f.key, 1.0, Text(f"与字段名“{f.zh}”相同", f"the field's Chinese label {f.zh!r}"))
        put(f.en, f.key, 1.0, Text(f"与英文字段名“{f.en}”相同", f"the field's English label {f.en!r}"))
        put(f.key, f.key, 1.0, Text(f"与字段键“{f.key}”相同", f"the field key {f.key!r}"))
    for f in kind.fields:
        for alias in aliases.aliases_of(kind.key, f.key):
            if kind.has_field(f.key):
                put(alias, f.key, 0.9, Text(f"“{alias}”是“{f.zh}”的常用说法", f"{alias!r} is a usual name of {f.en}"))
    for f in kind.fields:
        for label in (f.zh, f.en):
            bare = aliases.without_unit(label)
            if bare and bare not in out:
                out[bare] = (f.key, 0.7, Text(f"与“{f.zh}”（不计单位）相同", f"{f.en} without its unit"))
    return out


def check_field_key(kind: Kind, key: str) -> str | None:
    """``key`` as a mapping target: a field key of ``kind``, its Chinese label, ``id``, or
    not imported (None). Raises :class:`TableRefused` naming the known keys."""
    if key.strip().casefold() in NOT_IMPORTED:
        return None
    key = key.strip()
    if key == ID_KEY or kind.has_field(key):
        return key
    for f in kind.fields:
        if aliases.normalise(f.zh) == aliases.normalise(key):
            return f.key
    known = ", ".join([ID_KEY, *(f.key for f in kind.fields)])
    raise TableRefused(f"“{kind.zh}”没有字段“{key}”，可用：{known}", f"{kind.en} has no field {key!r}; known: {known}")


def propose_mapping(table: Table, kind: Kind, given: Mapping[str, str] | None = None) -> ColumnMapping:
    """Every column of ``table`` with the field it goes to and why: ``given`` (header →
    field key, from ``--map`` or a saved mapping) first, then the field's Chinese or English
    label, its aliases, the label without its unit; a 编号/ID column → the record id. Each
    field goes to one column at most (the first best). Raises
    :class:`desktop.tables.model.TableRefused` for a given field key the register lacks or a
    given header the table lacks."""
    wanted = {aliases.normalise(h): check_field_key(kind, k) for h, k in (given or {}).items()}
    present = {aliases.normalise(h) for h in table.headers}
    missing = [h for h in (given or {}) if aliases.normalise(h) not in present]
    if missing:
        shown = "、".join(h for h in table.headers if h)
        raise TableRefused(f"工作表“{table.sheet}”的表头中没有“{'、'.join(missing)}”（表头：{shown}）",
                           f"sheet {table.sheet!r} has no column headed {', '.join(map(repr, missing))} "
                           f"(headers: {shown})")
    candidates = _candidates(kind)
    proposals: list[tuple[int, str | None, float, Text]] = []
    for j, header in enumerate(table.headers):
        norm = aliases.normalise(header)
        if norm in wanted:
            key = wanted[norm]
            why = (Text("由用户指定", "given by the clerk") if key is not None
                   else Text("由用户指定不导入", "left out by the clerk"))
            proposals.append((j, key, 2.0, why))
            continue
        found = candidates.get(norm) or candidates.get(aliases.without_unit(header))
        if found is None or not header:
            proposals.append((j, None, 0.0, Text("没有对应的字段，不导入", "no field of that name: not imported")))
        else:
            proposals.append((j, found[0], found[1], found[2]))
    taken: dict[str, int] = {}
    for j, key, _confidence, _why in sorted(proposals, key=lambda p: (-p[2], p[0])):
        if key is not None and key not in taken:
            taken[key] = j
    columns = []
    for j, key, confidence, why in proposals:
        if key is not None and taken.get(key) != j:
            other = table.headers[taken[key]]
            columns.append(ColumnChoice(j, table.headers[j], None, Text(
                f"“{other}”列已导入该字段，此列不导入",
                f"column {other!r} already gives this field: not imported"), 0.0))
        else:
            columns.append(ColumnChoice(j, table.headers[j], key, why, min(confidence, 1.0)))
    return ColumnMapping(kind.key, tuple(columns))


def header_key(headers: Sequence[str]) -> str:
    """The digest of a file's normalised headers (a saved mapping is offered again for a
    file with the same); trailing empty headers do not count."""
    norm = [aliases.normalise(h) for h in headers]
    while norm and not norm[-1]:
        norm.pop()
    return hashlib.sha256(json.dumps(norm, ensure_ascii=False).encode("utf-8")).hexdigest()


def field_choices(kind: Kind) -> list[tuple[str, str, str]]:
    """(field key, zh, en) a column may be mapped to (the id first), for the wizard's lists."""
    return [(ID_KEY, "编号", "id"), *((f.key, f.zh, f.en) for f in kind.fields)]
