"""Opening a GI Ledger database: pragmas, a quick check, backup, migrations, transactions.

Usage::

    db = open_database(path)          # creates the file if it does not exist
    with transaction(db):
        ...                           # everything here commits or rolls back together

A database written by a newer version of the program, a corrupt file and a file
locked by another program are refused with :class:`DatabaseUnusable` subclasses
whose messages a clerk can act on.

Opening checks what can be checked in a time that does not grow with the file (the header,
the schema, each table's first and last pages, the small tables that say whose file it is);
the full ``PRAGMA integrity_check`` reads every page (8-9 s on a city of 1.3 GB) and runs
where it does not block the clerk: in the background on its own connection, on a schedule
and before the daily backup (:mod:`desktop.integrity`), before a migration, and in
``giledger check``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from db import backup
from db.migrations import MIGRATIONS, SCHEMA_VERSION, migration_names

__all__ = [
    "DatabaseUnusable",
    "DatabaseCorrupt",
    "DatabaseTooNew",
    "DatabaseLocked",
    "DatabaseMissing",
    "CORE_TABLES",
    "open_database",
    "quick_problems",
    "transaction",
    "schema_version",
    "database_file",
    "default_database_path",
    "now_utc",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


class DatabaseUnusable(Exception):
    """The database file cannot be used; the message says why and what to do."""


class DatabaseCorrupt(DatabaseUnusable):
    """The file is not a SQLite database or fails the checks on open."""


class DatabaseTooNew(DatabaseUnusable):
    """The file was written by a newer version of GI Ledger."""


class DatabaseLocked(DatabaseUnusable):
    """Another program holds the file (a long write, or a crashed tool that left a lock)."""


class DatabaseMissing(DatabaseUnusable):
    """The file does not exist and was not to be created."""


def _connect(path: Path | str) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write goes through transaction().
    # check_same_thread=False: a connection belongs to the thread that opened it, but a packet
    # merge hands it to a writer thread of its own for one statement at a time, while the
    # merging thread does not touch it (desktop.packets.importer); SQLite serialises the calls.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    return conn


def open_database(path: Path | str, *, create: bool = True, check: bool = True) -> sqlite_utils.Database:
    """Open (and if needed create or upgrade) the database at ``path``.

    - WAL journal, ``synchronous=FULL`` (a committed change survives a power cut),
      foreign keys on, a busy timeout.
    - A quick check on open, whose time does not grow with the file (:func:`quick_problems`;
      ``check=False`` skips it, for tests of a file just written in the same process). The
      full integrity check is not run here: see :func:`db.maintenance.integrity_problems_at`.
    - If migrations are pending on an existing file, it gets the full integrity check and a
      consistent copy is written to ``backups/`` beside it first; all pending migrations then run in one exclusive
      transaction, so an interrupted upgrade leaves the old file as it was.
    - A file with migrations this program does not know is refused (:class:`DatabaseTooNew`).
    """
    p = Path(path) if str(path) != ":memory:" else None
    if p is not None:
        if not p.exists():
            if not create:
                raise DatabaseMissing(f"数据库文件不存在：{p}\nThe database file does not exist: {p}")
            p.parent.mkdir(parents=True, exist_ok=True)
        elif p.is_dir():
            raise DatabaseUnusable(f"这是一个文件夹，不是数据库文件：{p}\nThis is a folder, not a database file: {p}")
    existed = p is not None and p.exists() and p.stat().st_size > 0
    try:
        conn = _connect(path)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read-only checks first: a file we refuse is left exactly as it was.
        if existed and check:
            _quick_check(db, p)
        _check_not_newer(db, p)
        _set_pragmas(db, is_memory=p is None)
        _migrate(db, p if existed else None)
    except sqlite3.DatabaseError as e:
        with contextlib.suppress(Exception):
            conn.close()
        raise _translate(e, p) from e
    except BaseException:
        with contextlib.suppress(Exception):
            conn.close()
        raise
    return db


def _translate(e: sqlite3.DatabaseError, p: Path | None) -> DatabaseUnusable:
    text = str(e).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"数据库正被其他程序使用，请关闭其他地标台账窗口或稍后再试：{p}\n"
            f"The database is in use by another program; close it or try again later: {p} ({e})")
    if "not a database" in text or "malformed" in text or "corrupt" in text or "disk image" in text:
        return DatabaseCorrupt(_corrupt_message(p, str(e)))
    return DatabaseUnusable(f"无法打开数据库 {p}：{e}\nCannot open the database {p}: {e}")


def _corrupt_message(p: Path | None, detail: str) -> str:
    where = backup.backup_dir(p) if p is not None else "backups"
    return (f"数据库文件已损坏或不是地标台账数据库：{p}\n"
            f"请从备份恢复（备份位于 {where}），或联系市局发送恢复数据包。\n"
            f"The database file is damaged or is not a GI Ledger database: {p}\n"
            f"Restore a backup from {where}, or ask the city bureau for a restore packet.\n"
            f"({detail})")


def _set_pragmas(db: sqlite_utils.Database, *, is_memory: bool) -> None:
    conn = db.conn
    if not is_memory:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal_mode is %s, not WAL", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")


CORE_TABLES = ("_sqlite_migrations", "settings", "offices", "office_keys", "packet_log", "id_sequences")
"""Small tables that say whose file this is and what it has received: checked whole on open."""


def _quick_check(db: sqlite_utils.Database, p: Path | None) -> None:
    problems = quick_problems(db)
    if problems:
        raise DatabaseCorrupt(_corrupt_message(p, "; ".join(problems)))


def quick_problems(db: sqlite_utils.Database) -> list[str]:
    """What a check in a time independent of the file's size finds (empty: nothing).

    - SQLite reads the header and refuses a file shorter than the page count it gives (a
      truncated copy), and the schema is read (a damaged first page or schema fails here);
    - every table's b-tree is walked down its first and its last edge (``min``/``max`` of
      ``rowid``), and the small tables of :data:`CORE_TABLES` get a whole integrity check.

    A page damaged in the middle of a large table is found by the full check only
    (:func:`db.maintenance.integrity_problems_at`). What SQLite cannot read at all raises
    :class:`sqlite3.DatabaseError`.
    """
    problems: list[str] = []
    tables = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    # Tables with a rowid b-tree: not virtual ones (the search index: FTS5), nor WITHOUT ROWID.
    walked = {r[1] for r in db.conn.execute("PRAGMA main.table_list")
              if r[2] in ("table", "shadow") and not r[4]}
    for table in (t for t in tables if t in walked):
        quoted = '"' + table.replace('"', '""') + '"'
        # One aggregate per statement: SQLite then walks the b-tree's edge (min(), max() of a
        # rowid are O(depth)); both in one statement would scan the smallest index instead.
        db.conn.execute(f"SELECT min(rowid) FROM {quoted}").fetchone()
        db.conn.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()
    for table in CORE_TABLES:
        if table in tables:
            rows = [r[0] for r in db.conn.execute(f"PRAGMA integrity_check('{table}')")]
            if rows != ["ok"]:
                problems.extend(rows)
    return problems


def schema_version(db: sqlite_utils.Database) -> int:
    """The number of migrations applied to this file (0 for a new file)."""
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def _applied_names(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]


def _check_not_newer(db: sqlite_utils.Database, p: Path | None) -> None:
    applied = _applied_names(db)
    unknown = [n for n in applied if n not in migration_names()]
    version = schema_version(db)
    if unknown or version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"此数据库由更新版本的地标台账写入（数据库版本 {max(version, len(applied))}，"
            f"本程序支持到 {SCHEMA_VERSION}），请升级地标台账后再打开：{p}\n"
            f"This database was written by a newer version of GI Ledger (schema "
            f"{max(version, len(applied))}, this program knows up to {SCHEMA_VERSION}); "
            f"upgrade GI Ledger to open it: {p}")


def _migrate(db: sqlite_utils.Database, existing: Path | None) -> None:
    if not MIGRATIONS.pending(db):
        return
    if existing is not None and _applied_names(db):
        # An upgrade is rare and rewrites the file: the full check first, as before any backup.
        rows = [r[0] for r in db.conn.execute("PRAGMA integrity_check(20)").fetchall()]
        if rows != ["ok"]:
            raise DatabaseCorrupt(_corrupt_message(existing, "; ".join(rows)))
        copy = backup.make_backup(db, existing, reason=f"before-v{SCHEMA_VERSION}")
        log.info("backed up %s to %s before migrating", existing, copy)
    # One exclusive transaction for the whole upgrade: another process cannot read a
    # half-upgraded file, and a crash leaves the old schema untouched.
    db.conn.execute("BEGIN EXCLUSIVE")
    try:
        _check_not_newer(db, existing)  # re-read under the lock
        MIGRATIONS.apply(db)
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    # A fresh file gets its identity once.
    if db.conn.execute("SELECT value FROM settings WHERE key = 'database_id'").fetchone() is None:
        with transaction(db):
            db.conn.execute("INSERT INTO settings(key, value) VALUES ('database_id', ?), ('created_at', ?)",
                            (secrets.token_hex(8), now_utc()))


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All writes inside commit together or not at all.

    The outermost level takes the write lock at once (``BEGIN IMMEDIATE``), so two
    programs writing at the same time wait for each other instead of failing half-way;
    nested levels are savepoints (as :meth:`sqlite_utils.Database.atomic`).
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise _translate(e, None) from e
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind an open database (None for an in-memory one)."""
    for _seq, name, file in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def now_utc() -> str:
    """The current time as ISO 8601 in UTC with microseconds (how timestamps are stored)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def default_database_path() -> Path:
    """Where the database lives unless ``--db`` or ``GILEDGER_DB`` says otherwise.

    Windows: ``%LOCALAPPDATA%\\GILedger\\giledger.db``; macOS: ``~/Library/Application
    Support/GILedger``; Linux and other Unix: ``$XDG_DATA_HOME/giledger`` (``~/.local/share``).
    """
    env = os.environ.get("GILEDGER_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "giledger.db"


def data_dir() -> Path:
    """The per-user data folder (no admin rights needed)."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
        return root / "GILedger"
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "GILedger"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "giledger"
