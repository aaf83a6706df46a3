"""The schema, as numbered, append-only migrations.

Never edit a migration that has been released: add a new one at the end. Each migration
is a function that receives the database inside the upgrade's exclusive transaction
(see :func:`db.connection.open_database`); ``PRAGMA user_version`` mirrors the count.

Conventions of every register table:

- ``id`` TEXT primary key, stable, never reused (``R-130125-000012``);
- ``office_code`` the office that owns (and alone edits) the record;
- ``created_at``/``updated_at`` UTC ISO 8601; ``revision`` starts at 1 and goes up by one
  with every change; ``deleted`` 0/1 tombstone (rows are never removed);
- references are real foreign keys, deferred to commit time so a packet can be merged
  in any order;
- uniqueness among live records (same office) is enforced by partial unique indexes.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migration_names", "RECORD_TABLES"]

MIGRATIONS = Migrations("giledger")

RECORD_TABLES: tuple[str, ...] = (
    "resources", "candidates", "stage_events", "protected_gis", "mark_users", "annual_reports",
    "inspector_roster", "inspection_plans", "inspections", "inspection_draws", "cases", "abnormal_entries",
    "county_stats",
    "city_units", "city_targets", "work_plans", "plan_tasks", "task_progress", "reviews",
    "review_answers",
)
"""Tables of owned records (with the common columns), in reference order."""

_COMMON = """
    id TEXT PRIMARY KEY NOT NULL,
    office_code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))"""


def _fk(table: str) -> str:
    return f"TEXT REFERENCES {table}(id) DEFERRABLE INITIALLY DEFERRED"


_M0001 = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
) STRICT;

CREATE TABLE offices (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('county', 'city', 'province')),
    parent_code TEXT,
    is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
    email TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX offices_one_self ON offices(is_self) WHERE is_self = 1;

CREATE TABLE id_sequences (
    office_code TEXT NOT NULL,
    prefix TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (office_code, prefix)
) STRICT;

CREATE TABLE resources ({_COMMON},
    name TEXT NOT NULL,
    attribute TEXT,
    category TEXT,
    subtype TEXT,
    towns TEXT,
    town_count INTEGER,
    coordinates TEXT,
    history TEXT,
    quality TEXT,
    natural_factors TEXT,
    human_factors TEXT,
    authentic INTEGER,
    regional INTEGER,
    specific INTEGER,
    linked INTEGER,
    area_mu REAL,
    stock_count INTEGER,
    output_t REAL,
    value_10k REAL,
    enterprises INTEGER,
    cooperatives INTEGER,
    households INTEGER,
    standard_level TEXT,
    standard_no TEXT,
    protection TEXT,
    eu_china INTEGER,
    planned_route TEXT,
    applicant_name TEXT,
    applicant_uscc TEXT,
    tier TEXT,
    one_county_one_product INTEGER,
    contact TEXT,
    phone TEXT,
    reporting_unit TEXT,
    reporter TEXT,
    survey_date TEXT
) STRICT;
CREATE INDEX resources_office ON resources(office_code);
CREATE UNIQUE INDEX resources_live_name ON resources(office_code, name) WHERE deleted = 0;

CREATE TABLE candidates ({_COMMON},
    resource_id {_fk("resources")} NOT NULL,
    name TEXT NOT NULL,
    route TEXT,
    stage TEXT,
    stage_date TEXT,
    owner TEXT,
    next_step TEXT,
    next_deadline TEXT,
    materials TEXT,
    support TEXT,
    tm_name TEXT,
    nice_class INTEGER,
    application_no TEXT,
    registration_no TEXT,
    registrant TEXT,
    filing_date TEXT,
    preliminary_issue TEXT,
    registration_date TEXT,
    exclusive_until TEXT,
    pp_applicant TEXT,
    pp_area TEXT,
    pp_acceptance_no TEXT,
    pp_preliminary_no TEXT,
    pp_preliminary_date TEXT,
    pp_approval_no TEXT,
    pp_approval_date TEXT,
    standard_no TEXT,
    note TEXT
) STRICT;
CREATE INDEX candidates_office ON candidates(office_code);
CREATE INDEX candidates_resource ON candidates(resource_id);
CREATE UNIQUE INDEX candidates_live_route ON candidates(office_code, resource_id, route)
    WHERE deleted = 0;

CREATE TABLE stage_events ({_COMMON},
    candidate_id {_fk("candidates")} NOT NULL,
    from_stage TEXT,
    stage TEXT,
    event_date TEXT,
    note TEXT
) STRICT;
CREATE INDEX stage_events_candidate ON stage_events(candidate_id);

CREATE TABLE protected_gis ({_COMMON},
    name TEXT NOT NULL,
    gi_type TEXT,
    reference_no TEXT,
    holder TEXT,
    holder_uscc TEXT,
    approval_date TEXT,
    protected_area TEXT,
    standard_no TEXT,
    eu_china INTEGER,
    candidate_id {_fk("candidates")},
    resource_id {_fk("resources")},
    note TEXT
) STRICT;
CREATE INDEX protected_gis_office ON protected_gis(office_code);
CREATE UNIQUE INDEX protected_gis_live_ref ON protected_gis(office_code, gi_type, reference_no)
    WHERE deleted = 0;

CREATE TABLE mark_users ({_COMMON},
    name TEXT NOT NULL,
    uscc TEXT,
    entity_type TEXT,
    legal_rep TEXT,
    address TEXT,
    contact TEXT,
    phone TEXT,
    gi_id {_fk("protected_gis")} NOT NULL,
    announcement_no TEXT,
    tm_registration_no TEXT,
    license_record_no TEXT,
    approval_date TEXT,
    products TEXT,
    status TEXT,
    model_level TEXT,
    model_year INTEGER
) STRICT;
CREATE INDEX mark_users_office ON mark_users(office_code);
CREATE INDEX mark_users_gi ON mark_users(gi_id);
CREATE INDEX mark_users_uscc ON mark_users(uscc);
CREATE UNIQUE INDEX mark_users_live_uscc_gi ON mark_users(office_code, uscc, gi_id)
    WHERE deleted = 0;

CREATE TABLE annual_reports ({_COMMON},
    mark_user_id {_fk("mark_users")} NOT NULL,
    year INTEGER NOT NULL,
    output_t REAL,
    marked_output_t REAL,
    sales_10k REAL,
    marked_sales_10k REAL,
    export_t REAL,
    marks_printed INTEGER,
    printer TEXT,
    marks_used INTEGER,
    marks_in_stock INTEGER,
    testing TEXT,
    reporter TEXT,
    report_date TEXT,
    review_status TEXT
) STRICT;
CREATE INDEX annual_reports_office ON annual_reports(office_code);
CREATE UNIQUE INDEX annual_reports_live_user_year
    ON annual_reports(office_code, mark_user_id, year) WHERE deleted = 0;
CREATE INDEX annual_reports_user ON annual_reports(mark_user_id);

CREATE TABLE inspection_plans ({_COMMON},
    name TEXT NOT NULL,
    year INTEGER,
    ratio_pct REAL,
    sample_count INTEGER,
    user_pool TEXT,
    inspector_pool TEXT,
    start_date TEXT,
    end_date TEXT,
    note TEXT
) STRICT;
CREATE INDEX inspection_plans_office ON inspection_plans(office_code);

CREATE TABLE inspections ({_COMMON},
    task_no TEXT,
    mark_user_id {_fk("mark_users")} NOT NULL,
    plan_id {_fk("inspection_plans")},
    inspectors TEXT,
    method TEXT,
    inspection_date TEXT,
    item_area TEXT,
    item_label TEXT,
    item_mark TEXT,
    item_material TEXT,
    item_standard TEXT,
    item_fake TEXT,
    findings TEXT,
    result TEXT,
    rectify_deadline TEXT,
    recheck_date TEXT,
    recheck_result TEXT,
    publish_date TEXT
) STRICT;
CREATE INDEX inspections_office ON inspections(office_code);
CREATE INDEX inspections_user ON inspections(mark_user_id);

CREATE TABLE inspection_draws ({_COMMON},
    plan_id {_fk("inspection_plans")} NOT NULL,
    seed TEXT NOT NULL,
    drawn_at TEXT NOT NULL,
    drawn_by TEXT NOT NULL,
    targets TEXT NOT NULL,
    inspectors TEXT NOT NULL
) STRICT;
CREATE INDEX inspection_draws_plan ON inspection_draws(plan_id);

CREATE TABLE abnormal_entries ({_COMMON},
    mark_user_id {_fk("mark_users")} NOT NULL,
    reason TEXT,
    listed_date TEXT,
    deciding_office TEXT,
    document_no TEXT,
    deadline TEXT,
    removal_date TEXT,
    removal_reason TEXT
) STRICT;
CREATE INDEX abnormal_entries_office ON abnormal_entries(office_code);
CREATE INDEX abnormal_entries_user ON abnormal_entries(mark_user_id);

CREATE TABLE county_stats ({_COMMON},
    as_of TEXT NOT NULL,
    registered_trademarks INTEGER,
    well_known_marks INTEGER,
    gi_trademarks INTEGER,
    gi_products INTEGER,
    gi_products_using_mark INTEGER,
    note TEXT
) STRICT;
CREATE UNIQUE INDEX county_stats_live_as_of ON county_stats(office_code, as_of) WHERE deleted = 0;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    os_user TEXT,
    office_code TEXT,
    action TEXT NOT NULL,
    kind TEXT,
    record_id TEXT,
    revision INTEGER,
    before TEXT,
    after TEXT,
    note TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log(record_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE packet_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    direction TEXT NOT NULL CHECK (direction IN ('sent', 'received', 'receipt', 'reference', 'restore')),
    office_code TEXT NOT NULL,
    sequence INTEGER,
    file_name TEXT,
    content_hash TEXT,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT
) STRICT;
CREATE INDEX packet_log_office ON packet_log(office_code, sequence);
"""


@MIGRATIONS(name="0001_initial")
def m0001_initial(db: sqlite_utils.Database) -> None:
    """Every register, the audit log, the packet log, offices and settings."""
    for statement in _statements(_M0001):
        db.conn.execute(statement)


_M0002 = """
CREATE TABLE office_keys (
    office_code TEXT PRIMARY KEY NOT NULL,
    private_key BLOB NOT NULL,
    public_key BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE offices ADD COLUMN public_key TEXT;
ALTER TABLE offices ADD COLUMN key_fingerprint TEXT;
ALTER TABLE offices ADD COLUMN key_pinned_at TEXT;
ALTER TABLE offices ADD COLUMN last_sequence INTEGER;
ALTER TABLE offices ADD COLUMN last_content_hash TEXT;
ALTER TABLE offices ADD COLUMN last_received_at TEXT;

ALTER TABLE packet_log ADD COLUMN file_hash TEXT;
ALTER TABLE packet_log ADD COLUMN archive_path TEXT;
ALTER TABLE packet_log ADD COLUMN packet_kind TEXT;
CREATE INDEX packet_log_file_hash ON packet_log(file_hash);
"""


@MIGRATIONS(name="0002_packets")
def m0002_packets(db: sqlite_utils.Database) -> None:
    """Office key pairs, pinned keys and merge state of other offices, packet archive columns."""
    for statement in _statements(_M0002):
        db.conn.execute(statement)


_M0003 = """
CREATE TABLE form_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    form TEXT NOT NULL,
    office_code TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    os_user TEXT,
    copies INTEGER NOT NULL CHECK (copies >= 1),
    status TEXT NOT NULL CHECK (status IN ('printing', 'done', 'cancelled')),
    file_name TEXT
) STRICT;

CREATE TABLE form_serials (
    serial TEXT PRIMARY KEY NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES form_batches(id),
    form TEXT NOT NULL,
    kind TEXT NOT NULL,
    office_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    subject_id TEXT,
    prefill TEXT,
    UNIQUE (form, office_code, year, number)
) STRICT;
CREATE INDEX form_serials_batch ON form_serials(batch_id);

CREATE TABLE form_links (
    serial TEXT PRIMARY KEY NOT NULL REFERENCES form_serials(serial),
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
) STRICT;
CREATE INDEX form_links_record ON form_links(record_id);
CREATE TRIGGER form_serials_no_delete BEFORE DELETE ON form_serials
BEGIN SELECT RAISE(ABORT, 'issued form serials are never removed'); END;
"""


@MIGRATIONS(name="0003_form_serials")
def m0003_form_serials(db: sqlite_utils.Database) -> None:
    """Printed blank forms: print batches (who, when, how many copies), one serial per copy
    (never reused), and the record entered from a returned sheet."""
    for statement in _statements(_M0003):
        db.conn.execute(statement)


_M0004 = f"""
CREATE TABLE city_units ({_COMMON},
    code TEXT NOT NULL CHECK (length(code) = 6),
    name TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX city_units_live_code ON city_units(office_code, code) WHERE deleted = 0;

CREATE TABLE city_targets ({_COMMON},
    year INTEGER NOT NULL,
    measure TEXT NOT NULL,
    threshold REAL NOT NULL,
    scope TEXT NOT NULL,
    due TEXT,
    source TEXT,
    note TEXT
) STRICT;
CREATE UNIQUE INDEX city_targets_live ON city_targets(office_code, year, measure, scope)
    WHERE deleted = 0;

CREATE TABLE work_plans ({_COMMON},
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    document_no TEXT,
    issued_date TEXT,
    note TEXT
) STRICT;
CREATE UNIQUE INDEX work_plans_live ON work_plans(office_code, name, year) WHERE deleted = 0;

CREATE TABLE plan_tasks ({_COMMON},
    plan_id {_fk("work_plans")} NOT NULL,
    number TEXT NOT NULL,
    section TEXT,
    text TEXT NOT NULL,
    units TEXT,
    departments TEXT,
    deadline TEXT,
    note TEXT
) STRICT;
CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id);
CREATE UNIQUE INDEX plan_tasks_live ON plan_tasks(office_code, plan_id, number) WHERE deleted = 0;

CREATE TABLE task_progress ({_COMMON},
    task_id {_fk("plan_tasks")} NOT NULL,
    status TEXT NOT NULL,
    report_date TEXT NOT NULL,
    text TEXT,
    attachments TEXT
) STRICT;
CREATE INDEX task_progress_task ON task_progress(task_id, office_code);

CREATE TABLE reviews ({_COMMON},
    record_id TEXT NOT NULL,
    record_revision INTEGER,
    verdict TEXT NOT NULL,
    comment TEXT,
    review_date TEXT NOT NULL,
    reviewer TEXT
) STRICT;
CREATE UNIQUE INDEX reviews_live_record ON reviews(office_code, record_id) WHERE deleted = 0;
CREATE INDEX reviews_record ON reviews(record_id);

CREATE TABLE review_answers ({_COMMON},
    review_id {_fk("reviews")} NOT NULL,
    review_revision INTEGER,
    answer TEXT NOT NULL,
    answer_date TEXT NOT NULL
) STRICT;
CREATE INDEX review_answers_review ON review_answers(review_id);
CREATE INDEX county_stats_office ON county_stats(office_code, as_of);
"""


@MIGRATIONS(name="0004_city_work")
def m0004_city_work(db: sqlite_utils.Database) -> None:
    """The city's work: its reporting units and targets, work plans with their tasks and the
    units' progress, reviews of the units' records and the units' answers."""
    for statement in _statements(_M0004):
        db.conn.execute(statement)


_M0005 = """
CREATE INDEX IF NOT EXISTS annual_reports_user_year ON annual_reports(mark_user_id, year, marks_used)
    WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS mark_users_uscc_office ON mark_users(uscc, office_code) WHERE deleted = 0;
"""


@MIGRATIONS(name="0005_city_indexes")
def m0005_city_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for the per-unit figures of a city holding all its counties: whether a
    user has a (used) annual report for a year, and USCCs held in more than one unit."""
    for statement in _statements(_M0005):
        db.conn.execute(statement)


_M0006 = """
CREATE TABLE import_mappings (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    headers TEXT NOT NULL,
    header_key TEXT NOT NULL,
    mapping TEXT NOT NULL,
    value_maps TEXT NOT NULL DEFAULT '{}',
    options TEXT NOT NULL DEFAULT '{}',
    saved_at TEXT NOT NULL,
    saved_by TEXT
) STRICT;
CREATE INDEX import_mappings_headers ON import_mappings(kind, header_key);
"""


@MIGRATIONS(name="0006_import_mappings")
def m0006_import_mappings(db: sqlite_utils.Database) -> None:
    """Column mappings a clerk saved when importing a spreadsheet of the office's own layout:
    the file's headers (and ``header_key``, their normalised digest, to offer the mapping again
    for a file with the same headers), header -> field key, the value maps of coded fields
    (the file's text -> code) and the import's options, with who saved it and when."""
    for statement in _statements(_M0006):
        db.conn.execute(statement)


_M0007 = """
CREATE INDEX IF NOT EXISTS protected_gis_candidate ON protected_gis(candidate_id);
CREATE INDEX IF NOT EXISTS protected_gis_resource ON protected_gis(resource_id);
CREATE INDEX IF NOT EXISTS inspections_plan ON inspections(plan_id);
"""


@MIGRATIONS(name="0007_search")
def m0007_search(db: sqlite_utils.Database) -> None:
    """The search index: an FTS5 table per register (``search_<table>``), the queue of rows
    whose documents are to be (re)built, the triggers that fill it on every write, and every
    existing row queued; indexes on the reference columns a search follows (see
    :mod:`db.search`). The documents are built by the desktop before the first search."""
    from db import search  # db.search imports this module

    for statement in _statements(_M0007):
        db.conn.execute(statement)
    for table in ("resources", "candidates", "stage_events", "protected_gis", "mark_users",
                  "annual_reports", "inspection_plans", "inspections", "abnormal_entries",
                  "county_stats", "city_units", "city_targets", "work_plans", "plan_tasks",
                  "task_progress", "reviews", "review_answers"):
        search.install(db, table)
    search.set_index_version(db, search.QUEUED)


_M0008 = f"""
CREATE TABLE inspector_roster ({_COMMON},
    name TEXT NOT NULL,
    cert_no TEXT NOT NULL,
    unit TEXT,
    avoid TEXT,
    note TEXT
) STRICT;
CREATE INDEX inspector_roster_office ON inspector_roster(office_code);
CREATE UNIQUE INDEX inspector_roster_live_cert ON inspector_roster(office_code, cert_no) WHERE deleted = 0;

CREATE TABLE cases ({_COMMON},
    case_no TEXT NOT NULL,
    filed_date TEXT NOT NULL,
    source TEXT NOT NULL,
    inspection_id {_fk("inspections")},
    act TEXT NOT NULL,
    handlers TEXT,
    party_name TEXT NOT NULL,
    party_uscc TEXT,
    mark_user_id {_fk("mark_users")},
    gi_id {_fk("protected_gis")},
    gi_name TEXT,
    facts TEXT,
    measures TEXT,
    fine_yuan REAL,
    confiscated_yuan REAL,
    confiscated_goods TEXT,
    decision_no TEXT,
    decision_date TEXT,
    status TEXT NOT NULL,
    closed_date TEXT,
    typical INTEGER,
    public_summary TEXT
) STRICT;
CREATE INDEX cases_office ON cases(office_code, filed_date);
CREATE UNIQUE INDEX cases_live_no ON cases(office_code, case_no) WHERE deleted = 0;
CREATE INDEX cases_inspection ON cases(inspection_id);
CREATE INDEX cases_user ON cases(mark_user_id);
CREATE INDEX cases_gi ON cases(gi_id);

ALTER TABLE inspection_plans ADD COLUMN filter_gi TEXT;
ALTER TABLE inspection_plans ADD COLUMN filter_status TEXT;
ALTER TABLE inspection_plans ADD COLUMN filter_town TEXT;
ALTER TABLE inspection_plans ADD COLUMN per_target INTEGER;

ALTER TABLE inspection_draws ADD COLUMN number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE inspection_draws ADD COLUMN reason TEXT;
ALTER TABLE inspection_draws ADD COLUMN pool_hash TEXT;
ALTER TABLE inspection_draws ADD COLUMN pools TEXT;
ALTER TABLE inspection_draws ADD COLUMN algorithm TEXT;
CREATE UNIQUE INDEX inspection_draws_number ON inspection_draws(plan_id, number);
CREATE TRIGGER inspection_draws_no_delete BEFORE DELETE ON inspection_draws
BEGIN SELECT RAISE(ABORT, 'draws are never removed'); END;

ALTER TABLE inspections ADD COLUMN rectify_followup TEXT;

ALTER TABLE abnormal_entries ADD COLUMN removal_doc_no TEXT;
ALTER TABLE abnormal_entries ADD COLUMN prior_status TEXT;

CREATE TABLE report_deadlines (
    office_code TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    deadline TEXT NOT NULL,
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL,
    PRIMARY KEY (office_code, year)
) STRICT;
"""


@MIGRATIONS(name="0008_supervision")
def m0008_supervision(db: sqlite_utils.Database) -> None:
    """The supervision cycle of the official mark: the inspectors' roster (with the enterprises
    each must avoid), the enforcement-case register, the random draw's pool filters, frozen
    pools, hash, number and reason (a draw is never removed), the rectification follow-up, the
    abnormal list's removal number and the status a listing replaced, and the annual-report
    deadline of each year; the two new registers get their search index, and every search index
    is made again with an index of one-character prefixes (a search of one character typed reads
    one list), every row queued for the next build."""
    from db import search  # db.search imports this module

    for statement in _statements(_M0008):
        db.conn.execute(statement)
    for table in ("resources", "candidates", "stage_events", "protected_gis", "mark_users",
                  "annual_reports", "inspection_plans", "inspections", "abnormal_entries",
                  "county_stats", "city_units", "city_targets", "work_plans", "plan_tasks",
                  "task_progress", "reviews", "review_answers"):
        search.recreate(db, table)  # with the index of one-character prefixes
    for table in ("inspector_roster", "cases"):
        search.install(db, table)
    search.set_index_version(db, search.QUEUED)


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit the open transaction)."""
    out: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    assert not "\n".join(buf).strip(), "trailing SQL without ';'"
    return out


def migration_names() -> list[str]:
    """Names of all migrations this program knows, in order."""
    return [m.name for m in MIGRATIONS._migrations]  # no public accessor in sqlite-utils 4


SCHEMA_VERSION = len(migration_names())
"""The schema version this program writes (= number of migrations)."""
