"""The blank annual-report workbook sent to enterprises (年报填报工作簿), openpyxl.

One sheet per user (:func:`write_workbook`), or one workbook per user into a folder
(:func:`write_workbooks`). Each user sheet has the title 地理标志专用标志使用情况年报（Y年度）,
its serial, the enterprise's data pre-filled and locked (sheet protection), the fields to fill
in unlocked with data validation (decimals ≥ 0, whole numbers, dates, text length, dropdowns for
coded fields) and the report's current values when it has one; a 填表说明 sheet lists every
field's help text; a very hidden sheet (:data:`layout.META_SHEET`) names the office, the year,
each user sheet's user and serial, and each input field's cell. Serials come from the form
serial engine (:mod:`desktop.forms.serials`): reserved and committed before the file is written,
never reused, a cancelled run's batch marked cancelled. Printed A4 portrait, one page wide.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop import tempfiles
from desktop.annual import layout
from desktop.annual.status import year_status
from desktop.fields import Field, FieldError, FieldType, ValidationFailed
from desktop.forms import serials
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.validation import Reason

__all__ = ["Sheet", "WorkbookResult", "sheets_for", "write_workbook", "write_workbooks", "file_name_for"]

log = logging.getLogger(__name__)

_FONT = "宋体"
_TITLE_FONT = "黑体"
_INPUT_FILL = "FFF9DB"
_SECTION_FILL = "DDE6F0"
_LOCKED_FILL = "F2F2F2"
_PASSWORD = "giledger"
"""Sheet protection keeps the form's shape against slips, not against a determined editor
(the import checks every value and the hidden part against the serial)."""


@dataclass(frozen=True)
class Sheet:
    """One user's sheet: its data and its current report (if any)."""

    user_id: str
    user: dict[str, Any]
    """The pre-filled values (:data:`layout.PREFILLED` keys)."""
    report: dict[str, Any]
    """The report's current values of :data:`layout.INPUT_KEYS` (empty when none)."""


@dataclass(frozen=True)
class WorkbookResult:
    """What was written: the files, their serials (one per user sheet)."""

    files: list[Path]
    serials: list[str]
    batch_id: int


def sheets_for(ledger: Ledger, year: int, user_ids: Sequence[str] | None = None) -> list[Sheet]:
    """The sheets of the users owing a report for ``year`` (every one, or ``user_ids``);
    a user not owing one is refused, named."""
    owing = {u.user_id: u for u in year_status(ledger, year).users}
    wanted = list(owing) if user_ids is None else list(user_ids)
    missing = [uid for uid in wanted if uid not in owing]
    if missing:
        raise ValidationFailed([FieldError("user", "用标主体", "mark user", Reason(
            f"{'、'.join(missing)} 不是本单位{year}年度应报年报的用标主体"
            "（已核准、暂停或列入异常名录，且在该年度内核准）",
            f"{', '.join(missing)}: not a mark user of this office owing a report for {year} "
            "(approved, suspended or abnormal, approved by the end of the year)"))], "年报")
    users = {r.id: r for r in ledger.list("mark-user", office_code=ledger.office.code)} if len(wanted) > 50 else None
    out = []
    gi_names: dict[str, Any] = {}
    for uid in wanted:
        rec = users[uid] if users is not None else ledger.get("mark-user", uid)
        v = rec.values
        gi_id = v.get("gi_id")
        if gi_id and gi_id not in gi_names:
            gi_names[gi_id] = ledger.get("gi", gi_id).values.get("name")
        gi = gi_names.get(gi_id) if gi_id else None
        user = {"name": v.get("name"), "uscc": v.get("uscc"), "id": uid, "gi": gi,
                "legal_rep": v.get("legal_rep"), "address": v.get("address"), "contact": v.get("contact"),
                "phone": v.get("phone"), "year": year}
        report: dict[str, Any] = {}
        rid = owing[uid].report_id
        if rid:
            rv = ledger.get("annual-report", rid).values
            report = {k: rv.get(k) for k in layout.INPUT_KEYS}
        out.append(Sheet(uid, user, report))
    return out


def file_name_for(sheet: Sheet, year: int) -> str:
    """A file name for one user's workbook: ``2025年度年报_企业名称_U-….xlsx``."""
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", str(sheet.user.get("name") or ""))[:40]
    return f"{year}年度年报_{name}_{sheet.user_id}.xlsx"


def _sheet_names(sheets: Sequence[Sheet]) -> list[str]:
    names: list[str] = []
    for n, s in enumerate(sheets, 1):
        base = re.sub(r"[\[\]:*?/\\']", "_", str(s.user.get("name") or s.user_id))
        name = base[:31] if len(sheets) == 1 else f"{n}.{base}"[:31]
        while name in names or name in (layout.INSTRUCTIONS_SHEET, layout.META_SHEET):
            name = f"{n}.{s.user_id}"[:31]
        names.append(name)
    return names


def _text(cell: Any, value: Any) -> None:
    """A value into a cell; text is always text (never a formula)."""
    cell.value = value
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"


def _validation(f: Field, year: int) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    kw: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "输入有误",
                          "showInputMessage": True, "promptTitle": f.zh[:32], "prompt": f.help_zh[:255]}
    if f.type is FieldType.DECIMAL:
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              error="请填写不小于0的数字", **kw)
    if f.type is FieldType.INT:
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              error="请填写不小于0的整数", **kw)
    if f.type is FieldType.DATE:
        return DataValidation(type="date", operator="between", formula1=f"DATE({year},1,1)",
                              formula2="DATE(2100,12,31)", error=f"请填写{year}年1月1日以后的日期，如 {year + 1}-01-15",
                              **kw)
    if f.type is FieldType.CHOICE:
        listed = ",".join(c.zh for c in f.choices)
        return DataValidation(type="list", formula1=f'"{listed}"', error="请从下拉列表中选择", **kw)
    if f.max_length:
        return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(f.max_length),
                              error=f"最多{f.max_length}个字", **kw)
    return None


_FORMATS = {FieldType.DECIMAL: "0.00", FieldType.INT: "0", FieldType.DATE: "yyyy-mm-dd"}


def _user_sheet(ws: Any, sheet: Sheet, serial: str, year: int, office: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    normal, bold = Font(name=_FONT, size=11), Font(name=_FONT, size=11, bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    for letter, width in (("A", 26), ("B", 30), ("C", 52)):
        ws.column_dimensions[letter].width = width
    ws.merge_cells("A1:C1")
    _text(ws["A1"], layout.title(year))
    ws["A1"].font = Font(name=_TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    _text(ws["A2"], f"编号：{serial}")
    _text(ws["C2"], f"发放单位：{office}")
    for ref in ("A2", "C2"):
        ws[ref].font = Font(name=_FONT, size=10, color="555555")
    placed, _where = layout.place_fields()
    first = placed[0].row
    for r in placed:
        if r.section is not None:
            ws.merge_cells(start_row=r.row, start_column=1, end_row=r.row, end_column=3)
            c = ws.cell(r.row, 1)
            _text(c, r.section)
            c.font, c.fill = bold, PatternFill("solid", fgColor=_SECTION_FILL)
            continue
        assert r.field is not None
        f = r.field
        label, value, help_ = ws.cell(r.row, 1), ws.cell(r.row, layout.VALUE_COLUMN), ws.cell(r.row, 3)
        _text(label, f.zh)
        _text(value, sheet.report.get(f.key))
        _text(help_, f.help_zh)
        value.protection = Protection(locked=False)
        value.fill = PatternFill("solid", fgColor=_INPUT_FILL)
        if f.type in _FORMATS:
            value.number_format = _FORMATS[f.type]
        elif f.type in (FieldType.TEXT, FieldType.LONGTEXT):
            value.number_format = "@"
        dv = _validation(f, year)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(value.coordinate)
        if f.type is FieldType.LONGTEXT:
            ws.row_dimensions[r.row].height = 45
        for c in (label, value, help_):
            c.border, c.alignment = box, wrap
        label.font, value.font, help_.font = bold, normal, Font(name=_FONT, size=9, color="555555")
    for n, (key, zh) in enumerate(layout.PREFILLED, first + 1):
        label, value = ws.cell(n, 1), ws.cell(n, layout.VALUE_COLUMN)
        _text(label, zh)
        _text(value, sheet.user.get(key))
        ws.merge_cells(start_row=n, start_column=2, end_row=n, end_column=3)
        label.font, value.font = bold, normal
        value.fill = PatternFill("solid", fgColor=_LOCKED_FILL)
        for c in (label, value):
            c.border, c.alignment = box, wrap
    last = placed[-1].row + 2
    ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=3)
    _text(ws.cell(last, 1), "请只在黄色单元格中填写，填好后保存（.xlsx 格式）并发回发放单位。"
          "灰色部分为登记信息，如有错误请另行告知。")
    ws.cell(last, 1).font = Font(name=_FONT, size=10, color="555555")
    ws.cell(last, 1).alignment = Alignment(wrap_text=True)
    ws.row_dimensions[last].height = 30
    _page_setup(ws, f"A1:C{last}")
    ws.protection.sheet = True
    ws.protection.password = _PASSWORD


def _page_setup(ws: Any, area: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_area = area


def _instructions(ws: Any, year: int, deadline: date, office: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80
    lines = [
        (layout.title(year) + " 填表说明", None),
        (f"1. 本工作簿由{office}发放，每个工作表对应一个用标主体；请在黄色单元格中填写{year}年度的情况。", None),
        ("2. 灰色部分（企业名称、统一社会信用代码等）为登记信息，已锁定；如有错误请另行告知发放单位。", None),
        ("3. 数量、金额请填数字（不要填单位或文字）；日期填公历日期，如 2025-01-15。", None),
        ("4. 用标产量不大于产量，用标产品销售额不大于销售额；结存数量 = 上年结存 + 本年印制 − 本年使用。", None),
        (f"5. 请于 {deadline.year}年{deadline.month}月{deadline.day}日 前保存为 .xlsx 文件，通过电子邮件发回；"
         "请勿删除或重命名工作表，请勿另存为其他格式。", None),
        ("", None), ("项目", "填写说明"),
    ]
    lines += [(f.zh, f.help_zh) for f in layout.input_fields()]
    for n, (a, b) in enumerate(lines, 1):
        _text(ws.cell(n, 1), a)
        _text(ws.cell(n, 2), b)
        ws.cell(n, 1).font = Font(name=_FONT, size=11, bold=b is not None and n > 1)
        ws.cell(n, 2).font = Font(name=_FONT, size=11, bold=n == 8)
        ws.cell(n, 2).alignment = Alignment(wrap_text=True, vertical="center")
        if b is None and n > 1:
            ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=2)
            ws.cell(n, 1).alignment = Alignment(wrap_text=True)
            ws.row_dimensions[n].height = 30
    ws["A1"].font = Font(name=_TITLE_FONT, size=14, bold=True)
    ws.merge_cells("A1:B1")
    _page_setup(ws, f"A1:B{len(lines)}")
    ws.protection.sheet = True
    ws.protection.password = _PASSWORD


def _meta(ws: Any, year: int, office_code: str, names: Sequence[str], sheets: Sequence[Sheet],
          codes: Sequence[str]) -> None:
    rows: list[list[Any]] = [["format", layout.FORMAT], ["version", layout.VERSION],
                             ["office_code", office_code], ["year", year]]
    _placed, where = layout.place_fields()
    rows += [["field", key, f"B{row}"] for key, row in where.items()]
    rows += [["sheet", name, code, s.user_id] for name, code, s in zip(names, codes, sheets, strict=True)]
    for row in rows:
        ws.append([str(v) for v in row])
    ws.sheet_state = "veryHidden"


def _build(ledger: Ledger, year: int, sheets: Sequence[Sheet], codes: Sequence[str], deadline: date) -> Any:
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    office = ledger.office.name
    intro = book.active
    intro.title = layout.INSTRUCTIONS_SHEET
    _instructions(intro, year, deadline, office)
    names = _sheet_names(sheets)
    for name, sheet, code in zip(names, sheets, codes, strict=True):
        _user_sheet(book.create_sheet(name), sheet, code, year, office)
    _meta(book.create_sheet(layout.META_SHEET), year, ledger.office.code, names, sheets, codes)
    book.active = 1
    book.security = WorkbookProtection(lockStructure=True)
    return book


def _reserve(ledger: Ledger, year: int, sheets: Sequence[Sheet], file_name: str) -> tuple[int, list[str]]:
    return serials.reserve(ledger, layout.FORM, [s.user_id for s in sheets], file_name=file_name,
                           prefills=[{"mark_user_id": s.user_id, "year": year} for s in sheets])


def write_workbook(ledger: Ledger, year: int, target: Path | str, user_ids: Sequence[str] | None = None, *,
                   progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> WorkbookResult:
    """One workbook at ``target``: a sheet per user owing a report for ``year`` (or per user of
    ``user_ids``). Serials are reserved (committed) before the file is written."""
    from desktop.annual.status import deadline_of

    sheets = sheets_for(ledger, year, user_ids)
    if not sheets:
        raise ValidationFailed([FieldError("user", "用标主体", "mark user", Reason(
            f"本单位没有{year}年度应报年报的用标主体", f"no mark user of this office owes a report for {year}"))],
            "年报")
    target = Path(target)
    batch, codes = _reserve(ledger, year, sheets, target.name)
    try:
        book = _build(ledger, year, sheets, codes, deadline_of(ledger, year)[0])
        progress(len(sheets), len(sheets))
        check_cancel(cancelled)
        with tempfiles.writing(target) as partial:
            book.save(partial)
    except BaseException:
        serials.finish(ledger, batch, done=False)
        raise
    serials.finish(ledger, batch, done=True)
    log.info("annual-report workbook %s: %d sheets", target, len(sheets))
    return WorkbookResult([target], codes, batch)


def write_workbooks(ledger: Ledger, year: int, folder: Path | str, user_ids: Sequence[str] | None = None, *,
                    progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> WorkbookResult:
    """One workbook per user into ``folder`` (named by :func:`file_name_for`), with progress
    and cancel: a cancelled run keeps the files written so far, its batch marked cancelled."""
    from desktop.annual.status import deadline_of

    folder = Path(folder)
    sheets = sheets_for(ledger, year, user_ids)
    batch, codes = _reserve(ledger, year, sheets, str(folder))
    deadline = deadline_of(ledger, year)[0]
    files: list[Path] = []
    try:
        for n, (sheet, code) in enumerate(zip(sheets, codes, strict=True), 1):
            check_cancel(cancelled)
            target = folder / file_name_for(sheet, year)
            book = _build(ledger, year, [sheet], [code], deadline)
            with tempfiles.writing(target) as partial:
                book.save(partial)
            files.append(target)
            progress(n, len(sheets))
    except BaseException:
        serials.finish(ledger, batch, done=False)
        raise
    serials.finish(ledger, batch, done=True)
    return WorkbookResult(files, codes, batch)
