"""Reading a packet's machine part only, without its register sheets: the reader's safe
:func:`~desktop.packets.reader.read_meta` and :func:`~desktop.packets.reader.peek_kind` (the
path, the container and the machine part's sheet checked before calamine reads it), under the
import's names."""

from __future__ import annotations

from desktop.packets.reader import peek_kind, read_meta

__all__ = ["read_meta", "peek_kind"]
