"""Register 2: cultivation candidates (培育名录) and their stage events.

A candidate follows one route. Trademark routes (collective/certification mark,
CNIPA Order No. 79) and the product route (Order No. 80) have their own stages;
each stage change is kept as a stage event, so the pipeline history is never lost.
"""

from __future__ import annotations

from typing import Any

from desktop.fields import Choice, Field, FieldError, Kind, RuleContext, choices
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


MATERIALS = choices(
    ("rules", "使用管理规则", "rules for use and management"),
    ("area_proof", "产地范围证明", "proof of production area"),
    ("quality_link", "品质与自然人文因素关联说明", "link of quality to natural and human factors"),
    ("history_proof", "历史文献证明", "historical documents"),
    ("testing", "检验检测能力证明", "testing capability"),
    ("applicant_proof", "申请人主体资格证明", "applicant qualification"),
    ("tech_spec", "质量技术要求/标准文本", "quality specification or standard"),
)

FIELDS: tuple[Field, ...] = (
    Field("resource_id", "普查资源", "surveyed resource", T.REF, required=True, ref="resource"),
    Field("name", "培育名称", "name", required=True, max_length=50, width=14),
    Field("route", "申请路径", "route", T.CHOICE, required=True, choices=ROUTES, width=14),
    Field("stage", "当前阶段", "current stage", T.CHOICE, required=True, choices=STAGES, width=16),
    Field("stage_date", "阶段日期", "stage date", T.DATE, required=True),
    Field("owner", "责任人", "person responsible", max_length=30),
    Field("next_step", "下一步节点", "next step", max_length=100, width=16),
    Field("next_deadline", "下一步期限", "next step deadline", T.DATE),
    Field("materials", "材料清单（已备齐）", "documents ready", T.MULTI, choices=MATERIALS, width=24),
    Field("support", "扶持措施", "support measures", T.LONGTEXT, width=24),
    # Trademark route (Order No. 79)
    Field("tm_name", "商标名称", "trademark name", max_length=50),
    Field("nice_class", "尼斯类别", "Nice class", T.INT, minimum=1, maximum=45, width=6),
    Field("application_no", "申请号", "application number", max_length=30),
    Field("registration_no", "注册号", "registration number", max_length=30),
    Field("registrant", "注册人", "registrant", max_length=100),
    Field("filing_date", "申请日", "filing date", T.DATE),
    Field("preliminary_issue", "初审公告期号", "preliminary gazette issue", max_length=30),
    Field("registration_date", "注册日", "registration date", T.DATE),
    Field("exclusive_until", "专用期至", "exclusive right until", T.DATE),
    # Product route (Order No. 80)
    Field("pp_applicant", "申请人", "applicant", max_length=100),
    Field("pp_area", "产地范围", "production area", T.LONGTEXT, width=24),
    Field("pp_acceptance_no", "受理公告号", "acceptance notice number", max_length=30),
    Field("pp_preliminary_no", "初步认定公告号", "preliminary notice number", max_length=30),
    Field("pp_preliminary_date", "初步认定公告日期", "preliminary notice date", T.DATE),
    Field("pp_approval_no", "认定公告号", "recognition notice number", max_length=30),
    Field("pp_approval_date", "认定公告日期", "recognition notice date", T.DATE),
    Field("standard_no", "标准号", "standard number", max_length=60),
    Field("note", "备注", "note", T.LONGTEXT, width=24),
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
    stage = values.get("stage")
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
          part_of=True),
    Field("from_stage", "原阶段", "previous stage", T.CHOICE, choices=STAGES, width=16),
    Field("stage", "阶段", "stage", T.CHOICE, required=True, choices=STAGES, width=16),
    Field("event_date", "日期", "date", T.DATE, required=True),
    Field("note", "说明", "note", T.LONGTEXT, width=24),
)

STAGE_EVENT = Kind(
    key="stage-event", table="stage_events", prefix="E", zh="阶段记录", en="stage event",
    fields=EVENT_FIELDS, title_field="stage",
    rules=(rules.not_future(EVENT_FIELDS, "event_date"),),
)
