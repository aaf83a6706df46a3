"""Where a unit's figures in the city table come from (数据来源): its statistics row and the
packet that brought that row.

Packets are full snapshots with rising sequence numbers, so the packet that brought a row as
it stands is the first merged packet of its office exported at or after the row's last change
(``updated_at``): every packet exported later carries the same row, none exported earlier
does. The export time and the signing key are in the packet log since they were kept there
(``exported_at``, ``fingerprint``); for older log rows the merge time stands in for the export
time and the office's pinned key for the fingerprint.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from db import packets as packet_queries
from db.city import MergedPacket, StatsRow, merged_packets
from desktop.ledger import Ledger

__all__ = ["Source", "source_of", "packets_by_office"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """A unit's statistics row and the packet that brought it (None: entered here, or the
    packet log does not name it)."""

    stats_id: str
    as_of: str
    revision: int
    updated_at: str
    packet_sequence: int | None = None
    exported_at: str | None = None
    """When the packet was exported (ISO 8601, UTC); the merge time for old log rows."""
    merged_at: str | None = None
    content_hash: str | None = None
    fingerprint: str | None = None

    @property
    def export_date(self) -> str:
        """The export date (``YYYY-MM-DD``, local time) or ""."""
        moment = _moment(self.exported_at)
        return moment.astimezone().date().isoformat() if moment is not None else ""

    def to_json(self) -> dict[str, object]:
        return {"stats_id": self.stats_id, "as_of": self.as_of, "revision": self.revision,
                "updated_at": self.updated_at, "packet_sequence": self.packet_sequence,
                "exported_at": self.exported_at, "export_date": self.export_date or None,
                "merged_at": self.merged_at, "content_hash": self.content_hash,
                "fingerprint": self.fingerprint}


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        log.warning("unreadable time in the packet log: %r", text)
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def packets_by_office(ledger: Ledger, offices: Sequence[str]) -> dict[str, list[MergedPacket]]:
    """The merged packets of ``offices`` by rising sequence (see :func:`db.city.merged_packets`)."""
    return merged_packets(ledger.db, offices)


def source_of(ledger: Ledger, row: StatsRow, merged: Sequence[MergedPacket]) -> Source:
    """The source of ``row`` among its office's merged packets ``merged`` (rising sequence)."""
    changed = _moment(row.updated_at)
    chosen: MergedPacket | None = None
    for p in merged:
        exported = _moment(p.exported_at) or _moment(p.merged_at)
        if changed is None or (exported is not None and exported >= changed):
            chosen = p
            break
    if chosen is None:
        return Source(row.id, row.as_of, row.revision, row.updated_at)
    fingerprint = chosen.fingerprint
    if not fingerprint:
        pin = packet_queries.pinned(ledger.db, row.office_code)
        fingerprint = pin.key_fingerprint if pin is not None else None
    return Source(row.id, row.as_of, row.revision, row.updated_at, chosen.sequence,
                  chosen.exported_at or chosen.merged_at, chosen.merged_at, chosen.content_hash,
                  fingerprint)
