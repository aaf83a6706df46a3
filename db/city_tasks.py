"""The query behind the task × unit grid: each office's latest live progress report per task.

One statement for all the tasks asked for (a window over ``task_progress`` found through its
index ``task_progress_task(task_id, office_code)``): latest ``report_date``, then latest
``updated_at``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

__all__ = ["LatestProgress", "latest_progress"]

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class LatestProgress:
    """An office's latest live progress report on a task."""

    id: str
    office_code: str
    task_id: str
    status: str
    report_date: str
    text: str | None
    attachments: str | None
    """As stored (a JSON list)."""
    updated_at: str
    revision: int


def latest_progress(db: sqlite_utils.Database, task_ids: Sequence[str],
                    office_code: str | None = None) -> dict[tuple[str, str], LatestProgress]:
    """``(task_id, office_code) → latest report`` for these tasks (of one office when given)."""
    out: dict[tuple[str, str], LatestProgress] = {}
    ids = list(dict.fromkeys(task_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        params: list[str] = list(chunk)
        only = ""
        if office_code is not None:
            only = " AND office_code = ?"
            params.append(office_code)
        sql = ("SELECT id, office_code, task_id, status, report_date, text, attachments, updated_at, revision "
               "FROM (SELECT p.*, row_number() OVER (PARTITION BY task_id, office_code "
               "ORDER BY report_date DESC, updated_at DESC, id DESC) AS n FROM task_progress AS p "
               f"WHERE deleted = 0 AND task_id IN ({', '.join('?' for _ in chunk)}){only}) WHERE n = 1")
        for row in db.conn.execute(sql, params):
            p = LatestProgress(*row)
            out[(p.task_id, p.office_code)] = p
    return out
