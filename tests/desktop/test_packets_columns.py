"""Work done a column at a time when a packet is read and checked gives what the record-by-record
definitions give: the stored (SQLite) values of each row, and the validation of each record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from desktop.fields import FieldError, FieldType, Kind, RuleContext
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets.export import export_packet
from desktop.packets.reader import read_packet
from desktop.packets.reading.parser import SheetParser
from desktop.record import to_columns
from desktop.registers import REGISTRY
from desktop.validation import Reason


def test_stored_values_are_those_of_the_typed_values(demo_county: Ledger, tmp_path: Path) -> None:
    export_packet(demo_county, tmp_path / "p.xlsx")
    packet = read_packet(tmp_path / "p.xlsx")
    kinds_with_types = set()
    for kind_key, rows in packet.rows.items():
        kind = REGISTRY[kind_key]
        assert rows
        for row in rows:
            assert row.ok and row.stored is not None
            assert row.stored == to_columns(kind, row.values), (kind_key, row.id)
            kinds_with_types |= {kind.field(k).type for k, v in row.values.items() if v is not None}
    # every kind of stored conversion was met: flags, dates, lists, numbers, text
    assert {FieldType.BOOL, FieldType.DATE, FieldType.MULTI, FieldType.LIST, FieldType.DECIMAL,
            FieldType.INT, FieldType.CHOICE, FieldType.TEXT} <= kinds_with_types


def test_a_sheet_without_a_field_stores_it_empty() -> None:
    """A packet of an older version lacks a field added since: stored as empty, like to_columns."""
    kind = REGISTRY["annual-report"]
    columns = [c for c in fmt.sheet_columns(kind) if c.key != "testing"]
    parser = SheetParser(kind.key, kind.zh, columns)
    cells = {"id": "A-130125-000001", "mark_user_id": "U-130125-000001", "year": 2025.0,
             "output_t": 12.5, "report_date": date(2026, 1, 5), "review_status": "approved",
             "office_code": "130125", "revision": 1.0, "deleted": "否",
             "created_at": "2026-01-05T00:00:00+00:00", "updated_at": "2026-01-05T00:00:00+00:00"}
    problems: list[Any] = []
    chunk, lines = parser.parse([2], [[cells.get(c.key, "") for c in columns]], problems)
    [row] = chunk.rows()
    assert len(lines) == 1 and lines[0] == fmt.canonical_line(kind.key, row.canon)
    assert not problems and row.ok and row.stored is not None
    assert row.stored["testing"] is None
    assert row.stored == to_columns(kind, row.values)
    assert row.stored["report_date"] == "2026-01-05" and row.stored["output_t"] == 12.5


def test_a_refused_cell_leaves_no_stored_values() -> None:
    kind = REGISTRY["annual-report"]
    columns = fmt.sheet_columns(kind)
    parser = SheetParser(kind.key, kind.zh, columns)
    good = {"id": "A-130125-000001", "mark_user_id": "U-130125-000001", "year": 2025.0}
    bad = {**good, "id": "A-130125-000002", "year": "明年"}
    problems: list[Any] = []
    chunk, _lines = parser.parse([2, 3], [[good.get(c.key, "") for c in columns],
                                          [bad.get(c.key, "") for c in columns]], problems)
    assert chunk.failed == {1}
    rows = chunk.rows()
    assert [r.ok for r in rows] == [True, False]
    assert rows[0].stored is not None and rows[0].stored["year"] == 2025
    assert rows[1].stored is None
    assert [(p.row, p.field) for p in problems] == [(3, "year")]


# ---- Kind.validate_many ------------------------------------------------------------------

def _one_by_one(kind: Kind, values: Mapping[str, Any], ctx: RuleContext) -> list[FieldError]:
    """Kind.validate as it was written record by record (the definition validate_many keeps)."""
    errors: list[FieldError] = []
    for f in kind.fields:
        v = values.get(f.key)
        if v is None:
            if f.required:
                errors.append(FieldError.of(f, Reason("必填", "required")))
            continue
        if f.type is FieldType.REF and not ctx.exists(f.ref or "", v):
            errors.append(FieldError.of(f, Reason(f"找不到记录 {v}（或已删除）", f"no live record {v}")))
    for combo in kind.unique:
        where = {k: values.get(k) for k in combo}
        if any(v is None for v in where.values()):
            continue
        assert ctx.exists_duplicate is not None
        other = ctx.exists_duplicate(kind.key, where)
        if other is not None:
            f = kind.field(combo[-1])
            labels = "、".join(kind.field(k).zh for k in combo)
            errors.append(FieldError.of(f, Reason(f"与记录 {other} 重复（{labels}相同）",
                                                  f"duplicates record {other}")))
    for rule in kind.rules:
        errors.extend(rule(dict(values), ctx))
    return errors


def _seen(errors: list[FieldError]) -> list[tuple[str, str, str]]:
    return [(e.field_key, e.reason.zh, e.reason.en) for e in errors]


def test_validate_many_is_validate_of_each(demo_county: Ledger) -> None:
    """Every record of the demo, and each with every field emptied in turn (required fields,
    rules that need a field), with dangling references and clashing duplicates: the same
    errors in the same order as checking the records one by one."""
    known = {(k.key, r.id) for k in REGISTRY.values() for r in demo_county.list(k.key)}
    ctx = RuleContext(today=date(2026, 11, 21), office_code="130125",
                      exists=lambda kind, rid: (kind, rid) in known and not rid.endswith("7"),
                      exists_duplicate=lambda kind, where: "X-1" if hash(str(where)) % 5 == 0 else None)
    held = [k for k in REGISTRY.values() if demo_county.count(k.key)]
    # a demo county keeps no city's work (units, targets, plans, tasks, reviews) nor answers to it
    assert {k.key for k in REGISTRY.values()} - {k.key for k in held} == {
        "unit", "target", "work-plan", "task", "progress", "review", "review-answer"}
    for kind in held:
        originals = [r.values for r in demo_county.list(kind.key)][:40]
        records = list(originals)
        for values in originals[:5]:
            for f in kind.fields:
                records.append({**values, f.key: None})
        # a later date before an earlier one, a part above its whole (where the kind has such rules)
        for values in originals[:5]:
            changed = dict(values)
            for f in kind.fields:
                if f.type is FieldType.DATE and changed.get(f.key) is not None:
                    changed[f.key] = date(2099, 1, 1) if f.key.endswith("date") else date(1990, 1, 1)
                elif f.type is FieldType.DECIMAL and changed.get(f.key) is not None:
                    changed[f.key] = 10.0 ** 6 if "marked" in f.key or "export" in f.key else 1.0
            records.append(changed)
        many = kind.validate_many(records, ctx)
        assert len(many) == len(records)
        found = 0
        for values, errors in zip(records, many, strict=True):
            expected = _seen(_one_by_one(kind, values, ctx))
            assert _seen(errors) == expected, (kind.key, values)
            assert _seen(kind.validate(values, ctx)) == expected
            found += bool(expected)
        assert found, kind.key  # the mutations did make errors to compare
        assert kind.validate_many([], ctx) == []


# ---- sheets checked as they are read, results in listed order ----------------------------

def test_the_first_listed_refused_sheet_is_the_refusal(demo_county: Ledger, tmp_path: Path) -> None:
    """Sheets are checked in the order the readers finish them; two changed headers still
    refuse the packet for the first listed one, every time."""
    import openpyxl
    import pytest

    from desktop.packets.reader import PacketRefused

    export_packet(demo_county, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    for name in ("检查记录", "普查资源"):
        wb[name]["B1"] = "改过的表头"
    wb.save(tmp_path / "two.xlsx")
    for _ in range(3):
        with pytest.raises(PacketRefused, match="普查资源"):
            read_packet(tmp_path / "two.xlsx")


def test_problems_and_rows_come_in_listed_order(demo_county: Ledger, tmp_path: Path) -> None:
    import openpyxl

    export_packet(demo_county, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    for name in ("异常名录", "年报", "普查资源"):
        wb[name]["A2"] = "=1+1"  # a formula: a problem of its cell, the packet is still read
    wb.save(tmp_path / "f.xlsx")
    packet = read_packet(tmp_path / "f.xlsx")
    listed = [s["name"] for s in packet.meta["sheets"]]
    sheets = [p.sheet for p in packet.problems]
    assert sheets == sorted(sheets, key=listed.index) and {"异常名录", "年报", "普查资源"} <= set(sheets)
    assert list(packet.rows) == [s["kind"] for s in packet.meta["sheets"] if s["rows"]]


# ---- format.column_parser: many cells at once, the results of cell_parser cell by cell ------

_BATCHED = [(kind_key, c) for kind_key, kind in REGISTRY.items() for c in fmt.sheet_columns(kind)
            if fmt.column_parser(c) is not None]


def _cells() -> Any:
    from hypothesis import strategies as st

    numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64),
                        st.floats(min_value=-1e6, max_value=1e16),
                        st.integers(min_value=-10**6, max_value=10**16).map(float),
                        st.integers(min_value=0, max_value=10**7).map(lambda n: n / 1000),
                        st.sampled_from([0.0, -0.0, 0.005, 0.015, 2.675, 1.005, -0.004, 1e15, 12.5]))
    texts = st.one_of(st.text(max_size=30), st.sampled_from(["", " ", "U-130125-000001", "91130125MA0X3N4P9L",
                                                               "0311-86521234", "130125", "A\x01"]))
    return st.lists(st.one_of(numbers, texts, st.none()), min_size=1, max_size=40)


def test_column_parsers_give_what_the_cell_parser_gives() -> None:
    """For every batched column and many columns of cells (numbers of every size and sign,
    -0.0, ties, text of any kind, empties): the column parser gives the cell parser's value
    and canonical text for every cell, or None; it never takes a cell the cell parser refuses."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(_BATCHED), _cells(), st.booleans())
    def check(picked: tuple[str, fmt.Column], cells: list[Any], same_kind: bool) -> None:
        compare(picked, cells, same_kind)

    def compare(picked: tuple[str, fmt.Column], cells: list[Any], same_kind: bool) -> None:
        _kind_key, column = picked
        if same_kind:  # a column of one type only: what a real sheet mostly is
            cells = [c for c in cells if isinstance(c, float)] or [c for c in cells if isinstance(c, str)]
            if not cells:
                return
        batch, one = fmt.column_parser(column), fmt.cell_parser(column)
        assert batch is not None
        got = batch(cells)
        if got is None:
            return
        values, texts = got
        assert len(values) == len(texts) == len(cells)
        for raw, value, text in zip(cells, values, texts, strict=True):
            expected_value, expected_text = one(raw)  # raises if the cell is refused: a failure
            assert (value, text) == (expected_value, expected_text), (column.key, raw)
            assert type(value) is type(expected_value), (column.key, raw)
            if isinstance(value, float) and value == 0:
                assert str(value) == str(expected_value), (column.key, raw)  # never -0.0

    for picked in _BATCHED:  # the cases a random search may miss
        for cells in ([-0.0, 1.5], [0.0, -0.0, 2.675], [-0.0], [1.005, 0.015, 1e15 - 1, 99999999999.995],
                      [-0.001, 3.0], [3.0, float("nan")], ["", "x"], [" 91130125MA0X3N4P9L "]):
            compare(picked, list(cells), False)
    check()


def test_the_batched_columns_cover_every_batched_type() -> None:
    kinds = {c.field.type if c.field else c.key for _k, c in _BATCHED}
    assert {FieldType.DECIMAL, FieldType.INT, FieldType.TEXT, FieldType.USCC, FieldType.PHONE, "id"} <= kinds


# ---- SheetParser.parse: chunks of cells, the results of cell_to_value cell by cell ----------

def test_the_sheet_parser_gives_what_each_cell_gives() -> None:
    """Chunks of rows, each column either one value all down the chunk (the quick path of
    codes, stamps and statuses) or cells of every kind, read one chunk after another by one
    parser (its caches carry over): each cell's value and canonical text are those of
    cell_to_value and canonical, a refused cell is a problem of its row and column (rows,
    then columns, in order), and each line is the row's canonical line."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from desktop.fields import FieldError

    kinds = sorted(REGISTRY)

    @settings(max_examples=60, deadline=None)
    @given(st.sampled_from(kinds), st.data())
    def check(kind_key: str, data: Any) -> None:
        kind = REGISTRY[kind_key]
        columns = fmt.sheet_columns(kind)
        parser = SheetParser(kind.key, kind.zh, columns)
        first_row = 2
        for _chunk in range(3):
            count = data.draw(st.sampled_from([1, 2, 3, 5, 40]))
            by_column = []
            for _column in columns:
                how = data.draw(st.sampled_from(["same", "any", "pool"]))
                if how == "same":  # one value all down
                    value = data.draw(st.one_of(st.none(), st.sampled_from(["", "130125", "否", "是", "approved",
                                                                            "2026-01-05T00:00:00+00:00"]),
                                                st.text(max_size=8)))
                    by_column.append([value] * count)
                elif how == "any":
                    by_column.append(data.draw(st.lists(_cells().flatmap(st.sampled_from), min_size=count,
                                                        max_size=count)))
                else:  # values repeated down the column, many of them new (learnt together)
                    many = data.draw(st.integers(0, 30))
                    pool = data.draw(st.sampled_from([
                        [n / 4 for n in range(many)],                      # numbers of one kind
                        [f"U-130125-{n:06d}" for n in range(many)],      # texts of one kind
                        [f"乙{n}" for n in range(many)] + ["\x01", "x"]]))  # and a refused one
                    if data.draw(st.booleans()) or not pool:
                        pool += data.draw(_cells(), label="pool")
                    by_column.append(data.draw(st.lists(st.sampled_from(pool), min_size=count,
                                                        max_size=count)))
            rows = [list(r) for r in zip(*by_column, strict=True)]
            numbers = list(range(first_row, first_row + count))
            first_row += count
            problems: list[Any] = []
            chunk, lines = parser.parse(numbers, rows, problems)
            expected_problems = []
            for i, raw_row in enumerate(rows):
                canon: list[str | None] = []
                for column, raw in zip(columns, raw_row, strict=True):
                    try:
                        value = fmt.cell_to_value(column, raw)
                    except FieldError as e:
                        expected_problems.append((numbers[i], column.zh, e.reason.zh))
                        canon.append(None)
                        continue
                    text = fmt.canonical(column, value)
                    canon.append(text)
                    assert chunk.canon[columns.index(column)][i] == text, (column.key, raw)
                    if column.field is not None:
                        got = chunk.values[column.key][i]
                        assert got == value and type(got) is type(value), (column.key, raw)
                if not any(p[0] == numbers[i] for p in expected_problems):
                    assert i not in chunk.failed
                    assert lines[i] == fmt.canonical_line(kind.key, canon)
                else:
                    assert i in chunk.failed
            assert [(p.row, p.column, p.reason_zh) for p in problems] == expected_problems

    check()


def test_a_refusal_quotes_its_own_cell_when_equal_cells_share_a_cache_entry() -> None:
    """0.0 and -0.0 are one dict key: the second cell's refusal still quotes it, not the first."""
    from desktop.fields import FieldError

    kind = REGISTRY["abnormal"]
    columns = fmt.sheet_columns(kind)
    where = next(c for c in columns if c.key == "listed_date")  # a date: quotes the cell as read
    rows = [[0.0 if c is where else "" for c in columns], [-0.0 if c is where else "" for c in columns]]
    problems: list[Any] = []
    SheetParser(kind.key, kind.zh, columns).parse([2, 3], rows, problems)
    expected = []
    for raw in (0.0, -0.0):
        try:
            fmt.cell_to_value(where, raw)
        except FieldError as e:
            expected.append(e.reason.zh)
    assert len(expected) == 2 and expected[0] != expected[1]
    assert [p.reason_zh for p in problems if p.column == where.zh] == expected


def test_cell_parsers_give_what_cell_to_value_gives() -> None:
    """format.cell_parser of every column, on cells of every kind (lists with every separator,
    brackets, blanks, long and refused characters, numbers, dates): the value and canonical
    text of cell_to_value then canonical, or the same refusal."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from desktop.fields import FieldError

    columns = [c for kind in REGISTRY.values() for c in fmt.sheet_columns(kind)]
    pieces = st.sampled_from(["甲", "乙 ", " 丙", "；", ";", "、", "\n", " ", "", "[", "]", '"', "\\",
                              "a" * 120, "\x01", "x"])
    listish = st.lists(pieces, max_size=8).map("".join)
    cells = st.one_of(listish, st.text(max_size=12), st.none(), st.floats(allow_nan=False, width=64),
                      st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.booleans())

    lists = [c for c in columns if c.field is not None and c.field.type in (FieldType.LIST, FieldType.MULTI)]

    @settings(max_examples=400, deadline=None)
    @given(st.one_of(st.sampled_from(lists), st.sampled_from(columns)), cells)
    def check(column: fmt.Column, raw: Any) -> None:
        try:
            value = fmt.cell_to_value(column, raw)
        except FieldError as e:
            expected: Any = ("refused", e.reason)
        else:
            expected = (value, fmt.canonical(column, value))
        try:
            got: Any = fmt.cell_parser(column)(raw)
        except FieldError as e:
            got = ("refused", e.reason)
        assert got == expected, (column.key, raw)
        if expected[0] != "refused":
            assert type(got[0]) is type(expected[0]), (column.key, raw)

    check()


def test_the_sheet_parser_reads_a_demo_packet_as_each_cell_reads(demo_county: Ledger, tmp_path: Path) -> None:
    """Every register sheet of a demo packet, read 40 rows at a time: every cell's value and
    canonical text are those of cell_to_value and canonical, whichever way the parser took
    (many new values of a column learnt together, a column parsed whole, the cache)."""
    from python_calamine import CalamineWorkbook

    export_packet(demo_county, tmp_path / "p.xlsx")
    packet = read_packet(tmp_path / "p.xlsx")
    wb = CalamineWorkbook.from_path(str(tmp_path / "p.xlsx"))
    checked = 0
    for sheet in packet.meta["sheets"]:
        kind = REGISTRY[sheet["kind"]]
        by_key = {c.key: c for c in fmt.sheet_columns(kind)}
        columns = [by_key[k] for k in sheet["columns"]]
        parser = SheetParser(kind.key, sheet["name"], columns)
        rows = [list(r) for r in wb.get_sheet_by_name(sheet["name"]).to_python()[1:]]
        for start in range(0, len(rows), 40):
            cells = [r + [""] * (len(columns) - len(r)) for r in rows[start:start + 40]]
            problems: list[Any] = []
            chunk, _lines = parser.parse(list(range(start + 2, start + 2 + len(cells))), cells, problems)
            assert not problems
            for n, column in enumerate(columns):
                for i, raw in enumerate(c[n] for c in cells):
                    value = fmt.cell_to_value(column, raw)
                    assert chunk.canon[n][i] == fmt.canonical(column, value), (column.key, raw)
                    if column.field is not None:
                        got = chunk.values[column.key][i]
                        assert got == value and type(got) is type(value), (column.key, raw)
                    checked += 1
    wb.close()
    assert checked > 5_000
