"""An e-mail draft carrying a packet: a ``.eml`` file the clerk opens in the mail program.

The county sends its packet to the city by e-mail. Rather than talk to a mail server, the
program writes an RFC 5322 message next to the packet (To: the city, a subject naming the
office and the packet number, a short Chinese body, the packet attached) with
``X-Unsent: 1``, so Outlook opens it as a draft ready to send; other mail programs open it as
a message that can be forwarded or re-sent.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from desktop import practice, tempfiles

__all__ = ["make_eml", "mail_subject", "XLSX_TYPE"]

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

_POLICY = policy.default.clone(linesep="\r\n")
"""Headers folded and non-ASCII encoded as RFC 5322/2047/2231 ask, CRLF line ends as in mail."""


def mail_subject(office_name: str, sequence: int) -> str:
    """``地理标志台账数据包 行唐县 第3号``."""
    return f"地理标志台账数据包 {office_name} 第{sequence}号"


def make_eml(packet_path: Path | str, to: str, office_name: str, sequence: int, *,
             period: str | None = None, target: Path | str | None = None,
             not_for_reporting: str | None = None) -> Path:
    """Write the draft carrying ``packet_path`` to ``to``; returns the ``.eml`` path (beside the
    packet, same name, unless ``target`` is given). A packet of a demo or training database
    (``not_for_reporting``) is said to be one in the subject and first in the body."""
    packet = Path(packet_path)
    msg = EmailMessage(policy=_POLICY)
    msg["To"] = to.strip()
    msg["Subject"] = practice.cover_title(not_for_reporting, mail_subject(office_name, sequence))
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid()
    msg["X-Unsent"] = "1"  # Outlook: open as a draft with 发送 (Send) enabled
    period_text = f"（报送期间：{period}）" if period else ""
    warning = f"{practice.cover_banner(not_for_reporting)}\n\n" if not_for_reporting else ""
    msg.set_content(
        f"{warning}市局：\n\n"
        f"附件是{office_name}第{sequence}号地理标志工作台账数据包{period_text}，"
        f"文件名 {packet.name}，请查收并用地标台账导入。\n\n"
        "数据包由地标台账导出并签名，请勿在 Excel 中修改后再转发。\n"
        "如为首次报送，请电话与我局核对数据包封面上的签名公钥指纹。\n\n"
        f"{office_name}市场监督管理局\n",
        charset="utf-8")
    msg.add_attachment(packet.read_bytes(), maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                       filename=packet.name)  # the UTF-8 name as RFC 2231 says: filename*=utf-8''
    out = Path(target) if target is not None else packet.with_suffix(".eml")
    tempfiles.clean_partials_beside(out)
    partial = tempfiles.partial_path(out)
    try:
        partial.write_bytes(msg.as_bytes(policy=_POLICY))
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out
