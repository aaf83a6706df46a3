"""A register's field description turned into the bordered label/value grid of its form.

Nothing here names a field: sections (``Field.section``, when the description has them),
labels, required marks, allowed values and types decide the layout, so a field added to a
register appears on its forms by itself. Blank and filled forms share one layout (the filled
paper reads like the blank one filled in):

- short fields two to a row (label | value | label | value);
- coded fields (choice, multi, yes/no) as ``□`` boxes, the chosen ones ticked on filled forms;
- dates as ``　　年　　月　　日``; long text as ruled writing lines (blank) or the full text,
  which flows onto continuation pages (filled);
- a run of three or more choice fields with the same allowed values (the inspection items)
  as one matrix: 检查项目 | 合格 | 不合格 | 不涉及.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from desktop.fields import Field, FieldType
from desktop.forms.kit import LABEL_SIZE, PAD_X, VALUE_SIZE, Cell, Grid, Row, mm
from desktop.forms.text import Typesetter

__all__ = ["field_blocks", "label_of", "value_text", "BLANK_DATE", "RefTitle", "section_of"]

BLANK_DATE = "　　　　年　　月　　日"
LABEL_W = 32 * mm
BLANK_ROW = 10 * mm
"""Height of a value box on a blank form: room for handwriting."""
_LONG_LINES = 4
_SHORT_TEXT = 40

RefTitle = Callable[[str, str], str]
"""``(kind key, record id) -> "R-…（title）"``: how a reference is shown."""


def section_of(f: Field) -> str:
    """The field's section (``Field.section``), or "" where the description has none."""
    return str(getattr(f, "section", "") or "")


def label_of(f: Field, *, blank: bool) -> str:
    """The printed label: ``*`` for a required field, the unit (``Field.unit`` where the
    description has one and the label does not say it already), ``（可多选）`` on blank forms."""
    label = f"*{f.zh}" if f.required else f.zh
    unit = str(getattr(f, "unit", "") or "")
    if unit and unit not in f.zh:
        label += f"（{unit}）"
    if f.type is FieldType.MULTI and blank:
        label += "（可多选）"
    return label


def _label_size(ts: Typesetter, text: str) -> float:
    """A label a little too long for one line is set a little smaller (not below 8 pt) rather
    than broken; a long one wraps at the normal size."""
    inner = LABEL_W - 2 * PAD_X
    width = ts.width(text, LABEL_SIZE)
    if width <= inner:
        return LABEL_SIZE
    fitted = LABEL_SIZE * inner / width
    return max(8.0, fitted - 0.05) if fitted >= 8.0 else LABEL_SIZE


def _options(f: Field) -> list[str]:
    if f.type is FieldType.BOOL:
        return ["是", "否"]
    return [c.zh for c in f.choices]


def _checked(f: Field, value: Any) -> frozenset[int]:
    if value is None:
        return frozenset()
    if f.type is FieldType.BOOL:
        return frozenset({0 if value else 1})
    codes = value if f.type is FieldType.MULTI else [value]
    return frozenset(i for i, c in enumerate(f.choices) if c.code in codes)


def value_text(f: Field, value: Any, ref_title: RefTitle | None = None) -> str:
    """A filled value as printed (dates as 年月日, references with their title)."""
    if value is None:
        return ""
    if f.type is FieldType.DATE:
        return f"{value.year}年{value.month:02d}月{value.day:02d}日"
    if f.type is FieldType.REF and ref_title is not None and f.ref:
        return ref_title(f.ref, value)
    return f.display(value)


def _is_wide(f: Field, ts: Typesetter, value_w: float) -> bool:
    if f.type in (FieldType.LONGTEXT, FieldType.LIST, FieldType.MULTI, FieldType.REF):
        return True
    if f.is_coded:
        need = sum(ts.width(o, VALUE_SIZE) + VALUE_SIZE * 2.6 for o in _options(f))
        return need > value_w - 4 * mm
    if f.type is FieldType.TEXT:
        return f.text_limit() > _SHORT_TEXT
    return False


def _value_cell(f: Field, value: Any, *, blank: bool, span: int,
                ref_title: RefTitle | None) -> Cell:
    if f.is_coded or f.type is FieldType.BOOL:
        return Cell(options=_options(f), checked=_checked(f, None if blank else value), span=span)
    if f.type is FieldType.DATE:
        return Cell(text=BLANK_DATE if blank or value is None else value_text(f, value), span=span)
    if f.type is FieldType.LONGTEXT:
        if blank:
            return Cell(ruled=_LONG_LINES, span=span)
        return Cell(text=value_text(f, value), span=span, splittable=True)
    if blank:
        return Cell(span=span)
    return Cell(text=value_text(f, value, ref_title), span=span,
                splittable=f.type is FieldType.LIST)


def _matrix_runs(fields: Sequence[Field]) -> list[list[Field]]:
    """Fields split into runs; a run of ≥3 choice fields with the same choices is one matrix."""
    runs: list[list[Field]] = []
    for f in fields:
        last = runs[-1] if runs else None
        if (last and f.type is FieldType.CHOICE and last[0].type is FieldType.CHOICE
                and last[0].choices == f.choices and section_of(last[0]) == section_of(f)):
            last.append(f)
        else:
            runs.append([f])
    out: list[list[Field]] = []
    for run in runs:
        if len(run) >= 3:
            out.append(run)
        else:
            out.extend([f] for f in run)
    return out


def _section_row(title: str, n_cols: int) -> Row:
    return Row([Cell(text=title, size=LABEL_SIZE + 0.5, shaded=True, bold=True, span=n_cols)],
               keep_with_next=True)


def field_blocks(ts: Typesetter, width: float, fields: Sequence[Field],
                 values: Mapping[str, Any] | None, *, ref_title: RefTitle | None = None,
                 heading: str = "") -> list[Grid]:
    """The grid(s) of ``fields``; ``values`` None for a blank form."""
    blank = values is None
    vals: Mapping[str, Any] = values or {}
    value_w = (width - 2 * LABEL_W) / 2
    widths = [LABEL_W, value_w, LABEL_W, value_w]
    blocks: list[Grid] = []
    rows: list[Row] = []
    if heading:
        rows.append(_section_row(heading, 4))
    pending: Field | None = None  # a short field waiting for its row partner
    section = ""
    min_h = BLANK_ROW if blank else 8 * mm

    def label(f: Field) -> Cell:
        text = label_of(f, blank=blank)
        return Cell(text=text, size=_label_size(ts, text), align="centre",
                    continued=f"{f.zh}（续）")

    def flush_pending() -> None:
        nonlocal pending
        if pending is not None:
            rows.append(Row([label(pending), _value_cell(pending, vals.get(pending.key),
                                                         blank=blank, span=3,
                                                         ref_title=ref_title)],
                            min_height=min_h))
            pending = None

    def flush_grid() -> None:
        nonlocal rows
        flush_pending()
        if rows:
            blocks.append(Grid(ts, widths, rows))
            rows = []

    for run in _matrix_runs(fields):
        f0 = run[0]
        if section_of(f0) and section_of(f0) != section:
            flush_pending()
            section = section_of(f0)
            rows.append(_section_row(section, 4))
        if len(run) > 1:
            flush_grid()
            blocks.append(_matrix(ts, width, run, None if blank else vals))
            continue
        f = f0
        if _is_wide(f, ts, value_w):
            flush_pending()
            rows.append(Row([label(f), _value_cell(f, vals.get(f.key), blank=blank, span=3,
                                                   ref_title=ref_title)],
                            min_height=(min_h if f.type is not FieldType.LONGTEXT or blank
                                        else 12 * mm)))
        elif pending is None:
            pending = f
        else:
            rows.append(Row([label(pending),
                             _value_cell(pending, vals.get(pending.key), blank=blank, span=1,
                                         ref_title=ref_title),
                             label(f),
                             _value_cell(f, vals.get(f.key), blank=blank, span=1,
                                         ref_title=ref_title)], min_height=min_h))
            pending = None
    flush_grid()
    return blocks


def _matrix(ts: Typesetter, width: float, run: Sequence[Field],
            values: Mapping[str, Any] | None) -> Grid:
    choices = run[0].choices
    opt_w = 22 * mm
    first = width - opt_w * len(choices)
    widths = [first, *([opt_w] * len(choices))]
    head = Row([Cell(text="检查项目", size=LABEL_SIZE, align="centre", shaded=True),
                *(Cell(text=c.zh, size=LABEL_SIZE, align="centre", shaded=True) for c in choices)],
               min_height=8 * mm)
    rows = [head]
    for f in run:
        value = None if values is None else values.get(f.key)
        cells = [Cell(text=label_of(f, blank=values is None), size=LABEL_SIZE)]
        for c in choices:
            mark = ts.fonts.tick if value == c.code else ts.fonts.box
            cells.append(Cell(text=mark, align="centre"))
        rows.append(Row(cells, min_height=9 * mm))
    return Grid(ts, widths, rows, header=1)


def signature_block(ts: Typesetter, width: float, values: Mapping[str, str] | None = None) -> Grid:
    """填表人、联系电话、审核人、单位负责人, with room to sign."""
    vals = values or {}
    labels = [("填表人", 16 * mm), ("联系电话", 19 * mm), ("审核人", 16 * mm), ("单位负责人", 22 * mm)]
    rest = (width - sum(w for _, w in labels)) / 4
    widths: list[float] = []
    cells: list[Cell] = []
    for text, w in labels:
        widths += [w, rest]
        cells += [Cell(text=text, size=LABEL_SIZE, align="centre"),
                  Cell(text=vals.get(text, ""), align="centre")]
    return Grid(ts, widths, [Row(cells, min_height=13 * mm)])


def table_grid(ts: Typesetter, width: float, header: Sequence[str], rows: Sequence[Sequence[str]],
               weights: Sequence[float], *, size: float = 8.5,
               centred: Sequence[int] = ()) -> Grid:
    """A list table: a shaded header row (repeated on every page) and one row per item."""
    total = sum(weights)
    widths = [width * w / total for w in weights]
    head = Row([Cell(text=h, size=size, align="centre", shaded=True) for h in header],
               min_height=8 * mm)
    body = [Row([Cell(text=v, size=size, align="centre" if i in centred else "left",
                      splittable=True) for i, v in enumerate(r)], min_height=7 * mm)
            for r in rows]
    return Grid(ts, widths, [head, *body], header=1)
