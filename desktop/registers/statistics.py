"""Register 4: the office's statistics row (各县（市、区）注册商标……统计表).

Columns as in the attachment of 石市监函〔2024〕15号. The first two come from official
trademark statistics; the GI columns can also be derived from the registers
(:mod:`desktop.stats` compares them).
"""

from __future__ import annotations

from desktop.fields import Field, Kind
from desktop.fields import FieldType as T
from desktop.registers import rules

FIELDS: tuple[Field, ...] = (
    Field("as_of", "统计截止日期", "as of", T.DATE, required=True,
          help_zh="统计截止日期，公历，如：2023年12月31日",
          help_en="the date the figures refer to, e.g. 2023-12-31"),
    Field("registered_trademarks", "有效注册商标", "registered trademarks", T.INT, required=True,
          minimum=0, help_zh="截至统计日本辖区有效注册商标总数，单位：件",
          help_en="the number of trademarks in force in the area on that date"),
    Field("well_known_marks", "驰名商标", "well-known marks", T.INT, required=True, minimum=0,
          help_zh="本辖区驰名商标数量，单位：件，不大于有效注册商标数",
          help_en="the number of well-known marks; at most the registered trademarks"),
    Field("gi_trademarks", "地理标志商标", "GI trademarks", T.INT, required=True, minimum=0,
          help_zh="本辖区地理标志集体商标、证明商标数量，单位：件",
          help_en="the number of GI collective and certification marks in the area"),
    Field("gi_products", "地理标志保护产品数量", "GI protected products", T.INT, required=True,
          minimum=0, help_zh="本辖区地理标志保护产品数量，单位：个",
          help_en="the number of GI protected products in the area"),
    Field("gi_products_using_mark", "已使用专用标志产品数量", "GI products using the mark", T.INT,
          required=True, minimum=0,
          help_zh="其中已有企业使用专用标志的产品数量，单位：个，不大于产品数量",
          help_en="of which some user carries the mark; at most the protected products"),
    Field("note", "备注", "note", max_length=200, width=20,
          help_zh="其他需要说明的情况", help_en="anything else worth noting"),
)

KIND = Kind(
    key="stats", table="county_stats", prefix="S", zh="统计表", en="statistics row",
    fields=FIELDS, title_field="as_of",
    rules=(
        rules.not_more_than(FIELDS, "gi_products_using_mark", "gi_products"),
        rules.not_more_than(FIELDS, "well_known_marks", "registered_trademarks"),
        rules.not_future(FIELDS, "as_of"),
    ),
    unique=(("as_of",),),
)
