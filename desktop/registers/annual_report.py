"""Register 3c: annual reports on the use of the official mark (专用标志使用情况年报)."""

from __future__ import annotations

from operator import attrgetter, lt

from desktop.annual.checks import WARNINGS as _STOCK_WARNINGS
from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, Section, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

# The sections of the form (printed and on screen), as Field keyword arguments.
_BASIC: Section = {"section": "报告主体", "section_en": "Reporting user"}
_TRADE: Section = {"section": "生产与销售", "section_en": "Production and sales"}
_MARKS: Section = {"section": "专用标志印制与使用", "section_en": "Printing and use of the mark"}
_REVIEW: Section = {"section": "检验与填报", "section_en": "Testing and reporting"}

FIELDS: tuple[Field, ...] = (
    Field("mark_user_id", "用标主体", "mark user", T.REF, required=True, ref="mark-user", width=20,
          help_zh="报送年报的用标主体编号，如：U-130125-000001",
          help_en="the reporting mark user's id, e.g. U-130125-000001", **_BASIC),
    Field("year", "年度", "year", T.YEAR, required=True, minimum=2000, maximum=2100, width=6,
          help_zh="报告所属年度，4位数字，如：2024",
          help_en="the year reported on, four digits, e.g. 2024", **_BASIC),
    Field("output_t", "产量（吨）", "output (t)", T.DECIMAL, minimum=0,
          help_zh="本年度该地理标志产品的总产量，单位：吨，可保留两位小数",
          help_en="the year's total output of the GI product, in tonnes", **_TRADE),
    Field("marked_output_t", "用标产量（吨）", "output under the mark (t)", T.DECIMAL, minimum=0,
          help_zh="其中使用专用标志的产品产量，单位：吨，不大于产量",
          help_en="of which sold under the mark, in tonnes; at most the output", **_TRADE),
    Field("sales_10k", "销售额（万元）", "sales (10k yuan)", T.DECIMAL, minimum=0,
          help_zh="本年度该产品的销售额，单位：万元，可保留两位小数",
          help_en="the year's sales of the product, in 10,000 yuan", **_TRADE),
    Field("marked_sales_10k", "用标产品销售额（万元）", "sales under the mark (10k yuan)",
          T.DECIMAL, minimum=0,
          help_zh="其中使用专用标志产品的销售额，单位：万元，不大于销售额",
          help_en="of which under the mark, in 10,000 yuan; at most the sales", **_TRADE),
    Field("export_t", "出口量（吨）", "exports (t)", T.DECIMAL, minimum=0,
          help_zh="本年度出口量，单位：吨，不大于产量；没有出口的填0",
          help_en="the year's exports in tonnes, at most the output; 0 when none", **_TRADE),
    Field("marks_printed", "标志印制数量（枚）", "marks printed", T.INT, minimum=0,
          help_zh="本年度印制的专用标志数量，单位：枚，填整数",
          help_en="the number of marks printed in the year", **_MARKS),
    Field("printer", "印制单位", "printer", max_length=100, width=20,
          help_zh="专用标志印制单位的全称",
          help_en="the full name of the firm that printed the marks", **_MARKS),
    Field("marks_used", "标志使用数量（枚）", "marks used", T.INT, minimum=0,
          help_zh="本年度实际使用的专用标志数量，单位：枚",
          help_en="the number of marks used in the year", **_MARKS),
    Field("marks_in_stock", "标志结存数量（枚）", "marks in stock", T.INT, minimum=0,
          help_zh="年末结存未用的专用标志数量，单位：枚",
          help_en="the number of marks left unused at the end of the year", **_MARKS),
    Field("testing", "检验检测情况", "testing", T.LONGTEXT, width=24,
          help_zh="本年度产品检验检测的机构、批次和结果，如：送检3批次，全部合格",
          help_en="who tested the product this year, how many batches, with what result",
          **_REVIEW),
    Field("reporter", "填报人", "reporter", max_length=30,
          help_zh="填表人姓名", help_en="the name of the person filling in the form",
          **_REVIEW),
    Field("report_date", "填报日期", "report date", T.DATE,
          help_zh="公历日期，如：2025年1月15日；不早于报告年度",
          help_en="the calendar date, e.g. 2025-01-15; not before the year reported on",
          **_REVIEW),
    Field("review_status", "审核状态", "review status", T.CHOICE, required=True, choices=choices(
        ("submitted", "已提交", "submitted"),
        ("approved", "审核通过", "approved"),
        ("returned", "退回修改", "returned for correction"),
    ), help_zh="本局审核结果，由审核人填写；新报送的为“已提交”",
          help_en="the office's review, set by the reviewer; a new report is 'submitted'",
          **_REVIEW),
)


_YEAR = attrgetter("year")


def _reported_after_year(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("report_date")
    years, days = column("year"), column("report_date")
    if None not in years and None not in days and not any(map(lt, map(_YEAR, days), years)):
        return []  # every report filled in and dated in or after its year
    return [(i, FieldError.of(f, Reason(f"不能早于报告年度（{year}年）",
                                        f"cannot be before the report year ({year})")))
            for i, (year, day) in enumerate(zip(years, days, strict=True))
            if year is not None and day is not None and day.year < year]


KIND = Kind(
    key="annual-report", table="annual_reports", prefix="A", zh="年报", en="annual report",
    fields=FIELDS, title_field="year",
    rules=(
        rules.not_more_than(FIELDS, "marked_output_t", "output_t"),
        rules.not_more_than(FIELDS, "marked_sales_10k", "sales_10k"),
        rules.not_more_than(FIELDS, "export_t", "output_t"),
        rules.not_future(FIELDS, "report_date"),
        rules.year_not_future(FIELDS, "year"),
        by_columns(_reported_after_year),
    ),
    unique=(("mark_user_id", "year"),),
    warnings=_STOCK_WARNINGS,
)
