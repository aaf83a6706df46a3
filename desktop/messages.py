"""Messages in two languages, kept apart so that the window can show one.

A :class:`Text` is the message in Chinese and in English. It *is* also a string, the two joined
(``中文 / English``): the command line, the logs and the packet log print it as it is, in both
languages, and code that treats messages as plain text keeps working. The window shows
``text.zh`` or ``text.en`` (:func:`pick`).

Core exceptions follow the older convention ``中文\\nEnglish`` (``PacketRefused``, ``NotOwner``),
and a Text stored as text (the packet log, a receipt's reasons) is ``中文 / English``:
:func:`pick` takes those apart too.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Text", "pick", "shorten", "SEPARATOR", "SHOWN_CHARACTERS"]

SEPARATOR = " / "
"""Between the Chinese and the English of a :class:`Text` printed whole."""

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


class Text(str):
    """A message in Chinese (``zh``) and English (``en``); as a string, both joined."""

    __slots__ = ("en", "zh")
    zh: str
    en: str

    def __new__(cls, zh: str, en: str) -> Text:
        self = super().__new__(cls, f"{zh}{SEPARATOR}{en}" if en else zh)
        self.zh, self.en = str(zh), str(en or zh)
        return self

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:  # copy and pickle keep both languages
        return Text, (self.zh, self.en)

    def __repr__(self) -> str:
        return f"Text({self.zh!r}, {self.en!r})"

    def in_language(self, lang: str | None) -> str:
        """The message in ``lang`` (``zh``, ``en``), or both joined for None."""
        return self.en if lang == "en" else self.zh if lang == "zh" else str(self)

    @classmethod
    def join(cls, parts: list[Text], zh_sep: str = "；", en_sep: str = "; ") -> Text:  # type: ignore[override]  # per language, not str.join
        """Several messages as one, each language joined with its own separator."""
        return cls(zh_sep.join(p.zh for p in parts), en_sep.join(p.en for p in parts))


def pick(message: object, lang: str) -> str:
    """``message`` in ``lang`` only: a :class:`Text`; an object with ``zh``/``en`` or
    ``message_zh``/``message_en`` (exceptions, findings); a ``中文\\nEnglish`` string or
    exception. Anything else as it is."""
    if isinstance(message, Text):
        return message.in_language(lang)
    for zh, en in (("zh", "en"), ("message_zh", "message_en")):
        zh_text, en_text = getattr(message, zh, None), getattr(message, en, None)
        if isinstance(zh_text, str) and isinstance(en_text, str):
            return en_text if lang == "en" else zh_text
    text = str(message)
    if isinstance(message, KeyError):  # str() of a KeyError quotes its message
        text = text.strip("'\"")
    for separator in ("\n", SEPARATOR):  # as exceptions say it; as a Text was stored (logs, receipts)
        first, found, rest = text.partition(separator)
        if found and len(_CJK.findall(rest)) < len(_CJK.findall(first)):  # data may be Chinese
            return rest if lang == "en" else first
    return text


SHOWN_CHARACTERS = 80
"""How much of a value a message quotes (a cell can hold 32,767 characters)."""


def shorten(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """``value`` as text for a message: as it is if short, else its first ``limit`` characters,
    an ellipsis and its length (``前80字……（共 100000 字 / 100000 characters）``)."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text)} 字 / {len(text)} characters）"
