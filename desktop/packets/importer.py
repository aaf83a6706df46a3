"""Importing county packets at the city: check, dry run, merge (all or nothing).

:func:`plan_import` reads and checks a packet and works out, without writing anything, what a
merge would do: per register, new / changed (with the changed fields) / deleted / unchanged /
refused rows, and every reason the packet cannot be merged. :func:`apply_import` performs a plan
in one transaction (after checking again that nothing moved meanwhile), archives the file by its
content hash and logs it.

Rules (see docs/architecture.md, "Packets"):

- an office delivers only its own records; the first packet of an office pins its key; a packet
  signed with another key is refused unless the office is re-enrolled explicitly;
- sequence numbers only go up: an older packet is refused, the same packet again changes nothing,
  a gap is reported;
- a packet edited after export is refused (each edited cell named) unless accepted explicitly;
- every row is validated like a clerk's input; any invalid cell or row refuses the whole packet;
- the same USCC as mark user, or the same product name, in two offices is reported.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Any

from db import audit, packets, records
from db.connection import now_utc, schema_version, transaction
from desktop import divisions
from desktop.fields import FieldError, FieldType, Kind, RuleContext
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.packets.reader import (CellEdit, Packet, PacketRefused, ParsedRow, Problem, gc_paused,
                                    read_packet)
from desktop.registers import REGISTRY

__all__ = ["KindSummary", "ImportPlan", "ImportResult", "plan_import", "apply_import"]

log = logging.getLogger(__name__)

MERGE, NOTHING, REFUSED = "merge", "nothing", "refused"


@dataclass
class KindSummary:
    """What a merge does to one register."""

    kind: str
    sheet: str
    new: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    """record id → changed field keys"""
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(record id or row, reason)"""

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "changed": len(self.changed), "deleted": len(self.deleted),
                "unchanged": self.unchanged, "refused": len(self.refused)}


@dataclass
class ImportPlan:
    """The dry run of one packet: what would happen and why not."""

    path: Path
    packet: Packet | None
    status: str
    office: str = ""
    office_name: str = ""
    sequence: int = 0
    refusals: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summaries: dict[str, KindSummary] = field(default_factory=dict)
    pin_needed: bool = False
    re_enrol: bool = False
    fingerprint: str = ""
    _writes: dict[str, list[records.StoredRecord]] = field(default_factory=dict)
    _before: dict[str, dict[str, records.StoredRecord]] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return self.packet.problems if self.packet else []

    @property
    def edits(self) -> list[CellEdit]:
        return self.packet.edits if self.packet else []

    def refuse(self, zh: str, en: str) -> None:
        self.status = REFUSED
        self.refusals.append(f"{zh} / {en}")


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    merged: bool
    archive_path: Path | None


# ---- planning -------------------------------------------------------------------------------

def plan_import(ledger: Ledger, path: Path | str, *, accept_edited: bool = False,
                re_enrol: bool = False, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> ImportPlan:
    """Read and check a packet; work out the merge without writing anything."""
    with gc_paused():  # see gc_paused: most of what is made here is kept until the merge
        return _plan_import(ledger, Path(path), accept_edited, re_enrol, progress, cancelled)


def _plan_import(ledger: Ledger, path: Path, accept_edited: bool, re_enrol: bool,
                 progress: Progress, cancelled: CancelCheck) -> ImportPlan:
    plan = ImportPlan(path=path, packet=None, status=MERGE, re_enrol=re_enrol)
    try:
        packet = read_packet(path, progress=progress, cancelled=cancelled)
    except PacketRefused as e:
        plan.refuse(e.zh, e.en)
        return plan
    plan.packet = packet
    meta = packet.meta
    plan.office, plan.sequence = packet.office, packet.sequence
    plan.office_name = str(meta.get("office_name") or meta.get("from_office_name") or "")
    plan.fingerprint = str(meta.get("fingerprint") or "")
    if meta.get("packet_kind") != "county":
        plan.refuse(f"这是{meta.get('packet_kind')}类数据包，不是县级报送数据包",
                    f"this is a {meta.get('packet_kind')} packet, not a county packet")
        return plan
    if int(meta.get("schema_version") or 0) > schema_version(ledger.db):
        plan.refuse("数据包由更新版本的地标台账生成，请先升级本机程序",
                    "the packet was made by a newer GI Ledger; upgrade this one first")
        return plan
    _check_sender(ledger, plan)
    if plan.status == REFUSED:
        return plan
    _check_sequence(ledger, plan)
    if plan.status == NOTHING and packet.edited:
        plan.refuse(f"该数据包已合并过，且本文件在导出后被修改（{len(packet.edits)} 处）："
                    + "；".join(e.describe() for e in packet.edits[:20]),
                    "this packet was merged already, and this copy was edited after export")
    if plan.status != MERGE:
        return plan
    if packet.edited and (packet.edits or packet.added_rows or packet.removed_rows):
        listed = "；".join(e.describe() for e in packet.edits[:20])
        extra = []
        if packet.added_rows:
            extra.append(f"手工添加 {len(packet.added_rows)} 行")
        if packet.removed_rows:
            extra.append(f"删除 {len(packet.removed_rows)} 行")
        text = "；".join(x for x in (listed, *extra) if x)
        if accept_edited:
            plan.warnings.append(f"数据包导出后被修改，已按要求接受：{text} / edited after export, accepted")
        else:
            plan.refuse(f"数据包导出后被修改（{len(packet.edits)} 处）：{text}。如确认接受，请使用 --accept-edited",
                        f"the packet was edited after export ({len(packet.edits)} cells); "
                        "use --accept-edited to accept")
    elif packet.edited:
        plan.refuse("数据包内容与签名不符", "the packet's content does not match its signature")
    _plan_rows(ledger, plan, packet)
    if packet.problems:
        plan.refuse(f"有 {len(packet.problems)} 个单元格或记录无法接受（见问题清单）",
                    f"{len(packet.problems)} cell(s) or row(s) cannot be taken (see the problem list)")
    _cross_checks(ledger, plan, packet)
    return plan


def _check_sender(ledger: Ledger, plan: ImportPlan) -> None:
    packet = plan.packet
    assert packet is not None
    office = plan.office
    division = divisions.lookup(office)
    if division is None:
        plan.refuse(f"数据包来自未知单位 {office}", f"the packet comes from an unknown office {office!r}")
        return
    me = ledger.office
    if office == me.code:
        plan.refuse("这是本单位自己导出的数据包", "this is this office's own packet")
        return
    if ledger.mode == "county" or division.parent_code != me.code:
        plan.refuse(f"{office} {division.name} 不是本单位（{me.name}）的下级单位，不能导入其数据包",
                    f"{office} {division.name} does not report to {me.code} {me.name}")
        return
    if not packet.signature_ok:
        plan.refuse("数据包签名无效（文件已损坏或被伪造）", "the packet's signature is not valid")
        return
    known = packets.pinned(ledger.db, office)
    key = str(packet.meta.get("public_key"))
    if known is None or not known.public_key:
        plan.pin_needed = True
        plan.warnings.append(f"首次收到 {office} {division.name} 的数据包，将登记其公钥指纹 {plan.fingerprint}，"
                             f"请与县局电话核对 / first packet of this office: its key will be pinned")
    elif known.public_key != key:
        if plan.re_enrol:
            plan.pin_needed = True
            plan.warnings.append(f"{division.name} 重新登记新公钥 {plan.fingerprint}（原 {known.key_fingerprint}）"
                                 " / office re-enrolled with a new key")
        else:
            plan.refuse(f"{division.name} 的数据包使用了另一把密钥签名（指纹 {plan.fingerprint}，"
                        f"已登记 {known.key_fingerprint}）。如县局确已更换电脑或重装，请核实后重新登记（--re-enrol）",
                        "the packet is signed with another key than the one pinned for this office; "
                        "re-enrol the office (--re-enrol) after checking with it")


def _check_sequence(ledger: Ledger, plan: ImportPlan) -> None:
    packet = plan.packet
    assert packet is not None
    known = packets.pinned(ledger.db, plan.office)
    last = known.last_sequence if known else None
    name = plan.office_name or plan.office
    if last is None:
        return
    if plan.re_enrol and known is not None and known.public_key != packet.meta.get("public_key"):
        plan.warnings.append(f"{name} 重新登记后数据包序号重新计算（原已合并至第 {last} 号，本次第 {plan.sequence} 号）"
                             f" / after re-enrolment the sequence starts again")
        return
    if plan.sequence < last:
        plan.refuse(f"{name} 的第 {plan.sequence} 号数据包早于已合并的第 {last} 号，拒绝导入",
                    f"packet {plan.sequence} of {name} is older than packet {last} already merged")
    elif plan.sequence == last:
        if packet.meta.get("content_hash") == (known.last_content_hash if known else None):
            plan.status = NOTHING
            plan.warnings.append(f"{name} 的第 {plan.sequence} 号数据包已合并过，无需再次导入 / already merged")
        else:
            plan.refuse(f"{name} 的第 {plan.sequence} 号数据包已合并，但本文件内容不同",
                        f"packet {plan.sequence} of {name} was merged with different content")
    elif plan.sequence > last + 1:
        plan.warnings.append(f"{name} 的数据包序号不连续：已合并第 {last} 号，本次为第 {plan.sequence} 号"
                             f"（缺第 {last + 1}–{plan.sequence - 1} 号，数据包是全量快照，不影响完整性）"
                             f" / sequence gap: {last} merged, this is {plan.sequence}")
    elif known and known.last_content_hash and packet.meta.get("previous_hash") not in (
            None, known.last_content_hash):
        plan.warnings.append("数据包记录的上一数据包与已合并的不一致 / the previous-packet hash differs")


def _plan_rows(ledger: Ledger, plan: ImportPlan, packet: Packet) -> None:
    office = plan.office
    ids_in_packet: dict[str, set[str]] = defaultdict(set)
    for kind_key, rows in packet.rows.items():
        for row in rows:
            if row.id:
                ids_in_packet[kind_key].add(row.id)
    by_kind = {s["kind"]: s for s in packet.meta.get("sheets", [])}
    today = ledger.today()
    for kind_key, rows in packet.rows.items():
        kind = REGISTRY[kind_key]
        sheet = by_kind[kind_key]["name"]
        summary = KindSummary(kind_key, sheet)
        plan.summaries[kind_key] = summary
        existing = packets.existing_rows(ledger.db, kind.table, office)
        plan._before[kind_key] = existing
        ctx = _context(ledger, kind, office, ids_in_packet, today)
        uniques: dict[tuple[str, ...], dict[tuple[Any, ...], Any]] = {c: {} for c in kind.unique}
        unique_db = [(combo, seen, None if all(kind.field(k).type in _STORED_AS_IS for k in combo)
                      else [(k, kind.field(k).to_db) for k in combo]) for combo, seen in uniques.items()]
        for rid, before in existing.items():  # live records the packet leaves as they are
            if before.deleted or rid in ids_in_packet[kind_key]:
                continue
            for combo, seen in uniques.items():
                value = tuple(before.values.get(k) for k in combo)
                if all(v is not None for v in value):
                    seen[value] = rid
        writes: list[records.StoredRecord] = []
        prefix = f"{kind.prefix}-{office}-"
        # First what each row is (refused as it stands, unchanged, or to check and write), then
        # the rows to write checked together (Kind.validate_many), then the outcome row by row.
        steps: list[tuple[ParsedRow, Any, Any]] = []
        for row in rows:
            if row.id and not row.id.startswith(prefix):
                steps.append((row, _REFUSE, ("编号", row.id, f"编号不属于 {office} 的{kind.zh}",
                                             f"the id is not one of {office}'s {kind.en} ids")))
                continue
            if row.office_code not in (None, office):
                steps.append((row, _REFUSE, ("所属单位", row.office_code or "",
                                             f"记录属于其他单位（{row.office_code}），一个单位只能报送本单位的记录",
                                             "the record belongs to another office; an office delivers only its own")))
                continue
            if not row.ok:
                steps.append((row, _UNREADABLE, None))
                continue
            stored = _stored(kind, office, row)
            before = existing.get(row.id) if row.id else None
            if before is not None and row.created_at and before.created_at != row.created_at:
                # Same id, another record: a county database rebuilt without a restore packet
                # numbers its records from 1 again. Never let it overwrite what was merged.
                steps.append((row, _REFUSE, (
                    "编号", row.id or "",
                    f"编号冲突：已合并的 {row.id} 是另一条记录（创建于 {before.created_at[:10]}）。"
                    "县局数据库如是重装的，请先用市局的恢复数据包重建",
                    f"id clash: {row.id} merged earlier is another record (created "
                    f"{before.created_at[:10]}); rebuild the county database from a restore packet")))
                continue
            if before is not None and before.revision > (row.revision or 0):
                steps.append((row, _REFUSE, ("版本", str(row.revision), f"比已合并的版本（{before.revision}）旧",
                                             f"older than the merged revision {before.revision}")))
                continue
            if before is not None and _same(before, stored):
                steps.append((row, _UNCHANGED, None))
                continue
            steps.append((row, stored, before))
        checked = [row for row, stored, _b in steps if isinstance(stored, records.StoredRecord)
                   and not row.deleted]
        found = iter(kind.validate_many([row.values for row in checked], ctx))
        for row, stored, before in steps:
            where = row.id or f"第{row.row}行"
            if stored is _REFUSE:
                _row_problem(packet, summary, row, sheet, *before)
                continue
            if stored is _UNREADABLE:
                summary.refused.append((where, "单元格无法读取 / unreadable cells"))
                continue
            if stored is _UNCHANGED:
                summary.unchanged += 1
                continue
            if not row.deleted:
                errors = next(found)
                for combo, seen, to_db in unique_db:
                    value = (tuple(map(row.values.get, combo)) if to_db is None
                             else tuple([db_value(row.values.get(k)) for k, db_value in to_db]))
                    if None in value:
                        continue
                    if value in seen:
                        errors.append(FieldError.of(kind.field(combo[-1]), _dup_reason(seen[value])))
                    seen[value] = row.row
                if errors:
                    for e in errors:
                        packet.problems.append(Problem(sheet, row.row, e.zh_label, _display(kind, e.field_key, row),
                                                       e.reason.zh, e.reason.en, kind_key, e.field_key))
                    summary.refused.append((where, "；".join(e.reason.zh for e in errors)))
                    continue
            writes.append(stored)
            if before is None:
                summary.new.append(stored.id or f"第{row.row}行（新编号）")
            elif stored.deleted and not before.deleted:
                summary.deleted.append(stored.id)
            else:
                summary.changed[stored.id] = [f.key for f in kind.fields
                                              if before.values.get(f.key) != stored.values.get(f.key)]
        missing = [rid for rid in existing if rid not in ids_in_packet[kind_key]]
        if missing:
            plan.warnings.append(f"{sheet}：{len(missing)} 条已合并的记录不在本数据包中（未删除，保留原样）："
                                 + "、".join(missing[:10]) + f" / {len(missing)} merged records are missing")
        plan._writes[kind_key] = writes


def _dup_reason(other: Any) -> Any:
    """``other``: a row number of this packet, or the id of a record already merged."""
    from desktop.validation import Reason

    if isinstance(other, int):
        return Reason(f"与本数据包第{other}行重复", f"duplicates row {other} of this packet")
    return Reason(f"与已合并的记录 {other} 重复", f"duplicates record {other} merged earlier")


def _display(kind: Kind, key: str, row: ParsedRow) -> str:
    if not kind.has_field(key):
        return ""
    return kind.field(key).display(row.values.get(key))


def _row_problem(packet: Packet, summary: KindSummary, row: ParsedRow, sheet: str, column: str,
                 value: str, zh: str, en: str) -> None:
    packet.problems.append(Problem(sheet, row.row, column, value, zh, en, summary.kind))
    summary.refused.append((row.id or f"第{row.row}行", zh))


_REFUSE, _UNREADABLE, _UNCHANGED = object(), object(), object()
"""What :func:`_plan_rows` found a row to be, before checking the rows to write."""


def _stored(kind: Kind, office: str, row: ParsedRow) -> records.StoredRecord:
    created_at, updated_at = row.created_at, row.updated_at
    if not created_at or not updated_at:
        now = now_utc()
        created_at, updated_at = created_at or now, updated_at or now
    values = row.stored if row.stored is not None else _to_columns(kind, row.values)
    return records.StoredRecord(kind.table, row.id or "", office, created_at, updated_at,
                                row.revision or 1, row.deleted, values)


_STORED_AS_IS = frozenset(FieldType) - {FieldType.DATE, FieldType.BOOL, FieldType.MULTI, FieldType.LIST}
"""Field types whose :meth:`Field.to_db` gives the value itself (not None)."""
_ISOFORMAT = methodcaller("isoformat")  # Field.to_db of a date
_COLUMN_PLANS: dict[int, tuple[Kind, tuple[str, ...], tuple[tuple[str, Any], ...]]] = {}


def _to_columns(kind: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`desktop.record.to_columns`, without a call per field for values stored as they are."""
    plan = _COLUMN_PLANS.get(id(kind))
    if plan is None or plan[0] is not kind:
        plan = _COLUMN_PLANS[id(kind)] = (
            kind, tuple(f.key for f in kind.fields),
            tuple((f.key, _ISOFORMAT if f.type is FieldType.DATE else f.to_db)
                  for f in kind.fields if f.type not in _STORED_AS_IS))
    _kind, keys, convert = plan
    out = dict(zip(keys, map(values.get, keys)))
    for key, to_db in convert:
        value = out[key]
        if value is not None:
            out[key] = to_db(value)
    return out


def _same(a: records.StoredRecord, b: records.StoredRecord) -> bool:
    return (a.revision == b.revision and a.deleted == b.deleted and a.values == b.values
            and a.updated_at == b.updated_at)


def _context(ledger: Ledger, kind: Kind, office: str, ids_in_packet: Mapping[str, set[str]],
             today: Any) -> RuleContext:
    """Rules see the packet's own records (and what the city already has) as existing."""

    def exists(kind_key: str, rid: str) -> bool:
        ids = ids_in_packet.get(kind_key)
        if ids is not None and rid in ids:
            return True
        target = REGISTRY.get(kind_key)
        return target is not None and records.exists_live(ledger.db, target.table, rid)

    return RuleContext(today=today, office_code=office, exists=exists)


def _cross_checks(ledger: Ledger, plan: ImportPlan, packet: Packet) -> None:
    """The same USCC as mark user, or the same product name, in another office: reported."""
    office = plan.office
    for kind_key, key, label_zh, label_en in (("mark-user", "uscc", "统一社会信用代码", "USCC"),
                                              ("resource", "name", "产品名称", "product name")):
        values = {r.values.get(key) for r in packet.rows.get(kind_key, []) if not r.deleted}
        values.discard(None)
        if not values:
            continue
        table = REGISTRY[kind_key].table
        clashes = records.find_in_other_offices(ledger.db, table, key, sorted(values), office)
        for value, other_office, rid in clashes[:50]:
            name = divisions.lookup(other_office)
            plan.warnings.append(f"跨县核对：{label_zh}“{value}”在 {other_office} {name.name if name else ''}"
                                 f"（{rid}）也有登记 / cross-county: the same {label_en} in {other_office}")


# ---- applying -------------------------------------------------------------------------------

def apply_import(ledger: Ledger, plan: ImportPlan, *, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> ImportResult:
    """Merge a planned packet in one transaction, archive and log it. A refused plan (or one
    with nothing to do) only archives and logs the file. The database is unchanged by a
    refusal, an error or a cancel."""
    with gc_paused():
        return _apply_import(ledger, plan, progress, cancelled)


def _apply_import(ledger: Ledger, plan: ImportPlan, progress: Progress,
                  cancelled: CancelCheck) -> ImportResult:
    packet = plan.packet
    archive = _archive(ledger, plan) if plan.path.is_file() else None
    at = now_utc()
    with transaction(ledger.db):
        if plan.status == MERGE:
            _recheck(ledger, plan)
        if plan.status != MERGE:
            _log(ledger, plan, archive, at, "refused" if plan.status == REFUSED else "nothing")
            return ImportResult(plan, False, archive)
        assert packet is not None
        if plan.pin_needed:
            division = divisions.lookup(plan.office)
            assert division is not None
            packets.pin(ledger.db, plan.office, division.name, division.level, division.parent_code,
                        str(packet.meta["public_key"]), plan.fingerprint, at)
            audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                         office_code=ledger.office.code,
                         action="office-re-enrol" if plan.re_enrol else "office-pin",
                         after={"office": plan.office, "fingerprint": plan.fingerprint})
        total = sum(len(w) for w in plan._writes.values())
        done = 0
        for kind_key, writes in plan._writes.items():
            kind = REGISTRY[kind_key]
            fresh = [w for w in writes if not w.id]
            writes = [w for w in writes if w.id]
            if fresh:  # rows typed in by hand: ids of their own series, never the county's
                ids = records.next_hand_ids(ledger.db, kind.table, plan.office, kind.prefix, len(fresh))
                fresh = [records.StoredRecord(w.table, rid, w.office_code, w.created_at, w.updated_at,
                                              w.revision, w.deleted, w.values)
                         for w, rid in zip(fresh, ids, strict=True)]
                plan.warnings.append(f"{REGISTRY[kind_key].zh}：手工添加的 {len(ids)} 行编为 "
                                     f"{ids[0]} 起 / hand-added rows numbered from {ids[0]}")
                writes = writes + fresh
            before = plan._before.get(kind_key, {})
            for w in writes:
                old = before.get(w.id)
                if old is not None:
                    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                                 office_code=ledger.office.code,
                                 action="merge-delete" if w.deleted and not old.deleted else "merge-update",
                                 kind=kind_key, record_id=w.id, revision=w.revision,
                                 before={**old.values, "revision": old.revision, "deleted": old.deleted},
                                 after={**w.values, "revision": w.revision, "deleted": w.deleted},
                                 note=f"数据包 {plan.office} 第{plan.sequence}号")
            packets.replicate(ledger.db, kind.table, writes)
            done += len(writes)
            progress(done, total)
            check_cancel(cancelled)
        packets.set_merge_state(ledger.db, plan.office, plan.sequence, str(packet.meta["content_hash"]), at)
        _log(ledger, plan, archive, at, "merged")
    return ImportResult(plan, True, archive)


def _recheck(ledger: Ledger, plan: ImportPlan) -> None:
    """Inside the write transaction: refuse if another import moved this office on meanwhile."""
    known = packets.pinned(ledger.db, plan.office)
    new_series = plan.re_enrol and plan.pin_needed
    if not new_series and known and known.last_sequence is not None \
            and known.last_sequence >= plan.sequence:
        plan.refuse("规划之后已合并了同一单位更新的数据包，请重新导入",
                    "a newer packet of this office was merged after the dry run; import again")


def _archive(ledger: Ledger, plan: ImportPlan) -> Path:
    """Keep the received file as ``packets/received/<sha256>.xlsx`` (once per content)."""
    from desktop.packets.export import archive_received

    return archive_received(ledger, plan.path, plan.packet.file_hash if plan.packet else None)


def _log(ledger: Ledger, plan: ImportPlan, archive: Path | None, at: str, status: str) -> None:
    packet = plan.packet
    detail: dict[str, Any] = {k: s.counts() for k, s in plan.summaries.items()}
    if plan.refusals:
        detail["refusals"] = plan.refusals[:20]
    if plan.warnings:
        detail["warnings"] = plan.warnings[:20]
    packets.log_packet(ledger.db, direction="received", office_code=plan.office or "?",
                       sequence=plan.sequence or None, file_name=plan.path.name,
                       content_hash=str(packet.meta.get("content_hash")) if packet else None, at=at,
                       status=status, detail=detail, file_hash=archive.stem if archive else None,
                       archive_path=str(archive) if archive else None, packet_kind="county")
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action=f"packet-{status}",
                 after={"office": plan.office, "sequence": plan.sequence,
                        "file": plan.path.name, **{k: s.counts() for k, s in plan.summaries.items()}})
