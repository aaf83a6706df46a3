"""desktop.messages: a message in two languages, printed whole, shown in one."""

from __future__ import annotations

import copy
import json
import pickle

from desktop.messages import Text, pick
from desktop.packets.reader import PacketRefused


def test_a_text_is_both_languages_as_a_string_and_each_apart() -> None:
    t = Text("已合并", "merged")
    assert t == "已合并 / merged" and t.startswith("已合并")
    assert json.dumps(t, ensure_ascii=False) == '"已合并 / merged"'
    assert (t.zh, t.en) == ("已合并", "merged")
    assert pick(t, "zh") == "已合并" and pick(t, "en") == "merged"
    for again in (copy.deepcopy(t), pickle.loads(pickle.dumps(t))):
        assert (again.zh, again.en) == (t.zh, t.en)
    joined = Text.join([t, Text("无需导入", "nothing to do")])
    assert (joined.zh, joined.en) == ("已合并；无需导入", "merged; nothing to do")


def test_pick_takes_apart_what_the_core_says_in_two_languages() -> None:
    refused = PacketRefused("找不到文件：/数据/行唐县.xlsx", "no such file: /数据/行唐县.xlsx")
    assert pick(refused, "en") == "no such file: /数据/行唐县.xlsx"  # Chinese data stays
    assert pick(refused, "zh") == "找不到文件：/数据/行唐县.xlsx"
    assert pick(Exception("记录已被他人修改\nthe record was changed meanwhile"), "en") == \
        "the record was changed meanwhile"
    stored = "首次收到 行唐县 的数据包 / first packet of 行唐县"  # a Text as the packet log kept it
    assert pick(stored, "en") == "first packet of 行唐县" and pick(stored, "zh") == "首次收到 行唐县 的数据包"
    assert pick("plain text / no Chinese", "zh") == "plain text / no Chinese"
    assert pick(type("Finding", (), {"message_zh": "错", "message_en": "wrong"})(), "en") == "wrong"
