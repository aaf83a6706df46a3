"""Register 3f: administrative-protection cases of GIs (地理标志行政保护案件)."""

from __future__ import annotations

from typing import Any

from desktop.fields import Field, FieldError, Kind, RuleContext, Section, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

ACTS = choices(
    ("unauthorised_mark", "擅自使用专用标志", "use of the official mark without authorisation"),
    ("counterfeit", "伪造或冒用地理标志", "forged or usurped GI"),
    ("similar_mark", "使用近似标志", "use of a similar sign"),
    ("kind_style", "使用“种类、品种、风格、仿制”等表述", "use of 'kind, type, style, imitation' wording",
     "种类、品种、风格、仿制"),
    ("off_spec", "未按规范生产", "not produced to the specification"),
    ("other", "其他", "other"),
)
SOURCES = choices(
    ("inspection", "检查", "inspection"),
    ("complaint", "投诉举报", "complaint or report"),
    ("assigned", "上级交办", "assigned from above"),
    ("online", "网络监测", "online monitoring"),
    ("transfer", "移送", "transferred"),
)
STATUSES = choices(
    ("filed", "立案", "filed"),
    ("investigating", "调查", "under investigation"),
    ("decided", "处罚决定", "penalty decided"),
    ("closed", "结案", "closed"),
    ("transferred", "移送司法", "transferred to the judiciary"),
)

_CASE: Section = {"section": "案件信息", "section_en": "The case"}
_PARTY: Section = {"section": "当事人与地理标志", "section_en": "Party and GI"}
_DECISION: Section = {"section": "处理与处罚", "section_en": "Measures and penalty"}
_PUBLIC: Section = {"section": "典型案例", "section_en": "Typical case"}

FIELDS: tuple[Field, ...] = (
    Field("case_no", "案件编号", "case number", required=True, max_length=60, width=20,
          help_zh="立案审批表上的案件编号，如：行市监立字〔2024〕12号",
          help_en="the number on the case-filing form, e.g. 行市监立字〔2024〕12号", **_CASE),
    Field("filed_date", "立案日期", "date filed", T.DATE, required=True,
          help_zh="立案的日期，公历，如：2024年5月1日；不能晚于当天",
          help_en="the date the case was filed, e.g. 2024-05-01; not after today", **_CASE),
    Field("source", "案件来源", "source of the lead", T.CHOICE, required=True, choices=SOURCES,
          help_zh="单选：检查、投诉举报、上级交办、网络监测或移送",
          help_en="one choice: inspection, complaint, assigned, online monitoring or transferred",
          **_CASE),
    Field("inspection_id", "来源检查记录", "inspection", T.REF, ref="inspection", width=16,
          help_zh="检查中发现并立案的，填检查记录编号，如：I-130125-000001",
          help_en="for a case opened from an inspection, its id, e.g. I-130125-000001", **_CASE),
    Field("act", "违法行为", "act", T.CHOICE, required=True, choices=ACTS, width=16,
          help_zh="单选；使用“种类、品种、风格、仿制”等表述指在地理标志后附加此类词语",
          help_en="one choice; the 'kind, style' wording means such words added to a GI name",
          **_CASE),
    Field("handlers", "承办人", "case handlers", T.LIST, width=14,
          help_zh="承办人员姓名，用顿号分隔，如：张三、李四",
          help_en="the officers handling the case, separated by semicolons", **_CASE),
    Field("party_name", "当事人", "party", required=True, max_length=100, width=24,
          help_zh="当事人全称或姓名，与营业执照或身份证件一致",
          help_en="the party's full name, as on its licence or identity card", **_PARTY),
    Field("party_uscc", "当事人统一社会信用代码", "party's USCC", T.USCC, width=20,
          help_zh="18位，见营业执照；自然人不填",
          help_en="18 characters, as on the business licence; empty for a person", **_PARTY),
    Field("mark_user_id", "涉及用标主体", "mark user concerned", T.REF, ref="mark-user", width=20,
          help_zh="当事人是本地用标主体的，填其编号，如：U-130125-000001",
          help_en="when the party is a local mark user, its id, e.g. U-130125-000001", **_PARTY),
    Field("gi_id", "涉及地理标志", "GI concerned", T.REF, ref="gi", width=14,
          help_zh="涉及本地已保护地理标志的，填其编号；与地理标志名称至少填一项",
          help_en="the local protected GI's id; give this or the GI's name", **_PARTY),
    Field("gi_name", "地理标志名称", "GI name", max_length=100, width=14,
          help_zh="涉及外地地理标志的，填其名称，如：赣南脐橙",
          help_en="for a GI from elsewhere, its name, e.g. 赣南脐橙", **_PARTY),
    Field("facts", "主要违法事实", "facts", T.LONGTEXT, width=24,
          help_zh="查明的违法事实：时间、地点、数量、货值",
          help_en="the facts found: when, where, how much, the value of the goods", **_DECISION),
    Field("measures", "处理措施", "measures", T.LONGTEXT, width=24,
          help_zh="责令改正、扣押、下架等措施",
          help_en="orders to correct, seizures, removals from sale and other measures", **_DECISION),
    Field("fine_yuan", "罚款（元）", "fine (yuan)", T.DECIMAL, minimum=0,
          help_zh="罚款金额，单位：元；未罚款的不填",
          help_en="the fine in yuan; empty when none", **_DECISION),
    Field("confiscated_yuan", "没收违法所得（元）", "illegal gains confiscated (yuan)", T.DECIMAL, minimum=0,
          help_zh="没收违法所得金额，单位：元", help_en="the illegal gains confiscated, in yuan",
          **_DECISION),
    Field("confiscated_goods", "没收物品", "goods confiscated", max_length=200, width=20,
          help_zh="没收的商品、标识等及数量，如：假冒标识2000枚",
          help_en="the goods or labels confiscated and how many, e.g. 2,000 fake labels", **_DECISION),
    Field("decision_no", "处罚决定书文号", "decision number", max_length=60, width=20,
          help_zh="行政处罚决定书文号，如：行市监罚〔2024〕8号；作出处罚决定后必填",
          help_en="the penalty decision's number; required once a penalty is decided", **_DECISION),
    Field("decision_date", "处罚决定日期", "decision date", T.DATE,
          help_zh="作出处罚决定的日期，不早于立案日期",
          help_en="the date of the penalty decision; not before the filing", **_DECISION),
    Field("status", "案件状态", "status", T.CHOICE, required=True, choices=STATUSES, width=10,
          help_zh="单选：立案、调查、处罚决定、结案或移送司法",
          help_en="one choice: filed, investigating, penalty decided, closed or transferred",
          **_DECISION),
    Field("closed_date", "结案日期", "date closed", T.DATE,
          help_zh="结案的日期；状态为结案的必填，不早于立案日期",
          help_en="the date closed; required when closed, not before the filing", **_DECISION),
    Field("typical", "典型案例", "typical case", T.BOOL,
          help_zh="是否作为典型案例向社会公布", help_en="whether it is published as a typical case",
          **_PUBLIC),
    Field("public_summary", "案例简介（公开）", "public summary", T.LONGTEXT, width=24,
          help_zh="向社会公布的简要案情和处理结果，不写个人隐私；典型案例必填",
          help_en="the short public account of the case and its outcome, without private data; "
                  "required for a typical case", **_PUBLIC),
)


def _gi_named(values: dict[str, Any], ctx: RuleContext) -> list[FieldError]:
    if values.get("gi_id") is None and not values.get("gi_name"):
        return [FieldError.of(KIND.field("gi_id"), Reason(
            "涉及地理标志和地理标志名称至少填一项", "give the GI concerned or its name"))]
    return []


KIND = Kind(
    key="case", table="cases", prefix="K", zh="行政保护案件", en="enforcement case",
    fields=FIELDS, title_field="case_no",
    rules=(
        _gi_named,
        rules.not_future(FIELDS, "filed_date", "decision_date", "closed_date"),
        rules.on_or_after(FIELDS, "decision_date", "filed_date"),
        rules.on_or_after(FIELDS, "closed_date", "filed_date"),
        rules.required_when(FIELDS, "decision_no", lambda v: v.get("status") == "decided",
                            "状态为处罚决定", "the status is 'penalty decided'"),
        rules.required_when(FIELDS, "decision_date", lambda v: v.get("decision_no") is not None,
                            "填写处罚决定书文号", "a decision number is given"),
        rules.required_when(FIELDS, "closed_date", lambda v: v.get("status") == "closed",
                            "状态为结案", "the status is 'closed'"),
        rules.required_when(FIELDS, "public_summary", lambda v: bool(v.get("typical")),
                            "标为典型案例", "it is marked a typical case"),
    ),
    unique=(("case_no",),),
)
