"""Each worksheet's XML streamed once, before calamine reads it: the formulas it holds, and
no cell far outside the sheet's data.

calamine holds a sheet as one grid from its first to its last cell, so a single cell typed in
XFD1048576 makes it allocate 16,384 × 1,048,576 cells (512 GB: the process aborts). A sheet's
cells must lie within its :class:`Bounds` (the rows and columns its machine part counts, plus
room for what a clerk types by hand); the first cell outside, or a ``<dimension>`` reaching
outside, refuses the packet with the sheet and the cell named. The scan inflates the XML a
block at a time (flat memory), so a row flood is refused at its first row past the bounds.

The usual XML (Excel, WPS, LibreOffice, openpyxl, xlsxwriter: every cell ``<c r="B7" …>``) is
checked with one regular expression per block that finds a cell outside the bounds or any
other way of writing a cell (a cell without ``r``, an attribute before it, another prefix,
odd spacing or quotes); the first such block sends the whole sheet to :class:`_Walker`, which
follows every row and cell as calamine does (a cell without ``r`` is the one after the last).
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass

from desktop.messages import shorten
from desktop.packets.reading.container import DTD, damaged_member
from desktop.packets.reading.refusal import PacketRefused

__all__ = ["Bounds", "Formula", "SCAN_BLOCK", "scan_sheet", "formula_cells", "has_formula_tag",
           "column_letters", "column_number"]

SCAN_BLOCK = 1 << 20
"""XML inflated at a time (the memory of a scan stays bounded)."""

_TAIL = 4096
"""Bytes of the block before kept in front of the next (a tag split between two blocks, the
cell a formula belongs to)."""
_LATE = 512
"""A formula found this close to the end of what was read is taken with the next block (its
text may go on there)."""


@dataclass(frozen=True)
class Bounds:
    """The last row and the last column (both counted from 1) a sheet's cells may reach."""

    rows: int
    columns: int


@dataclass(frozen=True)
class Formula:
    """A formula cell: its reference (``B7``; ``?`` for a cell without one) and its formula
    as written (cut to a readable length; ``(shared)`` for a cell that shares another's)."""

    ref: str
    text: str


def column_letters(number: int) -> str:
    """1 → ``A``, 27 → ``AA``, 16384 → ``XFD``."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """``A`` → 1, ``XFD`` → 16384 (either case)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def _certainly_within(last: int) -> str:
    """A pattern of row numbers certainly not past ``last``: fewer digits, or as many and the
    first two lower (105001: up to 99999; 199999: up to 189999)."""
    text = str(last)
    k = len(text)
    options = [f"[1-9][0-9]{{0,{k - 2}}}"] if k >= 2 else []
    if k >= 3:
        top = int(text[:2]) - 1
        parts = [f"{d}[0-{min(9, top - d * 10)}]" for d in range(1, 10) if d * 10 <= top]
        if parts:
            options.append(f"(?:{'|'.join(parts)})[0-9]{{{k - 2}}}")
    return "|".join(options) or "(?!)"


class _Far:
    """The cells outside ``bounds`` in the usual XML, found with one plain pattern (a single
    pass of the regular expression engine over a block): ``<c`` then anything but `` r="``
    and a reference certainly within the bounds, that is a column of the letter groups up to
    the last column's and a row number of fewer digits than the last row's, or as many and
    lower leading two. What it finds is looked at one by one: a cell outside the bounds is
    refused; a cell written otherwise (no ``r`` first, lower case, a leading zero) makes the
    sheet :class:`_NotUsual`; a cell within the bounds after all (a row just below the last)
    or an element after the cells is passed. ``_PREFIXED`` finds cells and formulas with a
    namespace prefix."""

    def __init__(self, bounds: Bounds):
        self.bounds = bounds
        group = (bounds.columns - 1) // 26  # 0: A-Z, 1: AA-AZ, 2: BA-BZ ...
        letters = "[A-Z]" if group == 0 else f"[A-{chr(64 + min(group, 26))}]?[A-Z]"
        rows = _certainly_within(bounds.rows)
        self.pattern = re.compile(rf'<c(?! r="{letters}(?:{rows})"|ol)'.encode())

    def check(self, name: str, data: bytes, end: int) -> None:
        """Raise the refusal of a cell outside the bounds in ``data[:end]`` (cells only: up to
        ``</sheetData>``), :class:`_NotUsual` if a cell is written otherwise."""
        for m in self.pattern.finditer(data, 0, end):
            at = m.start()
            ref = _CANONICAL_REF.match(data, at)
            if ref is None:
                if data[at + 2:at + 3] not in b" >/\t\r\n" or _DATA_END.search(data, 0, at):
                    continue  # another element (<cfRule ...), or after the cells
                raise _NotUsual
            if ref[2].startswith(b"0"):
                raise _NotUsual
            if int(ref[2]) > self.bounds.rows or column_number(ref[1].decode()) > self.bounds.columns:
                raise _outside(name, ref[1].decode() + ref[2].decode(), self.bounds)
        if _PREFIXED.search(data, 0, end):
            raise _NotUsual


_CANONICAL_REF = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')
_PREFIXED = re.compile(rb":[cf][\s>/]")
"""A cell or a formula with a namespace prefix (or such a text: the walker tells)."""


_FORMULA_TAG = re.compile(rb"<f[ >/]")
"""What every formula element starts with in the usual XML (:func:`has_formula_tag`)."""
_ANY_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_REF_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_REF = re.compile(r"([A-Za-z]{1,7})0*([0-9]{1,10})")
_DIMENSION = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?ref\s*=\s*["']([^"']*)["']""")
_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
_TAG_ENDS = frozenset(b" >/")


def has_formula_tag(data: bytes) -> bool:
    """Whether ``data`` holds a match of ``<f[ >/]``, found by the letter f: rare in a sheet's
    XML (Chinese text, numbers, tags without an f), and bytes.find looks for one byte many
    times faster than any search for a pattern. Text with many an f falls back to the pattern."""
    find = data.find
    at = find(b"f")
    seen = 0
    while at >= 0:
        if at and data[at - 1] == 0x3C and at + 1 < len(data) and data[at + 1] in _TAG_ENDS:
            return True
        seen += 1
        if seen > 1000:
            return _FORMULA_TAG.search(data, at - 1) is not None
        at = find(b"f", at + 1)
    return False


def _outside(name: str, ref: str, bounds: Bounds, declared: str = "") -> PacketRefused:
    """The refusal of a sheet with a cell (or a declared extent, ``declared``) outside ``bounds``."""
    said_zh = f"（工作表声明其范围为 {declared}）" if declared else ""
    said_en = f" (the sheet declares its extent as {declared})" if declared else ""
    return PacketRefused(
        f"工作表“{name}”的单元格 {ref}{said_zh} 远在数据范围之外（该表的数据最多到第 {bounds.rows} 行、"
        f"第 {column_letters(bounds.columns)} 列）：可能是误输入或误设格式的单元格，或被大量填充的行。"
        "读取它需要极多内存，拒绝读取；请对方删除这些单元格，或在地标台账中重新导出数据包",
        f"sheet {name!r} has a cell at {ref}{said_en}, far outside its data (which reaches row {bounds.rows}, "
        f"column {column_letters(bounds.columns)} at most): a cell typed or formatted by mistake, or a flood of rows. "
        "Reading it would take a huge amount of memory, so it is refused; ask the office to delete "
        "those cells or to export the packet again")


def _crowded(name: str, bounds: Bounds) -> PacketRefused:
    """The refusal of a sheet with more cells than its bounds hold (many at one place)."""
    return PacketRefused(
        f"工作表“{name}”的单元格多于其 {bounds.rows} 行、{bounds.columns} 列所能容纳的数目（单元格重复），拒绝读取",
        f"sheet {name!r} has more cells than its {bounds.rows} rows and {bounds.columns} columns hold "
        "(cells repeated), so it is refused")


def _data_end(window: bytes) -> int | None:
    """Where ``</sheetData>`` (or an empty ``<sheetData/>``) starts in ``window``, if it is there:
    found by the word (a fast search), the tag then looked at."""
    at = window.find(b"sheetData")
    while at >= 0:
        start = window.rfind(b"<", max(0, at - 40), at)
        if start >= 0 and (window[start + 1:start + 2] == b"/" or window[at + 9:at + 11] == b"/>"):
            return start
        at = window.find(b"sheetData", at + 9)
    return None


def _parse_ref(raw: bytes) -> tuple[int, int] | None:
    """(row, column) of a cell reference (``B7``), None if it is not one."""
    m = _REF.fullmatch(raw.decode("ascii", "replace").strip())
    if m is None:
        return None
    return int(m[2]), column_number(m[1])


class _Walker:
    """Every row and cell start tag, positions followed as calamine follows them: a row or a
    cell without ``r`` comes after the one before."""

    _TAGS = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|sheetData)(?=[\s/>])([^>]*)>")

    def __init__(self, name: str, bounds: Bounds):
        self.name, self.bounds = name, bounds
        self.row = 0
        self.column = 0
        self.cells = 0
        self.done = False
        self.rest = b""

    def feed(self, block: bytes, final: bool = False) -> None:
        data = self.rest + block
        end = len(data) if final else data.rfind(b"<")
        if end < 0:
            end = 0
        self.rest = data[end:]
        for m in self._TAGS.finditer(data, 0, end):
            if self.done:
                return
            closing, tag, attributes = m[1], m[2], m[3]
            if tag == b"sheetData":
                self.done = bool(closing)
                continue
            if closing:
                continue
            found = _REF_ATTRIBUTE.search(attributes)
            if tag == b"row":
                number = None
                if found is not None and found[2].strip().isdigit():
                    number = int(found[2])
                self.row = number if number is not None else self.row + 1
                self.column = 0
                if self.row > self.bounds.rows:  # (XML no spreadsheet writes: rows count too)
                    raise _outside(self.name, f"A{self.row}", self.bounds)
                continue
            if not attributes.endswith(b"/"):
                self.cells += 1
                if self.cells > self.bounds.rows * self.bounds.columns:
                    raise _crowded(self.name, self.bounds)
            place = _parse_ref(found[2]) if found is not None else None
            if place is not None:
                self.row, self.column = place
            else:
                self.column += 1
                self.row = max(self.row, 1)
            if self.row > self.bounds.rows or self.column > self.bounds.columns:
                raise _outside(self.name, f"{column_letters(self.column)}{self.row}", self.bounds)


def _check_dimension(name: str, head: bytes, bounds: Bounds) -> None:
    """The sheet's ``<dimension ref="A1:U301"/>`` (where it says its cells end) within bounds."""
    m = _DIMENSION.search(head)
    if m is None:
        return
    for corner in m[1].split(b":"):
        place = _parse_ref(corner)
        if place is not None and (place[0] > bounds.rows or place[1] > bounds.columns):
            raise _outside(name, corner.decode("ascii", "replace").upper(), bounds,
                           declared=m[1].decode("ascii", "replace"))


def _formula_text(window: bytes, at: int) -> str:
    """The formula of the tag at ``at`` in ``window``: its text, or ``(shared)``."""
    close = window.find(b">", at)
    if close < 0:
        return ""
    if window[close - 1:close] == b"/":
        return "(shared)"
    end = window.find(b"<", close + 1)
    raw = window[close + 1:end if end >= 0 else len(window)]
    return shorten(html.unescape(raw.decode("utf-8", "replace")))


def _formula_ref(window: bytes, at: int) -> str:
    """The reference of the cell the formula tag at ``at`` belongs to (``?`` if not known)."""
    starts = list(_CELL_START.finditer(window, max(0, at - _TAIL), at))
    if not starts:
        return "?"
    start = starts[-1]
    close = window.find(b">", start.end() - 1)
    found = _REF_ATTRIBUTE.search(window, start.end() - 1, close if close >= 0 else at)
    place = _parse_ref(found[2]) if found is not None else None
    return "?" if place is None else f"{column_letters(place[1])}{place[0]}"


def scan_sheet(zf: zipfile.ZipFile, member: str, name: str, bounds: Bounds | None) -> list[Formula]:
    """The formula cells of one worksheet, in the order they stand; refuses (raising
    :class:`PacketRefused`) a DTD, a damaged member (naming it), and with ``bounds`` a cell or
    a ``<dimension>`` outside them (naming the sheet and the cell)."""
    try:
        return _scan(zf, member, name, bounds, walk=False)
    except _NotUsual:
        assert bounds is not None
        return _scan(zf, member, name, bounds, walk=True)


class _NotUsual(Exception):
    """The sheet's XML writes a cell in an unusual way: scan it again with the walker."""


def _scan(zf: zipfile.ZipFile, member: str, name: str, bounds: Bounds | None, *, walk: bool) -> list[Formula]:
    found: list[Formula] = []
    seen: set[int] = set()
    far = _Far(bounds) if bounds is not None and not walk else None
    walker = _Walker(name, bounds) if bounds is not None and walk else None
    past_data = False  # after </sheetData>: no cells (what follows may hold <xm:f> references)
    tail = b""
    offset = 0  # where the window starts in the XML
    cells = 0
    most = bounds.rows * bounds.columns if bounds is not None else 0
    with damaged_member(member), zf.open(member) as fh:
        first = True
        while True:
            block = fh.read(SCAN_BLOCK)
            final = not block
            if first:
                if DTD.search(block[:4096]):
                    raise PacketRefused("工作表含有 XML 文档类型定义（DTD），拒绝读取", "XML with a DTD is refused")
                if bounds is not None:
                    _check_dimension(name, block[:65536], bounds)
                first = False
            if past_data:
                if final:
                    break
                continue
            window = tail + block
            end = _data_end(window)
            data = len(window) if end is None else end
            if walker is not None:
                walker.feed(block, final)
            elif far is not None:
                if final or end is not None:
                    far.check(name, window, data)
                else:  # what the end of the block cuts is checked with the next one
                    far.check(name, window, max(0, window.rfind(b"<", 0, max(0, len(window) - 64))))
                # Cells with content (calamine keeps each, even many at one place): no more
                # than the bounds hold
                cells += block.count(b"</c>")
                if cells > most:
                    raise _crowded(name, bounds)  # type: ignore[arg-type]  # far implies bounds
            # (a formula with a prefix sends the usual scan to the walker: only the others look)
            if has_formula_tag(window) or (far is None and _PREFIXED.search(window, 0, data)
                                           and _ANY_FORMULA_TAG.search(window, 0, data)):
                limit = data if final or end is not None else min(data, len(window) - _LATE)
                for m in _ANY_FORMULA_TAG.finditer(window, 0, data):
                    at = m.start()
                    if at >= limit or offset + at in seen:
                        continue
                    seen.add(offset + at)
                    found.append(Formula(_formula_ref(window, at), _formula_text(window, at)))
            if end is not None:
                past_data = True
            if final:
                break
            cut = max(0, len(window) - _TAIL)
            offset += cut
            tail = window[cut:]
    return found


def formula_cells(zf: zipfile.ZipFile, member: str) -> list[str]:
    """The references of the cells holding a formula in one worksheet (streamed, bounded memory)."""
    return list(dict.fromkeys(f.ref for f in scan_sheet(zf, member, member, None)))
