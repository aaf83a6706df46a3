"""The row merger: the rows of any kind of packet, merged a chunk at a time into the open
transaction, under a small policy per kind (:class:`RowPolicy`).

Each chunk is checked against the database as the chunks before it left it: ownership, id
clashes, revisions, validation (:meth:`Kind.validate_columns`) and the unique fields of the
register; what passes is written (:func:`db.packets.replicate_rows`, new records staged on a
writer thread) with an audit entry for each record it changes. A reference to a record that is
neither in the database nor read yet is settled in :meth:`RowMerger.finish`, when every row has
been read. Rows are kept only as ids (for references, duplicates and the records a packet leaves
out), so memory stays flat however large the packet (a county packet or a restore packet).

What differs between kinds is the policy: whose records the packet may hold, whether rows typed
in by hand are taken, whether rows are validated, which rows are left alone or left out, what a
record held here but missing from the packet means, how the audit names the changes.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from db import audit, packets, records
from db.connection import now_utc
from desktop.fields import FieldError, Kind, RuleContext
from desktop.ledger import Ledger
from desktop.messages import Text, shorten
from desktop.packets.outcome import KindSummary, Outcome
from desktop.packets.params import COMMON_PARAMS, ChunkParams, record_of, subset, value_columns
from desktop.packets.policy import (
    CROSS_FIELDS,
    FAST_PATHS,
    RowPolicy,
    Unresolved,
    duplicate_reason,
    id_office,
    same_record,
)
from desktop.packets.reader import Packet, Problem, RowChunk
from desktop.registers import REGISTRY

__all__ = ["RowMerger", "RowPolicy", "Unresolved", "same_record", "duplicate_reason", "id_office",
           "CROSS_FIELDS", "FAST_PATHS"]

log = logging.getLogger(__name__)


class RowMerger:
    """The rows of one packet, merged a chunk at a time into the open transaction (see the
    module's docstring). :meth:`take` each chunk, then :meth:`finish`, and :meth:`close` in
    any case."""

    def __init__(self, ledger: Ledger, outcome: Outcome, packet: Packet, policy: RowPolicy):
        self.ledger, self.outcome, self.packet, self.policy = ledger, outcome, packet, policy
        self.db = ledger.db
        self.office = policy.office
        self.at = now_utc()
        self.today = ledger.today()
        self.sheets = {s["kind"]: s["name"] for s in packet.meta.get("sheets", [])}
        self.ids: dict[str, dict[str, int]] = {}
        """register → id → Excel row, of every row read (refused ones too)"""
        self.unsettled: set[tuple[str, str]] = set()
        """(register, id) referred to but neither in the database nor read yet"""
        self.waiting: list[Unresolved] = []
        """each reference to an unsettled id"""
        self.hand_ids: dict[str, list[str]] = {}
        self.held: dict[str, int] = {}
        """register → records of the office in the database before its first chunk is written"""
        self.held_matched: dict[str, int] = {}
        """register → how many of those the packet's rows have (by id)"""
        self.unknown_ids: dict[str, bool] = {}
        """register → whether no record had an id of the owners' series before (then the ids
        of the packet's rows are looked up only among those read: a first packet)"""
        self.cross: dict[str, set[Any]] = {key: set() for key in CROSS_FIELDS}
        """register → values of its cross-office field (:data:`CROSS_FIELDS`) looked up so far"""
        self.cross_found: dict[str, list[tuple[Any, str, str]]] = {key: [] for key in CROSS_FIELDS}
        """register → ``(value, office, id)`` of the live records of other offices holding them"""
        self.rows_of: dict[str, int] = {}
        """office → rows of the packet that are its records (left out ones too)"""
        self.left: set[tuple[str, str | None]] = set()
        """(register, id) of the rows left out (:attr:`RowPolicy.refs_only_to`)"""
        self.deferred: list[RowChunk] = []
        """rows whose leaving out depends on rows not read yet: taken in :meth:`finish`"""
        self.deferred_ids: set[tuple[str, str | None]] = set()
        self.finishing = False
        self.new_of: dict[tuple[str, str], list[Any]] = {}
        """(register, office) → [count, first id, last id] of the new records (for the audit)"""
        self.threaded = FAST_PATHS["writer_thread"]
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="packet-writer") if self.threaded else None
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
        if self.writer is not None:
            self.writer.shutdown()

    def _summary(self, kind_key: str) -> KindSummary:
        summary = self.outcome.summaries.get(kind_key)
        if summary is None:
            summary = self.outcome.summaries[kind_key] = KindSummary(kind_key, self.sheets[kind_key])
            self.ids.setdefault(kind_key, {})
            kind = REGISTRY[kind_key]
            self.held[kind_key] = packets.office_count(self.db, kind.table, self.office) \
                if self.policy.missing is not None else 0
            self.held_matched[kind_key] = 0
            self.unknown_ids[kind_key] = not any(
                packets.has_id_prefix(self.db, kind.table, f"{kind.prefix}-{owner}-")
                for owner in self.policy.owners)
        return summary

    def _exists(self, kind_key: str, rid: str) -> bool:
        """For rules: a record of the packet (read so far) or one of the database; an id not
        known yet counts as found until :meth:`finish` settles it."""
        ids = self.ids.get(kind_key)
        if ids is not None and rid in ids:
            return True
        target = REGISTRY.get(kind_key)
        if target is None:
            return False
        if self.policy.tombstones_satisfy:
            if records.get(self.db, target.table, rid) is not None:
                return True
        elif records.exists_live(self.db, target.table, rid):
            return True
        self.unsettled.add((kind_key, rid))
        return True

    # ---- leaving rows out -----------------------------------------------------------------

    def _leave_out(self, kind: Kind, summary: KindSummary, chunk: RowChunk) -> RowChunk:
        """The rows of the chunk to take now: rows referring to a record of an office the
        policy does not take references to (or to a row left out) are left out; rows referring
        to a record of the sender not read yet wait for :meth:`finish`."""
        allowed = self.policy.refs_only_to or ()
        refs = [(f.ref or "", chunk.values[f.key]) for f in kind.refs() + kind.pointers()
                if f.key in chunk.values]
        keep: list[int] = []
        later: list[int] = []
        for i, rid in enumerate(chunk.ids):
            out = wait_for = False
            for target, column in refs:
                value = column[i]
                if not value:
                    continue
                owner = id_office(str(value))
                if owner not in allowed or (target, value) in self.left:
                    out = True
                    break
                if owner == self.office and value not in self.ids.get(target, {}) and (
                        not self.finishing or (target, value) in self.deferred_ids):
                    wait_for = True
            if out:
                summary.left_out += 1
                self.left.add((kind.key, rid))
                self.deferred_ids.discard((kind.key, rid))
                self.rows_of[chunk.offices[i] or self.office] = self.rows_of.get(chunk.offices[i] or self.office, 0) + 1
            elif wait_for:
                later.append(i)
            else:
                keep.append(i)
                self.deferred_ids.discard((kind.key, rid))
        if later:
            self.deferred.append(subset(chunk, later))
            self.deferred_ids.update((kind.key, chunk.ids[i]) for i in later)
        return subset(chunk, keep)

    def _take_deferred(self) -> None:
        """The rows that waited for rows read after them: taken once those are, rounds until
        none is left (rows referring to each other in a ring are taken together)."""
        self.finishing = True
        while self.deferred:
            pending, self.deferred = self.deferred, []
            before = len(self.deferred_ids)
            for chunk in pending:
                self.take(chunk.kind, chunk)
            if self.deferred and len(self.deferred_ids) >= before:
                self.deferred_ids.clear()  # a ring: none of them waits any more

    # ---- a chunk ---------------------------------------------------------------------------

    def take(self, kind_key: str, chunk: RowChunk) -> None:
        """Check and write one chunk of a register's rows.

        The rows are worked on column by column: each row's SQLite parameters are made from
        the chunk's stored columns at once, and a record object is made only for a row that
        changes one of the database (for its audit entry)."""
        self._settle()
        kind = REGISTRY[kind_key]
        policy = self.policy
        summary = self._summary(kind_key)
        if policy.refs_only_to is not None and (kind.refs() or kind.pointers()):
            chunk = self._leave_out(kind, summary, chunk)
            if not len(chunk):
                return
        office, owners = self.office, policy.owners_of(kind_key)
        prefix = f"{kind.prefix}-{office}-"
        seen = self.ids[kind_key]
        ids, numbers, deleted, failed = chunk.ids, chunk.numbers, chunk.deleted, chunk.failed
        existing = {} if self.unknown_ids[kind_key] else \
            packets.existing_by_id(self.db, kind.table, [r for r in ids if r])
        params = ChunkParams(chunk, office)
        for row_office in chunk.offices:
            key = row_office or office
            self.rows_of[key] = self.rows_of.get(key, 0) + 1
        # First what each row is: refused as it stands (None: an unreadable cell), unchanged,
        # or to check and write; then the rows to write checked together; then the outcome row
        # by row, in row order.
        refused: dict[int, tuple[str, str, str, str] | None] = {}
        unchanged: set[int] = set()
        write: list[int] = []
        befores: dict[int, records.StoredRecord] = {}
        held = sum(1 for rid, before in existing.items() if before.office_code == office and rid not in seen
                   and rid.startswith(prefix))
        for i, (rid, number, row_office) in enumerate(zip(ids, numbers, chunk.offices, strict=True)):
            if policy.foreign is not None and row_office is not None and row_office not in owners:
                foreign = policy.foreign(row_office, kind)
                refused[i] = ("所属单位", row_office, foreign.zh, foreign.en)
                continue
            owner = row_office if row_office in owners else office
            if rid or not policy.hand_rows:
                if not rid or not rid.startswith(f"{kind.prefix}-{owner}-"):
                    refused[i] = ("编号", rid or "", f"编号不属于 {owner} 的{kind.zh}",
                                  f"the id is not one of {owner}'s {kind.en} ids")
                    continue
                first = seen.setdefault(rid, number)
                if first != number:
                    refused[i] = ("编号", rid, f"编号与本数据包第{first}行重复",
                                  f"the same id is on row {first} of this packet")
                    continue
            if row_office is not None and row_office not in owners:
                refused[i] = ("所属单位", row_office or "",
                              f"记录属于其他单位（{shorten(row_office, 40)}），一个单位只能报送本单位的记录",
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
            if before.office_code != owner or (policy.id_clash and created and before.created_at != created):
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
            if owner in policy.keep_held and before.revision >= (revision or 1):
                unchanged.add(i)  # held here at the same or a newer revision: left as it is
                continue
            if before.revision > (revision or 0):
                refused[i] = ("版本", str(revision), policy.older[0].format(before.revision),
                              policy.older[1].format(before.revision))
                continue
            if same_record(before, record_of(kind, params[i])):
                unchanged.add(i)
                continue
            befores[i] = before
            write.append(i)
        self.held_matched[kind_key] += held
        checked = [i for i in write if not deleted[i]] if any(deleted) else list(write)
        if policy.validate:
            ctx = RuleContext(today=self.today, office_code=office, exists=self._exists)
            errors_of = kind.validate_columns(value_columns(chunk, checked), len(checked), ctx)
            clashes = self._clashes(kind, chunk, params, write, unchanged)
        else:  # taken as sent; only the references are followed (they must be somewhere)
            errors_of = [[] for _i in checked]
            clashes = {}
            self._note_refs(kind, chunk, write)
        if self.unsettled:
            self._wait_for(kind, chunk, write if not policy.validate else checked)
        cross = CROSS_FIELDS.get(kind_key) if policy.cross_checks else None
        cross_values = chunk.values.get(cross) if cross is not None else None
        found = iter(errors_of)
        sheet = summary.sheet
        writing = set(write)
        rows: list[int] = []
        olds: list[records.StoredRecord | None] = []
        live: list[Any] = []
        for i, (rid, number) in enumerate(zip(ids, numbers, strict=True)):
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
                after = record_of(kind, params[i]).values
                summary.changed[rid or ""] = [f.key for f in kind.fields
                                              if before.values.get(f.key) != after.get(f.key)]
        if live:
            self._cross_check(kind, live)
        self._write(kind, params.only(rows), olds, set(existing))

    def _note_refs(self, kind: Kind, chunk: RowChunk, rows: list[int]) -> None:
        """Follow the references of rows taken without validation (tombstones included)."""
        for f in kind.refs():
            column = chunk.values.get(f.key)
            if column is None:
                continue
            for value in {column[i] for i in rows} - {None, ""}:
                self._exists(f.ref or "", str(value))

    def _cross_check(self, kind: Kind, values: list[Any]) -> None:
        """Look up in the other offices' live records the values (of the field
        :data:`CROSS_FIELDS` names) of rows taken from this chunk, those not looked up before.
        Other offices' records do not change while a packet is merged, so each chunk is
        checked as it comes rather than all at the end."""
        asked = self.cross[kind.key]
        new = set(values).difference(asked)
        new.discard(None)
        if new:
            asked.update(new)
            self.cross_found[kind.key].extend(records.find_in_other_offices(
                self.db, kind.table, CROSS_FIELDS[kind.key], sorted(new), self.office))

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
                    self.waiting.append(Unresolved(kind.key, chunk.numbers[i], chunk.ids[i], f.key, value))

    def _clashes(self, kind: Kind, chunk: RowChunk, params: ChunkParams, write: list[int],
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
        at = {f.key: COMMON_PARAMS + n for n, f in enumerate(kind.fields)}
        offices = chunk.offices
        for combo in kind.unique:
            combos = list(zip(*(params.columns[at[k]] for k in combo), strict=True))
            # Unique within each owner's records (a city's packet holds several units' rows)
            by_owner: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
            for i in live:
                if None not in combos[i]:
                    by_owner.setdefault(offices[i] or self.office, []).append((i, combos[i]))
            for owner, values in by_owner.items():
                holders = packets.live_holders(self.db, kind.table, owner, combo, [v for _i, v in values])
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
                        out.setdefault(i, []).append(FieldError.of(kind.field(combo[-1]), duplicate_reason(other)))
        return out

    def _write(self, kind: Kind, columns: list[Sequence[Any]], olds: list[records.StoredRecord | None],
               present: set[str]) -> None:
        """Write rows given column by column (SQLite parameters, :class:`ChunkParams`), with an audit
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
        policy = self.policy
        if changed:
            ledger = self.ledger
            rows = [tuple(column[n] for column in columns) for n in changed]
            for row, n in zip(rows, changed, strict=True):
                old, w = olds[n], record_of(kind, row)
                assert old is not None
                audit.append(self.db, at=self.at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                             office_code=ledger.office.code,
                             action=policy.audit_delete if w.deleted and not old.deleted else policy.audit_update,
                             kind=kind.key, record_id=w.id, revision=w.revision,
                             before={**old.values, "revision": old.revision, "deleted": old.deleted},
                             after={**w.values, "revision": w.revision, "deleted": w.deleted},
                             note=policy.note)
            packets.replicate_rows(self.db, kind.table, keys, rows, present=present)
            new = [n for n, old in enumerate(olds) if old is None]
            if not new:
                return
            columns = [[column[n] for n in new] for column in columns]
        if policy.audit_new:
            self._note_new(kind, columns[0], columns[1])
        # The new records are written on the writer thread while the next chunk is read (the
        # reader does not use the database); the next use of it waits (_settle).
        stage = packets.stage_new_rows(self.db, kind.table, keys, columns)
        if self.writer is not None:
            self.writing = self.writer.submit(stage)
        else:
            stage()

    def _note_new(self, kind: Kind, ids: Sequence[Any], offices: Sequence[Any]) -> None:
        for rid, office in zip(ids, offices, strict=True):
            noted = self.new_of.setdefault((kind.key, office), [0, rid, rid])
            noted[0] += 1
            noted[1], noted[2] = min(noted[1], rid), max(noted[2], rid)

    def finish(self) -> None:
        """Once every row is read: take the rows that waited, settle references, note
        hand-numbered rows and the records the packet leaves out, audit the new records."""
        self._take_deferred()
        self._settle()
        outcome, policy = self.outcome, self.policy
        unresolved = [w for w in self.waiting
                      if w.value not in self.ids.get(REGISTRY[w.kind].field(w.field).ref or "", {})]
        if unresolved and policy.unresolved is not None:
            unresolved = policy.unresolved(outcome, unresolved)
        for kind_key, number, rid, key, value in unresolved:
            f = REGISTRY[kind_key].field(key)
            summary = outcome.summaries[kind_key]
            self.packet.problems.append(Problem(summary.sheet, number, f.zh, f.display(value),
                                                f"找不到记录 {value}（或已删除）", f"no live record {value}",
                                                kind_key, key))
            _undo_count(summary, number, rid)
            summary.refused.append((rid or _row(number),
                                    Text(f"找不到记录 {value}（或已删除）", f"no live record {value}")))
        for kind_key, ids in self.hand_ids.items():
            kind = REGISTRY[kind_key]
            outcome.warn(f"{kind.zh}：手工添加的 {len(ids)} 行编为 {ids[0]} 起",
                         f"{kind.en}: {len(ids)} rows added by hand numbered from {ids[0]}")
        if policy.missing is not None:
            for kind_key, summary in outcome.summaries.items():
                if self.held_matched[kind_key] == self.held[kind_key]:
                    continue  # every record held before is in the packet
                held = packets.office_ids(self.db, REGISTRY[kind_key].table, self.office)
                missing = held.difference(self.ids[kind_key], self.hand_ids.get(kind_key, ()))
                if missing:
                    text = policy.missing(REGISTRY[kind_key], summary.sheet, len(missing),
                                          heapq.nsmallest(10, missing))
                    outcome.warn(text.zh, text.en)
        actions = dict(policy.audit_new)
        ledger = self.ledger
        for (kind_key, office), (count, first, last) in sorted(self.new_of.items()):
            action = actions.get(office)
            if action:
                audit.append(self.db, at=self.at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                             office_code=ledger.office.code, action=action, kind=kind_key,
                             after={"rows": count, "first": first, "last": last}, note=policy.note)


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
