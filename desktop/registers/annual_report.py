"""Register 3c: annual reports on the use of the official mark (专用标志使用情况年报)."""

from __future__ import annotations

from operator import attrgetter, lt

from desktop.fields import Columns, Field, FieldError, Kind, RuleContext, by_columns, choices
from desktop.fields import FieldType as T
from desktop.registers import rules
from desktop.validation import Reason

FIELDS: tuple[Field, ...] = (
    Field("mark_user_id", "用标主体", "mark user", T.REF, required=True, ref="mark-user", width=20),
    Field("year", "年度", "year", T.YEAR, required=True, minimum=2000, maximum=2100, width=6),
    Field("output_t", "产量（吨）", "output (t)", T.DECIMAL, minimum=0),
    Field("marked_output_t", "用标产量（吨）", "output under the mark (t)", T.DECIMAL, minimum=0),
    Field("sales_10k", "销售额（万元）", "sales (10k yuan)", T.DECIMAL, minimum=0),
    Field("marked_sales_10k", "用标产品销售额（万元）", "sales under the mark (10k yuan)",
          T.DECIMAL, minimum=0),
    Field("export_t", "出口量（吨）", "exports (t)", T.DECIMAL, minimum=0),
    Field("marks_printed", "标志印制数量（枚）", "marks printed", T.INT, minimum=0),
    Field("printer", "印制单位", "printer", max_length=100, width=20),
    Field("marks_used", "标志使用数量（枚）", "marks used", T.INT, minimum=0),
    Field("marks_in_stock", "标志结存数量（枚）", "marks in stock", T.INT, minimum=0),
    Field("testing", "检验检测情况", "testing", T.LONGTEXT, width=24),
    Field("reporter", "填报人", "reporter", max_length=30),
    Field("report_date", "填报日期", "report date", T.DATE),
    Field("review_status", "审核状态", "review status", T.CHOICE, required=True, choices=choices(
        ("submitted", "已提交", "submitted"),
        ("approved", "审核通过", "approved"),
        ("returned", "退回修改", "returned for correction"),
    )),
)


_YEAR = attrgetter("year")


def _reported_after_year(column: Columns, count: int, ctx: RuleContext) -> list[tuple[int, FieldError]]:
    f = KIND.field("report_date")
    years, days = column("year"), column("report_date")
    if None not in years and None not in days and not any(map(lt, map(_YEAR, days), years)):
        return []  # every report filled in and dated in or after its year
    return [(i, FieldError.of(f, Reason(f"不能早于报告年度（{year}年）",
                                        f"cannot be before the report year ({year})")))
            for i, (year, day) in enumerate(zip(years, days))
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
)
