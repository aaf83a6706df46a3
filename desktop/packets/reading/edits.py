"""Naming what was edited in a packet after export: each changed cell, added row and removed
row, found by comparing the rows read with the exported copy the machine part embeds."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from desktop.packets import format as fmt
from desktop.packets.reading.problems import CellEdit
from desktop.packets.reading.refusal import PacketRefused
from desktop.packets.reading.rows import ParsedRow, RowChunk
from desktop.registers import REGISTRY

if TYPE_CHECKING:
    from desktop.packets.reader import Packet

__all__ = ["name_edits"]


def name_edits(packet: Packet, rows: Iterable[tuple[str, RowChunk | Iterable[ParsedRow]]]) -> None:
    """Name each edited cell, added row and removed row of an edited packet, from the embedded
    exported copy: ``rows`` are the packet's rows again, ``(register key, rows)`` in any order
    and chunking. Raises :class:`PacketRefused` if the embedded copy is not the signed one."""
    try:
        data = zlib.decompress(base64.b64decode(packet.meta.get("data", "")))
    except (ValueError, zlib.error) as e:
        raise PacketRefused("数据包信息已损坏（原始数据无法解开）", f"the embedded copy is damaged: {e}") from e
    exported = fmt.ContentDigest()
    for raw in data.splitlines(keepends=True):
        exported.update(raw)
    if exported.hexdigest() != packet.meta.get("content_hash"):
        raise PacketRefused("数据包信息与签名不符（已损坏或被伪造）",
                            "the embedded copy does not match the signed hash (damaged or forged)")
    # Each exported line as it is, parsed only for a row that differs. Lines end with "\n" only:
    # splitlines() would also split at U+2028, U+0085, "\x1c" ..., which json.dumps(ensure_ascii=
    # False) leaves unescaped inside a value.
    original: dict[tuple[str, str], str] = {}
    for text in data.decode("utf-8").split("\n"):
        if text:
            kind_key, rid, *_values = json.loads(text)
            original[(kind_key, str(rid))] = text
    del data
    seen: set[tuple[str, str]] = set()
    by_kind = {s.get("kind"): s for s in packet.meta.get("sheets", [])}
    for kind_key, chunk in rows:
        sheet = by_kind[kind_key]
        columns = {c.key: c for c in fmt.sheet_columns(REGISTRY[kind_key])}
        keys = sheet["columns"]
        found: Iterable[tuple[str | None, int, Sequence[str | None]]] = (
            zip(chunk.ids, chunk.numbers, zip(*chunk.canon, strict=True), strict=True)
            if isinstance(chunk, RowChunk)
            else ((row.id, row.row, row.canon) for row in chunk))
        for rid, number, canon in found:
            line = original.get((kind_key, rid or ""))
            if rid is None or line is None:
                packet.added_rows.append((sheet["name"], number))
                continue
            seen.add((kind_key, rid))
            old = json.loads(line)[1:]
            if old == list(canon):
                continue
            for n, key in enumerate(keys):
                if old[n] != canon[n]:
                    packet.edits.append(CellEdit(sheet["name"], number, columns[key].zh,
                                                 _show(old[n]), _show(canon[n])))
    for kind_key, rid in original:
        if (kind_key, rid) not in seen:
            packet.removed_rows.append((by_kind.get(kind_key, {}).get("name", kind_key), rid))


def _show(canon: str | None) -> str:
    if canon is None:
        return "（空）"
    return canon[1:] if canon.startswith("\u0000") else canon
