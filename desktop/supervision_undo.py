"""Undoable supervision changes (:class:`desktop.undo.Change`): listing a user on the abnormal
list, removing an entry, recording a re-check. The window's Ctrl+Z takes them back.

Each one does its work through :mod:`desktop.abnormal` or :mod:`desktop.rectification` (their
rules, one transaction) and remembers the fields it changed on each record, so undo puts them
back with :meth:`desktop.ledger.Ledger.edit` (validated and audited; refused when someone
changed those fields since: :class:`UndoRefused`) and a new entry is tombstoned; redo does it again the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from db.connection import transaction
from desktop import abnormal, rectification
from desktop.ledger import Ledger
from desktop.record import Record

__all__ = ["ListAbnormal", "RemoveAbnormal", "Recheck", "UndoRefused"]


class UndoRefused(Exception):
    """A record no longer holds what the change left there: undo (or redo) would overwrite
    someone's later change, so it is refused (the message is ``中文\nEnglish``)."""


@dataclass
class _FieldEdit:
    """Fields of one record changed from ``before`` to ``after``. Undo and redo check that
    the record still holds the values they replace (not its revision: the same change's other
    steps, and a neighbour on the undo stack, may have moved the revision on), then edit."""

    kind: str
    record_id: str
    before: dict[str, Any]
    after: dict[str, Any]

    def _swap(self, ledger: Ledger, expect: dict[str, Any], put: dict[str, Any]) -> None:
        current = ledger.get(self.kind, self.record_id)
        changed = [k for k, v in expect.items() if current.values.get(k) != v]
        if changed:
            raise UndoRefused(f"{self.record_id} 的“{'、'.join(changed)}”已被修改，无法撤销或重做\n"
                              f"{self.record_id} changed since ({', '.join(changed)}); cannot undo or redo")
        ledger.edit(self.kind, self.record_id, put)

    def undo(self, ledger: Ledger) -> None:
        self._swap(ledger, self.after, self.before)

    def redo(self, ledger: Ledger) -> None:
        self._swap(ledger, self.before, self.after)


@dataclass
class _Edits:
    """Edits made by one change, undone in reverse order, redone in order."""

    edits: list[_FieldEdit] = field(default_factory=list)

    def add(self, kind: str, before: Record, after: Record) -> None:
        keys = [k for k in after.values if after.values[k] != before.values.get(k)]
        if keys:
            self.edits.append(_FieldEdit(kind, after.id, {k: before.values.get(k) for k in keys},
                                         {k: after.values[k] for k in keys}))

    def undo(self, ledger: Ledger) -> None:
        for edit in reversed(self.edits):
            edit.undo(ledger)

    def redo(self, ledger: Ledger) -> None:
        for edit in self.edits:
            edit.redo(ledger)


@dataclass
class ListAbnormal:
    """列入异常名录: a new entry, the user's status set to 列入异常名录. Undo tombstones the entry
    and puts the status back; redo restores the same entry and the status."""

    user_id: str
    reason: str
    listed: date | str | None = None
    document_no: str | None = None
    entry_id: str | None = None
    user_edits: _Edits = field(default_factory=_Edits)

    @property
    def text(self) -> str:
        return f"列入异常名录 {self.user_id}"

    def apply(self, ledger: Ledger) -> Record:
        before = ledger.get("mark-user", self.user_id)
        listed = abnormal.list_user(ledger, self.user_id, self.reason, listed=self.listed,
                                    document_no=self.document_no)
        self.entry_id = listed.entry.id
        self.user_edits.add("mark-user", before, ledger.get("mark-user", self.user_id))
        return listed.entry

    def undo(self, ledger: Ledger) -> None:
        assert self.entry_id is not None
        with transaction(ledger.db):
            self.user_edits.undo(ledger)
            ledger.delete("abnormal", self.entry_id)

    def redo(self, ledger: Ledger) -> None:
        assert self.entry_id is not None
        with transaction(ledger.db):
            ledger.restore("abnormal", self.entry_id)
            self.user_edits.redo(ledger)


@dataclass
class RemoveAbnormal:
    """移出异常名录: the entry's removal, the user's status back once no other entry lists it.
    Undo clears the removal and sets the status again."""

    entry_id: str
    reason: str
    removed: date | str | None = None
    document_no: str | None = None
    edits: _Edits = field(default_factory=_Edits)

    @property
    def text(self) -> str:
        return f"移出异常名录 {self.entry_id}"

    def apply(self, ledger: Ledger) -> Record:
        entry = ledger.get("abnormal", self.entry_id)
        user_id = entry.values["mark_user_id"]
        user = ledger.get("mark-user", user_id)
        done = abnormal.remove(ledger, self.entry_id, self.reason, removed=self.removed,
                               document_no=self.document_no)
        self.edits.add("abnormal", entry, done)
        self.edits.add("mark-user", user, ledger.get("mark-user", user_id))
        return done

    def undo(self, ledger: Ledger) -> None:
        with transaction(ledger.db):
            self.edits.undo(ledger)

    def redo(self, ledger: Ledger) -> None:
        with transaction(ledger.db):
            self.edits.redo(ledger)


@dataclass
class Recheck:
    """整改复查: the re-check date and result, a line in 整改跟进情况. Undo takes them back."""

    inspection_id: str
    recheck_date: date | str
    result: str
    note: str | None = None
    edits: _Edits = field(default_factory=_Edits)

    @property
    def text(self) -> str:
        return f"整改复查 {self.inspection_id}"

    def apply(self, ledger: Ledger) -> Record:
        before = ledger.get("inspection", self.inspection_id)
        done = rectification.record_recheck(ledger, self.inspection_id, self.recheck_date, self.result,
                                             note=self.note)
        self.edits.add("inspection", before, done)
        return done

    def undo(self, ledger: Ledger) -> None:
        self.edits.undo(ledger)

    def redo(self, ledger: Ledger) -> None:
        self.edits.redo(ledger)

