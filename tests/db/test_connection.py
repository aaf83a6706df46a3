"""db.connection (pragmas, refusals, transactions, locks), db.backup and id sequences."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from db import backup, meta, migrations, records
from db.connection import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseTooNew,
    DatabaseUnusable,
    open_database,
    schema_version,
    transaction,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- a new file ---------------------------------------------------------------------------

def test_new_file_settings(fresh_db, db_path) -> None:
    conn = fresh_db.conn
    assert db_path.exists()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert schema_version(fresh_db) == migrations.SCHEMA_VERSION >= 1
    assert [m.name for m in migrations.MIGRATIONS.applied(fresh_db)] == migrations.migration_names()
    assert set(migrations.RECORD_TABLES) <= set(fresh_db.table_names())
    assert meta.get_setting(fresh_db, "database_id")
    assert meta.self_office(fresh_db) is None
    assert not conn.in_transaction


def test_reopening_keeps_identity_and_makes_no_backup(db_path) -> None:
    db = open_database(db_path)
    ident = meta.get_setting(db, "database_id")
    db.close()
    db = open_database(db_path)
    try:
        assert meta.get_setting(db, "database_id") == ident
        assert schema_version(db) == migrations.SCHEMA_VERSION
    finally:
        db.close()
    assert backup.list_backups(db_path) == []


def test_new_file_in_a_new_folder(tmp_path) -> None:
    path = tmp_path / "a" / "b" / "county.db"
    open_database(path).close()
    assert path.is_file()


def test_memory_database() -> None:
    db = open_database(":memory:")
    try:
        assert schema_version(db) == migrations.SCHEMA_VERSION
    finally:
        db.close()


# ---- refusals ------------------------------------------------------------------------------

def _record_future_migration(path: Path, *, user_version: int | None = None,
                             migration: str | None = "9999_from_the_future") -> None:
    con = sqlite3.connect(path)
    if migration:
        con.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                    "VALUES ('giledger', ?, '2030-01-01')", (migration,))
    if user_version is not None:
        con.execute(f"PRAGMA user_version = {user_version}")
    con.commit()
    con.close()


@pytest.mark.parametrize(("migration", "user_version"), [
    ("9999_from_the_future", None),
    (None, migrations.SCHEMA_VERSION + 1),
    ("9999_from_the_future", migrations.SCHEMA_VERSION + 1),
])
def test_database_too_new_is_refused_and_not_modified(write_file, migration, user_version) -> None:
    path = write_file(5)
    _record_future_migration(path, migration=migration, user_version=user_version)
    digest = sha256(path)
    with pytest.raises(DatabaseTooNew) as info:
        open_database(path)
    assert "更新版本" in str(info.value) and "newer version" in str(info.value)
    assert str(path) in str(info.value)
    assert sha256(path) == digest
    assert backup.list_backups(path) == []
    with pytest.raises(DatabaseTooNew):
        open_database(path, check=False)
    assert sha256(path) == digest


def test_garbage_file_is_corrupt(db_path) -> None:
    db_path.write_bytes(b"this is not a database at all\n" * 200)
    digest = sha256(db_path)
    with pytest.raises(DatabaseCorrupt) as info:
        open_database(db_path)
    message = str(info.value)
    assert "备份" in message and "backup" in message.lower()
    assert str(backup.backup_dir(db_path)) in message
    assert sha256(db_path) == digest


def test_truncated_database_is_refused_mentioning_backups(write_file) -> None:
    path = write_file(300, history="历史渊源" * 100)
    size = path.stat().st_size
    assert size > 100_000 and not path.with_name(path.name + "-wal").exists()
    with path.open("r+b") as f:
        f.truncate(size // 2)
    with pytest.raises(DatabaseUnusable) as info:
        open_database(path)
    assert isinstance(info.value, DatabaseCorrupt)
    message = str(info.value)
    assert "备份" in message and "backup" in message.lower()


def test_missing_file_with_create_false(tmp_path) -> None:
    path = tmp_path / "sub" / "missing.db"
    with pytest.raises(DatabaseMissing) as info:
        open_database(path, create=False)
    assert str(path) in str(info.value)
    assert not path.exists() and not path.parent.exists()


def test_folder_instead_of_a_file(tmp_path) -> None:
    with pytest.raises(DatabaseUnusable) as info:
        open_database(tmp_path)
    assert "folder" in str(info.value)


def test_missing_subclasses() -> None:
    for cls in (DatabaseCorrupt, DatabaseTooNew, DatabaseLocked, DatabaseMissing):
        assert issubclass(cls, DatabaseUnusable)


# ---- transactions --------------------------------------------------------------------------

def test_transaction_commits(fresh_db) -> None:
    with transaction(fresh_db):
        meta.set_setting(fresh_db, "a", "1")
        assert fresh_db.conn.in_transaction
    assert not fresh_db.conn.in_transaction
    assert meta.get_setting(fresh_db, "a") == "1"


def test_transaction_rolls_back_on_exception(fresh_db) -> None:
    with pytest.raises(RuntimeError), transaction(fresh_db):
        meta.set_setting(fresh_db, "a", "1")
        raise RuntimeError("boom")
    assert not fresh_db.conn.in_transaction
    assert meta.get_setting(fresh_db, "a") is None


def test_nested_failure_rolls_back_to_the_savepoint(fresh_db) -> None:
    with transaction(fresh_db):
        meta.set_setting(fresh_db, "outer_before", "1")
        with pytest.raises(ValueError), transaction(fresh_db):
            meta.set_setting(fresh_db, "inner", "1")
            raise ValueError("inner fails")
        assert fresh_db.conn.in_transaction
        meta.set_setting(fresh_db, "outer_after", "1")
    settings = meta.settings(fresh_db)
    assert settings.get("outer_before") == settings.get("outer_after") == "1"
    assert "inner" not in settings


def test_nested_success_commits_with_the_outer(fresh_db) -> None:
    with pytest.raises(KeyError), transaction(fresh_db):
        with transaction(fresh_db):
            meta.set_setting(fresh_db, "inner", "1")
        raise KeyError("outer fails")
    assert meta.get_setting(fresh_db, "inner") is None


def test_dangling_reference_fails_at_commit(fresh_db, make_row) -> None:
    # foreign keys are deferred: checked at commit, and the whole transaction goes
    now = "2026-01-01T00:00:00+00:00"
    with pytest.raises(sqlite3.IntegrityError), transaction(fresh_db):
        records.insert(fresh_db, make_row(1))
        records.insert(fresh_db, records.StoredRecord(
            "candidates", "C-130125-000001", "130125", now, now, 1, False,
            {"resource_id": "R-130125-000404", "name": "x"}))
    assert not fresh_db.conn.in_transaction
    assert records.get(fresh_db, "resources", "R-130125-000001") is None


def test_write_while_another_program_holds_the_lock(short_busy_timeout, write_file) -> None:
    path = write_file(3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE resources SET tier = 'protect' WHERE id = 'R-130125-000001'")
    try:
        db = open_database(path)  # reading works under WAL
        try:
            assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 200
            started = time.monotonic()
            with pytest.raises(DatabaseLocked) as info, transaction(db):
                meta.set_setting(db, "x", "1")
            assert time.monotonic() - started < 3
            assert "其他程序" in str(info.value) and "another program" in str(info.value)
            assert not db.conn.in_transaction
            assert records.get(db, "resources", "R-130125-000001").values["tier"] == "discover"
        finally:
            db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    db = open_database(path)  # and once the lock is gone, writing works
    try:
        with transaction(db):
            meta.set_setting(db, "x", "1")
        assert meta.get_setting(db, "x") == "1"
    finally:
        db.close()


# ---- backups -------------------------------------------------------------------------------

def test_make_backup_is_a_consistent_copy(write_file) -> None:
    path = write_file(10)
    db = open_database(path)
    try:
        copy = backup.make_backup(db, path, reason="manual")
    finally:
        db.close()
    assert copy.parent == backup.backup_dir(path) and copy.name.endswith(".manual.db")
    assert not list(copy.parent.glob("*.part"))
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT count(*) FROM resources").fetchone()[0] == 10
    finally:
        con.close()
    assert backup.list_backups(path, "manual") == [copy]


def _age(paths: list[Path], delta: timedelta) -> None:
    """Make files look ``delta`` older (rotate_daily goes by the newest backup's mtime)."""
    for p in paths:
        st = p.stat()
        os.utime(p, (st.st_atime - delta.total_seconds(), st.st_mtime - delta.total_seconds()))


def test_rotate_daily_one_per_day_keeping_the_last(write_file) -> None:
    path = write_file(3)
    db = open_database(path)
    try:
        first = backup.rotate_daily(db, path, keep=3)
        assert first is not None and first.exists()
        assert backup.rotate_daily(db, path, keep=3) is None  # one a day
        _age([first], timedelta(hours=23))
        assert backup.rotate_daily(db, path, keep=3) is None
        assert backup.list_backups(path, "daily") == [first]
        made = [first]
        for _ in range(5):
            _age(backup.list_backups(path, "daily"), timedelta(days=1, minutes=1))
            new = backup.rotate_daily(db, path, keep=3)
            assert new is not None
            made.append(new)
            assert backup.rotate_daily(db, path, keep=3) is None
            assert len(backup.list_backups(path, "daily")) <= 3
        assert backup.list_backups(path, "daily") == made[-3:]
        assert not any(p.exists() for p in made[:-3])
        assert backup.list_backups(path, "manual") == []
    finally:
        db.close()


def test_rotate_daily_leaves_other_backups_alone(write_file) -> None:
    path = write_file(3)
    db = open_database(path)
    try:
        manual = backup.make_backup(db, path, reason="manual")
        for _ in range(3):
            backup.rotate_daily(db, path, keep=1, now=datetime.now(UTC))
            _age(backup.list_backups(path, "daily"), timedelta(days=2))
        assert len(backup.list_backups(path, "daily")) == 1
        assert manual.exists()
    finally:
        db.close()


# ---- ids -------------------------------------------------------------------------------------

def test_next_ids_start_above_ids_in_the_file(fresh_db, make_row) -> None:
    records.insert(fresh_db, make_row(50))
    records.insert(fresh_db, make_row(70, office="130126"))  # another office's counter
    with transaction(fresh_db):
        assert records.next_ids(fresh_db, "130125", "R") == ["R-130125-000051"]
        assert records.next_ids(fresh_db, "130125", "R", 3) == [
            "R-130125-000052", "R-130125-000053", "R-130125-000054"]
        assert records.next_ids(fresh_db, "130125", "C") == ["C-130125-000001"]
        assert records.next_ids(fresh_db, "130126", "R") == ["R-130126-000071"]
        assert records.next_ids(fresh_db, "130125", "R", 0) == []


def test_next_ids_roll_back_with_the_transaction(fresh_db) -> None:
    with pytest.raises(RuntimeError), transaction(fresh_db):
        assert records.next_ids(fresh_db, "130125", "R", 5)[-1] == "R-130125-000005"
        raise RuntimeError
    with transaction(fresh_db):
        assert records.next_ids(fresh_db, "130125", "R") == ["R-130125-000001"]


def test_release_ids_gives_back_the_tail(fresh_db) -> None:
    with transaction(fresh_db):
        records.next_ids(fresh_db, "130125", "R", 10)
        records.release_ids(fresh_db, "130125", "R", 7)
        assert records.next_ids(fresh_db, "130125", "R") == ["R-130125-000004"]


def test_ids_of_an_office_code_with_like_wildcards_are_not_confused(fresh_db, make_row) -> None:
    # "_" in the stem must not match any character: R-130125-... is not R_130125
    records.insert(fresh_db, make_row(9))
    with transaction(fresh_db):
        assert records.next_ids(fresh_db, "130125", "R")[0] == "R-130125-000010"
        assert records.next_ids(fresh_db, "13012_", "R")[0] == "R-13012_-000001"


# ---- records -----------------------------------------------------------------------------------

def test_update_checks_revision(fresh_db, make_row) -> None:
    records.insert(fresh_db, make_row(1))
    after = records.update(fresh_db, "resources", "R-130125-000001", {"tier": "protect"},
                           expected_revision=1, updated_at="2026-01-02T00:00:00+00:00")
    assert after.revision == 2 and after.values["tier"] == "protect"
    with pytest.raises(records.StaleRevision):
        records.update(fresh_db, "resources", "R-130125-000001", {"tier": "discover"},
                       expected_revision=1, updated_at="2026-01-03T00:00:00+00:00")
    with pytest.raises(records.RecordNotFound):
        records.update(fresh_db, "resources", "R-130125-000404", {"tier": "discover"},
                       expected_revision=1, updated_at="2026-01-03T00:00:00+00:00")
    assert records.get(fresh_db, "resources", "R-130125-000001").values["tier"] == "protect"


def test_names_are_checked_against_the_schema(fresh_db, make_row) -> None:
    with pytest.raises(ValueError):
        records.data_columns(fresh_db, "audit_log")
    with pytest.raises(ValueError):
        list(records.find(fresh_db, "resources", where={"name; DROP TABLE resources": 1}))
    with pytest.raises(ValueError):
        records.insert(fresh_db, make_row(1, colour="red"))
    records.insert(fresh_db, make_row(1))
    with pytest.raises(ValueError):
        records.update(fresh_db, "resources", "R-130125-000001", {"revision": 9},
                       expected_revision=1, updated_at="x")
    assert "resources" in fresh_db.table_names()


def test_live_uniqueness_is_enforced_by_the_schema_too(fresh_db, make_row) -> None:
    records.insert(fresh_db, make_row(1, name="行唐大枣"))
    with pytest.raises(sqlite3.IntegrityError):
        records.insert(fresh_db, make_row(2, name="行唐大枣"))
    records.insert(fresh_db, make_row(3, office="130126", name="行唐大枣"))
    records.update(fresh_db, "resources", "R-130125-000001", {}, expected_revision=1,
                   updated_at="2026-01-02T00:00:00+00:00", deleted=True)
    records.insert(fresh_db, make_row(2, name="行唐大枣"))
    assert records.count(fresh_db, "resources", include_deleted=True) == 3
    assert records.find_duplicate(fresh_db, "resources", "130125", {"name": "行唐大枣"},
                                  None) == "R-130125-000002"
    assert records.find_duplicate(fresh_db, "resources", "130125", {"name": "行唐大枣"},
                                  "R-130125-000002") is None


# ---- the checks on open, and the full check on a connection of its own ----------------------

def _traced_open(path: Path, monkeypatch) -> tuple[sqlite_utils.Database, list[str]]:
    """Open ``path`` with every statement of the connection recorded."""
    from db import connection

    seen: list[str] = []
    real = connection._connect

    def connect(p: Path | str) -> sqlite3.Connection:
        conn = real(p)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(connection, "_connect", connect)
    return open_database(path), seen


def test_open_runs_a_quick_check_not_the_full_one(tmp_path, monkeypatch) -> None:
    from db import maintenance
    from tests.damaged_files import county_file, damage_middle_page

    path = county_file(tmp_path / "county.db")
    page = damage_middle_page(path)
    db, seen = _traced_open(path, monkeypatch)  # the damage is in the middle: open does not see it
    try:
        assert meta.self_office(db).code == "130125"
    finally:
        db.close()
    full = [s for s in seen if "integrity_check" in s.lower() and "integrity_check('" not in s.lower()]
    assert full == [], "open must not run the full integrity check"
    problems = maintenance.integrity_problems_at(path)
    assert problems and (f"page {page}" in " ".join(problems) or "malformed" in " ".join(problems))


def test_open_refuses_a_damaged_last_page_of_a_table(tmp_path) -> None:
    from tests.damaged_files import county_file

    path = county_file(tmp_path / "county.db")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    last = conn.execute("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' "
                        "ORDER BY path DESC LIMIT 1").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((last - 1) * page_size)
        f.write(b"\xff" * page_size)
    digest = sha256(path)
    with pytest.raises(DatabaseCorrupt) as info:
        open_database(path)
    assert "备份" in str(info.value) and "backup" in str(info.value).lower()
    assert sha256(path) == digest


@pytest.fixture(scope="module")
def large_file(tmp_path_factory) -> Path:
    """A file whose full check lasts a few tenths of a second."""
    from tests.damaged_files import county_file

    return county_file(tmp_path_factory.mktemp("large") / "county.db", rows=100_000)


def test_the_full_check_stops_when_asked(large_file) -> None:
    from db import maintenance

    started = time.perf_counter()
    with pytest.raises(maintenance.CheckInterrupted):
        maintenance.integrity_problems_at(large_file, stop=lambda: True, poll_seconds=0.01)
    assert time.perf_counter() - started < 5


def test_the_full_check_blocks_no_writer(large_file) -> None:
    """While the check reads its snapshot, another connection writes and commits at once."""
    from db import maintenance

    wrote: list[float] = []

    def write_once() -> bool:
        if not wrote:
            db = open_database(large_file, check=False)
            try:
                started = time.perf_counter()
                with transaction(db):
                    meta.set_setting(db, "written-during-the-check", "yes")
                wrote.append(time.perf_counter() - started)
            finally:
                db.close()
        return False

    assert maintenance.integrity_problems_at(large_file, stop=write_once, poll_seconds=0.01) == []
    assert wrote and wrote[0] < 1.0, "the write waited for the check"
    db = open_database(large_file)
    assert meta.get_setting(db, "written-during-the-check") == "yes"
    db.close()


def test_a_stopped_backup_leaves_no_file_and_stale_parts_go(large_file, monkeypatch) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 16)
    folder = backup.backup_dir(large_file)
    folder.mkdir(exist_ok=True)
    stale = folder / f"{large_file.stem}.20260101T000000000000Z.daily.db.part"
    stale.write_bytes(b"half a copy")
    db = open_database(large_file)
    try:
        with pytest.raises(backup.BackupStopped):
            backup.rotate_daily(db, large_file, stop=lambda: True)
    finally:
        db.close()
    assert list(folder.iterdir()) == []
