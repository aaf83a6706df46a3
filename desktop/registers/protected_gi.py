"""Register 3a: protected GIs of the office (已保护地理标志)."""

from __future__ import annotations

from desktop.fields import Field, Kind
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.codes import GI_TYPES

FIELDS: tuple[Field, ...] = (
    Field("name", "地理标志名称", "GI name", required=True, max_length=50, width=14),
    Field("gi_type", "保护类型", "type", T.CHOICE, required=True, choices=GI_TYPES, width=14),
    Field("reference_no", "注册号/认定公告号", "registration or notice number", required=True,
          max_length=40, width=16),
    Field("holder", "注册人/申请人", "holder", max_length=100, width=20),
    Field("holder_uscc", "注册人统一社会信用代码", "holder USCC", T.USCC, width=20),
    Field("approval_date", "核准/认定日期", "approval date", T.DATE),
    Field("protected_area", "保护范围", "protected area", T.LONGTEXT, width=24),
    Field("standard_no", "标准号", "standard number", max_length=60),
    Field("eu_china", "中欧地理标志互认互保", "EU-China list", T.BOOL, width=6),
    Field("candidate_id", "来源培育对象", "from candidate", T.REF, ref="candidate"),
    Field("resource_id", "来源普查资源", "from surveyed resource", T.REF, ref="resource"),
    Field("note", "备注", "note", T.LONGTEXT, width=24),
)

KIND = Kind(
    key="gi", table="protected_gis", prefix="G", zh="已保护地理标志", en="protected GI",
    fields=FIELDS, title_field="name",
    rules=(rules.not_future(FIELDS, "approval_date"),),
    unique=(("gi_type", "reference_no"),),
    warnings=(rules.uscc_in_office_province(FIELDS, "holder_uscc"),),
)
