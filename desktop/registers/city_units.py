"""The city's own registers about its reporting units: the unit list and the targets.

Both are written by a city (or a province, whose units are its cities) and never by a
county; they travel down in the reference packet like the city's other records.

- **Unit** (报送单位): the units of the city table, in the city's own order, with the name
  shown in the table (石家庄's 22 units, 高新区 = 130171 among them).
- **Target** (目标): a target with a year, from the seeds: 一县一品 (濮阳), mark-use coverage
  ≥ 80% and new GI products / trademarks and model enterprises (许昌).
"""

from __future__ import annotations

from desktop.fields import Field, Kind, choices
from desktop.fields import FieldType as T

PARENT_LEVELS: tuple[str, ...] = ("city", "province")
"""The levels that keep units, targets, work plans and reviews."""

CHILD_LEVELS: tuple[str, ...] = ("county", "city")
"""The levels that report to a parent office: progress on its tasks, answers to its reviews."""

UNIT_FIELDS: tuple[Field, ...] = (
    Field("code", "单位代码", "unit code", T.DIVISION, required=True, width=10,
          help_zh="报送单位的行政区划代码或统计用区划代码，6位数字，如：130125（行唐县）、130171（高新区）",
          help_en="the unit's division or statistics code, 6 digits, e.g. 130125 or 130171"),
    Field("name", "单位名称", "unit name", required=True, max_length=40, width=14,
          help_zh="统计表中显示的名称，如：行唐县、高新区",
          help_en="the name shown in the city table, e.g. 行唐县 or 高新区"),
    Field("position", "排序", "order", T.INT, required=True, minimum=1, maximum=999, width=6,
          help_zh="在统计表中的顺序（序号），从1开始",
          help_en="the unit's place in the city table, from 1"),
)

UNIT = Kind(
    key="unit", table="city_units", prefix="N", zh="报送单位", en="reporting unit",
    fields=UNIT_FIELDS, title_field="name", unique=(("code",),), written_by=PARENT_LEVELS,
)

MEASURES = choices(
    ("gi_any", "一县一品（地理标志产品或商标）", "one GI per county (product or trademark)", "一县一品"),
    ("coverage_pct", "专用标志使用覆盖率（%）", "mark-use coverage (%)", "用标覆盖率", "覆盖率"),
    ("new_products", "当年新增地理标志保护产品", "new GI products in the year", "新增地理标志产品"),
    ("new_trademarks", "当年新增地理标志商标", "new GI trademarks in the year", "新增地理标志商标"),
    ("model_enterprises", "示范企业", "model enterprises", "示范企业数"),
)

TARGET_FIELDS: tuple[Field, ...] = (
    Field("year", "年度", "year", T.YEAR, required=True, width=6,
          help_zh="目标所属年度，如：2025", help_en="the year the target is for, e.g. 2025"),
    Field("measure", "指标", "measure", T.CHOICE, required=True, width=22, choices=MEASURES,
          help_zh="单选：一县一品、专用标志使用覆盖率、当年新增地理标志保护产品、当年新增地理标志商标、示范企业",
          help_en="one of: one GI per county, mark-use coverage, new GI products, new GI trademarks, "
                  "model enterprises"),
    Field("threshold", "目标值", "target value", T.DECIMAL, required=True, minimum=0, decimals=0,
          width=8, help_zh="不少于该数值即达标；覆盖率填百分数，如：80",
          help_en="met at this value or more; coverage as a percentage, e.g. 80"),
    Field("scope", "考核范围", "applies to", T.CHOICE, required=True, width=10, choices=choices(
        ("per_unit", "每个单位", "each unit"),
        ("city_total", "全市合计", "the city in total"),
    ), help_zh="每个单位分别考核，或全市合计考核", help_en="each unit on its own, or the city in total"),
    Field("due", "完成期限", "due", T.DATE, width=10,
          help_zh="须在此日期前达标，不填为年度末（12月31日）",
          help_en="the date by which it must be met; empty: the end of the year"),
    Field("source", "依据", "source", max_length=200, width=24,
          help_zh="目标出处，如：许昌市地理标志运用促进工作方案（到2025年）",
          help_en="where the target comes from, e.g. the city's work plan"),
    Field("note", "备注", "note", max_length=200, width=16, help_zh="其他说明", help_en="other notes"),
)

TARGET = Kind(
    key="target", table="city_targets", prefix="M", zh="工作目标", en="target",
    fields=TARGET_FIELDS, title_field="measure", unique=(("year", "measure", "scope"),),
    written_by=PARENT_LEVELS,
)
