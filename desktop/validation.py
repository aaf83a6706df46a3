"""Checks for the identifiers and values clerks type: USCC, division codes, phones, dates, text.

Each checker returns ``None`` when the value is fine, or a short reason as a
:class:`Reason` (Chinese and English), so the caller can name the field.
Nothing here knows about records or the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import mul

__all__ = [
    "Reason",
    "USCC_ALPHABET",
    "uscc_check_char",
    "phone_as_written",
    "check_uscc",
    "check_division_code",
    "check_phone",
    "check_text",
    "USCC_ENTITY_KINDS",
    "uscc_entity_kind",
]

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100-2015 (no I, O, S, V, Z); a character's value is its index."""

_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_VALUES = {c: n for n, c in enumerate(USCC_ALPHABET)}
_USCC_AUTHORITIES = frozenset("123456789ANY")
_USCC_RE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{18}$")
# First two digits of GB/T 2260 province-level codes (positions 3-4 of a USCC).
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82".split())

USCC_ENTITY_KINDS: dict[str, tuple[str, str]] = {
    "11": ("机关", "government body"),
    "12": ("事业单位", "public institution"),
    "13": ("编办管理的群众团体", "mass organisation"),
    "19": ("其他机构编制单位", "other establishment unit"),
    "51": ("社会团体", "social organisation"),
    "52": ("民办非企业单位", "private non-enterprise unit"),
    "53": ("基金会", "foundation"),
    "59": ("其他民政登记单位", "other civil-affairs registrant"),
    "91": ("企业", "enterprise"),
    "92": ("个体工商户", "individual business"),
    "93": ("农民专业合作社", "farmers' cooperative"),
}
"""Positions 1-2 of a USCC (registering authority + entity kind, GB 32100-2015) and what
they stand for; other authorities (外交, 司法, 文化, 宗教, 工会 ...) are not listed."""

# re.ASCII: \d would otherwise also match full-width and other Unicode digits.
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
# Area code 0 + 2-3 digits, then 7-8 digits; an optional extension after - or 转.
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?[1-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?$", re.ASCII)
# Control characters other than tab and newline break spreadsheets (openpyxl refuses them).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
"""Characters a spreadsheet cell cannot hold: C0 controls but tab/newline, DEL, the XML
non-characters U+FFFE/U+FFFF and lone surrogates."""
REFUSED_CHARACTERS = _CONTROL_RE
"""The pattern :func:`check_text` refuses (for fast paths that must refuse the same)."""


@dataclass(frozen=True)
class Reason:
    """Why a value was refused, in both UI languages."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters of a USCC."""
    if len(first17) != 17:
        raise ValueError(f"a USCC's check character is computed from 17 characters, not {len(first17)}")
    try:
        total = sum(map(mul, map(_USCC_VALUES.__getitem__, first17), _USCC_WEIGHTS))
    except KeyError as e:
        raise ValueError(f"not a USCC character: {e.args[0]!r}") from None
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(value: str) -> Reason | None:
    """Check a unified social credit code (统一社会信用代码) against GB 32100-2015."""
    if len(value) != 18:
        return Reason(f"应为18位，实际{len(value)}位", f"must be 18 characters, got {len(value)}")
    if not _USCC_RE.match(value):
        bad = next(c for c in value if c not in USCC_ALPHABET)
        return Reason(
            f"含有不允许的字符“{bad}”（不使用I、O、S、V、Z和小写字母）",
            f"contains the character {bad!r}, which is not allowed (no I, O, S, V, Z or lower case)",
        )
    if value[0] not in _USCC_AUTHORITIES:
        return Reason(
            f"第1位登记管理部门代码“{value[0]}”无效",
            f"registering authority {value[0]!r} in position 1 is not valid",
        )
    region = value[2:8]
    if not region.isdigit() or region[:2] not in PROVINCE_PREFIXES:
        return Reason(
            f"第3-8位应为登记机关的行政区划代码，“{region}”无效",
            f"positions 3-8 must be the registering office's division code; {region!r} is not",
        )
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        return Reason(
            f"校验码错误：第18位应为“{expected}”",
            f"check character is wrong: position 18 should be {expected!r}",
        )
    return None


def uscc_entity_kind(value: str) -> tuple[str, str] | None:
    """``(zh, en)`` of the entity kind in positions 1-2 of a USCC, None if not listed."""
    return USCC_ENTITY_KINDS.get(value[:2])


def check_division_code(value: str) -> Reason | None:
    """Check the shape of a 6-digit division code (GB/T 2260 or a statistics unit).

    Whether the code exists is :mod:`desktop.divisions`' business; this only checks form.
    """
    if not re.fullmatch(r"\d{6}", value, re.ASCII):
        return Reason("应为6位数字", "must be 6 digits")
    if value[:2] not in PROVINCE_PREFIXES:
        return Reason("省级代码无效", "the province part is not valid")
    return None


_PLAIN_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?[1-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?", re.ASCII)


def phone_as_written(value: str) -> bool:
    """Whether :func:`check_phone` takes ``value`` as it is written: a mobile or landline number
    with nothing to normalise first (spaces, brackets, +86). A fast test for many values; False
    says only that :func:`check_phone` must look."""
    return _PLAIN_PHONE.fullmatch(value) is not None


def check_phone(value: str) -> Reason | None:
    """Check a mobile number (1[3-9] + 9 digits) or a landline with area code."""
    compact = value.replace(" ", "").replace("（", "(").replace("）", ")")
    compact = re.sub(r"^\((0\d{2,3})\)", r"\1-", compact)
    if compact.startswith("+86"):
        compact = compact[3:].lstrip("-")
    if _MOBILE_RE.match(compact) or _LANDLINE_RE.match(compact):
        return None
    return Reason(
        "不是有效的手机号（11位，1开头）或座机号（区号+7-8位号码）",
        "not a valid mobile (11 digits starting with 1) or landline (area code + 7-8 digits)",
    )


def check_text(value: str, max_length: int) -> Reason | None:
    """Refuse control characters and text longer than ``max_length`` characters."""
    m = _CONTROL_RE.search(value)
    if m:
        return Reason(
            f"第{m.start() + 1}个字符是不可见的控制字符（U+{ord(m.group()):04X}），请删除",
            f"character {m.start() + 1} is an invisible control character "
            f"(U+{ord(m.group()):04X}); remove it",
        )
    length = utf16_length(value)
    if length > max_length:
        return Reason(
            f"最多{max_length}个字符，实际{length}个",
            f"at most {max_length} characters, got {length}",
        )
    return None


def utf16_length(value: str) -> int:
    """Length as Excel counts it (UTF-16 units: a character outside the BMP counts 2)."""
    return len(value) + sum(1 for ch in value if ord(ch) > 0xFFFF)


def check_not_future(value: date, today: date) -> Reason | None:
    """Refuse a date after ``today``."""
    if value > today:
        return Reason(
            f"不能晚于今天（{today.isoformat()}）", f"cannot be after today ({today.isoformat()})"
        )
    return None
