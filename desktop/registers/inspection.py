"""Register 3d: inspections of mark users and random-inspection plans (双随机、一公开)."""

from __future__ import annotations

from typing import Any

from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, Section, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import mark_user, rules
from desktop.validation import Reason

ITEM = choices(("pass", "合格", "pass"), ("fail", "不合格", "fail"), ("na", "不涉及", "not applicable"))
ITEMS = (
    # key, label, English label, what to check (help_zh, help_en)
    ("item_area", "产地范围", "production area",
     "产品是否产自划定的产地范围", "whether the product comes from the set production area"),
    ("item_label", "标识规范", "labelling",
     "专用标志的标示位置、比例、颜色是否符合规范",
     "whether the mark is placed, sized and coloured as the rules say"),
    ("item_mark", "专用标志印制/使用", "printing and use of the mark",
     "专用标志的印制来源、印制和使用数量是否与核准一致",
     "whether the marks were printed and used where and as many as approved"),
    ("item_material", "原料来源", "source of raw materials",
     "原料是否来自产地范围，有无进货记录", "whether the raw materials come from the area, with records"),
    ("item_standard", "标准符合性", "conformity with the standard",
     "生产是否符合质量技术要求或相关标准",
     "whether production follows the quality specification or standard"),
    ("item_fake", "假冒/转让", "counterfeiting or transfer",
     "有无假冒专用标志，或转让、许可他人使用的行为",
     "whether the mark is counterfeited, or passed or licensed to others"),
)
_ITEM_HELP_ZH, _ITEM_HELP_EN = "单选：合格、不合格或不涉及", "pass, fail or not applicable"
RESULTS = choices(
    ("no_problem", "未发现问题", "no problem found"),
    ("rectify", "责令整改", "ordered to rectify"),
    ("case", "立案", "case opened"),
    ("unreachable", "无法联系", "cannot be contacted"),
    ("not_operating", "未开展相关经营", "not operating"),
)

# The sections of the form (printed and on screen), as Field keyword arguments.
_TASK: Section = {"section": "检查任务", "section_en": "Inspection task"}
_ITEMS: Section = {"section": "检查项目", "section_en": "Items checked"}
_RESULT: Section = {"section": "检查结果", "section_en": "Result"}
_FOLLOW_UP: Section = {"section": "整改、复查与公示", "section_en": "Rectification, re-check, publication"}

FIELDS: tuple[Field, ...] = (
    Field("task_no", "任务编号", "task number", max_length=40,
          help_zh="抽查或专项检查任务的编号，如：行市监抽〔2024〕3号",
          help_en="the number of the inspection task, e.g. 行市监抽〔2024〕3号", **_TASK),
    Field("mark_user_id", "检查对象", "inspected user", T.REF, required=True, ref="mark-user",
          width=20, help_zh="被检查的用标主体编号，如：U-130125-000001",
          help_en="the inspected mark user's id, e.g. U-130125-000001", **_TASK),
    Field("plan_id", "抽查计划", "inspection plan", T.REF, ref="plan",
          help_zh="所属双随机抽查计划的编号，如：P-130125-000001；专项检查的不填",
          help_en="the random-inspection plan's id, e.g. P-130125-000001; empty for other checks",
          **_TASK),
    Field("inspectors", "检查人员", "inspectors", T.LIST, required=True, width=16,
          help_zh="至少两人，用分号或顿号分隔，如：张三、李四",
          help_en="at least two people, separated by semicolons, e.g. 张三; 李四", **_TASK),
    Field("method", "检查方式", "method", T.CHOICE, required=True, choices=choices(
        ("onsite", "现场检查", "on site"), ("written", "书面检查", "in writing"),
        ("online", "网络检查", "online"),
    ), help_zh="单选：现场检查、书面检查或网络检查",
          help_en="one choice: on site, in writing or online", **_TASK),
    Field("inspection_date", "检查日期", "inspection date", T.DATE, required=True,
          help_zh="公历日期，如：2024年5月1日；不能晚于当天",
          help_en="the calendar date, e.g. 2024-05-01; not after today", **_TASK),
    *(Field(key, zh, en, T.CHOICE, choices=ITEM, width=8, help_zh=f"检查{hz}；{_ITEM_HELP_ZH}",
            help_en=f"{he}: {_ITEM_HELP_EN}", **_ITEMS)
      for key, zh, en, hz, he in ITEMS),
    Field("findings", "检查发现", "findings", T.LONGTEXT, width=24,
          help_zh="检查中发现的问题和事实，写明时间、地点、数量，可另附页",
          help_en="the facts and problems found: when, where, how many; add pages if needed",
          **_RESULT),
    Field("result", "检查结果", "result", T.CHOICE, required=True, choices=RESULTS, width=12,
          help_zh="单选；任一检查事项不合格的，不能选“未发现问题”",
          help_en="one choice; when any item failed, not 'no problem found'", **_RESULT),
    Field("rectify_deadline", "整改期限", "rectification deadline", T.DATE,
          help_zh="责令整改的必填，须晚于检查日期，如：2024年6月30日",
          help_en="required when ordered to rectify; after the inspection, e.g. 2024-06-30",
          **_FOLLOW_UP),
    Field("recheck_date", "复查日期", "re-check date", T.DATE,
          help_zh="复查的日期，公历；填了复查结果的必填",
          help_en="the date of the re-check; required with a re-check result", **_FOLLOW_UP),
    Field("recheck_result", "复查结果", "re-check result", T.CHOICE, choices=choices(
        ("rectified", "已整改", "rectified"), ("not_rectified", "未整改", "not rectified"),
    ), help_zh="单选：已整改或未整改；未复查的不填",
          help_en="rectified or not rectified; empty when not re-checked", **_FOLLOW_UP),
    Field("publish_date", "公示日期", "publication date", T.DATE,
          help_zh="检查结果向社会公示的日期，不早于检查日期",
          help_en="the date the result was made public; not before the inspection",
          **_FOLLOW_UP),
    Field("rectify_followup", "整改跟进情况", "rectification follow-up", T.LONGTEXT, width=24,
          help_zh="责令整改后的跟进记录：何时、如何督促，企业报送的整改材料",
          help_en="the follow-up after the order to rectify: when and how, what the user sent in",
          **_FOLLOW_UP),
)


def _two_inspectors(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("inspectors")
    return [(i, FieldError.of(f, Reason("至少两名检查人员", "at least two different inspectors are required")))
            for i, people in enumerate(column("inspectors")) if people is not None and len(set(people)) < 2]


def _result_matches_items(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("result")
    items = [(zh, column(key)) for key, zh, *_ in ITEMS]
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
    Field("name", "计划名称", "plan name", required=True, max_length=100, width=24,
          help_zh="计划全称，如：2024年度地理标志专用标志使用双随机抽查计划",
          help_en="the plan's full name, e.g. random inspection of mark use 2024"),
    Field("year", "年度", "year", T.YEAR, required=True, minimum=2000, maximum=2100, width=6,
          help_zh="计划年度，4位数字，如：2024", help_en="the plan's year, four digits, e.g. 2024"),
    Field("ratio_pct", "抽查比例（%）", "sample ratio (%)", T.DECIMAL, minimum=0, maximum=100,
          help_zh="抽取检查对象的比例，单位：%，如：5；与抽查数量至少填一项",
          help_en="the share of users drawn, in %, e.g. 5; give this or the sample size"),
    Field("sample_count", "抽查数量", "sample size", T.INT, minimum=1,
          help_zh="抽取检查对象的个数；与抽查比例至少填一项",
          help_en="how many users are drawn; give this or the sample ratio"),
    Field("user_pool", "检查对象库（用标主体编号）", "pool of users (ids)", T.LIST, width=24,
          help_zh="用标主体编号，用分号分隔，如：U-130125-000001；U-130125-000002",
          help_en="mark user ids, separated by semicolons, e.g. U-130125-000001; U-130125-000002"),
    Field("inspector_pool", "执法检查人员库", "pool of inspectors", T.LIST, width=24,
          help_zh="参加抽取的执法检查人员的执法证号（见执法检查人员名录）或姓名，用分号或顿号分隔",
          help_en="the enforcement certificate numbers (see the inspectors' roster) or names of the "
                  "inspectors drawn from, separated by semicolons"),
    Field("start_date", "开始日期", "start date", T.DATE,
          help_zh="抽查开始日期，公历，如：2024年5月1日",
          help_en="the first day of the inspections, e.g. 2024-05-01"),
    Field("end_date", "结束日期", "end date", T.DATE,
          help_zh="抽查结束日期，不早于开始日期",
          help_en="the last day of the inspections; not before the start"),
    Field("note", "备注", "note", T.LONGTEXT, width=24,
          help_zh="其他需要说明的情况", help_en="anything else worth noting"),
    Field("filter_gi", "抽取范围：地理标志", "pool: GIs", T.LIST, width=16,
          help_zh="只从使用这些地理标志的用标主体中抽取，填地理标志编号，用分号分隔；不限的不填",
          help_en="draw only users of these GIs (their ids, separated by semicolons); empty: any"),
    Field("filter_status", "抽取范围：用标状态", "pool: user status", T.MULTI, width=12,
          choices=mark_user.STATUS,
          help_zh="只从这些状态的用标主体中抽取，可多选；不限的不填",
          help_en="draw only users in these states (several allowed); empty: any"),
    Field("filter_town", "抽取范围：乡镇", "pool: towns", T.LIST, width=12,
          help_zh="只从地址在这些乡镇（街道）的用标主体中抽取，用顿号分隔；不限的不填",
          help_en="draw only users whose address is in these towns, separated by semicolons; empty: any"),
    Field("per_target", "每户检查人员数", "inspectors per target", T.INT, minimum=2, maximum=10, width=6,
          help_zh="每个检查对象随机匹配的执法检查人员人数，至少2人；不填按2人",
          help_en="how many inspectors are drawn for each target, at least 2; empty: 2"),
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
