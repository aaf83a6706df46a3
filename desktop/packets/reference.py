"""Reference packets (参考数据包): the city's own records (protected GIs it keeps, inspection
plans and tasks, ...). A county replicates them; they stay the city's records (read-only at the
county: one writer per record), and county records may refer to them.

The import streams the rows like any packet's (:mod:`desktop.packets.merger`); its policy: the
sender's records only, validated like a clerk's input; city records that refer to another
county's records (or to records left out) do not apply to this county and are left out; a
reference to a record of this office that this file does not hold refuses the packet (a rebuilt
file imports its restore packet first); a record held here but not in the packet is kept.
"""

from __future__ import annotations

import logging
from pathlib import Path

from db import packets
from db.connection import transaction
from desktop import keys, practice
from desktop.fields import Kind
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets.export import (
    KIND_TITLES,
    base_meta,
    default_packet_name,
    office_counts,
    office_records,
    packets_dir,
)
from desktop.packets.merger import RowMerger
from desktop.packets.outcome import Outcome
from desktop.packets.parent_packets import (
    ParentPacket,
    SpecialExport,
    SpecialImport,
    archive,
    log_outcome,
    own_log,
    special_cover,
    write_and_log,
)
from desktop.packets.policy import RowPolicy, Unresolved, id_office
from desktop.packets.reader import Packet, PacketRefused
from desktop.packets.writer import PacketContent
from desktop.registers import REGISTRY

__all__ = ["make_reference_packet", "Reference"]

log = logging.getLogger(__name__)


def make_reference_packet(ledger: Ledger, path: Path | str | None = None, *,
                          progress: Progress = no_progress,
                          cancelled: CancelCheck = never_cancelled) -> SpecialExport:
    """This office's own records (tombstones included) for its counties, signed, with the
    next reference sequence number."""
    me = ledger.office
    if ledger.mode == "county":
        raise PacketRefused("县级单位没有下级单位，不能下发参考数据包",
                            "a county office has no offices below it to send a reference packet to")
    key = keys.office_key(ledger)
    with transaction(ledger.db):
        sent = [e for e in own_log(ledger, "reference", me.code) if e.sequence is not None]
        last = max(sent, key=lambda e: (e.sequence or 0, e.id)) if sent else None
        sequence = (last.sequence or 0) + 1 if last else 1
        meta = base_meta(ledger, "reference", key)
        meta.update(office=me.code, office_name=me.name, sequence=sequence,
                    previous_hash=last.content_hash if last else None)
        target = Path(path) if path else packets_dir(ledger, "sent") / default_packet_name(
            ledger, "reference", sequence)
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["reference"],
            cover_lines=special_cover(meta, "下发单位", [
                ("数据包序号", f"第 {sequence} 号参考数据包"),
                ("上一参考数据包", f"第 {sequence - 1} 号" if last else "无（首次下发）"),
                ("说明", ("本数据包为市局自有记录（已保护地理标志、抽查计划与任务等），县局导入后可引用，"
                          "但只能由市局修改；引用其他县记录的市局记录不会导入该县"))]),
            records=office_records(ledger, me.code), counts=office_counts(ledger, me.code))
        written = write_and_log(ledger, target, content, key, sequence, "reference", me.code,
                                progress, cancelled)
    return SpecialExport(written.path, "reference", me.code, me.name, sequence, written.content_hash,
                         written.rows, meta["fingerprint"],
                         not_for_reporting=practice.packet_practice(meta))


def _missing(kind: Kind, sheet: str, count: int, first: list[str]) -> Text:
    return Text(f"{sheet}：本机已有的 {count} 条上级单位记录不在本数据包中（保留原样）：" + "、".join(first),
                f"{kind.en}: {count} records of the parent office held here are missing from this packet "
                "(kept as they are): " + ", ".join(first))


class Reference(ParentPacket):
    """Importing a reference packet (county)."""

    def __init__(self, me: str) -> None:
        self.me = me

    def check(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> None:
        if str(packet.meta.get("office") or "") != outcome.office:
            outcome.refuse("参考数据包只能包含下发单位自己的记录",
                           "a reference packet carries its sender's own records only")

    def policy(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> RowPolicy:
        sender, me = outcome.office, ledger.office.code
        return RowPolicy(office=sender, refs_only_to=(sender, me), tombstones_satisfy=True,
                         older=("比本机已有的版本（{0}）旧", "older than revision {0} held here"),
                         audit_update="reference-update", audit_delete="reference-delete",
                         audit_new=((sender, "reference-create"),),
                         note=f"参考数据包 {sender} 第{packet.sequence}号", missing=_missing,
                         unresolved=self._absent)

    def _absent(self, outcome: Outcome, found: list[Unresolved]) -> list[Unresolved]:
        """The sender's records referring to records of this office that this file does not
        hold refuse the packet (a rebuilt file imports its restore packet first)."""
        absent: dict[str, str] = {}
        for w in found:
            if id_office(w.value) == self.me:
                absent.setdefault(w.value, w.record_id or "")
        if absent:
            sample = "、".join(f"{v}（{absent[v]} 引用）" for v in list(absent)[:10])
            outcome.refuse(f"参考数据包中的上级单位记录引用了本单位的 {len(absent)} 条记录，"
                           f"但本数据库中没有：{sample}。如本机是重建的，请先导入恢复数据包，再导入参考数据包",
                           f"the parent's records refer to {len(absent)} record(s) of this office that this "
                           "database does not hold; on a rebuilt file import the restore packet first")
        return [w for w in found if id_office(w.value) != self.me]

    def after_rows(self, ledger: Ledger, outcome: Outcome, packet: Packet, rows: RowMerger | None) -> None:
        assert isinstance(outcome, SpecialImport)
        if rows is None:
            return
        for kind_key, summary in outcome.summaries.items():
            counts = {"new": len(summary.new), "changed": len(summary.changed), "deleted": len(summary.deleted),
                      "unchanged": summary.unchanged, "left_out": summary.left_out}
            outcome.counts[kind_key] = counts
            kind = REGISTRY[kind_key]
            if summary.left_out:
                outcome.warn(f"{summary.sheet}：{summary.left_out} 条记录引用了其他单位的记录，与本单位无关，未导入",
                             f"{kind.en}: {summary.left_out} record(s) refer to another office's records: left out")
            for rid in summary.deleted:  # deleted by the parent: still used here?
                users = [other for _kind, other in ledger.referrers(kind, rid) if id_office(other) == self.me]
                if users:
                    outcome.warn(f"上级单位已删除{kind.zh} {rid}，本单位仍有 {len(users)} 条记录引用它："
                                 + "、".join(users[:10]), f"{rid} was deleted by the parent office; "
                                 f"{len(users)} record(s) here still refer to it: " + ", ".join(users[:10]))

    def write(self, ledger: Ledger, result: SpecialImport, packet: Packet, at: str) -> Path | None:
        archived = archive(ledger, packet)
        packets.set_merge_state(ledger.db, result.office, packet.sequence,
                                str(packet.meta.get("content_hash")), at)
        log_outcome(ledger, packet, result, at, archived)
        return archived


