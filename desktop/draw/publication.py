"""The publication sheet 抽查结果公示 of a draw (xlsx with openpyxl, PDF with the forms' kit and
Chinese fonts): plan, draw number, seed, pool hash, each target (name, USCC) with its
inspectors, and the result column filled from the inspection records entered since the draw
(未检查 until then). Also the inspection tasks of a draw (:func:`tasks`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from db import meta
from desktop import tempfiles
from desktop.draw.service import Draw
from desktop.forms.fieldgrid import table_grid
from desktop.forms.fonts import SETTING, load_fonts
from desktop.forms.kit import Block, Spacer, TextBlock, mm
from desktop.forms.sheet import Header, Sheet, bureau_name
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import get_kind

__all__ = ["Task", "tasks", "write", "write_xlsx", "write_pdf", "NOT_INSPECTED", "HEADER", "task_no"]

log = logging.getLogger(__name__)

NOT_INSPECTED = "未检查"
HEADER = ("序号", "检查对象", "统一社会信用代码", "检查人员", "检查结果")
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Task:
    """One inspection task of a draw: the target, its inspectors (names and certificate
    numbers), the task number, and the inspection entered for it since the draw (or None)."""

    n: int
    user_id: str
    user_name: str
    uscc: str
    cert_nos: tuple[str, ...]
    inspector_names: tuple[str, ...]
    task_no: str
    inspection: Record | None

    @property
    def result_text(self) -> str:
        if self.inspection is None:
            return NOT_INSPECTED
        f = get_kind("inspection").field("result")
        return f.display(self.inspection.values.get("result")) or "已检查（结果未填）"


def task_no(draw: Draw, n: int) -> str:
    """The task number of the ``n``-th target: ``<draw id>-NN`` (e.g. ``Q-130125-000001-03``)."""
    return f"{draw.id}-{n:02d}"


def tasks(ledger: Ledger, draw: Draw) -> list[Task]:
    """The draw's targets in rank order with their inspectors and the inspections entered since."""
    users = {u.id: u for u in draw.pools.users}
    names = {i.cert_no: i.name for i in draw.pools.inspectors}
    found: dict[str, Record] = {}
    for rec in ledger.list("inspection", {"plan_id": draw.stored.plan_id}):
        uid = rec.values.get("mark_user_id")
        if rec.created_at < draw.stored.drawn_at or not uid:
            continue
        best = found.get(uid)
        if best is None or (str(rec.values.get("inspection_date") or ""), rec.created_at) >= \
                (str(best.values.get("inspection_date") or ""), best.created_at):
            found[uid] = rec
    out: list[Task] = []
    for n, (uid, certs) in enumerate(draw.outcome.targets, 1):
        u = users.get(uid)
        out.append(Task(n, uid, u.name if u else uid, u.uscc if u else "", certs,
                        tuple(names.get(c, c) for c in certs), task_no(draw, n), found.get(uid)))
    return out


def _title(ledger: Ledger, draw: Draw) -> tuple[str, list[str]]:
    try:
        plan = ledger.get("plan", draw.stored.plan_id)
        name = plan.values.get("name") or plan.id
    except KeyError:
        name = draw.stored.plan_id
    s = draw.stored
    when = s.drawn_at[:19].replace("T", " ")
    lines = [f"抽查计划：{name}（{s.plan_id}）", f"第 {s.number} 次抽取（{s.id}），抽取时间：{when} UTC，"
             f"抽取人：{s.drawn_by}" + (f"，重新抽取理由：{s.reason}" if s.reason else ""),
             f"随机种子：{s.seed}", f"检查对象库校验值（SHA-256）：{s.pool_hash}",
             f"检查对象库 {len(draw.pools.users)} 户，抽取 {len(draw.outcome.targets)} 户；执法检查人员库 "
             f"{len(draw.pools.inspectors)} 人，每户 {draw.pools.per_target} 人。"
             "抽取方法见 docs/draw.md，任何人可按种子和检查对象库复核"]
    return f"{bureau_name(ledger.office.name)}双随机抽查结果公示", lines


def _rows(ledger: Ledger, draw: Draw) -> list[list[str]]:
    return [[str(t.n), t.user_name, t.uscc, "、".join(t.inspector_names), t.result_text] for t in tasks(ledger, draw)]


def write_xlsx(ledger: Ledger, draw: Draw, out: Path | str) -> Path:
    """The publication sheet as .xlsx (text cells; nothing that a spreadsheet would evaluate)."""
    out = Path(out)
    title, lines = _title(ledger, draw)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "抽查结果公示"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.cell(1, 1, title).font = Font(name="宋体", size=15, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for r, line in enumerate(lines, start=2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADER))
        ws.cell(r, 1, line).alignment = _WRAP
    head = len(lines) + 3
    for c, text in enumerate(HEADER, start=1):
        cell = ws.cell(head, c, text)
        cell.font = Font(name="宋体", bold=True)
        cell.border = _BOX
    for r, row in enumerate(_rows(ledger, draw), start=head + 1):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(r, c, text)
            cell.data_type = "s"
            cell.border = _BOX
            cell.alignment = _WRAP
    for letter, width in zip("ABCDE", (6, 30, 22, 24, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    with tempfiles.writing(out) as part:
        wb.save(part)
    log.info("publication sheet of %s written to %s", draw.id, out)
    return out


def write_pdf(ledger: Ledger, draw: Draw, out: Path | str) -> Path:
    """The publication sheet as A4 landscape PDF in the forms' Chinese font."""
    out = Path(out)
    title, lines = _title(ledger, draw)
    fonts = load_fonts(meta.get_setting(ledger.db, SETTING))
    header = Header(form_no="地标抽06表", title="双随机抽查结果公示", office=bureau_name(ledger.office.name),
                    code=draw.id, printed_at=datetime.now().strftime("%Y-%m-%d %H:%M"), fill_line=False)
    with tempfiles.writing(out) as part, Sheet(part, fonts, wide=True, title=title,
                                               author=ledger.office.name) as sheet:
        blocks: list[Block] = [TextBlock(sheet.ts, sheet.width, line, size=9.5) for line in lines]
        blocks += [Spacer(3 * mm), table_grid(sheet.ts, sheet.width, list(HEADER), _rows(ledger, draw) or
                                              [["", "（无）", "", "", ""]], [1, 6, 4, 5, 3], size=9, centred=(0,))]
        sheet.add_form(header, blocks)
    log.info("publication sheet of %s printed to %s", draw.id, out)
    return out


def write(ledger: Ledger, draw: Draw, out: Path | str) -> Path:
    """``.xlsx`` or ``.pdf`` by the name's ending."""
    suffix = Path(out).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(ledger, draw, out)
    if suffix == ".pdf":
        return write_pdf(ledger, draw, out)
    from desktop.draw.pools import DrawRefused

    raise DrawRefused(f"公示表只能保存为 .xlsx 或 .pdf：{Path(out).name}",
                      f"the publication sheet is written as .xlsx or .pdf, not {Path(out).name}")
