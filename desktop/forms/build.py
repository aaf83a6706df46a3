"""The printed forms themselves: which records, which grids, in which order (see :mod:`desktop.forms`)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from db import meta
from db.records import RecordNotFound
from desktop import tempfiles
from desktop.fields import Field, FieldType, Kind
from desktop.forms import serials
from desktop.forms.fieldgrid import field_blocks, signature_block, table_grid, value_text
from desktop.forms.fonts import SETTING, FontSet, load_fonts
from desktop.forms.kit import Block, PageBreak, Spacer, TextBlock, mm
from desktop.forms.model import FORMS, NothingToPrint, PrintRequest, PrintResult
from desktop.forms.sheet import Header, Sheet, bureau_name
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers import get_kind

__all__ = ["render", "FORM_NUMBERS", "LIST_TITLES"]

log = logging.getLogger(__name__)

FORM_NUMBERS: dict[str, str] = {
    "survey": "地标普01表", "candidate": "地标培02表", "inspection": "地标检03表",
    "annual-report": "地标年04表", "register": "地标名录", "stats": "地标统05表",
    "record": "地标登记表",
}
"""表号 of each form (the blank and filled forms of one register share it)."""

LIST_TITLES: dict[str, str] = {
    "resource": "潜在地理标志保护资源名录", "candidate": "地理标志培育名录",
    "gi": "地理标志保护名录", "mark-user": "地理标志专用标志合法使用人名录",
    "annual-report": "专用标志使用情况年报汇总表", "inspection": "专用标志使用检查台账",
    "abnormal": "异常名录", "plan": "双随机抽查计划表", "stage-event": "培育阶段记录表",
}
_ENTERPRISE = ("name", "uscc", "entity_type", "legal_rep", "address", "contact", "phone", "gi_id")
"""Mark-user fields pre-filled on the inspection and annual-report forms (those it has)."""
_NOTES = (
    "带“*”的栏目为必填项。",
    "选项栏在相应的“□”内打“√”；注明“可多选”的栏目可选多项。",
    "日期按“年 月 日”填写；数量填阿拉伯数字，单位见栏目名称。",
    "文字栏填写不下的，可另附页，并在附页上注明本表编号。",
    "本表右上角的编号和二维码是本表的唯一编号，请勿涂改；录入台账时扫描或输入该编号。",
)


@dataclass
class _Job:
    ledger: Ledger
    fonts: FontSet
    sheet: Sheet
    printed_at: str
    office: str
    _titles: dict[tuple[str, str], str]

    def ref_title(self, kind: str, rid: str) -> str:
        key = (kind, rid)
        hit = self._titles.get(key)
        if hit is None:
            try:
                hit = f"{rid}（{self.ledger.get(kind, rid).title}）"
            except RecordNotFound:
                hit = rid
            if len(self._titles) > 2000:
                self._titles.clear()
            self._titles[key] = hit
        return hit

    def header(self, form: str, title: str, code: str | None, **kw: Any) -> Header:
        return Header(form_no=FORM_NUMBERS.get(form, ""), title=title, office=self.office,
                      code=code, printed_at=self.printed_at, **kw)


def _kind_of_form(form: str) -> str:
    return {"survey": "resource", "survey-blank": "resource", "candidate": "candidate",
            "inspection": "inspection", "inspection-blank": "inspection",
            "annual-report-blank": "annual-report"}.get(form, "")


def _nothing(zh: str, en: str) -> NothingToPrint:
    return NothingToPrint(f"{zh}\n{en}")


def _where(request: PrintRequest) -> dict[str, str]:
    return dict(request.where)


def _records(ledger: Ledger, kind: str, request: PrintRequest) -> tuple[int, Iterator[Record]]:
    """(count, records) for ids or --all with --where; NothingToPrint for none/unknown ids."""
    if request.ids:
        for rid in request.ids:  # checked before printing, read again one at a time as printed
            try:
                rec = ledger.get(kind, rid)
            except RecordNotFound:
                raise _nothing(f"没有{get_kind(kind).zh} {rid}", f"no {get_kind(kind).en} {rid}") \
                    from None
            if rec.deleted:
                raise _nothing(f"{get_kind(kind).zh} {rid} 已删除", f"{rid} is deleted")
        ids = tuple(request.ids)
        return len(ids), (ledger.get(kind, rid) for rid in ids)
    if not request.all and request.form not in ("register", "stats"):
        raise _nothing("请指定 --id 或 --all", "give --id or --all")
    where = _where(request)
    total = ledger.count(kind, where)
    if total == 0:
        raise _nothing(f"没有符合条件的{get_kind(kind).zh}", f"no {get_kind(kind).en} matches")
    return total, ledger.list(kind, where)


def render(ledger: Ledger, request: PrintRequest, out: Path, *,
           progress: Progress | None = None, cancelled: CancelCheck | None = None) -> PrintResult:
    """See :func:`desktop.forms.render`."""
    if request.form not in FORMS:
        raise _nothing(f"没有“{request.form}”这种表单，可用：{', '.join(FORMS)}",
                       f"unknown form {request.form!r}; use one of: {', '.join(FORMS)}")
    progress = progress or no_progress
    cancelled = cancelled or never_cancelled
    out = Path(out)
    fonts = load_fonts(meta.get_setting(ledger.db, SETTING))
    plan = _plan(ledger, request)  # refuses before any file or serial exists
    tempfiles.clean_partials_beside(out)  # what a killed print left beside it
    part = tempfiles.partial_path(out)  # listed: a later start removes it if this one is killed
    wide = request.form in ("register", "stats")
    sheet = Sheet(part, fonts, wide=wide, title=plan.title, author=ledger.office.name)
    job = _Job(ledger, fonts, sheet, datetime.now().strftime("%Y-%m-%d %H:%M"),
               bureau_name(ledger.office.name), {})
    batch: int | None = None
    issued: list[str] = []
    try:
        if plan.blank:
            batch, issued = serials.reserve(ledger, request.form, plan.subjects,
                                            file_name=out.name, prefills=plan.prefills)
        forms = 0
        progress(0, plan.total)
        for n, blocks_and_header in enumerate(plan.make(job, issued), 1):
            check_cancel(cancelled)
            header, blocks = blocks_and_header
            sheet.add_form(header, blocks)
            forms += 1
            progress(n, plan.total)
        check_cancel(cancelled)
        sheet.close()
        os.replace(part, out)
    except BaseException:
        sheet.abort()
        part.unlink(missing_ok=True)
        if batch is not None:
            serials.finish(ledger, batch, done=False)
        raise
    if batch is not None:
        serials.finish(ledger, batch, done=True)
    log.info("printed %s: %d form(s), %d page(s) to %s", request.form, forms, sheet.pages, out)
    return PrintResult(path=out, pages=sheet.pages, forms=forms, serials=tuple(issued),
                       font=fonts.description if fonts.embedded else "STSong-Light (fallback)")


# ---- planning: what will be printed ---------------------------------------------------

FormPages = tuple[Header, list[Block]]


@dataclass
class _Plan:
    title: str
    total: int
    make: Callable[[_Job, Sequence[str]], Iterator[FormPages]]
    blank: bool = False
    subjects: Sequence[str | None] = ()
    prefills: Sequence[dict[str, Any] | None] | None = None


def _plan(ledger: Ledger, request: PrintRequest) -> _Plan:
    form = request.form
    if form == "survey-blank":
        copies = request.copies
        if not 1 <= copies <= 1000:
            raise _nothing("份数应在 1 到 1000 之间", "copies must be between 1 and 1000")
        return _Plan("潜在地理标志保护资源普查表", copies, _survey_blank, blank=True,
                     subjects=[None] * copies)
    if form in ("inspection-blank", "annual-report-blank"):
        users = _users(ledger, request)
        year = request.year or (ledger.today().year - 1)
        title = "检查记录表" if form == "inspection-blank" else "年度报告表"

        def make(job: _Job, issued: Sequence[str]) -> Iterator[FormPages]:
            for uid, serial in zip(users, issued, strict=True):
                user = ledger.get("mark-user", uid)
                if form == "inspection-blank":
                    yield _inspection(job, None, user, serial)
                else:
                    yield _annual_blank(job, user, year, serial)
        prefills: list[dict[str, Any] | None] = [
            {"mark_user_id": uid} if form == "inspection-blank" else {"mark_user_id": uid, "year": year}
            for uid in users]
        return _Plan(title, len(users), make, blank=True, subjects=users, prefills=prefills)
    if form == "inspection-draw":  # the forms of a random draw (desktop.draw.forms)
        from desktop.draw.forms import draw_prefills

        fills = draw_prefills(ledger, request.ids)
        targets = [str(f["mark_user_id"]) for f in fills]

        def make_draw(job: _Job, issued: Sequence[str]) -> Iterator[FormPages]:
            for fill, serial in zip(fills, issued, strict=True):
                yield _inspection(job, fill, ledger.get("mark-user", fill["mark_user_id"]), serial)
        return _Plan("检查记录表", len(fills), make_draw, blank=True, subjects=targets, prefills=fills)
    if form in ("survey", "candidate", "inspection"):
        kind = _kind_of_form(form)
        total, recs = _records(ledger, kind, request)

        def make_filled(job: _Job, _issued: Sequence[str]) -> Iterator[FormPages]:
            for rec in recs:
                if form == "survey":
                    yield _survey(job, rec)
                elif form == "candidate":
                    yield _candidate(job, rec)
                else:
                    user = _maybe(ledger, "mark-user", rec.values.get("mark_user_id"))
                    yield _inspection(job, rec, user, rec.id)
        return _Plan(get_kind(kind).zh, total, make_filled)
    if form == "record":
        if not request.kind:
            raise _nothing("请指定记录类型 kind", "give the record kind")
        rkind = get_kind(request.kind)
        total, recs = _records(ledger, rkind.key, request)

        def make_records(job: _Job, _issued: Sequence[str]) -> Iterator[FormPages]:
            for rec in recs:
                yield _record(job, rec)
        return _Plan(f"{rkind.zh}登记表", total, make_records)
    if form == "register":
        if not request.kind:
            raise _nothing("请指定台账类型 KIND", "give the register KIND")
        kind = get_kind(request.kind).key
        total, recs = _records(ledger, kind, request)
        return _Plan(LIST_TITLES.get(kind, f"{get_kind(kind).zh}台账"), 1,
                     lambda job, _i: iter([_register(job, get_kind(kind), recs, total, request)]))
    # stats
    total = ledger.count("stats")
    if total == 0:
        raise _nothing("还没有填报统计表（giledger stats set）",
                       "no statistics row yet (giledger stats set)")
    return _Plan("地理标志工作统计表", 1, lambda job, _i: iter([_stats(job)]))


def _maybe(ledger: Ledger, kind: str, rid: str | None) -> Record | None:
    if not rid:
        return None
    try:
        return ledger.get(kind, rid)
    except RecordNotFound:
        return None


def _users(ledger: Ledger, request: PrintRequest) -> list[str]:
    if request.ids:
        out = []
        for uid in request.ids:
            try:
                rec = ledger.get("mark-user", uid)
            except RecordNotFound:
                raise _nothing(f"没有用标主体 {uid}", f"no mark user {uid}") from None
            if rec.deleted:
                raise _nothing(f"用标主体 {uid} 已删除", f"mark user {uid} is deleted")
            out.append(rec.id)
        return out
    if not request.all:
        raise _nothing("请指定 --user 或 --all", "give --user or --all")
    out = [r.id for r in ledger.list("mark-user", _where(request))]
    if not out:
        raise _nothing("没有符合条件的用标主体", "no mark user matches")
    return out


# ---- the forms -----------------------------------------------------------------------

def _notes_page(job: _Job, kind: Kind) -> list[Block]:
    ts, width = job.sheet.ts, job.sheet.width
    blocks: list[Block] = [PageBreak(), TextBlock(ts, width, "填表说明", size=15, centred=True,
                                                  bold=True), Spacer(3 * mm)]
    n = 0
    for note in _NOTES:
        n += 1
        blocks.append(TextBlock(ts, width, f"{n}. {note}", indent=5 * mm))
    for f in kind.fields:
        help_zh = (getattr(f, "help_zh", "") or "").strip()
        if help_zh:
            n += 1
            blocks.append(TextBlock(ts, width, f"{n}. {f.zh}：{help_zh}", indent=5 * mm))
    return blocks


def _survey_blank(job: _Job, issued: Sequence[str]) -> Iterator[FormPages]:
    kind = get_kind("resource")
    for serial in issued:
        ts, width = job.sheet.ts, job.sheet.width
        blocks: list[Block] = [*field_blocks(ts, width, kind.fields, None), Spacer(4 * mm),
                               signature_block(ts, width), *_notes_page(job, kind)]
        yield job.header("survey", "潜在地理标志保护资源普查表", serial), blocks


def _survey(job: _Job, rec: Record) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    blocks: list[Block] = [*field_blocks(ts, width, rec.kind.fields, rec.values,
                                         ref_title=job.ref_title),
                           Spacer(4 * mm), signature_block(ts, width, {
                               "填表人": rec.values.get("reporter") or "",
                               "联系电话": rec.values.get("phone") or ""})]
    date = rec.values.get("survey_date")
    return job.header("survey", "潜在地理标志保护资源普查表", rec.id,
                      unit=rec.values.get("reporting_unit") or "",
                      date=value_text(rec.kind.field("survey_date"), date) if date else ""), blocks


def _record(job: _Job, rec: Record) -> FormPages:
    """Any register's record as a filled form of its fields."""
    ts, width = job.sheet.ts, job.sheet.width
    blocks: list[Block] = [*field_blocks(ts, width, rec.kind.fields, rec.values,
                                         ref_title=job.ref_title),
                           Spacer(4 * mm), signature_block(ts, width)]
    return job.header("record", f"{rec.kind.zh}登记表", rec.id, fill_line=False), blocks


def _candidate(job: _Job, rec: Record) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    fields = [f for f in rec.kind.fields if f.key != "materials"]
    blocks: list[Block] = [*field_blocks(ts, width, fields, rec.values, ref_title=job.ref_title)]
    materials = rec.kind.field("materials") if rec.kind.has_field("materials") else None
    if materials is not None:
        ready = set(rec.values.get("materials") or ())
        rows = [[str(i), c.zh, job.fonts.tick if c.code in ready else job.fonts.box,
                 "已备齐" if c.code in ready else "未备齐"]
                for i, c in enumerate(materials.choices, 1)]
        blocks += [Spacer(4 * mm), TextBlock(ts, width, "申报材料清单", size=11, bold=True), Spacer(1 * mm),
                   table_grid(ts, width, ["序号", "材料名称", "已备齐", "状态"], rows,
                              [1, 8, 1.5, 2], size=9.5, centred=(0, 2, 3))]
    ev_kind = get_kind("stage-event")
    stage = ev_kind.field("stage")
    events = sorted(job.ledger.list("stage-event", {"candidate_id": rec.id}),
                    key=lambda e: (e.values.get("event_date"), e.created_at))
    rows = [[str(i), value_text(ev_kind.field("from_stage"), e.values.get("from_stage")),
             value_text(stage, e.values.get("stage")),
             value_text(ev_kind.field("event_date"), e.values.get("event_date")),
             e.values.get("note") or ""] for i, e in enumerate(events, 1)]
    blocks += [Spacer(4 * mm), TextBlock(ts, width, "培育阶段记录", size=11, bold=True), Spacer(1 * mm),
               table_grid(ts, width, ["序号", "原阶段", "阶段", "日期", "说明"],
                          rows or [["", "（无）", "", "", ""]], [1, 4, 4, 3, 6], size=9,
                          centred=(0, 3)),
               Spacer(4 * mm), signature_block(ts, width, {"填表人": rec.values.get("owner") or ""})]
    return job.header("candidate", "地理标志培育对象情况表", rec.id, fill_line=False), blocks


def _enterprise(job: _Job, user: Record | None, heading: str) -> list[Block]:
    kind = get_kind("mark-user")
    fields = [kind.field(k) for k in _ENTERPRISE if kind.has_field(k)]
    values = user.values if user is not None else None
    return list(field_blocks(job.sheet.ts, job.sheet.width, fields, values,
                             ref_title=job.ref_title, heading=heading))


def _inspection(job: _Job, rec: Record | Mapping[str, Any] | None, user: Record | None,
                code: str) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    kind = get_kind("inspection")
    fields = [f for f in kind.fields if f.key != "mark_user_id"]
    values = rec.values if isinstance(rec, Record) else rec  # a mapping: pre-filled values
    blocks: list[Block] = [*_enterprise(job, user, "被检查单位基本情况"), Spacer(3 * mm),
                           *field_blocks(ts, width, fields, values,
                                         ref_title=job.ref_title, heading="检查情况"),
                           Spacer(4 * mm), _inspection_signatures(ts, width)]
    title = "地理标志专用标志使用检查记录表"
    return job.header("inspection", title, code, fill_line=False), blocks


def _inspection_signatures(ts: Any, width: float) -> Block:
    from desktop.forms.kit import Cell, Grid, Row

    half = width / 2
    rows = [Row([Cell(text="检查人员（签名）：", size=9.5), Cell(text="被检查单位负责人（签名）：", size=9.5)],
                min_height=16 * mm),
            Row([Cell(text="　　　　年　　月　　日", align="right"),
                 Cell(text="（盖章）　　　　年　　月　　日", align="right")], min_height=8 * mm)]
    return Grid(ts, [half, half], rows)


def _annual_blank(job: _Job, user: Record, year: int, serial: str) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    kind = get_kind("annual-report")
    fields = [f for f in kind.fields if f.key not in ("mark_user_id", "year")]
    blocks: list[Block] = [*_enterprise(job, user, "报告单位基本情况"), Spacer(3 * mm),
                           *field_blocks(ts, width, fields, None, heading=f"{year}年度使用情况"),
                           Spacer(4 * mm), signature_block(ts, width)]
    return job.header("annual-report", "地理标志专用标志使用情况年度报告表", serial,
                      unit=user.values.get("name") or "", subtitle=f"（{year}年度）"), blocks


def _list_fields(kind: Kind, width_mm: float) -> list[Field]:
    """The columns of a register list: the kind's fields in order, long text left out, as many
    as fit the landscape page (required fields first when not all fit)."""
    usable = [f for f in kind.fields if f.type is not FieldType.LONGTEXT]
    budget = width_mm - 28 - 10
    def cost(f: Field) -> float:
        return max(min(f.width, 24), min(len(f.zh), 8)) * 2.7
    if sum(cost(f) for f in usable) <= budget:
        return usable
    chosen: set[str] = set()
    used = 0.0
    for f in sorted(usable, key=lambda f: (not f.required, kind.fields.index(f))):
        if used + cost(f) <= budget:
            chosen.add(f.key)
            used += cost(f)
    return [f for f in usable if f.key in chosen]


def _register(job: _Job, kind: Kind, recs: Iterator[Record], total: int,
              request: PrintRequest) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    fields = _list_fields(kind, width / mm)
    rows = []
    for i, rec in enumerate(recs, 1):
        rows.append([str(i), rec.id, *(value_text(f, rec.values.get(f.key))
                                       for f in fields)])
    weights = [10, 28, *(max(min(f.width, 24), min(len(f.zh), 8)) * 2.7 for f in fields)]
    grid = table_grid(ts, width, ["序号", "编号", *(f.zh for f in fields)], rows, weights,
                      size=8, centred=(0,))
    cond = "；".join(f"{k}={v}" for k, v in request.where)
    sub = f"共 {total} 条" + (f"（筛选：{cond}）" if cond else "")
    return job.header("register", LIST_TITLES.get(kind.key, f"{kind.zh}台账"), None,
                      fill_line=True, subtitle=sub), [grid, Spacer(4 * mm),
                                                     signature_block(ts, width)]


def _stats(job: _Job) -> FormPages:
    ts, width = job.sheet.ts, job.sheet.width
    kind = get_kind("stats")
    recs = sorted(job.ledger.list("stats"), key=lambda r: (r.office_code, r.values["as_of"]))
    names = {o.code: o.name for o in meta.list_offices(job.ledger.db)}
    rows = [[names.get(r.office_code, r.office_code), *(value_text(f, r.values.get(f.key))
                                                        for f in kind.fields)] for r in recs]
    weights = [14, *(max(min(f.width, 20), min(len(f.zh), 9)) for f in kind.fields)]
    grid = table_grid(ts, width, ["县（市、区）", *(f.zh for f in kind.fields)], rows, weights,
                      size=9, centred=tuple(range(1, len(kind.fields))))
    return job.header("stats", "各县（市、区）注册商标和地理标志统计表", None,
                      fill_line=True), [grid, Spacer(4 * mm), signature_block(ts, width)]
