"""The real export read back by the real import: every row of every register "unchanged"; a
filled template imports without a mapping step (every column mapped by its exact label)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.tables.apply import apply_import
from desktop.tables.export import export_table
from desktop.tables.header import read_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import Action, ImportOptions, Update
from desktop.tables.plan import plan_import
from desktop.tables.template import write_template

KINDS = ("resource", "candidate", "gi", "mark-user", "annual-report", "inspection", "abnormal")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("kind_key", KINDS)
def test_export_then_import_is_unchanged(demo_county: Ledger, tmp_path: Path, kind_key: str,
                                         suffix: str) -> None:
    ledger = demo_county
    expected = [r.id for r in ledger.list(kind_key)]
    assert expected, kind_key
    path = export_table(ledger, kind_key, tmp_path / f"{kind_key}{suffix}").path
    kind = REGISTRY[kind_key]
    table = read_table(path, kind)
    mapping = propose_mapping(table, kind)
    unmapped = [c.header for c in mapping.columns if c.field_key is None]
    assert not unmapped, unmapped
    for update in (Update.ALL, Update.EMPTY):
        plan = plan_import(ledger, table, mapping, ImportOptions(update=update))
        actions = {r.action for r in plan.rows}
        assert actions == {Action.UNCHANGED}, plan.all_problems()[:5]
        assert sorted(str(r.record_id) for r in plan.rows) == sorted(expected)


def test_filled_template_maps_every_column_and_imports(ledger: Ledger, make: Any, tmp_path: Path) -> None:
    gi = make.add("gi", name="行唐大枣")
    path = write_template(ledger, "mark-user", tmp_path / "模板.xlsx").path
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    row = {"企业名称": "行唐县枣农合作社", "统一社会信用代码": make.uscc(7, entity="93"),
           "主体类型": "农民专业合作社", "使用的地理标志": gi.title, "状态": "已核准",
           "核准公告号": "第8号"}
    kind = REGISTRY["mark-user"]
    labels = {f.zh: f for f in kind.fields}
    assert set(row) <= set(headers), headers
    for n, header in enumerate(headers, start=1):
        if header in row:
            ws.cell(row=2, column=n, value=row[header])
    wb.save(path)
    table = read_table(path, kind)
    mapping = propose_mapping(table, kind)
    assert all(c.field_key == labels[c.header].key and c.confidence == 1.0
               for c in mapping.columns), [(c.header, c.field_key, c.confidence) for c in mapping.columns]
    plan = plan_import(ledger, table, mapping, ImportOptions())
    assert [r.action for r in plan.rows] == [Action.NEW], plan.all_problems()
    apply_import(ledger, plan)
    (rec,) = ledger.list("mark-user", {"name": "行唐县枣农合作社"})
    assert rec.values["gi_id"] == gi.id and rec.values["entity_type"] == "cooperative"


def test_export_table_search_finds_by_pinyin_as_list_does(demo_county: Ledger, db_path: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`export-table --search` builds the whole index first (as `list --search`), so pinyin
    finds the same rows from the command line as in the window, whatever is still queued."""
    import csv
    import io
    import json

    from desktop import search
    from desktop.cli import main

    monkeypatch.setattr(search, "FLUSH_AT_SEARCH", 10)
    assert search.pending(demo_county.db) > search.FLUSH_AT_SEARCH  # the window would fall back
    demo_county.close()
    target = tmp_path / "gi.csv"
    assert main(["--db", str(db_path), "export-table", "gi", "-o", str(target), "--search", "xtdz"],
                out=io.StringIO()) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    out = io.StringIO()
    assert main(["--db", str(db_path), "list", "gi", "--search", "xtdz", "--json"], out=out) == 0
    listed = sorted(r["id"] for r in json.loads(out.getvalue()))
    assert listed
    assert sorted(r[0] for r in rows[1:]) == listed
