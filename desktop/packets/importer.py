"""Importing county packets at the city: check, dry run, merge (all or nothing).

A packet is read a chunk of rows at a time (:func:`desktop.packets.reader.open_packet`) and
merged as it is read, inside one transaction: each chunk is checked against the database (as the
rows before it left it) and written, so memory stays flat however large the packet. The merge
is committed only if nothing in the whole packet is refused; otherwise, and for a dry run, it is
rolled back. :func:`plan_import` is that dry run: per register, new / changed (with the changed
fields) / deleted / unchanged / refused rows, and every reason the packet cannot be merged.
:func:`import_packet` merges (and archives the file by its content hash and logs it);
:func:`apply_import` merges a packet only if it still does what its dry run showed.

Rules (see docs/architecture.md, "Packets"):

- a packet of a demo or training database is refused unless this database is one too
  (:mod:`desktop.practice`);
- an office delivers only its own records; the first packet of an office pins its key; a packet
  signed with another key is refused unless the office is re-enrolled explicitly;
- sequence numbers only go up: an older packet is refused, the same packet again changes nothing,
  a gap is reported;
- a packet edited after export is refused (each edited cell named) unless accepted explicitly;
- every row is validated like a clerk's input; any invalid cell or row refuses the whole packet;
- the same USCC as mark user, or the same product name, in two offices is reported.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Any, Protocol

from db import audit, packets, records
from db.connection import now_utc, schema_version, transaction
from desktop import divisions, practice
from desktop.fields import FieldError, Kind, RuleContext
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets.reader import (
    CellEdit,
    Packet,
    PacketRefused,
    Problem,
    RowChunk,
    gc_paused,
    name_edits,
    open_packet,
    sort_problems,
)
from desktop.registers import REGISTRY

__all__ = ["KindSummary", "ImportPlan", "ImportResult", "plan_import", "import_packet", "apply_import"]

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
    refused: list[tuple[str, Text]] = field(default_factory=list)
    """(record id, or row as a :class:`Text`; reason)"""

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "changed": len(self.changed), "deleted": len(self.deleted),
                "unchanged": self.unchanged, "refused": len(self.refused)}


@dataclass
class ImportPlan:
    """What a packet does (or did) to the database, and why not. It holds no rows."""

    path: Path
    packet: Packet | None
    status: str
    office: str = ""
    office_name: str = ""
    sequence: int = 0
    refusals: list[Text] = field(default_factory=list)
    """why the packet cannot be merged (each a string ``中文 / English``, with ``.zh``, ``.en``)"""
    warnings: list[Text] = field(default_factory=list)
    summaries: dict[str, KindSummary] = field(default_factory=dict)
    pin_needed: bool = False
    re_enrol: bool = False
    fingerprint: str = ""
    accept_edited: bool = False

    @property
    def problems(self) -> list[Problem]:
        return self.packet.problems if self.packet else []

    @property
    def edits(self) -> list[CellEdit]:
        return self.packet.edits if self.packet else []

    def refuse(self, zh: str, en: str) -> None:
        self.status = REFUSED
        self.refusals.append(Text(zh, en))

    def warn(self, zh: str, en: str) -> None:
        self.warnings.append(Text(zh, en))

    def counts(self) -> dict[str, dict[str, int]]:
        return {k: s.counts() for k, s in self.summaries.items()}


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    merged: bool
    archive_path: Path | None


class _RolledBack(Exception):
    """Leaves the merge transaction without committing it (a dry run, or a refusal)."""


# ---- the merge -------------------------------------------------------------------------------

def plan_import(ledger: Ledger, path: Path | str, *, accept_edited: bool = False,
                re_enrol: bool = False, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> ImportPlan:
    """The dry run: read and check a packet and merge it in a transaction that is rolled back,
    so the plan says exactly what a merge would do. Nothing is written, archived or logged."""
    with gc_paused():
        return _merge(ledger, Path(path), accept_edited, re_enrol, progress, cancelled,
                      commit=False, expect=None)[0]


def import_packet(ledger: Ledger, path: Path | str, *, accept_edited: bool = False,
                  re_enrol: bool = False, progress: Progress = no_progress,
                  cancelled: CancelCheck = never_cancelled) -> ImportResult:
    """Read, check and merge a packet in one pass and one transaction, archive the file and log
    it. A refused packet (or one with nothing to do) is only archived and logged. The database
    is unchanged by a refusal, an error or a cancel."""
    return _import(ledger, Path(path), accept_edited, re_enrol, progress, cancelled, expect=None)


def apply_import(ledger: Ledger, plan: ImportPlan, *, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> ImportResult:
    """Merge the packet of a dry run (:func:`plan_import`), refused if it no longer does what the
    dry run showed (the file or the database changed meanwhile). A refused plan (or one with
    nothing to do) only archives and logs the file."""
    if plan.status != MERGE:
        at = now_utc()
        archive = _archive(ledger, plan) if plan.path.is_file() else None
        with transaction(ledger.db):
            _log(ledger, plan, archive, at, "refused" if plan.status == REFUSED else "nothing")
        return ImportResult(plan, False, archive)
    return _import(ledger, plan.path, plan.accept_edited, plan.re_enrol, progress, cancelled,
                   expect=plan)


def _import(ledger: Ledger, path: Path, accept_edited: bool, re_enrol: bool, progress: Progress,
            cancelled: CancelCheck, expect: ImportPlan | None) -> ImportResult:
    with gc_paused():
        plan, archive = _merge(ledger, path, accept_edited, re_enrol, progress, cancelled,
                               commit=True, expect=expect)
    if plan.status == MERGE:
        return ImportResult(plan, True, archive)
    at = now_utc()
    archive = _archive(ledger, plan) if path.is_file() else None
    with transaction(ledger.db):
        _log(ledger, plan, archive, at, "refused" if plan.status == REFUSED else "nothing")
    return ImportResult(plan, False, archive)


def _merge(ledger: Ledger, path: Path, accept_edited: bool, re_enrol: bool, progress: Progress,
           cancelled: CancelCheck, *, commit: bool,
           expect: ImportPlan | None) -> tuple[ImportPlan, Path | None]:
    """Read the packet and merge it as it is read, in one transaction: committed if ``commit``
    and nothing is refused, else rolled back. The plan says what was (or would be) done; the
    path is where a merged packet was archived."""
    plan = ImportPlan(path=path, packet=None, status=MERGE, re_enrol=re_enrol,
                      accept_edited=accept_edited)
    try:
        with transaction(ledger.db), open_packet(path, progress=progress, cancelled=cancelled) as stream:
            packet = plan.packet = stream.packet
            _check_header(ledger, plan, packet)
            merging = plan.status == MERGE
            rows = _Rows(ledger, plan, packet) if merging else None
            try:
                for kind_key, chunk in stream.chunks():
                    if rows is not None:
                        rows.take(kind_key, chunk)
                _listed_order(plan)
                if rows is not None:
                    rows.finish()
            finally:
                if rows is not None:
                    rows.close()
            plan.warnings.extend(packet.notices)  # what the file shows that the signed part does not
            if merging or plan.status == NOTHING:
                _check_edited(plan, packet, cancelled)
            if merging and packet.problems:
                plan.refuse(f"有 {len(packet.problems)} 个单元格或记录无法接受（见问题清单）",
                            f"{len(packet.problems)} cell(s) or row(s) cannot be taken (see the problem list)")
            sort_problems(packet)
            _cross_checks(plan, rows)
            if expect is not None and plan.status == MERGE:
                _compare_with_dry_run(plan, expect)
            if not commit or plan.status != MERGE:
                raise _RolledBack
            return plan, _finish_merge(ledger, plan, packet)
    except _RolledBack:
        pass
    except PacketRefused as e:
        plan.refuse(e.zh, e.en)
        _listed_order(plan)
    return plan, None


def _listed_order(plan: ImportPlan) -> None:
    """Summaries in the order the machine part lists the sheets (they are read as they come)."""
    listed = [s.get("kind") for s in plan.packet.meta.get("sheets") or []] if plan.packet else []
    plan.summaries = dict(sorted(plan.summaries.items(),
                                 key=lambda kv: listed.index(kv[0]) if kv[0] in listed else len(listed)))


def _check_header(ledger: Ledger, plan: ImportPlan, packet: Packet) -> None:
    """What the machine part alone decides: kind, demo or training data, version, sender, key
    and sequence."""
    meta = packet.meta
    plan.office, plan.sequence = packet.office, packet.sequence
    plan.office_name = str(meta.get("office_name") or meta.get("from_office_name") or "")
    plan.fingerprint = str(meta.get("fingerprint") or "")
    if meta.get("packet_kind") != "county":
        plan.refuse(f"这是{meta.get('packet_kind')}类数据包，不是县级报送数据包",
                    f"this is a {meta.get('packet_kind')} packet, not a county packet")
        return
    refusal = practice.import_refusal(ledger.db, meta)
    if refusal is not None:  # demo or training data never reaches a real ledger
        plan.refuse(*refusal)
        return
    if int(meta.get("schema_version") or 0) > schema_version(ledger.db):
        plan.refuse("数据包由更新版本的地标台账生成，请先升级本机程序",
                    "the packet was made by a newer GI Ledger; upgrade this one first")
        return
    _check_sender(ledger, plan)
    if plan.status == REFUSED:
        return
    _check_sequence(ledger, plan)


def _check_edited(plan: ImportPlan, packet: Packet, cancelled: CancelCheck) -> None:
    """After every row is read: a packet whose content differs from what was signed. Its edited
    cells are named from the exported copy, reading the rows once more."""
    if not packet.edited:
        return
    with open_packet(plan.path, cancelled=cancelled) as again:
        if again.packet.file_hash != packet.file_hash:
            raise PacketRefused("文件在读取过程中被改动，请重新导入",
                                "the file changed while it was read; import again")
        name_edits(packet, again.chunks())
    if plan.status == NOTHING:
        plan.refuse(f"该数据包已合并过，且本文件在导出后被修改（{len(packet.edits)} 处）："
                    + "；".join(e.describe("zh") for e in packet.edits[:20]),
                    f"this packet was merged already, and this copy was edited after export "
                    f"({len(packet.edits)} cells): " + "; ".join(e.describe("en") for e in packet.edits[:20]))
        return
    if packet.edits or packet.added_rows or packet.removed_rows:
        listed = [Text(e.describe("zh"), e.describe("en")) for e in packet.edits[:20]]
        if packet.added_rows:
            listed.append(Text(f"手工添加 {len(packet.added_rows)} 行", f"{len(packet.added_rows)} rows added by hand"))
        if packet.removed_rows:
            listed.append(Text(f"删除 {len(packet.removed_rows)} 行", f"{len(packet.removed_rows)} rows removed"))
        text = Text.join(listed)
        if plan.accept_edited:
            plan.warn(f"数据包导出后被修改，已按要求接受：{text.zh}", f"edited after export, accepted: {text.en}")
        else:
            plan.refuse(f"数据包导出后被修改（{len(packet.edits)} 处）：{text.zh}。如确认接受，请使用 --accept-edited",
                        f"the packet was edited after export ({len(packet.edits)} cells): {text.en}. "
                        "Use --accept-edited to accept")
    else:
        plan.refuse("数据包内容与签名不符", "the packet's content does not match its signature")


def _compare_with_dry_run(plan: ImportPlan, expect: ImportPlan) -> None:
    """Refuse a merge that would not do what the clerk saw in the dry run."""
    same_file = (plan.packet is not None and expect.packet is not None
                 and plan.packet.file_hash == expect.packet.file_hash)
    if not same_file or plan.fingerprint != expect.fingerprint or plan.pin_needed != expect.pin_needed \
            or plan.counts() != expect.counts():
        plan.refuse("试导入之后数据包文件或本数据库有变化，合并结果与试导入不同，请重新试导入",
                    "the file or the database changed after the dry run, so the merge would differ "
                    "from it; dry-run the packet again")


def _finish_merge(ledger: Ledger, plan: ImportPlan, packet: Packet) -> Path | None:
    """Inside the merge transaction, once every row is written: pin the key, note the merge
    state, archive the file and log it. Returns where the file was archived."""
    at = now_utc()
    if plan.pin_needed:
        division = divisions.lookup(plan.office)
        assert division is not None
        packets.pin(ledger.db, plan.office, division.name, division.level, division.parent_code,
                    str(packet.meta["public_key"]), plan.fingerprint, at)
        audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code,
                     action="office-re-enrol" if plan.re_enrol else "office-pin",
                     after={"office": plan.office, "fingerprint": plan.fingerprint})
    packets.set_merge_state(ledger.db, plan.office, plan.sequence, str(packet.meta["content_hash"]), at)
    archive = _archive(ledger, plan) if plan.path.is_file() else None
    _log(ledger, plan, archive, at, "merged")
    return archive


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
    check_key(packets.pinned(ledger.db, office), str(packet.meta.get("public_key")), plan.fingerprint,
              f"{office} {division.name}", "县局", plan)


class _KeyOutcome(Protocol):
    pin_needed: bool
    re_enrol: bool
    warnings: list[Text]

    def refuse(self, zh: str, en: str) -> None: ...

    def warn(self, zh: str, en: str) -> None: ...


def check_key(known: packets.PinnedOffice | None, public_key: str, fingerprint: str, name: str, peer: str,
              outcome: _KeyOutcome) -> bool:
    """The signing key of a packet from ``name`` against the one pinned for it (``known``): the
    first packet pins it, another key is refused unless the office is re-enrolled
    (``outcome.re_enrol``). ``peer`` is who the clerk checks the fingerprint with by phone.
    False if refused."""
    if known is None or not known.public_key:
        outcome.pin_needed = True
        outcome.warn(f"首次收到 {name} 的数据包，将登记其公钥指纹 {fingerprint}，请与{peer}电话核对",
                     f"first packet of {name}: its key {fingerprint} will be pinned; check it by phone")
    elif known.public_key != public_key:
        if not outcome.re_enrol:
            outcome.refuse(f"{name} 的数据包使用了另一把密钥签名（指纹 {fingerprint}，已登记 "
                           f"{known.key_fingerprint}）。如{peer}确已更换电脑或重装，请电话核实后重新登记（--re-enrol）",
                           "the packet is signed with another key than the one pinned for this office; "
                           "re-enrol the office (--re-enrol) after checking with it")
            return False
        outcome.pin_needed = True
        outcome.warn(f"{name} 重新登记新公钥 {fingerprint}（原 {known.key_fingerprint}）",
                     f"{name} re-enrolled with a new key {fingerprint} (was {known.key_fingerprint})")
    return True


def _check_sequence(ledger: Ledger, plan: ImportPlan) -> None:
    packet = plan.packet
    assert packet is not None
    known = packets.pinned(ledger.db, plan.office)
    last = known.last_sequence if known else None
    name = plan.office_name or plan.office
    if last is None:
        return
    if plan.re_enrol and known is not None and known.public_key != packet.meta.get("public_key"):
        plan.warn(f"{name} 重新登记后数据包序号重新计算（原已合并至第 {last} 号，本次第 {plan.sequence} 号）",
                  f"after re-enrolment the sequence starts again (merged up to {last}, this is {plan.sequence})")
        return
    if plan.sequence < last:
        plan.refuse(f"{name} 的第 {plan.sequence} 号数据包早于已合并的第 {last} 号，拒绝导入",
                    f"packet {plan.sequence} of {name} is older than packet {last} already merged")
    elif plan.sequence == last:
        if packet.meta.get("content_hash") == (known.last_content_hash if known else None):
            plan.status = NOTHING
            plan.warn(f"{name} 的第 {plan.sequence} 号数据包已合并过，无需再次导入",
                      f"packet {plan.sequence} of {name} was merged already; nothing to import")
        else:
            plan.refuse(f"{name} 的第 {plan.sequence} 号数据包已合并，但本文件内容不同",
                        f"packet {plan.sequence} of {name} was merged with different content")
    elif plan.sequence > last + 1:
        plan.warn(f"{name} 的数据包序号不连续：已合并第 {last} 号，本次为第 {plan.sequence} 号"
                  f"（缺第 {last + 1}–{plan.sequence - 1} 号，数据包是全量快照，不影响完整性）",
                  f"sequence gap: {last} merged, this is {plan.sequence} (packets are full snapshots, "
                  "so nothing is lost)")
    elif known and known.last_content_hash and packet.meta.get("previous_hash") not in (
            None, known.last_content_hash):
        plan.warn("数据包记录的上一数据包与已合并的不一致", "the previous-packet hash differs from the merged one")


class _Rows:
    """The rows of one packet, merged a chunk at a time into the open transaction.

    Each chunk is checked against the database as the chunks before it left it: ownership, id
    clashes, revisions, validation (:meth:`Kind.validate_many`) and the unique fields of the
    register; what passes is written (:func:`db.packets.replicate`) with an audit entry for
    each record it changes. A reference to a record that is neither in the database nor read
    yet is settled in :meth:`finish`, when every row has been read. Rows are kept only as ids
    (for references, duplicates and the records a packet leaves out)."""

    def __init__(self, ledger: Ledger, plan: ImportPlan, packet: Packet):
        self.ledger, self.plan, self.packet = ledger, plan, packet
        self.db = ledger.db
        self.office = plan.office
        self.at = now_utc()
        self.today = ledger.today()
        self.sheets = {s["kind"]: s["name"] for s in packet.meta.get("sheets", [])}
        self.ids: dict[str, dict[str, int]] = {}
        """register → id → Excel row, of every row read (refused ones too)"""
        self.unsettled: set[tuple[str, str]] = set()
        """(register, id) referred to but neither in the database nor read yet"""
        self.waiting: list[tuple[str, int, str | None, str, str]] = []
        """(register, Excel row, record id, field, id referred to) of each reference to an
        unsettled id"""
        self.hand_ids: dict[str, list[str]] = {}
        self.held: dict[str, int] = {}
        """register → records of the office in the database before its first chunk is written"""
        self.held_matched: dict[str, int] = {}
        """register → how many of those the packet's rows have (by id)"""
        self.unknown_ids: dict[str, bool] = {}
        """register → whether no record had an id of the office's series before (then the ids
        of the packet's rows are looked up only among those read: a first packet)"""
        self.cross: dict[str, set[Any]] = {key: set() for key in _CROSS}
        """register → values of its cross-office field (:data:`_CROSS`) looked up so far"""
        self.cross_found: dict[str, list[tuple[Any, str, str]]] = {key: [] for key in _CROSS}
        """register → ``(value, office, id)`` of the live records of other offices holding them"""
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="packet-writer")
        self.writing: Future[None] | None = None
        """The new records of the last chunk being written (:func:`db.packets.stage_new_rows`):
        nothing else uses the connection until :meth:`_settle`."""

    def _settle(self) -> None:
        """Wait for the records being written; raises what writing them raised."""
        writing, self.writing = self.writing, None
        if writing is not None:
            writing.result()

    def close(self) -> None:
        """Wait for the writer (what it raised was raised by :meth:`_settle` already, or gives
        way to what ends the merge) and stop it."""
        writing, self.writing = self.writing, None
        if writing is not None:
            wait([writing])
        self.writer.shutdown()

    def _summary(self, kind_key: str) -> KindSummary:
        summary = self.plan.summaries.get(kind_key)
        if summary is None:
            summary = self.plan.summaries[kind_key] = KindSummary(kind_key, self.sheets[kind_key])
            self.ids.setdefault(kind_key, {})
            kind = REGISTRY[kind_key]
            self.held[kind_key] = packets.office_count(self.db, kind.table, self.office)
            self.held_matched[kind_key] = 0
            self.unknown_ids[kind_key] = not packets.has_id_prefix(self.db, kind.table,
                                                                   f"{kind.prefix}-{self.office}-")
        return summary

    def _exists(self, kind_key: str, rid: str) -> bool:
        """For rules: a record of the packet (read so far) or a live one of the database; an
        id not known yet counts as found until :meth:`finish` settles it."""
        ids = self.ids.get(kind_key)
        if ids is not None and rid in ids:
            return True
        target = REGISTRY.get(kind_key)
        if target is None:
            return False
        if records.exists_live(self.db, target.table, rid):
            return True
        self.unsettled.add((kind_key, rid))
        return True

    def take(self, kind_key: str, chunk: RowChunk) -> None:
        """Check and write one chunk of a register's rows.

        The rows are worked on column by column: each row's SQLite parameters are made from
        the chunk's stored columns at once, and a record object is made only for a row that
        changes one of the database (for its audit entry)."""
        self._settle()
        kind = REGISTRY[kind_key]
        summary = self._summary(kind_key)
        office, prefix = self.office, f"{kind.prefix}-{self.office}-"
        seen = self.ids[kind_key]
        ids, numbers, deleted, failed = chunk.ids, chunk.numbers, chunk.deleted, chunk.failed
        existing = {} if self.unknown_ids[kind_key] else \
            packets.existing_by_id(self.db, kind.table, [r for r in ids if r])
        params = _Params(chunk, office)
        # First what each row is: refused as it stands (None: an unreadable cell), unchanged,
        # or to check and write; then the rows to write checked together; then the outcome row
        # by row, in row order.
        refused: dict[int, tuple[str, str, str, str] | None] = {}
        unchanged: set[int] = set()
        write: list[int] = []
        befores: dict[int, records.StoredRecord] = {}
        held = sum(1 for rid, before in existing.items() if before.office_code == office and rid not in seen
                   and rid.startswith(prefix))
        fresh = (not existing and not failed and None not in ids and set(chunk.offices) <= {None, office}
                 and all(map(methodcaller("startswith", prefix), ids)) and len(set(ids)) == len(ids)
                 and seen.keys().isdisjoint(ids))
        if fresh:  # what a packet mostly is: new records, each once, of this office, every cell read
            seen.update(zip(ids, numbers))  # type: ignore[arg-type]  # fresh: no id is None
            write = list(range(len(chunk)))
        for i, (rid, number, row_office) in enumerate(() if fresh else zip(ids, numbers, chunk.offices)):
            if rid:
                if not rid.startswith(prefix):
                    refused[i] = ("编号", rid, f"编号不属于 {office} 的{kind.zh}",
                                  f"the id is not one of {office}'s {kind.en} ids")
                    continue
                first = seen.setdefault(rid, number)
                if first != number:
                    refused[i] = ("编号", rid, f"编号与本数据包第{first}行重复",
                                  f"the same id is on row {first} of this packet")
                    continue
            if row_office not in (None, office):
                refused[i] = ("所属单位", row_office or "",
                              f"记录属于其他单位（{row_office}），一个单位只能报送本单位的记录",
                              "the record belongs to another office; an office delivers only its own")
                continue
            if i in failed:
                refused[i] = None
                continue
            before = existing.get(rid) if rid else None
            if before is None:
                write.append(i)
                continue
            created = chunk.created[i]
            if before.office_code != office or (created and before.created_at != created):
                # Same id, another record: a county database rebuilt without a restore packet
                # numbers its records from 1 again. Never let it overwrite what was merged.
                refused[i] = (
                    "编号", rid or "",
                    f"编号冲突：已合并的 {rid} 是另一条记录（创建于 {before.created_at[:10]}）。"
                    "县局数据库如是重装的，请先用市局的恢复数据包重建",
                    f"id clash: {rid} merged earlier is another record (created "
                    f"{before.created_at[:10]}); rebuild the county database from a restore packet")
                continue
            revision = chunk.revisions[i]
            if before.revision > (revision or 0):
                refused[i] = ("版本", str(revision), f"比已合并的版本（{before.revision}）旧",
                              f"older than the merged revision {before.revision}")
                continue
            if _same(before, _record(kind, params[i])):
                unchanged.add(i)
                continue
            befores[i] = before
            write.append(i)
        self.held_matched[kind_key] += held
        checked = [i for i in write if not deleted[i]] if any(deleted) else list(write)
        ctx = RuleContext(today=self.today, office_code=office, exists=self._exists)
        errors_of = kind.validate_columns(_value_columns(chunk, checked), len(checked), ctx)
        if self.unsettled:
            self._wait_for(kind, chunk, checked)
        clashes = self._clashes(kind, chunk, params, write, unchanged)
        cross = _CROSS.get(kind_key)
        cross_values = chunk.values.get(cross) if cross is not None else None
        if len(write) == len(chunk) and not befores and not clashes and not any(errors_of):
            # Every row new and valid
            if None in ids:
                summary.new.extend(rid or f"第{number}行（新编号）" for rid, number in zip(ids, numbers))
            else:
                summary.new.extend(ids)  # type: ignore[arg-type]  # no id is None here
            if cross_values is not None:
                self._cross_check(kind, [v for v, gone in zip(cross_values, deleted) if not gone])
            self._write(kind, params.columns, [], set(existing))
            return
        found = iter(errors_of)
        sheet = summary.sheet
        writing = set(write)
        rows: list[int] = []
        olds: list[records.StoredRecord | None] = []
        live: list[Any] = []
        for i, (rid, number) in enumerate(zip(ids, numbers)):
            if i not in writing:
                if i in unchanged:
                    summary.unchanged += 1
                    continue
                why = refused[i]
                if why is None:
                    summary.refused.append((rid or _row(number), Text("单元格无法读取", "unreadable cells")))
                else:
                    _row_problem(self.packet, summary, number, rid, sheet, *why)
                continue
            if not deleted[i]:
                errors = next(found)
                if clashes and i in clashes:
                    errors.extend(clashes[i])
                if errors:
                    for e in errors:
                        self.packet.problems.append(Problem(sheet, number, e.zh_label,
                                                            _display(kind, e.field_key, chunk, i),
                                                            e.reason.zh, e.reason.en, kind_key, e.field_key))
                    summary.refused.append((rid or _row(number),
                                            Text.join([Text(e.reason.zh, e.reason.en) for e in errors])))
                    continue
                if cross_values is not None:
                    live.append(cross_values[i])
            rows.append(i)
            before = befores.get(i)
            olds.append(before)
            if before is None:
                summary.new.append(rid or f"第{number}行（新编号）")
            elif deleted[i] and not before.deleted:
                summary.deleted.append(rid or "")
            else:
                after = _record(kind, params[i]).values
                summary.changed[rid or ""] = [f.key for f in kind.fields
                                              if before.values.get(f.key) != after.get(f.key)]
        if live:
            self._cross_check(kind, live)
        self._write(kind, params.only(rows), olds, set(existing))

    def _cross_check(self, kind: Kind, values: list[Any]) -> None:
        """Look up in the other offices' live records the values (of the field :data:`_CROSS`
        names) of rows taken from this chunk, those not looked up before. Other offices'
        records do not change while a packet is merged, so each chunk is checked as it comes
        rather than all at the end."""
        asked = self.cross[kind.key]
        new = set(values).difference(asked)
        new.discard(None)
        if new:
            asked.update(new)
            self.cross_found[kind.key].extend(records.find_in_other_offices(
                self.db, kind.table, _CROSS[kind.key], sorted(new), self.office))

    def _wait_for(self, kind: Kind, chunk: RowChunk, checked: list[int]) -> None:
        """Note the rows of this chunk (``checked``) that refer to an id not settled yet."""
        for f in kind.refs():
            target = f.ref or ""
            column = chunk.values.get(f.key)
            if column is None:
                continue
            if {v for t, v in self.unsettled if t == target}.isdisjoint(column):
                continue  # the chunk refers to none of them
            for i in checked:
                value = column[i]
                if value is not None and (target, value) in self.unsettled:
                    self.waiting.append((kind.key, chunk.numbers[i], chunk.ids[i], f.key, value))

    def _clashes(self, kind: Kind, chunk: RowChunk, params: _Params, write: list[int],
                 unchanged: set[int]) -> dict[int, list[FieldError]]:
        """Rows to write (live) whose unique fields another live record holds: a row before it
        in this chunk, or a record of the database that is not in this chunk (rows of this packet
        merged already included). By row index in the chunk."""
        out: dict[int, list[FieldError]] = {}
        if not kind.unique:
            return out
        deleted, ids, numbers = chunk.deleted, chunk.ids, chunk.numbers
        # Unchanged rows first (the database holds their values already), then in row order
        live = [i for i in sorted(unchanged) if not deleted[i]] + [i for i in write if not deleted[i]]
        here = {ids[i] for i in live if ids[i]}
        seen = self.ids[kind.key]
        at = {f.key: _COMMON + n for n, f in enumerate(kind.fields)}
        for combo in kind.unique:
            combos = list(zip(*(params.columns[at[k]] for k in combo)))
            values = [(i, combos[i]) for i in live if None not in combos[i]]
            if not values:
                continue
            holders = packets.live_holders(self.db, kind.table, self.office, combo, [v for _i, v in values])
            if not holders and len({v for _i, v in values}) == len(values):
                continue  # held by no record and by no two rows of the chunk
            chunk_holders: dict[tuple[Any, ...], int] = {}
            for i, value in values:
                held = holders.get(value)
                other: Any = next((h for h in held if h not in here), None) if held else None
                if other is not None and other in seen:
                    other = seen[other]  # a row of this packet, merged already
                if other is None:
                    other = chunk_holders.get(value)
                chunk_holders[value] = numbers[i]
                if other is not None and i not in unchanged:
                    out.setdefault(i, []).append(FieldError.of(kind.field(combo[-1]), _dup_reason(other)))
        return out

    def _write(self, kind: Kind, columns: list[Sequence[Any]], olds: list[records.StoredRecord | None],
               present: set[str]) -> None:
        """Write rows given column by column (SQLite parameters, :class:`_Params`), with an audit
        entry for each record that was in the database (``olds``, one for each row; empty when
        every row is new)."""
        ids = columns[0]
        if not ids:
            return
        fresh = [n for n, rid in enumerate(ids) if not rid]
        if fresh:  # rows typed in by hand: ids of their own series, never the county's
            ids = columns[0] = list(ids)
            given = records.next_hand_ids(self.db, kind.table, self.office, kind.prefix, len(fresh))
            for n, rid in zip(fresh, given, strict=True):
                ids[n] = rid
            self.hand_ids.setdefault(kind.key, []).extend(given)
        keys = [f.key for f in kind.fields]
        changed = [n for n, old in enumerate(olds) if old is not None]
        if changed:
            ledger, plan = self.ledger, self.plan
            rows = [tuple(column[n] for column in columns) for n in changed]
            for row, n in zip(rows, changed):
                old, w = olds[n], _record(kind, row)
                assert old is not None
                audit.append(self.db, at=self.at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                             office_code=ledger.office.code,
                             action="merge-delete" if w.deleted and not old.deleted else "merge-update",
                             kind=kind.key, record_id=w.id, revision=w.revision,
                             before={**old.values, "revision": old.revision, "deleted": old.deleted},
                             after={**w.values, "revision": w.revision, "deleted": w.deleted},
                             note=f"数据包 {plan.office} 第{plan.sequence}号")
            packets.replicate_rows(self.db, kind.table, keys, rows, present=present)
            new = [n for n, old in enumerate(olds) if old is None]
            if not new:
                return
            columns = [[column[n] for n in new] for column in columns]
        # The new records are written on the writer thread while the next chunk is read (the
        # reader does not use the database); the next use of it waits (_settle).
        self.writing = self.writer.submit(packets.stage_new_rows(self.db, kind.table, keys, columns))

    def finish(self) -> None:
        """Once every row is read: settle references, note hand-numbered rows and the merged
        records the packet leaves out."""
        self._settle()
        for kind_key, number, rid, key, value in self.waiting:
            f = REGISTRY[kind_key].field(key)
            if value in self.ids.get(f.ref or "", {}):
                continue
            summary = self.plan.summaries[kind_key]
            self.packet.problems.append(Problem(summary.sheet, number, f.zh, f.display(value),
                                                f"找不到记录 {value}（或已删除）", f"no live record {value}",
                                                kind_key, key))
            _undo_count(summary, number, rid)
            summary.refused.append((rid or _row(number),
                                    Text(f"找不到记录 {value}（或已删除）", f"no live record {value}")))
        for kind_key, ids in self.hand_ids.items():
            kind = REGISTRY[kind_key]
            self.plan.warn(f"{kind.zh}：手工添加的 {len(ids)} 行编为 {ids[0]} 起",
                           f"{kind.en}: {len(ids)} rows added by hand numbered from {ids[0]}")
        for kind_key, summary in self.plan.summaries.items():
            if self.held_matched[kind_key] == self.held[kind_key]:
                continue  # every record held before is in the packet
            held = packets.office_ids(self.db, REGISTRY[kind_key].table, self.office)
            missing = held.difference(self.ids[kind_key], self.hand_ids.get(kind_key, ()))
            if missing:
                count = len(missing)
                first = heapq.nsmallest(10, missing)
                self.plan.warn(f"{summary.sheet}：{count} 条已合并的记录不在本数据包中（未删除，保留原样）："
                               + "、".join(first),
                               f"{REGISTRY[kind_key].en}: {count} merged records are missing from this packet "
                               "(not deleted, kept as they are): " + ", ".join(first))


def _undo_count(summary: KindSummary, number: int, rid: str | None) -> None:
    """Take a row counted as new, changed or deleted back out (it is refused after all)."""
    if rid and rid in summary.changed:
        del summary.changed[rid]
    elif rid and rid in summary.deleted:
        summary.deleted.remove(rid)
    else:
        name = rid or f"第{number}行（新编号）"
        if name in summary.new:
            summary.new.remove(name)


_CROSS = {"mark-user": "uscc", "resource": "name"}
"""The field of a register checked against other offices (:func:`_cross_checks`)."""


def _dup_reason(other: Any) -> Any:
    """``other``: a row number of this packet, or the id of a record already merged."""
    from desktop.validation import Reason

    if isinstance(other, int):
        return Reason(f"与本数据包第{other}行重复", f"duplicates row {other} of this packet")
    return Reason(f"与已合并的记录 {other} 重复", f"duplicates record {other} merged earlier")


def _display(kind: Kind, key: str, chunk: RowChunk, i: int) -> str:
    if not kind.has_field(key):
        return ""
    column = chunk.values.get(key)
    return kind.field(key).display(None if column is None else column[i])


def _row_problem(packet: Packet, summary: KindSummary, number: int, rid: str | None, sheet: str,
                 column: str, value: str, zh: str, en: str) -> None:
    packet.problems.append(Problem(sheet, number, column, value, zh, en, summary.kind))
    summary.refused.append((rid or _row(number), Text(zh, en)))


def _row(number: int) -> Text:
    """A row without an id, as the report names it."""
    return Text(f"第{number}行", f"row {number}")


_COMMON = 6
"""Parameters before the fields' in a row of :class:`_Params`: id, office code, created at,
updated at, revision, deleted."""


class _Params:
    """The SQLite parameters of a chunk's rows (:func:`db.packets.replicate_rows`, the fields
    in the register's order), column by column: as sent, but a row without an id has "" (it
    gets one when written), without times now, without a revision 1. ``params[i]`` is row i's."""

    __slots__ = ("columns",)

    def __init__(self, chunk: RowChunk, office: str):
        created, updated = chunk.created, chunk.updated
        if not all(created) or not all(updated):  # rows added by hand in the sheet
            now = now_utc()
            created = [c or now for c in created]
            updated = [u or now for u in updated]
        ids, revisions, deleted = chunk.ids, chunk.revisions, chunk.deleted
        self.columns: list[Sequence[Any]] = [
            [r or "" for r in ids] if None in ids else list(ids), [office] * len(chunk), created, updated,
            [r or 1 for r in revisions] if None in revisions or 0 in revisions else list(revisions),
            [int(d) for d in deleted] if any(deleted) else [0] * len(deleted), *chunk.stored]

    def __getitem__(self, i: int) -> tuple[Any, ...]:
        return tuple(column[i] for column in self.columns)

    def only(self, rows: list[int]) -> list[Sequence[Any]]:
        """The columns of these rows only."""
        return [[column[i] for i in rows] for column in self.columns]


def _record(kind: Kind, row: tuple[Any, ...]) -> records.StoredRecord:
    """The record a row of :class:`_Params` writes."""
    return records.StoredRecord(kind.table, row[0], row[1], row[2], row[3], row[4], bool(row[5]),
                                dict(zip([f.key for f in kind.fields], row[_COMMON:])))


def _value_columns(chunk: RowChunk, rows: list[int]) -> dict[str, Sequence[Any]]:
    """The field values of these rows of the chunk, column by column (what validation takes)."""
    if len(rows) == len(chunk):
        return chunk.values
    return {key: [column[i] for i in rows] for key, column in chunk.values.items()}


def _same(a: records.StoredRecord, b: records.StoredRecord) -> bool:
    return (a.revision == b.revision and a.deleted == b.deleted and a.values == b.values
            and a.updated_at == b.updated_at)


def _cross_checks(plan: ImportPlan, rows: _Rows | None) -> None:
    """The same USCC as mark user, or the same product name, in another office: reported."""
    if rows is None:
        return
    for kind_key, label_zh, label_en in (("mark-user", "统一社会信用代码", "USCC"),
                                         ("resource", "产品名称", "product name")):
        found = sorted(rows.cross_found[kind_key], key=lambda c: (str(c[0]), c[1], c[2]))
        for value, other_office, rid in found[:50]:
            name = divisions.lookup(other_office)
            plan.warn(f"跨县核对：{label_zh}“{value}”在 {other_office} {name.name if name else ''}（{rid}）也有登记",
                      f"cross-county: the same {label_en} in {other_office}")


# ---- archive and log -----------------------------------------------------------------------

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
