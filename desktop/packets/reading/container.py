"""The zip container of a packet, checked before any parser sees it.

Size (compressed and uncompressed), compression ratio (zip bombs) and the member count come
from the central directory; every member's local header, flags (encryption), zip version and
compression method are checked without inflating anything; every XML part is checked for a
DTD (entity expansion) in its first bytes. A member that turns out damaged when it is inflated
(a bad CRC, a deflate error, a cut file) is refused naming the member: :func:`damaged_member`
turns what :mod:`zipfile` and :mod:`zlib` raise into :class:`PacketRefused` wherever a member
is read.
"""

from __future__ import annotations

import contextlib
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from defusedxml import ElementTree as SafeET

from desktop.packets.reading.refusal import Limits, PacketRefused, not_a_packet

__all__ = ["SheetEntry", "open_zip", "workbook_sheets", "sheet_members", "verify_members", "damaged_member",
           "member_damage", "check_dtd", "DTD", "CHECKED_PARTS", "ZIP_ERRORS"]

DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
CHECKED_PARTS = (".xml", ".rels", ".vml")
"""Zip members :func:`workbook_sheets` checks for a DTD."""

_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
"""The compression methods a packet's members may use (all that Excel, WPS and LibreOffice
write; calamine reads no other reliably)."""
_METHOD_NAMES = {1: "shrink", 6: "implode", 9: "deflate64", 12: "bzip2", 14: "lzma", 93: "zstd",
                 98: "ppmd", 99: "AES"}
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"


def member_damage(member: str, error: BaseException) -> PacketRefused:
    """The refusal of a zip member that cannot be read: what is wrong, and which member."""
    text = str(error)
    if isinstance(error, zlib.error):
        what = ("压缩数据损坏（无法解压）", f"its compressed data is damaged (deflate error: {text})")
    elif "CRC" in text:
        what = ("校验和（CRC）不符，内容已损坏", "its CRC does not match: the content is damaged")
    elif "file header" in text or "differ" in text or "Overlapped" in text:
        what = ("文件头损坏", f"its local header is damaged ({text})")
    elif "encrypted" in text:
        what = ("已加密（数据包从不加密）", "it is encrypted (packets never are)")
    elif isinstance(error, NotImplementedError):
        what = ("使用了不支持的压缩方式或版本",
                f"it uses a compression method or zip version that is not supported ({text})")
    elif isinstance(error, EOFError):
        what = ("数据不完整（文件被截断）", "its data ends too early (the file is cut short)")
    else:
        what = ("无法读取", text)
    return PacketRefused(f"文件已损坏，无法读取：压缩包中的“{member}”{what[0]}",
                         f"the file is damaged: zip member {member!r} cannot be read: {what[1]}")


ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, struct.error, OSError, RuntimeError, NotImplementedError,
    ValueError, IndexError, KeyError, UnicodeDecodeError)
"""What reading a damaged member raises: zipfile's BadZipFile (CRC, header), zlib.error,
EOFError (cut short), struct.error (a header cut or garbled), RuntimeError (encrypted),
NotImplementedError (method, version); OSError and ValueError from a file cut or changed under
the reader; IndexError, KeyError and UnicodeDecodeError from a garbled header's fields."""


@contextlib.contextmanager
def damaged_member(member: str) -> Iterator[None]:
    """Reading ``member`` inside: what a damaged member raises becomes :class:`PacketRefused`
    (a :class:`PacketRefused` raised inside goes through as it is)."""
    try:
        yield
    except PacketRefused:
        raise
    except ZIP_ERRORS as e:
        raise member_damage(member, e) from e


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The packet as a zip file, its container checked (see the module's docstring). Raises
    :class:`PacketRefused`. ``path`` has passed :func:`refusal.check_input`."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise PacketRefused(f"文件过大（{size // 1048576} MB，上限 {limits.file_bytes // 1048576} MB）",
                            f"file too large ({size} bytes; limit {limits.file_bytes})")
    if not zipfile.is_zipfile(path):
        raise not_a_packet("这个文件不是 Excel 数据包（.xlsx）文件，或文件已损坏/不完整",
                           "this file is not an .xlsx packet, or it is damaged or incomplete")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except NotImplementedError as e:  # zipfile reads "version needed to extract" of every member
        member = _too_new(path)
        if member is not None:
            raise member_damage(member, e) from e
        raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
    except ZIP_ERRORS as e:
        raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
    try:
        _check_members(zf, path, infos, limits)
    except BaseException as e:
        zf.close()
        if isinstance(e, ZIP_ERRORS):  # the file cut or changed under the reader
            raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
        raise
    return zf


def _too_new(path: Path) -> str | None:
    """The first member whose central directory entry asks for a zip version zipfile does not
    read (to name it: zipfile only says the version)."""
    data = path.read_bytes()
    at = data.find(b"PK\x01\x02")
    while at >= 0 and at + 46 <= len(data):
        version, name_length = struct.unpack_from("<H", data, at + 6)[0], struct.unpack_from("<H", data, at + 28)[0]
        if version > zipfile.MAX_EXTRACT_VERSION:
            return data[at + 46:at + 46 + name_length].decode("utf-8", "replace")
        at = data.find(b"PK\x01\x02", at + 46)
    return None


def _check_members(zf: zipfile.ZipFile, path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.members:
        raise PacketRefused("文件结构异常（条目过多）", "suspicious file: too many zip members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PacketRefused("文件压缩比异常（疑似压缩炸弹），拒绝读取",
                                f"suspicious compression ratio in {info.filename} (zip bomb?)")
    if total > limits.uncompressed_bytes:
        raise PacketRefused("文件解压后过大，拒绝读取", f"uncompressed size {total} exceeds the limit")
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        raise not_a_packet("这个文件不是 Excel 工作簿（缺少 xl/workbook.xml）", "this file is not an Excel workbook")
    with open(path, "rb") as fh:  # each member's local header, as zipfile checks it on opening
        for info in infos:
            _check_member(fh, info)


def _check_member(fh: BinaryIO, info: zipfile.ZipInfo) -> None:
    """What can be told of a member without inflating it: its flags, version, method and the
    local header that comes before its data."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise member_damage(name, RuntimeError("encrypted"))
    if info.compress_type not in _METHODS:
        method = _METHOD_NAMES.get(info.compress_type, "unknown")
        raise member_damage(name, NotImplementedError(f"compression method {info.compress_type} ({method})"))
    if info.extract_version > zipfile.MAX_EXTRACT_VERSION:
        raise member_damage(name, NotImplementedError(f"zip version {info.extract_version / 10:.1f}"))
    fh.seek(info.header_offset)
    raw = fh.read(_LOCAL_HEADER.size)
    if len(raw) != _LOCAL_HEADER.size or raw[:4] != _LOCAL_MAGIC:
        raise member_damage(name, zipfile.BadZipFile("Bad magic number for file header"))
    fields = _LOCAL_HEADER.unpack(raw)
    flags, method, name_length = fields[3], fields[4], fields[10]
    if flags & 0x1:
        raise member_damage(name, RuntimeError("encrypted (local header)"))
    if method != info.compress_type:
        raise member_damage(name, zipfile.BadZipFile(
            f"file header says compression method {method}, the directory {info.compress_type}"))
    local_name = fh.read(name_length).decode("utf-8" if flags & 0x800 else "cp437", "replace")
    if local_name != info.orig_filename:
        raise member_damage(name, zipfile.BadZipFile("the names in the directory and the file header differ"))


@dataclass(frozen=True)
class SheetEntry:
    """A sheet as the workbook lists it: its name, zip member and state (``visible``,
    ``hidden`` or ``veryHidden``)."""

    name: str
    member: str
    state: str


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def check_dtd(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse ``name`` if its XML has a DTD (in its first bytes, where a DTD must stand)."""
    with damaged_member(name), zf.open(name) as fh:
        head = fh.read(4096)
    if DTD.search(head):
        raise PacketRefused("文件含有 XML 文档类型定义（DTD），拒绝读取", "XML with a DTD is refused")


def workbook_sheets(zf: zipfile.ZipFile) -> list[SheetEntry]:
    """The sheets in workbook order, read with defusedxml (entity expansion refused), after
    every XML part was checked for a DTD. Raises :class:`PacketRefused`."""
    names = zf.namelist()
    if "xl/_rels/workbook.xml.rels" not in names:
        raise not_a_packet("这个文件不是 Excel 工作簿（缺少 xl/_rels/workbook.xml.rels）",
                           "this file is not an Excel workbook")
    # Every XML part, not only those read here: calamine reads shared strings and styles, and
    # the error workbook (report.py) opens the whole file with openpyxl.
    for name in names:
        if name.endswith(CHECKED_PARTS):
            check_dtd(zf, name)
    parts = []
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        with damaged_member(name):
            parts.append(zf.read(name))
    try:
        book = SafeET.fromstring(parts[0])
        rels = SafeET.fromstring(parts[1])
    except Exception as e:  # defusedxml raises several kinds
        raise PacketRefused("工作簿结构无法读取", f"the workbook structure cannot be read: {e}") from e
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    _check_styles(zf, [_member_of(r.get("Target", "") or "") for r in rels
                       if (r.get("Type") or "").endswith("/styles")], set(names))
    out = []
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "") or ""
        out.append(SheetEntry(sheet.get("name", ""), _member_of(target), sheet.get("state", "visible") or "visible"))
    return out


def _member_of(target: str) -> str:
    """The zip member a relationship of the workbook points to (``worksheets/sheet1.xml`` →
    ``xl/worksheets/sheet1.xml``)."""
    target = target.lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


STYLES = "xl/styles.xml"
_STYLES_READ = 16 * 1024 * 1024
"""Styles parts up to this size are read as XML (a packet's are a few kB)."""


def _styles_refused(member: str, what_zh: str, what_en: str) -> PacketRefused:
    return PacketRefused(
        f"文件已损坏，无法读取：工作簿的样式部分（{member}）{what_zh}，日期和数字的格式无从得知",
        f"the file is damaged: the workbook's styles part ({member}) {what_en}, so the formats of "
        "dates and numbers cannot be told")


def _check_styles(zf: zipfile.ZipFile, members: list[str], names: set[str]) -> None:
    """The workbook's styles part is there and reads as XML: without it calamine reads every
    date as a plain number, and each row would be refused on its own, the styles unnamed.
    Raises :class:`PacketRefused` (once, naming the part)."""
    if not members:
        raise _styles_refused(STYLES, "缺失", "is missing")
    member = members[0]
    if member not in names:
        raise _styles_refused(member, "缺失", "is missing")
    if zf.getinfo(member).file_size > _STYLES_READ:
        return  # (inflated and checked by verify_members; not held in memory here)
    with damaged_member(member):
        data = zf.read(member)
    try:
        SafeET.fromstring(data)
    except Exception as e:
        raise _styles_refused(member, "已损坏", "is damaged") from e


def sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member (:func:`workbook_sheets`)."""
    return {s.name: s.member for s in workbook_sheets(zf)}


def verify_members(zf: zipfile.ZipFile, skip: set[str]) -> None:
    """Inflate every member but those in ``skip`` (the worksheets, scanned on their own), so a
    damaged one is refused by name before calamine or openpyxl (the error workbook) meets it:
    zipfile checks each member's CRC when it has read it whole. Streamed, bounded memory."""
    for info in zf.infolist():
        if info.filename in skip or info.is_dir():
            continue
        with damaged_member(info.filename), zf.open(info) as fh:
            while fh.read(1 << 20):
                pass
