"""A register written out as an export would (Chinese headers, labels for codes, dates as
dates, lists joined with 、; references as ids, or as the titles) and imported again: every row
unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.fields import FieldType, Kind
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import REGISTRY
from desktop.tables.header import read_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import Action, ImportOptions, Update
from desktop.tables.plan import plan_import


def _shown(ledger: Ledger, kind: Kind, rec: Record, key: str, ids: bool) -> Any:
    f = kind.field(key)
    value = rec.values.get(key)
    if value is None:
        return None
    if f.type is FieldType.REF and not ids:
        return ledger.get(f.ref or "", value).title
    if f.type is FieldType.CHOICE:
        return f.choice(value).zh
    if f.type is FieldType.MULTI:
        return "、".join(f.choice(v).zh for v in value)
    if f.type is FieldType.LIST:
        return "、".join(value)
    if f.type is FieldType.BOOL:
        return "是" if value else "否"
    return value


def _write(ledger: Ledger, path: Path, kind: Kind, records: list[Record], ids: bool) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([*(["编号"] if ids else []), *(f.zh + ("*" if f.required else "") for f in kind.fields)])
    for rec in records:
        ws.append([*([rec.id] if ids else []), *(_shown(ledger, kind, rec, f.key, ids) for f in kind.fields)])
    wb.save(path)
    return path


@pytest.mark.parametrize("ids", [True, False])
def test_export_then_import_is_unchanged(ledger: Ledger, make: Any, tmp_path: Path, ids: bool) -> None:
    gi = make.add("gi", name="行唐大枣", approval_date=date(2020, 1, 2))
    make.add("mark-user", gi_id=gi.id, name="甲公司", uscc=make.uscc(1), phone="13800138000",
             approval_date="2021-05-03", model_level="provincial", model_year=2022)
    make.add("mark-user", gi_id=gi.id, name="乙合作社", uscc=make.uscc(2, entity="93"), entity_type="cooperative")
    make.add("resource", name="行唐大枣", towns=["龙州镇", "南桥镇"], protection=["gi_product", "collective_mark"],
             authentic=True, regional=False, area_mu=1234.5, households=3000)
    for kind_key in ("mark-user", "resource", "gi"):
        kind = REGISTRY[kind_key]
        records = list(ledger.list(kind_key))
        path = _write(ledger, tmp_path / f"{kind_key}.xlsx", kind, records, ids)
        table = read_table(path, kind)
        mapping = propose_mapping(table, kind)
        assert all(c.field_key is not None for c in mapping.columns), kind_key
        plan = plan_import(ledger, table, mapping, ImportOptions(update=Update.ALL))
        assert [r.action for r in plan.rows] == [Action.UNCHANGED] * len(records), plan.all_problems()
        assert [r.record_id for r in plan.rows] == [r.id for r in records]
