"""Register 3b: authorised users of the official GI mark (专用标志合法使用人 / 用标主体)."""

from __future__ import annotations

from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

STATUS = choices(
    ("applying", "申请中", "applying"),
    ("approved", "已核准", "approved"),
    ("suspended", "暂停", "suspended"),
    ("disqualified", "停止资格", "disqualified"),
    ("cancelled", "注销", "cancelled"),
)

FIELDS: tuple[Field, ...] = (
    Field("name", "企业名称", "enterprise name", required=True, max_length=100, width=24),
    Field("uscc", "统一社会信用代码", "USCC", T.USCC, required=True, width=20),
    Field("entity_type", "主体类型", "entity type", T.CHOICE, required=True, choices=choices(
        ("enterprise", "企业", "enterprise"),
        ("cooperative", "农民专业合作社", "farmers' cooperative"),
        ("individual", "个体工商户", "individual business"),
        ("association", "协会/社会团体", "association"),
        ("institution", "事业单位", "public institution"),
        ("other", "其他", "other"),
    )),
    Field("legal_rep", "法定代表人", "legal representative", max_length=30),
    Field("address", "地址", "address", max_length=200, width=24),
    Field("contact", "联系人", "contact person", max_length=30),
    Field("phone", "联系电话", "phone", T.PHONE),
    Field("gi_id", "使用的地理标志", "GI used", T.REF, required=True, ref="gi", width=14),
    Field("announcement_no", "核准公告号", "approval notice number", max_length=40),
    Field("tm_registration_no", "商标注册号", "trademark registration number", max_length=30),
    Field("license_record_no", "许可备案号", "licence record number", max_length=40),
    Field("approval_date", "核准日期", "approval date", T.DATE),
    Field("products", "产品及规格", "products and specifications", T.LONGTEXT, width=24),
    Field("status", "状态", "status", T.CHOICE, required=True, choices=STATUS, width=8),
    Field("model_level", "示范企业级别", "model enterprise level", T.CHOICE, choices=choices(
        ("national", "国家级", "national"), ("provincial", "省级", "provincial"),
        ("city", "市级", "city"),
    )),
    Field("model_year", "示范企业认定年份", "model enterprise year", T.YEAR, minimum=2000,
          maximum=2100, width=6),
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
            column("license_record_no")))
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
