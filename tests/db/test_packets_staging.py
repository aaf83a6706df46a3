"""Writing merged records through the staging table (db.packets.stage_new_rows): what reaches
the register table is exactly what was given, whichever columns are bound once."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from db import packets, records
from db.connection import now_utc, transaction

from .conftest import OFFICE, resource_row


def _read(db: sqlite_utils.Database) -> list[tuple[tuple[str, Any], ...]]:
    return [tuple((type(v).__name__, v) for v in row)
            for row in db.conn.execute("SELECT id, office_code, revision, deleted, name, town_count, "
                                       "area_mu, history FROM resources ORDER BY id")]


def test_staged_records_are_written_as_given(fresh_db: sqlite_utils.Database) -> None:
    db = fresh_db
    now = now_utc()
    ids = [records.format_id("R", OFFICE, n) for n in (1, 2, 3)]
    columns = ["name", "attribute", "category", "tier", "survey_date", "town_count", "area_mu"]
    values: list[list[Any]] = [ids, [OFFICE] * 3, [now] * 3, [now] * 3,
              [1, 1, 1],                # the same: bound once
              [0, 0, 0],
              ["甲", "乙", "丙"],
              ["grown"] * 3, ["primary_agri"] * 3, ["discover"] * 3, ["2024-01-01"] * 3,
              [2, 2.0, True],           # equal, but not of one type: staged row by row
              [None, None, None]]       # empty throughout
    with transaction(db):
        write = packets.stage_new_rows(db, "resources", columns, values)
        write()
        # one record alone: every column has one value, the id is staged all the same
        packets.stage_new_rows(db, "resources", columns, [[records.format_id("R", OFFICE, 4)],
                               [OFFICE], [now], [now], [2], [1], ["丁"], ["grown"], ["primary_agri"],
                               ["discover"], ["2024-01-01"], [3], [1.5]])()
    got = _read(db)
    assert [r[0][1] for r in got] == [*ids, records.format_id("R", OFFICE, 4)]
    assert [r[4][1] for r in got] == ["甲", "乙", "丙", "丁"]
    assert [r[2] for r in got] == [("int", 1)] * 3 + [("int", 2)]
    assert [r[3] for r in got] == [("int", 0)] * 3 + [("int", 1)]
    assert [r[5] for r in got] == [("int", 2), ("int", 2), ("int", 1), ("int", 3)]  # INTEGER column: STRICT
    assert [r[6] for r in got] == [("NoneType", None)] * 3 + [("float", 1.5)]
    assert [r[7] for r in got] == [("NoneType", None)] * 4  # a column not given is written empty
    # the staging table is left empty for the next chunk
    stages = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")]
    assert stages and all(db.conn.execute(f"SELECT count(*) FROM temp.{name}").fetchone()[0] == 0
                          for name in stages)
    assert "giledger_stage_3" in stages  # id, name, town_count: the rest bound once


def test_a_failed_write_leaves_nothing_staged_nor_written(fresh_db: sqlite_utils.Database) -> None:
    db = fresh_db
    now = now_utc()
    rid = records.format_id("R", OFFICE, 1)
    row: list[list[Any]] = [[rid], [OFFICE], [now], [now], [1], [0], ["甲"], ["grown"], ["primary_agri"], ["discover"],
           ["2024-01-01"]]
    columns = ["name", "attribute", "category", "tier", "survey_date"]
    try:
        with transaction(db):
            packets.stage_new_rows(db, "resources", columns, row)()
            packets.stage_new_rows(db, "resources", columns, row)()  # the same id again: refused
    except Exception as e:  # noqa: BLE001 - SQLite's constraint error
        assert "UNIQUE" in str(e) or "PRIMARY" in str(e), e
    else:
        raise AssertionError("a second record with the same id was written")
    assert _read(db) == []


def test_ids_of_a_series_are_looked_up_by_their_prefix(fresh_db: sqlite_utils.Database) -> None:
    db = fresh_db
    assert not packets.has_id_prefix(db, "resources", "R-130125-")
    with transaction(db):
        packets.replicate(db, "resources", [resource_row(7), resource_row(3, office="130126")])
    assert packets.has_id_prefix(db, "resources", "R-130125-")
    assert packets.has_id_prefix(db, "resources", "R-130126-")
    assert packets.has_id_prefix(db, "resources", "R-13012")
    assert not packets.has_id_prefix(db, "resources", "R-130127-")
    assert not packets.has_id_prefix(db, "resources", "R-130125-H")  # hand-numbered: none yet
    assert not packets.has_id_prefix(db, "candidates", "R-130125-")
    assert packets.has_id_prefix(db, "resources", "")


def test_many_records_are_staged_whole_statements_and_the_rest(fresh_db: sqlite_utils.Database) -> None:
    """Rows go to the staging table packets.ROWS_PER_FILL at a time (fewer when SQLite allows
    fewer bound values), the rest one by one: each record whole, in its place, of its type."""
    import sqlite3

    db = fresh_db
    now = now_utc()
    columns = ["name", "attribute", "category", "tier", "survey_date", "town_count", "area_mu"]
    written: list[tuple[object, ...]] = []
    first = 1
    with transaction(db):
        for count, limit in ((packets.ROWS_PER_FILL * 3 + 5, None), (packets.ROWS_PER_FILL, None),
                             (1, None), (17, 10), (2, 4)):
            if limit is not None:  # 4 staged columns (id, name, town count, area): 10 → 2 rows a statement
                db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
            ids = [records.format_id("R", OFFICE, n) for n in range(first, first + count)]
            names = [f"产品{n}" for n in range(first, first + count)]
            towns = [n % 7 for n in range(first, first + count)]
            areas = [n / 4 if n % 3 else None for n in range(first, first + count)]
            packets.stage_new_rows(db, "resources", columns, [
                ids, [OFFICE] * count, [now] * count, [now] * count, [1] * count, [0] * count, names,
                ["grown"] * count, ["primary_agri"] * count, ["discover"] * count, ["2024-01-01"] * count,
                towns, areas])()
            written += zip(ids, names, towns, areas, strict=True)
            first += count
    got = [tuple(r) for r in db.conn.execute("SELECT id, name, town_count, area_mu FROM resources ORDER BY id")]
    assert got == written
    assert [type(r[3]) for r in got] == [type(r[3]) for r in written]
