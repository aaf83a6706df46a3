"""Schema upgrades: every released schema upgrades to the current one, with a backup first;
a failing upgrade leaves the file exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

import db.connection as connection
from db import backup, maintenance, migrations
from db.connection import open_database, schema_version
from desktop.ledger import Ledger

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(version: int) -> Path:
    return FIXTURES / f"schema_v{version}.db"


def test_there_is_a_saved_database_for_every_released_schema() -> None:
    missing = [v for v in range(1, migrations.SCHEMA_VERSION + 1) if not _fixture(v).exists()]
    assert not missing, (f"add tests/db/fixtures/schema_v{missing[0]}.db with "
                         "tests/db/fixtures/make_schema_fixture.py")


@pytest.mark.parametrize("version", range(1, migrations.SCHEMA_VERSION + 1))
def test_every_earlier_schema_opens_at_the_current_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    shutil.copy(_fixture(version), path)
    db = open_database(path)
    assert schema_version(db) == migrations.SCHEMA_VERSION
    assert maintenance.integrity_problems(db) == []
    assert maintenance.foreign_key_problems(db) == []
    ledger = Ledger(db)
    resource = next(ledger.list("resource"))
    assert resource.values["name"] == "行唐大枣"
    assert resource.values["history"] == "第一行\n第二行"
    assert resource.values["towns"] == ["龙州镇", "上碑镇"]
    assert ledger.count("abnormal") == 0 and ledger.count("abnormal", include_deleted=True) == 1
    if version < migrations.SCHEMA_VERSION:
        assert backup.list_backups(path), "no backup was made before migrating"
    db.close()


def _with_extra(monkeypatch: pytest.MonkeyPatch, fn) -> None:
    """Pretend this program knows one more migration than it does."""
    extended = Migrations("giledger")
    for m in migrations.MIGRATIONS._migrations:
        extended(name=m.name)(m.fn)
    extended(name="9999_test")(fn)
    names = [m.name for m in extended._migrations]
    monkeypatch.setattr(connection, "MIGRATIONS", extended)
    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(names))
    monkeypatch.setattr(connection, "migration_names", lambda: names)


def test_upgrade_backs_up_first_and_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    shutil.copy(_fixture(migrations.SCHEMA_VERSION), path)

    def add_column(db) -> None:
        db.conn.execute("ALTER TABLE resources ADD COLUMN test_extra TEXT")

    _with_extra(monkeypatch, add_column)
    db = open_database(path)
    assert schema_version(db) == migrations.SCHEMA_VERSION + 1
    assert "test_extra" in db["resources"].columns_dict
    db.close()
    copies = backup.list_backups(path)
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert "test_extra" not in [r[1] for r in old.execute("PRAGMA table_info(resources)")]
    old.close()


def test_failed_upgrade_leaves_the_file_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    shutil.copy(_fixture(migrations.SCHEMA_VERSION), path)
    db = open_database(path)
    before = maintenance.content_digest(db)
    db.close()

    def half_then_fail(db) -> None:
        db.conn.execute("ALTER TABLE resources ADD COLUMN test_extra TEXT")
        db.conn.execute("UPDATE resources SET name = 'changed'")
        raise RuntimeError("simulated failure in the middle of a migration")

    _with_extra(monkeypatch, half_then_fail)
    with pytest.raises(RuntimeError):
        open_database(path)
    monkeypatch.undo()
    db = open_database(path)
    assert maintenance.content_digest(db) == before
    assert schema_version(db) == migrations.SCHEMA_VERSION
    db.close()


def test_a_newer_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    shutil.copy(_fixture(migrations.SCHEMA_VERSION), path)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                "VALUES ('giledger', '9999_from_the_future', '2030-01-01')")
    con.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    raw = path.read_bytes()
    with pytest.raises(connection.DatabaseTooNew, match="newer version"):
        open_database(path)
    assert path.read_bytes() == raw
