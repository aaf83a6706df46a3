"""Partial files: a file written as ``TARGET.<pid>.part`` beside its destination and renamed into
place at the end, so that a reader never sees half a file.

A process that is killed before the rename leaves its partial file. The writer's process id in
the name tells a stale one (its process is gone) from one that another running process is
writing: :func:`clean_beside` removes only the former. This module is the lowest layer's (the
database backups write partial files too); :mod:`desktop.tempfiles` builds on it and registers
a listener (:func:`add_listener`) that notes every partial file in the process's own folder, so
that the next start removes it wherever it lies.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["partial_path", "partial_pid", "process_alive", "remove_partial", "clean_beside",
           "add_listener", "SQLITE_SIDE_FILES"]

log = logging.getLogger(__name__)

SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
"""What SQLite writes beside a database file (a partial backup copy is one): removed with it."""

_listeners: list[Callable[[Path], None]] = []


def add_listener(listener: Callable[[Path], None]) -> None:
    """Call ``listener(partial)`` for every partial file named by :func:`partial_path`, before the
    file exists (a process killed right after creating it has listed it already). Added once."""
    if listener not in _listeners:
        _listeners.append(listener)


def partial_path(target: Path) -> Path:
    """Where to write ``target`` before renaming it into place: ``TARGET.<pid>.part`` beside it
    (an absolute path). The listeners are told first."""
    target = Path(target).absolute()
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    for listener in _listeners:
        listener(partial)
    return partial


def partial_pid(name: str, target_name: str | None = None) -> int | None:
    """The process id in a partial file's name (``X.<pid>.part``, of ``target_name`` if given)."""
    stem = re.escape(target_name) if target_name is not None else r".+"
    m = re.fullmatch(stem + r"\.([0-9]+)\.part", name)
    return int(m.group(1)) if m else None


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (or may be: when in doubt, True)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but another user's
        return True
    except OSError:
        return True
    return True


def _windows_alive(pid: int) -> bool:
    """Windows: ``os.kill(pid, 0)`` would end the process; ask for its exit code instead."""
    if sys.platform != "win32":
        raise OSError("only on Windows")
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(ctypes.get_last_error() == 5)  # ERROR_ACCESS_DENIED: it exists
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def remove_partial(partial: Path) -> bool:
    """Remove a partial file (a regular file, never a link) and what SQLite kept beside it;
    returns whether the partial file was removed. Never raises: a failure is logged."""
    removed = False
    for path in (partial, *(partial.with_name(partial.name + side) for side in SQLITE_SIDE_FILES)):
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed = removed or path == partial
        except OSError as e:
            log.warning("cannot remove %s: %s", path, e)
    return removed


def clean_beside(folder: Path, target_pattern: str = r".+") -> int:
    """Remove the partial files in ``folder`` whose target's name matches ``target_pattern`` (a
    regular expression) and whose process is gone; returns how many. Another running process's
    partial file stays, and so does this process's."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".part")]
    except OSError:
        return 0
    removed = 0
    me = os.getpid()
    for name in names:
        m = re.fullmatch(f"({target_pattern})" + r"\.([0-9]+)\.part", name)
        if m is None:
            continue
        pid = int(m.group(m.lastindex or 0))
        if pid == me or process_alive(pid):
            continue
        if remove_partial(Path(folder) / name):
            removed += 1
            log.info("removed %s, left by process %d", Path(folder) / name, pid)
    return removed
