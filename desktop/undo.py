"""Undoable changes: what Ctrl+Z and Ctrl+Shift+Z do, without Qt.

Each change is applied through :class:`desktop.ledger.Ledger`, so undoing is itself a
validated, audited change (an undone edit is an edit back; an undone add is a delete that
keeps its tombstone). Undo refuses, rather than overwrite, when the record was changed in
between by someone else (its revision moved on).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from desktop.ledger import Ledger
from desktop.record import Record

__all__ = ["Change", "AddRecord", "EditRecord", "DeleteRecord", "RestoreRecord", "AdvanceStage"]


class Change(Protocol):
    """One undoable change. ``apply`` performs it the first time; ``undo``/``redo`` after."""

    @property
    def text(self) -> str: ...

    def apply(self, ledger: Ledger) -> Record: ...

    def undo(self, ledger: Ledger) -> None: ...

    def redo(self, ledger: Ledger) -> None: ...


@dataclass
class AddRecord:
    """Add a record; undo tombstones it, redo restores the same record (same id)."""

    kind: str
    values: Mapping[str, Any]
    record: Record | None = None

    @property
    def text(self) -> str:
        return f"新增 {self.record.id if self.record else self.kind}"

    def apply(self, ledger: Ledger) -> Record:
        self.record = ledger.add(self.kind, self.values)
        return self.record

    def undo(self, ledger: Ledger) -> None:
        assert self.record is not None
        current = ledger.get(self.kind, self.record.id)
        # A candidate's first stage event goes with it; anything else that points at the new
        # record makes the delete refuse (StillReferenced), which is what we want.
        self.record = ledger.delete(self.kind, self.record.id, expected_revision=current.revision)

    def redo(self, ledger: Ledger) -> None:
        assert self.record is not None
        self.record = ledger.restore(self.kind, self.record.id)


@dataclass
class EditRecord:
    """Change fields of a record; undo puts the old values back if nobody changed it since."""

    kind: str
    record_id: str
    changes: Mapping[str, Any]
    expected_revision: int | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    revision: int = 0

    @property
    def text(self) -> str:
        return f"修改 {self.record_id}"

    def apply(self, ledger: Ledger) -> Record:
        old = ledger.get(self.kind, self.record_id)
        rec = ledger.edit(self.kind, self.record_id, self.changes,
                          expected_revision=self.expected_revision)
        keys = [k for k in rec.values if rec.values[k] != old.values.get(k)]
        self.before = {k: old.values.get(k) for k in keys}
        self.after = {k: rec.values[k] for k in keys}
        self.revision = rec.revision
        return rec

    def undo(self, ledger: Ledger) -> None:
        rec = ledger.edit(self.kind, self.record_id, self.before, expected_revision=self.revision)
        self.revision = rec.revision

    def redo(self, ledger: Ledger) -> None:
        rec = ledger.edit(self.kind, self.record_id, self.after, expected_revision=self.revision)
        self.revision = rec.revision


@dataclass
class DeleteRecord:
    """Tombstone a record; undo restores it."""

    kind: str
    record_id: str
    expected_revision: int | None = None

    @property
    def text(self) -> str:
        return f"删除 {self.record_id}"

    def apply(self, ledger: Ledger) -> Record:
        return ledger.delete(self.kind, self.record_id, expected_revision=self.expected_revision)

    def undo(self, ledger: Ledger) -> None:
        ledger.restore(self.kind, self.record_id)

    def redo(self, ledger: Ledger) -> None:
        ledger.delete(self.kind, self.record_id)


@dataclass
class RestoreRecord:
    """Bring back a deleted record; undo deletes it again."""

    kind: str
    record_id: str

    @property
    def text(self) -> str:
        return f"恢复 {self.record_id}"

    def apply(self, ledger: Ledger) -> Record:
        return ledger.restore(self.kind, self.record_id)

    def undo(self, ledger: Ledger) -> None:
        ledger.delete(self.kind, self.record_id)

    def redo(self, ledger: Ledger) -> None:
        ledger.restore(self.kind, self.record_id)


@dataclass
class AdvanceStage:
    """Move a candidate to a stage. Undo moves it back (which the stage history records as
    a step back) and withdraws a protected GI that the step created, if nothing uses it yet."""

    candidate_id: str
    stage: str
    when: date | str
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    edit: EditRecord | None = None
    created_gi: str | None = None

    @property
    def text(self) -> str:
        return f"推进阶段 {self.candidate_id}"

    def apply(self, ledger: Ledger) -> Record:
        old = ledger.get("candidate", self.candidate_id)
        gis_before = {g.id for g in ledger.list("gi", {"candidate_id": self.candidate_id})}
        rec = ledger.advance_stage(self.candidate_id, self.stage, self.when, self.note,
                                   extra=self.extra)
        keys = [k for k in rec.values if rec.values[k] != old.values.get(k)]
        self.edit = EditRecord("candidate", self.candidate_id, {}, before={
            k: old.values.get(k) for k in keys}, after={k: rec.values[k] for k in keys},
            revision=rec.revision)
        created = [g.id for g in ledger.list("gi", {"candidate_id": self.candidate_id})
                   if g.id not in gis_before]
        self.created_gi = created[0] if created else None
        return rec

    def undo(self, ledger: Ledger) -> None:
        assert self.edit is not None
        if self.created_gi:
            ledger.delete("gi", self.created_gi)
        self.edit.undo(ledger)

    def redo(self, ledger: Ledger) -> None:
        assert self.edit is not None
        if self.created_gi:  # first, so that stepping forward again does not make a second GI
            ledger.restore("gi", self.created_gi)
        self.edit.redo(ledger)
