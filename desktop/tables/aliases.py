"""How offices head their columns: header normalisation and the other names of each field.

A header is compared :func:`normalised` (spaces, full-width ones too, and a trailing required
mark ``*``/``＊`` out; （）→ (); case folded) with each field's Chinese and English label, the
names in :data:`ALIASES`, and then both without a bracketed unit (``产量（吨）`` → ``产量``)."""

from __future__ import annotations

import re

__all__ = ["ALIASES", "COMMON", "ID_HEADERS", "TOTAL_WORDS", "normalise", "without_unit", "aliases_of"]

COMMON: dict[str, tuple[str, ...]] = {
    "uscc": ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "社会统一信用代码", "uscc"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式"),
    "contact": ("联系人", "负责人", "联系人姓名"),
    "legal_rep": ("法定代表人", "法人", "法人代表", "法定代表人(负责人)"),
    "address": ("地址", "住所", "企业地址", "经营地址", "通讯地址", "详细地址"),
    "reporter": ("填报人", "填表人"),
    "standard_no": ("标准号", "标准编号"),
    "note": ("备注", "说明"),
}
"""Field key → other headers, for every register that has a field of that key."""

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "mark-user": {
        "name": ("企业名称", "单位名称", "主体名称", "用标主体", "用标主体名称", "企业(单位)名称", "名称",
                 "用标企业", "用标单位"),
        "gi_id": ("使用的地理标志", "地理标志", "地理标志名称", "所用地理标志", "使用地理标志", "地理标志产品"),
        "entity_type": ("主体类型", "企业类型", "单位类型", "主体性质"),
        "status": ("状态", "用标状态", "使用状态"),
        "announcement_no": ("核准公告号", "公告号", "核准公告"),
        "approval_date": ("核准日期", "批准日期", "核准时间"),
        "products": ("产品及规格", "产品", "使用产品", "产品名称及规格"),
    },
    "annual-report": {
        "mark_user_id": ("用标主体", "企业名称", "单位名称", "主体名称", "统一社会信用代码", "社会信用代码",
                         "信用代码", "用标主体名称"),
        "year": ("年度", "年份", "报告年度", "年报年度"),
        "report_date": ("填报日期", "报送日期", "报告日期"),
        "review_status": ("审核状态", "状态"),
    },
    "resource": {
        "name": ("产品名称", "资源名称", "名称", "地理标志产品名称"),
        "survey_date": ("填报日期", "调查日期", "普查日期"),
        "towns": ("产地范围", "乡镇", "涉及乡镇"),
    },
    "gi": {
        "name": ("地理标志名称", "名称", "产品名称", "商标名称"),
        "gi_type": ("保护类型", "类型", "类别"),
        "reference_no": ("注册号/认定公告号", "注册号", "公告号", "认定公告号"),
        "holder": ("注册人/申请人", "注册人", "申请人", "持有人"),
        "holder_uscc": ("注册人统一社会信用代码", "注册人信用代码"),
        "resource_id": ("来源普查资源", "普查资源"),
        "candidate_id": ("来源培育对象", "培育对象"),
    },
    "candidate": {
        "resource_id": ("普查资源", "资源名称", "产品名称", "来源资源"),
        "name": ("培育名称", "名称", "培育对象"),
    },
    "inspection": {
        "mark_user_id": ("检查对象", "用标主体", "企业名称", "单位名称", "统一社会信用代码"),
    },
    "abnormal": {
        "mark_user_id": ("用标主体", "企业名称", "单位名称", "统一社会信用代码"),
    },
}
"""Register → field key → other headers offices use for it (besides its labels and :data:`COMMON`)."""

ID_HEADERS: tuple[str, ...] = ("编号", "id", "记录编号", "台账编号", "编码")
"""Headers of a column holding the record's id (see :data:`desktop.tables.model.ID_KEY`)."""

TOTAL_WORDS: tuple[str, ...] = ("合计", "总计", "小计", "总合计", "共计")
"""The first words of a totals row (left out of the import)."""

_SPACES = re.compile(r"[\s\u3000\xa0]+")
_UNIT = re.compile(r"\([^()]*\)$")


def normalise(header: str) -> str:
    """A header as compared: spaces (full-width too) out, a trailing ``*``/``＊`` out (a
    required mark; a leading one too), （）→ (), case folded."""
    text = _SPACES.sub("", str(header)).replace("（", "(").replace("）", ")")
    return text.strip("*＊").casefold()


def without_unit(header: str) -> str:
    """A normalised header without its bracketed unit at the end (``产量(吨)`` → ``产量``)."""
    return _UNIT.sub("", normalise(header))


def aliases_of(kind_key: str, field_key: str) -> tuple[str, ...]:
    """The other headers of a field: its register's own, then the common ones."""
    return ALIASES.get(kind_key, {}).get(field_key, ()) + COMMON.get(field_key, ())
