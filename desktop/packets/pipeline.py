"""One pass for every incoming packet: open it, pass the gate, merge its rows as they are read
(one transaction, all or nothing), then what the kind of packet does once its rows are in.

The kinds differ only in a :class:`PacketHandler`: the gate's rules, the checks that need the
database beyond the gate (a receipt names a packet sent from here, a restore packet goes into a
new file only, ...), the rows' policy (:class:`~desktop.packets.merger.RowPolicy`; None for a
packet without rows), what an edited packet means, and what is written once the rows are
(merge state, archive, log). A dry run is the same pass rolled back, so it says exactly what the
import does.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.connection import transaction
from desktop.jobs import CancelCheck, Progress
from desktop.ledger import Ledger
from desktop.packets.gate import GateRules, answer_from_log, check_entry
from desktop.packets.merger import RowMerger
from desktop.packets.outcome import MERGE, NOTHING, Outcome
from desktop.packets.policy import RowPolicy
from desktop.packets.reader import Packet, PacketRefused, name_edits, open_packet, sort_problems
from desktop.registers import REGISTRY

__all__ = ["PacketHandler", "run", "listed_order", "name_edited_cells", "constraint_refusal"]

log = logging.getLogger(__name__)


class PacketHandler:
    """What one kind of packet adds to the common pass (the defaults: nothing)."""

    gate: GateRules

    def check(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> None:
        """Checks beyond the gate's, before any row is read (only if the gate let it pass)."""

    def policy(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> RowPolicy | None:
        """The rows' policy; None: the packet's rows are not merged (it has none)."""
        return None

    def edited(self, ledger: Ledger, outcome: Outcome, packet: Packet, cancelled: CancelCheck) -> None:
        """The content is not what was signed (called after every row is read)."""

    def problems(self, outcome: Outcome, packet: Packet) -> None:
        """Cells or rows that cannot be taken refuse the packet."""
        outcome.refuse(f"有 {len(packet.problems)} 个单元格或记录无法接受（见问题清单）",
                       f"{len(packet.problems)} cell(s) or row(s) cannot be taken (see the problem list)")

    def after_rows(self, ledger: Ledger, outcome: Outcome, packet: Packet, rows: RowMerger | None) -> None:
        """Once every row is merged (still in the transaction; a dry run too)."""

    def apply(self, ledger: Ledger, outcome: Outcome, packet: Packet) -> Path | None:
        """The merge is to be committed: what the kind writes besides the rows (merge state,
        archive, packet log). Returns where the file was archived."""
        return None


class _RolledBack(Exception):
    """Leaves the merge transaction without committing it (a dry run, or a refusal)."""


def run(ledger: Ledger, outcome: Outcome, handler: PacketHandler, *, progress: Progress,
        cancelled: CancelCheck, commit: bool,
        fresh: Callable[[], Outcome] | None = None) -> tuple[Outcome, Path | None]:
    """Read the packet and merge it as it is read, in one transaction: committed if ``commit``
    and nothing is refused, else rolled back. Returns the outcome (``outcome``, or one the
    packet log answered: see :func:`desktop.packets.gate.answer_from_log`, if ``fresh`` makes
    new outcomes) and where a merged packet was archived."""
    path = outcome.path
    if fresh is not None:
        logged = answer_from_log(ledger, path, handler.gate, fresh)
        if logged is not None:
            return logged, None
    try:
        with transaction(ledger.db), open_packet(path, progress=progress, cancelled=cancelled) as stream:
            packet = stream.packet
            check_entry(ledger, outcome, packet, handler.gate)
            if outcome.status == MERGE:
                handler.check(ledger, outcome, packet)
            merging = outcome.status == MERGE
            policy = handler.policy(ledger, outcome, packet) if merging else None
            rows = RowMerger(ledger, outcome, packet, policy) if policy is not None else None
            try:
                for kind_key, chunk in stream.chunks():
                    if rows is not None:
                        rows.take(kind_key, chunk)
                listed_order(outcome)
                if rows is not None:
                    rows.finish()
            finally:
                if rows is not None:
                    rows.close()
            outcome.warnings.extend(packet.notices)  # what the file shows that the signed part does not
            if (merging or outcome.status == NOTHING) and packet.edited:
                handler.edited(ledger, outcome, packet, cancelled)
            if merging and packet.problems:
                handler.problems(outcome, packet)
            sort_problems(packet)
            handler.after_rows(ledger, outcome, packet, rows)
            if not commit or outcome.status != MERGE:
                raise _RolledBack
            return outcome, handler.apply(ledger, outcome, packet)
    except _RolledBack:
        pass
    except PacketRefused as e:
        outcome.refuse(e.zh, e.en)
        listed_order(outcome)
    except sqlite3.IntegrityError as e:
        # A row the policy takes as its sender's own records (a restore or reference packet is
        # not validated field by field) broke a rule of the database: the transaction is rolled
        # back and the packet refused, saying which register and field.
        log.warning("packet %s refused: %s", path, e)
        outcome.refuse(*constraint_refusal(str(e)))
        listed_order(outcome)
    return outcome, None


_COMMON_COLUMNS = {"id": ("编号", "ID"), "office_code": ("所属单位", "office"), "revision": ("版本", "revision"),
                   "deleted": ("已删除", "deleted")}
_CONSTRAINT = re.compile(r"(NOT NULL|UNIQUE|CHECK|FOREIGN KEY) constraint failed(?:: (.*))?")


def constraint_refusal(message: str) -> tuple[str, str]:
    """The refusal (zh, en) for SQLite's ``message`` of a broken constraint, naming the
    register and fields it names (``NOT NULL constraint failed: stage_events.candidate_id``)."""
    m = _CONSTRAINT.search(message)
    what, names = (m.group(1), m.group(2) or "") if m else ("", "")
    kinds = {k.table: k for k in REGISTRY.values()}
    zh_parts: list[str] = []
    en_parts: list[str] = []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        table, _, column = name.partition(".")
        kind = kinds.get(table)
        field = next((f for f in kind.fields if f.key == column), None) if kind else None
        label_zh, label_en = (field.zh, field.en) if field else _COMMON_COLUMNS.get(column, (column, column))
        zh_parts.append(f"{kind.zh if kind else table}的“{label_zh}”")
        en_parts.append(f"{kind.en if kind else table} '{label_en}'")
    rule_zh = {"NOT NULL": "不能为空", "UNIQUE": "不能重复", "CHECK": "取值不合规则",
               "FOREIGN KEY": "引用的记录不存在"}.get(what, "不合数据库规则")
    rule_en = {"NOT NULL": "may not be empty", "UNIQUE": "may not repeat", "CHECK": "breaks its rule",
               "FOREIGN KEY": "refers to a record that does not exist"}.get(what, "breaks a rule of the database")
    where_zh = "、".join(zh_parts) or "某条记录"
    where_en = ", ".join(en_parts) or "a record"
    return (f"数据包中的记录不能存入：{where_zh}{rule_zh}。数据包可能在导出后被改动，请对方重新导出后再导入；"
            "数据库未作任何改动",
            f"the packet's records cannot be stored: {where_en} {rule_en}. The packet may have been "
            "changed after it was exported: ask for it to be exported again; nothing was changed")


def listed_order(outcome: Outcome) -> None:
    """Summaries in the order the machine part lists the sheets (they are read as they come)."""
    packet = outcome.packet
    listed = [s.get("kind") for s in packet.meta.get("sheets") or []] if packet else []
    outcome.summaries = dict(sorted(outcome.summaries.items(),
                                    key=lambda kv: listed.index(kv[0]) if kv[0] in listed else len(listed)))


def name_edited_cells(outcome: Outcome, packet: Packet, cancelled: CancelCheck) -> None:
    """Name a packet's edited cells from the exported copy, reading its rows once more."""
    with open_packet(outcome.path, cancelled=cancelled) as again:
        if again.packet.file_hash != packet.file_hash:
            raise PacketRefused("文件在读取过程中被改动，请重新导入",
                                "the file changed while it was read; import again")
        name_edits(packet, again.chunks())
