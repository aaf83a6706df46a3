"""Each fast path of the import (desktop.packets.merger.FAST_PATHS, db.packets.STAGING) merges
exactly what its slow path merges: a whole demo packet, then a second one with changes and a
deletion, imported with the path on and off into two city databases that then hold the same."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db import packets
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets import merger
from desktop.packets.export import export_packet
from desktop.packets.importer import import_packet

PATHS = ("writer_thread", "staging")


def registers_digest(led: Ledger) -> str:
    """A SHA-256 over every record of every register (the merged data, not the logs)."""
    h = hashlib.sha256()
    for kind in fmt.packet_kinds():
        h.update(kind.table.encode())
        for row in led.db.conn.execute(f'SELECT * FROM "{kind.table}" ORDER BY id'):
            h.update(repr(row).encode())
    return h.hexdigest()


def switch_off(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path == "staging":
        monkeypatch.setattr(packets, "STAGING", False)
    else:
        monkeypatch.setitem(merger.FAST_PATHS, path, False)


@pytest.mark.parametrize("path", PATHS)
def test_the_slow_path_merges_the_same(path: str, demo_county: Ledger, new_office: Callable[..., Ledger],
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = export_packet(demo_county, tmp_path / "p1.xlsx").path
    resource = next(iter(demo_county.list("resource")))
    demo_county.edit("resource", resource.id, {"name": resource.values["name"] + "（改）"},
                     expected_revision=resource.revision)
    user = next(iter(demo_county.list("mark-user")))
    demo_county.edit("mark-user", user.id, {"name": "改名企业"}, expected_revision=user.revision)
    second = export_packet(demo_county, tmp_path / "p2.xlsx").path

    fast, slow = new_office("130100", "fast"), new_office("130100", "slow")
    done: dict[str, list[Any]] = {"fast": [], "slow": []}
    for name, city in (("fast", fast), ("slow", slow)):
        with monkeypatch.context() as m:
            if name == "slow":
                switch_off(path, m)
            for packet in (first, second):
                result = import_packet(city, packet)
                assert result.merged, result.plan.refusals
                done[name].append({k: (s.new, s.changed, s.deleted, s.unchanged)
                                   for k, s in result.plan.summaries.items()})
    assert done["fast"] == done["slow"]
    assert done["fast"][1]["resource"][1] == {resource.id: ["name"]}
    assert registers_digest(fast) == registers_digest(slow)
