"""The small policy that tells the row merger (:mod:`desktop.packets.merger`) what the rows of
one kind of packet may do, and what every kind shares about records and ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from db import records
from desktop.fields import Kind
from desktop.messages import Text
from desktop.packets.outcome import Outcome

__all__ = ["RowPolicy", "Unresolved", "same_record", "duplicate_reason", "id_office", "CROSS_FIELDS",
           "FAST_PATHS"]

CROSS_FIELDS = {"mark-user": "uscc", "resource": "name"}
"""The field of a register checked against other offices (a county packet's cross checks)."""


FAST_PATHS = {"writer_thread": True}
"""The merger's fast paths that pay (measured with ``bench/bench_packets.py --fast-paths``),
each of which can be switched off (``--slow PATH``, and the tests that compare the slow path's
result with the fast one's): ``writer_thread``: new records are written on a thread of their
own while the next chunk is read (the staging table's switch is ``db.packets.STAGING``)."""


class Unresolved(NamedTuple):
    """A reference to a record found neither in the database nor in the packet."""

    kind: str
    row: int
    record_id: str | None
    field: str
    value: str


@dataclass(frozen=True)
class RowPolicy:
    """What the rows of one kind of packet may do to the registers."""

    office: str
    """Whose records the packet carries (a row without an office is one of its)."""
    also: tuple[str, ...] = ()
    """Other offices whose records the packet may carry too (a restore packet: the parent's)."""
    hand_rows: bool = False
    """Rows without an id are rows typed in by hand: taken, numbered in a series of their own."""
    validate: bool = True
    """Every row is validated like a clerk's input (and its unique fields checked)."""
    id_clash: bool = False
    """A row whose id is another record (another creation time) is refused."""
    keep_held: tuple[str, ...] = ()
    """Offices whose records held here at the same or a newer revision are left as they are
    (not refused as older)."""
    older: tuple[str, str] = ("比已合并的版本（{0}）旧", "older than the merged revision {0}")
    """The refusal of a row older than the record held here."""
    tombstones_satisfy: bool = False
    """A reference to a deleted record held here holds (else only live records do)."""
    refs_only_to: tuple[str, ...] | None = None
    """Rows referring to a record of any other office are left out (and the rows referring to
    those): they do not apply to this office. None: nothing is left out."""
    cross_checks: bool = False
    """Look up :data:`CROSS_FIELDS` in the other offices' live records."""
    audit_update: str = "merge-update"
    audit_delete: str = "merge-delete"
    audit_new: tuple[tuple[str, str], ...] = ()
    """(office, action): one audit entry per register for the new records of that office."""
    note: str = ""
    """The audit entries' note."""
    missing: Callable[[Kind, str, int, list[str]], Text] | None = None
    """The warning for records of :attr:`office` held here that the packet leaves out
    ``(register, sheet, count, first ids)``; None: not looked for."""
    unresolved: Callable[[Outcome, list[Unresolved]], list[Unresolved]] | None = None
    """What references found nowhere mean: refuses the packet (on ``outcome``) and returns those
    to list as problems of their rows (None: all of them)."""

    also_kinds: tuple[str, ...] | None = None
    """The registers in which rows of :attr:`also` are taken (None: every register): a city's
    packet at its province carries its units' statistics rows, no other unit record."""
    foreign: Callable[[str, Kind], Text] | None = None
    """The refusal of a row of an office that is not among the owners of its register, naming
    that office (checked before the row's id; None: the general refusal)."""

    @property
    def owners(self) -> tuple[str, ...]:
        return (self.office, *self.also)

    def owners_of(self, kind_key: str) -> tuple[str, ...]:
        """Whose records the rows of register ``kind_key`` may be."""
        if self.also_kinds is None or kind_key in self.also_kinds:
            return self.owners
        return (self.office,)


def id_office(rid: str) -> str | None:
    """The office code inside an id ``PREFIX-OFFICE-NNNNNN``."""
    parts = rid.split("-")
    return parts[1] if len(parts) == 3 else None


def same_record(a: records.StoredRecord, b: records.StoredRecord) -> bool:
    """Whether two records are the same revision of the same content."""
    return (a.revision == b.revision and a.deleted == b.deleted and a.values == b.values
            and a.updated_at == b.updated_at)


def duplicate_reason(other: Any) -> Any:
    """The reason of a unique value held twice; ``other``: a row number of this packet, or the
    id of a record already merged."""
    from desktop.validation import Reason

    if isinstance(other, int):
        return Reason(f"与本数据包第{other}行重复", f"duplicates row {other} of this packet")
    return Reason(f"与已合并的记录 {other} 重复", f"duplicates record {other} merged earlier")
