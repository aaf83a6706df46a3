"""The machine part of a packet: read from its hidden sheet (:func:`meta_of`), alone and safely
(:func:`read_meta`, the quick look at a file before it is read whole), and its signature."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from desktop.packets import format as fmt
from desktop.packets.reading.container import open_zip, workbook_sheets
from desktop.packets.reading.guard import fixed_bounds
from desktop.packets.reading.refusal import LIMITS, Limits, PacketRefused, check_input, not_a_packet
from desktop.packets.reading.scan import scan_sheet
from desktop.packets.reading.workbook import Workbook, unreadable
from desktop.packets.writer import canonical_meta

__all__ = ["meta_of", "sheet_order", "signature_ok", "read_meta", "peek_kind"]


def meta_of(wb: CalamineWorkbook | Workbook) -> dict[str, Any]:
    """The machine part of an open workbook. Raises :class:`PacketRefused` for a workbook that
    is not a packet, or whose machine part is damaged or too new."""
    if fmt.META_SHEET not in wb.sheet_names:
        if fmt.COVER in wb.sheet_names:  # a packet's sheets copied or re-saved without the hidden one
            raise not_a_packet(
                f"这个表格不是完整的地标台账数据包：有“{fmt.COVER}”，但没有隐藏的校验部分"
                "（可能是复制工作表或另存时丢失了），无法核对签名",
                f"this workbook is not a whole GI Ledger packet: it has a {fmt.COVER} sheet but not the "
                "hidden machine part (lost when sheets were copied or saved elsewhere), so its "
                "signature cannot be checked")
        raise not_a_packet("这个表格不是地标台账数据包，而是一个普通的 Excel 表格：没有“封面”，也没有隐藏的校验部分",
                           "this workbook is not a GI Ledger packet but an ordinary spreadsheet: it has "
                           "no 封面 (cover) sheet and no hidden machine part")
    try:
        cells = wb.get_sheet_by_name(fmt.META_SHEET).to_python()
    except PacketRefused:
        raise
    except BaseException as e:  # the sheet is there but cannot be read: a damaged file
        refusal = unreadable(e, "the file cannot be read")
        if refusal is e:
            raise
        raise refusal from e
    column = [row[0] if row else "" for row in cells]
    if not column or column[0] != fmt.FORMAT:
        raise not_a_packet("这个表格不是地标台账数据包（隐藏部分的标识不符）",
                           "this workbook is not a GI Ledger packet (wrong marker in the hidden part)")
    try:
        meta = json.loads("".join(str(c) for c in column[1:] if c))
    except json.JSONDecodeError as e:
        raise PacketRefused("数据包信息已损坏", f"the machine part is damaged: {e}") from e
    if not isinstance(meta, dict) or meta.get("format") != fmt.FORMAT:
        raise not_a_packet("这个表格不是地标台账数据包（隐藏部分的格式不符）",
                           "this workbook is not a GI Ledger packet (the hidden part's format)")
    try:
        version = int(meta.get("format_version", 0))
    except (TypeError, ValueError):
        raise PacketRefused("数据包信息已损坏（格式版本无法读取）", "the machine part is damaged: its format version "
                            f"{str(meta.get('format_version'))[:40]!r} is not a number") from None
    if version > fmt.FORMAT_VERSION:
        raise PacketRefused("数据包由更新版本的地标台账生成，请先升级",
                            "the packet was made by a newer GI Ledger; upgrade first")
    return meta


def sheet_order(meta: dict[str, Any], names: list[str]) -> list[str]:
    """The register sheets in the order they will be read (those that are there); [] if the
    machine part is too odd to tell (it is refused later, where the sheets are read)."""
    try:
        return [s["name"] for s in meta.get("sheets") or []
                if isinstance(s.get("name"), str) and s["name"] in names]
    except Exception:  # noqa: BLE001 - only a guess for reading ahead
        return []


def signature_ok(meta: dict[str, Any]) -> bool:
    """Whether the machine part's signature is that of its public key."""
    from desktop import keys

    key, signature = meta.get("public_key"), meta.get("signature")
    return bool(key and signature and keys.verify(key, signature, canonical_meta(meta)))


def read_meta(path: Path | str, *, limits: Limits = LIMITS) -> dict[str, Any]:
    """The machine part of a packet without reading its register sheets (a county packet of a
    large county takes seconds to read in full; this takes milliseconds). The checks of
    :func:`desktop.packets.reader.open_packet` on the way to it run first: the path is a regular
    file, the container (size, zip bomb, every member's header, flags and method, DTD), the
    machine part's sheet scanned (no cell far out). Raises :class:`PacketRefused`, for a
    damaged member too (naming it)."""
    path = check_input(path)
    with open_zip(path, limits) as zf:
        members = {s.name: s.member for s in workbook_sheets(zf)}
        member = members.get(fmt.META_SHEET)
        if member is not None and member in set(zf.namelist()):
            scan_sheet(zf, member, fmt.META_SHEET, fixed_bounds(limits))
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except BaseException as e:
        refusal = unreadable(e, "the file cannot be read")
        if refusal is e:
            raise
        raise refusal from e
    try:
        return meta_of(wb)
    finally:
        wb.close()


def peek_kind(path: Path | str) -> str | None:
    """``county``, ``receipt``, ``restore`` or ``reference``; None if the file cannot be read as
    a packet (reading it then says why)."""
    try:
        return str(read_meta(path).get("packet_kind") or "") or None
    except PacketRefused:
        return None
