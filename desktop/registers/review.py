"""Reviews (审核) of the units' records by the city, and the units' answers.

The city clerk marks a unit's record (or its statistics row) 已核, or returns it (退回) with
the reason. A review is the city's record; it names the record it is about by id (any
register), travels down in the reference packet (a unit receives only the reviews of its
own records) and shows beside the record until the unit answers. The answer is the unit's
record and travels up in its next packet. One writer per record stays true: the city writes
reviews, the unit writes its records and answers.
"""

from __future__ import annotations

from desktop.fields import Field, Kind, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.city_units import CHILD_LEVELS, PARENT_LEVELS

VERDICTS = choices(
    ("checked", "已核", "checked", "已审核", "通过"),
    ("returned", "退回", "returned", "退回修改"),
)

REVIEW_FIELDS: tuple[Field, ...] = (
    Field("record_id", "被审核记录", "record", required=True, max_length=40, width=18,
          points_to_record=True,
          help_zh="被审核的下级单位记录编号，如：U-130125-000001",
          help_en="the id of the unit's record reviewed, e.g. U-130125-000001"),
    Field("record_revision", "审核时版本", "revision reviewed", T.INT, minimum=1, width=6,
          help_zh="审核时该记录的版本号；记录此后修改的，提示重新审核",
          help_en="the record's revision when reviewed; a later change asks for a new review"),
    Field("verdict", "审核结果", "verdict", T.CHOICE, required=True, choices=VERDICTS, width=8,
          help_zh="单选：已核、退回", help_en="checked or returned"),
    Field("comment", "意见", "comment", T.LONGTEXT, width=30,
          help_zh="审核意见；退回的必须写明原因", help_en="the comment; a return must give the reason"),
    Field("review_date", "审核日期", "reviewed on", T.DATE, required=True,
          help_zh="审核日期，公历", help_en="the date of the review"),
    Field("reviewer", "审核人", "reviewer", max_length=40, width=8,
          help_zh="审核人姓名", help_en="who reviewed it"),
)

REVIEW = Kind(
    key="review", table="reviews", prefix="V", zh="审核意见", en="review",
    fields=REVIEW_FIELDS, title_field="verdict",
    rules=(
        rules.not_future(REVIEW_FIELDS, "review_date"),
        rules.required_when(REVIEW_FIELDS, "comment", lambda v: v.get("verdict") == "returned",
                            "退回", "the record is returned"),
    ),
    unique=(("record_id",),), written_by=PARENT_LEVELS,
)

ANSWER_FIELDS: tuple[Field, ...] = (
    Field("review_id", "审核意见", "review", T.REF, required=True, ref="review", width=18,
          help_zh="答复的上级审核意见", help_en="the review answered"),
    Field("review_revision", "意见版本", "review revision", T.INT, minimum=1, width=6,
          help_zh="答复的是第几版审核意见（上级再次退回的，需重新答复）",
          help_en="which revision of the review this answers (a new return needs a new answer)"),
    Field("answer", "答复", "answer", T.LONGTEXT, required=True, width=30,
          help_zh="对审核意见的答复，如：已按意见修改", help_en="the answer, e.g. corrected as asked"),
    Field("answer_date", "答复日期", "answered on", T.DATE, required=True,
          help_zh="答复日期，公历", help_en="the date of the answer"),
)

ANSWER = Kind(
    key="review-answer", table="review_answers", prefix="D", zh="审核答复", en="review answer",
    fields=ANSWER_FIELDS, title_field="answer",
    rules=(rules.not_future(ANSWER_FIELDS, "answer_date"),), written_by=CHILD_LEVELS,
)
