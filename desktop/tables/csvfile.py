"""A CSV file's encoding (never guessed silently) and delimiter, and its rows."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

from desktop.tables.model import TableRefused

__all__ = ["decode", "read_csv", "CSV_BYTES", "CSV_ROWS", "DELIMITERS"]

CSV_BYTES = 100 * 1024 * 1024
CSV_ROWS = 200_000
CSV_COLUMNS = 1000
DELIMITERS = ",\t;"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): a BOM says UTF-8 or UTF-16; else strict UTF-8; else strict GB18030
    (which holds GBK, what Excel and WPS write on a Chinese Windows); else refused."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = ""
    for candidate in ([encoding] if encoding else ["utf-8", "gb18030"]):
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError as e:
            last = e
    raise TableRefused(
        f"无法识别“{name}”的文字编码（既不是 UTF-8，也不是 GBK/GB18030；第 {last.start + 1} 字节起无法解读）："
        "请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入",
        f"the text encoding of {name!r} is neither UTF-8 nor GBK/GB18030 (unreadable from byte "
        f"{last.start + 1}): save it as 'CSV UTF-8' or .xlsx in Excel or WPS and import that")


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_csv(path: Path) -> tuple[list[list[Any]], str, str]:
    """(rows, encoding, delimiter) of a CSV file. Raises :class:`TableRefused`."""
    size = path.stat().st_size
    if size > CSV_BYTES:
        raise TableRefused(f"文件“{path.name}”过大（{size // 1048576} MB，上限 {CSV_BYTES // 1048576} MB）",
                           f"file {path.name!r} is too large ({size} bytes; limit {CSV_BYTES})")
    text, encoding = decode(path.read_bytes(), path.name)
    delimiter = _delimiter(text)
    rows: list[list[Any]] = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if n > CSV_ROWS:
                raise TableRefused(f"文件“{path.name}”超过 {CSV_ROWS} 行，拒绝读取",
                                   f"file {path.name!r} has more than {CSV_ROWS} rows")
            if len(row) > CSV_COLUMNS:
                raise TableRefused(f"文件“{path.name}”第 {n} 行超过 {CSV_COLUMNS} 列，拒绝读取",
                                   f"file {path.name!r} row {n} has more than {CSV_COLUMNS} columns")
            rows.append([c if c != "" else None for c in row])
    except csv.Error as e:
        raise TableRefused(f"文件“{path.name}”不是有效的 CSV：{e}", f"{path.name!r} is not a valid CSV: {e}") from e
    return rows, encoding, delimiter
