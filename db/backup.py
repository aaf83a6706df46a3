"""Consistent copies of the database file (before migrations, and a rotating daily backup).

Copies use SQLite's online backup API, so they are consistent even while the file is
open in WAL mode; they live in a ``backups`` folder beside the database.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

__all__ = ["backup_dir", "make_backup", "rotate_daily", "daily_due", "list_backups"]

log = logging.getLogger(__name__)

DAILY_KEEP = 7


def backup_dir(db_path: Path) -> Path:
    """The folder that holds the backups of ``db_path``."""
    return db_path.parent / "backups"


def make_backup(db: sqlite_utils.Database, db_path: Path, *, reason: str) -> Path:
    """Write a consistent copy of ``db`` to ``backups/<stem>.<utc time>.<reason>.db`` and return it."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}.{stamp}.{reason}.db"
    partial = target.with_suffix(".db.part")
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)
    return target


def list_backups(db_path: Path, reason: str | None = None) -> list[Path]:
    """Backups of ``db_path``, oldest first (optionally only those made for ``reason``)."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = f"{db_path.stem}.*.{reason}.db" if reason else f"{db_path.stem}.*.db"
    return sorted(folder.glob(pattern))


def daily_due(db_path: Path, *, now: datetime | None = None) -> bool:
    """True when the newest daily backup of ``db_path`` is a day old or more (or there is none)."""
    now = now or datetime.now(UTC)
    existing = list_backups(db_path, "daily")
    if not existing:
        return True
    newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, UTC)
    return now - newest >= timedelta(days=1)


def rotate_daily(db: sqlite_utils.Database, db_path: Path, *, keep: int = DAILY_KEEP,
                 now: datetime | None = None) -> Path | None:
    """Make today's backup if the newest daily backup is older than a day; keep the last ``keep``.

    Returns the new backup's path, or None when a recent one exists.
    """
    if not daily_due(db_path, now=now):
        return None
    made = make_backup(db, db_path, reason="daily")
    for old in list_backups(db_path, "daily")[:-keep]:
        try:
            old.unlink()
        except OSError as e:  # a locked file on Windows must not stop the program
            log.warning("could not remove old backup %s: %s", old, e)
    return made
