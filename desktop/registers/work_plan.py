"""Work plans (工作计划/分工方案), their tasks, and the units' progress on them.

The seeds are numbered work plans whose tasks go to units with a responsible office and a
deadline (石家庄's 12 points, 焦作's 分工方案 table, 许昌's ``（责任单位：…）``), and they ask
that progress be reported back. A plan and its tasks are the city's records and travel down
in the reference packet; a progress report is the unit's own record (it refers to the city's
task) and travels up in the unit's next packet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop.fields import Field, FieldError, Kind, RuleContext, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.city_units import CHILD_LEVELS, PARENT_LEVELS
from desktop.validation import Reason

PLAN_FIELDS: tuple[Field, ...] = (
    Field("name", "计划名称", "plan name", required=True, max_length=120, width=30,
          help_zh="工作计划或分工方案的全称，如：2024年全市商标、地理标志高质量发展工作计划",
          help_en="the plan's full title"),
    Field("year", "年度", "year", T.YEAR, required=True, width=6,
          help_zh="计划所属年度，如：2024", help_en="the plan's year, e.g. 2024"),
    Field("document_no", "文号", "document number", max_length=60, width=16,
          help_zh="印发文件的文号，如：石市监函〔2024〕15号",
          help_en="the reference number of the issuing document"),
    Field("issued_date", "印发日期", "issued", T.DATE,
          help_zh="印发日期，公历，如：2024年3月1日", help_en="the date it was issued"),
    Field("note", "备注", "note", max_length=200, width=16, help_zh="其他说明", help_en="other notes"),
)

PLAN = Kind(
    key="work-plan", table="work_plans", prefix="W", zh="工作计划", en="work plan",
    fields=PLAN_FIELDS, title_field="name",
    rules=(rules.not_future(PLAN_FIELDS, "issued_date"),),
    unique=(("name", "year"),), written_by=PARENT_LEVELS,
)


def _unit_codes(values: dict[str, Any], ctx: RuleContext) -> Iterable[FieldError]:
    """Every responsible unit is a 6-digit code."""
    bad = [c for c in values.get("units") or [] if not (len(c) == 6 and c.isdigit())]
    if bad:
        f = TASK.field("units")
        yield FieldError.of(f, Reason(f"责任单位应为6位单位代码，不是：{'、'.join(bad[:5])}",
                                      f"responsible units are 6-digit unit codes, not: {', '.join(bad[:5])}"))


TASK_FIELDS: tuple[Field, ...] = (
    Field("plan_id", "工作计划", "work plan", T.REF, required=True, ref="work-plan", width=24,
          help_zh="任务所属的工作计划", help_en="the plan this task belongs to"),
    Field("number", "序号", "number", required=True, max_length=20, width=6,
          help_zh="任务在计划中的序号，如：7、（三）2", help_en="the task's number in the plan, e.g. 7"),
    Field("section", "所属部分", "section", max_length=100, width=20,
          help_zh="任务所在的部分标题，如：三、深入实施地理标志运用促进工程",
          help_en="the heading of the plan's part the task is in"),
    Field("text", "工作任务", "task", T.LONGTEXT, required=True, width=40,
          help_zh="任务内容，照文件原文填写", help_en="the task as the plan words it"),
    Field("units", "责任单位（县）", "responsible units", T.LIST, width=16,
          help_zh="承担任务的县（市、区）单位代码，多个用“、”分隔；不填为全部县（市、区）",
          help_en="unit codes of the counties responsible, separated by 、; empty: every county"),
    Field("departments", "牵头科室", "lead department", max_length=100, width=16,
          help_zh="市局负责的科室或单位，如：知识产权科", help_en="the city bureau's department in charge"),
    Field("deadline", "完成时限", "deadline", T.DATE,
          help_zh="完成时限，公历，如：2024年12月31日", help_en="the date the task is due"),
    Field("note", "备注", "note", max_length=200, width=16, help_zh="其他说明", help_en="other notes"),
)

TASK = Kind(
    key="task", table="plan_tasks", prefix="T", zh="工作任务", en="work-plan task",
    fields=TASK_FIELDS, title_field="text", rules=(_unit_codes,),
    unique=(("plan_id", "number"),), written_by=PARENT_LEVELS,
)

PROGRESS_STATUSES = choices(
    ("not_started", "未开始", "not started"),
    ("in_progress", "进行中", "in progress"),
    ("done", "已完成", "done", "完成"),
    ("difficulty", "有困难", "in difficulty", "困难"),
)

PROGRESS_FIELDS: tuple[Field, ...] = (
    Field("task_id", "工作任务", "task", T.REF, required=True, ref="task", width=30,
          help_zh="上级下达的工作任务", help_en="the task from the parent office"),
    Field("status", "进展状态", "status", T.CHOICE, required=True, choices=PROGRESS_STATUSES, width=8,
          help_zh="单选：未开始、进行中、已完成、有困难",
          help_en="one of: not started, in progress, done, in difficulty"),
    Field("report_date", "报告日期", "reported on", T.DATE, required=True,
          help_zh="本次进展的日期，公历，如：2024年6月30日", help_en="the date of this report"),
    Field("text", "进展情况", "progress", T.LONGTEXT, width=40,
          help_zh="工作进展、存在的困难和问题", help_en="what was done, and any difficulty"),
    Field("attachments", "附件名称", "attachments", T.LIST, width=16,
          help_zh="随邮件报送的附件文件名，多个用“、”分隔",
          help_en="file names of the attachments sent by mail, separated by 、"),
)

PROGRESS = Kind(
    key="progress", table="task_progress", prefix="J", zh="任务进展", en="task progress",
    fields=PROGRESS_FIELDS, title_field="status",
    rules=(
        rules.not_future(PROGRESS_FIELDS, "report_date"),
        rules.required_when(PROGRESS_FIELDS, "text", lambda v: v.get("status") == "difficulty",
                            "状态为“有困难”", "the status is 'in difficulty'"),
    ),
    written_by=CHILD_LEVELS,
)
