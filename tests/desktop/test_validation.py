"""Single-value rules: desktop.validation (USCC, phones, division codes, text) and
Field.coerce for every field type (dates, numbers, booleans, choices, lists)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import validation
from desktop.fields import LONGTEXT_MAX, TEXT_MAX, Field, FieldError, choices
from desktop.fields import FieldType as T
from desktop.registers import resource
from desktop.validation import (
    PROVINCE_PREFIXES,
    USCC_ALPHABET,
    Reason,
    check_division_code,
    check_phone,
    check_text,
    check_uscc,
    uscc_check_char,
)

PUBLIC_USCC = ("914403001922038216", "91440300708461136T")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def bilingual(reason: Reason | None) -> Reason:
    assert reason is not None, "expected a refusal"
    assert _CJK.search(reason.zh) and re.search(r"[A-Za-z]{2,}", reason.en)
    return reason


def refused(f: Field, value: object) -> FieldError:
    with pytest.raises(FieldError) as info:
        f.coerce(value)
    e = info.value
    assert e.field_key == f.key and e.zh_label == f.zh
    bilingual(e.reason)
    return e


def reference_check_char(first17: str) -> str:
    """GB 32100-2015 written out from the standard, independent of the code under test."""
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


# ---- USCC ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", PUBLIC_USCC)
def test_public_uscc_examples_pass(code: str) -> None:
    assert check_uscc(code) is None
    assert uscc_check_char(code[:17]) == code[17] == reference_check_char(code[:17])


def test_alphabet_has_31_characters_without_i_o_s_v_z() -> None:
    assert len(USCC_ALPHABET) == len(set(USCC_ALPHABET)) == 31
    assert not set("IOSVZ") & set(USCC_ALPHABET)


@pytest.mark.parametrize("code", PUBLIC_USCC)
def test_wrong_check_character_names_position_18(code: str) -> None:
    for wrong in (c for c in "0123456789ABCDEFGH" if c != code[17]):
        reason = bilingual(check_uscc(code[:17] + wrong))
        assert "第18位" in reason.zh and f"“{code[17]}”" in reason.zh
        assert "position 18" in reason.en


@pytest.mark.parametrize("bad", list("IOSVZ"))
def test_letters_outside_the_alphabet_are_refused(bad: str) -> None:
    code = PUBLIC_USCC[0]
    for position in (1, 9, 17):
        candidate = code[:position] + bad + code[position + 1:]
        reason = bilingual(check_uscc(candidate))
        assert f"“{bad}”" in reason.zh and repr(bad) in reason.en


@pytest.mark.parametrize("code", ["", "91440300192203821", "9144030019220382161", "9" * 30])
def test_wrong_length_is_refused(code: str) -> None:
    reason = bilingual(check_uscc(code))
    assert "18" in reason.zh and f"got {len(code)}" in reason.en


def test_lower_case_is_upper_cased_by_field_coerce() -> None:
    f = Field("uscc", "统一社会信用代码", "USCC", T.USCC)
    assert f.coerce("91440300708461136t") == "91440300708461136T"
    assert f.coerce("  91440300708461136t ") == "91440300708461136T"
    assert f.coerce("") is None


def test_lower_case_is_refused_by_the_checker_itself() -> None:
    reason = bilingual(check_uscc("91440300708461136t"))
    assert "小写" in reason.zh


def test_invalid_registering_authority() -> None:
    # B is a valid USCC character but not a registering authority (1-9, A, N, Y);
    # the check character is computed so that only position 1 is wrong.
    first17 = "B1440300708461136"
    reason = bilingual(check_uscc(first17 + uscc_check_char(first17)))
    assert "第1位" in reason.zh and "position 1" in reason.en


@pytest.mark.parametrize("region", ["990300", "004403", "44A300", "4403BC"])
def test_bad_division_part(region: str) -> None:
    first17 = f"91{region}708461136"
    reason = bilingual(check_uscc(first17 + uscc_check_char(first17)))
    assert "第3-8位" in reason.zh and "positions 3-8" in reason.en


def test_field_coerce_refuses_a_bad_uscc_naming_the_field() -> None:
    f = Field("applicant_uscc", "拟申请主体统一社会信用代码", "applicant USCC", T.USCC)
    e = refused(f, "914403001922038217")
    assert "applicant_uscc" in str(e) and "第18位" in e.message_zh


_usable_chars = st.sampled_from(USCC_ALPHABET)


@st.composite
def uscc_prefixes(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from("123456789ANY"))
    entity = draw(_usable_chars)
    province = draw(st.sampled_from(sorted(PROVINCE_PREFIXES)))
    rest_of_region = draw(st.text("0123456789", min_size=4, max_size=4))
    body = draw(st.text(USCC_ALPHABET, min_size=9, max_size=9))
    return authority + entity + province + rest_of_region + body


@given(prefix=uscc_prefixes(), other=_usable_chars)
def test_property_only_the_computed_check_character_passes(prefix: str, other: str) -> None:
    assert len(prefix) == 17
    check = uscc_check_char(prefix)
    assert check == reference_check_char(prefix)
    assert check_uscc(prefix + check) is None
    if other != check:
        reason = check_uscc(prefix + other)
        assert reason is not None and "position 18" in reason.en


# ---- phones -------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "13800138000", "19912345678", "+86 138 0013 8000",
    "0311-87654321", "031187654321", "(0311)8765432", "（0311）87654321", "0311 8765432",
    "0311-87654321-123", "010-12345678", "0311-87654321转8",
])
def test_phones_accepted(phone: str) -> None:
    assert check_phone(phone) is None
    assert Field("phone", "联系电话", "phone", T.PHONE).coerce(phone) == phone


@pytest.mark.parametrize("phone", [
    "12800138000",      # mobile numbers start 13-19
    "1380013800",       # 10 digits
    "138001380001",     # 12 digits, not a landline either
    "0311-12345",       # too short
    "0311-0765432",     # local number cannot start with 0
    "87654321",         # no area code
    "tel 13800138000",
    "13８００１３８０００",  # full-width digits (an IME slip) would be stored as typed
    "0311-８７６５４３２１",
])
def test_phones_refused(phone: str) -> None:
    reason = bilingual(check_phone(phone))
    assert "手机号" in reason.zh and "mobile" in reason.en
    refused(Field("phone", "联系电话", "phone", T.PHONE), phone)


# ---- division codes -------------------------------------------------------------------

@pytest.mark.parametrize("code", ["130125", "130171", "110101", "820000"])
def test_division_code_shape_ok(code: str) -> None:
    assert check_division_code(code) is None


@pytest.mark.parametrize(("code", "word"), [
    ("13012", "6位"), ("1301250", "6位"), ("13012a", "6位"), ("1301 5", "6位"),
    ("990101", "省级"), ("000000", "省级"),
    ("１３０１２５", "6位"), ("13０１２５", "6位"),  # full-width digits are not digits here
])
def test_division_code_shape_refused(code: str, word: str) -> None:
    assert word in bilingual(check_division_code(code)).zh


def test_division_field_coerce() -> None:
    f = Field("county", "县区代码", "county code", T.DIVISION)
    assert f.coerce(" 130125 ") == "130125"
    refused(f, "13-125")


# ---- text -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "position", "codepoint"), [
    ("ab\x07c", 3, "0007"), ("\x00", 1, "0000"), ("行唐\x1b大枣", 3, "001B"), ("x\x7f", 2, "007F"),
])
def test_control_characters_refused_with_position(text: str, position: int, codepoint: str) -> None:
    reason = bilingual(check_text(text, 100))
    assert f"第{position}个字符" in reason.zh and f"U+{codepoint}" in reason.zh
    assert f"character {position}" in reason.en


def test_tab_and_newline_are_not_control_characters_for_long_text() -> None:
    f = Field("history", "历史渊源", "history", T.LONGTEXT)
    assert f.coerce("第一段\n\t第二段") == "第一段\n\t第二段"
    e = refused(Field("name", "名称", "name"), "一行\n两行")
    assert "换行" in e.reason.zh


def test_text_length_limits() -> None:
    short = Field("name", "产品名称", "product name", max_length=5)
    assert short.coerce("行唐大枣子") == "行唐大枣子"
    e = refused(short, "行唐大枣子啊")
    assert "最多5个字符" in e.reason.zh and "got 6" in e.reason.en

    default = Field("contact", "联系人", "contact")
    assert default.text_limit() == TEXT_MAX
    assert default.coerce("字" * TEXT_MAX) == "字" * TEXT_MAX
    refused(default, "字" * (TEXT_MAX + 1))

    long = Field("history", "历史渊源", "history", T.LONGTEXT)
    assert long.text_limit() == LONGTEXT_MAX < 32_767
    assert long.coerce("字" * LONGTEXT_MAX) is not None
    refused(long, "字" * (LONGTEXT_MAX + 1))


def test_text_is_trimmed_and_blank_is_empty() -> None:
    f = Field("name", "产品名称", "product name")
    assert f.coerce("  行唐大枣 ") == "行唐大枣"
    assert f.coerce("   ") is None
    assert f.coerce(None) is None
    assert f.coerce(12) == "12"


def test_list_items_are_checked_for_control_characters() -> None:
    f = Field("towns", "乡镇", "towns", T.LIST)
    refused(f, ["龙州镇", "南桥\x07镇"])


# ---- dates ----------------------------------------------------------------------------

DAY = Field("survey_date", "填报日期", "survey date", T.DATE)


@pytest.mark.parametrize("text", [
    "2024-05-01", "2024/5/1", "2024年5月1日", "2024年05月01日", "20240501", "2024.5.1",
    " 2024-5-01 ", date(2024, 5, 1), datetime(2024, 5, 1),
])
def test_dates_parse(text: object) -> None:
    value = DAY.coerce(text)
    assert value == date(2024, 5, 1) and type(value) is date


@pytest.mark.parametrize("text", [
    "2024-02-30", "2023-02-29", "20241301", "2024-5", "05/01/2024", "昨天", "2024-05-01 10:30",
])
def test_bad_dates_refused(text: str) -> None:
    e = refused(DAY, text)
    assert "2024-05-01" in e.reason.zh


def test_leap_day() -> None:
    assert DAY.coerce("2024-02-29") == date(2024, 2, 29)


def test_datetime_with_time_refused() -> None:
    e = refused(DAY, datetime(2024, 5, 1, 8, 30))
    assert "时间" in e.reason.zh and "without time" in e.reason.en


def test_dates_round_trip_through_storage() -> None:
    value = DAY.coerce("2024年5月1日")
    assert DAY.to_db(value) == "2024-05-01"
    assert DAY.from_db("2024-05-01") == value
    assert DAY.to_json(value) == "2024-05-01"


# ---- numbers --------------------------------------------------------------------------

def test_decimals_rounded_to_declared_places() -> None:
    two = Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL, minimum=0)
    assert two.coerce("12.3456") == 12.35
    assert two.coerce("1,234.5") == 1234.5
    assert two.coerce("1，234") == 1234.0
    assert two.coerce(7) == 7.0 and isinstance(two.coerce(7), float)
    one = Field("ratio_pct", "比例", "ratio", T.DECIMAL, decimals=1)
    assert one.coerce("33.333") == 33.3
    zero = Field("area", "面积", "area", T.DECIMAL, decimals=0)
    assert zero.coerce("99.6") == 100.0


def test_tiny_negative_rounds_to_plain_zero() -> None:
    f = Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL, minimum=0)
    value = f.coerce("-0.001")
    assert value == 0 and math.copysign(1, value) == 1


def test_negative_refused() -> None:
    f = Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL, minimum=0)
    e = refused(f, "-3")
    assert "不能为负数" in e.reason.zh and "negative" in e.reason.en
    e = refused(Field("households", "农户数", "households", T.INT, minimum=0), -1)
    assert "不能为负数" in e.reason.zh


def test_range_limits_other_than_zero() -> None:
    f = Field("nice_class", "尼斯类别", "Nice class", T.INT, minimum=1, maximum=45)
    assert f.coerce("45") == 45
    assert "不能小于1" in refused(f, "0").reason.zh
    assert "不能大于45" in refused(f, "46").reason.zh


@pytest.mark.parametrize("value", ["abc", "1.2.3", "nan", "inf", True])
def test_not_a_number_refused(value: object) -> None:
    refused(Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL), value)


def test_int_refuses_fractions() -> None:
    f = Field("enterprises", "从业企业数", "enterprises", T.INT, minimum=0)
    assert f.coerce("3") == 3 and f.coerce(3.0) == 3 and f.coerce(" 12 ") == 12
    assert type(f.coerce("3.0")) is int
    e = refused(f, 1.5)
    assert "整数" in e.reason.zh and "whole number" in e.reason.en
    refused(f, "1.5")


def test_year_field_is_an_int_with_bounds() -> None:
    f = resource.KIND.field("survey_date")  # sanity: a real field
    assert f.type is T.DATE
    year = Field("year", "年度", "year", T.YEAR, minimum=2000, maximum=2100)
    assert year.coerce("2025") == 2025
    refused(year, "1999")
    refused(year, "2025.5")


# ---- booleans ---------------------------------------------------------------------------

FLAG = Field("eu_china", "中欧地理标志互认互保", "EU-China list", T.BOOL)


@pytest.mark.parametrize("text", ["是", "yes", "YES", "Y", "1", "true", "True", "√", 1, True])
def test_bool_true(text: object) -> None:
    assert FLAG.coerce(text) is True


@pytest.mark.parametrize("text", ["否", "no", "No", "n", "0", "false", "×", 0, False])
def test_bool_false(text: object) -> None:
    assert FLAG.coerce(text) is False


@pytest.mark.parametrize("text", ["maybe", "2", "对", 2])
def test_bool_refused(text: object) -> None:
    e = refused(FLAG, text)
    assert "“是”或“否”" in e.reason.zh


def test_bool_storage() -> None:
    assert FLAG.to_db(True) == 1 and FLAG.to_db(False) == 0
    assert FLAG.from_db(1) is True and FLAG.from_db(0) is False
    assert FLAG.display(True) == "是" and FLAG.display(False, "en") == "no"


# ---- choices ---------------------------------------------------------------------------

TIER = Field("tier", "培育层级", "tier", T.CHOICE, choices=choices(
    ("discover", "挖掘", "discover"), ("cultivate", "培育", "cultivate"),
    ("protect", "保护", "protect")))


@pytest.mark.parametrize("text", ["cultivate", "CULTIVATE", "培育", " 培育 "])
def test_choice_by_code_or_label(text: str) -> None:
    assert TIER.coerce(text) == "cultivate"


def test_choice_by_english_label_differing_from_code() -> None:
    f = resource.KIND.field("attribute")
    assert f.coerce("grown or raised") == "grown"
    assert f.coerce("种植/养殖产品") == "grown"
    assert f.coerce("Made With A Local Process") == "crafted"


def test_unknown_choice_lists_the_chinese_labels() -> None:
    e = refused(TIER, "发展")
    assert "挖掘、培育、保护" in e.reason.zh
    assert "discover (挖掘)" in str(e) and "cultivate" in e.reason.en


def test_choice_display() -> None:
    assert TIER.display("protect") == "保护" and TIER.display("protect", "en") == "protect"


# ---- multi choices and lists -------------------------------------------------------------

PROTECTION = resource.KIND.field("protection")
TOWNS = resource.KIND.field("towns")


def test_multi_choices_deduplicated_and_in_declared_order() -> None:
    assert PROTECTION.coerce("申请中;证明商标、gi_product；证明商标") == [
        "gi_product", "certification_mark", "applying"]
    assert PROTECTION.coerce(["applying", "申请中", "application pending"]) == ["applying"]
    assert PROTECTION.coerce('["证明商标", "集体商标"]') == ["collective_mark", "certification_mark"]
    assert PROTECTION.coerce(" ; ") is None


def test_multi_refuses_unknown_item() -> None:
    e = refused(PROTECTION, "证明商标;驰名商标")
    assert "驰名商标" in e.reason.zh and "无、地理标志产品" in e.reason.zh


def test_multi_storage_is_json_of_codes() -> None:
    codes = PROTECTION.coerce("证明商标;申请中")
    assert PROTECTION.to_db(codes) == '["certification_mark", "applying"]'
    assert PROTECTION.from_db(PROTECTION.to_db(codes)) == codes
    assert PROTECTION.display(codes) == "证明商标、申请中"


def test_list_split_on_every_separator() -> None:
    assert TOWNS.coerce("龙州镇;南桥镇；上碑镇、口头镇\n只里乡") == [
        "龙州镇", "南桥镇", "上碑镇", "口头镇", "只里乡"]
    assert TOWNS.coerce(" 龙州镇 ;; 南桥镇 ;") == ["龙州镇", "南桥镇"]
    assert TOWNS.coerce("") is None and TOWNS.coerce([]) is None


def test_list_keeps_order_and_duplicates_as_typed() -> None:
    assert TOWNS.coerce("乙;甲") == ["乙", "甲"]


def test_list_accepts_json() -> None:
    assert TOWNS.coerce('["龙州镇", "南桥镇"]') == ["龙州镇", "南桥镇"]
    assert TOWNS.coerce(["龙州镇", " 南桥镇 ", ""]) == ["龙州镇", "南桥镇"]
    assert TOWNS.to_db(["龙州镇"]) == '["龙州镇"]'


def test_list_refuses_non_list() -> None:
    e = refused(TOWNS, 12)
    assert "列表" in e.reason.zh


# ---- the error object ----------------------------------------------------------------------

def test_field_error_messages() -> None:
    e = refused(Field("town_count", "涉及乡镇数", "number of towns", T.INT, minimum=0), "x")
    assert e.message_zh.startswith("涉及乡镇数：")
    assert e.message_en.startswith("number of towns: ")
    assert str(e).startswith("涉及乡镇数 (number of towns) [town_count]: ")


def test_not_future() -> None:
    today = date(2026, 11, 21)
    assert validation.check_not_future(today, today) is None
    reason = bilingual(validation.check_not_future(date(2026, 11, 22), today))
    assert "2026-11-21" in reason.zh and "after today" in reason.en


def test_a_phone_taken_as_written_is_one_check_phone_takes() -> None:
    """validation.phone_as_written (the column reader's quick test) never says yes to a value
    check_phone refuses, and says yes to the plain forms."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from desktop.validation import check_phone, phone_as_written

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet="0123456789-转ext. ()+８", max_size=20))
    def check(value: str) -> None:
        if phone_as_written(value):
            assert check_phone(value) is None, value

    for plain in ("13812345678", "0311-86521234", "031186521234", "0311-8652123-123", "010-12345678转8"):
        assert phone_as_written(plain) and check_phone(plain) is None, plain
    for other in ("138 1234 5678", "(0311)86521234", "+8613812345678", "１３８１２３４５６７８", "12345"):
        assert not phone_as_written(other), other
    check()
