"""Databases that are not real ledgers (demo and training) and the mark on what they send.

A *demo* database holds invented records (``giledger demo``, setting ``demo``); a *training*
database is one made for practice (``giledger init --training``, setting ``training``). Neither
may reach a real ledger:

- every packet such a database writes (county, receipt, restore, reference) carries
  ``not_for_reporting`` (``demo`` or ``training``) in its machine part, which the signature
  covers: removing it breaks the signature. Its cover says so in Chinese (:func:`cover_banner`);
- the export says so (:func:`export_warning`);
- a real database refuses such a packet (:func:`import_refusal`); a demo or training database
  takes it, and takes real packets too.

Packets written before this mark existed carry no key and read as real, as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from db import audit, meta
from db.connection import now_utc, transaction

__all__ = ["DEMO", "TRAINING", "DEMO_SETTING", "TRAINING_SETTING", "PACKET_KEY",
           "database_practice", "mark_training", "packet_practice", "cover_title", "cover_banner",
           "export_warning", "import_refusal"]

log = logging.getLogger(__name__)

DEMO, TRAINING = "demo", "training"
DEMO_SETTING = "demo"
"""Set by :func:`desktop.demo.generate_demo` (to the demo's size)."""
TRAINING_SETTING = "training"
"""Set by :func:`mark_training` (to when)."""
PACKET_KEY = "not_for_reporting"
"""The machine-part key of a packet written by a demo or training database."""

_WORD = {DEMO: ("演示数据", "demo data"), TRAINING: ("培训数据", "training data")}
_DATABASE = {DEMO: ("演示数据库", "a demo database"), TRAINING: ("培训数据库", "a training database")}


def database_practice(db: sqlite_utils.Database) -> str | None:
    """``demo`` or ``training`` for a database that is not a real ledger; None for a real one."""
    if meta.get_setting(db, DEMO_SETTING):
        return DEMO
    if meta.get_setting(db, TRAINING_SETTING):
        return TRAINING
    return None


def mark_training(db: sqlite_utils.Database, *, clerk: str | None = None) -> None:
    """Make this database a training database (for ``giledger init --training``): its packets
    are marked as training data, and it takes demo and training packets. Audited."""
    at = now_utc()
    office = meta.self_office(db)
    with transaction(db):
        meta.set_setting(db, TRAINING_SETTING, at)
        audit.append(db, at=at, actor=clerk or meta.get_setting(db, "clerk") or "clerk", os_user=None,
                     office_code=office.code if office else None, action="training",
                     after={TRAINING_SETTING: at})
    log.info("database marked as a training database")


def packet_practice(packet_meta: Mapping[str, Any]) -> str | None:
    """``demo`` or ``training`` for a packet written by such a database, None for a real one.
    A mark this version does not know reads as demo (never as real)."""
    value = packet_meta.get(PACKET_KEY)
    if value in (None, "", False):
        return None
    return TRAINING if value == TRAINING else DEMO


def cover_title(mark: str | None, title: str) -> str:
    """The cover's title, with ``【演示数据】`` (or ``【培训数据】``) in front for a marked packet."""
    return f"【{_WORD[mark][0]}】{title}" if mark else title


def cover_banner(mark: str) -> str:
    """The line under the cover's title of a marked packet (Chinese: the cover is Chinese)."""
    word, _en = _WORD[mark]
    source = _DATABASE[mark][0]
    return (f"{word}：本数据包由{source}导出，内容仅供演示和培训，不是真实台账，"
            "不得用于报送、统计，也不能合并到真实台账中。")


def export_warning(mark: str) -> tuple[str, str]:
    """What an export of a demo or training database says (Chinese, English)."""
    word, word_en = _WORD[mark]
    source, source_en = _DATABASE[mark]
    return (f"本数据库是{source}，导出的数据包已标为“{word}”（封面和签名的校验部分都有此标记），"
            "不得用于报送；真实台账的数据库会拒绝导入",
            f"this is {source_en}: the packet is marked as {word_en} (on its cover and in its signed "
            "machine part) and must not be used for reporting; a real ledger refuses to import it")


def import_refusal(db: sqlite_utils.Database, packet_meta: Mapping[str, Any]) -> tuple[str, str] | None:
    """Why this database refuses a packet as demo or training data (Chinese, English); None if it
    takes it (a real packet, or a demo or training database)."""
    mark = packet_practice(packet_meta)
    if mark is None or database_practice(db) is not None:
        return None
    word, word_en = _WORD[mark]
    source, source_en = _DATABASE[mark]
    return (f"这是{word}包：它由{source}导出，里面的记录是演示或培训用的，不是真实台账。"
            f"本数据库是真实台账，不能导入{word}。{word}包只能导入演示数据库或培训数据库"
            "（giledger init --training 新建）",
            f"this packet holds {word_en}: it was exported from {source_en}, and its records are "
            f"for demonstration or training, not a real ledger. This database is a real ledger "
            f"and does not take {word_en}; such packets can be imported only into a demo or "
            "training database (made with giledger init --training)")
