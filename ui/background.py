"""Reading a large file off the GUI thread: the window is drawn at once, the numbers follow.

On a city of 22 large counties (3.2 million records, 1.3 GB) a whole-register query takes
seconds: the dashboard's counts 5 s, the ordered ids of 2.3 million annual reports 2.4 s.
On a file larger than :data:`LARGE_FILE_BYTES` those first reads run on a thread of their own,
with a connection of their own (:func:`read_in_background`); a smaller file is read at once,
as before (well under a second).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.ledger import Ledger

__all__ = ["LARGE_FILE_BYTES", "is_large", "read_in_background"]

log = logging.getLogger(__name__)

LARGE_FILE_BYTES = 200 * 1024 * 1024
"""A database file larger than this is read in the background (about 0.7 s of dashboard
counting at this size)."""


def is_large(ledger: Ledger) -> bool:
    """Whether the ledger's file is larger than :data:`LARGE_FILE_BYTES`."""
    path = ledger.path
    try:
        return path is not None and path.stat().st_size > LARGE_FILE_BYTES
    except OSError:
        return False


class _Relay(QObject):
    """Hands the result of the worker thread to the GUI thread (a queued signal). A child of
    the receiver: if the receiver is gone first, so is the relay, and the result is dropped."""

    done = Signal(object)


def read_in_background(receiver: QObject, path: Path, read: Callable[[Ledger], Any],
                       on_done: Callable[[Any], None], *, name: str = "background-read") -> None:
    """Run ``read(ledger)`` on a new thread, with the file at ``path`` opened there; then
    ``on_done(result)`` on the GUI thread (the exception raised instead of a result, logged)."""
    relay = _Relay(receiver)
    relay.done.connect(on_done)

    def work() -> None:
        try:
            with Ledger.open(path) as worker:
                result: Any = read(worker)
        except Exception as e:  # handed to on_done, not raised on a thread nobody watches
            log.exception("%s of %s", name, path)
            result = e
        try:
            relay.done.emit(result)
        except RuntimeError:  # the receiver (and its relay) went away meanwhile
            log.debug("%s of %s: nobody waits for it any more", name, path)

    threading.Thread(target=work, name=name, daemon=True).start()
