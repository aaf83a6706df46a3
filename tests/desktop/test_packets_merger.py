"""The row merger (desktop.packets.merger) streams every kind of packet under the kind's
policy: restore and reference packets are read a chunk at a time like county packets, and a
reference packet's rows that do not apply to this county are left out, whatever order the
sheets are read in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db import records
from desktop.ledger import Ledger
from desktop.packets import reader, special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import


def merge(city: Ledger, path: Path) -> None:
    assert apply_import(city, plan_import(city, path)).plan.status == MERGE


def maker(make: Any, led: Ledger) -> Any:
    other = type(make)(led)
    other._n = 500  # other names, numbers and USCCs than the county's
    return other


@pytest.fixture
def no_whole_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a packet whole, or making a row object per row, fails the test."""

    def whole(*args: Any, **kw: Any) -> Any:
        raise AssertionError("the packet was read whole")

    monkeypatch.setattr(reader, "read_packet", whole)
    monkeypatch.setattr(reader.RowChunk, "rows", whole)


def test_a_restore_packet_is_streamed(make: Any, ledger: Ledger, city: Ledger, new_office: Callable[..., Ledger],
                                     tmp_path: Path, no_whole_reads: None) -> None:
    for _ in range(3):
        make.add("resource")
    merge(city, export_packet(ledger, tmp_path / "p.xlsx").path)
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    rebuilt = new_office("130125", "rebuilt")
    result = special.import_restore(rebuilt, restore.path)
    assert result.status == MERGE, result.refusals
    assert result.counts == {"resource": {"new": 3}}
    assert rebuilt.count("resource") == 3


@pytest.mark.parametrize("order", ["as read", "last sheet first"])
def test_reference_rows_resting_on_left_out_rows_are_left_out_too(order: str, make: Any, ledger: Ledger, city: Ledger,
                                                                 new_office: Callable[..., Ledger],
                                                                 tmp_path: Path, no_whole_reads: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if order != "as read":  # a row read before the rows it refers to waits for them
        chunks = reader.PacketStream.chunks

        def backwards(self: reader.PacketStream) -> Any:
            yield from reversed(list(chunks(self)))

        monkeypatch.setattr(reader.PacketStream, "chunks", backwards)
    lingshou = new_office("130126", "lingshou")
    theirs = maker(make, lingshou).add("resource")
    merge(city, export_packet(lingshou, tmp_path / "l.xlsx").path)
    ours = make.add("resource")
    merge(city, export_packet(ledger, tmp_path / "x.xlsx").path)
    city_make = maker(make, city)
    on_theirs = city_make.add("candidate", resource_id=theirs.id)  # about 灵寿县: left out
    gi_on_theirs = city_make.add("gi", candidate_id=on_theirs.id, resource_id=None)  # rests on it: left out
    on_ours = city_make.add("candidate", resource_id=ours.id)
    gi_on_ours = city_make.add("gi", candidate_id=on_ours.id, resource_id=None)

    result = special.import_reference(ledger, special.make_reference_packet(city, tmp_path / "ref.xlsx").path)
    assert result.status == MERGE, result.refusals + [p.describe() for p in result.problems]
    assert result.counts["candidate"]["left_out"] == 1 and result.counts["candidate"]["new"] == 1
    assert result.counts["gi"]["left_out"] == 1 and result.counts["gi"]["new"] == 1
    assert ledger.get("gi", gi_on_ours.id).office_code == "130100"
    assert records.get(ledger.db, "protected_gis", gi_on_theirs.id) is None
    assert records.get(ledger.db, "candidates", on_theirs.id) is None
