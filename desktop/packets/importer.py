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

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db import audit, packets
from db.connection import now_utc, transaction
from desktop import divisions
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets.gate import COUNTY_GATE, LOGGED_AS_SIGNED, check_key, pin_sender
from desktop.packets.merger import RowMerger
from desktop.packets.outcome import MERGE, NOTHING, REFUSED, KindSummary, Outcome
from desktop.packets.pipeline import PacketHandler, name_edited_cells, run
from desktop.packets.policy import RowPolicy
from desktop.packets.reader import Packet, gc_paused

__all__ = ["KindSummary", "ImportPlan", "ImportResult", "plan_import", "import_packet", "apply_import",
           "MERGE", "NOTHING", "REFUSED", "check_key"]

log = logging.getLogger(__name__)


@dataclass
class ImportPlan(Outcome):
    """What a county packet does (or did) to the database, and why not. It holds no rows."""

    packet_kind: str = "county"

    def counts(self) -> dict[str, dict[str, int]]:
        return {k: s.counts() for k, s in self.summaries.items()}


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    merged: bool
    archive_path: Path | None


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
    """Read the packet and merge it as it is read, in one transaction (:func:`pipeline.run`):
    committed if ``commit`` and nothing is refused, else rolled back. The plan says what was
    (or would be) done; the path is where a merged packet was archived."""

    def fresh() -> ImportPlan:
        return ImportPlan(path=path, re_enrol=re_enrol, accept_edited=accept_edited)

    outcome, archive = run(ledger, fresh(), _County(expect), progress=progress, cancelled=cancelled,
                           commit=commit, fresh=fresh)
    assert isinstance(outcome, ImportPlan)
    return outcome, archive


def _missing(kind: Any, sheet: str, count: int, first: list[str]) -> Text:
    return Text(f"{sheet}：{count} 条已合并的记录不在本数据包中（未删除，保留原样）：" + "、".join(first),
                f"{kind.en}: {count} merged records are missing from this packet "
                "(not deleted, kept as they are): " + ", ".join(first))


class _County(PacketHandler):
    """A county packet at its city (or a city's at the province)."""

    gate = COUNTY_GATE

    def __init__(self, expect: ImportPlan | None):
        self.expect = expect

    def policy(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> RowPolicy:
        return RowPolicy(office=outcome.office, hand_rows=True, id_clash=True, cross_checks=True,
                         note=f"数据包 {outcome.office} 第{outcome.sequence}号", missing=_missing)

    def edited(self, ledger: Ledger, outcome: Outcome, packet: Packet, cancelled: CancelCheck) -> None:
        _check_edited(outcome, packet, cancelled)

    def after_rows(self, ledger: Ledger, outcome: Outcome, packet: Packet, rows: RowMerger | None) -> None:
        _cross_checks(outcome, rows)
        if self.expect is not None and outcome.status == MERGE:
            assert isinstance(outcome, ImportPlan)
            _compare_with_dry_run(outcome, self.expect)

    def apply(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> Path | None:
        assert isinstance(outcome, ImportPlan)
        return _finish_merge(ledger, outcome, packet)


def _check_edited(plan: Outcome, packet: Packet, cancelled: CancelCheck) -> None:
    """After every row is read: a packet whose content differs from what was signed. Its edited
    cells are named from the exported copy, reading the rows once more."""
    name_edited_cells(plan, packet, cancelled)
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
        pin_sender(ledger, plan, at)
    packets.set_merge_state(ledger.db, plan.office, plan.sequence, str(packet.meta["content_hash"]), at)
    archive = _archive(ledger, plan) if plan.path.is_file() else None
    _log(ledger, plan, archive, at, "merged")
    return archive


def _cross_checks(plan: Outcome, rows: RowMerger | None) -> None:
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
    if packet is not None and packet.content_hash:
        detail[LOGGED_AS_SIGNED] = not packet.edited
    if packet is not None and status == "merged":  # the city table's 数据来源 names the packet
        detail["exported_at"] = packet.meta.get("created_at")
        detail["fingerprint"] = plan.fingerprint or packet.meta.get("fingerprint")
    packets.log_packet(ledger.db, direction="received", office_code=plan.office or "?",
                       sequence=plan.sequence or None, file_name=plan.path.name,
                       content_hash=str(packet.meta.get("content_hash")) if packet else None, at=at,
                       status=status, detail=detail, file_hash=archive.stem if archive else None,
                       archive_path=str(archive) if archive else None, packet_kind="county")
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action=f"packet-{status}",
                 after={"office": plan.office, "sequence": plan.sequence,
                        "file": plan.path.name, **{k: s.counts() for k, s in plan.summaries.items()}})
