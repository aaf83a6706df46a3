"""Register 2: cultivation candidates (培育名录) and their stage events.

A candidate follows one route. Trademark routes (collective/certification mark,
CNIPA Order No. 79) and the product route (Order No. 80) have their own stages;
each stage change is kept as a stage event, so the pipeline history is never lost.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop.fields import Choice, Field, FieldError, Kind, RuleContext, Section, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.codes import ROUTES, TRADEMARK_ROUTES
from desktop.validation import Reason

TRADEMARK_STAGES = choices(
    ("tm_applicant", "组建申请主体", "forming the applicant"),
    ("tm_preparing", "材料准备", "preparing documents"),
    ("tm_filed", "提交申请", "application filed"),
    ("tm_formal", "受理/形式审查", "accepted / formal examination"),
    ("tm_substantive", "实质审查", "substantive examination"),
    ("tm_preliminary", "初步审定公告", "preliminary approval published"),
    ("tm_registered", "核准注册", "registered"),
    ("tm_rejected", "驳回", "rejected"),
    ("tm_review", "复审", "review of rejection"),
)
PRODUCT_STAGES = choices(
    ("pp_local", "县级以上政府确定申请人/产地范围", "applicant and area set by local government"),
    ("pp_province", "省局审核", "provincial review"),
    ("pp_accepted", "国家局受理/形式审查", "accepted by CNIPA / formal examination"),
    ("pp_technical", "技术审查", "technical review"),
    ("pp_preliminary", "初步认定公告", "preliminary recognition published"),
    ("pp_approved", "认定公告", "recognition published"),
    ("pp_refused", "不予认定", "not recognised"),
)
STAGES: tuple[Choice, ...] = TRADEMARK_STAGES + PRODUCT_STAGES
FINAL_APPROVED = frozenset({"tm_registered", "pp_approved"})
"""Stages after which the candidate is a protected GI of the county."""


def stages_for(route: str) -> tuple[Choice, ...]:
    """The stages of one route, in pipeline order."""
    return TRADEMARK_STAGES if route in TRADEMARK_ROUTES else PRODUCT_STAGES


@dataclass(frozen=True)
class NextStep:
    """What comes after a stage and how long it usually takes: the default 下一步节点 and
    下一步期限 (stage date + ``months`` + ``days``) when a candidate reaches that stage.
    ``basis_zh``/``basis_en`` say where the period comes from (a law, or our own working
    assumption: 工作安排)."""

    zh: str
    en: str
    months: int = 0
    days: int = 0
    basis_zh: str = ""
    basis_en: str = ""

    def deadline(self, stage_date: date) -> date:
        """``stage_date`` plus the period (a month later on the 31st is the month's last day)."""
        year, month = divmod(stage_date.month - 1 + self.months, 12)
        year, month = stage_date.year + year, month + 1
        day = min(stage_date.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=self.days)


_PLAN_ZH, _PLAN_EN = "工作安排（本系统默认）", "working assumption"

NEXT_STEPS: dict[str, NextStep] = {
    # Trademark route (Trademark Law; CNIPA Order No. 79)
    "tm_applicant": NextStep("材料准备", "prepare the documents", months=3,
                             basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "tm_preparing": NextStep("提交申请", "file the application", months=3,
                             basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "tm_filed": NextStep("受理/形式审查", "acceptance and formal examination", months=1,
                         basis_zh="受理通知书通常一个月内发出",
                         basis_en="the acceptance notice usually comes within a month"),
    "tm_formal": NextStep("实质审查", "substantive examination", months=3,
                          basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "tm_substantive": NextStep("初步审定公告", "preliminary approval published", months=9,
                               basis_zh="商标法第二十八条：九个月内审查完毕",
                               basis_en="Trademark Law art. 28: examined within 9 months"),
    "tm_preliminary": NextStep("核准注册", "registration", months=3,
                               basis_zh="商标法第三十三条：公告之日起三个月异议期",
                               basis_en="Trademark Law art. 33: 3-month opposition period"),
    "tm_rejected": NextStep("提出驳回复审", "request a review of the rejection", days=15,
                            basis_zh="商标法第三十四条：收到驳回通知之日起十五日内",
                            basis_en="Trademark Law art. 34: within 15 days of the rejection"),
    "tm_review": NextStep("等待复审决定", "await the review decision", months=9,
                          basis_zh="商标法第三十四条：九个月内作出复审决定",
                          basis_en="Trademark Law art. 34: decision within 9 months"),
    # Product route (CNIPA Order No. 80)
    "pp_local": NextStep("省局审核", "provincial review", months=3,
                         basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "pp_province": NextStep("国家局受理/形式审查", "acceptance by CNIPA", months=3,
                            basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "pp_accepted": NextStep("技术审查", "technical review", months=3,
                            basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "pp_technical": NextStep("初步认定公告", "preliminary recognition published", months=6,
                             basis_zh=_PLAN_ZH, basis_en=_PLAN_EN),
    "pp_preliminary": NextStep("认定公告", "recognition published", months=2,
                               basis_zh="第80号令：初步认定公告两个月异议期",
                               basis_en="Order No. 80: 2-month opposition period"),
}
"""The next step after each stage (stage code → :class:`NextStep`). A stage not listed
(核准注册, 认定公告, 不予认定) ends the route: nothing is due after it."""

assert set(NEXT_STEPS) <= {c.code for c in STAGES}, "a next step for an unknown stage"
NO_NEXT_STEP: frozenset[str] = frozenset(c.code for c in STAGES if c.code not in NEXT_STEPS)
"""Stages after which no next step is due, so no deadline can be overdue."""


def next_step_after(stage: str | None, stage_date: date | None) -> tuple[str | None, date | None]:
    """The default ``(next_step, next_deadline)`` of a candidate that reached ``stage`` on
    ``stage_date``: ``(None, None)`` at a stage that ends the route."""
    step = NEXT_STEPS.get(stage or "")
    if step is None:
        return None, None
    return step.zh, step.deadline(stage_date) if stage_date is not None else None


def next_step_overdue(values: Mapping[str, Any], today: date) -> bool:
    """Whether a candidate's next step is overdue: a deadline before ``today`` at a stage
    that has a next step. The one definition (the dashboard's SQL uses :data:`NO_NEXT_STEP`
    the same way; a test holds them equal)."""
    deadline = values.get("next_deadline")
    return (deadline is not None and deadline < today
            and values.get("stage") not in NO_NEXT_STEP)


MATERIALS = choices(
    ("rules", "使用管理规则", "rules for use and management"),
    ("area_proof", "产地范围证明", "proof of production area"),
    ("quality_link", "品质与自然人文因素关联说明", "link of quality to natural and human factors"),
    ("history_proof", "历史文献证明", "historical documents"),
    ("testing", "检验检测能力证明", "testing capability"),
    ("applicant_proof", "申请人主体资格证明", "applicant qualification"),
    ("tech_spec", "质量技术要求/标准文本", "quality specification or standard"),
)

# The sections of the form (printed and on screen), as Field keyword arguments.
_BASIC: Section = {"section": "培育对象", "section_en": "Candidate"}
_PROGRESS: Section = {"section": "进度与材料", "section_en": "Progress and documents"}
_TM: Section = {"section": "商标路径（集体/证明商标，第79号令）",
       "section_en": "Trademark route (collective/certification mark, Order No. 79)"}
_PP: Section = {"section": "保护产品路径（第80号令）", "section_en": "Protected product route (Order No. 80)"}
_PLAN: Section = {"section": "标准与备注", "section_en": "Standard and note"}

FIELDS: tuple[Field, ...] = (
    Field("resource_id", "普查资源", "surveyed resource", T.REF, required=True, ref="resource",
          help_zh="对应普查资源的编号，如：R-130125-000001；窗口中可直接选择",
          help_en="the surveyed resource's id, e.g. R-130125-000001 (pick it in the window)",
          **_BASIC),
    Field("name", "培育名称", "name", required=True, max_length=50, width=14,
          help_zh="一般与普查资源的产品名称相同，如：行唐大枣",
          help_en="usually the resource's product name, e.g. 行唐大枣", **_BASIC),
    Field("route", "申请路径", "route", T.CHOICE, required=True, choices=ROUTES, width=14,
          help_zh="单选；同一资源走两条路径的，每条路径各建一条培育记录",
          help_en="one choice; a resource followed on two routes has one candidate per route",
          **_BASIC),
    Field("stage", "当前阶段", "current stage", T.CHOICE, required=True, choices=STAGES, width=16,
          help_zh="单选，须为所选申请路径的阶段；阶段变化用“推进阶段”记录",
          help_en="one of the stages of the chosen route; record a change with Advance stage",
          **_BASIC),
    Field("stage_date", "阶段日期", "stage date", T.DATE, required=True,
          help_zh="进入当前阶段的日期，公历，如：2024年5月1日",
          help_en="the date the current stage was reached, e.g. 2024-05-01", **_BASIC),
    Field("owner", "责任人", "person responsible", max_length=30,
          help_zh="本局负责推进该对象的工作人员姓名",
          help_en="the name of the officer who takes it forward", **_BASIC),
    Field("next_step", "下一步节点", "next step", max_length=100, width=16,
          help_zh="下一步要完成的工作，按当前阶段给出默认值，可修改",
          help_en="what comes next; filled in from the stage, may be changed", **_PROGRESS),
    Field("next_deadline", "下一步期限", "next step deadline", T.DATE,
          help_zh="下一步的完成期限，按阶段日期和法定或工作期限推算，可修改",
          help_en="when the next step is due, worked out from the stage date; may be changed",
          **_PROGRESS),
    Field("materials", "材料清单（已备齐）", "documents ready", T.MULTI, choices=MATERIALS, width=24,
          help_zh="可多选，勾选已备齐的申请材料，未备齐的不勾",
          help_en="tick the application documents that are ready", **_PROGRESS),
    Field("support", "扶持措施", "support measures", T.LONGTEXT, width=24,
          help_zh="已落实的资金、技术、宣传等扶持措施，如：县财政补助5万元",
          help_en="the funding, technical and publicity support given, e.g. a county grant of "
                  "50,000 yuan", **_PROGRESS),
    # Trademark route (Order No. 79)
    Field("tm_name", "商标名称", "trademark name", max_length=50,
          help_zh="申请注册的商标文字，如：行唐大枣；仅商标路径填写",
          help_en="the words of the trademark, e.g. 行唐大枣 (trademark routes only)", **_TM),
    Field("nice_class", "尼斯类别", "Nice class", T.INT, minimum=1, maximum=45, width=6,
          help_zh="商品所属的尼斯分类类别号，填1—45的整数，如：鲜果为31",
          help_en="the Nice class of the goods, 1 to 45, e.g. 31 for fresh fruit", **_TM),
    Field("application_no", "申请号", "application number", max_length=30,
          help_zh="商标注册申请受理通知书上的申请号",
          help_en="the application number on the acceptance notice", **_TM),
    Field("registration_no", "注册号", "registration number", max_length=30,
          help_zh="商标注册证上的注册号；核准注册后必填",
          help_en="the number on the registration certificate; required once registered",
          **_TM),
    Field("registrant", "注册人", "registrant", max_length=100,
          help_zh="商标注册人（申请人）全称，一般为协会或合作社",
          help_en="the registrant's full name, usually an association or a cooperative",
          **_TM),
    Field("filing_date", "申请日", "filing date", T.DATE,
          help_zh="商标注册申请日，公历，如：2024年5月1日",
          help_en="the filing date of the application, e.g. 2024-05-01", **_TM),
    Field("preliminary_issue", "初审公告期号", "preliminary gazette issue", max_length=30,
          help_zh="刊登初步审定公告的商标公告期号，如：第1890期",
          help_en="the Trademark Gazette issue of the preliminary approval, e.g. 第1890期",
          **_TM),
    Field("registration_date", "注册日", "registration date", T.DATE,
          help_zh="核准注册日期，见商标注册证；核准注册后必填",
          help_en="the registration date on the certificate; required once registered",
          **_TM),
    Field("exclusive_until", "专用期至", "exclusive right until", T.DATE,
          help_zh="注册商标专用权期限的截止日期，一般为注册日起10年",
          help_en="the end of the exclusive right, usually ten years after registration",
          **_TM),
    # Product route (Order No. 80)
    Field("pp_applicant", "申请人", "applicant", max_length=100,
          help_zh="县级以上人民政府指定的申请人全称；仅保护产品路径填写",
          help_en="the applicant the local government names (protected-product route only)",
          **_PP),
    Field("pp_area", "产地范围", "production area", T.LONGTEXT, width=24,
          help_zh="政府划定的产地范围，列出所涉乡（镇）、街道名称，可附地理坐标",
          help_en="the production area the government sets: its towns and sub-districts, with "
                  "coordinates if known", **_PP),
    Field("pp_acceptance_no", "受理公告号", "acceptance notice number", max_length=30,
          help_zh="国家知识产权局受理公告的编号",
          help_en="the number of CNIPA's notice of acceptance", **_PP),
    Field("pp_preliminary_no", "初步认定公告号", "preliminary notice number", max_length=30,
          help_zh="初步认定公告的编号",
          help_en="the number of the preliminary recognition notice", **_PP),
    Field("pp_preliminary_date", "初步认定公告日期", "preliminary notice date", T.DATE,
          help_zh="初步认定公告的发布日期，公历，如：2024年5月1日",
          help_en="the date the preliminary recognition was published, e.g. 2024-05-01",
          **_PP),
    Field("pp_approval_no", "认定公告号", "recognition notice number", max_length=30,
          help_zh="认定公告的编号；发布认定公告后必填",
          help_en="the number of the recognition notice; required once recognised", **_PP),
    Field("pp_approval_date", "认定公告日期", "recognition notice date", T.DATE,
          help_zh="认定公告的发布日期；发布认定公告后必填",
          help_en="the date the recognition was published; required once recognised",
          **_PP),
    Field("standard_no", "标准号", "standard number", max_length=60,
          help_zh="质量技术要求或产品标准的编号，如：DB13/T 1234—2020",
          help_en="the number of the quality specification or standard, e.g. DB13/T 1234-2020",
          **_PLAN),
    Field("note", "备注", "note", T.LONGTEXT, width=24,
          help_zh="其他需要说明的情况", help_en="anything else worth noting", **_PLAN),
)


def _stage_fits_route(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    route, stage = values.get("route"), values.get("stage")
    if route is None or stage is None:
        return []
    allowed = stages_for(route)
    if stage not in {c.code for c in allowed}:
        f = KIND.field("stage")
        route_zh = KIND.field("route").choice(route).zh
        return [FieldError.of(f, Reason(
            f"“{f.choice(stage).zh}”不是{route_zh}路径的阶段，应为：" + "、".join(c.zh for c in allowed),
            f"{stage!r} is not a stage of the {route} route"))]
    return []


def _approved_needs_numbers(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    stage = values.get("stage") or ""
    need: tuple[str, ...] = ()
    if stage == "tm_registered":
        need = ("registration_no", "registration_date")
    elif stage == "pp_approved":
        need = ("pp_approval_no", "pp_approval_date")
    out = []
    for key in need:
        if values.get(key) is None:
            f = KIND.field(key)
            out.append(FieldError.of(f, Reason(f"阶段为“{KIND.field('stage').choice(stage).zh}”时必填",
                                               f"required at stage {stage}")))
    return out


def _route_fields(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    """Trademark fields on a product candidate (or the reverse) are a typing slip."""
    route = values.get("route")
    if route is None:
        return []
    tm_keys = ("tm_name", "nice_class", "application_no", "registration_no", "registrant",
               "filing_date", "preliminary_issue", "registration_date", "exclusive_until")
    pp_keys = ("pp_applicant", "pp_area", "pp_acceptance_no", "pp_preliminary_no",
               "pp_preliminary_date", "pp_approval_no", "pp_approval_date")
    wrong = pp_keys if route in TRADEMARK_ROUTES else tm_keys
    out = []
    for key in wrong:
        if values.get(key) is not None:
            f = KIND.field(key)
            out.append(FieldError.of(f, Reason("不属于本路径，请清空或更改申请路径",
                                               "does not belong to this route")))
    return out


KIND = Kind(
    key="candidate", table="candidates", prefix="C", zh="培育对象", en="cultivation candidate",
    fields=FIELDS, title_field="name",
    rules=(
        _stage_fits_route, _approved_needs_numbers, _route_fields,
        rules.not_future(FIELDS, "stage_date", "filing_date", "registration_date",
                         "pp_preliminary_date", "pp_approval_date"),
        rules.on_or_after(FIELDS, "next_deadline", "stage_date"),
        rules.on_or_after(FIELDS, "registration_date", "filing_date"),
        rules.on_or_after(FIELDS, "exclusive_until", "registration_date", strict=True),
        rules.on_or_after(FIELDS, "pp_approval_date", "pp_preliminary_date"),
    ),
    unique=(("resource_id", "route"),),
)

EVENT_FIELDS: tuple[Field, ...] = (
    Field("candidate_id", "培育对象", "candidate", T.REF, required=True, ref="candidate",
          part_of=True, help_zh="所属培育对象的编号，如：C-130125-000001",
          help_en="the candidate's id, e.g. C-130125-000001"),
    Field("from_stage", "原阶段", "previous stage", T.CHOICE, choices=STAGES, width=16,
          help_zh="变更前的阶段；首次记录的可不填",
          help_en="the stage before the change; empty for the first record"),
    Field("stage", "阶段", "stage", T.CHOICE, required=True, choices=STAGES, width=16,
          help_zh="变更后的阶段，须为该对象申请路径的阶段",
          help_en="the stage reached, one of the candidate's route"),
    Field("event_date", "日期", "date", T.DATE, required=True,
          help_zh="阶段变更的日期，公历，如：2024年5月1日；不能晚于当天",
          help_en="the date of the change, e.g. 2024-05-01; not after today"),
    Field("note", "说明", "note", T.LONGTEXT, width=24,
          help_zh="变更的依据或说明，如：收到受理通知书",
          help_en="what the change rests on, e.g. the acceptance notice arrived"),
)

STAGE_EVENT = Kind(
    key="stage-event", table="stage_events", prefix="E", zh="阶段记录", en="stage event",
    fields=EVENT_FIELDS, title_field="stage",
    rules=(rules.not_future(EVENT_FIELDS, "event_date"),),
)
