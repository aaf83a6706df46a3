"""The registers' use cases: add, edit, delete (tombstone), restore, list, history.

A :class:`Ledger` is an open database plus who is working (the office and the clerk).
Every change is validated, checked for ownership ("one writer per record") and written
together with its audit row in one transaction. The command line and the GUI both go
through here; nothing here knows about Qt.

Example::

    ledger = Ledger.open("county.db")
    rec = ledger.add("resource", {"name": "行唐大枣", "attribute": "种植/养殖产品", ...})
    ledger.edit("resource", rec.id, {"tier": "protect"}, expected_revision=rec.revision)
"""

from __future__ import annotations

import builtins
import getpass
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from db import audit, backup, maintenance, meta, records
from db.audit import AuditEntry
from db.connection import DatabaseCorrupt, database_file, now_utc, open_database, transaction
from db.records import RecordNotFound, StaleRevision
from desktop import divisions
from desktop.fields import FieldError, FieldType, Kind, RuleContext, ValidationFailed
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.record import Record, from_stored, to_columns
from desktop.registers import REGISTRY, get_kind
from desktop.registers.candidate import FINAL_APPROVED, next_step_after
from desktop.registers.codes import TRADEMARK_ROUTES
from desktop.validation import Reason

__all__ = [
    "Ledger",
    "NotInitialised",
    "NotOwner",
    "StillReferenced",
    "RecordNotFound",
    "StaleRevision",
    "init_office",
    "check_office_code",
]

log = logging.getLogger(__name__)

BULK_CHUNK = 1000


class NotInitialised(Exception):
    """The database has no office yet (``giledger init`` has not run)."""


class NotOwner(Exception):
    """The record belongs to another office; only that office may change it."""


class StillReferenced(Exception):
    """A record cannot be deleted while live records point to it."""


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some sandboxes and services
        return None


@dataclass(frozen=True)
class Actor:
    """Who makes the changes: the clerk's name (from the settings) and the OS account."""

    clerk: str
    os_user: str | None


def check_office_code(code: str) -> divisions.Division:
    """The division for an office code; a FieldError for an unknown or retired code
    (naming its successor)."""
    division = divisions.lookup(code)
    if division is not None:
        return division
    succ = divisions.successor(code)
    if succ is not None:
        raise FieldError("office", "单位代码", "office code", Reason(
            f"{code} 已于{succ[2]}年撤销，现为 {succ[0]} {succ[1]}",
            f"{code} was retired in {succ[2]}; it is now {succ[0]} {succ[1]}"))
    raise FieldError("office", "单位代码", "office code", Reason(
        f"{code} 不是已知的行政区划代码", f"{code} is not a known division code"))


def init_office(db: sqlite_utils.Database, code: str, *, name: str | None = None,
                clerk: str | None = None) -> meta.Office:
    """Make this database the office ``code``'s: county mode for a county-level code,
    city mode for a city (e.g. 130100), province mode for a province.

    Refuses an unknown code (naming the successor of a retired one) and a database
    that already belongs to an office.
    """
    division = check_office_code(code)
    existing = meta.self_office(db)
    if existing is not None:
        raise FieldError("office", "单位代码", "office code", Reason(
            f"此数据库已属于 {existing.code} {existing.name}，不能再次初始化",
            f"this database already belongs to {existing.code} {existing.name}"))
    now = now_utc()
    office = meta.Office(code=code, name=name or division.name, level=division.level,
                         parent_code=division.parent_code, is_self=True, email=None, note=None,
                         created_at=now, updated_at=now)
    clerk_name = clerk or _os_user() or "clerk"
    with transaction(db):
        meta.upsert_office(db, office)
        meta.set_setting(db, "office_code", code)
        meta.set_setting(db, "mode", division.level)
        meta.set_setting(db, "clerk", clerk_name)
        audit.append(db, at=now, actor=clerk_name, os_user=_os_user(), office_code=code,
                     action="init", after={"office": code, "name": office.name,
                                           "mode": division.level})
    return office


class Ledger:
    """The use cases over one open database, on behalf of its office and clerk."""

    def __init__(self, db: sqlite_utils.Database, *, clerk: str | None = None,
                 today: Callable[[], date] = date.today, path: Path | None = None):
        self.db = db
        self.path = path or database_file(db)
        self._today = today
        self._stage_note: str | None = None  # the note for the stage event advance_stage writes
        office = meta.self_office(db)
        if office is None:
            raise NotInitialised(
                "此数据库尚未初始化，请先运行：giledger init --office 单位代码\n"
                "This database has no office yet; run: giledger init --office CODE")
        self.office = office
        name = clerk or os.environ.get("GILEDGER_CLERK") or meta.get_setting(db, "clerk") or "clerk"
        self.actor = Actor(clerk=name, os_user=_os_user())

    @classmethod
    def open(cls, path: Path | str, *, clerk: str | None = None, create: bool = False) -> Ledger:
        """Open the database at ``path`` (see :func:`db.connection.open_database`)."""
        db = open_database(path, create=create)
        try:
            return cls(db, clerk=clerk, path=Path(path))
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def daily_backup(self) -> Path | None:
        """Keep a rotating daily copy of the file in ``backups/`` (see :func:`db.backup.rotate_daily`).

        Returns the new copy, or None when today's exists (or the database is in memory). The
        full integrity check runs first: a damaged file is not copied (it would rotate a good
        backup out) and raises :class:`db.connection.DatabaseCorrupt`. The window does this in
        the background instead (:func:`desktop.integrity.run_maintenance`)."""
        if self.path is None or not backup.daily_due(self.path):
            return None
        problems = maintenance.integrity_problems(self.db)
        if problems:
            raise DatabaseCorrupt(f"数据库完整性检查发现问题，未做备份：{self.path}\n"
                                  f"The database failed its integrity check, no backup made: {self.path}\n"
                                  f"({'; '.join(problems[:3])})")
        return backup.rotate_daily(self.db, self.path)

    def set_clerk(self, name: str) -> None:
        """Change the default clerk named in the audit log (this session's too)."""
        from desktop.fields import Field

        clean = Field("clerk", "经办人", "clerk", required=True, max_length=30).coerce(name)
        if clean is None:
            raise FieldError("clerk", "经办人", "clerk", Reason("必填", "required"))
        with transaction(self.db):
            old = meta.get_setting(self.db, "clerk")
            meta.set_setting(self.db, "clerk", clean)
            audit.append(self.db, at=now_utc(), actor=clean, os_user=self.actor.os_user,
                         office_code=self.office.code, action="settings",
                         before={"clerk": old}, after={"clerk": clean})
        self.actor = Actor(clerk=clean, os_user=self.actor.os_user)

    @property
    def mode(self) -> str:
        """``county``, ``city`` or ``province``."""
        return self.office.level

    def today(self) -> date:
        return self._today()

    # ---- reading ----------------------------------------------------------------

    def get(self, kind_key: str, record_id: str) -> Record:
        """The record (tombstoned or not); :class:`RecordNotFound` if there is none."""
        kind = get_kind(kind_key)
        stored = records.get(self.db, kind.table, record_id)
        if stored is None:
            raise RecordNotFound(f"{kind.zh} {record_id} 不存在 / no {kind.en} {record_id}")
        return from_stored(kind, stored)

    def list(self, kind_key: str, where: Mapping[str, Any] | None = None, *,
             include_deleted: bool = False, limit: int | None = None,
             offset: int = 0, office_code: str | None = None) -> Iterator[Record]:
        """Records of a kind whose fields equal ``where`` (values as a clerk would type them),
        of one office when ``office_code`` is given."""
        kind = get_kind(kind_key)
        columns = self._where_columns(kind, where or {})
        for stored in records.find(self.db, kind.table, where=columns, office_code=office_code,
                                   include_deleted=include_deleted, limit=limit, offset=offset):
            yield from_stored(kind, stored)

    def count(self, kind_key: str, where: Mapping[str, Any] | None = None, *,
              include_deleted: bool = False, office_code: str | None = None) -> int:
        kind = get_kind(kind_key)
        return records.count(self.db, kind.table, where=self._where_columns(kind, where or {}),
                             include_deleted=include_deleted, office_code=office_code)

    def _where_columns(self, kind: Kind, where: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        errors: list[FieldError] = []
        for key, raw in where.items():
            try:
                f = kind.field(key)
                if f.type in (FieldType.MULTI, FieldType.LIST):
                    raise FieldError.of(f, Reason("列表字段不能用作筛选条件",
                                                  "list fields cannot be used as a filter"))
                out[key] = f.to_db(f.coerce(raw))
            except FieldError as e:
                errors.append(e)
        if errors:
            raise ValidationFailed(errors, kind.zh)
        return out

    def history(self, record_id: str) -> builtins.list[AuditEntry]:
        """Every audit row of one record, oldest first."""
        return audit.for_record(self.db, record_id)

    # ---- validation -------------------------------------------------------------

    def _context(self, record_id: str | None, office_code: str | None = None) -> RuleContext:
        owner = office_code or self.office.code

        def lookup(kind_key: str, rid: str) -> Mapping[str, Any] | None:
            kind = REGISTRY.get(kind_key)
            if kind is None:
                return None
            stored = records.get(self.db, kind.table, rid)
            if stored is None or stored.deleted:
                return None
            return from_stored(kind, stored).values

        def exists(kind_key: str, rid: str) -> bool:
            kind = REGISTRY.get(kind_key)
            return kind is not None and records.exists_live(self.db, kind.table, rid)

        def duplicate(kind_key: str, where: Mapping[str, Any]) -> str | None:
            kind = REGISTRY[kind_key]
            cols = {k: kind.field(k).to_db(v) for k, v in where.items()}
            return records.find_duplicate(self.db, kind.table, owner, cols, record_id)

        def find(kind_key: str, where: Mapping[str, Any]) -> Mapping[str, Any] | None:
            kind = REGISTRY[kind_key]
            cols = {k: kind.field(k).to_db(v) for k, v in where.items()}
            for stored in records.find(self.db, kind.table, where=cols, office_code=owner, limit=1):
                return from_stored(kind, stored).values
            return None

        return RuleContext(today=self.today(), office_code=owner, record_id=record_id,
                           lookup=lookup, exists=exists, exists_duplicate=duplicate, find=find)

    def validate(self, kind: Kind, values: Mapping[str, Any], record_id: str | None = None,
                 office_code: str | None = None) -> builtins.list[FieldError]:
        """Every problem of a complete record, as the save would find them (for editors).

        ``office_code``: the record's owner, for uniqueness (default: this office)."""
        return kind.validate(values, self._context(record_id, office_code))

    def warnings(self, kind: Kind, values: Mapping[str, Any], record_id: str | None = None,
                 office_code: str | None = None) -> builtins.list[FieldError]:
        """What the kind's plausibility rules (:attr:`Kind.warnings`) find in a record: shown
        to the clerk, never a reason to refuse it. ``office_code``: the record's owner."""
        return kind.check_warnings(values, self._context(record_id, office_code))

    def warnings_of(self, rec: Record) -> builtins.list[FieldError]:
        """:meth:`warnings` of a stored record."""
        return self.warnings(rec.kind, rec.values, rec.id, rec.office_code)

    def _check(self, kind: Kind, values: Mapping[str, Any], record_id: str | None,
               earlier: builtins.list[FieldError] | None = None) -> None:
        """Refuse with every problem at once: ``earlier`` (values that could not be read)
        plus what validating the rest finds, without repeating a field already named."""
        errors = list(earlier or [])
        named = {e.field_key for e in errors}
        errors += [e for e in self.validate(kind, values, record_id) if e.field_key not in named]
        if errors:
            order = {f.key: n for n, f in enumerate(kind.fields)}
            errors.sort(key=lambda e: order.get(e.field_key, len(order)))
            raise ValidationFailed(errors, kind.zh)

    def check_kept_here(self, kind: Kind) -> None:
        """Refuse (:class:`NotOwner`) a register this office's level does not keep: a county
        keeps no work plans, targets or reviews; a city answers its parent's reviews only."""
        if self.mode not in kind.written_by:
            level = {"county": "县级", "city": "市级", "province": "省级"}.get(self.mode, self.mode)
            raise NotOwner(f"{level}单位不登记“{kind.zh}”，该类记录由"
                           + "、".join({"county": "县级", "city": "市级", "province": "省级"}.get(w, w)
                                       for w in kind.written_by) + "单位填写。\n"
                           f"a {self.mode} office keeps no {kind.en} records; they are written by "
                           + ", ".join(kind.written_by) + " offices.")

    def _owned(self, kind: Kind, record_id: str) -> Record:
        rec = self.get(kind.key, record_id)
        if rec.office_code != self.office.code:
            owner = meta.get_office(self.db, rec.office_code)
            name = f"{rec.office_code} {owner.name}" if owner else rec.office_code
            raise NotOwner(f"{kind.zh} {record_id} 属于 {name}，只能由该单位修改。\n"
                           f"{kind.en} {record_id} belongs to {name}; only that office may change it.")
        return rec

    def _audit(self, action: str, kind: Kind, rec: Record, before: Record | None,
               note: str | None = None) -> None:
        audit.append(self.db, at=rec.updated_at, actor=self.actor.clerk, os_user=self.actor.os_user,
                     office_code=self.office.code, action=action, kind=kind.key, record_id=rec.id,
                     revision=rec.revision, before=before.audit_image() if before else None,
                     after=rec.audit_image(), note=note)

    # ---- changing ---------------------------------------------------------------

    def add(self, kind_key: str, raw: Mapping[str, Any]) -> Record:
        """Validate and store a new record of this office; returns it with its new id."""
        kind = get_kind(kind_key)
        self.check_kept_here(kind)
        values, errors = kind.coerce_all(raw)
        values.update(kind.derive(values, given=raw))
        with transaction(self.db):
            self._check(kind, values, None, errors)
            rec = self._insert(kind, values)
            self._after_add(kind, rec)
        log.info("added %s %s", kind.key, rec.id)
        return rec

    def _insert(self, kind: Kind, values: Mapping[str, Any], note: str | None = None) -> Record:
        now = now_utc()
        rid = records.next_ids(self.db, self.office.code, kind.prefix)[0]
        stored = records.StoredRecord(kind.table, rid, self.office.code, now, now, 1, False,
                                      to_columns(kind, dict(values)))
        records.insert(self.db, stored)
        rec = from_stored(kind, stored)
        self._audit("create", kind, rec, None, note)
        return rec

    def edit(self, kind_key: str, record_id: str, changes: Mapping[str, Any], *,
             expected_revision: int | None = None, note: str | None = None) -> Record:
        """Change some fields of a live record of this office.

        ``expected_revision`` (what the editor read) guards against overwriting a save
        made meanwhile: :class:`StaleRevision` if the record moved on. Editing nothing
        that differs changes nothing and writes no audit row.
        """
        kind = get_kind(kind_key)
        coerced, errors = kind.coerce_all(changes)
        if errors:
            raise ValidationFailed(errors, kind.zh)
        with transaction(self.db):
            before = self._owned(kind, record_id)
            if before.deleted:
                raise NotOwner(f"{kind.zh} {record_id} 已删除，请先恢复 / {kind.en} {record_id} "
                               f"is deleted; restore it first")
            if expected_revision is not None and expected_revision != before.revision:
                raise StaleRevision(kind.table, record_id, expected_revision, before.revision)
            merged = {**before.values, **coerced}
            merged.update(kind.derive(merged, before=before.values, given=coerced))
            diff = {k: v for k, v in merged.items() if before.values.get(k) != v}
            if not diff:
                return before
            self._check(kind, merged, record_id)
            rec = self._update(kind, before, diff, note=note)
            self._after_edit(kind, before, rec)
        log.info("edited %s %s: %s", kind.key, record_id, ", ".join(diff))
        return rec

    def _update(self, kind: Kind, before: Record, diff: Mapping[str, Any], *,
                deleted: bool | None = None, action: str = "update", note: str | None = None) -> Record:
        cols = {k: kind.field(k).to_db(v) for k, v in diff.items()}
        stored = records.update(self.db, kind.table, before.id, cols,
                                expected_revision=before.revision, updated_at=now_utc(),
                                deleted=deleted)
        rec = from_stored(kind, stored)
        self._audit(action, kind, rec, before, note)
        return rec

    def delete(self, kind_key: str, record_id: str, *, expected_revision: int | None = None) -> Record:
        """Tombstone a record (it stays in the file and in packets, marked deleted).

        Refused while live records point to it (a resource with candidates, a user
        with reports ...), naming them.
        """
        kind = get_kind(kind_key)
        with transaction(self.db):
            before = self._owned(kind, record_id)
            if before.deleted:
                return before
            if expected_revision is not None and expected_revision != before.revision:
                raise StaleRevision(kind.table, record_id, expected_revision, before.revision)
            users = self.referrers(kind, record_id)
            if users:
                listed = "、".join(f"{k.zh} {rid}" for k, rid in users[:10])
                more = f" 等{len(users)}条" if len(users) > 10 else ""
                raise StillReferenced(
                    f"{kind.zh} {record_id} 仍被以下记录引用，请先处理：{listed}{more}\n"
                    f"{kind.en} {record_id} is still used by {len(users)} live record(s): "
                    + ", ".join(rid for _, rid in users[:10]))
            rec = self._update(kind, before, {}, deleted=True, action="delete")
        log.info("deleted %s %s", kind.key, record_id)
        return rec

    def restore(self, kind_key: str, record_id: str) -> Record:
        """Undo a delete: the tombstoned record comes back, validated against today's data."""
        kind = get_kind(kind_key)
        with transaction(self.db):
            before = self._owned(kind, record_id)
            if not before.deleted:
                return before
            self._check(kind, before.values, record_id)
            rec = self._update(kind, before, {}, deleted=False, action="restore")
        return rec

    def referrers(self, kind: Kind, record_id: str) -> builtins.list[tuple[Kind, str]]:
        """Live records (of any office) whose references to ``record_id`` block its deletion."""
        out: list[tuple[Kind, str]] = []
        for other in REGISTRY.values():
            for f in other.refs():
                if f.ref == kind.key and not f.part_of:
                    for stored in records.find(self.db, other.table, where={f.key: record_id}):
                        out.append((other, stored.id))
        return out

    # ---- candidates: stages and approval ---------------------------------------

    def advance_stage(self, candidate_id: str, stage: str, when: date | str,
                      note: str | None = None, *, expected_revision: int | None = None,
                      extra: Mapping[str, Any] | None = None) -> Record:
        """Move a candidate to another stage, recording a stage event with ``note`` (and the
        protected GI when the route's final approval is reached). ``extra`` sets other
        candidate fields in the same change, e.g. the registration number at 核准注册.
        The next step and its deadline follow from the stage reached
        (:func:`desktop.registers.candidate.next_step_after`: e.g. 驳回 → 提出驳回复审 within
        15 days) unless ``extra`` gives them. Moving to the stage it is already at is refused."""
        kind = REGISTRY["candidate"]
        current = self.get("candidate", candidate_id)
        target = kind.field("stage").coerce(stage)
        if target == current.values["stage"]:
            raise ValidationFailed([FieldError.of(kind.field("stage"), Reason(
                "培育对象已处于该阶段", "the candidate is already at this stage"))], kind.zh)
        try:
            day = kind.field("stage_date").coerce(when)
        except FieldError as e:
            raise ValidationFailed([e], kind.zh) from None
        step, deadline = next_step_after(target, day)
        changes: dict[str, Any] = {"stage": target, "stage_date": day,
                                   "next_step": step, "next_deadline": deadline, **(extra or {})}
        self._stage_note = note
        try:
            return self.edit("candidate", candidate_id, changes, expected_revision=expected_revision)
        finally:
            self._stage_note = None

    def _after_add(self, kind: Kind, rec: Record) -> None:
        if kind.key == "candidate":
            self._stage_event(rec, None)
            self._maybe_protect(rec)

    def _after_edit(self, kind: Kind, before: Record, rec: Record) -> None:
        if kind.key == "candidate" and before.values["stage"] != rec.values["stage"]:
            self._stage_event(rec, before.values["stage"])
            self._maybe_protect(rec)

    def _stage_event(self, cand: Record, from_stage: str | None) -> None:
        event = {"candidate_id": cand.id, "from_stage": from_stage, "stage": cand.values["stage"],
                 "event_date": cand.values["stage_date"], "note": self._stage_note}
        kind = REGISTRY["stage-event"]
        self._check(kind, event, None)
        self._insert(kind, event)

    def _maybe_protect(self, cand: Record) -> None:
        """An approved candidate becomes a protected GI of the office (once)."""
        v = cand.values
        if v["stage"] not in FINAL_APPROVED:
            return
        if self.count("gi", {"candidate_id": cand.id}):
            return
        trademark = v["route"] in TRADEMARK_ROUTES
        gi = {
            "name": v.get("tm_name") if trademark and v.get("tm_name") else v["name"],
            "gi_type": v["route"],
            "reference_no": v["registration_no"] if trademark else v["pp_approval_no"],
            "holder": v.get("registrant") if trademark else v.get("pp_applicant"),
            "approval_date": v["registration_date"] if trademark else v["pp_approval_date"],
            "protected_area": None if trademark else v.get("pp_area"),
            "standard_no": v.get("standard_no"),
            "candidate_id": cand.id,
            "resource_id": v["resource_id"],
        }
        kind = REGISTRY["gi"]
        self._check(kind, gi, None)
        self._insert(kind, gi, note=f"培育对象 {cand.id} 获批 / candidate approved")

    # ---- bulk -------------------------------------------------------------------

    def bulk_add(self, kind_key: str, rows: Iterable[Mapping[str, Any]], *, note: str,
                 total: int = 0, progress: Progress = no_progress,
                 cancelled: CancelCheck = never_cancelled) -> builtins.list[str]:
        """Validate and insert many new records of one kind in one transaction.

        Each row gets the same checks as :meth:`add` (references, uniqueness against rows
        already written, rules). One audit row records the batch (``bulk-create``, with the
        count, the id range and ``note``). Returns the new ids in order. Any invalid row
        refuses the whole batch, naming its position; so does :class:`Cancelled`.
        Stage events and GIs are not derived here: bulk callers supply them.
        """
        kind = get_kind(kind_key)
        self.check_kept_here(kind)
        ids: list[str] = []
        with transaction(self.db):
            ctx = self._context(None)
            now = now_utc()
            reserved: list[str] = []
            for n, raw in enumerate(rows, start=1):
                values, errors = kind.coerce_all(raw)
                values.update(kind.derive(values, given=raw))
                errors += kind.validate(values, ctx)
                if errors:
                    raise ValidationFailed(
                        [FieldError(e.field_key, f"第{n}条 {e.zh_label}", f"row {n} {e.en_label}",
                                    e.reason) for e in errors], kind.zh)
                if not reserved:
                    reserved = records.next_ids(self.db, self.office.code, kind.prefix, BULK_CHUNK)
                    reserved.reverse()
                rid = reserved.pop()
                # Written at once: later rows may refer to (or duplicate) this one.
                records.insert(self.db, records.StoredRecord(
                    kind.table, rid, self.office.code, now, now, 1, False, to_columns(kind, values)))
                ids.append(rid)
                if n % 500 == 0:
                    progress(n, total)
                    check_cancel(cancelled)
            if reserved:  # give back the unused tail of the last chunk (we hold the write lock)
                records.release_ids(self.db, self.office.code, kind.prefix, len(reserved))
            audit.append(self.db, at=now, actor=self.actor.clerk, os_user=self.actor.os_user,
                         office_code=self.office.code, action="bulk-create", kind=kind.key,
                         after={"count": len(ids), "first": ids[0] if ids else None,
                                "last": ids[-1] if ids else None}, note=note)
        progress(len(ids), total)
        return ids
