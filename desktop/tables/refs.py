"""References by natural key: an annual report's enterprise by USCC or name (or id), a mark
user's GI by name, a candidate's resource by name …"""

from __future__ import annotations

from desktop.fields import FieldType, Kind
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.registers import get_kind
from desktop.tables import aliases

__all__ = ["References", "natural_keys"]


def natural_keys(kind: Kind) -> list[str]:
    """The fields a record of ``kind`` is found by when a file names it: its USCC fields,
    then its title field (the id always)."""
    keys = [f.key for f in kind.fields if f.type is FieldType.USCC]
    title = kind.field(kind.title_field)
    if title.type in (FieldType.TEXT, FieldType.USCC) and kind.title_field not in keys:
        keys.append(kind.title_field)
    return keys


class References:
    """The live records of the referenced registers, indexed once by id and natural keys.
    Records of this office are preferred; another office's are found when none here is."""

    def __init__(self, ledger: Ledger):
        self._ledger = ledger
        self._index: dict[str, tuple[set[str], dict[str, list[tuple[str, bool]]]]] = {}

    def _built(self, kind_key: str) -> tuple[set[str], dict[str, list[tuple[str, bool]]]]:
        if kind_key not in self._index:
            kind = get_kind(kind_key)
            ids: set[str] = set()
            by_key: dict[str, list[tuple[str, bool]]] = {}
            keys = natural_keys(kind)
            own = self._ledger.office.code
            for rec in self._ledger.list(kind_key):
                ids.add(rec.id)
                for key in keys:
                    value = rec.values.get(key)
                    if value is not None:
                        by_key.setdefault(aliases.normalise(str(value)), []).append((rec.id, rec.office_code == own))
            self._index[kind_key] = (ids, by_key)
        return self._index[kind_key]

    def resolve(self, kind_key: str, text: str) -> tuple[str | None, Text | None]:
        """(record id, None), or (None, why not: not found, or several match)."""
        ids, by_key = self._built(kind_key)
        if text in ids:
            return text, None
        kind = get_kind(kind_key)
        found = list(dict.fromkeys(by_key.get(aliases.normalise(text), [])))
        own = [rid for rid, here in found if here]
        chosen = own or [rid for rid, _here in found]
        if len(chosen) == 1:
            return chosen[0], None
        keys = "、".join(kind.field(k).zh for k in natural_keys(kind))
        keys_en = ", ".join(kind.field(k).en for k in natural_keys(kind))
        if not chosen:
            return None, Text(f"找不到“{text}”对应的{kind.zh}（按编号、{keys}查找）",
                              f"no {kind.en} {text!r} (looked up by id, {keys_en})")
        listed = "、".join(chosen[:5])
        return None, Text(f"“{text}”对应多条{kind.zh}（{listed}），请改填编号",
                          f"{text!r} matches several {kind.en} records ({', '.join(chosen[:5])}): give the id")
