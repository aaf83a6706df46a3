"""How offices head their columns: header normalisation and the aliases of each field."""

from __future__ import annotations

__all__ = ["ALIASES", "ID_HEADERS", "normalise", "without_unit"]

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {}
"""kind key → field key → other headers offices use for it (besides its zh and en labels)."""

ID_HEADERS: tuple[str, ...] = ("编号", "id", "记录编号")


def normalise(header: str) -> str:
    """A header as compared: spaces (full-width too) out, a trailing ``*``/``＊`` out,
    （）→ (), case folded."""
    raise NotImplementedError


def without_unit(header: str) -> str:
    """A normalised header without its bracketed unit (``产量(吨)`` → ``产量``)."""
    raise NotImplementedError
