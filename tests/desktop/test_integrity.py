"""desktop.integrity: the full integrity check off the clerk's path (schedule, own connection,
backup only of a sound file) and Ledger.daily_backup's check before the copy."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import backup, maintenance, meta
from db.connection import DatabaseCorrupt, open_database, transaction
from desktop import integrity
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from tests.damaged_files import county_file, damage_middle_page

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    return county_file(tmp_path / "county.db")


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = county_file(tmp_path / "damaged.db")
    damage_middle_page(path)
    return path


def _set_checked(path: Path, value: str | None) -> None:
    db = open_database(path)
    with transaction(db):
        meta.set_setting(db, integrity.CHECKED_SETTING, value)
    db.close()


@pytest.mark.parametrize(("value", "due"), [
    (None, True),  # never checked
    ((NOW - timedelta(minutes=5)).isoformat(), False),
    ((NOW - timedelta(days=6, hours=23)).isoformat(), False),
    ((NOW - timedelta(days=integrity.CHECK_EVERY_DAYS)).isoformat(), True),
    ((NOW + timedelta(days=2)).isoformat(), True),  # a clock set wrong: check rather than trust it
    ("not a time", True),
    ("2026-03-10T08:00:00", False),  # a time without a zone is UTC
])
def test_the_check_is_due_once_a_week(sound: Path, value: str | None, due: bool) -> None:
    _set_checked(sound, value)
    db = open_database(sound)
    try:
        assert integrity.check_due(db, now=NOW) is due
    finally:
        db.close()


def test_a_sound_file_is_recorded_and_backed_up_once_a_day(sound: Path) -> None:
    db = open_database(sound)
    assert integrity.maintenance_due(db, sound)  # never checked, no backup
    db.close()
    report = integrity.run_maintenance(sound)
    assert report.ok and report.problems == ()
    assert report.backup is not None and report.backup.exists()
    assert backup.list_backups(sound, "daily") == [report.backup]
    db = open_database(sound)
    try:
        assert integrity.last_check(db) is not None
        assert not integrity.check_due(db)
        assert not integrity.maintenance_due(db, sound)  # checked and backed up today
    finally:
        db.close()
    again = integrity.run_maintenance(sound)
    assert again.ok and again.backup is None  # today's backup exists


def test_a_damaged_file_is_reported_neither_recorded_nor_backed_up(damaged: Path) -> None:
    report = integrity.run_maintenance(damaged)
    assert not report.ok
    assert "tree page" in " ".join(report.problems) or "malformed" in " ".join(report.problems)
    message = report.message()
    assert "完整性检查发现问题" in message.zh and "failed its integrity check" in message.en
    assert str(backup.backup_dir(damaged)) in message.zh and str(backup.backup_dir(damaged)) in message.en
    assert report.backup is None and backup.list_backups(damaged) == []
    db = open_database(damaged)  # the quick check on open does not see the damage
    try:
        assert meta.get_setting(db, integrity.CHECKED_SETTING) is None
        assert integrity.check_due(db)  # checked again at the next start
    finally:
        db.close()


def test_the_check_runs_on_its_own_connection_and_thread(sound: Path, monkeypatch) -> None:
    seen: list[tuple[Path, str]] = []
    real = maintenance.integrity_problems_at

    def spy(path: Path, **kw: object) -> list[str]:
        seen.append((path, threading.current_thread().name))
        return real(path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(maintenance, "integrity_problems_at", spy)
    ledger = Ledger.open(sound)
    statements: list[str] = []
    ledger.db.conn.set_trace_callback(statements.append)
    worker = threading.Thread(target=integrity.run_maintenance, args=(sound,), name="worker")
    worker.start()
    worker.join(60)
    ledger.db.conn.set_trace_callback(None)
    ledger.close()
    assert seen == [(sound, "worker")]
    assert not [s for s in statements if "integrity_check" in s.lower()]


def test_a_cancelled_check_records_nothing(sound: Path) -> None:
    with pytest.raises(Cancelled):
        integrity.run_maintenance(county_file(sound.parent / "large.db", rows=100_000),
                                  cancelled=lambda: True)
    assert backup.list_backups(sound.parent / "large.db") == []


def test_daily_backup_refuses_to_copy_a_damaged_file(damaged: Path) -> None:
    ledger = Ledger.open(damaged)
    try:
        with pytest.raises(DatabaseCorrupt) as info:
            ledger.daily_backup()
    finally:
        ledger.close()
    assert "integrity check" in str(info.value)
    assert backup.list_backups(damaged) == []


def test_giledger_check_still_runs_the_full_check(damaged: Path) -> None:
    import io

    from desktop.cli import EXIT_REFUSED, main

    out = io.StringIO()
    assert main(["--db", str(damaged), "check"], out) == EXIT_REFUSED  # the file opens: quick check
    assert "[error]" in out.getvalue() and "file integrity" in out.getvalue()
