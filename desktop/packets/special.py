"""The packets a city sends its counties: receipts, restore packets and reference packets.

Each kind lives in a module of its own, its export and its import policy together:
:mod:`desktop.packets.receipt`, :mod:`desktop.packets.restore`, :mod:`desktop.packets.reference`
(what they share: :mod:`desktop.packets.parent_packets`). Importing any of them is the one pass
every packet takes (:mod:`desktop.packets.pipeline`: the gate, then the rows streamed through the
row merger under the kind's policy); this module picks the kind and describes the outcome.
"""

from __future__ import annotations

import logging
from pathlib import Path

from db.connection import now_utc, transaction
from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.messages import pick
from desktop.packets.gate import KIND_TEXT, GateRules, office_label
from desktop.packets.merger import RowMerger
from desktop.packets.outcome import MERGE, NOTHING, REFUSED, Outcome
from desktop.packets.parent_packets import RESULT_TEXT, ParentPacket, SpecialExport, SpecialImport, log_outcome
from desktop.packets.peek import peek_kind, read_meta
from desktop.packets.pipeline import run
from desktop.packets.policy import RowPolicy
from desktop.packets.reader import Packet, gc_paused
from desktop.packets.receipt import Receipt, export_receipt, make_receipt
from desktop.packets.reference import Reference, make_reference_packet
from desktop.packets.restore import Restore, make_restore_packet
from desktop.registers import REGISTRY

__all__ = ["SPECIAL_KINDS", "SpecialExport", "SpecialImport", "read_meta", "peek_kind",
           "export_receipt", "make_receipt", "make_restore_packet", "make_reference_packet",
           "import_special", "import_receipt", "import_restore", "import_reference",
           "describe_special", "MERGE", "NOTHING", "REFUSED", "RESULT_TEXT", "KIND_TEXT"]

log = logging.getLogger(__name__)

SPECIAL_KINDS = ("receipt", "restore", "reference")


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


class _FromParent(ParentPacket):
    """Whichever of the three kinds the packet is (the gate knows it from the machine part)."""

    def __init__(self, ledger: Ledger, expected: str | None):
        self.gate = GateRules(kinds=SPECIAL_KINDS, expected=expected, from_parent=True, numbered=("reference",))
        self.kinds: dict[str, ParentPacket] = {"receipt": Receipt(), "restore": Restore(),
                                                "reference": Reference(ledger.office.code)}

    def _of(self, outcome: Outcome) -> ParentPacket:
        return self.kinds[outcome.packet_kind]

    def check(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> None:
        self._of(outcome).check(ledger, outcome, packet)

    def policy(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> RowPolicy | None:
        return self._of(outcome).policy(ledger, outcome, packet)

    def after_rows(self, ledger: Ledger, outcome: Outcome, packet: Packet, rows: RowMerger | None) -> None:
        if outcome.packet_kind in self.kinds:
            self._of(outcome).after_rows(ledger, outcome, packet, rows)

    def write(self, ledger: Ledger, result: SpecialImport, packet: Packet, at: str) -> Path | None:
        return self._of(result).write(ledger, result, packet, at)


def _import(ledger: Ledger, path: Path | str, expected: str | None, *, re_enrol: bool, dry_run: bool,
            progress: Progress, cancelled: CancelCheck) -> SpecialImport:
    path = Path(path)

    def fresh() -> SpecialImport:
        return SpecialImport(path=path, packet_kind=expected or "", re_enrol=re_enrol)

    with gc_paused():
        outcome, _archived = run(ledger, fresh(), _FromParent(ledger, expected), progress=progress,
                                 cancelled=cancelled, commit=not dry_run, fresh=fresh)
    assert isinstance(outcome, SpecialImport)
    if not dry_run and outcome.status != MERGE and outcome.packet is not None \
            and outcome.packet_kind in SPECIAL_KINDS and (expected is None or outcome.packet_kind == expected):
        with transaction(ledger.db):
            log_outcome(ledger, outcome.packet, outcome, now_utc())
    return outcome


# ---- the report ------------------------------------------------------------------------------

def describe_special(result: SpecialImport, *, dry_run: bool = False, lang: str | None = None) -> str:
    """What an import did (or would do): one headline, counts per register, facts, notes,
    refusals and problems, in Chinese (``lang="zh"``), English (``"en"``) or both (None)."""
    kind_zh, kind_en = KIND_TEXT.get(result.packet_kind, ("数据包", "packet"))
    who = office_label(result.office, result.office_name) if result.office else result.path.name
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
