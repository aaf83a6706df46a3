"""Cell-level and structural mutations of the packet campaign.

Cell edits go through openpyxl, as a clerk's Excel would: changed values, numbers beyond
SQLite's integer range in 版本 and the other integer columns, 100,000-character values, type
changes, duplicated ids, deleted rows, a row flood. Structural edits change the workbook or the
container: sheets deleted, renamed, moved, hidden and unhidden, the cover's office changed,
members removed, duplicated or added; and paths that are not packet files at all (a folder named
``x.xlsx``, a link to ``/dev/null``).
"""

from __future__ import annotations

import random
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl

from bench.campaign_xml import Change, headers, last_row, row_flood, set_cell, sheet_members, value_of
from bench.campaign_zip import Members, read_members, write_members

__all__ = ["mutate_cells", "mutate_structure", "integer_columns"]

HUGE = 99999999999999999999
"""Beyond SQLite's 64-bit integers."""

META = "_数据包信息"
LISTS = "_代码表"
COVER = "封面"


def integer_columns() -> dict[str, list[str]]:
    """Register sheet → the headers of its integer columns (版本 in every sheet)."""
    from desktop.packets import format as fmt
    from desktop.registers import REGISTRY

    return {k.zh: [c.zh for c in fmt.sheet_columns(k)
                   if c.key == "revision" or (c.field is not None and c.field.type.value in ("int", "year"))]
            for k in REGISTRY.values()}


def _registers(wb: Any) -> list[str]:
    """The register sheets (a receipt has none: then every sheet)."""
    return [n for n in wb.sheetnames if n not in (COVER, META, LISTS)] or list(wb.sheetnames)


def _headers(ws: Any) -> list[str]:
    return [str(c.value or "").rstrip("*") for c in ws[1]]


def _changed(value: Any, rng: random.Random) -> Any:
    """Another value of the same sort, or of another sort."""
    if rng.random() < 0.3:  # a type change
        return rng.choice(["2024-13-45", 12345, 3.5, date(2020, 2, 29), datetime(2021, 1, 1, 12, 30),
                           "十二", "", " ", True, "=1+1", "TRUE", -1, 0, "1e308", float("inf")])
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + rng.choice([1, -1, 0.5, 10**6])
    if isinstance(value, datetime | date):
        return value - timedelta(days=rng.choice([1, 365, 36500])) if value.year > 1901 else date(2000, 1, 1)
    if value is None:
        return rng.choice(["新内容", 7, date(2025, 5, 5)])
    text = str(value)
    return rng.choice([text + "改", text[:-1], text.upper(), "  " + text, text + "\n第二行", "𠀀" + text])


_XML_OPS = ("value", "huge-int", "long-value", "type", "duplicate-id", "tombstone", "blank-id")
"""Edits made in the sheet's XML (fast) about two times in three, else through openpyxl."""


def _huge(rng: random.Random) -> object:
    return rng.choice([HUGE, -HUGE, 2**63, 2**63 - 1, -(2**63) - 1, str(HUGE), 1e20])


def _cells_xml(src: Path, dest: Path, rng: random.Random, op: str) -> Change:
    """One cell edit made in a register sheet's XML, the rest of the file unchanged."""
    members = read_members(src)
    sheets = sheet_members(members)
    sheet = rng.choice([n for n in sheets if n not in (COVER, META, LISTS)] or list(sheets))
    xml = dict(members)[sheets[sheet]]
    names = headers(xml)
    last = last_row(xml)
    row = rng.randrange(2, last + 1) if last >= 2 else 2
    col = rng.randrange(1, max(2, len(names) + 1))
    value: object
    if op == "huge-int":
        name = rng.choice(integer_columns().get(sheet, ["版本"]))
        col = names.index(name) + 1 if name in names else col
        value = _huge(rng)
    elif op == "long-value":
        col = max(2, col)
        value = "长" * rng.choice([32_767, 100_000])
    elif op == "type":
        old = value_of(xml, row, col)
        value = rng.choice([42, 3.25, "2026-01-01", "是", None, f" {old} " if old else "文字"])
    elif op == "duplicate-id" and last >= 3:
        col = 1
        value = value_of(xml, rng.choice([r for r in range(2, last + 1) if r != row]), 1)
    elif op == "tombstone" and "已删除" in names:
        col = names.index("已删除") + 1
        value = rng.choice(["是", "否", "删除", 1])
    elif op == "blank-id":
        col = 1
        value = rng.choice([None, " ", "R-999999-000001", "=A1"])
    else:
        value = _changed(value_of(xml, row, col), rng)
        value = value.isoformat() if isinstance(value, date) else value
    edited = set_cell(xml, row, col, value)
    write_members([(n, edited if n == sheets[sheet] else d) for n, d in members], dest)
    header = names[col - 1] if col - 1 < len(names) else "?"
    return Change(f"{op} (xml) {sheet} row {row} col {col} ({header}) = {value!r:.40}")


def mutate_cells(src: Path, dest: Path, rng: random.Random) -> Change:
    """One cell-level edit of the packet ``src`` (through openpyxl, or as XML for a flood) to ``dest``."""
    op = rng.choice(["value", "value", "value", "huge-int", "huge-int", "long-value", "type", "flood",
                     "duplicate-id", "delete-rows", "tombstone", "blank-id", "many-cells"])
    if op == "flood":
        members = read_members(src)
        sheets = sheet_members(members)
        registers = [n for n in sheets if n not in (COVER, META, LISTS)]
        sheet = rng.choice(registers)
        rows = rng.choices([200, 5_000, 50_000, 300_000], weights=[40, 40, 18, 2])[0]
        flooded = [(n, row_flood(d, rows) if n == sheets[sheet] else d) for n, d in members]
        write_members(flooded, dest)
        return Change(f"flood {sheet} +{rows} id-only rows")
    if op in _XML_OPS and rng.random() < 0.65:
        return _cells_xml(src, dest, rng, op)
    wb = openpyxl.load_workbook(src)
    try:
        sheet = rng.choice(_registers(wb))
        ws = wb[sheet]
        headers = _headers(ws)
        last = ws.max_row
        row = rng.randrange(2, last + 1) if last >= 2 else 2
        label = f"{op} {sheet}"
        if op in ("value", "type"):
            col = rng.randrange(1, len(headers) + 1)
            cell = ws.cell(row, col)
            new = _changed(cell.value, rng) if op == "value" else rng.choice(
                [str(cell.value), 42, date(2026, 1, 1), "是", None])
            label += f" {cell.coordinate} ({headers[col - 1]}) {cell.value!r:.40} → {new!r:.40}"
            cell.value = new
        elif op == "huge-int":
            columns = integer_columns().get(sheet, ["版本"])
            name = rng.choice(columns)
            col = headers.index(name) + 1 if name in headers else len(headers)
            value = _huge(rng)
            ws.cell(row, col).value = value
            label += f" {ws.cell(row, col).coordinate} ({name}) = {value!r}"
        elif op == "long-value":
            col = rng.randrange(2, len(headers) + 1)
            n = rng.choice([32_767, 100_000])
            ws.cell(row, col).value = ("长" * n)
            label += f" {ws.cell(row, col).coordinate} ({headers[col - 1]}) {n} chars"
        elif op == "duplicate-id" and last >= 3:
            other = rng.choice([r for r in range(2, last + 1) if r != row])
            ws.cell(row, 1).value = ws.cell(other, 1).value
            label += f" row {row} takes the id of row {other} ({ws.cell(other, 1).value})"
        elif op == "delete-rows":
            n = rng.choice([1, 1, 3, last])
            ws.delete_rows(row, n)
            label += f" rows {row}..+{n}"
        elif op == "tombstone" and "已删除" in headers:
            col = headers.index("已删除") + 1
            ws.cell(row, col).value = rng.choice(["是", "否", "删除", 1])
            label += f" {ws.cell(row, col).coordinate} = {ws.cell(row, col).value!r}"
        elif op == "blank-id":
            ws.cell(row, 1).value = rng.choice([None, " ", "R-999999-000001", "=A1"])
            label += f" A{row} = {ws.cell(row, 1).value!r}"
        else:  # many cells at once, or a fallback of the ops above on a short sheet
            for _ in range(rng.choice([2, 10, 50])):
                r, c = rng.randrange(2, max(3, last + 1)), rng.randrange(1, len(headers) + 1)
                ws.cell(r, c).value = _changed(ws.cell(r, c).value, rng)
            label = f"many-cells {sheet}"
        wb.save(dest)
    finally:
        wb.close()
    return Change(label)


# ---- structure -------------------------------------------------------------------------------

def _cover_office(ws: Any, rng: random.Random) -> str:
    for row in ws.iter_rows(min_row=1, max_row=30):
        if row[0].value == "报送单位":
            new = rng.choice(["灵寿县（130126）", "唐山市（130200）", "", "行唐县（130125）改"])
            row[1].value = new
            return f"cover 报送单位 → {new!r}"
    ws["B3"] = "灵寿县（130126）"
    return "cover B3 → 灵寿县（130126）"


def _workbook_edit(src: Path, dest: Path, rng: random.Random, op: str) -> Change:
    wb = openpyxl.load_workbook(src)
    try:
        registers = _registers(wb)
        if op == "delete-sheet":
            name = rng.choice([*registers, COVER, COVER, LISTS, LISTS, META])
            del wb[name]
            change = Change(f"delete sheet {name}", visible=name in (COVER, LISTS))
        elif op == "rename-sheet":
            name = rng.choice([*registers, COVER, LISTS, META])
            new = rng.choice([name + "2", name + " ", "Sheet1", registers[0] if name != registers[0] else "x"])
            if new in wb.sheetnames:
                new += "_"
            wb[name].title = new
            change = Change(f"rename sheet {name} → {new!r}", visible=True)
        elif op == "move-sheet":
            name = rng.choice([*registers, COVER, META])
            offset = rng.choice([-3, -1, 1, 5])
            order = list(wb.sheetnames)
            wb.move_sheet(name, offset=offset)
            # (openpyxl keeps a sheet moved past either end where it is: nothing to report then)
            change = Change(f"move sheet {name} by {offset}", visible=wb.sheetnames != order)
        elif op == "hide-sheet":
            name = rng.choice([*registers, COVER])
            states = {n: wb[n].sheet_state for n in wb.sheetnames}
            wb[name].sheet_state = rng.choice(["hidden", "veryHidden"])
            others = [n for n in wb.sheetnames if n != name]
            if others and all(wb[n].sheet_state != "visible" for n in others):
                wb[others[0]].sheet_state = "visible"
            change = Change(f"hide sheet {name} ({wb[name].sheet_state})", visible=True)
        elif op == "unhide-sheet":
            name = rng.choice([LISTS, META])
            wb[name].sheet_state = "visible"
            change = Change(f"unhide sheet {name}", visible=True)
        else:  # cover
            change = Change(_cover_office(wb[COVER], rng), visible=True)
        shown = [i for i, n in enumerate(wb.sheetnames) if wb[n].sheet_state == "visible"]
        if not shown:  # a workbook shows one sheet at least (Excel and openpyxl insist)
            wb[wb.sheetnames[0]].sheet_state = "visible"
            change = Change(change.label + f" ({wb.sheetnames[0]} shown)", change.visible)
        if op == "hide-sheet":  # a sheet hidden as it was, or shown again to keep one shown: no change
            change = Change(change.label, {n: wb[n].sheet_state for n in wb.sheetnames} != states)
        wb.active = shown[0] if shown else 0
        wb.save(dest)
    finally:
        wb.close()
    return change


def _member_edit(members: Members, rng: random.Random, op: str) -> tuple[Members, Change]:
    names = [n for n, _ in members]
    if op == "remove-member":
        name = rng.choice(names)
        return [(n, d) for n, d in members if n != name], Change(f"remove member {name}")
    if op == "duplicate-member":
        i = rng.randrange(len(members))
        name, data = members[i]
        other = rng.choice([data, data.replace(b"<sheetData>", b"<sheetData>", 1) + b" ", members[0][1]])
        at = rng.choice([i + 1, len(members)])
        return [*members[:at], (name, other), *members[at:]], Change(f"duplicate member {name}")
    if op == "stored":  # the same members, not compressed: a different file, the same packet
        return members, Change("re-zipped (stored)")
    extra = rng.choice([("xl/vbaProject.bin", rng.randbytes(2048)),
                        ("xl/externalLinks/externalLink1.xml", b'<?xml version="1.0"?><externalLink/>'),
                        ("../../evil.txt", b"outside"), ("/abs/evil.txt", b"abs"),
                        ("xl/worksheets/sheet99.xml", b""), ("xl/media/image1.png", rng.randbytes(100_000))])
    return [*members, extra], Change(f"add member {extra[0]}")


def mutate_structure(src: Path, dest: Path, rng: random.Random) -> tuple[Change, Path]:
    """One structural change of the packet ``src``; returns what was done and the path to import
    (``dest``, or a folder or link made at ``dest``'s place)."""
    op = rng.choice(["delete-sheet", "delete-sheet", "rename-sheet", "move-sheet", "hide-sheet",
                     "unhide-sheet", "cover", "cover", "remove-member", "duplicate-member", "add-member",
                     "stored", "path"])
    if op == "path":
        how = rng.choice(["directory", "devnull", "link-dir", "empty", "link-packet", "dangling", "loop"])
        if how == "directory":
            dest.mkdir()
            (dest / "sheet.xml").write_bytes(b"<x/>")
        elif how == "devnull":
            dest.symlink_to("/dev/null")
        elif how == "link-dir":
            dest.symlink_to(dest.parent)
        elif how == "empty":
            dest.write_bytes(b"")
        elif how == "link-packet":
            dest.symlink_to(src)
        elif how == "dangling":
            dest.symlink_to(dest.parent / "nowhere.xlsx")
        else:
            dest.symlink_to(dest)
        return Change(f"path {how}"), dest
    if op in ("remove-member", "duplicate-member", "add-member", "stored"):
        members, change = _member_edit(read_members(src), rng, op)
        if op == "stored":
            with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as z:
                for name, data in members:
                    z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
        else:
            write_members(members, dest)
        return change, dest
    return _workbook_edit(src, dest, rng, op), dest
