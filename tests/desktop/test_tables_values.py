"""Values as offices type them (desktop.tables.values)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.fields import FieldError
from desktop.registers import REGISTRY
from desktop.tables.values import read_value

MARK_USER = REGISTRY["mark-user"]
RESOURCE = REGISTRY["resource"]


@pytest.mark.parametrize("raw", ["2021-05-03", "2021/5/3", "2021.5.3", "2021年5月3日", "20210503", 44319,
                                 44319.0, date(2021, 5, 3), datetime(2021, 5, 3), "2021-05-03 00:00:00", "'2021-05-03"])
def test_dates_in_every_usual_form(raw: object) -> None:
    assert read_value(MARK_USER.field("approval_date"), raw) == date(2021, 5, 3)


def test_a_date_with_a_time_or_nonsense_is_refused() -> None:
    with pytest.raises(FieldError):
        read_value(MARK_USER.field("approval_date"), 44319.5)
    with pytest.raises(FieldError):
        read_value(MARK_USER.field("approval_date"), "2021-13-40")


@pytest.mark.parametrize("raw", [9.14403001922038e17, "9.14403001922038E+17", 914403001922038000])
def test_a_uscc_that_went_through_excel_as_a_number_is_refused(raw: object) -> None:
    with pytest.raises(FieldError) as info:
        read_value(MARK_USER.field("uscc"), raw)
    assert "15位有效数字" in info.value.message_zh and "15 significant digits" in info.value.message_en


def test_registration_numbers_and_phones_as_numbers() -> None:
    assert read_value(MARK_USER.field("phone"), 13800138000.0) == "13800138000"
    assert read_value(MARK_USER.field("tm_registration_no"), 12345678) == "12345678"
    with pytest.raises(FieldError):
        read_value(MARK_USER.field("tm_registration_no"), 1.2345678901234567e20)
    with pytest.raises(FieldError):
        read_value(MARK_USER.field("tm_registration_no"), "1.2E+19")


@pytest.mark.parametrize(("raw", "expected"), [("是", True), ("否", False), ("√", True), ("×", False),
                                               ("Y", True), ("n", False), ("有", True), ("无", False)])
def test_yes_and_no(raw: str, expected: bool) -> None:
    assert read_value(RESOURCE.field("authentic"), raw) is expected


def test_lists_numbers_apostrophes_and_codes() -> None:
    assert read_value(RESOURCE.field("towns"), "龙州镇、南桥镇；上碑镇,口头镇，只里乡\n独羊岗乡") == [
        "龙州镇", "南桥镇", "上碑镇", "口头镇", "只里乡", "独羊岗乡"]
    assert read_value(RESOURCE.field("output_t"), "1,234.5") == 1234.5
    assert read_value(RESOURCE.field("households"), "12，000") == 12000
    assert read_value(MARK_USER.field("name"), "'=行唐公司") == "=行唐公司"
    assert read_value(MARK_USER.field("status"), "已核准") == "approved"
    assert read_value(MARK_USER.field("status"), "approved") == "approved"
    assert read_value(MARK_USER.field("status"), "正常", {"正常": "approved"}) == "approved"
    assert read_value(MARK_USER.field("status"), "正常", {"正常": "已核准"}) == "approved"
    with pytest.raises(FieldError):
        read_value(MARK_USER.field("status"), "正常")
    assert read_value(REGISTRY["annual-report"].field("year"), "2024年") == 2024
    assert read_value(MARK_USER.field("name"), None) is None and read_value(MARK_USER.field("name"), " ") is None
