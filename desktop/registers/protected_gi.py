"""Register 3a: protected GIs of the office (已保护地理标志)."""

from __future__ import annotations

from desktop.fields import Field, Kind
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.registers.codes import GI_TYPES

FIELDS: tuple[Field, ...] = (
    Field("name", "地理标志名称", "GI name", required=True, max_length=50, width=14,
          help_zh="地名+通用名称，如：晋州鸭梨", help_en="place name + generic name, e.g. 晋州鸭梨"),
    Field("gi_type", "保护类型", "type", T.CHOICE, required=True, choices=GI_TYPES, width=14,
          help_zh="单选：地理标志保护产品、集体商标、证明商标，或原农产品地理标志",
          help_en="one choice: protected product, collective mark, certification mark, or the "
                  "former agricultural GI"),
    Field("reference_no", "注册号/认定公告号", "registration or notice number", required=True,
          max_length=40, width=16,
          help_zh="商标填注册号，保护产品填认定公告号，农产品地理标志填登记证书编号",
          help_en="a mark's registration number, a protected product's notice number, an "
                  "agricultural GI's certificate number"),
    Field("holder", "注册人/申请人", "holder", max_length=100, width=20,
          help_zh="商标注册人或保护产品申请人的全称",
          help_en="the full name of the mark's registrant or of the product's applicant"),
    Field("holder_uscc", "注册人统一社会信用代码", "holder USCC", T.USCC, width=20,
          help_zh="18位，见营业执照或登记证书",
          help_en="18 characters, as on the business licence or registration certificate"),
    Field("approval_date", "核准/认定日期", "approval date", T.DATE,
          help_zh="核准注册或认定公告的日期，公历，如：2024年5月1日",
          help_en="the date of registration or of the recognition notice, e.g. 2024-05-01"),
    Field("protected_area", "保护范围", "protected area", T.LONGTEXT, width=24,
          help_zh="核准的产地保护范围，列出所涉乡（镇）、街道名称",
          help_en="the protected production area: its towns and sub-districts"),
    Field("standard_no", "标准号", "standard number", max_length=60,
          help_zh="质量技术要求或产品标准的编号，如：DB13/T 1234—2020",
          help_en="the number of the quality specification or standard, e.g. DB13/T 1234-2020"),
    Field("eu_china", "中欧地理标志互认互保", "EU-China list", T.BOOL, width=6,
          help_zh="已列入中欧地理标志协定互认互保清单的选“是”",
          help_en="yes when it is on the list of the EU-China agreement on GIs"),
    Field("candidate_id", "来源培育对象", "from candidate", T.REF, ref="candidate",
          help_zh="由培育对象获批而来的，填其编号，如：C-130125-000001",
          help_en="the candidate it was approved from, e.g. C-130125-000001"),
    Field("resource_id", "来源普查资源", "from surveyed resource", T.REF, ref="resource",
          help_zh="对应普查资源的编号，如：R-130125-000001",
          help_en="the surveyed resource it comes from, e.g. R-130125-000001"),
    Field("note", "备注", "note", T.LONGTEXT, width=24,
          help_zh="其他需要说明的情况", help_en="anything else worth noting"),
)

KIND = Kind(
    key="gi", table="protected_gis", prefix="G", zh="已保护地理标志", en="protected GI",
    fields=FIELDS, title_field="name",
    rules=(rules.not_future(FIELDS, "approval_date"),),
    unique=(("gi_type", "reference_no"),),
    warnings=(rules.uscc_in_office_province(FIELDS, "holder_uscc"),),
)
