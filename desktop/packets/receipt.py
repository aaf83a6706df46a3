"""Receipts (回执): the city confirms what it did with one county packet (merged, refused, or
nothing to do), taken from its packet log by the packet's content hash. The county imports it
and its sent packet is marked as receipted."""

from __future__ import annotations

import logging
from pathlib import Path

from db import packets
from db.connection import transaction
from desktop import keys, practice
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text, pick
from desktop.packets.export import KIND_TITLES, base_meta, default_packet_name, packets_dir
from desktop.packets.gate import KIND_TEXT, office_label
from desktop.packets.outcome import NOTHING, Outcome
from desktop.packets.parent_packets import (
    RESULT_TEXT,
    ParentPacket,
    SpecialExport,
    SpecialImport,
    local_time,
    log_outcome,
    own_log,
    special_cover,
    write_and_log,
)
from desktop.packets.peek import read_meta
from desktop.packets.reader import Packet, PacketRefused
from desktop.packets.writer import PacketContent

__all__ = ["export_receipt", "make_receipt", "Receipt"]

log = logging.getLogger(__name__)


def export_receipt(ledger: Ledger, packet_path: Path | str, path: Path | str | None = None, *,
                   progress: Progress = no_progress,
                   cancelled: CancelCheck = never_cancelled) -> SpecialExport:
    """Write the signed receipt for a county packet this office has imported (merged, refused
    or found already merged), as its packet log says. Refuses (:class:`PacketRefused`) a file
    that is not a county packet or that was never imported here."""
    meta_in = read_meta(packet_path)
    if meta_in.get("packet_kind") != "county":
        raise PacketRefused("只能为县级报送数据包出具回执，该文件是"
                            f"{KIND_TEXT.get(str(meta_in.get('packet_kind')), ('其他',))[0]}",
                            f"receipts are made for county packets; this is a "
                            f"{meta_in.get('packet_kind')} packet")
    office = str(meta_in.get("office") or "")
    office_name = str(meta_in.get("office_name") or "")
    sequence = int(meta_in.get("sequence") or 0)
    content_hash = str(meta_in.get("content_hash") or "")
    key = keys.office_key(ledger)
    with transaction(ledger.db):
        # The sequence as well as the content: an unchanged county re-exports the same content
        # under the next number, and a receipt must speak of the packet actually imported.
        entries = [e for e in own_log(ledger, "received", office)
                   if e.content_hash == content_hash and e.sequence == sequence]
        if not entries:
            raise PacketRefused(
                f"本单位尚未导入 {office_label(office, office_name)} 的第 {sequence} 号数据包"
                "（数据包记录中没有该内容校验值），不能出具回执。请先导入该数据包，再出具回执",
                f"packet {sequence} of {office} has not been imported here (no entry in the packet "
                "log with its content hash); import it first, then make the receipt")
        rank = {"merged": 0, "nothing": 1, "refused": 2}
        entry = min(entries, key=lambda e: (rank.get(e.status, 3), -e.id))
        status = entry.status if entry.status in RESULT_TEXT else "refused"
        reasons = list((entry.detail or {}).get("refusals") or []) if status == "refused" else []
        meta = base_meta(ledger, "receipt", key)
        meta.update(for_office=office, for_office_name=office_name, for_sequence=sequence,
                    for_content_hash=content_hash, for_file_hash=entry.file_hash, status=status,
                    received_at=entry.at, reasons=reasons[:20])
        target = Path(path) if path else packets_dir(ledger, "receipts") / default_packet_name(
            ledger, "receipt", sequence, office_code=office, office_name=office_name or office)
        result_zh = RESULT_TEXT[status][0]
        if reasons:
            result_zh += "：" + "；".join(pick(r, "zh") for r in reasons[:5])
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["receipt"],
            cover_lines=special_cover(meta, "出具单位", [
                ("单位", office_label(office, office_name)),
                ("数据包", f"第 {sequence} 号数据包"),
                ("内容校验", content_hash[:16]),
                ("收到时间", local_time(entry.at)),
                ("处理结果", result_zh),
                ("导入方法", ("在地标台账中“导入数据包”（或 giledger import-packet 本文件），"
                              "本单位的该数据包即标记为已收到回执"))]),
            records={}, counts={})
        written = write_and_log(ledger, target, content, key, sequence, "receipt", office,
                                progress, cancelled)
    return SpecialExport(written.path, "receipt", office, office_name, sequence, content_hash, 0,
                         meta["fingerprint"], status=status,
                         not_for_reporting=practice.packet_practice(meta))


def make_receipt(ledger: Ledger, packet_path: Path | str, out_path: Path | str | None = None, *,
                 progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> Path:
    """The receipt for a county packet (see :func:`export_receipt`); returns its path."""
    return export_receipt(ledger, packet_path, out_path, progress=progress, cancelled=cancelled).path


class Receipt(ParentPacket):
    """Importing a receipt (county): no rows; the sent packet it names is marked received."""

    def check(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> None:
        assert isinstance(outcome, SpecialImport)
        result = outcome
        meta = packet.meta
        me = ledger.office
        for_office = str(meta.get("for_office") or "")
        sequence = int(meta.get("for_sequence") or 0)
        content_hash = str(meta.get("for_content_hash") or "")
        result.sequence = sequence
        result.receipt_status = str(meta.get("status") or "")
        if for_office != me.code:
            result.refuse(f"这份回执是给 {office_label(for_office, str(meta.get('for_office_name') or ''))} 的，"
                          f"不是本单位（{me.name}）的", f"this receipt is for {for_office}, not for {me.code}")
            return
        sent = own_log(ledger, "sent", me.code)
        if not any(e.sequence == sequence and e.content_hash == content_hash for e in sent):
            if any(e.sequence == sequence for e in sent):
                result.refuse(f"回执所指的第 {sequence} 号数据包与本单位发出的第 {sequence} 号内容不同"
                              "（内容校验值不符）", f"packet {sequence} named by the receipt differs from "
                              f"packet {sequence} sent from here (content hash)")
            else:
                result.refuse(f"本单位没有发出过第 {sequence} 号数据包", f"no packet {sequence} was sent from here")
            return
        zh, en = RESULT_TEXT.get(result.receipt_status, (result.receipt_status, result.receipt_status))
        reasons = [str(r) for r in meta.get("reasons") or []]
        result.facts.append(Text(f"第 {sequence} 号数据包：{office_label(result.office, result.office_name)}"
                                 f"于 {local_time(str(meta.get('received_at') or ''))} 收到，处理结果：{zh}",
                                 f"packet {sequence}: {en} by {result.office}"))
        for r in reasons[:10]:
            result.facts.append(Text(f"  市局拒绝原因：{pick(r, 'zh')}",
                                     f"  refused by the city because: {pick(r, 'en')}"))
        done = [e for e in own_log(ledger, "receipt", me.code)
                if e.file_hash == packet.file_hash and e.status == "receipted"]
        if done and not result.pin_needed:
            result.status = NOTHING
            result.warn("该回执已导入过", "this receipt was imported before")

    def write(self, ledger: Ledger, result: SpecialImport, packet: Packet, at: str) -> Path | None:
        meta = packet.meta
        content_hash = str(meta.get("for_content_hash") or "")
        packets.mark_received(ledger.db, ledger.office.code, result.sequence, content_hash, at)
        log_outcome(ledger, packet, result, at, office=ledger.office.code, content_hash=content_hash,
                    status="receipted",
                    detail={"result": result.receipt_status, "received_at": meta.get("received_at"),
                            "reasons": meta.get("reasons") or []})
        return None
