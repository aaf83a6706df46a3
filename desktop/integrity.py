"""The full integrity check of the database file, where it does not block the clerk.

Opening a file runs only a quick check whose time does not grow with the file
(:func:`db.connection.quick_problems`). The full ``PRAGMA integrity_check`` reads every page
(8-9 s on a city of 1.3 GB), so it runs

- in the background after the window is shown, on a read-only connection of its own
  (:func:`run_maintenance`, started by the window on a worker thread);
- on a schedule: when the last full check that passed is :data:`CHECK_EVERY_DAYS` days old or
  more, or never ran (:func:`check_due`; the time is kept in the ``settings`` table);
- before the daily backup: a backup is made only of a file that has just passed the full
  check, so a damaged file never rotates the good backups out;
- in ``giledger check`` (:mod:`desktop.checks`), as before.

Qt-free: the window runs :func:`run_maintenance` as a job and shows :meth:`IntegrityReport.message`.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from db import backup, maintenance, meta
from db.connection import DatabaseUnusable, now_utc, open_database, transaction
from desktop.jobs import CancelCheck, Cancelled, Progress, check_cancel, never_cancelled, no_progress
from desktop.messages import Text

__all__ = ["CHECKED_SETTING", "CHECK_EVERY_DAYS", "IntegrityReport", "last_check", "check_due",
           "maintenance_due", "run_maintenance"]

log = logging.getLogger(__name__)

CHECKED_SETTING = "integrity_checked_at"
"""Setting: when the last full integrity check that found nothing ended (ISO 8601, UTC)."""

CHECK_EVERY_DAYS = 7
"""The full check runs again once the last one that passed is this many days old."""


@dataclass(frozen=True)
class IntegrityReport:
    """What a full check found (``problems`` empty: the file is sound) and the backup made
    after it (None when none was due, or the file was not sound)."""

    path: Path
    problems: tuple[str, ...]
    checked_at: str
    seconds: float
    backup: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> Text:
        """What the clerk is told: nothing to worry about, or what to do now."""
        if self.ok:
            return Text(f"数据库完整性检查通过（{self.seconds:.1f} 秒）",
                        f"The database passed its integrity check ({self.seconds:.1f} s)")
        where = backup.backup_dir(self.path)
        lines = [line.strip() for p in self.problems for line in p.splitlines()
                 if line.strip() and not line.startswith("***")]
        found = (lines[0][:200] if lines else "?") + (f" … (+{len(lines) - 1})" if len(lines) > 1 else "")
        return Text(
            f"数据库完整性检查发现问题，文件可能已损坏：{self.path}\n"
            f"请先导出或抄录今天的改动，然后从备份恢复（备份位于 {where}），或联系市局发送恢复数据包。"
            f"检查发现：{found}",
            f"The database failed its integrity check; the file may be damaged: {self.path}\n"
            f"Note today's changes, then restore a backup from {where}, or ask the city bureau for a "
            f"restore packet. Found: {found}")


def last_check(db: sqlite_utils.Database) -> datetime | None:
    """When the last full check that passed ended (None: never, or not readable)."""
    value = meta.get_setting(db, CHECKED_SETTING)
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        log.warning("setting %s holds %r, not a time", CHECKED_SETTING, value)
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def check_due(db: sqlite_utils.Database, *, now: datetime | None = None,
              every_days: int = CHECK_EVERY_DAYS) -> bool:
    """True when no full check has passed in the last ``every_days`` days (a time in the
    future, from a clock set wrong, counts as due)."""
    now = now or datetime.now(UTC)
    last = last_check(db)
    return last is None or not (timedelta(0) <= now - last < timedelta(days=every_days))


def maintenance_due(db: sqlite_utils.Database, path: Path | None, *,
                    now: datetime | None = None) -> bool:
    """True when the background job has work: the full check is due, or the daily backup
    (which the full check precedes). Cheap: one setting and a folder listing."""
    if path is None:
        return False
    return check_due(db, now=now) or backup.daily_due(path, now=now)


def run_maintenance(path: Path, *, make_backup: bool = True, progress: Progress = no_progress,
                    cancelled: CancelCheck = never_cancelled) -> IntegrityReport:
    """The full integrity check of the file at ``path`` on a connection of its own; if the
    file is sound, the time is recorded (:data:`CHECKED_SETTING`) and, if ``make_backup`` and
    one is due, the daily backup is made (:func:`db.backup.rotate_daily`, also on a connection
    of its own). A damaged file is reported, neither recorded nor backed up.

    A job (:mod:`desktop.jobs`): raises :class:`Cancelled` when ``cancelled()`` turns true
    during the check. Runs on any thread; it never touches another thread's connection.
    """
    path = Path(path)
    check_cancel(cancelled)
    started = time.perf_counter()
    progress(0, 0)
    try:
        problems = maintenance.integrity_problems_at(path, stop=cancelled)
    except maintenance.CheckInterrupted:
        raise Cancelled("已取消 / cancelled") from None
    except sqlite3.DatabaseError as e:
        problems = [str(e)]
    seconds = time.perf_counter() - started
    at = now_utc()
    log.info("full integrity check of %s: %s in %.1f s", path, problems or "ok", seconds)
    if problems:
        return IntegrityReport(path, tuple(problems), at, seconds)
    made = None
    try:
        db = open_database(path, create=False)
    except DatabaseUnusable as e:  # e.g. locked by a long write: checked again at the next start
        log.warning("integrity check of %s not recorded: %s", path, e)
        return IntegrityReport(path, (), at, seconds)
    try:
        with transaction(db):
            meta.set_setting(db, CHECKED_SETTING, at)
        if make_backup:
            made = backup.rotate_daily(db, path, stop=cancelled)
    except backup.BackupStopped:
        raise Cancelled("已取消 / cancelled") from None
    except (sqlite3.Error, DatabaseUnusable, OSError) as e:
        log.warning("after the integrity check of %s: %s", path, e)
    finally:
        db.close()
    return IntegrityReport(path, (), at, seconds, made)
