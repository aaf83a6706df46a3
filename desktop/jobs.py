"""What long jobs (export, import, merge, printing, demo data) share: progress and cancel.

A job is a plain function that takes ``progress(done, total)`` and ``cancelled()``
callables; the GUI runs it on a worker thread and wires them to a progress dialog.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress", "CancelCheck", "Cancelled", "no_progress", "never_cancelled", "check_cancel"]

Progress = Callable[[int, int], None]
"""``progress(done, total)``; total is 0 when unknown."""
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled the job; whatever it was writing was rolled back."""


def no_progress(done: int, total: int) -> None:
    """A progress callback that ignores progress."""


def never_cancelled() -> bool:
    """A cancel flag that is never raised."""
    return False


def check_cancel(cancelled: CancelCheck) -> None:
    """Raise :class:`Cancelled` if the flag is up."""
    if cancelled():
        raise Cancelled("已取消 / cancelled")
