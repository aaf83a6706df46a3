"""Exporting packets: a county's full snapshot, a restore packet, a reference packet, a receipt."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from db import audit, meta, packets, records
from db.connection import now_utc, schema_version, transaction
from desktop import __version__, divisions, keys, practice, tempfiles
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets.format import file_sha256
from desktop.packets.writer import PacketContent, WrittenPacket, write_packet
from desktop.record import Record

__all__ = ["ExportResult", "export_packet", "default_packet_name", "file_sha256", "packets_dir",
           "archive_received", "KIND_TITLES", "office_records", "office_counts", "base_meta",
           "cover_lines", "log_sent", "office_level"]

log = logging.getLogger(__name__)

KIND_TITLES = {
    "county": "地理标志工作台账数据包",
    "restore": "地理标志工作台账恢复数据包",
    "reference": "地理标志工作参考数据包（市局下发）",
    "receipt": "数据包回执",
}


@dataclass(frozen=True)
class ExportResult:
    """A packet written: where, its sequence number, content hash, rows and key fingerprint."""

    path: Path
    sequence: int
    content_hash: str
    rows: int
    fingerprint: str
    packet_kind: str
    not_for_reporting: str | None = None
    """``demo`` or ``training``: the packet is marked as such (:mod:`desktop.practice`)."""


def packets_dir(ledger: Ledger, sub: str) -> Path:
    """``packets/<sub>`` beside the database (sent, received, receipts)."""
    base = ledger.path.parent if ledger.path else Path.cwd()
    folder = base / "packets" / sub
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text)


def default_packet_name(ledger: Ledger, packet_kind: str, sequence: int, office_code: str | None = None,
                        office_name: str | None = None) -> str:
    """``130125_行唐县_数据包_0003_20261121.xlsx``."""
    word = {"county": "数据包", "restore": "恢复数据包", "reference": "参考数据包",
            "receipt": "回执"}[packet_kind]
    code = office_code or ledger.office.code
    name = office_name or ledger.office.name
    return f"{code}_{_safe(name)}_{word}_{sequence:04d}_{datetime.now():%Y%m%d}.xlsx"


def archive_received(ledger: Ledger, source: Path, digest: str | None = None) -> Path:
    """Keep a received file as ``packets/received/<sha256>.xlsx`` (once per content), so any
    merge can be replayed from exactly what arrived."""
    target = packets_dir(ledger, "received") / f"{digest or file_sha256(source)}.xlsx"
    if not target.exists():
        tempfiles.clean_partials_beside(target)
        partial = tempfiles.partial_path(target)
        try:
            shutil.copyfile(source, partial)
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return target


def office_records(ledger: Ledger, office_code: str) -> dict[str, Callable[[], Iterable[Record]]]:
    """For each register, a function streaming one office's records (tombstones too) by id."""
    out: dict[str, Callable[[], Iterable[Record]]] = {}
    for kind in fmt.packet_kinds(office_level(ledger, office_code)):
        def stream(kind: Any = kind) -> Iterable[Any]:
            # Stored rows go straight to the writer (no conversion to typed values and back).
            yield from records.find(ledger.db, kind.table, include_deleted=True,
                                    office_code=office_code)
        out[kind.key] = stream
    return out


def office_counts(ledger: Ledger, office_code: str) -> dict[str, int]:
    """For each register, how many records (tombstones too) one office has (the progress total)."""
    return {k.key: records.count(ledger.db, k.table, include_deleted=True, office_code=office_code)
            for k in fmt.packet_kinds(office_level(ledger, office_code))}


def office_level(ledger: Ledger, office_code: str) -> str:
    """The level of an office (this one, one known here, or by its code)."""
    if office_code == ledger.office.code:
        return ledger.mode
    known = meta.get_office(ledger.db, office_code)
    return known.level if known is not None else divisions.office_mode(office_code)


def base_meta(ledger: Ledger, packet_kind: str, key: packets.OfficeKey) -> dict[str, Any]:
    """The machine part every packet of this office starts with; a demo or training database
    marks it (signed with the rest, so the mark cannot be taken off unnoticed)."""
    o = ledger.office
    meta = {"packet_kind": packet_kind, "from_office": o.code, "from_office_name": o.name,
            "from_level": o.level, "created_at": now_utc(), "clerk": ledger.actor.clerk,
            "app_version": __version__, "schema_version": schema_version(ledger.db),
            "public_key": keys.public_key_text(key.public_key),
            "fingerprint": keys.fingerprint(key.public_key)}
    mark = practice.database_practice(ledger.db)
    if mark is not None:
        meta[practice.PACKET_KEY] = mark
    return meta


def cover_lines(meta: dict[str, Any], extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The cover sheet's lines of a packet with this machine part: the sender, then ``extra``,
    then time, clerk, key fingerprint and software version."""
    local = datetime.fromisoformat(meta["created_at"]).astimezone()
    return [("报送单位", f"{meta['from_office_name']}（{meta['from_office']}）"),
            *extra,
            ("导出时间", f"{local:%Y-%m-%d %H:%M}"),
            ("经办人", meta["clerk"]),
            ("签名公钥指纹", meta["fingerprint"]),
            ("软件版本", f"地标台账 {meta['app_version']}（数据库版本 {meta['schema_version']}）")]


def export_packet(ledger: Ledger, path: Path | None = None, *, period: str | None = None,
                  progress: Progress = no_progress,
                  cancelled: CancelCheck = never_cancelled) -> ExportResult:
    """Write this office's full snapshot (every record it owns, tombstones included), signed,
    with the next sequence number; log it as sent. All or nothing: a failure or a cancel
    leaves neither a file nor a log entry."""
    key = keys.office_key(ledger)
    with transaction(ledger.db):  # one consistent snapshot, and the sequence number is ours
        last = packets.last_sent(ledger.db, ledger.office.code)
        sequence = (last.sequence or 0) + 1 if last else 1
        meta = base_meta(ledger, "county", key)
        today = datetime.now()
        meta.update(office=ledger.office.code, office_name=ledger.office.name, sequence=sequence,
                    previous_hash=last.content_hash if last else None,
                    period=period or f"{today.year}年{today.month}月")
        target = Path(path) if path else packets_dir(ledger, "sent") / default_packet_name(
            ledger, "county", sequence)
        content = PacketContent(
            meta=meta, cover_title=KIND_TITLES["county"],
            cover_lines=cover_lines(meta, [("报送期间", meta["period"]), ("数据包序号", f"第 {sequence} 号"),
                                      ("上一数据包", f"第 {sequence - 1} 号" if last else "无（首次报送）")]),
            records=office_records(ledger, ledger.office.code),
            counts=office_counts(ledger, ledger.office.code))
        written = write_packet(target, content, lambda m: keys.sign(key, m), progress=progress,
                               cancelled=cancelled)
        try:
            log_sent(ledger, written, sequence, "county")
        except BaseException:
            written.path.unlink(missing_ok=True)
            raise
    return ExportResult(written.path, sequence, written.content_hash, written.rows,
                        meta["fingerprint"], "county", practice.packet_practice(meta))


def log_sent(ledger: Ledger, written: WrittenPacket, sequence: int, packet_kind: str,
              office_code: str | None = None) -> None:
    """Log a written packet as sent (packet log and audit log), for ``office_code`` (default:
    this office)."""
    at = now_utc()
    code = office_code or ledger.office.code
    direction = {"county": "sent", "restore": "restore", "reference": "reference",
                 "receipt": "receipt"}[packet_kind]
    packets.log_packet(ledger.db, direction=direction, office_code=code, sequence=sequence,
                       file_name=written.path.name, content_hash=written.content_hash, at=at,
                       status="exported", detail={"rows": written.rows},
                       file_hash=file_sha256(written.path), archive_path=str(written.path),
                       packet_kind=packet_kind)
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code, action=f"packet-{packet_kind}",
                 after={"sequence": sequence, "content_hash": written.content_hash,
                        "rows": written.rows, "file": written.path.name, "for": code})
