"""Building the search index in the background, beside a working window.

After an upgrade (migration 0007 queues every row), a packet of a county or the demo, more rows
wait than a keystroke may build (:data:`desktop.search.FLUSH_AT_SEARCH`); meanwhile a search
reads the tables. :class:`BackgroundBuild` watches the queue on a connection of its own and
builds whatever waits, one short transaction per chunk, so the window's own writes wait at most
a fraction of a second. When nothing waits it reads the registers' runs (:mod:`db.browse_runs`,
half a second for a city's annual reports after they changed), so a search does not have to.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from db import browse_runs
from db import search as s
from db.connection import DatabaseUnusable, open_database
from desktop import search

__all__ = ["BackgroundBuild"]

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
                    elif not waiting:  # read what a walk needs before a search does (kept while unchanged)
                        for table in s.SEARCH_TABLES:
                            if self._stop.is_set():
                                break
                            browse_runs.runs(db, table)
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
