"""What a packet may be at most, the refusal of a file that is not a readable packet, and the
first check of the path itself (a regular file, not a folder, a device or a pipe)."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Limits", "LIMITS", "PacketRefused", "WHAT_A_PACKET_IS", "not_a_packet", "check_input"]


@dataclass(frozen=True)
class Limits:
    """What a packet may be at most. A county packet of a large county is about 25 MB."""

    file_bytes: int = 300 * 1024 * 1024
    uncompressed_bytes: int = 3 * 1024 * 1024 * 1024
    members: int = 5000
    ratio: int = 200
    """Largest compression ratio for members over 1 MB (a zip bomb goes far beyond)."""
    sheet_rows: int = 1_000_000
    """Rows a register sheet may have at most, whatever its machine part says."""
    added_rows: int = 5000
    """Rows a register sheet may reach beyond the header and the rows its machine part counts
    (rows typed in by hand, blank rows): a cell further down is refused before the sheet is
    read (a row flood, or a cell typed far below the data)."""
    added_columns: int = 26
    """Columns a sheet may reach beyond those its machine part lists (a note typed beside the
    data): a cell further right is refused before the sheet is read."""
    other_rows: int = 200_000
    """Rows of the other sheets (the machine part, a sheet added by hand): fixed, whatever the
    packet."""
    small_rows: int = 5000
    """Rows of the cover and the code lists (an export writes a few dozen): room for a note typed
    by hand, and a cell further down is refused."""
    other_columns: int = 64


LIMITS = Limits()


class PacketRefused(Exception):
    """The file is not a packet that can be read; the message says why (Chinese and English)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh}\n{en}")


WHAT_A_PACKET_IS = (
    "数据包是地标台账“导出数据包”生成的 .xlsx 文件：第一页是“封面”，另有隐藏的校验部分（供程序读取的签名和数据）。"
    "普通的 Excel 表格（自己制作的，或从其他系统导出的）目前不能在这里导入：请对方在地标台账中导出数据包后发来，"
    "或在地标台账中逐条录入",
    "A packet is the .xlsx file that GI Ledger's Export packet makes: a 封面 (cover) sheet first and a "
    "hidden machine part (signature and data for the program to read). An ordinary spreadsheet (made "
    "by hand or exported by another system) cannot be imported here yet: ask the office to export a "
    "packet from GI Ledger and send it, or type the records in")
"""What a packet is (Chinese, English): said whenever a file is refused as not being one."""


def not_a_packet(zh: str, en: str) -> PacketRefused:
    """The refusal of a file that is not a packet at all: what it is, and what a packet is."""
    return PacketRefused(f"{zh}。{WHAT_A_PACKET_IS[0]}", f"{en}. {WHAT_A_PACKET_IS[1]}")


_KINDS = ((stat.S_ISDIR, "文件夹", "a folder"),
          (stat.S_ISCHR, "字符设备（如 /dev/null）", "a character device (such as /dev/null)"),
          (stat.S_ISBLK, "块设备", "a block device"), (stat.S_ISFIFO, "命名管道", "a named pipe (FIFO)"),
          (stat.S_ISSOCK, "套接字", "a socket"))


def check_input(path: Path | str) -> Path:
    """The path of a packet to read, checked before anything opens it: it must be a regular
    file (a link to one is followed). Raises :class:`PacketRefused` saying what it is instead:
    missing, a link to nothing, a link loop, a folder (or a link to one) named ``x.xlsx``, a
    device such as ``/dev/null``, a pipe (which would block the reader) ..."""
    path = Path(path)
    try:
        link = path.lstat()
    except FileNotFoundError:
        raise PacketRefused(f"找不到文件：{path}", f"no such file: {path}") from None
    except OSError as e:
        raise PacketRefused(f"无法访问文件：{path}（{e.strerror}）", f"cannot access {path}: {e.strerror}") from e
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PacketRefused(f"“{path}”是一个链接，但它指向的文件不存在",
                            f"{path} is a link to a file that does not exist") from None
    except OSError as e:
        if e.errno == errno.ELOOP:  # a link to itself, or links that lead round in a circle
            raise PacketRefused(f"“{path}”是一个循环链接（链接最终指向它自己），不是数据包文件",
                                f"{path} is a symbolic link loop (the link leads back to itself), "
                                "not a packet file") from e
        raise PacketRefused(f"无法访问文件：{path}（{e.strerror}）", f"cannot access {path}: {e.strerror}") from e
    if stat.S_ISREG(st.st_mode):
        return path
    via = ("（经由链接）", " (through a link)") if stat.S_ISLNK(link.st_mode) else ("", "")
    what_zh, what_en = next(((zh, en) for test, zh, en in _KINDS if test(st.st_mode)),
                            ("特殊文件", "a special file"))
    raise PacketRefused(f"“{path}”是{what_zh}{via[0]}，不是数据包文件：请选择导出的 .xlsx 数据包文件",
                        f"{path} is {what_en}{via[1]}, not a packet file: choose the exported .xlsx packet")
