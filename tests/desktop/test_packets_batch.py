"""The import dialog's batch logic without Qt (desktop.packets.batch): which packets may be
merged, that a new key needs its fingerprint confirmed, and that a packet is merged only if it
still does what its dry run showed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db import records
from desktop.ledger import Ledger
from desktop.packets.batch import (
    MergeItem,
    PacketEntry,
    merge_batch,
    merge_order,
    plan_batch,
    signed_with_another_key,
)
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, NOTHING, REFUSED, apply_import, plan_import
from desktop.registers import REGISTRY


def planned(city: Ledger, path: Path, **options: Any) -> PacketEntry:
    entry = PacketEntry(path)
    [(_path, entry.plan, entry.error)] = plan_batch(city, [(path, False, False)], **options)
    entry.planning = False
    return entry


def test_a_new_key_needs_its_fingerprint_confirmed(ledger: Ledger, make: Any, city: Ledger, tmp_path: Path) -> None:
    make.add("resource")
    entry = planned(city, export_packet(ledger, tmp_path / "p.xlsx").path)
    assert entry.plan is not None and entry.plan.status == MERGE and entry.plan.pin_needed
    assert not entry.mergeable and not entry.accepted and entry.waiting_for_key
    entry.verified_fingerprint = "0000-0000"  # not the packet's
    assert not entry.mergeable and merge_order([entry]) == []
    entry.verified_fingerprint = entry.plan.fingerprint
    assert entry.mergeable and entry.accepted and not entry.waiting_for_key
    entry.wish = False  # the clerk unticked it
    assert entry.mergeable and not entry.accepted and merge_order([entry]) == []


def test_only_mergeable_packets_are_merged_in_office_and_sequence_order(ledger: Ledger, make: Any, city: Ledger,
                                                                         tmp_path: Path) -> None:
    make.add("resource")
    first = export_packet(ledger, tmp_path / "p1.xlsx").path
    make.add("resource")
    second = export_packet(ledger, tmp_path / "p2.xlsx").path
    entries = [planned(city, second), planned(city, first), planned(city, tmp_path / "missing.xlsx")]
    for e in entries[:2]:
        assert e.plan is not None
        e.verified_fingerprint = e.plan.fingerprint
    assert entries[2].plan is not None and entries[2].plan.status == REFUSED and not entries[2].mergeable
    items = merge_order(entries)
    assert [i.path for i in items] == [first, second]
    outcomes = merge_batch(city, items)
    # the second was dry-run before the first was merged: it no longer does what it showed
    assert [o.result for o in outcomes] == ["merged", "changed"]
    assert outcomes[0].counts["new"] == 1
    assert records.count(city.db, REGISTRY["resource"].table, office_code="130125") == 1
    again = planned(city, second)
    again.verified_fingerprint = again.plan.fingerprint if again.plan else ""
    assert [o.result for o in merge_batch(city, merge_order([again]))] == ["merged"]
    assert planned(city, second).plan.status == NOTHING


def test_a_key_not_confirmed_is_never_merged(ledger: Ledger, make: Any, city: Ledger, tmp_path: Path) -> None:
    make.add("resource")
    entry = planned(city, export_packet(ledger, tmp_path / "p.xlsx").path)
    assert entry.plan is not None
    outcomes = merge_batch(city, [MergeItem(entry.plan, "")])  # forced past merge_order
    assert [o.result for o in outcomes] == ["changed"]
    assert records.count(city.db, REGISTRY["resource"].table, office_code="130125") == 0


def test_a_failing_packet_is_reported_and_the_others_go_on(ledger: Ledger, make: Any, city: Ledger,
                                                         tmp_path: Path, monkeypatch: Any) -> None:
    from desktop.packets import batch

    make.add("resource")
    path = export_packet(ledger, tmp_path / "p.xlsx").path
    entry = planned(city, path)
    assert entry.plan is not None
    calls = []

    def broken(*args: Any, **kw: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            raise OSError("disk full")
        return apply_import(*args, **kw)

    monkeypatch.setattr(batch, "apply_import", broken)
    item = MergeItem(entry.plan, entry.plan.fingerprint)
    outcomes = merge_batch(city, [item, item], describe=lambda e: f"failed: {e}")
    assert [(o.result, o.error) for o in outcomes] == [("failed", "failed: disk full"), ("merged", "")]


def test_another_key_offers_re_enrolment(ledger: Ledger, make: Any, city: Ledger, new_office: Any,
                                         tmp_path: Path) -> None:
    make.add("resource")
    first = export_packet(ledger, tmp_path / "p1.xlsx").path
    assert apply_import(city, plan_import(city, first)).plan.status == MERGE
    reinstalled = new_office("130125", "reinstalled")
    entry = planned(city, export_packet(reinstalled, tmp_path / "new.xlsx").path)
    assert entry.plan is not None and entry.plan.status == REFUSED
    assert signed_with_another_key(city, entry)
    entry.re_enrol = True
    assert not signed_with_another_key(city, entry)
    assert not signed_with_another_key(city, planned(city, first))  # nothing to do: not refused
