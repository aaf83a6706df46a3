"""The core half of ``giledger --self-test``: does this installation work, end to end?

Run on a clerk's PC after copying the app (or by the build, on the bundle it made), it
exercises what every working day needs, in a temporary folder, never touching the
clerk's database: the shipped division list, a new database (schema, WAL), initialising
county 130125, the small demo, one record added, edited, deleted and restored through
:class:`~desktop.ledger.Ledger` with its audit rows, the whole-file check, a backup, and
reopening the file (integrity check, migrations). Qt-free; the window half is in
:mod:`ui.app`.

``run_self_test()`` returns one ``"ok: ..."`` line per step and raises
:class:`SelfTestFailed` (or the error itself) at the first failure::

    for line in run_self_test(progress=log.info):
        ...
"""

from __future__ import annotations

import contextlib
import logging
import platform
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import sqlite_utils

from db import maintenance
from db.connection import open_database, schema_version
from db.migrations import SCHEMA_VERSION
from desktop import __version__, divisions
from desktop.checks import check_file
from desktop.demo import generate_demo
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger, StaleRevision, init_office
from desktop.paths import resources_dir

__all__ = ["SelfTestFailed", "run_self_test", "DB_NAME", "OFFICE", "CLERK"]

log = logging.getLogger(__name__)

DB_NAME = "selftest.db"
"""The database file the self-test writes in its folder."""
OFFICE = "130125"
"""行唐县, the county of the demo data."""
CLERK = "自检"
AUDIT_ACTIONS = ["create", "update", "delete", "restore"]


class SelfTestFailed(Exception):
    """A self-test step found something wrong; the message says which and what."""


def _require(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailed(message)


def run_self_test(progress: Callable[[str], None] | None = None, *,
                  directory: Path | None = None) -> list[str]:
    """Run the core self-test; returns its ``"ok: ..."`` lines, raises at the first failure.

    ``progress`` is called with each line as its step passes (default: the log).
    Without ``directory`` the work happens in a temporary folder that is removed
    afterwards; with one, the database :data:`DB_NAME` is left there (for the window
    half of the self-test) and the caller removes it.
    """
    lines: list[str] = []

    def ok(text: str) -> None:
        line = f"ok: {text}"
        lines.append(line)
        (progress or log.info)(line)

    started = time.perf_counter()
    with _folder(directory) as folder:
        _environment(ok)
        _divisions(ok)
        path = folder / DB_NAME
        _require(not path.exists(), f"{path} exists already; the self-test needs a new file")
        db = open_database(path, create=True)
        try:
            _new_database(db, ok)
            ledger = Ledger(db, clerk=CLERK)
            _demo(db, ledger, ok)
            _record_round(ledger, ok)
            _audit_is_append_only(db, ok)
            _check(ledger, ok)
            _backup(ledger, ok)
            _printing(ledger, folder, ok)
            digest = maintenance.content_digest(db)
        finally:
            db.close()
        _reopen(path, digest, ok)
    ok(f"core self-test done in {time.perf_counter() - started:.2f}s")
    return lines


@contextlib.contextmanager
def _folder(directory: Path | None) -> Iterator[Path]:
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        yield directory
        return
    with tempfile.TemporaryDirectory(prefix="giledger-selftest-") as tmp:
        yield Path(tmp)


def _environment(ok: Callable[[str], None]) -> None:
    res = resources_dir()
    _require(res.is_dir(), f"the resources folder is missing: {res}")
    ok(f"GI Ledger {__version__}, Python {platform.python_version()}, SQLite "
       f"{sqlite3.sqlite_version}, {platform.system()} {platform.release()}; resources in {res}")


def _divisions(ok: Callable[[str], None]) -> None:
    county = divisions.lookup(OFFICE)
    _require(county is not None and county.name == "行唐县" and county.level == "county",
             f"the division list does not know {OFFICE} 行唐县 (found {county})")
    towns = divisions.towns(OFFICE)
    _require(len(towns) >= 5 and all(code.startswith(OFFICE) for code, _ in towns),
             f"the division list has no towns for {OFFICE} (found {len(towns)})")
    ok(f"division list: {OFFICE} {divisions.full_name(OFFICE)}, {len(towns)} towns "
       f"({divisions.source_info()})")


def _new_database(db: sqlite_utils.Database, ok: Callable[[str], None]) -> None:
    version = schema_version(db)
    _require(version == SCHEMA_VERSION, f"a new database has schema {version}, not {SCHEMA_VERSION}")
    mode = db.conn.execute("PRAGMA journal_mode").fetchone()[0]
    _require(str(mode).lower() == "wal", f"the database is in journal mode {mode}, not WAL")
    office = init_office(db, OFFICE, clerk=CLERK)
    _require(office.level == "county", f"{OFFICE} was initialised in {office.level} mode")
    ok(f"new database (schema {version}, WAL) initialised for {office.code} {office.name}, "
       f"county mode")


def _demo(db: sqlite_utils.Database, ledger: Ledger, ok: Callable[[str], None]) -> None:
    summary = generate_demo(db, size="small", seed=1, clerk=CLERK)
    _require(summary.office_code == OFFICE, f"the demo was written for {summary.office_code}")
    for kind, n in summary.counts.items():
        stored = ledger.count(kind, include_deleted=True)
        _require(stored == n, f"the demo wrote {n} {kind} rows but the file holds {stored}")
    for kind in ("resource", "candidate", "gi", "mark-user", "annual-report", "inspection"):
        _require(summary.counts.get(kind, 0) > 0, f"the demo wrote no {kind} rows")
    ok(f"small demo: {sum(summary.counts.values())} records "
       f"({summary.counts['resource']} resources, {summary.counts['mark-user']} mark users) "
       f"in {summary.seconds:.2f}s")


def _record_round(ledger: Ledger, ok: Callable[[str], None]) -> None:
    live = ledger.count("resource")
    rec = ledger.add("resource", {"name": "自检大枣", "attribute": "种植/养殖产品",
                                  "category": "初级农产品", "tier": "培育",
                                  "survey_date": date.today().isoformat()})
    _require(rec.revision == 1 and ledger.count("resource") == live + 1,
             f"adding {rec.id} did not store it")
    edited = ledger.edit("resource", rec.id, {"tier": "protect"}, expected_revision=1)
    _require(edited.revision == 2 and edited.values["tier"] == "protect",
             f"editing {rec.id} did not change it")
    try:
        ledger.edit("resource", rec.id, {"tier": "cultivate"}, expected_revision=1)
    except StaleRevision:
        pass
    else:
        raise SelfTestFailed(f"an edit of {rec.id} from an old revision was not refused")
    try:
        ledger.add("resource", {"name": "自检缺项"})
    except ValidationFailed:
        pass
    else:
        raise SelfTestFailed("a resource without its required fields was not refused")
    deleted = ledger.delete("resource", rec.id, expected_revision=2)
    _require(deleted.deleted and ledger.count("resource") == live,
             f"deleting {rec.id} did not tombstone it")
    restored = ledger.restore("resource", rec.id)
    _require(not restored.deleted and restored.revision == 4 and ledger.count("resource") == live + 1,
             f"restoring {rec.id} did not bring it back")
    history = ledger.history(rec.id)
    actions = [e.action for e in history]
    _require(actions == AUDIT_ACTIONS, f"the audit trail of {rec.id} is {actions}, not {AUDIT_ACTIONS}")
    _require(all(e.actor == CLERK for e in history), "the audit rows do not name the clerk")
    update = history[1]
    _require(update.before is not None and update.after is not None
             and update.before.get("tier") == "cultivate" and update.after.get("tier") == "protect",
             "the audit row of the edit lacks its before and after images")
    ok(f"record {rec.id} added, edited, refused a stale edit and an incomplete record, deleted, "
       f"restored; {len(history)} audit rows")


def _audit_is_append_only(db: sqlite_utils.Database, ok: Callable[[str], None]) -> None:
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        try:
            db.conn.execute(statement)
        except sqlite3.DatabaseError:
            continue
        raise SelfTestFailed(f"the audit log accepted: {statement}")
    ok("audit log refuses changes and deletions")


def _check(ledger: Ledger, ok: Callable[[str], None]) -> None:
    report = check_file(ledger)
    if report.errors:
        first = "; ".join(f"{f.kind} {f.record_id} {f.field}: {f.message_en}" for f in report.errors[:5])
        raise SelfTestFailed(f"the file check found {len(report.errors)} error(s): {first}")
    warnings = len(report.findings) - len(report.errors)
    ok(f"file check: {report.records_checked} records, 0 errors, {warnings} warning(s)")


def _backup(ledger: Ledger, ok: Callable[[str], None]) -> None:
    copy = ledger.daily_backup()
    if copy is None or not copy.is_file():
        raise SelfTestFailed("no daily backup was written")
    conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    _require(result == "ok", f"the backup {copy.name} fails its integrity check: {result}")
    ok(f"backup {copy.name} written and sound")


def _printing(ledger: Ledger, folder: Path, ok: Callable[[str], None]) -> None:
    """A blank survey form printed; one line on the font (a warning when there is no
    TrueType CJK font and the forms fall back to STSong-Light, which is not embedded)."""
    from desktop.forms import PrintRequest, render
    from desktop.forms.fonts import font_report

    out = folder / "selftest-form.pdf"
    result = render(ledger, PrintRequest("survey-blank"), out)
    _require(out.stat().st_size > 0 and result.pages >= 1, "the printed test form is empty")
    embedded, text = font_report()
    note = text if embedded else f"WARNING: {text}"
    ok(f"printed forms: a blank survey form ({result.pages} pages, serial {result.serials[0]}); "
       f"{note}")


def _reopen(path: Path, digest: str, ok: Callable[[str], None]) -> None:
    ledger = Ledger.open(path, clerk=CLERK, create=False)  # integrity check, migrations
    try:
        _require(ledger.office.code == OFFICE, f"the reopened file belongs to {ledger.office.code}")
        _require(schema_version(ledger.db) == SCHEMA_VERSION, "the reopened file changed schema")
        _require(maintenance.content_digest(ledger.db) == digest,
                 "the reopened file does not hold what was written")
        total = sum(maintenance.table_counts(ledger.db).values())
    finally:
        ledger.close()
    ok(f"reopened {path.name}: integrity check passed, no migration pending, {total} rows as written")
