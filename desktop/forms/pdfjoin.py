"""A small streaming PDF writer: appends whole PDF documents (reportlab's own output, one batch
of forms each) to one file as they come, so a print of many forms never holds more than one
batch in memory.

reportlab keeps every finished page of a canvas until ``save()``; :class:`desktop.forms.sheet.Sheet`
therefore draws a batch of forms onto a canvas in memory, saves it and hands the bytes to
:meth:`PdfJoin.append`, which copies the batch's objects to the file with new object numbers and
notes its pages. :meth:`PdfJoin.close` then writes the one page tree holding every page, the
catalog, the document information, the cross-reference table and the trailer.

What is read is a classic PDF (``N 0 obj … endobj`` objects, a classic ``xref`` table, no object
or cross-reference streams), which is what reportlab writes. Objects are parsed properly (names,
strings, arrays, dictionaries, references); stream data is copied byte for byte by its
``/Length`` and never looked into. Anything else is refused with :class:`PdfJoinError`.

Example::

    with open("out.pdf", "wb") as fh:
        join = PdfJoin(fh)
        for batch in batches:          # bytes of complete PDF documents
            join.append(batch)
        join.close()
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import BinaryIO, TypeAlias

__all__ = ["Name", "PdfJoin", "PdfJoinError", "PdfObject", "Raw", "Ref", "parse_object", "serialize"]

log = logging.getLogger(__name__)


class PdfJoinError(ValueError):
    """The bytes given are not a PDF this writer can copy (it reads classic PDFs only)."""


class Name(bytes):
    """A PDF name, as written (with its ``/``)."""


class Raw(bytes):
    """A number, string, boolean or ``null``, kept exactly as written."""


@dataclass(frozen=True)
class Ref:
    """An indirect reference ``num gen R``."""

    num: int
    gen: int = 0


PdfObject: TypeAlias = Name | Raw | Ref | list["PdfObject"] | dict[Name, "PdfObject"]

_WS = b"\x00\t\n\x0c\r "
_DELIMS = b"()<>[]{}/%"
_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_SPACE = re.compile(rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*)*")
_NAME = re.compile(rb"/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_REF = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_INT = re.compile(rb"[+-]?\d+\Z")
_HEX = re.compile(rb"<[0-9A-Fa-f\x00\t\n\x0c\r ]*>")
_NUMBERS = re.compile(rb"((?:[\x00\t\n\x0c\r ]*[+-]?(?:\d+\.?\d*|\.\d+))+)[\x00\t\n\x0c\r ]*\]")
"""An array of numbers only (font widths, boxes, matrices): kept as written, in one piece."""
_VERSION = re.compile(rb"%PDF-(\d\.\d)")
_OBJ = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_PAGES = Name(b"/Pages")
_PAGE = Name(b"/Page")
_TYPE = Name(b"/Type")
_KIDS = Name(b"/Kids")
_PARENT = Name(b"/Parent")
_LENGTH = Name(b"/Length")
_INHERITED = (Name(b"/Resources"), Name(b"/MediaBox"), Name(b"/CropBox"), Name(b"/Rotate"))
_FONT_NAMES = (Name(b"/BaseFont"), Name(b"/FontName"))
_SUBSET = re.compile(rb"/([A-Z]{6})\+")


class _Parser:
    """Reads PDF objects from ``data`` (the syntax of ISO 32000-1, 7.2 and 7.3)."""

    def __init__(self, data: bytes):
        self.data = data

    def skip(self, pos: int) -> int:
        m = _SPACE.match(self.data, pos)
        return m.end() if m else pos

    def value(self, pos: int) -> tuple[PdfObject, int]:
        data = self.data
        pos = self.skip(pos)
        if pos >= len(data):
            raise PdfJoinError(f"PDF ends inside an object (at byte {pos})")
        ch = data[pos:pos + 1]
        if ch == b"/":
            m = _NAME.match(data, pos)
            assert m is not None  # matches "/" at least
            return Name(m.group()), m.end()
        if ch == b"(":
            return self._literal(pos)
        if data.startswith(b"<<", pos):
            return self._dict(pos + 2)
        if ch == b"<":
            m = _HEX.match(data, pos)
            if not m:
                raise PdfJoinError(f"bad hex string at byte {pos}")
            return Raw(m.group()), m.end()
        if ch == b"[":
            m = _NUMBERS.match(data, pos + 1)
            if m:
                return [Raw(m.group(1).strip())], m.end()
            items: list[PdfObject] = []
            pos += 1
            while True:
                pos = self.skip(pos)
                if data.startswith(b"]", pos):
                    return items, pos + 1
                item, pos = self.value(pos)
                items.append(item)
        if ch in b"0123456789":  # maybe ``num gen R``
            r = _REF.match(data, pos)
            if r:
                return Ref(int(r.group(1)), int(r.group(2))), r.end()
        m = _REGULAR.match(data, pos)
        if not m:
            raise PdfJoinError(f"unexpected {ch!r} at byte {pos}")
        return Raw(m.group()), m.end()

    def _literal(self, pos: int) -> tuple[Raw, int]:
        data = self.data
        depth = 0
        i = pos
        n = len(data)
        while i < n:
            c = data[i]
            if c == 0x5C:  # backslash: the next byte is escaped
                i += 2
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    return Raw(data[pos:i + 1]), i + 1
            i += 1
        raise PdfJoinError(f"unterminated string at byte {pos}")

    def _dict(self, pos: int) -> tuple[dict[Name, PdfObject], int]:
        data = self.data
        out: dict[Name, PdfObject] = {}
        while True:
            pos = self.skip(pos)
            if data.startswith(b">>", pos):
                return out, pos + 2
            m = _NAME.match(data, pos)
            if not m:
                raise PdfJoinError(f"dictionary key is not a name at byte {pos}")
            out[Name(m.group())], pos = self.value(m.end())

    def keyword(self, pos: int) -> tuple[bytes, int]:
        pos = self.skip(pos)
        m = _REGULAR.match(self.data, pos)
        return (m.group(), m.end()) if m else (b"", pos)


def parse_object(data: bytes) -> PdfObject:
    """One PDF object written as ``data`` (a test and debugging aid)."""
    return _Parser(data).value(0)[0]


def serialize(obj: PdfObject, renumber: dict[int, int] | None = None) -> bytes:
    """``obj`` written as PDF, references renumbered by ``renumber`` (old → new number; none:
    kept)."""
    out: list[bytes] = []
    _write(obj, renumber, out)
    return b"".join(out)


def _write(obj: PdfObject, renumber: dict[int, int] | None, out: list[bytes]) -> None:
    if isinstance(obj, (Name, Raw)):
        out.append(obj)
    elif isinstance(obj, Ref):
        num = obj.num if renumber is None else renumber.get(obj.num)
        if num is None:
            raise PdfJoinError(f"reference to object {obj.num}, which the document lacks")
        out.append(b"%d 0 R" % num)
    elif isinstance(obj, list):
        out.append(b"[")
        for item in obj:
            out.append(b" ")
            _write(item, renumber, out)
        out.append(b" ]")
    else:
        out.append(b"<<")
        for key, value in obj.items():
            out.append(b" ")
            out.append(key)
            out.append(b" ")
            _write(value, renumber, out)
        out.append(b" >>")


@dataclass
class _Doc:
    """One appended document, read: its objects' offsets, trailer, catalog and page tree."""

    data: bytes
    parser: _Parser
    offsets: dict[int, int]
    trailer: dict[Name, PdfObject]

    def obj(self, num: int) -> tuple[PdfObject, int]:
        """Object ``num`` and the position just after it (before ``stream`` or ``endobj``)."""
        pos = self.offsets.get(num)
        if pos is None:
            raise PdfJoinError(f"object {num} is not in the cross-reference table")
        m = _OBJ.match(self.data, pos)
        if not m or int(m.group(1)) != num:
            raise PdfJoinError(f"object {num} is not at byte {pos}")
        return self.parser.value(m.end())

    def dict_obj(self, ref: PdfObject, what: str) -> dict[Name, PdfObject]:
        if not isinstance(ref, Ref):
            raise PdfJoinError(f"{what} is not an indirect object")
        value, _pos = self.obj(ref.num)
        if not isinstance(value, dict):
            raise PdfJoinError(f"{what} (object {ref.num}) is not a dictionary")
        return value


def _read(data: bytes) -> _Doc:
    if not data.startswith(b"%PDF-"):
        raise PdfJoinError("not a PDF (no %PDF- header)")
    at = data.rfind(b"startxref")
    if at < 0:
        raise PdfJoinError("no startxref")
    parser = _Parser(data)
    word, _ = parser.keyword(at + len(b"startxref"))
    if not word.isdigit():
        raise PdfJoinError("bad startxref")
    pos = int(word)
    word, pos = parser.keyword(pos)
    if word != b"xref":
        raise PdfJoinError("no classic xref table (object or cross-reference streams "
                           "are not supported)")
    offsets: dict[int, int] = {}
    while True:
        word, after = parser.keyword(pos)
        if word == b"trailer":
            pos = after
            break
        count, pos = parser.keyword(after)
        if not (word.isdigit() and count.isdigit()):
            raise PdfJoinError(f"bad xref subsection at byte {pos}")
        first = int(word)
        pos = parser.skip(pos)
        for i in range(int(count)):
            entry = data[pos:pos + 20]
            if len(entry) < 18 or entry[17:18] not in (b"n", b"f"):
                raise PdfJoinError(f"bad xref entry at byte {pos}")
            if entry[17:18] == b"n":
                offsets[first + i] = int(entry[:10])
            pos += 20
    trailer, _pos = parser.value(pos)
    if not isinstance(trailer, dict):
        raise PdfJoinError("bad trailer")
    if Name(b"/Prev") in trailer or Name(b"/Encrypt") in trailer:
        raise PdfJoinError("incremental updates and encryption are not supported")
    return _Doc(data, parser, offsets, trailer)


def _subset_tag(n: int) -> bytes:
    """The six-letter subset tag number ``n`` (AAAAAA, AAAAAB, …)."""
    out = bytearray()
    for _ in range(6):
        n, r = divmod(n, 26)
        out.append(65 + r)
    return bytes(reversed(out))


class PdfJoin:
    """Writes one PDF file from whole documents appended one after another (see the module)."""

    _CATALOG, _PAGES, _INFO = 1, 2, 3

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.offsets: list[int] = [0, 0, 0, 0]  # by object number; 1-3 written by close()
        self.kids: list[int] = []
        self.pos = 0
        self.documents = 0
        self._catalog: dict[Name, PdfObject] | None = None
        self._info: dict[Name, PdfObject] | None = None
        self._tags = 0
        self._digest = hashlib.md5(usedforsecurity=False)
        self._version = b"1.4"
        self._write(b"%PDF-" + self._version + b"\n%\xe2\xe3\xcf\xd3\n")

    @property
    def pages(self) -> int:
        """The pages appended so far."""
        return len(self.kids)

    def _write(self, data: bytes) -> None:
        self.fh.write(data)
        self.pos += len(data)

    def append(self, data: bytes) -> int:
        """Copy the document ``data`` (a complete classic PDF) to the file; returns its page
        count. Its pages follow those appended before."""
        doc = _read(data)
        version = _VERSION.match(data)
        if version and version.group(1) > self._version:
            self._version = version.group(1)  # said in the catalog (/Version) by close()
        root_ref = doc.trailer.get(Name(b"/Root"))
        if root_ref is None:
            raise PdfJoinError("the trailer names no catalog (/Root)")
        root = doc.dict_obj(root_ref, "the catalog")
        pages_ref = root.get(_PAGES)
        leaves: list[tuple[int, dict[Name, PdfObject]]] = []  # (page number, inherited)
        tree: set[int] = set()
        self._walk(doc, pages_ref, {}, leaves, tree, 0)
        pages_num = _ref_num(pages_ref)
        renumber: dict[int, int] = {}
        dropped = set(tree)
        dropped.add(_ref_num(root_ref))
        info_num = _ref_num(doc.trailer.get(Name(b"/Info")))
        if info_num:
            dropped.add(info_num)
        for num in tree:
            renumber[num] = self._PAGES
        for num in sorted(doc.offsets):
            if num not in dropped:
                renumber[num] = len(self.offsets)
                self.offsets.append(0)
        if self._catalog is None:  # the first document's catalog and information, written now
            self._catalog = {k: Raw(serialize(v, renumber)) for k, v in root.items()
                             if k not in (_PAGES, _TYPE)}
            if info_num:
                info = doc.dict_obj(Ref(info_num), "the document information")
                self._info = {k: Raw(serialize(v, renumber)) for k, v in info.items()}
        inherited = dict(leaves)
        tags: dict[bytes, bytes] = {}
        for num in sorted(doc.offsets):
            if num in dropped:
                continue
            value, pos = doc.obj(num)
            stream = b""
            word, after = doc.parser.keyword(pos)
            if word == b"stream":
                if not isinstance(value, dict):
                    raise PdfJoinError(f"object {num}: a stream without a dictionary")
                length = value.get(_LENGTH)
                if not isinstance(length, Raw) or not _INT.match(length):
                    raise PdfJoinError(f"object {num}: the stream length is not a number")
                if data.startswith(b"\r\n", after):
                    after += 2
                elif data.startswith(b"\n", after):
                    after += 1
                else:
                    raise PdfJoinError(f"object {num}: no end of line after 'stream'")
                stream = data[after:after + int(length)]
                end, _ = doc.parser.keyword(after + int(length))
                if end != b"endstream":
                    raise PdfJoinError(f"object {num}: the stream does not end at its /Length")
            elif word != b"endobj":
                raise PdfJoinError(f"object {num}: {word!r} where 'endobj' belongs")
            if isinstance(value, dict):
                if num in inherited:  # a page: into the one page tree, with what it inherited
                    for key, inh in inherited[num].items():
                        value.setdefault(key, inh)
                    value[_PARENT] = Ref(pages_num)
                self._retag(value, tags)
            new = renumber[num]
            self.offsets[new] = self.pos
            body = serialize(value, renumber)
            if word == b"stream":
                self._write(b"%d 0 obj\n%s\nstream\n" % (new, body))
                self._write(stream)
                self._write(b"\nendstream\nendobj\n")
            else:
                self._write(b"%d 0 obj\n%s\nendobj\n" % (new, body))
        self.kids.extend(renumber[num] for num, _inh in leaves)
        self.documents += 1
        self._digest.update(data[-200:])
        return len(leaves)

    def _retag(self, value: dict[Name, PdfObject], tags: dict[bytes, bytes]) -> None:
        """Give each font subset of this document a tag unique in the file (every reportlab
        document starts its subsets at AAAAAA)."""
        for key in _FONT_NAMES:
            name = value.get(key)
            if isinstance(name, Name):
                m = _SUBSET.match(name)
                if m:
                    tag = tags.get(m.group(1))
                    if tag is None:
                        tag = tags[m.group(1)] = _subset_tag(self._tags)
                        self._tags += 1
                    value[key] = Name(b"/" + tag + name[7:])

    def _walk(self, doc: _Doc, ref: PdfObject | None, inherited: dict[Name, PdfObject],
              leaves: list[tuple[int, dict[Name, PdfObject]]], tree: set[int], depth: int) -> None:
        """The leaf pages under ``ref`` in order, with the attributes they inherit."""
        if not isinstance(ref, Ref) or depth > 32:
            raise PdfJoinError("bad page tree")
        node = doc.dict_obj(ref, "a page tree node")
        if node.get(_TYPE) == _PAGE:
            leaves.append((ref.num, inherited))
            return
        tree.add(ref.num)
        here = {**inherited, **{k: node[k] for k in _INHERITED if k in node}}
        kids = node.get(_KIDS)
        if not isinstance(kids, list):
            raise PdfJoinError(f"page tree node {ref.num} has no /Kids")
        for kid in kids:
            self._walk(doc, kid, here, leaves, tree, depth + 1)

    def close(self) -> None:
        """Write the page tree, catalog, information, cross-reference table and trailer."""
        if self._catalog is None:
            raise PdfJoinError("nothing was appended")
        pages: dict[Name, PdfObject] = {
            _TYPE: _PAGES, _KIDS: [Ref(k) for k in self.kids], Name(b"/Count"): Raw(b"%d" % len(self.kids))}
        catalog = {_TYPE: Name(b"/Catalog"), **self._catalog, _PAGES: Ref(self._PAGES)}
        if self._version != b"1.4":
            catalog[Name(b"/Version")] = Name(b"/" + self._version)
        self.offsets[self._PAGES] = self.pos
        self._write(b"%d 0 obj\n%s\nendobj\n" % (self._PAGES, serialize(pages)))
        self.offsets[self._CATALOG] = self.pos
        self._write(b"%d 0 obj\n%s\nendobj\n" % (
            self._CATALOG, serialize(catalog)))
        size = len(self.offsets)
        if self._info is not None:
            self.offsets[self._INFO] = self.pos
            self._write(b"%d 0 obj\n%s\nendobj\n" % (self._INFO, serialize(self._info)))
        xref_at = self.pos
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        for num in range(1, size):
            off = self.offsets[num]
            lines.append(b"%010d 00000 n \n" % off if off else b"0000000000 65535 f \n")
        self._write(b"".join(lines))
        self._digest.update(b"%d" % self.pos)
        ident_hex = self._digest.hexdigest().encode()
        trailer: dict[Name, PdfObject] = {
            Name(b"/Size"): Raw(b"%d" % size), Name(b"/Root"): Ref(self._CATALOG),
            Name(b"/ID"): [Raw(b"<" + ident_hex + b">"), Raw(b"<" + ident_hex + b">")]}
        if self._info is not None:
            trailer[Name(b"/Info")] = Ref(self._INFO)
        self._write(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (
            serialize(trailer), xref_at))
        log.debug("joined %d document(s), %d page(s), %d objects, %d bytes", self.documents,
                  len(self.kids), size - 1, self.pos)


def _ref_num(ref: PdfObject | None) -> int:
    return ref.num if isinstance(ref, Ref) else 0
