"""Consistent copies of the database file (before migrations, and a rotating daily backup).

Copies use SQLite's online backup API, so they are consistent even while the file is
open in WAL mode; they live in a ``backups`` folder beside the database.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from db import partials

__all__ = ["backup_dir", "make_backup", "rotate_daily", "daily_due", "list_backups", "BackupStopped"]

log = logging.getLogger(__name__)

DAILY_KEEP = 7

PAGES_PER_STEP = 4096
"""Pages copied between two looks at the ``stop`` flag of :func:`make_backup`."""


class BackupStopped(Exception):
    """:func:`make_backup` was stopped by its ``stop`` flag; no copy was left."""


def backup_dir(db_path: Path) -> Path:
    """The folder that holds the backups of ``db_path``."""
    return db_path.parent / "backups"


def make_backup(db: sqlite_utils.Database, db_path: Path, *, reason: str,
                stop: Callable[[], bool] | None = None) -> Path:
    """Write a consistent copy of ``db`` to ``backups/<stem>.<utc time>.<reason>.db`` and return it.

    ``stop()`` is asked every :data:`PAGES_PER_STEP` pages; when it turns true the copy is
    abandoned and :class:`BackupStopped` raised. The copy is written as
    ``TARGET.<pid>.part`` (:func:`db.partials.partial_path`: a start of the program removes it
    if this process is killed); copies left half-written by processes now gone are removed
    first (another running process's stays), and those of the older naming (``*.db.part``)."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{db_path.stem}.*.db.part"):
        partials.remove_partial(stale)
    partials.clean_beside(folder, re.escape(db_path.stem) + r"\..+\.db")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}.{stamp}.{reason}.db"
    partial = partials.partial_path(target)

    def progress(_status: int, _remaining: int, _total: int) -> None:
        if stop is not None and stop():
            raise BackupStopped(f"backup of {db_path} stopped")

    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest, pages=PAGES_PER_STEP if stop is not None else -1,
                       progress=progress if stop is not None else None)
    except BaseException:
        dest.close()
        partials.remove_partial(partial)
        raise
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
                 now: datetime | None = None, stop: Callable[[], bool] | None = None) -> Path | None:
    """Make today's backup if the newest daily backup is older than a day; keep the last ``keep``.

    Returns the new backup's path, or None when a recent one exists.
    """
    if not daily_due(db_path, now=now):
        return None
    made = make_backup(db, db_path, reason="daily", stop=stop)
    for old in list_backups(db_path, "daily")[:-keep]:
        try:
            old.unlink()
        except OSError as e:  # a locked file on Windows must not stop the program
            log.warning("could not remove old backup %s: %s", old, e)
    return made
