"""The program's own folder for temporary files, and what a killed process left in it.

An export writes worksheet XML to temporary files before it zips them (xlsxwriter's
constant-memory mode), and writes the workbook itself as ``DEST.xlsx.<pid>.part`` beside the
destination, renamed at the end. A process that is killed (``kill -9``, a power cut, the task
manager) cleans up neither. So:

- every temporary file goes into this process's own folder, ``<pid>-<random>`` under
  :func:`desktop.paths.user_temp_dir` (per user, never the shared system temp folder, where
  the county's data would lie as plain XML for anyone to read): :func:`temp_folder` gives a
  fresh folder in it, removed when the work ends, whatever the outcome;
- every partial file is named with the writing process's id (:func:`partial_path`) and listed
  in that process's folder;
- at each start the command line and the window call :func:`at_start`: the folders of
  processes that are gone are removed, with the partial files they list (:func:`clean_stale`),
  and this process's folder becomes :mod:`tempfile`'s default, so the temporary files of every
  library go there too (openpyxl's worksheet files while an error workbook is saved, the print
  spool); and before a file is written, the partial files beside it that a process now gone
  left are removed (:func:`clean_partials_beside`).

A folder or partial file is removed only if it is the program's (its name says so) and the
process that made it is no longer running: two windows, or a window and the command line,
never delete each other's files.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from db import partials
from db.partials import process_alive
from desktop import paths

__all__ = ["writing", "at_start", "process_dir", "temp_folder", "partial_path", "clean_partials_beside",
           "clean_stale", "process_alive", "LEGACY_STALE_S"]

log = logging.getLogger(__name__)

_FOLDER = re.compile(r"(?P<pid>[0-9]+)-[0-9a-f]{8}")
"""A process folder's name: the process id and a random part (a process id is reused, after a
restart say; the random part tells this process's folder from an older one of the same id)."""
_PARTIALS = "partials.txt"
"""In a process folder: the partial files it writes, one path a line."""

_lock = threading.Lock()
_owned: list[tuple[int, Path]] = []
"""The folders this process made, with its id then (a forked child is another process)."""


def process_dir() -> Path:
    """This process's private folder (made on first use, readable by this user only; removed
    when the process ends normally, else at a later start by :func:`clean_stale`)."""
    with _lock:
        root = paths.user_temp_dir()
        pid = os.getpid()
        for owner, folder in reversed(_owned):
            if owner == pid and folder.parent == root and folder.is_dir():
                return folder
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        while True:
            folder = root / f"{pid}-{secrets.token_hex(4)}"
            try:
                folder.mkdir(mode=0o700)
                break
            except FileExistsError:
                continue
        if not _owned:
            atexit.register(_remove_own)
        _owned.append((pid, folder))
        log.debug("temporary files in %s", folder)
        return folder


def _own_folders() -> list[Path]:
    pid = os.getpid()
    return [folder for owner, folder in _owned if owner == pid]


def at_start() -> str | None:
    """At a start of the program: remove what processes no longer running left
    (:func:`clean_stale`), and make this process's folder :mod:`tempfile`'s default (its
    ``tempdir``). Returns the default before, for a caller that runs in a longer-lived process
    (the command line called in-process) to put back. Never raises: without its folder the
    program keeps the system's default, and the writer fails with a clear error."""
    previous = tempfile.tempdir
    clean_stale()
    try:
        tempfile.tempdir = str(process_dir())
    except OSError as e:
        log.warning("cannot make the folder for temporary files in %s: %s", paths.user_temp_dir(), e)
    return previous


def _remove_own() -> None:
    for folder in _own_folders():
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def temp_folder(prefix: str = "work-") -> Iterator[Path]:
    """A new empty folder inside :func:`process_dir`, removed with its content on exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=process_dir()))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def partial_path(target: Path) -> Path:
    """Where to write ``target`` before renaming it into place: ``TARGET.<pid>.part`` beside
    it, listed in this process's folder (before the file exists) so that a later start removes
    it if this process dies before the rename (:func:`db.partials.partial_path`; the partial
    files the database layer writes, its backup copies, are listed the same way)."""
    return partials.partial_path(target)


@contextlib.contextmanager
def writing(target: Path | str) -> Iterator[Path]:
    """Write ``target`` whole or not at all: yields its partial path (:func:`partial_path`,
    after removing what dead processes left beside it), renamed into place when the block
    ends, removed when it raises."""
    target = Path(target)
    clean_partials_beside(target)
    partial = partial_path(target)
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _list_partial(partial: Path) -> None:
    """Note ``partial`` in this process's folder, on disk before the file is made."""
    listed = process_dir() / _PARTIALS
    with _lock, open(listed, "a", encoding="utf-8") as fh:
        fh.write(str(partial) + "\n")
        fh.flush()
        os.fsync(fh.fileno())  # a power cut, not only a kill, keeps the list


partials.add_listener(_list_partial)


LEGACY_STALE_S = 3600
"""A partial file of the older naming, ``TARGET.part`` (no process id), counts as left by a
killed process once it has not been written to for this long (an export takes seconds)."""


def clean_partials_beside(target: Path) -> int:
    """Remove the partial files of ``target`` (``TARGET.<pid>.part``) that processes now gone
    left beside it, and a ``TARGET.part`` of the older naming untouched for
    :data:`LEGACY_STALE_S`; returns how many. Another running process's partial file stays."""
    target = Path(target)
    removed = 0
    legacy = target.with_name(target.name + ".part")
    try:
        if (legacy.is_file() and not legacy.is_symlink()
                and time.time() - legacy.stat().st_mtime > LEGACY_STALE_S):
            legacy.unlink()
            removed += 1
            log.info("removed %s, left by an earlier version", legacy)
    except OSError as e:
        log.warning("cannot remove %s: %s", legacy, e)
    return removed + partials.clean_beside(target.parent, re.escape(target.name))


def clean_stale() -> int:
    """Remove what processes of the program that are no longer running left behind: their
    folders under :func:`desktop.paths.user_temp_dir` and the partial files those list.
    Returns how many folders were removed; never raises (a start must not fail on this)."""
    try:
        root = paths.user_temp_dir()
        entries = list(root.iterdir()) if root.is_dir() else []
    except OSError as e:
        log.warning("cannot look for stale temporary files: %s", e)
        return 0
    removed = 0
    me = os.getpid()
    mine = set(_own_folders())
    for entry in entries:
        m = _FOLDER.fullmatch(entry.name)
        if m is None or entry in mine:
            continue
        pid = int(m["pid"])
        # Our own id but not our folder: an older process of the same id (before a restart).
        if pid != me and process_alive(pid):
            continue
        try:
            if entry.is_symlink() or not entry.is_dir():
                continue
            _remove_listed_partials(entry, pid)
            shutil.rmtree(entry, ignore_errors=True)
            if entry.exists():
                log.warning("cannot remove the stale temporary folder %s", entry)
                continue
        except OSError as e:
            log.warning("cannot remove the stale temporary folder %s: %s", entry, e)
            continue
        removed += 1
        log.info("removed the temporary files of process %d (%s)", pid, entry)
    return removed


def _remove_listed_partials(folder: Path, pid: int) -> None:
    try:
        listed = (folder / _PARTIALS).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return
    for line in dict.fromkeys(listed):
        partial = Path(line)
        if not line or partials.partial_pid(partial.name) != pid:
            continue
        if partials.remove_partial(partial):
            log.info("removed %s, left by process %d", partial, pid)
