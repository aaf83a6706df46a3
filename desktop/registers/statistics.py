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
    Field("as_of", "统计截止日期", "as of", T.DATE, required=True),
    Field("registered_trademarks", "有效注册商标", "registered trademarks", T.INT, required=True,
          minimum=0),
    Field("well_known_marks", "驰名商标", "well-known marks", T.INT, required=True, minimum=0),
    Field("gi_trademarks", "地理标志商标", "GI trademarks", T.INT, required=True, minimum=0),
    Field("gi_products", "地理标志保护产品数量", "GI protected products", T.INT, required=True,
          minimum=0),
    Field("gi_products_using_mark", "已使用专用标志产品数量", "GI products using the mark", T.INT,
          required=True, minimum=0),
    Field("note", "备注", "note", max_length=200, width=20),
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
