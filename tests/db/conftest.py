"""Fixtures for the storage tests: database files in ``tmp_path``, written and closed.

``db_path`` is where a test's database lives; ``written_file`` is a closed database
file of county 130125 with ``n`` resources in it (for corruption, lock and id tests);
``short_busy_timeout`` makes lock waits 200 ms instead of 5 s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils

from db import connection, records
from db.connection import now_utc, open_database, transaction

OFFICE = "130125"


def resource_row(number: int, office: str = OFFICE, **values: object) -> records.StoredRecord:
    """A stored resource row with the id ``R-<office>-<number>`` (raw column values)."""
    now = now_utc()
    cols = {"name": f"测试产品{number}", "attribute": "grown", "category": "primary_agri",
            "tier": "discover", "survey_date": "2024-01-01", **values}
    return records.StoredRecord("resources", records.format_id("R", office, number), office,
                                now, now, 1, False, cols)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "county.db"


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A new, open database file (schema only, no office)."""
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture
def write_file(db_path: Path) -> Callable[..., Path]:
    """``write_file(n, history=...)``: a closed database file holding ``n`` resources."""

    def write(n: int = 20, history: str | None = None) -> Path:
        db = open_database(db_path)
        try:
            with transaction(db):
                records.insert_many(db, "resources",
                                    (resource_row(i, history=history) for i in range(1, n + 1)))
        finally:
            db.close()
        return db_path

    return write


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lock waits of 200 ms, so a lock test fails fast (set before opening)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    return 200


@pytest.fixture
def make_row() -> Callable[..., records.StoredRecord]:
    return resource_row
