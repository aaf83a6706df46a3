"""Register 1: the survey of potential GI resources (潜在地理标志保护资源普查)."""

from __future__ import annotations

from typing import Any

from desktop.fields import Derived, Field, FieldError, Kind, RuleContext, Section, choices
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

# The sections of the form (printed and on screen), as Field keyword arguments.
_BASIC: Section = {"section": "基本情况", "section_en": "Basics"}
_AREA: Section = {"section": "产地范围", "section_en": "Production area"}
_HISTORY: Section = {"section": "历史渊源与特色", "section_en": "History and distinctive quality"}
_SCALE: Section = {"section": "生产规模", "section_en": "Scale of production"}
_PROTECTION: Section = {"section": "标准与保护现状", "section_en": "Standards and protection"}
_PLAN: Section = {"section": "申请与培育", "section_en": "Application and cultivation"}
_CONTACT: Section = {"section": "联系与填报", "section_en": "Contact and reporting"}

FIELDS: tuple[Field, ...] = (
    Field("name", "产品名称", "product name", required=True, max_length=50, width=14,
          help_zh="地名+通用名称，如：行唐大枣",
          help_en="place name + generic name, e.g. 行唐大枣", **_BASIC),
    Field("attribute", "产品属性", "product attribute", T.CHOICE, required=True, choices=choices(
        ("grown", "种植/养殖产品", "grown or raised"),
        ("crafted", "本地特定工艺加工产品", "made with a local process"),
    ), help_zh="单选。在当地种植、养殖所得的选前者；以当地特定工艺加工制成的选后者",
          help_en="one choice: grown or raised in the place, or made there with a process of its own",
          **_BASIC),
    Field("category", "产品类别", "category", T.CHOICE, required=True, choices=choices(
        ("primary_agri", "初级农产品", "primary farm product"),
        ("processed_food", "加工食品", "processed food"),
        ("medicinal", "道地药材", "authentic medicinal material"),
        ("handicraft", "传统手工艺品", "traditional handicraft"),
        ("other", "其他", "other"),
    ), help_zh="单选。道地药材指传统上产于本地、品质公认的中药材",
          help_en="one choice; an authentic medicinal material is a herb long grown here and known "
                  "for its quality", **_BASIC),
    Field("subtype", "细分类型", "sub-type", T.CHOICE, narrowed_by="category",
          narrowing=SUBTYPES_BY_CATEGORY, choices=choices(
        ("fruit", "果品", "fruit"), ("vegetable", "蔬菜", "vegetables"),
        ("grain_oil", "粮油", "grain and oil"), ("tea", "茶", "tea"),
        ("fungus", "食用菌", "edible fungi"), ("livestock", "畜禽", "livestock and poultry"),
        ("aquatic", "水产", "aquatic products"), ("liquor", "酒", "liquor"),
        ("condiment", "调味品", "condiments"), ("herb", "中药材", "herbs"),
        ("craft", "工艺品", "crafts"), ("other", "其他", "other"),
    ), help_zh="单选，须与产品类别相符（如初级农产品不选“酒”）；没有合适的选“其他”",
          help_en="one choice that fits the category (a primary farm product is not a liquor); "
                  "otherwise 'other'", **_BASIC),
    Field("towns", "产地范围（乡镇）", "production area (towns)", T.LIST, width=24,
          help_zh="列出所涉乡（镇）、街道名称，用顿号或分号分隔，如：龙州镇、南桥镇",
          help_en="the towns and sub-districts of the production area, separated by semicolons, "
                  "e.g. 龙州镇; 南桥镇", **_AREA),
    Field("town_count", "涉及乡镇数", "number of towns", T.INT, minimum=0, maximum=1000,
          help_zh="所列乡（镇）、街道的个数，窗口中自动计数；未逐一列出的直接填写个数",
          help_en="counted from the towns listed; when they are not listed, type the number",
          **_AREA),
    Field("coordinates", "地理坐标范围", "coordinates", max_length=500,
          help_zh="产地范围的经纬度，如：东经114°15′—114°40′，北纬38°20′—38°45′",
          help_en="longitude and latitude of the production area, e.g. 114°15′–114°40′ E, "
                  "38°20′–38°45′ N", **_AREA),
    Field("history", "历史渊源/文献出处", "history and sources", T.LONGTEXT, width=30,
          help_zh="产品的历史渊源及地方志、典籍等文献出处，注明书名、卷次和年代，可另附页",
          help_en="the product's history and its written sources (local gazetteers, classics): "
                  "title, volume, period; add pages if needed", **_HISTORY),
    Field("quality", "特色品质", "distinctive quality", T.LONGTEXT, width=30,
          help_zh="外观、口感、理化指标等特色品质，写明数值和单位，如：可溶性固形物≥25%",
          help_en="what sets it apart (appearance, taste, measured values with units), "
                  "e.g. soluble solids ≥ 25%", **_HISTORY),
    Field("natural_factors", "自然因素", "natural factors", T.LONGTEXT, width=30,
          help_zh="影响品质的土壤、水文、气候、地形等自然条件，如：砂质壤土，年无霜期190天",
          help_en="the soil, water, climate and terrain that shape the quality, "
                  "e.g. sandy loam, 190 frost-free days a year", **_HISTORY),
    Field("human_factors", "人文因素", "human factors", T.LONGTEXT, width=30,
          help_zh="影响品质的种植养殖技术、加工工艺、民俗文化等人文条件",
          help_en="the growing and processing skills, customs and culture behind the quality",
          **_HISTORY),
    Field("authentic", "真实性", "authenticity", T.BOOL, width=6,
          help_zh="自我评估：产品真实存在、历史有据可查的选“是”",
          help_en="self-assessment: yes when the product is real and its history documented",
          **_HISTORY),
    Field("regional", "地域性", "regional character", T.BOOL, width=6,
          help_zh="自我评估：特色品质只在本产地范围内形成的选“是”",
          help_en="self-assessment: yes when its quality arises only in this production area",
          **_HISTORY),
    Field("specific", "特异性", "distinctiveness", T.BOOL, width=6,
          help_zh="自我评估：与其他产地的同类产品相比品质独特的选“是”",
          help_en="self-assessment: yes when it differs from the same product made elsewhere",
          **_HISTORY),
    Field("linked", "关联性", "link to origin", T.BOOL, width=6,
          help_zh="自我评估：特色品质主要由当地自然因素和人文因素决定的选“是”",
          help_en="self-assessment: yes when its quality comes mainly from the place's natural "
                  "and human factors", **_HISTORY),
    Field("area_mu", "种植面积（亩）", "planted area (mu)", T.DECIMAL, minimum=0,
          help_zh="种植产品填写，单位：亩，可保留两位小数，如：12500；养殖产品不填",
          help_en="for grown products, in mu (1 mu ≈ 667 m²), up to two decimals, e.g. 12500",
          **_SCALE),
    Field("stock_count", "养殖量（头/只/羽/尾）", "livestock count", T.INT, minimum=0,
          help_zh="养殖产品填写年出栏（捕捞）量，填整数，单位：头、只、羽或尾",
          help_en="for raised animals: head, birds or fish brought out a year, a whole number",
          **_SCALE),
    Field("output_t", "年产量（吨）", "annual output (t)", T.DECIMAL, minimum=0,
          help_zh="上一年度总产量，单位：吨，可保留两位小数，如：3600.5",
          help_en="last year's output in tonnes, up to two decimals, e.g. 3600.5", **_SCALE),
    Field("value_10k", "年产值（万元）", "annual value (10k yuan)", T.DECIMAL, minimum=0,
          help_zh="上一年度总产值，单位：万元，可保留两位小数，如：5800.50",
          help_en="last year's output value in 10,000 yuan, up to two decimals, e.g. 5800.50",
          **_SCALE),
    Field("enterprises", "从业企业数", "enterprises", T.INT, minimum=0,
          help_zh="从事该产品生产、加工、销售的企业数量，单位：家",
          help_en="the number of enterprises that make, process or sell it", **_SCALE),
    Field("cooperatives", "从业合作社数", "cooperatives", T.INT, minimum=0,
          help_zh="从事该产品生产的农民专业合作社数量，单位：家",
          help_en="the number of farmers' cooperatives that produce it", **_SCALE),
    Field("households", "从业农户数", "farm households", T.INT, minimum=0,
          help_zh="从事该产品生产的农户数量，单位：户",
          help_en="the number of farm households that produce it", **_SCALE),
    Field("standard_level", "现有标准", "existing standard", T.CHOICE, choices=choices(
        ("national", "国家标准", "national"), ("industry", "行业标准", "industry"),
        ("local", "地方标准", "local"), ("group", "团体标准", "association"),
        ("enterprise", "企业标准", "enterprise"), ("none", "无", "none"),
    ), help_zh="单选，有多项标准的选级别最高的现行标准；没有标准的选“无”",
          help_en="one choice: the highest standard in force; 'none' when there is none",
          **_PROTECTION),
    Field("standard_no", "标准号", "standard number", max_length=60,
          help_zh="现行标准的编号和年号，如：DB13/T 1234—2020；没有标准的不填",
          help_en="the number and year of the standard in force, e.g. DB13/T 1234-2020",
          **_PROTECTION),
    Field("protection", "保护现状", "protection status", T.MULTI, choices=PROTECTION, width=18,
          help_zh="可多选；已提交申请尚未获批的选“申请中”；选“无”的不能再选其他",
          help_en="several may apply; 'application pending' when filed but not yet granted; "
                  "'none' stands alone", **_PROTECTION),
    Field("eu_china", "中欧地理标志互认互保", "EU-China list", T.BOOL, width=6,
          help_zh="已列入中欧地理标志协定互认互保清单的选“是”",
          help_en="yes when it is on the list of the EU-China agreement on GIs",
          **_PROTECTION),
    Field("planned_route", "拟申请路径", "planned route", T.CHOICE, choices=ROUTES,
          help_zh="单选：地理标志集体商标、证明商标（第79号令）或地理标志保护产品（第80号令）",
          help_en="one choice: GI collective or certification mark (Order No. 79) or GI protected "
                  "product (Order No. 80)", **_PLAN),
    Field("applicant_name", "拟申请主体", "planned applicant", max_length=100,
          help_zh="拟作为申请人的协会、合作社或政府指定单位的全称",
          help_en="the full name of the planned applicant (an association, a cooperative or a body "
                  "the government names)", **_PLAN),
    Field("applicant_uscc", "拟申请主体统一社会信用代码", "applicant USCC", T.USCC, width=20,
          help_zh="18位，见营业执照或登记证书",
          help_en="18 characters, as on the business licence or registration certificate",
          **_PLAN),
    Field("tier", "培育层级", "tier", T.CHOICE, required=True, choices=TIERS, width=8,
          help_zh="单选：挖掘指新发现的资源，培育指正在培育申报，保护指已获保护",
          help_en="discover: newly found; cultivate: being prepared for protection; "
                  "protect: already protected", **_PLAN),
    Field("one_county_one_product", "一县一品", "one county, one product", T.BOOL, width=6,
          help_zh="列为本县“一县一品（一标）”重点培育产品的选“是”",
          help_en="yes when it is the county's 'one county, one product' focus", **_PLAN),
    Field("contact", "联系人", "contact person", max_length=30,
          help_zh="熟悉该产品情况的联系人姓名",
          help_en="the name of a person who knows the product", **_CONTACT),
    Field("phone", "联系电话", "phone", T.PHONE,
          help_zh="11位手机号，或区号-座机号，如：0311-88888888",
          help_en="an 11-digit mobile number, or area code-landline, e.g. 0311-88888888",
          **_CONTACT),
    Field("reporting_unit", "填报单位", "reporting unit", max_length=100,
          help_zh="填报单位全称，如：行唐县市场监督管理局",
          help_en="the reporting office's full name, e.g. 行唐县市场监督管理局", **_CONTACT),
    Field("reporter", "填报人", "reporter", max_length=30,
          help_zh="填表人姓名", help_en="the name of the person filling in the form",
          **_CONTACT),
    Field("survey_date", "填报日期", "survey date", T.DATE, required=True,
          help_zh="公历日期，如：2024年5月1日；不能晚于当天",
          help_en="the calendar date, e.g. 2024-05-01; not after today", **_CONTACT),
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
