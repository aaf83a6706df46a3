"""Register 3d: inspections of mark users and random-inspection plans (双随机、一公开)."""

from __future__ import annotations

from typing import Any

from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

ITEM = choices(("pass", "合格", "pass"), ("fail", "不合格", "fail"), ("na", "不涉及", "not applicable"))
ITEMS = (
    ("item_area", "产地范围", "production area"),
    ("item_label", "标识规范", "labelling"),
    ("item_mark", "专用标志印制/使用", "printing and use of the mark"),
    ("item_material", "原料来源", "source of raw materials"),
    ("item_standard", "标准符合性", "conformity with the standard"),
    ("item_fake", "假冒/转让", "counterfeiting or transfer"),
)
RESULTS = choices(
    ("no_problem", "未发现问题", "no problem found"),
    ("rectify", "责令整改", "ordered to rectify"),
    ("case", "立案", "case opened"),
    ("unreachable", "无法联系", "cannot be contacted"),
    ("not_operating", "未开展相关经营", "not operating"),
)

FIELDS: tuple[Field, ...] = (
    Field("task_no", "任务编号", "task number", max_length=40),
    Field("mark_user_id", "检查对象", "inspected user", T.REF, required=True, ref="mark-user",
          width=20),
    Field("plan_id", "抽查计划", "inspection plan", T.REF, ref="plan"),
    Field("inspectors", "检查人员", "inspectors", T.LIST, required=True, width=16,
          help_zh="至少两人，用分号或顿号分隔"),
    Field("method", "检查方式", "method", T.CHOICE, required=True, choices=choices(
        ("onsite", "现场检查", "on site"), ("written", "书面检查", "in writing"),
        ("online", "网络检查", "online"),
    )),
    Field("inspection_date", "检查日期", "inspection date", T.DATE, required=True),
    *(Field(key, zh, en, T.CHOICE, choices=ITEM, width=8) for key, zh, en in ITEMS),
    Field("findings", "检查发现", "findings", T.LONGTEXT, width=24),
    Field("result", "检查结果", "result", T.CHOICE, required=True, choices=RESULTS, width=12),
    Field("rectify_deadline", "整改期限", "rectification deadline", T.DATE),
    Field("recheck_date", "复查日期", "re-check date", T.DATE),
    Field("recheck_result", "复查结果", "re-check result", T.CHOICE, choices=choices(
        ("rectified", "已整改", "rectified"), ("not_rectified", "未整改", "not rectified"),
    )),
    Field("publish_date", "公示日期", "publication date", T.DATE),
)


def _two_inspectors(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("inspectors")
    return [(i, FieldError.of(f, Reason("至少两名检查人员", "at least two different inspectors are required")))
            for i, people in enumerate(column("inspectors")) if people is not None and len(set(people)) < 2]


def _result_matches_items(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("result")
    items = [(zh, column(key)) for key, zh, _ in ITEMS]
    out = []
    for i, result in enumerate(column("result")):
        if result != "no_problem":
            continue
        failed = [zh for zh, values in items if values[i] == "fail"]
        if failed:
            out.append((i, FieldError.of(f, Reason(
                f"检查项“{'、'.join(failed)}”不合格，结果不能是“未发现问题”",
                "an item failed, so the result cannot be 'no problem found'"))))
    return out


KIND = Kind(
    key="inspection", table="inspections", prefix="I", zh="检查记录", en="inspection",
    fields=FIELDS, title_field="inspection_date",
    rules=(
        by_columns(_two_inspectors), by_columns(_result_matches_items),
        rules.not_future(FIELDS, "inspection_date", "recheck_date"),
        rules.required_when(FIELDS, "rectify_deadline", lambda v: v.get("result") == "rectify",
                            "结果为责令整改", "the result is 'ordered to rectify'"),
        rules.on_or_after(FIELDS, "rectify_deadline", "inspection_date", strict=True),
        rules.on_or_after(FIELDS, "recheck_date", "inspection_date"),
        rules.on_or_after(FIELDS, "publish_date", "inspection_date"),
        rules.required_when(FIELDS, "recheck_date", lambda v: v.get("recheck_result") is not None,
                            "填写复查结果", "a re-check result is given"),
    ),
)

PLAN_FIELDS: tuple[Field, ...] = (
    Field("name", "计划名称", "plan name", required=True, max_length=100, width=24),
    Field("year", "年度", "year", T.YEAR, required=True, minimum=2000, maximum=2100, width=6),
    Field("ratio_pct", "抽查比例（%）", "sample ratio (%)", T.DECIMAL, minimum=0, maximum=100),
    Field("sample_count", "抽查数量", "sample size", T.INT, minimum=1),
    Field("user_pool", "检查对象库（用标主体编号）", "pool of users (ids)", T.LIST, width=24),
    Field("inspector_pool", "执法检查人员库", "pool of inspectors", T.LIST, width=24),
    Field("start_date", "开始日期", "start date", T.DATE),
    Field("end_date", "结束日期", "end date", T.DATE),
    Field("note", "备注", "note", T.LONGTEXT, width=24),
)


def _ratio_or_count(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    if values.get("ratio_pct") is None and values.get("sample_count") is None:
        return [FieldError.of(PLAN.field("ratio_pct"), Reason(
            "抽查比例和抽查数量至少填一项", "give a sample ratio or a sample size"))]
    return []


PLAN = Kind(
    key="plan", table="inspection_plans", prefix="P", zh="抽查计划", en="random-inspection plan",
    fields=PLAN_FIELDS, title_field="name",
    rules=(_ratio_or_count, rules.on_or_after(PLAN_FIELDS, "end_date", "start_date")),
)
