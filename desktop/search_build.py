"""Building the search index in the background, beside a working window.

After an upgrade (migration 0007 queues every row), a packet of a county or the demo, more rows
wait than a keystroke may build (:data:`desktop.search.FLUSH_AT_SEARCH`); meanwhile a search
reads the tables. :class:`BackgroundBuild` watches the queue on a connection of its own and
builds whatever waits, one short transaction per chunk, so the window's own writes wait at most
a fraction of a second. When nothing waits it reads what a search's walk needs (:func:`warm`),
so a search does not have to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from db import browse_runs, browse_spans
from db.connection import DatabaseUnusable, open_database
from desktop import search
from desktop.registers import REGISTRY

__all__ = ["BackgroundBuild", "warm"]

log = logging.getLogger(__name__)


class BackgroundBuild:
    """Watch the file at ``path`` every ``interval`` seconds and build the index when more than
    :data:`desktop.search.FLUSH_AT_SEARCH` rows wait. ``start()``, ``stop()``."""

    def __init__(self, path: Path, interval: float = 3.0):
        self.path = Path(path)
        self.interval = interval
        self.built = 0
        """Rows built so far (for the status bar and tests)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)

    def start(self) -> BackgroundBuild:
        """Start watching (returns self)."""
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        """Whether the watching thread is alive."""
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            db = open_database(self.path, create=False, check=False)
        except DatabaseUnusable:
            log.exception("search index: cannot open %s", self.path)
            return
        try:
            while not self._stop.is_set():
                try:
                    waiting = search.pending(db, search.FLUSH_AT_SEARCH)
                    if waiting > search.FLUSH_AT_SEARCH:
                        stats = search.flush(db, cancelled=self._stop.is_set, commit_every=1)
                        self.built += stats.rows
                    elif not waiting:
                        warm(db, self._stop.is_set)
                except Exception:  # the index is a help; a failure must not take the window down
                    log.exception("search index: building in the background failed")
                self._stop.wait(self.interval)
        finally:
            db.conn.close()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop (between chunks) and wait for the thread; True if it ended in time."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()


def warm(db: sqlite_utils.Database, stop: Callable[[], bool] | None = None) -> None:
    """Read what a search's walk leaps by, where a table changed since it was last read: every
    register's runs (:mod:`db.browse_runs`: half a second for a city's 2.2 million annual
    reports) and the spans of its references (:mod:`db.browse_spans`: about two seconds for
    theirs); kept while unchanged, so this is quick when nothing changed. ``stop`` between
    tables."""
    for kind in REGISTRY.values():
        if stop is not None and stop():
            return
        browse_runs.runs(db, kind.table)
        for f in kind.refs():
            if stop is not None and stop():
                return
            browse_spans.spans(db, kind.table, f.key, REGISTRY[f.ref or ""].table)
