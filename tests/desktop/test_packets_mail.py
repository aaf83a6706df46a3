"""The e-mail draft of a packet: parsed back, it is addressed, titled and carries the packet."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from desktop.packets.mail import XLSX_TYPE, make_eml


def test_the_draft_carries_the_packet_to_the_city(tmp_path: Path) -> None:
    packet = tmp_path / "130125_行唐县_数据包_0003_20261121.xlsx"
    packet.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    eml = make_eml(packet, "sjz-scjg@example.cn", "行唐县", 3, period="2026年11月")
    assert eml == packet.with_suffix(".eml")
    raw = eml.read_bytes()
    assert b"\r\n" in raw and raw.isascii()  # a mail file: CRLF, every header encoded
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "sjz-scjg@example.cn"
    assert msg["Subject"] == "地理标志台账数据包 行唐县 第3号"
    assert msg["X-Unsent"] == "1"
    assert msg["Date"]
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "行唐县第3号" in text and packet.name in text and "2026年11月" in text
    attachments = list(msg.iter_attachments())
    assert len(attachments) == 1
    part = attachments[0]
    assert part.get_filename() == packet.name
    assert part.get_content_type() == "/".join(XLSX_TYPE)
    assert part.get_content_disposition() == "attachment"
    assert part.get_payload(decode=True) == packet.read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_the_draft_can_go_elsewhere_and_is_replaced(tmp_path: Path) -> None:
    packet = tmp_path / "p.xlsx"
    packet.write_bytes(b"PK first")
    target = tmp_path / "out" / "mail.eml"
    target.parent.mkdir()
    make_eml(packet, "a@b.cn", "行唐县", 1, target=target)
    packet.write_bytes(b"PK second")
    assert make_eml(packet, " a@b.cn ", "行唐县", 2, target=target) == target
    msg = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert msg["To"] == "a@b.cn"
    assert msg["Subject"].endswith("第2号")
    assert next(msg.iter_attachments()).get_payload(decode=True) == b"PK second"
