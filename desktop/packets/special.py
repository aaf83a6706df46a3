"""The packets a city sends its counties: receipts, restore packets and reference packets.

- **Receipt** (回执): the city confirms what it did with one county packet (merged, refused, or
  nothing to do), taken from its packet log by the packet's content hash. The county imports it
  and its sent packet is marked as receipted.
- **Restore packet** (恢复数据包): every record the city holds for one county (tombstones too),
  signed by the city. A county whose PC was lost runs ``giledger init --office CODE`` on a new
  file and imports it: the records come back exactly (ids, revisions, times) and the next packet
  continues the county's numbering. The new file has a new key, so the city re-enrols the
  county (``import-packet --re-enrol``) when its next packet arrives.
- **Reference packet** (参考数据包): the city's own records (protected GIs it keeps, inspection
  plans and tasks, ...). A county replicates them; they stay the city's records (read-only at
  the county: one writer per record), and county records may refer to them. City records that
  refer to another county's records do not apply to this county and are left out.

A demo or training database marks these packets as it marks its county packets, and a real
county refuses them (:mod:`desktop.practice`). Every import checks that the packet comes from
this office's parent (division ``parent_code``), verifies the signature and pins the parent's
key on first sight (a different key later is refused unless ``re_enrol``), and writes in one
transaction with its audit rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from db import audit, packets, records
from db.connection import now_utc, schema_version, transaction
from desktop import divisions, keys, practice
from desktop.fields import FieldError, Kind, RuleContext
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text, pick
from desktop.packets import format as fmt
from desktop.packets import reader
from desktop.packets.export import (
    KIND_TITLES,
    _base_meta,
    _counts,
    _cover,
    _log_sent,
    _office_records,
    default_packet_name,
    packets_dir,
)
from desktop.packets.importer import MERGE, NOTHING, REFUSED, check_key
from desktop.packets.merger import duplicate_reason as _dup_reason
from desktop.packets.merger import same_record as _same
from desktop.packets.reader import Packet, PacketRefused, ParsedRow, Problem, read_packet
from desktop.packets.writer import PacketContent, write_packet
from desktop.record import Record, from_stored, to_columns
from desktop.registers import REGISTRY

__all__ = ["SPECIAL_KINDS", "SpecialExport", "SpecialImport", "read_meta", "peek_kind",
           "export_receipt", "make_receipt", "make_restore_packet", "make_reference_packet",
           "import_special", "import_receipt", "import_restore", "import_reference",
           "describe_special", "MERGE", "NOTHING", "REFUSED"]

log = logging.getLogger(__name__)

SPECIAL_KINDS = ("receipt", "restore", "reference")

RESULT_TEXT = {"merged": ("已合并", "merged"), "nothing": ("无需导入（此前已合并）", "nothing to do (merged before)"),
               "refused": ("拒绝导入", "refused")}
"""What a receipt says the city did with a packet."""

KIND_TEXT = {"receipt": ("回执", "receipt"), "restore": ("恢复数据包", "restore packet"),
             "reference": ("参考数据包", "reference packet"), "county": ("县级报送数据包", "county packet")}


# ---- results ---------------------------------------------------------------------------------

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
class SpecialImport:
    """What importing a receipt, restore or reference packet did (or, on a dry run, would do)."""

    path: Path
    packet_kind: str = ""
    status: str = MERGE
    office: str = ""
    """The sender."""
    office_name: str = ""
    sequence: int = 0
    fingerprint: str = ""
    pin_needed: bool = False
    re_enrol: bool = False
    refusals: list[Text] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    facts: list[Text] = field(default_factory=list)
    """Kind-specific lines of the report (receipt result, next sequence, new fingerprint)."""
    own_fingerprint: str = ""
    """Restore: this file's (new) key fingerprint, which the city must re-enrol."""
    receipt_status: str = ""
    next_sequence: int = 0
    packet: Packet | None = None
    _writes: dict[str, list[records.StoredRecord]] = field(default_factory=dict, repr=False)
    _befores: dict[str, dict[str, records.StoredRecord]] = field(default_factory=dict, repr=False)

    def refuse(self, zh: str, en: str) -> None:
        self.status = REFUSED
        self.refusals.append(Text(zh, en))

    def warn(self, zh: str, en: str) -> None:
        self.warnings.append(Text(zh, en))


# ---- reading the machine part only -----------------------------------------------------------

def read_meta(path: Path | str) -> dict[str, Any]:
    """The machine part of a packet without reading its register sheets (a county packet of a
    large county takes seconds to read in full; this takes milliseconds). The container checks
    of :func:`read_packet` (size, zip bomb, DTD) run first. Raises :class:`PacketRefused`."""
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


# ---- helpers ---------------------------------------------------------------------------------

def _local(at: str | None) -> str:
    if not at:
        return "—"
    try:
        return f"{datetime.fromisoformat(at).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        return at


def _office_label(code: str, name: str | None = None) -> str:
    if not name:
        division = divisions.lookup(code) if code else None
        name = division.name if division else ""
    return f"{name}（{code}）" if name else code


def _special_cover(meta: dict[str, Any], first_label: str,
                   extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The export cover lines, with the sending office under ``first_label`` (出具单位, 下发单位)."""
    lines = _cover(meta, extra)
    return [(first_label, lines[0][1]), *lines[1:]]


def _write_and_log(ledger: Ledger, target: Path, content: PacketContent, key: packets.OfficeKey,
                   sequence: int, packet_kind: str, office_code: str, progress: Progress,
                   cancelled: CancelCheck) -> Any:
    written = write_packet(target, content, lambda m: keys.sign(key, m), progress=progress,
                           cancelled=cancelled)
    try:
        _log_sent(ledger, written, sequence, packet_kind, office_code=office_code)
    except BaseException:
        written.path.unlink(missing_ok=True)
        raise
    return written


def _own_log(ledger: Ledger, direction: str, office_code: str) -> list[packets.PacketLogEntry]:
    return [e for e in packets.packet_log(ledger.db, office_code) if e.direction == direction]


def _archive(ledger: Ledger, packet: Packet) -> Path:
    """Keep an imported file as ``packets/received/<sha256>.xlsx`` (once per content)."""
    from desktop.packets.export import archive_received

    return archive_received(ledger, packet.path, packet.file_hash)


def _ref_office(rid: str) -> str | None:
    """The office code inside an id ``PREFIX-OFFICE-NNNNNN``."""
    parts = rid.split("-")
    return parts[1] if len(parts) == 3 else None


# ---- receipts (city) -------------------------------------------------------------------------

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
        entries = [e for e in _own_log(ledger, "received", office)
                   if e.content_hash == content_hash and e.sequence == sequence]
        if not entries:
            raise PacketRefused(
                f"本单位尚未导入 {_office_label(office, office_name)} 的第 {sequence} 号数据包"
                "（数据包记录中没有该内容校验值），不能出具回执。请先导入该数据包，再出具回执",
                f"packet {sequence} of {office} has not been imported here (no entry in the packet "
                "log with its content hash); import it first, then make the receipt")
        rank = {"merged": 0, "nothing": 1, "refused": 2}
        entry = min(entries, key=lambda e: (rank.get(e.status, 3), -e.id))
        status = entry.status if entry.status in RESULT_TEXT else "refused"
        reasons = list((entry.detail or {}).get("refusals") or []) if status == "refused" else []
        meta = _base_meta(ledger, "receipt", key)
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
            cover_lines=_special_cover(meta, "出具单位", [
                ("单位", _office_label(office, office_name)),
                ("数据包", f"第 {sequence} 号数据包"),
                ("内容校验", content_hash[:16]),
                ("收到时间", _local(entry.at)),
                ("处理结果", result_zh),
                ("导入方法", ("在地标台账中“导入数据包”（或 giledger import-packet 本文件），"
                              "本单位的该数据包即标记为已收到回执"))]),
            records={}, counts={})
        written = _write_and_log(ledger, target, content, key, sequence, "receipt", office,
                                 progress, cancelled)
    return SpecialExport(written.path, "receipt", office, office_name, sequence, content_hash, 0,
                         meta["fingerprint"], status=status,
                         not_for_reporting=practice.packet_practice(meta))


def make_receipt(ledger: Ledger, packet_path: Path | str, out_path: Path | str | None = None, *,
                 progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> Path:
    """The receipt for a county packet (see :func:`export_receipt`); returns its path."""
    return export_receipt(ledger, packet_path, out_path, progress=progress, cancelled=cancelled).path


# ---- restore packets (city) ------------------------------------------------------------------

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
        owner = _ref_office(str(value))
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
            raise PacketRefused(f"尚未合并过 {_office_label(office_code, division.name)} 的数据包，没有可恢复的数据",
                                f"no packet of {office_code} has been merged here: nothing to restore")
        sequence = known.last_sequence
        name = known.name or division.name
        wanted, others = _parent_records_needed(ledger, office_code)
        extra = sum(len(v) for v in wanted.values())
        meta = _base_meta(ledger, "restore", key)
        meta.update(office=office_code, office_name=name, sequence=sequence,
                    merged_content_hash=known.last_content_hash, merged_at=known.last_received_at,
                    county_fingerprint=known.key_fingerprint, parent_rows=extra)
        target = Path(path) if path else packets_dir(ledger, "sent") / default_packet_name(
            ledger, "restore", sequence, office_code=office_code, office_name=name)
        streams = _office_records(ledger, office_code)

        def with_parent(kind_key: str, stream: Callable[[], Iterable[Record]]) -> Callable[[], Iterable[Record]]:
            kind = REGISTRY[kind_key]

            def run() -> Iterable[Record]:
                yield from stream()
                for rid in sorted(wanted.get(kind_key, ())):
                    stored = records.get(ledger.db, kind.table, rid)
                    if stored is not None:
                        yield from_stored(kind, stored)
            return run

        counts = _counts(ledger, office_code)
        for kind_key, ids in wanted.items():
            counts[kind_key] = counts.get(kind_key, 0) + len(ids)
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["restore"],
            cover_lines=_special_cover(meta, "出具单位", [
                ("恢复单位", _office_label(office_code, name)),
                ("恢复至", f"第 {sequence} 号数据包（市局最后合并的数据包，{_local(known.last_received_at)}）"),
                ("附带市局记录", f"{extra} 条（本县记录所引用的市局记录，如市局登记的地理标志；导入后仍属市局）"
                 if extra else "无"),
                ("使用方法", (f"仅用于重建的县局数据库：giledger init --office {office_code} 后，"
                              "在地标台账中“导入数据包”导入本文件（数据库中须尚无本县记录）")),
                ("重新登记", ("导入后县局电脑使用新的签名密钥：市局收到其下一个数据包时，"
                              "须电话核对新的公钥指纹，并以“重新登记”（--re-enrol）方式导入"))]),
            records={k: with_parent(k, s) for k, s in streams.items()}, counts=counts)
        written = _write_and_log(ledger, target, content, key, sequence, "restore", office_code,
                                 progress, cancelled)
    notes = []
    if extra:
        notes.append(Text(f"附带本单位被该县记录引用的 {extra} 条记录", f"with {extra} record(s) of this "
                          "office that the county's records refer to"))
    for other, ids in sorted(others.items()):
        sample = "、".join(sorted(ids)[:5])
        notes.append(Text(f"该县记录引用了 {_office_label(other)} 的 {len(ids)} 条记录（{sample}），恢复数据包中没有："
                          "县局须先有这些记录才能导入", "the county's records refer to "
                          f"{len(ids)} record(s) of {other} ({sample}) that the packet does not carry"))
    notes.append(Text("县局导入后将使用新密钥；收到其下一个数据包时请核对新指纹后用 --re-enrol 导入",
                      "after the restore the county signs with a new key: re-enrol it "
                      "(import-packet --re-enrol) after checking the new fingerprint"))
    return SpecialExport(written.path, "restore", office_code, name, sequence, written.content_hash,
                         written.rows, meta["fingerprint"], notes=tuple(notes),
                         not_for_reporting=practice.packet_practice(meta))


# ---- reference packets (city) ----------------------------------------------------------------

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
        sent = [e for e in _own_log(ledger, "reference", me.code) if e.sequence is not None]
        last = max(sent, key=lambda e: (e.sequence or 0, e.id)) if sent else None
        sequence = (last.sequence or 0) + 1 if last else 1
        meta = _base_meta(ledger, "reference", key)
        meta.update(office=me.code, office_name=me.name, sequence=sequence,
                    previous_hash=last.content_hash if last else None)
        target = Path(path) if path else packets_dir(ledger, "sent") / default_packet_name(
            ledger, "reference", sequence)
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["reference"],
            cover_lines=_special_cover(meta, "下发单位", [
                ("数据包序号", f"第 {sequence} 号参考数据包"),
                ("上一参考数据包", f"第 {sequence - 1} 号" if last else "无（首次下发）"),
                ("说明", ("本数据包为市局自有记录（已保护地理标志、抽查计划与任务等），县局导入后可引用，"
                          "但只能由市局修改；引用其他县记录的市局记录不会导入该县"))]),
            records=_office_records(ledger, me.code), counts=_counts(ledger, me.code))
        written = _write_and_log(ledger, target, content, key, sequence, "reference", me.code,
                                 progress, cancelled)
    return SpecialExport(written.path, "reference", me.code, me.name, sequence, written.content_hash,
                         written.rows, meta["fingerprint"],
                         not_for_reporting=practice.packet_practice(meta))


# ---- importing (county) ----------------------------------------------------------------------

def import_special(ledger: Ledger, path: Path | str, *, re_enrol: bool = False, dry_run: bool = False,
                   progress: Progress = no_progress,
                   cancelled: CancelCheck = never_cancelled) -> SpecialImport:
    """Import a receipt, restore or reference packet, whichever the file is."""
    return _import(ledger, path, None, re_enrol=re_enrol, dry_run=dry_run, progress=progress,
                   cancelled=cancelled)


def import_receipt(ledger: Ledger, path: Path | str, *, re_enrol: bool = False, dry_run: bool = False,
                   progress: Progress = no_progress,
                   cancelled: CancelCheck = never_cancelled) -> SpecialImport:
    """Mark the sent packet a receipt names as received (status: the city's verdict)."""
    return _import(ledger, path, "receipt", re_enrol=re_enrol, dry_run=dry_run, progress=progress,
                   cancelled=cancelled)


def import_restore(ledger: Ledger, path: Path | str, *, re_enrol: bool = False, dry_run: bool = False,
                   progress: Progress = no_progress,
                   cancelled: CancelCheck = never_cancelled) -> SpecialImport:
    """Put this office's records back from the city's copy (only into a file of this office that
    holds none of its records yet), and continue the packet numbering after it."""
    return _import(ledger, path, "restore", re_enrol=re_enrol, dry_run=dry_run, progress=progress,
                   cancelled=cancelled)


def import_reference(ledger: Ledger, path: Path | str, *, re_enrol: bool = False, dry_run: bool = False,
                     progress: Progress = no_progress,
                     cancelled: CancelCheck = never_cancelled) -> SpecialImport:
    """Replicate the parent office's own records (all or nothing; older packets refused)."""
    return _import(ledger, path, "reference", re_enrol=re_enrol, dry_run=dry_run, progress=progress,
                   cancelled=cancelled)


_Check = Callable[[Ledger, Packet, SpecialImport], Any]


def _import(ledger: Ledger, path: Path | str, expected: str | None, *, re_enrol: bool, dry_run: bool,
            progress: Progress, cancelled: CancelCheck) -> SpecialImport:
    path = Path(path)
    result = SpecialImport(path=path, packet_kind=expected or "", re_enrol=re_enrol)
    try:
        packet = read_packet(path, progress=progress, cancelled=cancelled)
    except PacketRefused as e:
        result.refuse(e.zh, e.en)
        return result
    result.packet = packet
    meta = packet.meta
    kind = str(meta.get("packet_kind") or "")
    result.packet_kind = kind
    result.office = str(meta.get("from_office") or "")
    result.office_name = str(meta.get("from_office_name") or "")
    result.fingerprint = str(meta.get("fingerprint") or "")
    result.problems = packet.problems
    if kind not in SPECIAL_KINDS or (expected and kind != expected):
        want = KIND_TEXT.get(expected or "", ("回执、恢复数据包或参考数据包", "receipt, restore or reference packet"))
        got = KIND_TEXT.get(kind, (kind or "未知", kind or "unknown"))
        extra_zh = "；县级报送数据包由市局导入" if kind == "county" else ""
        result.refuse(f"该文件是{got[0]}，不是{want[0]}{extra_zh}", f"this file is a {got[1]}, not a {want[1]}")
        return result
    check, apply = {"receipt": (_check_receipt, _apply_receipt),
                    "restore": (_check_restore, _apply_restore),
                    "reference": (_check_reference, _apply_reference)}[kind]
    if dry_run:
        _check_common(ledger, packet, result)
        if result.status == MERGE:
            check(ledger, packet, result)
        return result
    with transaction(ledger.db):  # checks and writes see one state of the file
        _check_common(ledger, packet, result)
        if result.status == MERGE:
            check(ledger, packet, result)
        at = now_utc()
        if result.status == MERGE:
            if result.pin_needed:
                _pin(ledger, packet, result, at)
            apply(ledger, packet, result, at, progress, cancelled)
        else:
            _log_outcome(ledger, packet, result, at)
    return result


def _check_common(ledger: Ledger, packet: Packet, result: SpecialImport) -> None:
    """Not demo or training data for a real ledger, sender is this office's parent, signature
    valid, key pinned or pinnable, not edited."""
    meta = packet.meta
    me = ledger.office
    sender = result.office
    parent = me.parent_code
    refusal = practice.import_refusal(ledger.db, meta)
    if refusal is not None:
        result.refuse(*refusal)
        return
    if int(meta.get("schema_version") or 0) > schema_version(ledger.db):
        result.refuse("数据包由更新版本的地标台账生成，请先升级本机程序",
                      "the packet was made by a newer GI Ledger; upgrade this one first")
        return
    if not sender or sender != parent:
        result.refuse(f"数据包来自 {_office_label(sender, result.office_name)}，不是本单位（{me.name}）"
                      f"的上级单位{('（' + _office_label(parent) + '）') if parent else ''}，不能导入",
                      f"the packet comes from {sender or 'an unknown office'}, which is not this "
                      f"office's parent ({parent or 'none'})")
        return
    if not packet.signature_ok:
        result.refuse("数据包签名无效（文件已损坏或被伪造）", "the packet's signature is not valid")
        return
    public_key = str(meta.get("public_key"))
    result.fingerprint = keys.fingerprint(public_key)
    known = packets.pinned(ledger.db, sender)
    if not check_key(known, public_key, result.fingerprint, _office_label(sender, result.office_name),
                     "上级单位", result):
        return
    if packet.edited:
        listed = "；".join(e.describe() for e in packet.edits[:20])
        result.refuse(f"数据包导出后被修改（{len(packet.edits)} 处）{('：' + listed) if listed else ''}。"
                      "上级单位下发的数据包不接受改动，请向其重新索取",
                      "the packet was edited after export; packets from the parent office are "
                      "taken only as sent: ask for a new copy")
        return
    if packet.problems:
        result.refuse(f"有 {len(packet.problems)} 个单元格或记录无法读取（见问题清单）",
                      f"{len(packet.problems)} cell(s) or row(s) cannot be read (see the problems)")


def _pin(ledger: Ledger, packet: Packet, result: SpecialImport, at: str) -> None:
    division = divisions.lookup(result.office)
    meta = packet.meta
    packets.pin(ledger.db, result.office, division.name if division else result.office_name,
                division.level if division else str(meta.get("from_level") or "city"),
                division.parent_code if division else None, str(meta["public_key"]),
                result.fingerprint, at)
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code,
                 action="office-re-enrol" if result.re_enrol else "office-pin",
                 after={"office": result.office, "fingerprint": result.fingerprint})


def _log_outcome(ledger: Ledger, packet: Packet, result: SpecialImport, at: str,
                 archive: Path | None = None, *, direction: str | None = None, office: str | None = None,
                 sequence: int | None = None, content_hash: str | None = None, status: str | None = None,
                 detail: dict[str, Any] | None = None) -> None:
    """The packet-log row and the audit row of one import (refused, nothing, or done)."""
    status = status or {MERGE: "merged", NOTHING: "nothing", REFUSED: "refused"}[result.status]
    info: dict[str, Any] = {"from_office": result.office, **(detail or {})}
    if result.counts:
        info["counts"] = result.counts
    if result.refusals:
        info["refusals"] = result.refusals[:20]
    if result.warnings:
        info["warnings"] = result.warnings[:20]
    kind = result.packet_kind
    if office is None:
        office = (str(packet.meta.get("for_office") or ledger.office.code) if kind == "receipt"
                  else ledger.office.code if kind == "restore" else result.office or "?")
    packets.log_packet(ledger.db, direction=direction or kind, office_code=office,
                       sequence=sequence if sequence is not None else (result.sequence or None),
                       file_name=packet.path.name,
                       content_hash=content_hash or str(packet.meta.get("content_hash") or "") or None,
                       at=at, status=status, detail=info, file_hash=packet.file_hash,
                       archive_path=str(archive) if archive else None, packet_kind=kind)
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action=f"import-{kind}-{status}",
                 after={"from": result.office, "sequence": result.sequence, "file": packet.path.name,
                        **(detail or {}), **({"counts": result.counts} if result.counts else {})})


# ---- receipt ---------------------------------------------------------------------------------

def _check_receipt(ledger: Ledger, packet: Packet, result: SpecialImport) -> None:
    meta = packet.meta
    me = ledger.office
    for_office = str(meta.get("for_office") or "")
    sequence = int(meta.get("for_sequence") or 0)
    content_hash = str(meta.get("for_content_hash") or "")
    result.sequence = sequence
    result.receipt_status = str(meta.get("status") or "")
    if for_office != me.code:
        result.refuse(f"这份回执是给 {_office_label(for_office, str(meta.get('for_office_name') or ''))} 的，"
                      f"不是本单位（{me.name}）的", f"this receipt is for {for_office}, not for {me.code}")
        return
    sent = _own_log(ledger, "sent", me.code)
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
    result.facts.append(Text(f"第 {sequence} 号数据包：{_office_label(result.office, result.office_name)}"
                             f"于 {_local(str(meta.get('received_at') or ''))} 收到，处理结果：{zh}",
                             f"packet {sequence}: {en} by {result.office}"))
    for r in reasons[:10]:
        result.facts.append(Text(f"  市局拒绝原因：{pick(r, 'zh')}", f"  refused by the city because: {pick(r, 'en')}"))
    done = [e for e in _own_log(ledger, "receipt", me.code)
            if e.file_hash == packet.file_hash and e.status == "receipted"]
    if done and not result.pin_needed:
        result.status = NOTHING
        result.warn("该回执已导入过", "this receipt was imported before")


def _apply_receipt(ledger: Ledger, packet: Packet, result: SpecialImport, at: str,
                   progress: Progress, cancelled: CancelCheck) -> None:
    meta = packet.meta
    content_hash = str(meta.get("for_content_hash") or "")
    packets.mark_received(ledger.db, ledger.office.code, result.sequence, content_hash, at)
    _log_outcome(ledger, packet, result, at, office=ledger.office.code, content_hash=content_hash,
                 status="receipted",
                 detail={"result": result.receipt_status, "received_at": meta.get("received_at"),
                         "reasons": meta.get("reasons") or []})


# ---- restore ---------------------------------------------------------------------------------

def _rows_owned_by(packet: Packet, result: SpecialImport, owners: tuple[str, ...]) -> bool:
    """Every row belongs to one of ``owners`` and has an id of its owner; problems named otherwise."""
    ok = True
    by_kind = {s["kind"]: s["name"] for s in packet.meta.get("sheets", [])}
    for kind_key, rows in packet.rows.items():
        kind = REGISTRY[kind_key]
        for row in rows:
            owner = row.office_code or owners[0]
            if owner not in owners:
                result.problems.append(Problem(by_kind[kind_key], row.row, "所属单位", owner,
                                               f"记录属于其他单位（{owner}）",
                                               "the record belongs to another office", kind_key))
                ok = False
            elif not row.id or not row.id.startswith(f"{kind.prefix}-{owner}-"):
                result.problems.append(Problem(by_kind[kind_key], row.row, "编号", row.id or "",
                                               f"编号不属于 {owner} 的{kind.zh}",
                                               f"the id is not one of {owner}'s {kind.en} ids", kind_key))
                ok = False
    if not ok:
        result.refuse(f"数据包中有不属于 {'、'.join(owners)} 的记录（见问题清单）",
                      f"the packet holds records that are not {' or '.join(owners)}'s (see the problems)")
    return ok


def _check_restore(ledger: Ledger, packet: Packet, result: SpecialImport) -> None:
    meta = packet.meta
    me = ledger.office
    office = str(meta.get("office") or "")
    result.sequence = packet.sequence
    if office != me.code:
        result.refuse(f"这是 {_office_label(office, str(meta.get('office_name') or ''))} 的恢复数据包，"
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
    if not _rows_owned_by(packet, result, (me.code, result.office)):
        return
    ids = {k: {r.id for r in rows} for k, rows in packet.rows.items()}
    missing: dict[str, str] = {}
    for kind_key, rows in packet.rows.items():
        for f in REGISTRY[kind_key].refs():
            target = REGISTRY[str(f.ref)]
            for row in rows:
                value = row.values.get(f.key)
                if (value and value not in ids.get(str(f.ref), set()) and value not in missing
                        and records.get(ledger.db, target.table, str(value)) is None):
                    missing[str(value)] = row.id or ""
    if missing:
        sample = "、".join(f"{v}（{missing[v]} 引用）" for v in list(missing)[:10])
        result.refuse(f"恢复的记录引用了本数据库中没有、数据包中也没有的 {len(missing)} 条记录：{sample}，"
                      "请与市局联系", f"the restored records refer to {len(missing)} record(s) that "
                      "neither this database nor the packet holds; contact the city")
        return
    parent_held = 0
    for kind_key, rows in packet.rows.items():
        own_rows = [r for r in rows if (r.office_code or me.code) == me.code]
        if own_rows:
            result.counts[kind_key] = {"new": len(own_rows)}
        parent_held += len(rows) - len(own_rows)
    result.next_sequence = packet.sequence + 1
    result.facts.append(Text(f"恢复至第 {packet.sequence} 号数据包，本单位记录 {packet.total_rows() - parent_held} 条；"
                             f"下一个数据包为第 {result.next_sequence} 号", f"restored up to packet "
                             f"{packet.sequence} ({packet.total_rows() - parent_held} records); the next packet "
                             f"is {result.next_sequence}"))
    if parent_held:
        result.facts.append(Text(f"附带上级单位记录 {parent_held} 条（本单位记录所引用的，仍属上级单位，只读）",
                                 f"with {parent_held} record(s) of the parent office (read-only here)"))


def _apply_restore(ledger: Ledger, packet: Packet, result: SpecialImport, at: str,
                   progress: Progress, cancelled: CancelCheck) -> None:
    me = ledger.office
    key = keys.office_key(ledger)  # a new file has a new key: the city must re-enrol it
    result.own_fingerprint = keys.fingerprint(key.public_key)
    archive = _archive(ledger, packet)
    total = packet.total_rows()
    done = 0
    note = f"恢复数据包 {result.office} 第{packet.sequence}号"
    for kind_key, rows in packet.rows.items():
        if not rows:
            continue
        kind = REGISTRY[kind_key]
        own = [_stored(kind, me.code, r) for r in rows if (r.office_code or me.code) == me.code]
        parent = []
        for r in rows:
            if r.office_code and r.office_code != me.code:
                held = records.get(ledger.db, kind.table, r.id or "")
                if held is None or held.revision < (r.revision or 1):  # a reference packet may be newer
                    parent.append(_stored(kind, r.office_code, r))
        for batch, action in ((own, "restore-records"), (parent, "reference-create")):
            if not batch:
                continue
            packets.replicate(ledger.db, kind.table, batch)
            ordered = sorted(s.id for s in batch)
            audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                         office_code=me.code, action=action, kind=kind_key,
                         after={"rows": len(batch), "first": ordered[0], "last": ordered[-1]}, note=note)
        done += len(rows)
        progress(done, total)
        check_cancel(cancelled)
    merged_hash = str(packet.meta.get("merged_content_hash") or packet.meta.get("content_hash") or "")
    # A 'sent' row carries the sequence: the next export continues after it (db.packets.last_sent),
    # and its hash is the county packet the city merged last (the next packet's previous_hash).
    _log_outcome(ledger, packet, result, at, archive, direction="sent", office=me.code,
                 sequence=packet.sequence, content_hash=merged_hash, status="restored",
                 detail={"rows": total, "restore_content_hash": packet.meta.get("content_hash"),
                         "new_fingerprint": result.own_fingerprint})
    result.facts.append(Text(f"本机新的签名公钥指纹：{result.own_fingerprint}",
                             f"this file's new key fingerprint: {result.own_fingerprint}"))
    result.facts.append(Text("请将新指纹告知市局：市局导入本单位下一个数据包时须核对指纹，并以重新登记方式导入"
                             "（giledger import-packet --re-enrol 文件）", "tell the city this fingerprint: it "
                             "must re-enrol this office (import-packet --re-enrol) with the next packet"))


# ---- reference -------------------------------------------------------------------------------

def _check_reference(ledger: Ledger, packet: Packet, result: SpecialImport) -> None:
    meta = packet.meta
    sender = result.office
    result.sequence = packet.sequence
    if str(meta.get("office") or "") != sender:
        result.refuse("参考数据包只能包含下发单位自己的记录",
                      "a reference packet carries its sender's own records only")
        return
    known = packets.pinned(ledger.db, sender)
    last = known.last_sequence if known else None
    name = _office_label(sender, result.office_name)
    if last is not None:
        if packet.sequence < last:
            result.refuse(f"{name} 的第 {packet.sequence} 号参考数据包早于已导入的第 {last} 号，拒绝导入",
                          f"reference packet {packet.sequence} is older than packet {last} already imported")
            return
        if packet.sequence == last:
            if meta.get("content_hash") == (known.last_content_hash if known else None):
                result.status = NOTHING
                result.warn(f"{name} 的第 {packet.sequence} 号参考数据包已导入过",
                            f"reference packet {packet.sequence} of {name} was imported already")
            else:
                result.refuse(f"{name} 的第 {packet.sequence} 号参考数据包已导入，但本文件内容不同",
                              f"reference packet {packet.sequence} was imported with different content")
            return
    if not _rows_owned_by(packet, result, (sender,)):
        return
    _plan_reference_rows(ledger, packet, result)


def _plan_reference_rows(ledger: Ledger, packet: Packet, result: SpecialImport) -> None:
    """Validate the sender's rows like the county importer does; leave out rows that refer to
    records of a third office (another county's), which do not apply here."""
    me, sender = ledger.office.code, result.office
    rows_by_id = {(k, r.id): r for k, rows in packet.rows.items() for r in rows}
    skipped: set[tuple[str, str | None]] = set()
    changed = True
    while changed:  # a row referring to a left-out row is left out too
        changed = False
        for (kind_key, rid), row in rows_by_id.items():
            if (kind_key, rid) in skipped:
                continue
            for f in REGISTRY[kind_key].refs():
                value = row.values.get(f.key)
                if not value:
                    continue
                if _ref_office(str(value)) not in (sender, me) or (f.ref, value) in skipped:
                    skipped.add((kind_key, rid))
                    changed = True
                    break
    ids = {k: {r.id for r in rows if (k, r.id) not in skipped} for k, rows in packet.rows.items()}
    absent: dict[str, str] = {}
    for (kind_key, rid), row in rows_by_id.items():
        if (kind_key, rid) in skipped:
            continue
        for f in REGISTRY[kind_key].refs():
            value = row.values.get(f.key)
            if (value and _ref_office(str(value)) == me and value not in absent
                    and records.get(ledger.db, REGISTRY[str(f.ref)].table, str(value)) is None):
                absent[str(value)] = rid or ""
    if absent:
        sample = "、".join(f"{v}（{absent[v]} 引用）" for v in list(absent)[:10])
        result.refuse(f"参考数据包中的上级单位记录引用了本单位的 {len(absent)} 条记录，但本数据库中没有：{sample}。"
                      "如本机是重建的，请先导入恢复数据包，再导入参考数据包",
                      f"the parent's records refer to {len(absent)} record(s) of this office that this "
                      "database does not hold; on a rebuilt file import the restore packet first")
        return

    def exists(kind_key: str, rid: str) -> bool:
        # The sender's records are judged for integrity, not against this office's later
        # deletions: a tombstoned record of this office still satisfies a reference.
        target = REGISTRY.get(kind_key)
        return rid in ids.get(kind_key, set()) or (
            target is not None and records.get(ledger.db, target.table, rid) is not None)

    ctx = RuleContext(today=ledger.today(), office_code=sender, exists=exists)
    by_kind = {s["kind"]: s["name"] for s in packet.meta.get("sheets", [])}
    writes: dict[str, list[records.StoredRecord]] = {}
    befores: dict[str, dict[str, records.StoredRecord]] = {}
    for kind_key, rows in packet.rows.items():
        kind = REGISTRY[kind_key]
        sheet = by_kind[kind_key]
        existing = packets.existing_rows(ledger.db, kind.table, sender)
        befores[kind_key] = existing
        counts = {"new": 0, "changed": 0, "deleted": 0, "unchanged": 0, "left_out": 0}
        uniques: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {c: {} for c in kind.unique}
        out: list[records.StoredRecord] = []
        for row in rows:
            if (kind_key, row.id) in skipped:
                counts["left_out"] += 1
                continue
            stored = _stored(kind, sender, row)
            before = existing.get(stored.id)
            if before is not None and before.revision > (row.revision or 0):
                result.problems.append(Problem(sheet, row.row, "版本", str(row.revision),
                                               f"比本机已有的版本（{before.revision}）旧",
                                               f"older than revision {before.revision} held here", kind_key))
                continue
            if before is not None and _same(before, stored):
                counts["unchanged"] += 1
                continue
            if not row.deleted:
                errors = _validate(kind, row, ctx, uniques)
                if errors:
                    for e in errors:
                        value = kind.field(e.field_key).display(row.values.get(e.field_key)) \
                            if kind.has_field(e.field_key) else ""
                        result.problems.append(Problem(sheet, row.row, e.zh_label, value, e.reason.zh,
                                                       e.reason.en, kind_key, e.field_key))
                    continue
            out.append(stored)
            if before is None:
                counts["new"] += 1
            elif stored.deleted and not before.deleted:
                counts["deleted"] += 1
            else:
                counts["changed"] += 1
        missing = [rid for rid in existing if rid not in {r.id for r in rows}]
        if missing:
            result.warn(f"{sheet}：本机已有的 {len(missing)} 条上级单位记录不在本数据包中（保留原样）："
                        + "、".join(missing[:10]), f"{kind.en}: {len(missing)} records of the parent office "
                        "held here are missing from this packet (kept as they are): " + ", ".join(missing[:10]))
        if counts["left_out"]:
            result.warn(f"{sheet}：{counts['left_out']} 条记录引用了其他单位的记录，与本单位无关，未导入",
                        f"{kind.en}: {counts['left_out']} record(s) refer to another office's records: left out")
        writes[kind_key] = out
        result.counts[kind_key] = counts
    if result.problems:
        result.refuse(f"有 {len(result.problems)} 个单元格或记录无法接受（见问题清单），整个数据包未导入",
                      f"{len(result.problems)} cell(s) or row(s) cannot be taken (see the problems); "
                      "nothing was imported")
        return
    _note_deleted_in_use(ledger, result, writes, befores)
    result._writes = writes
    result._befores = befores


def _stored(kind: Kind, office: str, row: ParsedRow) -> records.StoredRecord:
    """The record a row of a packet makes for ``office`` (times now and revision 1 if it has none)."""
    created_at, updated_at = row.created_at, row.updated_at
    if not created_at or not updated_at:
        now = now_utc()
        created_at, updated_at = created_at or now, updated_at or now
    values = row.stored if row.stored is not None else to_columns(kind, row.values)
    return records.StoredRecord(kind.table, row.id or "", office, created_at, updated_at,
                                row.revision or 1, row.deleted, values)


def _validate(kind: Kind, row: ParsedRow, ctx: RuleContext,
              uniques: dict[tuple[str, ...], dict[tuple[Any, ...], int]]) -> list[FieldError]:
    errors = kind.validate(row.values, ctx)
    for combo, seen in uniques.items():
        value = tuple(row.values.get(k) for k in combo)
        if any(v is None for v in value):
            continue
        if value in seen:
            errors.append(FieldError.of(kind.field(combo[-1]), _dup_reason(seen[value])))
        seen[value] = row.row
    return errors


def _note_deleted_in_use(ledger: Ledger, result: SpecialImport,
                         writes: dict[str, list[records.StoredRecord]],
                         befores: dict[str, dict[str, records.StoredRecord]]) -> None:
    """A record the parent deleted that this office's live records still use: say so."""
    for kind_key, out in writes.items():
        kind = REGISTRY[kind_key]
        for w in out:
            before = befores[kind_key].get(w.id)
            if not w.deleted or (before is not None and before.deleted):
                continue
            users = [rid for other, rid in ledger.referrers(kind, w.id)
                     if _ref_office(rid) == ledger.office.code]
            if users:
                result.warn(f"上级单位已删除{kind.zh} {w.id}，本单位仍有 {len(users)} 条记录引用它："
                            + "、".join(users[:10]), f"{w.id} was deleted by the parent office; "
                            f"{len(users)} record(s) here still refer to it: " + ", ".join(users[:10]))


def _apply_reference(ledger: Ledger, packet: Packet, result: SpecialImport, at: str,
                     progress: Progress, cancelled: CancelCheck) -> None:
    writes, befores = result._writes, result._befores
    archive = _archive(ledger, packet)
    total = sum(len(w) for w in writes.values())
    done = 0
    note = f"参考数据包 {result.office} 第{packet.sequence}号"
    for kind_key, out in writes.items():
        if not out:
            continue
        kind = REGISTRY[kind_key]
        for w in out:
            old = befores.get(kind_key, {}).get(w.id)
            if old is not None:
                audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                             office_code=ledger.office.code,
                             action="reference-delete" if w.deleted and not old.deleted else "reference-update",
                             kind=kind_key, record_id=w.id, revision=w.revision,
                             before={**old.values, "revision": old.revision, "deleted": old.deleted},
                             after={**w.values, "revision": w.revision, "deleted": w.deleted}, note=note)
        packets.replicate(ledger.db, kind.table, out)
        new = sorted(w.id for w in out if w.id not in befores.get(kind_key, {}))
        if new:
            audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                         office_code=ledger.office.code, action="reference-create", kind=kind_key,
                         after={"rows": len(new), "first": new[0], "last": new[-1]}, note=note)
        done += len(out)
        progress(done, total)
        check_cancel(cancelled)
    packets.set_merge_state(ledger.db, result.office, packet.sequence,
                            str(packet.meta.get("content_hash")), at)
    _log_outcome(ledger, packet, result, at, archive)


# ---- the report ------------------------------------------------------------------------------

def describe_special(result: SpecialImport, *, dry_run: bool = False, lang: str | None = None) -> str:
    """What an import did (or would do): one headline, counts per register, facts, notes,
    refusals and problems, in Chinese (``lang="zh"``), English (``"en"``) or both (None)."""
    kind_zh, kind_en = KIND_TEXT.get(result.packet_kind, ("数据包", "packet"))
    who = _office_label(result.office, result.office_name) if result.office else result.path.name
    if result.status == REFUSED:
        zh, en = "拒绝导入", "refused"
    elif result.status == NOTHING:
        zh, en = "无需导入", "nothing to do"
    elif dry_run:
        zh, en = "可以导入", "can be imported"
    else:
        zh, en = "已导入", "imported"
    who_en = (f"{result.office_name} ({result.office})" if result.office_name else result.office) \
        if result.office else result.path.name
    if result.packet_kind == "receipt" and result.sequence:
        head_zh, head_en = f"{who}回执（本单位第 {result.sequence} 号数据包）", f"receipt for packet {result.sequence}"
        head_en = f"{who_en}: {head_en}"
    elif result.sequence:
        head_zh, head_en = f"{who} 第 {result.sequence} 号{kind_zh}", f"{who_en} {kind_en} {result.sequence}"
    else:
        head_zh, head_en = f"{who} {kind_zh}", f"{who_en} {kind_en}"
    if lang == "zh":
        lines = [f"{head_zh}：{zh}" + ("（试导入，未写入）" if dry_run else "")]
    elif lang == "en":
        lines = [f"{head_en}: {en}" + (" (dry run, nothing written)" if dry_run else "")]
    else:
        if result.packet_kind == "receipt" and result.sequence:
            head = f"{head_zh}/ receipt for packet {result.sequence}"
        elif result.sequence:
            head = f"{head_zh} / {kind_en} {result.sequence}"
        else:
            head = f"{head_zh} / {kind_en}"
        lines = [f"{head}: {zh} / {en}" + ("（试导入，未写入 / dry run, nothing written）" if dry_run else "")]
    for kind_key, c in result.counts.items():
        if not any(c.values()):
            continue
        kind = REGISTRY[kind_key]
        parts_zh = [f"{label} {c[key]}" for key, label in (("new", "新增"), ("changed", "修改"),
                                                            ("deleted", "删除"), ("unchanged", "未变"),
                                                            ("left_out", "不适用")) if key in c]
        parts_en = [f"{key.replace('_', ' ')} {c[key]}" for key in ("new", "changed", "deleted",
                                                                     "unchanged", "left_out") if key in c]
        if lang == "zh":
            lines.append(f"  {kind.zh}：{'，'.join(parts_zh)}")
        elif lang == "en":
            lines.append(f"  {kind.en[:1].upper()}{kind.en[1:]}: {', '.join(parts_en)}")
        else:
            lines.append(f"  {kind.zh}：{'，'.join(parts_zh)} / {', '.join(parts_en)}")
    if result.status != REFUSED:
        for fact in result.facts:
            lines.append(f"  {pick(fact, lang) if lang in ('zh', 'en') else fact}")
    from desktop.packets.report import report_tail

    lines += report_tail(result.pin_needed, result.fingerprint, result.warnings, result.refusals,
                         result.problems, lang=lang)
    return "\n".join(lines)
