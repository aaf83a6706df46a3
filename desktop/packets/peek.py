"""Reading a packet's machine part only, without its register sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from desktop.packets import reader
from desktop.packets.reader import PacketRefused

__all__ = ["read_meta", "peek_kind"]


def read_meta(path: Path | str) -> dict[str, Any]:
    """The machine part of a packet without reading its register sheets (a county packet of a
    large county takes seconds to read in full; this takes milliseconds). The container checks
    of :func:`read_packet` (size, zip bomb, DTD) run first. Raises :class:`PacketRefused`."""
    # TODO(integration): the reader's public, safe read_meta replaces this body (it calls the
    # reader's private container helpers until then).
    path = Path(path)
    if not path.is_file():
        raise PacketRefused(f"找不到文件：{path}", f"no such file: {path}")
    zf = reader._open_zip(path, reader.LIMITS)
    with zf:
        reader._sheet_members(zf)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except CalamineError as e:
        raise PacketRefused("文件已损坏，无法读取", f"the file cannot be read: {e}") from e
    try:
        return reader._meta(wb)
    finally:
        wb.close()


def peek_kind(path: Path | str) -> str | None:
    """``county``, ``receipt``, ``restore`` or ``reference``; None if the file cannot be read as
    a packet (the full read then says why)."""
    try:
        return str(read_meta(path).get("packet_kind") or "") or None
    except (PacketRefused, OSError, ValueError):
        return None
