"""Database files for the integrity tests: one with a page damaged in the middle of a table
(found by the full integrity check, not by the quick check on open), and one large enough
that its full check lasts a while (to stop it, or to write while it runs)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.connection import open_database, transaction
from desktop.ledger import init_office


def county_file(path: Path, rows: int = 3000) -> Path:
    """A closed county database (130125) whose ``audit_log`` holds ``rows`` long rows."""
    db = open_database(path)
    init_office(db, "130125", clerk="测试员")
    with transaction(db):
        db.conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO audit_log(at, actor, office_code, action, record_id, after) "
            "SELECT '2026-01-01', 'x', '130125', 'test', 'R-' || i, hex(randomblob(200)) FROM n",
            (rows,))
    db.close()
    return path


def damage_middle_page(path: Path, table: str = "audit_log") -> int:
    """Overwrite the cells of a leaf page in the middle of ``table``'s b-tree (neither its
    first nor its last leaf, which the quick check on open reads); returns the page number."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path", (table,))]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert len(leaves) >= 5, f"{table} is too small to damage in the middle"
    page = leaves[len(leaves) // 2]
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size + 8)  # after the leaf's header: its cell pointers and cells
        f.write(b"\xff" * (page_size - 16))
    return page
