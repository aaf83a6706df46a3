"""Spreadsheets as an office program writes them: a clerk's list saved by LibreOffice Calc as
.xlsx, as old .xls and as a Chinese-Windows CSV (GBK), and our own export opened and saved again
in Calc, all imported as they should be.

Needs ``soffice`` (Debian: ``libreoffice-calc-nogui``, installed by ``.ci/run``): skipped on a
developer's machine without it, failed when ``CI`` is set (see test_packets_libreoffice.py).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.tables.apply import apply_import
from desktop.tables.export import export_table
from desktop.tables.header import read_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import Action, ImportOptions
from desktop.tables.plan import plan_import
from tests.desktop.test_packets_libreoffice import soffice

pytestmark = pytest.mark.slow

GBK_CSV = "csv:Text - txt - csv (StarCalc):44,34,70"
"""Comma, double quotes, LibreOffice's text encoding 70 (GBK: what Excel and WPS write as CSV
on a Chinese Windows)."""
FILTERS = {".xlsx": "xlsx:Calc MS Excel 2007 XML", ".xls": "xls:MS Excel 97", ".csv": GBK_CSV}


def convert(source: Path, suffix: str, work: Path) -> Path:
    """``source`` opened in LibreOffice Calc (headless, a private profile) and saved as
    ``suffix``."""
    exe = soffice()
    out = work / f"lo{suffix.replace('.', '-')}"
    out.mkdir()
    env = {**os.environ, "HOME": str(work)}  # nothing of the user's own profile is touched
    done = subprocess.run(
        [exe, f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", FILTERS[suffix], "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, env=env, check=False)
    result = out / (source.stem + suffix)
    assert done.returncode == 0 and result.is_file(), f"soffice failed:\n{done.stdout}\n{done.stderr}"
    return result


def clerks_list(path: Path, make: Any, gi_name: str) -> tuple[Path, list[dict[str, Any]]]:
    """A list as an office keeps it: a merged title, a blank row, the header on row 3, real
    date cells, the USCC typed as text, a 合计 row."""
    people = [
        {"name": "行唐县甲枣业有限公司", "uscc": make.uscc(41), "type": "企业", "date": date(2021, 5, 3),
         "phone": "13800000041"},
        {"name": "行唐县乙枣农专业合作社", "uscc": make.uscc(42, entity="93"), "type": "农民专业合作社",
         "date": date(2022, 11, 30), "phone": "0311-88123456"},
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "用标企业"
    ws.append(["行唐县地理标志专用标志用标企业名单"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["序号", "企业名称", "统一社会信用代码", "主体类型", "使用的地理标志", "状态", "核准日期",
               "联系电话", "核准公告号"])
    for n, p in enumerate(people, start=1):
        ws.append([n, p["name"], p["uscc"], p["type"], gi_name, "已核准", p["date"], p["phone"], f"第{n}号"])
        ws.cell(row=3 + n, column=3).number_format = "@"
        ws.cell(row=3 + n, column=7).number_format = "yyyy/m/d"
        ws.cell(row=3 + n, column=8).number_format = "@"
    ws.append(["合计", f"{len(people)} 家"])
    wb.save(path)
    return path, people


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_a_list_saved_by_calc_imports(ledger: Ledger, make: Any, tmp_path: Path, suffix: str) -> None:
    gi = make.add("gi", name="行唐大枣")
    source, people = clerks_list(tmp_path / "名单.xlsx", make, gi.title)
    path = convert(source, suffix, tmp_path)
    if suffix == ".csv":
        raw = path.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")  # really GBK, as a Chinese Windows writes it
        assert "企业名称".encode("gbk") in raw
    kind = REGISTRY["mark-user"]
    table = read_table(path, kind)
    assert table.header_row == 3 and len(table.rows) == len(people)  # the 合计 row left out
    if suffix == ".csv":
        assert table.grid.encoding == "gb18030"
    mapping = propose_mapping(table, kind)
    mapped = {c.header: c.field_key for c in mapping.columns}
    assert mapped["企业名称"] == "name" and mapped["核准日期"] == "approval_date"
    plan = plan_import(ledger, table, mapping, ImportOptions())
    assert [r.action for r in plan.rows] == [Action.NEW] * len(people), plan.all_problems()
    apply_import(ledger, plan)
    for p in people:
        (rec,) = ledger.list("mark-user", {"uscc": p["uscc"]})
        assert rec.values["name"] == p["name"]
        assert rec.values["approval_date"] == p["date"]
        assert rec.values["phone"] == p["phone"]
        assert rec.values["gi_id"] == gi.id


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_our_export_saved_again_by_calc_imports_unchanged(demo_county: Ledger, tmp_path: Path,
                                                          suffix: str) -> None:
    kind = REGISTRY["mark-user"]
    exported = export_table(demo_county, "mark-user", tmp_path / "用标主体.xlsx").path
    path = convert(exported, suffix, tmp_path)
    table = read_table(path, kind)
    mapping = propose_mapping(table, kind)
    plan = plan_import(demo_county, table, mapping, ImportOptions())
    assert {r.action for r in plan.rows} == {Action.UNCHANGED}, plan.all_problems()[:5]
    assert len(plan.rows) == demo_county.count("mark-user")
