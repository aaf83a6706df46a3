"""Demo data: a plausible county's registers, for training, screenshots and benchmarks.

``giledger demo [--size small|large] [--seed N]`` calls :func:`generate_demo`. The data
look like a real county's (its real towns, real GI names of Shijiazhuang's units where
public facts are known, valid USCCs, consistent dates and figures) but are invented.

Rules the generator keeps:

- It refuses a database that already holds any register record (:class:`DemoRefused`):
  demo rows must never be mixed into real data. A new database is initialised for
  ``office_code``; an initialised but empty one keeps its own office.
- Everything, the initialisation included, is one transaction: a failure, a cancel or
  a killed process leaves the file as it was.
- Every row goes through :meth:`desktop.ledger.Ledger.bulk_add`, i.e. the same
  validation as a clerk's input. Stage events and protected GIs, which ``bulk_add``
  does not derive, are generated consistently here.
- Deterministic: the same ``seed`` and ``today`` give the same records (ids included);
  only created/updated timestamps differ. Dates are anchored on ``today``.

The data are built in memory first (references as :class:`_Ref` placeholders), then
written kind by kind in reference order, each placeholder replaced by the id that
``bulk_add`` returned for the row it points to.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from random import Random
from typing import Any, ClassVar, cast

import sqlite_utils

from db import meta
from db.connection import transaction
from db.migrations import RECORD_TABLES
from desktop import divisions, practice
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger, init_office
from desktop.registers.candidate import FINAL_APPROVED, NEXT_STEPS, next_step_after
from desktop.registers.codes import TRADEMARK_ROUTES
from desktop.validation import USCC_ALPHABET, uscc_check_char

__all__ = ["DemoSummary", "DemoRefused", "SIZES", "KIND_ORDER", "generate_demo", "make_uscc"]

log = logging.getLogger(__name__)

KIND_ORDER: tuple[str, ...] = (
    "resource", "candidate", "stage-event", "gi", "mark-user", "annual-report", "inspector", "plan",
    "inspection", "case", "abnormal", "stats",
)
"""The kinds the demo writes, in reference order."""


ACT_TEXT = {"unauthorised_mark": "擅自使用地理标志专用标志", "counterfeit": "伪造、冒用地理标志",
            "similar_mark": "使用近似标志", "kind_style": "使用“种类、品种、风格、仿制”等表述",
            "off_spec": "未按规范生产", "other": "地理标志违法"}


_CASE_FACTS = {
    "unauthorised_mark": "经查，当事人未经核准，在其销售的{gi}包装上使用地理标志专用标志，涉案商品{n}箱，货值{value}元",
    "counterfeit": "经查，当事人销售的产品并非产自{gi}保护范围，却以“{gi}”名义销售，涉案商品{n}箱，货值{value}元",
    "similar_mark": "经查，当事人在商品包装上使用与{gi}地理标志近似的标志，足以使公众误认产地，"
                    "涉案商品{n}箱，货值{value}元",
    "kind_style": "经查，当事人在商品名称中使用“{gi}风味”“{gi}类”等表述，涉案商品{n}箱，货值{value}元",
    "off_spec": "经查，当事人作为{gi}用标主体，未按产品标准和管理规范组织生产，抽检{n}批次不合格，货值{value}元",
    "other": "经查，当事人在广告宣传中虚假标注{gi}地理标志信息，涉案商品{n}箱，货值{value}元",
}
"""The demo cases' facts per act (``gi``: the GI's name, ``n`` and ``value``: quantities)."""

_CASE_SUMMARY = {
    "unauthorised_mark": "擅自使用{gi}地理标志专用标志", "counterfeit": "冒用“{gi}”地理标志名称",
    "similar_mark": "使用与{gi}近似的标志", "kind_style": "使用“{gi}风味”等表述",
    "off_spec": "未按{gi}标准组织生产", "other": "虚假标注{gi}地理标志信息",
}
_SOURCE_TEXT = {"inspection": "日常检查", "complaint": "群众投诉举报", "assigned": "上级交办",
                "online": "网络监测", "transfer": "有关部门移送"}


class DemoRefused(Exception):
    """The demo cannot be written here (the database holds real records, or a bad size)."""


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    office_code: str
    counts: dict[str, int]
    """kind key → rows written"""
    seconds: float


@dataclass(frozen=True)
class _Size:
    resources: int
    candidates: int
    gis: int
    pre_gis: int
    """At least this many GIs existed before the pipeline (no candidate)."""
    mark_users: int
    inspections: int
    abnormal: int
    plans: int
    inspectors: int
    full_reports: bool
    """Every user reports every one of the last five years (exact counts for benchmarks)."""
    late_report_rate: float
    dormant_rate: float


SIZES: dict[str, _Size] = {
    "small": _Size(resources=30, candidates=8, gis=4, pre_gis=2, mark_users=40, inspections=40,
                   abnormal=5, plans=2, inspectors=8, full_reports=False,
                   late_report_rate=0.10, dormant_rate=0.08),
    "large": _Size(resources=2_000, candidates=200, gis=20, pre_gis=4, mark_users=20_000,
                   inspections=20_000, abnormal=1_000, plans=5, inspectors=24, full_reports=True,
                   late_report_rate=0.006, dormant_rate=0.003),
}
REPORT_YEARS = 5

# ---- word lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Product:
    """A generic product name and how such a product is described and measured."""

    generic: str
    attribute: str  # grown | crafted
    category: str
    subtype: str
    nice_class: int
    measure: str  # area | stock | none
    output: tuple[float, float]  # a mark user's yearly output, tonnes
    price: tuple[float, float]  # 10k yuan per tonne
    quals: str  # key of QUALIFIERS


PRODUCTS: tuple[_Product, ...] = (
    _Product("大枣", "grown", "primary_agri", "fruit", 31, "area", (20, 600), (0.6, 1.6), "fruit"),
    _Product("小米", "grown", "primary_agri", "grain_oil", 30, "area", (30, 800), (0.6, 1.2), "grain"),
    _Product("核桃", "grown", "primary_agri", "fruit", 31, "area", (5, 200), (2.0, 4.0), "fruit"),
    _Product("苹果", "grown", "primary_agri", "fruit", 31, "area", (50, 1500), (0.4, 0.9), "fruit"),
    _Product("鸭梨", "grown", "primary_agri", "fruit", 31, "area", (50, 1500), (0.3, 0.7), "fruit"),
    _Product("甜瓜", "grown", "primary_agri", "fruit", 31, "area", (30, 900), (0.3, 0.8), "veg"),
    _Product("花椒", "grown", "primary_agri", "condiment", 30, "area", (2, 60), (5.0, 9.0), "herb"),
    _Product("柿子", "grown", "primary_agri", "fruit", 31, "area", (20, 500), (0.3, 0.8), "fruit"),
    _Product("板栗", "grown", "primary_agri", "fruit", 31, "area", (10, 300), (1.0, 2.0), "fruit"),
    _Product("山楂", "grown", "primary_agri", "fruit", 31, "area", (20, 500), (0.3, 0.6), "fruit"),
    _Product("香菇", "grown", "primary_agri", "fungus", 31, "area", (10, 400), (0.8, 1.6), "veg"),
    _Product("红薯", "grown", "primary_agri", "vegetable", 31, "area", (50, 1200), (0.2, 0.5), "veg"),
    _Product("大葱", "grown", "primary_agri", "vegetable", 31, "area", (50, 1500), (0.2, 0.4), "veg"),
    _Product("黄芩", "grown", "medicinal", "herb", 5, "area", (2, 80), (3.0, 8.0), "herb"),
    _Product("酸枣仁", "grown", "medicinal", "herb", 5, "area", (1, 30), (20.0, 40.0), "herb"),
    _Product("黑猪", "grown", "primary_agri", "livestock", 29, "stock", (10, 400), (2.0, 3.5), "stock"),
    _Product("土鸡蛋", "grown", "primary_agri", "livestock", 29, "stock", (5, 200), (1.0, 1.8), "stock"),
    _Product("羊肉", "grown", "primary_agri", "livestock", 29, "stock", (5, 150), (5.0, 8.0), "stock"),
    _Product("蜂蜜", "grown", "primary_agri", "other", 30, "stock", (1, 60), (3.0, 8.0), "stock"),
    _Product("挂面", "crafted", "processed_food", "grain_oil", 30, "none", (30, 900), (0.6, 1.2), "food"),
    _Product("宫面", "crafted", "processed_food", "grain_oil", 30, "none", (10, 300), (1.5, 3.0), "food"),
    _Product("粉条", "crafted", "processed_food", "grain_oil", 30, "none", (20, 600), (0.8, 1.5), "food"),
    _Product("香油", "crafted", "processed_food", "grain_oil", 29, "none", (5, 200), (3.0, 6.0), "food"),
    _Product("陈醋", "crafted", "processed_food", "condiment", 30, "none", (20, 900), (0.4, 1.0), "food"),
    _Product("白酒", "crafted", "processed_food", "liquor", 33, "none", (10, 500), (3.0, 12.0), "food"),
    _Product("剪纸", "crafted", "handicraft", "craft", 16, "none", (0.2, 5), (30.0, 120.0), "craft"),
    _Product("布艺", "crafted", "handicraft", "craft", 24, "none", (0.5, 10), (20.0, 80.0), "craft"),
    _Product("黑陶", "crafted", "handicraft", "craft", 21, "none", (1, 30), (5.0, 20.0), "craft"),
)
_PRODUCT_BY_GENERIC = {p.generic: p for p in PRODUCTS}

QUALIFIERS: dict[str, tuple[str, ...]] = {
    "fruit": ("金丝", "晚熟", "早熟", "山地", "老树", "小粒", "有机", "红皮"),
    "grain": ("黄", "黑", "有机", "旱地", "沟谷"),
    "veg": ("有机", "露地", "沙地", "大棚"),
    "herb": ("野生", "山地", "道地"),
    "stock": ("散养", "山地", "生态", "林下"),
    "food": ("手工", "古法", "传统", "石磨"),
    "craft": ("传统", "手工", "民间"),
}

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏"
            "卢蒋蔡贾丁魏薛叶阎潘杜戴夏田任姜范方石姚谭邹金郝孔白崔康孟贺武乔常尹史")
GIVEN = ("建国志强秀英桂兰玉凤海燕红梅丽娟立新振华国强卫东春生永刚淑珍凤英文明建军晓东亚楠"
         "子涵梓萱浩然欣怡宇航雨桐佳琪俊杰思远明辉丽华玉洁晨曦鹏飞伟敏静磊勇艳涛超霞平刚")
BRAND_CHARS = ("鑫源丰泰华盛恒兴瑞祥康福宏达金润嘉裕隆昌信德诚和顺益绿禾谷山田园春秋冀中燕"
               "正大天利民安宁富汇通永聚晟旺佳美乐宝新众博荣庆嘉鼎")
INDUSTRIES = ("{p}种植", "{p}食品", "农业科技", "农产品", "生态农业", "{p}产业", "食品")
SHOPS = ("家庭农场", "经销部", "加工坊")
VILLAGES = ("{s}家庄", "{s}庄", "东{s}庄", "西{s}庄", "{s}家峪", "{s}家沟", "南{s}村", "北{s}村")
PRINTERS = ("印务有限公司", "彩印包装有限公司", "包装印刷厂")
TESTING = (
    "委托县农产品质量安全检测站抽检{n}批次，均合格。",
    "企业自检{n}批次，送第三方检测机构检验1批次，合格。",
    "市场监管部门监督抽检{n}批次，未发现不合格。",
)
FAIL_TEXT: dict[str, str] = {
    "item_area": "部分原料来自保护范围以外地区",
    "item_label": "包装上专用标志比例不规范，未标注专用标志使用人名称",
    "item_mark": "专用标志印制未按规定备案，存在超范围使用",
    "item_material": "原料进货台账不全，来源无法追溯",
    "item_standard": "产品理化指标不符合质量技术要求",
    "item_fake": "存在将专用标志转借他人使用的情况",
}
STAGE_NOTES: dict[str, str] = {
    "tm_applicant": "县政府协调组建申请主体（产业协会）",
    "tm_preparing": "编制使用管理规则，收集历史文献证明",
    "tm_filed": "向国家知识产权局商标局提交注册申请",
    "tm_formal": "申请已受理，形式审查通过",
    "tm_substantive": "进入实质审查",
    "tm_preliminary": "初步审定公告，异议期三个月",
    "tm_registered": "核准注册，领取商标注册证",
    "tm_rejected": "收到驳回通知书",
    "tm_review": "已提出驳回复审申请",
    "pp_local": "县政府确定申请人和产地范围",
    "pp_province": "材料报省市场监督管理局审核",
    "pp_accepted": "国家知识产权局受理，形式审查通过",
    "pp_technical": "技术审查会已召开，按专家意见修改材料",
    "pp_preliminary": "初步认定公告，异议期两个月",
    "pp_approved": "国家知识产权局发布认定公告",
    "pp_refused": "国家知识产权局决定不予认定",
}
MATERIALS_TM = ("applicant_proof", "rules", "area_proof", "quality_link", "history_proof", "testing")
MATERIALS_PP = ("area_proof", "quality_link", "history_proof", "tech_spec", "testing", "applicant_proof")
"""Documents of each route, in the order they are usually ready."""
HISTORY_TAILS = ("清代曾作为地方特产进贡。", "民国时期已远销京津。", "旧县志中多有记载。",
                 "二十世纪八十年代起形成规模化生产。")
TOWN_FALLBACK = ("城关镇", "东关镇", "西关镇", "南关乡", "北关乡", "新城镇", "河东乡", "河西乡")


@dataclass(frozen=True)
class _Known:
    """A public fact about a real GI of one unit (see docs: domain.md, 石市监函〔2024〕15号)."""

    name: str
    role: str  # "gi" (protected before the pipeline) or "candidate"
    route: str  # GI type or candidate route
    year: int | None = None  # approval year (GI), when public
    stage: str | None = None  # candidate stage
    users_in_2024: int = 0  # mark users approved in 2024, when public


KNOWN: dict[str, tuple[_Known, ...]] = {
    "130125": (_Known("行唐大枣", "gi", "certification_mark"),
               _Known("行唐大枣", "candidate", "protected_product", stage="pp_technical")),
    "130183": (_Known("晋州鸭梨", "gi", "protected_product", year=2010, users_in_2024=12),
               _Known("晋州鸭梨", "gi", "certification_mark")),
    "130109": (_Known("藁城宫面", "gi", "protected_product"),),
    "130184": (_Known("新乐甜瓜", "candidate", "protected_product", stage="pp_local"),),
    "130129": (_Known("赞皇大枣", "gi", "protected_product"),),
    "130121": (_Known("井陉苹果", "candidate", "protected_product", stage="pp_technical"),),
}
"""Real GIs of Shijiazhuang's units named in the source documents (types as far as public)."""

TRADEMARK_STATS: dict[str, tuple[int, int]] = {
    "130102": (50575, 4), "130104": (37177, 2), "130108": (35691, 2), "130105": (30837, 1),
    "130171": (49744, 11), "130109": (20395, 5), "130111": (8343, 8), "130110": (7631, 6),
    "130107": (790, 1), "130123": (13360, 1), "130131": (4041, 2), "130121": (2597, 3),
    "130126": (3259, 1), "130133": (7099, 2), "130125": (2820, 1), "130130": (8571, 1),
    "130132": (3306, 1), "130127": (3125, 2), "130129": (2233, 0), "130128": (10167, 1),
    "130183": (15638, 4), "130184": (6452, 0),
}
"""有效注册商标 and 驰名商标 at the end of 2023 (attachment of 石市监函〔2024〕15号)."""

# ---- small helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """A reference to the ``index``-th generated row of ``kind``, resolved at write time."""

    kind: str
    index: int


def make_uscc(rng: Random, kind: str, division_code: str) -> str:
    """A valid 18-character USCC: authority+kind ``kind`` (e.g. ``"91"``), the division code,
    nine random characters and the GB 32100 check character."""
    body = kind + division_code + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + uscc_check_char(body)


def _stem(name: str) -> str:
    """``行唐县`` → ``行唐``; ``晋州市`` → ``晋州``; ``九门回族乡`` → ``九门``."""
    name = re.sub(r"(?:[\u4e00-\u9fff]{1,4}族)*自治[县旗州]$", "", name)
    name = re.sub(r"(?:[\u4e00-\u9fff]{1,2}族)?(?:街道|地区办事处|办事处|镇|乡|苏木)$", "", name)
    name = re.sub(r"[县市区旗]$", "", name)
    return name


def _days(rng: Random, lo: int, hi: int) -> timedelta:
    return timedelta(days=rng.randint(lo, hi))


def _between(rng: Random, a: date, b: date) -> date:
    """A day in [a, b] (``a`` if the range is empty)."""
    return a + timedelta(days=rng.randint(0, max(0, (b - a).days)))


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


_TM_NUMBERS = ((2005, 4_500_000), (2010, 8_500_000), (2015, 17_000_000), (2018, 30_000_000),
               (2020, 45_000_000), (2022, 62_000_000), (2024, 78_000_000), (2030, 120_000_000))


def _tm_number(rng: Random, day: date) -> str:
    """A trademark application number of about the size CNIPA issued around ``day``."""
    pts = _TM_NUMBERS
    y = day.year + day.timetuple().tm_yday / 366
    for (y0, n0), (y1, n1) in pairwise(pts):
        if y <= y1:
            base = n0 + (n1 - n0) * max(0.0, y - y0) / (y1 - y0)
            break
    else:
        base = pts[-1][1]
    return str(int(base * rng.uniform(0.97, 1.03)))


def _notice_no(rng: Random, day: date) -> str:
    """A national GI notice number of ``day``'s authority (AQSIQ until 2018, then CNIPA);
    numbers grow with the date, so a later notice never has a smaller number."""
    if day.year <= 2017:
        return f"原国家质检总局公告{day.year}年第{5 + day.timetuple().tm_yday * 150 // 366 + rng.randint(0, 3)}号"
    return f"国家知识产权局公告第{250 + (day - date(2018, 1, 1)).days * 60 // 365 + rng.randint(0, 3)}号"


def _gazette_issue(day: date) -> str:
    return f"第{1040 + (day - date(2008, 1, 7)).days // 7}期"


# ---- the generator ------------------------------------------------------------------------


@dataclass
class _Gi:
    index: int
    name: str
    gi_type: str
    approval: date
    product: _Product
    reference_no: str
    holder: str
    eligible: bool = False  # may have mark users
    weight: float = 1.0
    users_in_2024: int = 0


@dataclass
class _User:
    index: int
    gi: _Gi
    status: str
    approval: date | None
    entity: str
    contact: str
    dormant: bool = False


class _Builder:
    """Builds every row in memory, with :class:`_Ref` placeholders for references."""

    def __init__(self, size: _Size, rng: Random, office: meta.Office, today: date):
        self.size = size
        self.rng = rng
        self.office = office
        self.code = office.code
        self.today = today
        self.first_year = today.year - REPORT_YEARS
        self.last_year = today.year - 1
        self.county = (office.name.replace("高新技术产业开发区", "高新区")
                       .replace("经济技术开发区", "经开区"))
        """The office's name as it appears in enterprise names (development zones shortened)."""
        stem = _stem(office.name)
        if len(stem) > 4 or not stem:  # development zones: name products after the city
            parent = divisions.lookup(office.parent_code) if office.parent_code else None
            stem = _stem(parent.name) if parent else stem[:2]
        self.stem = stem
        towns = [n for _, n in divisions.towns(office.code)]
        rural = [t for t in towns if re.search(r"[镇乡]$", t)]
        self.towns: list[str] = rural or [t for t in towns if "开发区" not in t] or list(TOWN_FALLBACK)
        try:
            self.place = divisions.full_name(office.code).replace(" ", "")
        except KeyError:
            self.place = office.name
        self.landline_area = "0311" if self.code.startswith("1301") else None
        self.used_names: set[str] = set()
        self.used_uscc: set[str] = set()
        self.rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KIND_ORDER}
        self.staff = [self.person() for _ in range(6)]
        self.inspectors = list(dict.fromkeys(self.person() for _ in range(size.inspectors * 2)))
        self.inspectors = self.inspectors[: size.inspectors]
        self.office_dept = f"{self.county}市场监督管理局"
        self.used_refs: set[str] = set()
        self._assoc: dict[str, tuple[str, str]] = {}
        self._res_towns: dict[int, list[str]] = {}
        self.abnormal_pool: list[tuple[str, int, date, date | None, str | None]] = []
        """(reason, user index, listed date, removal date, removal reason) of possible listings."""

    # -- people, companies, identifiers --

    def person(self) -> str:
        rng = self.rng
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        return rng.choice(SURNAMES) + given

    def phone(self, landline: bool = False) -> str:
        rng = self.rng
        if landline and self.landline_area:
            return f"{self.landline_area}-{rng.randint(2, 8)}{rng.randint(0, 9_999_999):07d}"
        return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"

    def uscc(self, kind: str) -> str:
        while True:
            code = make_uscc(self.rng, kind, self.code)
            if code not in self.used_uscc:
                self.used_uscc.add(code)
                return code

    def brand(self) -> str:
        a, b = self.rng.sample(BRAND_CHARS, 2)
        return a + b

    def village(self) -> str:
        return self.rng.choice(VILLAGES).format(s=self.rng.choice(SURNAMES))

    def association(self, product: _Product) -> tuple[str, str]:
        """The county's association for a product (name, USCC): one per product."""
        if product.generic not in self._assoc:
            name = f"{self.county}{product.generic}{self.rng.choice(('协会', '产业协会'))}"
            self._assoc[product.generic] = (name, self.uscc("51"))
        return self._assoc[product.generic]

    def unique_ref(self, make: Callable[[], str]) -> str:
        """A GI reference number not used yet (the register refuses two GIs with one number)."""
        while True:
            ref = make()
            if ref not in self.used_refs:
                self.used_refs.add(ref)
                return ref

    def resource_towns(self, ri: int, *, at_least: int = 1, everywhere: bool = False) -> list[str]:
        """The production area of resource ``ri`` (chosen once, shared by its candidate and GI)."""
        if ri not in self._res_towns:
            n = len(self.towns) if everywhere else self.rng.choice((1, 1, 2, 3, 4, 6))
            picked = self.rng.sample(self.towns, min(len(self.towns), max(at_least, n)))
            self._res_towns[ri] = sorted(picked, key=self.towns.index)
        return self._res_towns[ri]

    def area_text(self, ri: int) -> str:
        """产地范围 as a notice words it: the towns' current administrative areas."""
        towns = self.resource_towns(ri, at_least=2)
        if len(towns) == len(self.towns):
            return f"{self.place}现辖行政区域"
        return f"{self.place}{'、'.join(towns)}现辖行政区域"

    def standard_no(self) -> str:
        rng = self.rng
        return f"DB{self.code[:2]}/T {rng.randint(1000, 4999)}-{rng.randint(2012, self.today.year)}"

    # -- resources --

    def _resource_names(self, known: list[tuple[str, _Product]],
                        head: int) -> list[tuple[str, _Product]]:
        """``size.resources`` distinct (name, product): the known ones, then ``head`` named
        after the county, then a shuffled mix of county and town names, then qualified names."""
        rng, n = self.rng, self.size.resources
        out: list[tuple[str, _Product]] = []

        def take(name: str, p: _Product) -> None:
            if name not in self.used_names and len(out) < n:
                self.used_names.add(name)
                out.append((name, p))

        for name, p in known:
            take(name, p)
        county = [(f"{self.stem}{p.generic}", p) for p in PRODUCTS]
        rng.shuffle(county)
        for name, p in county[:head]:
            take(name, p)
        town_stems = [_stem(t) or t for t in self.towns]
        mixed = county[head:] + [(f"{t}{p.generic}", p) for t in town_stems for p in PRODUCTS]
        rng.shuffle(mixed)
        for name, p in mixed:
            take(name, p)
        if len(out) < n:
            qualified = [(f"{t}{q}{p.generic}", p) for t in town_stems for p in PRODUCTS
                         for q in QUALIFIERS[p.quals]]
            rng.shuffle(qualified)
            for name, p in qualified:
                take(name, p)
        while len(out) < n:
            p = rng.choice(PRODUCTS)
            take(f"{rng.choice(town_stems)}{self.village()}{p.generic}", p)
        return out

    def build(self) -> None:
        size, rng, today = self.size, self.rng, self.today
        known = list(KNOWN.get(self.code, ()))
        known_names: list[tuple[str, _Product]] = []
        for k in known:
            p = next((p for p in PRODUCTS if k.name.endswith(p.generic)), PRODUCTS[0])
            if (k.name, p) not in known_names:
                known_names.append((k.name, p))
        known_gis = [k for k in known if k.role == "gi"]
        known_cands = [k for k in known if k.role == "candidate"]
        n_pre = max(size.pre_gis, len(known_gis))
        n_approved = max(0, min(size.gis - n_pre, size.candidates - len(known_cands)))
        head = (n_pre - len(known_gis)) + (size.candidates - len(known_cands))
        names = self._resource_names(known_names, head)
        index_of = {name: i for i, (name, _) in enumerate(names)}
        free = [i for i in range(len(names)) if names[i][0] not in {k.name for k in known}]
        free.reverse()  # pop() takes them in order
        self.resource_towns(0, everywhere=True)  # the flagship comes from the whole county

        # Pre-existing GIs: the known ones, then generic ones named after the county.
        gis: list[_Gi] = []
        res_gi_types: dict[int, list[str]] = {}
        res_stage: dict[int, tuple[str, str]] = {}  # resource → (route, stage) of its candidate
        old_end = date(self.first_year - 2, 12, 31)
        pre_specs: list[tuple[int, str, int | None, int]] = []
        for k in known_gis:
            pre_specs.append((index_of[k.name], k.route, k.year, k.users_in_2024))
        for j in range(n_pre - len(known_gis)):
            if not free:
                break
            if size.full_reports and j == 0:
                t = "agi"
            else:
                t = rng.choices(("collective_mark", "certification_mark", "protected_product"),
                                (4, 4, 2))[0]
            pre_specs.append((free.pop(), t, None, 0))
        for ri, gi_type, year, users_2024 in pre_specs:
            name, product = names[ri]
            if year is not None:
                approval = min(_between(rng, date(year, 3, 1), date(year, 11, 30)), today)
            else:
                approval = _between(rng, date(2008, 1, 1), old_end)
            if gi_type in TRADEMARK_ROUTES:
                ref_no = self.unique_ref(lambda: _tm_number(rng, approval - _days(rng, 400, 900)))  # noqa: B023 - called at once
            elif gi_type == "agi":
                ref_no = self.unique_ref(lambda: f"AGI{rng.randint(100, 3999):05d}")
            else:
                ref_no = self.unique_ref(lambda: _notice_no(rng, approval))  # noqa: B023 - called at once
            gi = _Gi(len(gis), name, gi_type, approval, product, ref_no,
                     self.association(product)[0], users_in_2024=users_2024)
            gis.append(gi)
            res_gi_types.setdefault(ri, []).append(gi_type)
            self.rows["gi"].append(self._gi_row(gi, resource=ri, candidate=None))

        # Candidates: the known ones, approved ones (which become GIs), then varied stages.
        cand_specs: list[tuple[int, str, str, date | None]] = []
        for k in known_cands:
            cand_specs.append((index_of[k.name], k.route, k.stage or "pp_local", None))
        for j in range(n_approved):
            if not free:
                break
            route = "protected_product" if j % 2 == 0 else rng.choice(sorted(TRADEMARK_ROUTES))
            stage = "pp_approved" if route == "protected_product" else "tm_registered"
            if size.full_reports and j < n_approved - 2:
                # old enough for users who report for all five years
                end = _between(rng, date(2011, 1, 1), date(self.first_year - 1, 6, 30))
            elif not size.full_reports and j == 0:
                end = _between(rng, today - timedelta(days=2200), today - timedelta(days=400))
            else:  # recently approved: few or no users yet
                end = _between(rng, today - timedelta(days=800), today - timedelta(days=60))
            cand_specs.append((free.pop(), route, stage, end))
        while len(cand_specs) < size.candidates and free:
            route = rng.choices(("collective_mark", "certification_mark", "protected_product"),
                                (3, 4, 4))[0]
            if route == "protected_product":
                stage = rng.choices(("pp_local", "pp_province", "pp_accepted", "pp_technical",
                                     "pp_preliminary", "pp_refused"), (4, 4, 3, 3, 2, 1))[0]
            else:
                stage = rng.choices(("tm_applicant", "tm_preparing", "tm_filed", "tm_formal",
                                     "tm_substantive", "tm_preliminary", "tm_rejected", "tm_review"),
                                    (3, 4, 3, 2, 3, 2, 1, 1))[0]
            cand_specs.append((free.pop(), route, stage, None))
        for ci, (ri, route, stage, ended) in enumerate(cand_specs):
            cand, made = self._candidate(ci, ri, names[ri], route, stage, ended, len(gis))
            res_stage[ri] = (route, stage)
            if made is not None:
                gis.append(made)
                res_gi_types.setdefault(ri, []).append(made.gi_type)
                self.rows["gi"].append(self._gi_row(made, resource=ri, candidate=ci, cand=cand))

        for ri, (name, product) in enumerate(names):
            self.rows["resource"].append(self._resource(
                ri, name, product, res_gi_types.get(ri, []), res_stage.get(ri),
                flagship=ri == 0))

        self.gis = gis
        self._mark_users()
        self._annual_reports()
        self._plans_and_inspections()
        self._abnormal()
        self._stats()
        # Drawn last, so the rows above stay as they were before these registers existed.
        self._roster()
        self._cases()

    def _resource(self, ri: int, name: str, p: _Product, gi_types: list[str],
                  cand: tuple[str, str] | None, flagship: bool) -> dict[str, Any]:
        rng, today = self.rng, self.today
        protection_of = {"protected_product": "gi_product", "collective_mark": "collective_mark",
                         "certification_mark": "certification_mark", "agi": "agi"}
        protection = [protection_of[t] for t in gi_types]
        if cand is not None and cand[1] not in FINAL_APPROVED and cand[1] not in (
                "tm_rejected", "pp_refused", "tm_applicant", "tm_preparing", "pp_local"):
            protection.append("applying")
        if gi_types:
            tier = "protect"
        elif cand is not None or rng.random() < 0.15:
            tier = "cultivate"
        else:
            tier = "discover"
        towns = self.resource_towns(ri, everywhere=flagship)
        k = len(towns)
        area = stock = None
        scale = 10 if (gi_types or flagship) else 1
        if p.measure == "area":
            area = round(rng.uniform(200, 5000) * scale, 1)
            output = area * rng.uniform(0.2, 1.5) / 10 if p.category != "medicinal" else area * 0.05
        elif p.measure == "stock":
            stock = int(rng.uniform(2000, 50000) * scale)
            output = stock * rng.uniform(0.002, 0.05)
        else:
            output = rng.uniform(*p.output) * rng.uniform(3, 20) * scale / 5
        output = round(output, 1)
        value = round(output * rng.uniform(*p.price), 1)
        dynasty, age = rng.choice((("明代", 500), ("清代", 300), ("宋代", 900), ("元代", 700)))
        verb = {"area": "种植", "stock": "养殖"}.get(p.measure, "加工")
        county = self.county
        route = cand[0] if cand is not None else (
            rng.choice(("collective_mark", "certification_mark", "protected_product"))
            if tier == "cultivate" else None)
        applicant, applicant_uscc = self.association(p) if route else (None, None)
        level = rng.choices(("local", "none", "group"), (4, 5, 1))[0]
        std_no = None
        if level == "local":
            std_no = self.standard_no()
        elif level == "group":
            std_no = f"T/{self.code[:2]}NX {rng.randint(1, 99):03d}-{rng.randint(2015, today.year)}"
        return {
            "name": name,
            "attribute": p.attribute,
            "category": p.category,
            "subtype": p.subtype,
            "towns": towns,
            "town_count": min(len(self.towns), k + rng.randint(0, 2)),
            "history": (f"据《{county}志》记载，当地{p.generic}生产始于{dynasty}，至今已有{age}余年历史，"
                        f"{rng.choice(HISTORY_TAILS)}" if rng.random() < 0.8 else None),
            "quality": f"{p.generic}品质优良，外观整齐，风味浓郁，经检测主要指标优于同类产品。",
            "natural_factors": (f"产地地处{self.place}，属暖温带大陆性季风气候，年平均气温"
                                f"{rng.uniform(11, 14):.1f}℃，年降水量约{rng.randint(450, 650)}毫米，"
                                f"光照充足，昼夜温差大。" if p.attribute == "grown" else None),
            "human_factors": (f"当地群众世代从事{p.generic}{verb}，形成了独特的传统技艺"
                              + (f"，每年举办{name}文化节。" if rng.random() < 0.3 else "。")),
            "authentic": True,
            "regional": True,
            "specific": bool(gi_types) or rng.random() < 0.7,
            "linked": bool(gi_types) or rng.random() < 0.6,
            "area_mu": area,
            "stock_count": stock,
            "output_t": output,
            "value_10k": value,
            "enterprises": rng.randint(0, 30) * scale // 5,
            "cooperatives": rng.randint(0, 20),
            "households": rng.randint(20, 3000) * scale // 5,
            "standard_level": level,
            "standard_no": std_no,
            "protection": protection or ["none"],
            "eu_china": False,
            "planned_route": route,
            "applicant_name": applicant,
            "applicant_uscc": applicant_uscc,
            "tier": tier,
            "one_county_one_product": flagship,
            "contact": self.person(),
            "phone": self.phone(),
            "reporting_unit": (self.office_dept if rng.random() < 0.6
                               else f"{rng.choice(towns)}人民政府"),
            "reporter": rng.choice(self.staff),
            "survey_date": _between(rng, today - timedelta(days=3 * 365), today),
        }

    # -- candidates, stage events, GIs --

    _GAPS: ClassVar[dict[str, tuple[int, int]]] = {
        "tm_applicant": (30, 120), "tm_preparing": (30, 120), "tm_filed": (60, 240),
        "tm_formal": (20, 60), "tm_substantive": (60, 150), "tm_preliminary": (90, 240),
        "tm_registered": (92, 150), "tm_rejected": (60, 200), "tm_review": (10, 15),
        "pp_local": (30, 120), "pp_province": (30, 120), "pp_accepted": (30, 120),
        "pp_technical": (30, 90), "pp_preliminary": (60, 180), "pp_approved": (61, 150),
        "pp_refused": (60, 180),
    }

    @staticmethod
    def _path(route: str, stage: str) -> list[str]:
        """The stages a candidate passed to reach ``stage``, in order."""
        if route in TRADEMARK_ROUTES:
            main = ["tm_applicant", "tm_preparing", "tm_filed", "tm_formal", "tm_substantive",
                    "tm_preliminary", "tm_registered"]
            if stage == "tm_rejected":
                return [*main[:5], "tm_rejected"]
            if stage == "tm_review":
                return [*main[:5], "tm_rejected", "tm_review"]
        else:
            main = ["pp_local", "pp_province", "pp_accepted", "pp_technical", "pp_preliminary",
                    "pp_approved"]
            if stage == "pp_refused":
                return [*main[:4], "pp_refused"]
        return main[: main.index(stage) + 1]

    def _candidate(self, ci: int, ri: int, res: tuple[str, _Product], route: str, stage: str,
                   end: date | None, gi_index: int) -> tuple[dict[str, Any], _Gi | None]:
        rng, today = self.rng, self.today
        name, p = res
        path = self._path(route, stage)
        gaps = [timedelta(0)] + [_days(rng, *self._GAPS[s]) for s in path[1:]]
        if end is None:
            end = today - _days(rng, 7, 300)
        start = end - sum(gaps, timedelta(0))
        dates: list[date] = []
        d = start
        for g in gaps:
            d = d + g
            dates.append(d)
        on = dict(zip(path, dates, strict=True))
        for n, (s, day) in enumerate(zip(path, dates, strict=True)):
            self.rows["stage-event"].append({
                "candidate_id": _Ref("candidate", ci), "from_stage": path[n - 1] if n else None,
                "stage": s, "event_date": day, "note": STAGE_NOTES.get(s)})
        holder = self.association(p)[0]
        row: dict[str, Any] = {
            "resource_id": _Ref("resource", ri), "name": name, "route": route, "stage": stage,
            "stage_date": end, "owner": rng.choice(self.staff),
            "support": rng.choice((None, "县财政安排专项扶持资金，协助编制质量技术要求",
                                   "组织专家指导申报材料，协调检验检测机构",
                                   "纳入县一县一品培育计划，给予申报费用补助")),
        }
        tm = route in TRADEMARK_ROUTES
        materials = MATERIALS_TM if tm else MATERIALS_PP
        full = self._path(route, "tm_registered" if tm else "pp_approved")
        ready = len(path) * len(materials) // (len(full) - 1)
        row["materials"] = list(materials[: max(1, min(len(materials), ready))])
        if stage not in FINAL_APPROVED and stage != "pp_refused":
            row["next_step"] = NEXT_STEPS[stage].zh
            # a review must be requested within 15 days of the rejection (the rule's default)
            row["next_deadline"] = (next_step_after(stage, end)[1] if stage == "tm_rejected"
                                    else end + _days(rng, 30, 180))
        if tm:
            row.update(tm_name=name, nice_class=p.nice_class, registrant=holder)
            if "tm_filed" in on:
                filed = on["tm_filed"]
                row["application_no"] = self.unique_ref(lambda: _tm_number(rng, filed))
                row["filing_date"] = on["tm_filed"]
            if "tm_preliminary" in on:
                row["preliminary_issue"] = _gazette_issue(on["tm_preliminary"])
            if "tm_registered" in on:
                reg = on["tm_registered"]
                row.update(registration_no=row["application_no"], registration_date=reg,
                           exclusive_until=_add_years(reg, 10) - timedelta(days=1))
        else:
            row.update(pp_applicant=holder, pp_area=self.area_text(ri))
            if "pp_accepted" in on:
                row["pp_acceptance_no"] = f"{on['pp_accepted'].year}年第{rng.randint(1, 60)}号受理公告"
                row["standard_no"] = self.standard_no()
            if "pp_preliminary" in on:
                row.update(pp_preliminary_no=_notice_no(rng, on["pp_preliminary"]),
                           pp_preliminary_date=on["pp_preliminary"])
            if "pp_approved" in on:
                approved = on["pp_approved"]
                row.update(pp_approval_no=self.unique_ref(lambda: _notice_no(rng, approved)),
                           pp_approval_date=on["pp_approved"])
        self.rows["candidate"].append(row)
        if stage not in FINAL_APPROVED:
            return row, None
        gi = _Gi(gi_index, name, route, end, p,
                 row["registration_no"] if tm else row["pp_approval_no"], holder)
        return row, gi

    def _gi_row(self, gi: _Gi, *, resource: int, candidate: int | None,
                cand: Mapping[str, Any] | None = None) -> dict[str, Any]:
        area = None
        if gi.gi_type in ("protected_product", "agi"):
            area = (cand or {}).get("pp_area") or self.area_text(resource)
        return {
            "name": gi.name, "gi_type": gi.gi_type, "reference_no": gi.reference_no,
            "holder": gi.holder, "holder_uscc": self.association(gi.product)[1],
            "approval_date": gi.approval,
            "protected_area": area,
            "standard_no": (cand or {}).get("standard_no") or (
                self.standard_no() if gi.gi_type == "protected_product" else None),
            "eu_china": False,
            "candidate_id": _Ref("candidate", candidate) if candidate is not None else None,
            "resource_id": _Ref("resource", resource),
            "note": "演示数据 / demo data" if candidate is None else "培育对象获批 / candidate approved",
        }

    # -- mark users --

    def _mark_users(self) -> None:
        size, rng, today = self.size, self.rng, self.today
        latest = date(self.first_year, 12, 31) if size.full_reports else today - timedelta(days=30)
        for gi in self.gis:
            gi.eligible = gi.gi_type != "agi" and gi.approval + timedelta(days=60) <= latest
            gi.weight = (3.0 if gi.index == 0 else 1.0) * rng.uniform(0.5, 1.5)
        eligible = [g for g in self.gis if g.eligible]
        if not eligible:
            log.warning("no GI old enough for mark users")
            return
        plan: list[tuple[_Gi, bool]] = []
        for gi in eligible:
            if not size.full_reports and gi.users_in_2024:
                plan += [(gi, True)] * gi.users_in_2024
        while len(plan) < size.mark_users:
            plan.append((rng.choices(eligible, [g.weight for g in eligible])[0], False))
        plan = plan[: size.mark_users]
        self.users: list[_User] = []
        names: set[str] = set()
        for ui, (gi, in_2024) in enumerate(plan):
            p = gi.product
            entity = rng.choices(("enterprise", "cooperative", "individual"), (55, 32, 13))[0]
            town = rng.choice(self.towns)
            town_stem = _stem(town) or town
            if town_stem == self.stem:
                town_stem = ""
            legal = self.person()
            for attempt in range(100):
                if entity == "enterprise":
                    prefix = self.county if attempt < 50 else f"{self.county}{town_stem}"
                    name = f"{prefix}{self.brand()}{rng.choice(INDUSTRIES).format(p=p.generic)}有限公司"
                elif entity == "cooperative":
                    verb = {"area": "种植", "stock": "养殖"}.get(p.measure, "加工")
                    name = f"{self.county}{town_stem}{self.brand()}{p.generic}{verb}专业合作社"
                else:
                    owner = legal if attempt == 0 else self.person()
                    name = f"{self.county}{town_stem}{owner}{p.generic}{rng.choice(SHOPS)}"
                if name not in names:
                    break
            names.add(name)
            if size.full_reports:
                status = rng.choices(("approved", "suspended", "disqualified", "cancelled"),
                                     (93, 3, 2, 2))[0]
            else:
                status = rng.choices(("approved", "applying", "suspended", "disqualified", "cancelled"),
                                     (80, 8, 5, 4, 3))[0]
            if in_2024:
                status = "approved"
            approval = None
            if status != "applying":
                lo = gi.approval + timedelta(days=30)
                if in_2024 and date(2024, 12, 31) >= lo and today >= date(2024, 1, 1):
                    approval = _between(rng, max(lo, date(2024, 1, 1)), min(today, date(2024, 12, 31)))
                else:
                    approval = _between(rng, lo, latest)
            contact = legal if rng.random() < 0.6 else self.person()
            row: dict[str, Any] = {
                "name": name, "uscc": self.uscc({"enterprise": "91", "cooperative": "93",
                                                 "individual": "92"}[entity]),
                "entity_type": entity, "legal_rep": legal,
                "address": f"{self.place}{town}{self.village()}村{rng.randint(1, 200)}号",
                "contact": contact,
                "phone": self.phone(landline=entity == "enterprise" and rng.random() < 0.3),
                "gi_id": _Ref("gi", gi.index), "status": status, "approval_date": approval,
                "products": f"{gi.name}（{rng.choice(('散装', '礼盒装', '袋装', '箱装'))}"
                            f"{rng.choice((0.5, 1, 2.5, 5, 10))}kg）",
            }
            if approval is not None:
                if gi.gi_type in TRADEMARK_ROUTES:
                    row["tm_registration_no"] = gi.reference_no
                    row["license_record_no"] = f"{approval.year}-{rng.randint(1, 99999):05d}"
                else:
                    row["announcement_no"] = _notice_no(rng, approval)
                if status == "approved" and entity == "enterprise" and rng.random() < 0.05:
                    row["model_level"] = rng.choices(("city", "provincial", "national"), (6, 3, 1))[0]
                    row["model_year"] = rng.randint(max(approval.year, today.year - 4), today.year)
            self.rows["mark-user"].append(row)
            self.users.append(_User(ui, gi, status, approval, entity, contact))

    # -- annual reports --

    def _annual_reports(self) -> None:
        size, rng, today = self.size, self.rng, self.today
        printer = [f"{self.county}{self.brand()}{s}" for s in PRINTERS]
        years = list(range(self.first_year, self.last_year + 1))
        for u in self.users:
            if u.approval is None:
                continue
            ys = [y for y in years if y >= u.approval.year]
            if not size.full_reports and u.status in ("disqualified", "cancelled") and len(ys) > 1:
                ys = ys[: -rng.randint(1, len(ys) - 1)]
            u.dormant = len(ys) >= 3 and rng.random() < size.dormant_rate
            p = u.gi.product
            output = rng.uniform(*p.output)
            price = rng.uniform(*p.price)
            share = rng.uniform(0.3, 1.0)
            per_t = rng.choice((100, 200, 400, 1000)) if p.category != "handicraft" else 2000
            stock = 0
            exporter = rng.random() < 0.08
            for n, y in enumerate(ys):
                out = round(output * rng.uniform(0.8, 1.2), 2)
                dormant = u.dormant and n >= len(ys) - 2
                marked = 0.0 if dormant else round(out * min(1.0, share * rng.uniform(0.9, 1.1)), 2)
                sales = round(out * price * rng.uniform(0.9, 1.1), 2)
                marked_sales = 0.0 if dormant else round(sales * marked / out, 2) if out else 0.0
                used = int(marked * per_t)
                printed = 0
                if used > stock:
                    printed = -(-(used - stock + per_t * 5) // 1000) * 1000
                stock = stock + printed - used
                due = date(y + 1, 6, 30)
                late = y < self.last_year and rng.random() < size.late_report_rate
                if late:
                    day = min(_between(rng, date(y + 1, 7, 20), date(y + 1, 11, 30)), today)
                else:
                    day = min(_between(rng, date(y + 1, 1, 5), due), today)
                if y == self.last_year:
                    review = rng.choices(("approved", "submitted", "returned"), (70, 25, 5))[0]
                else:
                    review = "approved"
                self.rows["annual-report"].append({
                    "mark_user_id": _Ref("mark-user", u.index), "year": y,
                    "output_t": out, "marked_output_t": marked, "sales_10k": sales,
                    "marked_sales_10k": min(marked_sales, sales),
                    "export_t": round(out * rng.uniform(0.05, 0.3), 2) if exporter else 0.0,
                    "marks_printed": printed, "printer": rng.choice(printer) if printed else None,
                    "marks_used": used, "marks_in_stock": stock,
                    "testing": rng.choice(TESTING).format(n=rng.randint(1, 6)),
                    "reporter": u.contact, "report_date": day, "review_status": review,
                })
                if late and day > date(y + 1, 7, 15):
                    self.abnormal_pool.append(("no_annual_report", u.index, date(y + 1, 7, 15),
                                                day, f"已补报{y}年度年报"))
            if u.dormant and len(self.rows["annual-report"]):
                last_day = self.rows["annual-report"][-1]["report_date"]
                listed = last_day + _days(rng, 15, 60)
                if listed <= today:
                    self.abnormal_pool.append(("unused_2y", u.index, listed, None, None))

    # -- plans and inspections --

    def _plans_and_inspections(self) -> None:
        size, rng, today = self.size, self.rng, self.today
        specs: list[tuple[str, date, date]] = []
        for y in range(today.year, today.year - 4, -1):
            start, end = date(y, 4, 1), date(y, 11, 30)
            if start <= today:
                specs.append((f"{y}年度地理标志专用标志使用“双随机、一公开”抽查计划", start, end))
            if size.plans > 2 and date(y, 9, 1) <= today:
                specs.append((f"{y}年中秋国庆地理标志专项检查计划", date(y, 9, 1), date(y, 10, 31)))
        specs = sorted(specs[: size.plans], key=lambda s: s[1])
        inspectable = [u for u in self.users if u.status in ("approved", "suspended")]
        plans: list[tuple[int, date, date, list[_User], int]] = []
        for name, start, end in specs:
            pool = [u for u in inspectable if u.approval is not None and u.approval < start]
            if not pool:
                continue
            ratio = rng.choice((5.0, 8.0, 10.0)) if len(pool) > 50 else None
            count = (max(1, round(len(pool) * ratio / 100)) if ratio
                     else max(1, min(len(pool), rng.randint(3, 8))))
            listed = len(pool) <= 1000
            n_staff = min(len(self.inspectors), max(4, len(self.inspectors) * 2 // 3))
            staff = rng.sample(self.inspectors, n_staff)
            self.rows["plan"].append({
                "name": name, "year": start.year, "ratio_pct": ratio, "sample_count": count,
                "user_pool": [_Ref("mark-user", u.index) for u in pool] if listed else None,
                "inspector_pool": staff, "start_date": start, "end_date": end,
                "note": (f"摇号种子 {rng.randint(100000, 999999)}，由{rng.choice(self.staff)}在纪检人员见证下抽取"
                         + ("" if listed else f"；检查对象库为全部已核准用标主体（{len(pool)}户）")),
            })
            plans.append((len(self.rows["plan"]) - 1, start, end, pool, count))
        window_start = today - timedelta(days=3 * 365)
        planned: list[tuple[int | None, _User, date, list[str], str | None]] = []
        for plan_index, start, end, pool, count in plans:
            staff = self.rows["plan"][plan_index]["inspector_pool"]
            lo, hi = max(start, window_start), min(end, today)
            if lo > hi:
                continue
            k = min(count, len(pool), size.inspections - len(planned))
            for n, u in enumerate(rng.sample(pool, k), start=1):
                planned.append((plan_index, u, _between(rng, lo, hi), staff,
                                f"SSJ{start.year}{plan_index + 1:02d}{n:04d}"))
        week_ago = today - timedelta(days=7)
        candidates = [u for u in inspectable if u.approval is not None and u.approval < week_ago]
        n_task = 0
        while len(planned) < size.inspections and candidates:
            u = rng.choice(candidates)
            lo = max(window_start, cast(date, u.approval) + timedelta(days=1))  # candidates have one
            day = _between(rng, lo, today)
            n_task += 1
            task = f"RC{day.year}{n_task:05d}" if rng.random() < 0.7 else None
            planned.append((None, u, day, self.inspectors, task))
        planned.sort(key=lambda t: (t[2], t[1].index))
        for in_plan, u, day, staff, task in planned:
            self._inspection(in_plan, u, day, staff, task)

    def _inspection(self, plan_index: int | None, u: _User, day: date, staff: list[str],
                    task: str | None) -> None:
        rng, today = self.rng, self.today
        result = rng.choices(("no_problem", "rectify", "case", "unreachable", "not_operating"),
                             (82, 11, 1.5, 3, 2.5))[0]
        items: dict[str, str | None] = {k: None for k in FAIL_TEXT}
        findings = None
        if result in ("no_problem", "rectify", "case"):
            items = {k: "pass" for k in FAIL_TEXT}
            if u.gi.product.attribute == "crafted" or rng.random() < 0.2:
                items["item_material"] = "na"
            if result == "rectify":
                failed = rng.sample(("item_label", "item_mark", "item_standard", "item_area"),
                                    rng.choice((1, 1, 2)))
            elif result == "case":
                failed = ["item_fake"] + (["item_material"] if rng.random() < 0.5 else [])
            else:
                failed = []
            for k in failed:
                items[k] = "fail"
            findings = "；".join(FAIL_TEXT[k] for k in failed) if failed else "未发现问题"
        elif result == "unreachable":
            findings = "登记电话无人接听，经营场所无人，多次联系未果"
        else:
            findings = "企业已停止相关产品生产经营"
        row: dict[str, Any] = {
            "task_no": task, "mark_user_id": _Ref("mark-user", u.index),
            "plan_id": _Ref("plan", plan_index) if plan_index is not None else None,
            "inspectors": rng.sample(staff, rng.choice((2, 2, 3))),
            "method": rng.choices(("onsite", "written", "online"), (7, 2, 1))[0],
            "inspection_date": day, **items, "findings": findings, "result": result,
        }
        if result == "rectify":
            deadline = day + _days(rng, 15, 45)
            row["rectify_deadline"] = deadline
            recheck = deadline + _days(rng, 1, 10)
            if recheck <= today:
                row["recheck_date"] = recheck
                row["recheck_result"] = "rectified" if rng.random() < 0.75 else "not_rectified"
                if row["recheck_result"] == "not_rectified":
                    reason = ("nonstandard_label" if {"item_label", "item_mark"} & {
                        k for k, v in items.items() if v == "fail"} else "off_standard")
                    listed = recheck + _days(rng, 1, 10)
                    if listed <= today:
                        self.abnormal_pool.append((reason, u.index, listed, None, "整改完成，经复查合格"))
        elif result == "unreachable":
            listed = day + _days(rng, 5, 20)
            if listed <= today:
                self.abnormal_pool.append(("unreachable", u.index, listed, None, "已恢复联系并更新登记信息"))
        publish = day + _days(rng, 3, 20)
        if publish <= today:
            row["publish_date"] = publish
        self.rows["inspection"].append(row)

    # -- abnormal list, statistics --

    def _abnormal(self) -> None:
        rng, today = self.rng, self.today
        pool = self.abnormal_pool
        rng.shuffle(pool)
        chosen = sorted(pool[: self.size.abnormal], key=lambda e: (e[2], e[1], e[0]))
        abbr = self.stem[:1]
        per_year: dict[int, int] = {}
        for reason, ui, listed, removal, removal_reason in chosen:
            per_year[listed.year] = per_year.get(listed.year, 0) + 1
            row: dict[str, Any] = {
                "mark_user_id": _Ref("mark-user", ui), "reason": reason, "listed_date": listed,
                "deciding_office": self.office_dept,
                "document_no": f"{abbr}市监异〔{listed.year}〕{per_year[listed.year]}号",
                "deadline": listed + _days(rng, 30, 90),
            }
            if reason == "no_annual_report" and removal is not None:
                row.update(removal_date=removal, removal_reason=removal_reason)
            elif removal_reason and rng.random() < 0.4:
                day = listed + _days(rng, 20, 200)
                if day <= today:
                    row.update(removal_date=day, removal_reason=removal_reason)
            self.rows["abnormal"].append(row)
        self._abnormal_status()

    def _abnormal_status(self) -> None:
        """As :mod:`desktop.abnormal` leaves them: every entry keeps the user's status before
        the listing, and a user with an open entry is 列入异常名录 (no random draw here, so the
        rows after these stay as they were)."""
        for row in self.rows["abnormal"]:
            ui = row["mark_user_id"].index
            row["prior_status"] = self.users[ui].status
            if row.get("removal_date") is None:
                self.rows["mark-user"][ui]["status"] = "abnormal"

    # -- the inspectors' roster, enforcement cases --

    def _roster(self) -> None:
        rng = self.rng
        users = self.rows["mark-user"]
        for n, name in enumerate(self.inspectors, start=1):
            entry: dict[str, Any] = {
                "name": name, "cert_no": f"{self.code}{2019 + n % 5}{n:04d}",
                "unit": rng.choice((f"{self.office_dept}知识产权股", f"{self.office_dept}综合执法大队",
                                    f"{self.office_dept}{self.county[:-1]}镇市场监督管理所")),
            }
            if users and rng.random() < 0.25:
                entry["avoid"] = [users[rng.randrange(len(users))]["uscc"]]
            self.rows["inspector"].append(entry)

    def _cases(self) -> None:
        rng, today = self.rng, self.today
        abbr = self.stem[:1]
        per_year: dict[int, int] = {}
        decided_per_year: dict[int, int] = {}
        leads: list[tuple[int | None, date, str, str | None]] = []
        for i, found in enumerate(self.rows["inspection"]):
            if found["result"] == "case":
                leads.append((i, found["inspection_date"] + _days(rng, 1, 10), "inspection",
                              self.users[found["mark_user_id"].index].entity))
        for _ in range(max(3, len(leads) // 2)):
            leads.append((None, today - _days(rng, 20, 3 * 365), rng.choice(
                ("complaint", "complaint", "online", "assigned", "transfer")), None))
        leads.sort(key=lambda lead: lead[1])
        typical_made = False
        for inspection, filed, source, _entity in leads:
            if filed > today:
                continue
            per_year[filed.year] = per_year.get(filed.year, 0) + 1
            gi = rng.choice(self.gis) if self.gis else None
            act = ("unauthorised_mark" if source == "inspection" else rng.choices(
                ("unauthorised_mark", "counterfeit", "similar_mark", "kind_style", "off_spec", "other"),
                (3, 3, 2, 2, 1, 1))[0])
            row: dict[str, Any] = {
                "case_no": f"{abbr}市监立字〔{filed.year}〕{per_year[filed.year]}号", "filed_date": filed,
                "source": source, "handlers": rng.sample(self.inspectors, 2), "act": act,
            }
            if inspection is not None:
                inspected = self.rows["inspection"][inspection]["mark_user_id"]
                row.update(inspection_id=_Ref("inspection", inspection), mark_user_id=inspected,
                           party_name=self.rows["mark-user"][inspected.index]["name"],
                           party_uscc=self.rows["mark-user"][inspected.index]["uscc"],
                           gi_id=_Ref("gi", self.users[inspected.index].gi.index))
                gi_name = self.users[inspected.index].gi.name
            else:
                row.update(party_name=f"{self.county}{self.brand()}商行", party_uscc=self.uscc("92"))
                if gi is not None and rng.random() < 0.7:
                    row["gi_id"] = _Ref("gi", gi.index)
                    gi_name = gi.name
                else:
                    gi_name = rng.choice(("赣南脐橙", "五常大米", "西湖龙井", "阳澄湖大闸蟹"))
                    row["gi_name"] = gi_name
            amount = rng.choice((20, 35, 50, 80, 120, 200))
            row["facts"] = _CASE_FACTS[act].format(gi=gi_name, n=amount, value=amount * rng.choice((60, 80, 150)))
            age = (today - filed).days
            status = ("filed" if age < 30 else "investigating" if age < 90 else
                      rng.choices(("decided", "closed", "transferred"), (2, 6, 1) if age < 365 else (1, 12, 1))[0])
            row["status"] = status
            if status in ("decided", "closed"):
                decided = filed + _days(rng, 30, 80)
                decided_per_year[decided.year] = decided_per_year.get(decided.year, 0) + 1
                fine = float(rng.choice((5000, 10000, 20000, 50000)))
                row.update(decision_no=f"{abbr}市监罚〔{decided.year}〕{decided_per_year[decided.year]}号",
                           decision_date=decided, fine_yuan=fine,
                           measures="责令立即停止违法行为，没收侵权商品和专门用于侵权的标识")
                if act in ("unauthorised_mark", "counterfeit") and rng.random() < 0.6:
                    row["confiscated_goods"] = f"印有“{gi_name}”字样的包装袋{amount * 10}个"
                if rng.random() < 0.4:
                    row["confiscated_yuan"] = float(amount * rng.choice((30, 45, 60)))
                if status == "closed":
                    row["closed_date"] = min(today, decided + _days(rng, 10, 40))
                if (status == "closed" and not typical_made) or rng.random() < 0.08:
                    typical_made = True
                    row.update(typical=True, public_summary=(
                        f"{filed.year}年，{self.office_dept}根据{_SOURCE_TEXT[source]}线索，查处一起"
                        f"{ACT_TEXT[act]}案。当事人在经营的商品上{_CASE_SUMMARY[act].format(gi=gi_name)}，"
                        f"执法人员依法责令其停止违法行为，处罚款{int(fine)}元。"))
            self.rows["case"].append(row)

    def _stats(self) -> None:
        rng = self.rng
        registered, famous = TRADEMARK_STATS.get(
            self.code, (rng.randint(1500, 20000), rng.randint(0, 5)))
        approved_users = {u.gi.index for u in self.users if u.status == "approved"}
        live = self.gis
        self.rows["stats"].append({
            "as_of": self.today,
            "registered_trademarks": registered + rng.randint(0, registered // 10),
            "well_known_marks": famous,
            "gi_trademarks": sum(g.gi_type in TRADEMARK_ROUTES for g in live),
            "gi_products": sum(g.gi_type == "protected_product" for g in live),
            "gi_products_using_mark": sum(g.gi_type == "protected_product" and g.index in approved_users
                                          for g in live),
            "note": "演示数据 / demo data",
        })


# ---- writing ------------------------------------------------------------------------------


def _resolve(row: dict[str, Any], ids: Mapping[str, list[str]]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, _Ref):
            v = ids[v.kind][v.index]
        elif isinstance(v, list) and v and isinstance(v[0], _Ref):
            v = [ids[r.kind][r.index] for r in v]
        out[k] = v
    return out


def _holds_records(db: sqlite_utils.Database) -> tuple[str, int] | None:
    for table in RECORD_TABLES:
        n = db.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if n:
            return table, int(n)
    return None


def generate_demo(db: sqlite_utils.Database, *, size: str = "small", seed: int = 1,
                  office_code: str = "130125", clerk: str | None = None, today: date | None = None,
                  progress: Progress = no_progress,
                  cancelled: CancelCheck = never_cancelled) -> DemoSummary:
    """Fill an empty database with a demo county's registers; returns what was written.

    ``size`` is ``small`` (tens of rows per register) or ``large`` (2,000 resources,
    20,000 mark users, 100,000 annual reports, 20,000 inspections ...). A database
    without an office is initialised for ``office_code``; one that already has an
    office keeps it. Raises :class:`DemoRefused` if the database holds any register
    record, :class:`desktop.jobs.Cancelled` if ``cancelled()`` turns true (nothing is
    written then), and :class:`desktop.fields.ValidationFailed` if a generated row
    breaks a rule (a bug of this generator). The setting ``demo`` is set to ``size``: the
    window says so, and every packet the database writes is marked demo data
    (:mod:`desktop.practice`).
    """
    if size not in SIZES:
        raise DemoRefused(f"演示数据规模应为 {' 或 '.join(SIZES)}，而不是“{size}”\n"
                          f"The demo size must be one of {', '.join(SIZES)}, not {size!r}")
    spec = SIZES[size]
    day = today or date.today()
    started = time.perf_counter()
    with transaction(db):
        held = _holds_records(db)
        if held is not None:
            table, n = held
            raise DemoRefused(
                f"此数据库已有台账记录（{table} 表 {n} 条），演示数据不能混入真实数据库。"
                f"请新建一个数据库文件再生成演示数据。\n"
                f"This database already holds register records ({n} in {table}); demo data must "
                f"never be mixed into real data. Create a new database file for the demo.")
        office = meta.self_office(db)
        if office is None:
            office = init_office(db, office_code, clerk=clerk)
        meta.set_setting(db, practice.DEMO_SETTING, size)  # its packets are marked demo data
        ledger = Ledger(db, clerk=clerk, today=lambda: day)
        rng = Random(seed)
        builder = _Builder(spec, rng, office, day)
        builder.build()
        total = sum(len(rows) for rows in builder.rows.values())
        log.info("demo %s seed %s for %s: %d rows built in %.1fs", size, seed, office.code, total,
                 time.perf_counter() - started)
        ids: dict[str, list[str]] = {}
        note = f"演示数据 / demo data ({size}, seed {seed})"
        done = 0
        progress(0, total)
        for kind in KIND_ORDER:
            check_cancel(cancelled)
            rows = builder.rows[kind]
            offset = done

            def report(n: int, _total: int, offset: int = offset) -> None:
                progress(offset + n, total)

            def resolved(rows: list[dict[str, Any]] = rows) -> Iterator[dict[str, Any]]:
                for row in rows:
                    yield _resolve(row, ids)

            t0 = time.perf_counter()
            ids[kind] = ledger.bulk_add(kind, resolved(), note=note, total=total,
                                        progress=report, cancelled=cancelled)
            done += len(rows)
            log.debug("demo: %d %s rows in %.2fs", len(rows), kind, time.perf_counter() - t0)
        check_cancel(cancelled)
    seconds = time.perf_counter() - started
    counts = {k: len(v) for k, v in ids.items()}
    log.info("demo written: %s in %.1fs", counts, seconds)
    return DemoSummary(office.code, counts, seconds)
