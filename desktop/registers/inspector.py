"""The office's roster of law-enforcement inspectors (执法检查人员名录), the pool a random
inspection draws its inspectors from (双随机: random targets, random inspectors)."""

from __future__ import annotations

from desktop.fields import Field, Kind
from desktop.fields import FieldType as T

FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", "name", required=True, max_length=30, width=8,
          help_zh="执法检查人员姓名", help_en="the inspector's name"),
    Field("cert_no", "执法证号", "enforcement certificate number", required=True, max_length=30, width=14,
          help_zh="行政执法证件号码，如：13010020240001", help_en="the number of the inspector's "
          "law-enforcement certificate, e.g. 13010020240001"),
    Field("unit", "单位", "unit", max_length=100, width=20,
          help_zh="所在单位或科室，如：行唐县市场监督管理局知识产权股",
          help_en="the inspector's office or section"),
    Field("avoid", "回避企业", "enterprises to avoid", T.LIST, width=24,
          help_zh="与本人有利害关系、须回避的企业的统一社会信用代码或名称，用顿号分隔",
          help_en="USCCs or names of enterprises related to the inspector, which the inspector must "
                  "never inspect, separated by semicolons"),
    Field("note", "备注", "note", max_length=200, width=20,
          help_zh="其他需要说明的情况", help_en="anything else worth noting"),
)

KIND = Kind(
    key="inspector", table="inspector_roster", prefix="H", zh="执法检查人员", en="inspector",
    fields=FIELDS, title_field="name", unique=(("cert_no",),),
)
