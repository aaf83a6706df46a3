"""What the packets a city sends its counties share (receipts, restore and reference packets):
their results, the cover and log of one written, and the part of their import common to all
three (:class:`ParentPacket`, the kinds' :class:`~desktop.packets.pipeline.PacketHandler`).

A demo or training database marks these packets as it marks its county packets, and a real
county refuses them (:mod:`desktop.practice`). Every import passes the gate all packets pass
(:mod:`desktop.packets.gate`: the sender is this office's parent, the signature holds, the
parent's key is pinned on first sight and a different key later refused unless ``re_enrol``),
and writes in one transaction with its audit rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from db import audit, packets
from db.connection import now_utc
from desktop import keys
from desktop.jobs import CancelCheck, Progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets.export import cover_lines, log_sent
from desktop.packets.gate import LOGGED_AS_SIGNED, pin_sender
from desktop.packets.outcome import LOG_STATUS, MERGE, Outcome
from desktop.packets.pipeline import PacketHandler, name_edited_cells
from desktop.packets.reader import Packet
from desktop.packets.writer import PacketContent, WrittenPacket, write_packet

__all__ = ["SpecialExport", "SpecialImport", "ParentPacket", "RESULT_TEXT", "local_time", "special_cover",
           "write_and_log", "own_log", "archive", "log_outcome"]

log = logging.getLogger(__name__)

RESULT_TEXT = {"merged": ("已合并", "merged"), "nothing": ("无需导入（此前已合并）", "nothing to do (merged before)"),
               "refused": ("拒绝导入", "refused")}
"""What a receipt says the city did with a packet."""


@dataclass(frozen=True)
class SpecialExport:
    """A receipt, restore or reference packet written."""

    path: Path
    packet_kind: str
    office: str
    """The office the packet is about: the county (receipt, restore) or the sender (reference)."""
    office_name: str
    sequence: int
    content_hash: str
    rows: int
    fingerprint: str
    """The sender's key fingerprint (read it out to the county over the phone)."""
    status: str | None = None
    """Receipts: merged / refused / nothing."""
    notes: tuple[Text, ...] = ()
    not_for_reporting: str | None = None
    """``demo`` or ``training``: the packet is marked as such (:mod:`desktop.practice`)."""


@dataclass
class SpecialImport(Outcome):
    """What importing a receipt, restore or reference packet did (or, on a dry run, would do)."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    facts: list[Text] = field(default_factory=list)
    """Kind-specific lines of the report (receipt result, next sequence, new fingerprint)."""
    own_fingerprint: str = ""
    """Restore: this file's (new) key fingerprint, which the city must re-enrol."""
    receipt_status: str = ""
    next_sequence: int = 0


# ---- writing ---------------------------------------------------------------------------------

def local_time(at: str | None) -> str:
    """A stored UTC time as local ``YYYY-MM-DD HH:MM`` (— for none)."""
    if not at:
        return "—"
    try:
        return f"{datetime.fromisoformat(at).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        return at


def special_cover(meta: dict[str, Any], first_label: str,
                  extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The export cover lines, with the sending office under ``first_label`` (出具单位, 下发单位)."""
    lines = cover_lines(meta, extra)
    return [(first_label, lines[0][1]), *lines[1:]]


def write_and_log(ledger: Ledger, target: Path, content: PacketContent, key: packets.OfficeKey,
                  sequence: int, packet_kind: str, office_code: str, progress: Progress,
                  cancelled: CancelCheck) -> WrittenPacket:
    """Write a signed packet and log it as sent (the file is removed if logging fails)."""
    written = write_packet(target, content, lambda m: keys.sign(key, m), progress=progress,
                           cancelled=cancelled)
    try:
        log_sent(ledger, written, sequence, packet_kind, office_code=office_code)
    except BaseException:
        written.path.unlink(missing_ok=True)
        raise
    return written


def own_log(ledger: Ledger, direction: str, office_code: str) -> list[packets.PacketLogEntry]:
    """The packet log's entries of one direction for one office, newest first."""
    return [e for e in packets.packet_log(ledger.db, office_code) if e.direction == direction]


# ---- importing -------------------------------------------------------------------------------

def archive(ledger: Ledger, packet: Packet) -> Path:
    """Keep an imported file as ``packets/received/<sha256>.xlsx`` (once per content)."""
    from desktop.packets.export import archive_received

    return archive_received(ledger, packet.path, packet.file_hash)


def log_outcome(ledger: Ledger, packet: Packet, result: SpecialImport, at: str,
                archived: Path | None = None, *, direction: str | None = None, office: str | None = None,
                sequence: int | None = None, content_hash: str | None = None, status: str | None = None,
                detail: dict[str, Any] | None = None) -> None:
    """The packet-log row and the audit row of one import (refused, nothing, or done)."""
    status = status or LOG_STATUS[result.status]
    info: dict[str, Any] = {"from_office": result.office, **(detail or {})}
    if result.counts:
        info["counts"] = result.counts
    if result.refusals:
        info["refusals"] = result.refusals[:20]
    if result.warnings:
        info["warnings"] = result.warnings[:20]
    if packet.content_hash:
        info[LOGGED_AS_SIGNED] = not packet.edited
    kind = result.packet_kind
    if office is None:
        office = (str(packet.meta.get("for_office") or ledger.office.code) if kind == "receipt"
                  else ledger.office.code if kind == "restore" else result.office or "?")
    packets.log_packet(ledger.db, direction=direction or kind, office_code=office,
                       sequence=sequence if sequence is not None else (result.sequence or None),
                       file_name=packet.path.name,
                       content_hash=content_hash or str(packet.meta.get("content_hash") or "") or None,
                       at=at, status=status, detail=info, file_hash=packet.file_hash,
                       archive_path=str(archived) if archived else None, packet_kind=kind)
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action=f"import-{kind}-{status}",
                 after={"from": result.office, "sequence": result.sequence, "file": packet.path.name,
                        **(detail or {}), **({"counts": result.counts} if result.counts else {})})


class ParentPacket(PacketHandler):
    """The import of a packet from this office's parent: taken only as sent (an edited one is
    refused), all or nothing; the key pinned before the kind's own writes."""

    def edited(self, ledger: Ledger, outcome: Outcome, packet: Packet, cancelled: CancelCheck) -> None:
        name_edited_cells(outcome, packet, cancelled)
        listed = "；".join(e.describe() for e in packet.edits[:20])
        outcome.refuse(f"数据包导出后被修改（{len(packet.edits)} 处）{('：' + listed) if listed else ''}。"
                       "上级单位下发的数据包不接受改动，请向其重新索取",
                       "the packet was edited after export; packets from the parent office are "
                       "taken only as sent: ask for a new copy")

    def problems(self, outcome: Outcome, packet: Packet) -> None:
        outcome.refuse(f"有 {len(packet.problems)} 个单元格或记录无法接受（见问题清单），整个数据包未导入",
                       f"{len(packet.problems)} cell(s) or row(s) cannot be taken (see the problems); "
                       "nothing was imported")

    def apply(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> Path | None:
        assert isinstance(outcome, SpecialImport) and outcome.status == MERGE
        at = now_utc()
        if outcome.pin_needed:
            pin_sender(ledger, outcome, at)
        return self.write(ledger, outcome, packet, at)

    def write(self, ledger: Ledger, result: SpecialImport, packet: Packet, at: str) -> Path | None:
        """What the kind writes once its rows are in (merge state, log ...)."""
        raise NotImplementedError
