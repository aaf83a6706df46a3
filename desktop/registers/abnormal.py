"""Register 3e: the list of users with abnormal mark use (专用标志使用异常名录)."""

from __future__ import annotations

from desktop.fields import Field, Kind, choices
from desktop.fields import FieldType as T
from desktop.registers import mark_user, rules

FIELDS: tuple[Field, ...] = (
    Field("mark_user_id", "用标主体", "mark user", T.REF, required=True, ref="mark-user", width=20,
          help_zh="列入名录的用标主体编号，如：U-130125-000001",
          help_en="the listed mark user's id, e.g. U-130125-000001"),
    Field("reason", "列入原因", "reason", T.CHOICE, required=True, width=14, choices=choices(
        ("no_annual_report", "未按时报送年报", "no annual report", "未报年报"),
        ("nonstandard_label", "标示不规范", "non-standard labelling"),
        ("off_standard", "未按标准生产", "not produced to the standard"),
        ("unused_2y", "连续2年未使用", "mark unused for 2 years"),
        ("unreachable", "无法联系", "cannot be contacted"),
    ), help_zh="单选；连续2年未使用指连续两个年度未使用专用标志",
          help_en="one choice; 'unused for 2 years' means two years in a row without the mark"),
    Field("listed_date", "列入日期", "date listed", T.DATE, required=True,
          help_zh="作出列入决定的日期，公历，如：2024年5月1日",
          help_en="the date of the listing decision, e.g. 2024-05-01"),
    Field("deciding_office", "作出决定机关", "deciding office", max_length=100, width=20,
          help_zh="作出列入决定的机关全称，如：行唐县市场监督管理局",
          help_en="the full name of the deciding office, e.g. 行唐县市场监督管理局"),
    Field("document_no", "决定文号", "decision number", max_length=60,
          help_zh="列入决定书的文号，如：行市监〔2024〕12号",
          help_en="the reference number of the decision, e.g. 行市监〔2024〕12号"),
    Field("deadline", "整改期限", "deadline", T.DATE,
          help_zh="责令整改的期限，须晚于列入日期",
          help_en="the deadline to put things right; after the listing date"),
    Field("removal_date", "移出日期", "date removed", T.DATE,
          help_zh="移出名录的日期，公历；尚未移出的不填",
          help_en="the date removed from the list; empty while still listed"),
    Field("removal_reason", "移出原因", "reason for removal", max_length=200, width=20,
          help_zh="移出的原因，如：已补报年报；填了移出日期的必填",
          help_en="why it was removed, e.g. the report was filed; required with a removal date"),
    Field("removal_doc_no", "移出决定文号", "removal decision number", max_length=60,
          help_zh="移出决定书的文号；没有的不填",
          help_en="the reference number of the removal decision; empty when there is none"),
    Field("prior_status", "列入前状态", "status before listing", T.CHOICE, choices=mark_user.STATUS,
          width=8, help_zh="列入名录前用标主体的状态，移出时恢复为此状态；由系统在列入时填写",
          help_en="the user's status before the listing, restored on removal; set when listed"),
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
