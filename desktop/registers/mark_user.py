"""Register 3b: authorised users of the official GI mark (专用标志合法使用人 / 用标主体)."""

from __future__ import annotations

from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, Section, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

STATUS = choices(
    ("applying", "申请中", "applying"),
    ("approved", "已核准", "approved"),
    ("suspended", "暂停", "suspended"),
    ("abnormal", "列入异常名录", "on the abnormal list", "异常"),
    ("disqualified", "停止资格", "disqualified"),
    ("cancelled", "注销", "cancelled"),
)
AUTHORISED: tuple[str, ...] = ("approved", "abnormal")
"""The statuses of a user authorised to use the mark: 已核准, and 列入异常名录 (listing does not
take the authorisation away). The counts of authorised users (coverage, the city table, the
statistics, the targets) count these."""

# The sections of the form (printed and on screen), as Field keyword arguments.
_ENTITY: Section = {"section": "主体信息", "section_en": "The enterprise"}
_BASIS: Section = {"section": "用标依据", "section_en": "Basis for using the mark"}
_STATUS: Section = {"section": "产品与状态", "section_en": "Products and status"}

FIELDS: tuple[Field, ...] = (
    Field("name", "企业名称", "enterprise name", required=True, max_length=100, width=24,
          help_zh="与营业执照一致的全称，如：晋州市××果品有限公司",
          help_en="the full name as on the business licence", **_ENTITY),
    Field("uscc", "统一社会信用代码", "USCC", T.USCC, required=True, width=20,
          help_zh="18位，见营业执照", help_en="18 characters, as on the business licence",
          **_ENTITY),
    Field("entity_type", "主体类型", "entity type", T.CHOICE, required=True, choices=choices(
        ("enterprise", "企业", "enterprise"),
        ("cooperative", "农民专业合作社", "farmers' cooperative"),
        ("individual", "个体工商户", "individual business"),
        ("association", "协会/社会团体", "association"),
        ("institution", "事业单位", "public institution"),
        ("other", "其他", "other"),
    ), help_zh="单选，与营业执照或登记证书一致；信用代码前两位应相符，如企业为91",
          help_en="one choice, as on the licence; the USCC's first two characters fit it "
                  "(91 for an enterprise)", **_ENTITY),
    Field("legal_rep", "法定代表人", "legal representative", max_length=30,
          help_zh="法定代表人（负责人、经营者）姓名",
          help_en="the legal representative (head, operator)", **_ENTITY),
    Field("address", "地址", "address", max_length=200, width=24,
          help_zh="住所或生产经营地址，写到门牌号",
          help_en="the registered or business address, down to the street number",
          **_ENTITY),
    Field("contact", "联系人", "contact person", max_length=30,
          help_zh="负责用标事务的联系人姓名",
          help_en="the person who handles the use of the mark", **_ENTITY),
    Field("phone", "联系电话", "phone", T.PHONE,
          help_zh="11位手机号，或区号-座机号，如：0311-88888888",
          help_en="an 11-digit mobile number, or area code-landline, e.g. 0311-88888888",
          **_ENTITY),
    Field("gi_id", "使用的地理标志", "GI used", T.REF, required=True, ref="gi", width=14,
          help_zh="所用地理标志的编号，如：G-130125-000001；窗口中可直接选择",
          help_en="the protected GI's id, e.g. G-130125-000001 (pick it in the window)",
          **_BASIS),
    Field("announcement_no", "核准公告号", "approval notice number", max_length=40,
          help_zh="国家知识产权局核准使用专用标志的公告号",
          help_en="the number of CNIPA's notice approving the use of the mark", **_BASIS),
    Field("tm_registration_no", "商标注册号", "trademark registration number", max_length=30,
          help_zh="所用地理标志商标的注册号；无核准公告号的与许可备案号一并填写",
          help_en="the GI trademark's registration number; without a notice, give it with the "
                  "licence record number", **_BASIS),
    Field("license_record_no", "许可备案号", "licence record number", max_length=40,
          help_zh="商标使用许可合同的备案号",
          help_en="the record number of the trademark licence", **_BASIS),
    Field("approval_date", "核准日期", "approval date", T.DATE,
          help_zh="核准使用专用标志的日期，公历，如：2024年5月1日",
          help_en="the date the use of the mark was approved, e.g. 2024-05-01", **_BASIS),
    Field("products", "产品及规格", "products and specifications", T.LONGTEXT, width=24,
          help_zh="使用专用标志的产品名称及包装规格，如：鸭梨，5千克/箱",
          help_en="the products and pack sizes that carry the mark, e.g. pears, 5 kg a box",
          **_STATUS),
    Field("status", "状态", "status", T.CHOICE, required=True, choices=STATUS, width=8,
          help_zh="单选；已核准的须有核准公告号，或商标注册号加许可备案号",
          help_en="one choice; an approved user needs a notice number, or a trademark and a "
                  "licence record number", **_STATUS),
    Field("model_level", "示范企业级别", "model enterprise level", T.CHOICE, choices=choices(
        ("national", "国家级", "national"), ("provincial", "省级", "provincial"),
        ("city", "市级", "city"),
    ), help_zh="获认定的地理标志示范企业级别；不是示范企业的不填",
          help_en="the level of its model-enterprise title; empty when it has none",
          **_STATUS),
    Field("model_year", "示范企业认定年份", "model enterprise year", T.YEAR, minimum=2000,
          maximum=2100, width=6,
          help_zh="示范企业的认定年份，4位数字，如：2024；填了级别的必填",
          help_en="the year of the title, four digits, e.g. 2024; required with a level",
          **_STATUS),
)


def _basis_when_approved(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    """An approved user has a basis: a notice number, or a trademark number plus licence record."""
    f = KIND.field("announcement_no")
    return [(i, FieldError.of(f, Reason(
        "已核准的用标主体须填写核准公告号，或商标注册号加许可备案号",
        "an approved user needs the approval notice number, or the trademark registration "
        "number and the licence record number")))
        for i, (status, notice, tm_no, licence) in enumerate(zip(
            column("status"), column("announcement_no"), column("tm_registration_no"),
            column("license_record_no"), strict=True))
        if status == "approved" and notice is None and (tm_no is None or licence is None)]


USCC_FOR_ENTITY_TYPE: dict[str, tuple[str, ...]] = {
    "enterprise": ("91",),
    "cooperative": ("93",),
    "individual": ("92",),
    "association": ("51", "52", "53", "59"),
    "institution": ("11", "12", "13", "19"),
}
"""The USCC positions 1-2 (GB 32100: registering authority + entity kind) that fit each
主体类型; a code that does not fit is saved with a warning. ``other`` is not checked."""

KIND = Kind(
    key="mark-user", table="mark_users", prefix="U", zh="用标主体", en="mark user",
    fields=FIELDS, title_field="name",
    rules=(
        by_columns(_basis_when_approved),
        rules.not_future(FIELDS, "approval_date"),
        rules.required_when(FIELDS, "model_year", lambda v: v.get("model_level") is not None,
                            "填写示范企业级别", "a model enterprise level is given"),
        rules.year_not_future(FIELDS, "model_year"),
    ),
    unique=(("uscc", "gi_id"),),
    warnings=(
        rules.uscc_fits_entity_type(FIELDS, "uscc", "entity_type", USCC_FOR_ENTITY_TYPE),
        rules.uscc_in_office_province(FIELDS, "uscc"),
    ),
)
