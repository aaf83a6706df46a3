"""Register 3e: the list of users with abnormal mark use (专用标志使用异常名录)."""

from __future__ import annotations

from desktop.fields import Field, Kind, choices
from desktop.fields import FieldType as T
from desktop.registers import rules

FIELDS: tuple[Field, ...] = (
    Field("mark_user_id", "用标主体", "mark user", T.REF, required=True, ref="mark-user", width=20),
    Field("reason", "列入原因", "reason", T.CHOICE, required=True, width=14, choices=choices(
        ("no_annual_report", "未按时报送年报", "no annual report"),
        ("nonstandard_label", "标示不规范", "non-standard labelling"),
        ("off_standard", "未按标准生产", "not produced to the standard"),
        ("unused_2y", "连续2年未使用", "mark unused for 2 years"),
        ("unreachable", "无法联系", "cannot be contacted"),
    )),
    Field("listed_date", "列入日期", "date listed", T.DATE, required=True),
    Field("deciding_office", "作出决定机关", "deciding office", max_length=100, width=20),
    Field("document_no", "决定文号", "decision number", max_length=60),
    Field("deadline", "整改期限", "deadline", T.DATE),
    Field("removal_date", "移出日期", "date removed", T.DATE),
    Field("removal_reason", "移出原因", "reason for removal", max_length=200, width=20),
)

KIND = Kind(
    key="abnormal", table="abnormal_entries", prefix="B", zh="异常名录", en="abnormal-list entry",
    fields=FIELDS, title_field="reason",
    rules=(
        rules.not_future(FIELDS, "listed_date", "removal_date"),
        rules.on_or_after(FIELDS, "deadline", "listed_date", strict=True),
        rules.on_or_after(FIELDS, "removal_date", "listed_date"),
        rules.required_when(FIELDS, "removal_reason", lambda v: v.get("removal_date") is not None,
                            "填写移出日期", "a removal date is given"),
    ),
)
