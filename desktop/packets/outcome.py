"""What importing a packet did (or, on a dry run, would do): the one outcome type.

Every incoming packet, whatever its kind (county, receipt, restore, reference), passes the same
gate (:mod:`desktop.packets.gate`) and, if it carries rows, the same row merger
(:mod:`desktop.packets.merger`); both write what they find into an :class:`Outcome`.
:class:`desktop.packets.importer.ImportPlan` (county packets) and
:class:`desktop.packets.special.SpecialImport` (the packets a city sends down) are that outcome
with what their reports add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.messages import Text
from desktop.packets.reader import CellEdit, Packet, Problem

__all__ = ["MERGE", "NOTHING", "REFUSED", "KindSummary", "Outcome", "LOG_STATUS"]

MERGE, NOTHING, REFUSED = "merge", "nothing", "refused"

LOG_STATUS = {MERGE: "merged", NOTHING: "nothing", REFUSED: "refused"}
"""The packet log's word for an outcome's status."""


@dataclass
class KindSummary:
    """What a merge does to one register."""

    kind: str
    sheet: str
    new: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    """record id → changed field keys"""
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[str, Text]] = field(default_factory=list)
    """(record id, or row as a :class:`Text`; reason)"""
    left_out: int = 0
    """rows the kind's policy leaves out (they do not apply to this office)"""

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "changed": len(self.changed), "deleted": len(self.deleted),
                "unchanged": self.unchanged, "refused": len(self.refused)}


@dataclass
class Outcome:
    """What a packet does (or did) to the database, and why not. It holds no rows."""

    path: Path
    packet: Packet | None = None
    status: str = MERGE
    packet_kind: str = ""
    office: str = ""
    """The sender."""
    office_name: str = ""
    sequence: int = 0
    refusals: list[Text] = field(default_factory=list)
    """why the packet cannot be merged (each a string ``中文 / English``, with ``.zh``, ``.en``)"""
    warnings: list[Text] = field(default_factory=list)
    summaries: dict[str, KindSummary] = field(default_factory=dict)
    pin_needed: bool = False
    re_enrol: bool = False
    fingerprint: str = ""
    accept_edited: bool = False
    already_logged: bool = False
    """Answered "nothing to do" from the packet log (this very file was merged before), after
    the machine part and the signature were checked, without reading a row."""

    @property
    def problems(self) -> list[Problem]:
        return self.packet.problems if self.packet else []

    @property
    def edits(self) -> list[CellEdit]:
        return self.packet.edits if self.packet else []

    def refuse(self, zh: str, en: str) -> None:
        self.status = REFUSED
        self.refusals.append(Text(zh, en))

    def warn(self, zh: str, en: str) -> None:
        self.warnings.append(Text(zh, en))
