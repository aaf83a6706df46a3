"""The gate every incoming packet passes, whatever its kind, before any of its rows is taken.

In this order: the kind of packet the caller expects; demo or training data never reaching a
real ledger (:mod:`desktop.practice`); the schema version; the sender (a county packet comes
from an office below this one, the packets a city sends down from this office's parent); the
signature; the sender's key against the one pinned for it (the first packet pins it, another key
is refused unless the office is re-enrolled); the sequence (only up: an older packet is refused,
the same packet again is "nothing to do", the same number with other content is refused). The
container's safety (size, zip bomb, DTD, damaged members) is checked by the reader before the
gate sees the machine part. What the gate finds goes to the :class:`~desktop.packets.outcome.Outcome`.

:func:`answer_from_log` is the gate's short way for a packet already merged: the very file
(its SHA-256) is in the packet log as merged, with its content as signed, so after the machine
part and the signature are checked the answer is "nothing to do" without reading a row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from db import audit, packets
from db.connection import schema_version
from desktop import divisions, keys, practice
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.packets import format as fmt
from desktop.packets.outcome import NOTHING, REFUSED, Outcome
from desktop.packets.peek import read_meta
from desktop.packets.reader import Packet, signature_ok

__all__ = ["GateRules", "COUNTY_GATE", "check_entry", "check_key", "office_label", "KIND_TEXT",
           "answer_from_log", "signature_ok", "pin_sender", "sender_of", "LOGGED_AS_SIGNED"]

log = logging.getLogger(__name__)

KIND_TEXT = {"receipt": ("回执", "receipt"), "restore": ("恢复数据包", "restore packet"),
             "reference": ("参考数据包", "reference packet"), "county": ("县级报送数据包", "county packet")}
"""What each kind of packet is called in messages."""


@dataclass(frozen=True)
class GateRules:
    """What the gate asks of the packets one import takes."""

    kinds: tuple[str, ...]
    """The packet kinds accepted here (the machine part's ``packet_kind``)."""
    expected: str | None
    """The one kind the caller asked for (None: any of ``kinds``), for the refusal's wording."""
    from_parent: bool
    """Sent by this office's parent (receipt, restore, reference); else by an office below."""
    numbered: tuple[str, ...]
    """The kinds numbered by their sender: the sequence only goes up."""

    def wording(self, kind: str) -> tuple[str, str, str, str]:
        """(noun zh, noun en, done zh, done en) of the sequence messages."""
        if kind == "county":
            return "数据包", "packet", "合并", "merged"
        noun_zh, noun_en = KIND_TEXT.get(kind, ("数据包", "packet"))
        return noun_zh, noun_en, "导入", "imported"


COUNTY_GATE = GateRules(kinds=("county",), expected="county", from_parent=False, numbered=("county",))


def office_label(code: str, name: str | None = None) -> str:
    """``行唐县（130125）``; the code alone for an office the division table does not know."""
    if not name:
        division = divisions.lookup(code) if code else None
        name = division.name if division else ""
    return f"{name}（{code}）" if name else code


def sender_of(packet: Packet, rules: GateRules) -> tuple[str, str]:
    """(office code, name) of who sent the packet."""
    meta = packet.meta
    if rules.from_parent:
        return str(meta.get("from_office") or ""), str(meta.get("from_office_name") or "")
    return packet.office, str(meta.get("office_name") or meta.get("from_office_name") or "")


def check_entry(ledger: Ledger, outcome: Outcome, packet: Packet, rules: GateRules) -> None:
    """What the machine part alone decides, for every kind alike: kind, demo or training data,
    schema version, sender, signature, key and sequence. Refusals and warnings go to
    ``outcome``; a packet already merged leaves it at :data:`NOTHING`."""
    meta = packet.meta
    outcome.packet = packet
    kind = str(meta.get("packet_kind") or "")
    outcome.packet_kind = kind if rules.from_parent else rules.kinds[0]
    outcome.office, outcome.office_name = sender_of(packet, rules)
    outcome.sequence = packet.sequence
    outcome.fingerprint = str(meta.get("fingerprint") or "")
    if kind not in rules.kinds or (rules.expected and kind != rules.expected):
        _wrong_kind(outcome, kind, rules)
        return
    refusal = practice.import_refusal(ledger.db, meta)
    if refusal is not None:  # demo or training data never reaches a real ledger
        outcome.refuse(*refusal)
        return
    if int(meta.get("schema_version") or 0) > schema_version(ledger.db):
        outcome.refuse("数据包由更新版本的地标台账生成，请先升级本机程序",
                       "the packet was made by a newer GI Ledger; upgrade this one first")
        return
    name = _check_sender(ledger, outcome, rules)
    if outcome.status == REFUSED or name is None:
        return
    if not packet.signature_ok:
        outcome.refuse("数据包签名无效（文件已损坏或被伪造）", "the packet's signature is not valid")
        return
    public_key = str(meta.get("public_key"))
    if rules.from_parent:
        outcome.fingerprint = keys.fingerprint(public_key)
    known = packets.pinned(ledger.db, outcome.office)
    if not check_key(known, public_key, outcome.fingerprint, name,
                     "上级单位" if rules.from_parent else "县局", outcome):
        return
    if kind in rules.numbered:
        _check_sequence(ledger, outcome, packet, rules.wording(kind))


def _wrong_kind(outcome: Outcome, kind: str, rules: GateRules) -> None:
    if rules.kinds == ("county",):
        outcome.refuse(f"这是{kind or None}类数据包，不是县级报送数据包",
                       f"this is a {kind or None} packet, not a county packet")
        return
    want = KIND_TEXT.get(rules.expected or "", ("回执、恢复数据包或参考数据包", "receipt, restore or reference packet"))
    got = KIND_TEXT.get(kind, (kind or "未知", kind or "unknown"))
    extra_zh = "；县级报送数据包由市局导入" if kind == "county" else ""
    outcome.refuse(f"该文件是{got[0]}，不是{want[0]}{extra_zh}", f"this file is a {got[1]}, not a {want[1]}")


def _check_sender(ledger: Ledger, outcome: Outcome, rules: GateRules) -> str | None:
    """The sender is who may send this kind to this office; its name for the key's messages
    (None if refused)."""
    office, me = outcome.office, ledger.office
    if rules.from_parent:
        parent = me.parent_code
        if not office or office != parent:
            outcome.refuse(f"数据包来自 {office_label(office, outcome.office_name)}，不是本单位（{me.name}）"
                           f"的上级单位{('（' + office_label(parent) + '）') if parent else ''}，不能导入",
                           f"the packet comes from {office or 'an unknown office'}, which is not this "
                           f"office's parent ({parent or 'none'})")
            return None
        return office_label(office, outcome.office_name)
    division = divisions.lookup(office)
    if division is None:
        outcome.refuse(f"数据包来自未知单位 {office}", f"the packet comes from an unknown office {office!r}")
        return None
    if office == me.code:
        outcome.refuse("这是本单位自己导出的数据包", "this is this office's own packet")
        return None
    if ledger.mode == "county" or division.parent_code != me.code:
        via = divisions.lookup(division.parent_code) if division.parent_code else None
        hint_zh = hint_en = ""
        if via is not None and via.parent_code == me.code:  # a county's packet at its province
            hint_zh = f"；其数据包应报送 {via.name}（{via.code}），由市局汇总后上报"
            hint_en = f"; its packets go to {via.code} {via.name}, whose packet carries them up"
        outcome.refuse(f"{office} {division.name} 不是本单位（{me.name}）的下级单位，不能导入其数据包{hint_zh}",
                       f"{office} {division.name} does not report to {me.code} {me.name}{hint_en}")
        return None
    return f"{office} {division.name}"


class KeyOutcome(Protocol):
    """Where :func:`check_key` notes what it finds (an :class:`Outcome`)."""

    pin_needed: bool
    re_enrol: bool
    warnings: list[Text]

    def refuse(self, zh: str, en: str) -> None: ...

    def warn(self, zh: str, en: str) -> None: ...


def check_key(known: packets.PinnedOffice | None, public_key: str, fingerprint: str, name: str, peer: str,
              outcome: KeyOutcome) -> bool:
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


def _check_sequence(ledger: Ledger, outcome: Outcome, packet: Packet, wording: tuple[str, str, str, str]) -> None:
    """Sequence numbers of one sender only go up; the same packet again is nothing to do."""
    known = packets.pinned(ledger.db, outcome.office)
    last = known.last_sequence if known else None
    if last is None or known is None:
        return
    if outcome.packet_kind != "county":
        name = office_label(outcome.office, outcome.office_name)
    else:
        name = outcome.office_name or outcome.office
    sequence = outcome.sequence
    noun_zh, noun_en, done_zh, done_en = wording
    if outcome.re_enrol and known.public_key != packet.meta.get("public_key"):
        outcome.warn(f"{name} 重新登记后数据包序号重新计算（原已{done_zh}至第 {last} 号，本次第 {sequence} 号）",
                     f"after re-enrolment the sequence starts again ({done_en} up to {last}, this is {sequence})")
        return
    if sequence < last:
        outcome.refuse(f"{name} 的第 {sequence} 号{noun_zh}早于已{done_zh}的第 {last} 号，拒绝导入",
                       f"{noun_en} {sequence} of {name} is older than packet {last} already {done_en}")
    elif sequence == last:
        if packet.meta.get("content_hash") == known.last_content_hash:
            outcome.status = NOTHING
            outcome.warn(f"{name} 的第 {sequence} 号{noun_zh}已{done_zh}过，无需再次导入",
                         f"{noun_en} {sequence} of {name} was {done_en} already; nothing to import")
        else:
            outcome.refuse(f"{name} 的第 {sequence} 号{noun_zh}已{done_zh}，但本文件内容不同",
                           f"{noun_en} {sequence} of {name} was {done_en} with different content")
    elif sequence > last + 1:
        outcome.warn(f"{name} 的{noun_zh}序号不连续：已{done_zh}第 {last} 号，本次为第 {sequence} 号"
                     f"（缺第 {last + 1}–{sequence - 1} 号，数据包是全量快照，不影响完整性）",
                     f"sequence gap: {last} {done_en}, this is {sequence} (packets are full snapshots, "
                     "so nothing is lost)")
    elif known.last_content_hash and packet.meta.get("previous_hash") not in (None, known.last_content_hash):
        outcome.warn("数据包记录的上一数据包与已合并的不一致", "the previous-packet hash differs from the merged one")


LOGGED_AS_SIGNED = "as_signed"
"""The packet log's detail key saying the file's content was the signed one (not edited)."""


def answer_from_log(ledger: Ledger, path: Path, rules: GateRules,
                    new_outcome: Callable[[], Outcome]) -> Outcome | None:
    """A packet already merged, answered from the packet log without reading a row: the file's
    SHA-256 is logged as merged (its content then the signed one), and the gate, run on the
    machine part, finds it merged already. None otherwise (the packet is read in full)."""
    if not rules.numbered:
        return None
    try:
        meta = read_meta(path)  # the machine part only: milliseconds
        content_hash = meta.get("content_hash")
        logged = [e for e in packets.packet_log(ledger.db)
                  if e.content_hash == content_hash and e.status == "merged" and e.packet_kind in rules.numbered
                  and (e.detail or {}).get(LOGGED_AS_SIGNED) is True]
        if not logged:
            return None
        file_hash = fmt.file_sha256(path)
        if not any(e.file_hash == file_hash for e in logged):
            return None  # the same content in another file (re-saved, edited?): read it
    except Exception:  # noqa: BLE001 - whatever the file is, the full read says why
        return None
    packet = Packet(path=path, file_hash=file_hash, meta=meta)
    packet.signature_ok = signature_ok(meta)
    outcome = new_outcome()
    check_entry(ledger, outcome, packet, rules)
    if outcome.status != NOTHING:
        return None
    # The very bytes merged before, with their content as signed: the rows are those signed.
    packet.content_hash = str(meta.get("content_hash") or "")
    outcome.already_logged = True
    log.info("%s: merged before (file %s in the packet log), not read again", path.name, file_hash[:12])
    return outcome


def pin_sender(ledger: Ledger, outcome: Outcome, at: str) -> None:
    """Pin the sender's key (first packet, or re-enrolment), with its audit entry; inside the
    merge's transaction."""
    packet = outcome.packet
    assert packet is not None
    meta = packet.meta
    division = divisions.lookup(outcome.office)
    packets.pin(ledger.db, outcome.office, division.name if division else outcome.office_name,
                division.level if division else str(meta.get("from_level") or "city"),
                division.parent_code if division else None, str(meta["public_key"]), outcome.fingerprint, at)
    audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                 office_code=ledger.office.code,
                 action="office-re-enrol" if outcome.re_enrol else "office-pin",
                 after={"office": outcome.office, "fingerprint": outcome.fingerprint})
