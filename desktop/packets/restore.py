"""Restore packets (恢复数据包): every record the city holds for one county (tombstones too),
signed by the city. A county whose PC was lost runs ``giledger init --office CODE`` on a new
file and imports it: the records come back exactly (ids, revisions, times) and the next packet
continues the county's numbering. The new file has a new key, so the city re-enrols the county
(``import-packet --re-enrol``) when its next packet arrives.

The import streams the rows like any packet's (:mod:`desktop.packets.merger`); its policy:
the county's own records and the parent's (those the county's records refer to) only, taken as
sent (not validated: they are what the city holds), a parent record held here at the same or a
newer revision left as it is, and every reference must be satisfied (else the packet is refused).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from db import packets, records
from db.connection import transaction
from desktop import divisions, keys, practice
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets import format as fmt
from desktop.packets.export import (
    KIND_TITLES,
    base_meta,
    default_packet_name,
    office_counts,
    office_records,
    packets_dir,
)
from desktop.packets.gate import office_label
from desktop.packets.merger import RowMerger
from desktop.packets.outcome import REFUSED, Outcome
from desktop.packets.parent_packets import (
    ParentPacket,
    SpecialExport,
    SpecialImport,
    archive,
    local_time,
    log_outcome,
    special_cover,
    write_and_log,
)
from desktop.packets.policy import RowPolicy, Unresolved, id_office
from desktop.packets.reader import Packet, PacketRefused
from desktop.packets.writer import PacketContent
from desktop.record import Record, from_stored
from desktop.registers import REGISTRY

__all__ = ["make_restore_packet", "Restore"]

log = logging.getLogger(__name__)


def _parent_records_needed(ledger: Ledger, office_code: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The records of this office (the parent) that the county's records refer to, with what
    those refer to in turn (kind key → ids); and references to any third office (office → ids).

    A restore packet carries the former, so a rebuilt county file holds every record its own
    records point at (the foreign keys hold) without a reference packet first."""
    parent = ledger.office.code
    wanted: dict[str, set[str]] = defaultdict(set)
    others: dict[str, set[str]] = defaultdict(set)
    queue: list[tuple[str, str]] = []

    def note(ref_kind: str, value: Any) -> None:
        if not value:
            return
        owner = id_office(str(value))
        if owner == office_code:
            return
        if owner != parent:
            others[owner or "?"].add(str(value))
        elif str(value) not in wanted[ref_kind]:
            wanted[ref_kind].add(str(value))
            queue.append((ref_kind, str(value)))

    for kind in fmt.packet_kinds():
        refs = kind.refs()
        if not refs:
            continue
        for stored in records.find(ledger.db, kind.table, include_deleted=True, office_code=office_code):
            for f in refs:
                note(str(f.ref), stored.values.get(f.key))
    while queue:
        kind_key, rid = queue.pop()
        kind = REGISTRY[kind_key]
        held = records.get(ledger.db, kind.table, rid)
        if held is None:
            continue
        for f in kind.refs():
            note(str(f.ref), held.values.get(f.key))
    return wanted, others


def make_restore_packet(ledger: Ledger, office_code: str, path: Path | str | None = None, *,
                        progress: Progress = no_progress,
                        cancelled: CancelCheck = never_cancelled) -> SpecialExport:
    """Every record this office holds for one of its counties (tombstones included), plus this
    office's own records those refer to, signed with this office's key and numbered as the
    county's last merged packet."""
    office_code = office_code.strip()
    division = divisions.lookup(office_code)
    me = ledger.office
    if division is None or division.parent_code != me.code:
        name = division.name if division else ""
        raise PacketRefused(f"{office_code} {name} 不是本单位（{me.name}）的下级单位，不能为其生成恢复数据包",
                            f"{office_code} {name} does not report to {me.code} {me.name}")
    key = keys.office_key(ledger)
    with transaction(ledger.db):
        known = packets.pinned(ledger.db, office_code)
        if known is None or known.last_sequence is None:
            raise PacketRefused(f"尚未合并过 {office_label(office_code, division.name)} 的数据包，没有可恢复的数据",
                                f"no packet of {office_code} has been merged here: nothing to restore")
        sequence = known.last_sequence
        name = known.name or division.name
        wanted, others = _parent_records_needed(ledger, office_code)
        extra = sum(len(v) for v in wanted.values())
        meta = base_meta(ledger, "restore", key)
        meta.update(office=office_code, office_name=name, sequence=sequence,
                    merged_content_hash=known.last_content_hash, merged_at=known.last_received_at,
                    county_fingerprint=known.key_fingerprint, parent_rows=extra)
        target = Path(path) if path else packets_dir(ledger, "sent") / default_packet_name(
            ledger, "restore", sequence, office_code=office_code, office_name=name)
        streams = office_records(ledger, office_code)

        def with_parent(kind_key: str, stream: Callable[[], Iterable[Record]]) -> Callable[[], Iterable[Record]]:
            kind = REGISTRY[kind_key]

            def run() -> Iterable[Record]:
                yield from stream()
                for rid in sorted(wanted.get(kind_key, ())):
                    stored = records.get(ledger.db, kind.table, rid)
                    if stored is not None:
                        yield from_stored(kind, stored)
            return run

        counts = office_counts(ledger, office_code)
        for kind_key, ids in wanted.items():
            counts[kind_key] = counts.get(kind_key, 0) + len(ids)
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["restore"],
            cover_lines=special_cover(meta, "出具单位", [
                ("恢复单位", office_label(office_code, name)),
                ("恢复至", f"第 {sequence} 号数据包（市局最后合并的数据包，{local_time(known.last_received_at)}）"),
                ("附带市局记录", f"{extra} 条（本县记录所引用的市局记录，如市局登记的地理标志；导入后仍属市局）"
                 if extra else "无"),
                ("使用方法", (f"仅用于重建的县局数据库：giledger init --office {office_code} 后，"
                              "在地标台账中“导入数据包”导入本文件（数据库中须尚无本县记录）")),
                ("重新登记", ("导入后县局电脑使用新的签名密钥：市局收到其下一个数据包时，"
                              "须电话核对新的公钥指纹，并以“重新登记”（--re-enrol）方式导入"))]),
            records={k: with_parent(k, s) for k, s in streams.items()}, counts=counts)
        written = write_and_log(ledger, target, content, key, sequence, "restore", office_code,
                                progress, cancelled)
    notes = []
    if extra:
        notes.append(Text(f"附带本单位被该县记录引用的 {extra} 条记录", f"with {extra} record(s) of this "
                          "office that the county's records refer to"))
    for other, ids in sorted(others.items()):
        sample = "、".join(sorted(ids)[:5])
        notes.append(Text(f"该县记录引用了 {office_label(other)} 的 {len(ids)} 条记录（{sample}），恢复数据包中没有："
                          "县局须先有这些记录才能导入", "the county's records refer to "
                          f"{len(ids)} record(s) of {other} ({sample}) that the packet does not carry"))
    notes.append(Text("县局导入后将使用新密钥；收到其下一个数据包时请核对新指纹后用 --re-enrol 导入",
                      "after the restore the county signs with a new key: re-enrol it "
                      "(import-packet --re-enrol) after checking the new fingerprint"))
    return SpecialExport(written.path, "restore", office_code, name, sequence, written.content_hash,
                         written.rows, meta["fingerprint"], notes=tuple(notes),
                         not_for_reporting=practice.packet_practice(meta))


def _refuse_unresolved(outcome: Outcome, found: list[Unresolved]) -> list[Unresolved]:
    """A restored record referring to one neither here nor in the packet refuses the packet."""
    missing: dict[str, str] = {}
    for w in found:
        missing.setdefault(w.value, w.record_id or "")
    sample = "、".join(f"{v}（{missing[v]} 引用）" for v in list(missing)[:10])
    outcome.refuse(f"恢复的记录引用了本数据库中没有、数据包中也没有的 {len(missing)} 条记录：{sample}，"
                   "请与市局联系", f"the restored records refer to {len(missing)} record(s) that "
                   "neither this database nor the packet holds; contact the city")
    return []


class Restore(ParentPacket):
    """Importing a restore packet (county): only into a new file of this office."""

    def __init__(self) -> None:
        self.rows_total = 0

    def check(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> None:
        assert isinstance(outcome, SpecialImport)
        result = outcome
        meta = packet.meta
        me = ledger.office
        office = str(meta.get("office") or "")
        if office != me.code:
            result.refuse(f"这是 {office_label(office, str(meta.get('office_name') or ''))} 的恢复数据包，"
                          f"本数据库属于 {me.name}（{me.code}）", f"this restore packet is for {office}; "
                          f"this database belongs to {me.code}")
            return
        own = {k.key: records.count(ledger.db, k.table, include_deleted=True, office_code=me.code)
               for k in fmt.packet_kinds()}
        held = {k: n for k, n in own.items() if n}
        if held:
            listed = "、".join(f"{REGISTRY[k].zh} {n} 条" for k, n in held.items())
            result.refuse(f"本数据库已有本单位的记录（{listed}），恢复数据包只能导入新建的数据库"
                          f"（giledger init --office {me.code} 之后）",
                          f"this database already holds this office's records ({sum(held.values())}); a "
                          "restore packet goes only into a newly initialised database")
            return
        if packets.last_sent(ledger.db, me.code) is not None:
            result.refuse("本数据库已发出过数据包，不是新建的数据库，不能导入恢复数据包",
                          "this database has sent packets already: it is not a new one")
            return
        result.next_sequence = packet.sequence + 1

    def policy(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> RowPolicy:
        me, parent = ledger.office.code, outcome.office
        return RowPolicy(office=me, also=(parent,), validate=False, keep_held=(parent,),
                         tombstones_satisfy=True, audit_update="reference-update",
                         audit_delete="reference-delete",
                         audit_new=((me, "restore-records"), (parent, "reference-create")),
                         note=f"恢复数据包 {parent} 第{packet.sequence}号", unresolved=_refuse_unresolved)

    def after_rows(self, ledger: Ledger, outcome: Outcome, packet: Packet, rows: RowMerger | None) -> None:
        assert isinstance(outcome, SpecialImport)
        if rows is None:
            return
        me = ledger.office.code
        result = outcome
        for kind_key, summary in result.summaries.items():
            own = sum(1 for rid in summary.new if id_office(rid) == me)
            if own:
                result.counts[kind_key] = {"new": own}
        self.rows_total = sum(rows.rows_of.values())
        parent_held = self.rows_total - rows.rows_of.get(me, 0)
        if result.status == REFUSED:
            return
        result.facts.append(Text(f"恢复至第 {packet.sequence} 号数据包，本单位记录 {self.rows_total - parent_held} 条；"
                                 f"下一个数据包为第 {result.next_sequence} 号", f"restored up to packet "
                                 f"{packet.sequence} ({self.rows_total - parent_held} records); the next packet "
                                 f"is {result.next_sequence}"))
        if parent_held:
            result.facts.append(Text(f"附带上级单位记录 {parent_held} 条（本单位记录所引用的，仍属上级单位，只读）",
                                     f"with {parent_held} record(s) of the parent office (read-only here)"))

    def write(self, ledger: Ledger, result: SpecialImport, packet: Packet, at: str) -> Path | None:
        me = ledger.office
        key = keys.office_key(ledger)  # a new file has a new key: the city must re-enrol it
        result.own_fingerprint = keys.fingerprint(key.public_key)
        archived = archive(ledger, packet)
        merged_hash = str(packet.meta.get("merged_content_hash") or packet.meta.get("content_hash") or "")
        # A 'sent' row carries the sequence: the next export continues after it (db.packets.last_sent),
        # and its hash is the county packet the city merged last (the next packet's previous_hash).
        log_outcome(ledger, packet, result, at, archived, direction="sent", office=me.code,
                    sequence=packet.sequence, content_hash=merged_hash, status="restored",
                    detail={"rows": self.rows_total, "restore_content_hash": packet.meta.get("content_hash"),
                            "new_fingerprint": result.own_fingerprint})
        result.facts.append(Text(f"本机新的签名公钥指纹：{result.own_fingerprint}",
                                 f"this file's new key fingerprint: {result.own_fingerprint}"))
        result.facts.append(Text("请将新指纹告知市局：市局导入本单位下一个数据包时须核对指纹，并以重新登记方式导入"
                                 "（giledger import-packet --re-enrol 文件）", "tell the city this fingerprint: it "
                                 "must re-enrol this office (import-packet --re-enrol) with the next packet"))
        return archived
