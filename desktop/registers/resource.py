"""Register 1: the survey of potential GI resources (潜在地理标志保护资源普查)."""

from __future__ import annotations

from typing import Any

from desktop.fields import Derived, Field, FieldError, Kind, RuleContext, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.codes import ROUTES, TIERS
from desktop.validation import Reason

PROTECTION = choices(
    ("none", "无", "none"),
    ("gi_product", "地理标志产品", "GI product"),
    ("collective_mark", "集体商标", "collective mark"),
    ("certification_mark", "证明商标", "certification mark"),
    ("agi", "农产品地理标志", "agricultural GI"),
    ("applying", "申请中", "application pending"),
)

SUBTYPES_BY_CATEGORY: tuple[tuple[str, tuple[str, ...]], ...] = (
    # 产品类别 → the 细分类型 that fit it; 其他 leaves every sub-type open
    ("primary_agri", ("fruit", "vegetable", "grain_oil", "tea", "fungus", "livestock", "aquatic",
                      "condiment", "herb", "other")),
    ("processed_food", ("fruit", "vegetable", "grain_oil", "tea", "fungus", "livestock",
                        "aquatic", "liquor", "condiment", "other")),
    ("medicinal", ("herb", "fungus", "other")),
    ("handicraft", ("craft", "other")),
)
"""Which sub-types belong to which category: a primary farm product is not 酒 or 工艺品
(a liquor is a processed food, a craft a handicraft); 花椒 (condiment) and 中药材 may be
grown and sold as primary products."""

FIELDS: tuple[Field, ...] = (
    Field("name", "产品名称", "product name", required=True, max_length=50, width=14,
          help_zh="地名+通用名称，如：行唐大枣"),
    Field("attribute", "产品属性", "product attribute", T.CHOICE, required=True, choices=choices(
        ("grown", "种植/养殖产品", "grown or raised"),
        ("crafted", "本地特定工艺加工产品", "made with a local process"),
    )),
    Field("category", "产品类别", "category", T.CHOICE, required=True, choices=choices(
        ("primary_agri", "初级农产品", "primary farm product"),
        ("processed_food", "加工食品", "processed food"),
        ("medicinal", "道地药材", "authentic medicinal material"),
        ("handicraft", "传统手工艺品", "traditional handicraft"),
        ("other", "其他", "other"),
    )),
    Field("subtype", "细分类型", "sub-type", T.CHOICE, narrowed_by="category",
          narrowing=SUBTYPES_BY_CATEGORY, choices=choices(
        ("fruit", "果品", "fruit"), ("vegetable", "蔬菜", "vegetables"),
        ("grain_oil", "粮油", "grain and oil"), ("tea", "茶", "tea"),
        ("fungus", "食用菌", "edible fungi"), ("livestock", "畜禽", "livestock and poultry"),
        ("aquatic", "水产", "aquatic products"), ("liquor", "酒", "liquor"),
        ("condiment", "调味品", "condiments"), ("herb", "中药材", "herbs"),
        ("craft", "工艺品", "crafts"), ("other", "其他", "other"),
    )),
    Field("towns", "产地范围（乡镇）", "production area (towns)", T.LIST, width=24),
    Field("town_count", "涉及乡镇数", "number of towns", T.INT, minimum=0, maximum=1000),
    Field("coordinates", "地理坐标范围", "coordinates", max_length=500),
    Field("history", "历史渊源/文献出处", "history and sources", T.LONGTEXT, width=30),
    Field("quality", "特色品质", "distinctive quality", T.LONGTEXT, width=30),
    Field("natural_factors", "自然因素", "natural factors", T.LONGTEXT, width=30),
    Field("human_factors", "人文因素", "human factors", T.LONGTEXT, width=30),
    Field("authentic", "真实性", "authenticity", T.BOOL, width=6),
    Field("regional", "地域性", "regional character", T.BOOL, width=6),
    Field("specific", "特异性", "distinctiveness", T.BOOL, width=6),
    Field("linked", "关联性", "link to origin", T.BOOL, width=6),
    Field("area_mu", "种植面积（亩）", "planted area (mu)", T.DECIMAL, minimum=0),
    Field("stock_count", "养殖量（头/只/羽/尾）", "livestock count", T.INT, minimum=0),
    Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL, minimum=0),
    Field("value_10k", "年产值（万元）", "annual value (10k yuan)", T.DECIMAL, minimum=0),
    Field("enterprises", "从业企业数", "enterprises", T.INT, minimum=0),
    Field("cooperatives", "从业合作社数", "cooperatives", T.INT, minimum=0),
    Field("households", "从业农户数", "farm households", T.INT, minimum=0),
    Field("standard_level", "现有标准", "existing standard", T.CHOICE, choices=choices(
        ("national", "国家标准", "national"), ("industry", "行业标准", "industry"),
        ("local", "地方标准", "local"), ("group", "团体标准", "association"),
        ("enterprise", "企业标准", "enterprise"), ("none", "无", "none"),
    )),
    Field("standard_no", "标准号", "standard number", max_length=60),
    Field("protection", "保护现状", "protection status", T.MULTI, choices=PROTECTION, width=18),
    Field("eu_china", "中欧地理标志互认互保", "EU-China list", T.BOOL, width=6),
    Field("planned_route", "拟申请路径", "planned route", T.CHOICE, choices=ROUTES),
    Field("applicant_name", "拟申请主体", "planned applicant", max_length=100),
    Field("applicant_uscc", "拟申请主体统一社会信用代码", "applicant USCC", T.USCC, width=20),
    Field("tier", "培育层级", "tier", T.CHOICE, required=True, choices=TIERS, width=8),
    Field("one_county_one_product", "一县一品", "one county, one product", T.BOOL, width=6),
    Field("contact", "联系人", "contact person", max_length=30),
    Field("phone", "联系电话", "phone", T.PHONE),
    Field("reporting_unit", "填报单位", "reporting unit", max_length=100),
    Field("reporter", "填报人", "reporter", max_length=30),
    Field("survey_date", "填报日期", "survey date", T.DATE, required=True),
)


def _protection_none_alone(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    p = values.get("protection") or []
    if "none" in p and len(p) > 1:
        f = KIND.field("protection")
        return [FieldError.of(f, Reason("选了“无”就不能再选其他保护形式",
                                        "'none' cannot be combined with another status"))]
    return []


def _towns_counted(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    towns, count = values.get("towns"), values.get("town_count")
    if towns and count is not None and count < len(towns):
        f = KIND.field("town_count")
        return [FieldError.of(f, Reason(f"少于产地范围中列出的乡镇数（{len(towns)}）",
                                        f"is less than the {len(towns)} towns listed"))]
    return []


KIND = Kind(
    key="resource", table="resources", prefix="R", zh="普查资源", en="surveyed resource",
    fields=FIELDS, title_field="name",
    rules=(rules.not_future(FIELDS, "survey_date"), _protection_none_alone, _towns_counted),
    unique=(("name",),),
    # 涉及乡镇数 follows the towns listed; with no towns listed, a count typed by hand stays
    # (the surveyor may know how many towns without naming them), and it may exceed the list.
    derived=(Derived("town_count", ("towns",), lambda v: len(v["towns"]) if v.get("towns") else None),),
    # A sub-type that does not fit the category is pointed out, not refused: records saved
    # before the categories narrowed their sub-types must still save and still travel in
    # packets (a city refusing a county's packet over them would block its whole register).
    warnings=(rules.uscc_in_office_province(FIELDS, "applicant_uscc"),
              rules.narrowed_choice(FIELDS, "subtype")),
)
